/* rapport-testimonial.c: what a customer said about the work, and who may read it
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A testimonial's permission decides where it may ever appear: private and
 * internal ones stay in the book, public ones may go into sales material,
 * with the customer's name or without it.  Recording a new testimonial is
 * also the answer to the playbook's testimonial ask, so saving one closes
 * that follow-up as done.
 */

#define G_LOG_DOMAIN "rapport-testimonial"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-customer.h"
#include "rapport-customer-list.h"
#include "rapport-drafts.h"
#include "rapport-follow-ups.h"
#include "rapport-limits.h"
#include "rapport-referral.h"
#include "rapport-testimonial.h"
#include "rapport-time.h"

struct _RapportTestimonial
{
  GObject  parent_instance;

  gint64   id;              /* 0 until saved */
  gint64   customer_id;
  char    *customer_name;   /* read with the row, for showing it */
  char    *company;
  char    *quote;
  int      rating;          /* 1–5; 0: none given */
  char    *received_on;     /* YYYY-MM-DD */
  char    *source;
  char    *tags;
  char    *products;
  char    *permission;
};

G_DEFINE_FINAL_TYPE (RapportTestimonial, rapport_testimonial, G_TYPE_OBJECT)

const char * const rapport_testimonial_sources[] = {
  "email", "call", "review_site", "letter", NULL
};

/* From the most guarded to the most open, as the UI offers them. */
const char * const rapport_testimonial_permissions[] = {
  "private", "internal", "public_named", "public_anonymous", NULL
};

#define COLUMNS \
  "t.id, t.customer_id, c.name, c.company, t.quote, coalesce (t.rating, 0), t.received_on," \
  " t.source, t.tags, t.products, t.permission"

static void
rapport_testimonial_finalize (GObject *object)
{
  RapportTestimonial *self = (RapportTestimonial *)object;

  g_free (self->customer_name);
  g_free (self->company);
  g_free (self->quote);
  g_free (self->received_on);
  g_free (self->source);
  g_free (self->tags);
  g_free (self->products);
  g_free (self->permission);

  G_OBJECT_CLASS (rapport_testimonial_parent_class)->finalize (object);
}

static void
rapport_testimonial_class_init (RapportTestimonialClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rapport_testimonial_finalize;
}

static void
rapport_testimonial_init (RapportTestimonial *self)
{
  self->customer_name = g_strdup ("");
  self->company = g_strdup ("");
  self->quote = g_strdup ("");
  self->source = g_strdup ("email");
  self->tags = g_strdup ("");
  self->products = g_strdup ("");
  self->permission = g_strdup ("private");
}

/**
 * rapport_testimonial_new:
 *
 * A testimonial received today, private until the customer says otherwise.
 */
RapportTestimonial *
rapport_testimonial_new (gint64 customer_id)
{
  RapportTestimonial *self = g_object_new (RAPPORT_TYPE_TESTIMONIAL, NULL);
  g_autoptr(GDateTime) today = g_date_time_new_from_unix_local (rapport_time_now ());

  self->customer_id = customer_id;
  self->received_on = g_date_time_format (today, "%Y-%m-%d");
  return self;
}

static RapportTestimonial *
from_row (RapportStmt *stmt)
{
  RapportTestimonial *self = g_object_new (RAPPORT_TYPE_TESTIMONIAL, NULL);

  g_free (self->customer_name);
  g_free (self->company);
  g_free (self->quote);
  g_free (self->source);
  g_free (self->tags);
  g_free (self->products);
  g_free (self->permission);

  self->id = sqlite3_column_int64 (stmt, 0);
  self->customer_id = sqlite3_column_int64 (stmt, 1);
  self->customer_name = rapport_stmt_column_dup (stmt, 2);
  self->company = rapport_stmt_column_dup (stmt, 3);
  self->quote = rapport_stmt_column_dup (stmt, 4);
  self->rating = sqlite3_column_int (stmt, 5);
  self->received_on = rapport_stmt_column_dup (stmt, 6);
  self->source = rapport_stmt_column_dup (stmt, 7);
  self->tags = rapport_stmt_column_dup (stmt, 8);
  self->products = rapport_stmt_column_dup (stmt, 9);
  self->permission = rapport_stmt_column_dup (stmt, 10);
  return self;
}

