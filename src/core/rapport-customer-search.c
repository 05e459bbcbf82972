/* rapport-customer-search.c: the few best customers for a search from outside the window
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The desktop's search (GNOME Shell's overview) asks every provider on
 * each keystroke, waits for every provider and shows a handful of results
 * per application, so this answers at once with the first
 * RAPPORT_CUSTOMER_SEARCH_LIMIT matches of name, then of company, emails
 * and phones, never the whole list the window's search shows.  The terms come from another program: they are bounded and
 * quoted, so FTS5 syntax in them is searched for, never obeyed.
 */

#define G_LOG_DOMAIN "rapport-customer-search"

#include "config.h"

#include "rapport-customer-list.h"
#include "rapport-customer-search.h"
#include "rapport-time.h"

/* A pasted page must not become a query of thousands of terms; the words
 * kept still narrow the results, and a cut word is a shorter prefix, so
 * what is found still matches what was typed as far as it goes. */
#define MAX_TERMS 8
#define MAX_TERM_BYTES 64

void
rapport_customer_hit_free (RapportCustomerHit *hit)
{
  g_free (hit->name);
  g_free (hit->company);
  g_free (hit);
}

/**
 * rapport_customer_search_query:
 * @terms: the words typed, as the desktop split them
 *
 * Returns: (nullable): the words to search for, quoted for FTS5 (see
 *   rapport_fts_query_from_text ()), or %NULL when @terms hold no word
 *   of two letters or digits or more
 */
/* The letters and digits of @word, which FTS5 indexes; the rest only
 * separates them. */
static guint
count_alnum (const char *word)
{
  guint n = 0;

  for (const char *p = word; *p; p = g_utf8_next_char (p))
    n += g_unichar_isalnum (g_utf8_get_char (p)) ? 1 : 0;
  return n;
}

char *
rapport_customer_search_query (const char * const *terms)
{
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean has_long_word = FALSE;

  if (terms == NULL)
    return NULL;

  for (guint i = 0; terms[i] != NULL && words->len < MAX_TERMS; i++)
    {
      g_auto(GStrv) parts = g_strsplit_set (terms[i], " \t\n\r", -1);

      for (guint j = 0; parts[j] != NULL && words->len < MAX_TERMS; j++)
        {
          const char *end;

          if (*parts[j] == '\0' || !g_utf8_validate (parts[j], -1, NULL))
            continue;

          end = parts[j] + strlen (parts[j]);
          if (end - parts[j] > MAX_TERM_BYTES)
            end = g_utf8_find_prev_char (parts[j], parts[j] + MAX_TERM_BYTES + 1);
          g_ptr_array_add (words, g_strndup (parts[j], end - parts[j]));
          has_long_word |= count_alnum (g_ptr_array_index (words, words->len - 1)) > 1;
        }
    }

  /* A one-letter prefix matches a good part of any book and costs FTS5
   * the merging of every word it starts (10 ms and more at 100,000
   * customers): alone it finds nothing; beside a longer word it is left
   * out, so the results are those of the longer words until the next
   * keystroke narrows them. */
  if (!has_long_word)
    return NULL;
  for (guint i = 0; i < words->len; i++)
    {
      const char *word = g_ptr_array_index (words, i);

      if (count_alnum (word) < 2)
        continue;
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, word);
    }
  return rapport_fts_query_from_text (text->str);
}

/* Appends to @ids, up to the limit, the customers whose @columns match
 * @fts and are not in @ids yet, in the order of the index. */