RapportTestimonial *
rapport_testimonial_load (RapportStore  *store,
                          gint64         id,
                          GError       **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);

  stmt = rapport_store_prepare (store,
                                "SELECT " COLUMNS " FROM testimonial t"
                                "  JOIN customer c ON c.id = t.customer_id WHERE t.id = ?",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return from_row (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_FOUND,
                 _("This testimonial is no longer in the book"));
  else
    rapport_store_set_error (store, rc, error, _("Cannot read the testimonial"));
  return NULL;
}

/**
 * rapport_normalize_products:
 * @products: product names separated by ';'
 *
 * Unlike tags, product names keep their capitals ("Office Wi-Fi"); the
 * same product twice in other case is kept once.
 *
 * Returns: the names trimmed, without duplicates, joined by ';'
 */
char *
rapport_normalize_products (const char *products)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();

  if (products == NULL)
    return g_strdup ("");

  parts = g_strsplit (products, ";", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *name = g_strstrip (parts[i]);
      gboolean seen = FALSE;

      if (*name == '\0')
        continue;
      for (guint j = 0; j < kept->len && !seen; j++)
        {
          g_autofree char *a = g_utf8_casefold (g_ptr_array_index (kept, j), -1);
          g_autofree char *b = g_utf8_casefold (name, -1);

          seen = g_str_equal (a, b);
        }
      if (!seen)
        g_ptr_array_add (kept, name);
    }
  g_ptr_array_add (kept, NULL);

  return g_strjoinv (";", (char **) kept->pdata);
}

static gboolean
invalid (GError     **error,
         const char  *message)
{
  g_set_error_literal (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
validate (RapportTestimonial  *self,
          GError             **error)
{
  g_autofree char *quote = g_strstrip (g_strdup (self->quote));
  GDate date;

  if (self->customer_id <= 0)
    return invalid (error, _("Choose the customer who gave this testimonial"));
  if (*quote == '\0')
    return invalid (error, _("A testimonial needs the customer’s words: the quote is empty"));
  if (!g_utf8_validate (self->quote, -1, NULL))
    return invalid (error, _("The quote is not valid UTF-8 text"));
  if (!rapport_limit_check (RAPPORT_LIMIT_QUOTE, self->quote, error) ||
      !rapport_limit_check_tags (RAPPORT_LIMIT_TAGS, self->tags, error) ||
      !rapport_limit_check_tags (RAPPORT_LIMIT_PRODUCTS, self->products, error))
    return FALSE;
  if (self->rating < 0 || self->rating > 5)
    return invalid (error, _("A rating is 1 to 5 stars, or none"));
  if (!rapport_date_parse (self->received_on, &date))
    {
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID,
                   _("“%s” is not a date; write the day it was received as YYYY-MM-DD"),
                   self->received_on != NULL ? self->received_on : "");
      return FALSE;
    }
  if (!g_strv_contains (rapport_testimonial_sources, self->source))
    {
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID,
                   _("“%s” is not a source of testimonials (use email, call, review_site or letter)"),
                   self->source);
      return FALSE;
    }
  if (!g_strv_contains (rapport_testimonial_permissions, self->permission))
    {
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID,
                   _("“%s” is not a permission (use private, internal, public_named or "
                     "public_anonymous)"),
                   self->permission);
      return FALSE;
    }
  return TRUE;
}

static gboolean
customer_exists (RapportStore  *store,
                 gint64         customer_id,
                 GError       **error)
{
  g_autoptr(RapportStmt) stmt = rapport_store_prepare (store, "SELECT 1 FROM customer WHERE id = ?",
                                                       error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc == SQLITE_DONE)
    g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_FOUND,
                 _("The customer of this testimonial is no longer in the book"));
  else
    rapport_store_set_error (store, rc, error, _("Cannot read the customer"));
  return FALSE;
}

static gboolean
write_row (RapportTestimonial  *self,
           RapportStore        *store,
           GError             **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  g_autofree char *quote = g_strstrip (g_strdup (self->quote));
  g_autofree char *tags = rapport_normalize_tags (self->tags);
  g_autofree char *products = rapport_normalize_products (self->products);

  if (self->id == 0)
    stmt = rapport_store_prepare (store,
                                  "INSERT INTO testimonial (quote, rating, received_on, source, tags,"
                                  "  products, permission, customer_id)"
                                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error);
  else
    stmt = rapport_store_prepare (store,
                                  "UPDATE testimonial SET quote = ?1, rating = ?2, received_on = ?3,"
                                  "  source = ?4, tags = ?5, products = ?6, permission = ?7,"
                                  "  customer_id = ?8"
                                  " WHERE id = ?9", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, quote, -1, SQLITE_TRANSIENT);
  if (self->rating > 0)
    sqlite3_bind_int (stmt, 2, self->rating);
  else
    sqlite3_bind_null (stmt, 2);
  sqlite3_bind_text (stmt, 3, self->received_on, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, self->source, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, tags, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, products, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, self->permission, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 8, self->customer_id);
  if (self->id != 0)
    sqlite3_bind_int64 (stmt, 9, self->id);

  if (!rapport_store_step_done (store, stmt, error))
    return FALSE;
  if (self->id == 0)
    self->id = sqlite3_last_insert_rowid (rapport_store_get_db (store));

  g_free (self->quote);
  self->quote = g_steal_pointer (&quote);
  g_free (self->tags);
  self->tags = g_steal_pointer (&tags);
  g_free (self->products);
  self->products = g_steal_pointer (&products);
  return TRUE;
}

/**
 * rapport_testimonial_open_ask:
 *
 * Returns: the id of the customer's open testimonial_ask follow-up, 0 if
 *   there is none, or -1 with @error set
 */
gint64
rapport_testimonial_open_ask (RapportStore  *store,
                              gint64         customer_id,
                              GError       **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), -1);

  stmt = rapport_store_prepare (store,
                                "SELECT id FROM follow_up WHERE customer_id = ?"
                                "   AND kind = 'testimonial_ask' AND state IN ('due', 'snoozed')"
                                " ORDER BY due_at LIMIT 1",
                                error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  if (rc == SQLITE_DONE)
    return 0;
  rapport_store_set_error (store, rc, error, _("Cannot read the follow-ups"));
  return -1;
}

/**
 * rapport_testimonial_asks:
 *
 * Returns: (transfer full): a #GListModel of the #RapportCustomer s whose
 *   testimonial ask is open, the longest waiting first
 */
GListModel *
rapport_testimonial_asks (RapportStore  *store,
                          GError       **error)
{
  g_autoptr(GListStore) customers = g_list_store_new (RAPPORT_TYPE_CUSTOMER);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(RapportStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);

  stmt = rapport_store_prepare (store,
                                "SELECT customer_id FROM follow_up"
                                " WHERE kind = 'testimonial_ask' AND state IN ('due', 'snoozed')"
                                " GROUP BY customer_id ORDER BY min (coalesce (snoozed_until, due_at))"
                                " LIMIT 200",
                                error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      rapport_store_set_error (store, rc, error, _("Cannot read the follow-ups"));
      return NULL;
    }
  g_clear_pointer (&stmt, rapport_stmt_release);

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(RapportCustomer) customer = rapport_customer_load (store, g_array_index (ids, gint64, i),
                                                                   error);
      if (customer == NULL)
        return NULL;
      g_list_store_append (customers, customer);
    }
  return G_LIST_MODEL (g_steal_pointer (&customers));
}