static gboolean
search_columns (RapportStore  *reader,
                const char    *sql,
                const char    *fts,
                GArray        *ids,
                GError       **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  guint found = ids->len;
  int rc = SQLITE_DONE;

  stmt = rapport_store_prepare (reader, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, fts, -1, SQLITE_TRANSIENT);
  /* Enough to fill the results past the ones found already. */
  sqlite3_bind_int (stmt, 2, RAPPORT_CUSTOMER_SEARCH_LIMIT + found);

  while (ids->len < RAPPORT_CUSTOMER_SEARCH_LIMIT && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gboolean seen = FALSE;

      for (guint i = 0; i < found && !seen; i++)
        seen = g_array_index (ids, gint64, i) == id;
      if (!seen)
        g_array_append_val (ids, id);
    }
  if (ids->len < RAPPORT_CUSTOMER_SEARCH_LIMIT && rc != SQLITE_DONE)
    return rapport_store_set_error (reader, rc, error, "searching customers");
  return TRUE;
}

/**
 * rapport_customer_search:
 * @reader: a read-only connection, in a worker thread
 * @fts: quoted words from rapport_customer_search_query ()
 *
 * Customers whose name matches come first, then those whose company,
 * emails or phones do.  Within each, FTS5's ranking is not asked for:
 * it scores every match, and a two-letter prefix matches thousands (40 ms
 * at 100,000 customers, where the desktop waits for every provider).
 *
 * Returns: (transfer full) (element-type gint64): the ids of the first
 *   RAPPORT_CUSTOMER_SEARCH_LIMIT matches
 */
GArray *
rapport_customer_search (RapportStore  *reader,
                         const char    *fts,
                         GError       **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *in_name = NULL;
  g_autofree char *anywhere = NULL;

  g_return_val_if_fail (RAPPORT_IS_STORE (reader), NULL);
  g_return_val_if_fail (fts != NULL, NULL);

  /* The column filters are ours; the words inside are quoted. */
  in_name = g_strconcat ("{name} : (", fts, ")", NULL);
  anywhere = g_strconcat ("{name company email other_values} : (", fts, ")", NULL);

  if (!search_columns (reader,
                       "SELECT rowid FROM customer_fts WHERE customer_fts MATCH ?1 LIMIT ?2",
                       in_name, ids, error) ||
      !search_columns (reader,
                       "SELECT rowid FROM customer_fts WHERE customer_fts MATCH ?1 LIMIT ?2",
                       anywhere, ids, error))
    return NULL;
  return g_steal_pointer (&ids);
}

/**
 * rapport_customer_search_hits:
 * @reader: a read-only connection, in a worker thread
 * @ids: (array length=n_ids): customers' ids
 *
 * Returns: (transfer full) (element-type RapportCustomerHit): what a
 *   result shows of each customer still in the book, in the order of @ids
 */
GPtrArray *
rapport_customer_search_hits (RapportStore  *reader,
                              const gint64  *ids,
                              guint          n_ids,
                              GError       **error)
{
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_customer_hit_free);

  g_return_val_if_fail (RAPPORT_IS_STORE (reader), NULL);
  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);

  for (guint i = 0; i < n_ids; i++)
    {
      g_autoptr(RapportStmt) stmt = NULL;
      RapportCustomerHit *hit;
      int rc;

      stmt = rapport_store_prepare (reader,
                                    "SELECT c.name, c.company,"
                                    " (SELECT min (coalesce (f.snoozed_until, f.due_at)) FROM follow_up f"
                                    "   WHERE f.customer_id = c.id AND f.state IN ('due', 'snoozed'))"
                                    " FROM customer c WHERE c.id = ?1",
                                    error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, ids[i]);

      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE)
        continue;  /* deleted since it was found */
      if (rc != SQLITE_ROW)
        {
          rapport_store_set_error (reader, rc, error, "reading a search result");
          return NULL;
        }

      hit = g_new0 (RapportCustomerHit, 1);
      hit->id = ids[i];
      hit->name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      hit->company = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      if (!rapport_time_parse_utc ((const char *) sqlite3_column_text (stmt, 2), &hit->next_check_in))
        hit->next_check_in = 0;
      g_ptr_array_add (hits, hit);
    }

  return g_steal_pointer (&hits);
}