/* A new testimonial is the customer's reply to the ask: the ask is done
 * (which logs the contact), not silently withdrawn by the playbook. */
static gboolean
answer_ask (RapportStore                   *store,
            gint64                          customer_id,
            const RapportPlaybookSettings  *settings,
            gint64                          now,
            GError                        **error)
{
  gint64 ask = rapport_testimonial_open_ask (store, customer_id, error);

  if (ask < 0)
    return FALSE;
  if (ask > 0)
    return rapport_follow_up_complete (store, ask, settings, now, error);
  return settings == NULL ||
         rapport_follow_ups_sync_customer (store, customer_id, settings, now, error);
}

/**
 * rapport_testimonial_save:
 * @settings: (nullable): the playbook's settings, to bring the customer's
 *   follow-ups up to date in the same transaction; %NULL leaves them
 * @now: the clock, for the follow-ups
 *
 * Inserts the testimonial (giving it an id) or updates it, in one
 * transaction.  A new testimonial answers the customer's open testimonial
 * ask, which is marked done.
 */
gboolean
rapport_testimonial_save (RapportTestimonial             *self,
                          RapportStore                   *store,
                          const RapportPlaybookSettings  *settings,
                          gint64                          now,
                          GError                        **error)
{
  gboolean is_new;

  g_return_val_if_fail (RAPPORT_IS_TESTIMONIAL (self), FALSE);
  g_return_val_if_fail (RAPPORT_IS_STORE (store), FALSE);

  if (!validate (self, error) || !rapport_store_begin (store, error))
    return FALSE;

  is_new = self->id == 0;
  if (!customer_exists (store, self->customer_id, error) ||
      !write_row (self, store, error))
    goto failed;

  if (is_new ? !answer_ask (store, self->customer_id, settings, now, error)
             : settings != NULL &&
               !rapport_follow_ups_sync_customer (store, self->customer_id, settings, now, error))
    goto failed;

  if (!rapport_store_commit (store, error))
    goto failed;
  return TRUE;

failed:
  if (is_new)
    self->id = 0;
  rapport_store_rollback (store);
  return FALSE;
}

/**
 * rapport_testimonial_delete:
 * @settings: (nullable): as for rapport_testimonial_save()
 *
 * Deletes the testimonial; without one on file, the playbook may ask the
 * customer again.
 */
gboolean
rapport_testimonial_delete (RapportStore                   *store,
                            gint64                          id,
                            const RapportPlaybookSettings  *settings,
                            gint64                          now,
                            GError                        **error)
{
  g_autoptr(RapportStmt) find = NULL;
  gint64 customer_id;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), FALSE);

  if (!rapport_store_begin (store, error))
    return FALSE;

  find = rapport_store_prepare (store, "SELECT customer_id FROM testimonial WHERE id = ?", error);
  if (find == NULL)
    goto failed;
  sqlite3_bind_int64 (find, 1, id);
  rc = sqlite3_step (find);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_FOUND,
                     _("This testimonial is no longer in the book"));
      else
        rapport_store_set_error (store, rc, error, _("Cannot read the testimonial"));
      goto failed;
    }
  customer_id = sqlite3_column_int64 (find, 0);
  g_clear_pointer (&find, rapport_stmt_release);

  if (!rapport_store_write_id (store, "DELETE FROM testimonial WHERE id = ?", id, error))
    goto failed;

  if (settings != NULL &&
      !rapport_follow_ups_sync_customer (store, customer_id, settings, now, error))
    goto failed;
  if (!rapport_store_commit (store, error))
    goto failed;
  return TRUE;

failed:
  rapport_store_rollback (store);
  return FALSE;
}

/* The SQL is assembled from constant fragments only; every value the user
 * chose is a bound parameter. */
static char *
build_sql (const RapportTestimonialFilter *filter,
           const char                     *fts)
{
  return g_strconcat ("SELECT " COLUMNS " FROM testimonial t JOIN customer c ON c.id = t.customer_id"
                      " WHERE 1",
                      fts != NULL
                        ? " AND t.id IN (SELECT rowid FROM testimonial_fts WHERE testimonial_fts MATCH ?1)"
                        : "",
                      filter->tag != NULL && *filter->tag != '\0'
                        ? " AND instr (';' || lower (t.tags) || ';', ';' || ?2 || ';') > 0" : "",
                      filter->product != NULL && *filter->product != '\0'
                        ? " AND instr (';' || lower (t.products) || ';', ';' || lower (?3) || ';') > 0"
                        : "",
                      filter->min_rating > 0 ? " AND t.rating >= ?4" : "",
                      filter->permission != NULL && *filter->permission != '\0'
                        ? " AND t.permission = ?5" : "",
                      filter->public_only
                        ? " AND t.permission IN ('public_named', 'public_anonymous')" : "",
                      " ORDER BY t.received_on DESC, t.id DESC LIMIT ?6",
                      NULL);
}

/* The statement that walks (or, with @count, counts) the testimonials
 * passing @filter; values are bound as copies, so it outlives them. */
static RapportStmt *
prepare_filtered (RapportStore                    *store,
                  const RapportTestimonialFilter  *filter,
                  gboolean                         count,
                  int                              limit,
                  GError                         **error)
{
  static const RapportTestimonialFilter everything = { 0 };
  g_autofree char *fts = NULL;
  g_autofree char *tag = NULL;
  g_autofree char *rows = NULL;
  g_autofree char *sql = NULL;
  RapportStmt *stmt;

  if (filter == NULL)
    filter = &everything;
  fts = rapport_fts_query_from_text (filter->search);
  tag = rapport_normalize_tags (filter->tag);
  rows = build_sql (filter, fts);
  sql = count ? g_strdup_printf ("SELECT count (*) FROM (%s)", rows) : g_steal_pointer (&rows);

  stmt = rapport_store_prepare (store, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, fts, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, tag, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, filter->product, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 4, filter->min_rating);
  sqlite3_bind_text (stmt, 5, filter->permission, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 6, limit);
  return stmt;
}

/**
 * rapport_testimonial_query:
 * @filter: (nullable): what to narrow the library to
 * @limit: at most this many, newest first (0: %RAPPORT_TESTIMONIAL_QUERY_LIMIT)
 *
 * Returns: (transfer full) (element-type RapportTestimonial): the
 *   testimonials that pass @filter, or %NULL with @error set
 */
GPtrArray *
rapport_testimonial_query (RapportStore                    *store,
                           const RapportTestimonialFilter  *filter,
                           guint                            limit,
                           GError                         **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(RapportStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);

  stmt = prepare_filtered (store, filter, FALSE,
                           limit > 0 ? (int) limit : RAPPORT_TESTIMONIAL_QUERY_LIMIT, error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (found, from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      rapport_store_set_error (store, rc, error, _("Cannot read the testimonials"));
      return NULL;
    }
  return g_steal_pointer (&found);
}

/**
 * rapport_testimonial_foreach:
 * @filter: (nullable): what to narrow the library to
 * @func: called for each testimonial, newest first; returning %FALSE
 *   (with its error set) stops the walk
 *
 * Walks every testimonial that passes @filter, with no limit, holding one
 * at a time: an export of thousands streams them rather than loading all.
 *
 * Returns: %FALSE with @error set if the read or @func failed
 */
gboolean
rapport_testimonial_foreach (RapportStore                    *store,
                             const RapportTestimonialFilter  *filter,
                             RapportTestimonialFunc           func,
                             gpointer                         user_data,
                             GError                         **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  stmt = prepare_filtered (store, filter, FALSE, -1, error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(RapportTestimonial) testimonial = from_row (stmt);

      if (!func (testimonial, user_data, error))
        return FALSE;
    }
  if (rc != SQLITE_DONE)
    return rapport_store_set_error (store, rc, error, _("Cannot read the testimonials"));
  return TRUE;
}

/**
 * rapport_testimonial_count:
 * @filter: (nullable): as for rapport_testimonial_foreach()
 *
 * Returns: how many testimonials pass @filter, or -1 with @error set
 */
gint64
rapport_testimonial_count (RapportStore                    *store,
                           const RapportTestimonialFilter  *filter,
                           GError                         **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), -1);

  stmt = prepare_filtered (store, filter, TRUE, -1, error);
  if (stmt == NULL)
    return -1;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      rapport_store_set_error (store, rc, error, _("Cannot read the testimonials"));
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

/**
 * rapport_testimonial_distinct:
 * @column: "tags" or "products"
 *
 * Returns: (transfer full): every tag or product named by a testimonial,
 *   sorted, for the view's filter choices
 */
GStrv
rapport_testimonial_distinct (RapportStore  *store,
                              const char    *column,
                              GError       **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(RapportStmt) stmt = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  gboolean is_tags = g_strcmp0 (column, "tags") == 0;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);
  g_return_val_if_fail (is_tags || g_strcmp0 (column, "products") == 0, NULL);

  stmt = rapport_store_prepare (store,
                                is_tags ? "SELECT DISTINCT tags FROM testimonial"
                                        : "SELECT DISTINCT products FROM testimonial",
                                error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_auto(GStrv) parts = g_strsplit ((const char *) sqlite3_column_text (stmt, 0), ";", -1);

      for (guint i = 0; parts[i] != NULL; i++)
        {
          char *name = g_strstrip (parts[i]);
          g_autofree char *key = g_utf8_casefold (name, -1);

          if (*name != '\0' && !g_hash_table_contains (seen, key))
            {
              g_hash_table_add (seen, g_steal_pointer (&key));
              g_ptr_array_add (names, g_strdup (name));
            }
        }
    }
  if (rc != SQLITE_DONE)
    {
      rapport_store_set_error (store, rc, error, _("Cannot read the testimonials"));
      return NULL;
    }

  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (names, i));
  return g_strv_builder_end (builder);
}

/**
 * rapport_testimonial_stars:
 *
 * Returns: the rating as five stars, "★★★★☆"; "" for no rating
 */
char *
rapport_testimonial_stars (int rating)
{
  g_autoptr(GString) stars = g_string_new (NULL);

  if (rating <= 0 || rating > 5)
    return g_strdup ("");
  for (int i = 1; i <= 5; i++)
    g_string_append (stars, i <= rating ? "★" : "☆");
  return g_string_free (g_steal_pointer (&stars), FALSE);
}

/**
 * rapport_testimonial_stars_label:
 *
 * Returns: the rating in words, "4 of 5 stars", for screen readers
 */
char *
rapport_testimonial_stars_label (int rating)
{
  if (rating <= 0 || rating > 5)
    return g_strdup (_("No rating"));
  return g_strdup_printf (_("%d of 5 stars"), rating);
}

typedef struct
{
  const char *word;
  const char *label;
  const char *explanation;
} Label;

static const Label permission_labels[] = {
  { "private", N_("Private"), N_("Only for you; never shown or exported") },
  { "internal", N_("Internal use"), N_("Your team may read it; never in sales material") },
  { "public_named", N_("Public with name"),
    N_("May appear in sales material with the customer’s name and company") },
  { "public_anonymous", N_("Public, anonymous"),
    N_("May appear in sales material without name or company") },
};

static const Label source_labels[] = {
  { "email", N_("Email"), NULL },
  { "call", N_("Call"), NULL },
  { "review_site", N_("Review site"), NULL },
  { "letter", N_("Letter"), NULL },
};

static const Label *
find_label (const Label *labels,
            guint        n_labels,
            const char  *word)
{
  for (guint i = 0; i < n_labels; i++)
    if (g_strcmp0 (labels[i].word, word) == 0)
      return &labels[i];
  return NULL;
}

const char *
rapport_testimonial_permission_label (const char *permission)
{
  const Label *label = find_label (permission_labels, G_N_ELEMENTS (permission_labels), permission);

  return label != NULL ? _(label->label) : permission;
}

/* One line under the choice, so nobody publishes what was said in confidence. */
const char *
rapport_testimonial_permission_explanation (const char *permission)
{
  const Label *label = find_label (permission_labels, G_N_ELEMENTS (permission_labels), permission);

  return label != NULL ? _(label->explanation) : "";
}

const char *
rapport_testimonial_source_label (const char *source)
{
  const Label *label = find_label (source_labels, G_N_ELEMENTS (source_labels), source);

  return label != NULL ? _(label->label) : source;
}

/**
 * rapport_testimonial_ask_mailto:
 * @name: the customer's name
 * @email: (nullable): their address
 *
 * A short, warm request for a testimonial that asks which use they allow,
 * so the reply can be recorded with its permission.
 *
 * Returns: (transfer full): a mailto: URL with subject and body
 */
char *
rapport_testimonial_ask_mailto (const char *name,
                                const char *email)
{
  RapportDraftValues values = { .name = name };

  return rapport_drafts_mailto ("testimonial_ask", NULL, email, &values);
}

#define STRING_ACCESSORS(field)                                          \
  const char *                                                           \
  rapport_testimonial_get_##field (RapportTestimonial *self)             \
  {                                                                      \
    g_return_val_if_fail (RAPPORT_IS_TESTIMONIAL (self), NULL);          \
    return self->field;                                                  \
  }                                                                      \
  void                                                                   \
  rapport_testimonial_set_##field (RapportTestimonial *self,             \
                                   const char         *value)            \
  {                                                                      \
    g_return_if_fail (RAPPORT_IS_TESTIMONIAL (self));                    \
    g_free (self->field);                                                \
    self->field = g_strdup (value != NULL ? value : "");                 \
  }

STRING_ACCESSORS (quote)
STRING_ACCESSORS (received_on)
STRING_ACCESSORS (source)
STRING_ACCESSORS (tags)
STRING_ACCESSORS (products)
STRING_ACCESSORS (permission)

gint64
rapport_testimonial_get_id (RapportTestimonial *self)
{
  g_return_val_if_fail (RAPPORT_IS_TESTIMONIAL (self), 0);
  return self->id;
}

gint64
rapport_testimonial_get_customer_id (RapportTestimonial *self)
{
  g_return_val_if_fail (RAPPORT_IS_TESTIMONIAL (self), 0);
  return self->customer_id;
}

void
rapport_testimonial_set_customer_id (RapportTestimonial *self,
                                     gint64              customer_id)
{
  g_return_if_fail (RAPPORT_IS_TESTIMONIAL (self));
  self->customer_id = customer_id;
}

const char *
rapport_testimonial_get_customer_name (RapportTestimonial *self)
{
  g_return_val_if_fail (RAPPORT_IS_TESTIMONIAL (self), NULL);
  return self->customer_name;
}

const char *
rapport_testimonial_get_company (RapportTestimonial *self)
{
  g_return_val_if_fail (RAPPORT_IS_TESTIMONIAL (self), NULL);
  return self->company;
}

int
rapport_testimonial_get_rating (RapportTestimonial *self)
{
  g_return_val_if_fail (RAPPORT_IS_TESTIMONIAL (self), 0);
  return self->rating;
}

/* Out-of-range ratings are kept, so saving refuses them with a reason
 * instead of quietly changing what the user entered. */
void
rapport_testimonial_set_rating (RapportTestimonial *self,
                                int                 rating)
{
  g_return_if_fail (RAPPORT_IS_TESTIMONIAL (self));
  self->rating = rating;
}
