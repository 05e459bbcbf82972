/* rapport-history-load.c: reading customers' histories from the book
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Histories are read for a range of customer ids at once, one query per
 * table, so syncing a book of 100,000 customers costs a few hundred
 * statements per table rather than one per customer; one customer is just
 * the range [id, id].  Customers scattered over the book (those of Done on
 * a summary) are read as a set, the same queries filtering on the ids in a
 * temporary table instead of a range.  The playbook itself never touches
 * SQL.
 */

#define G_LOG_DOMAIN "rapport-history"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rapport-history.h"
#include "rapport-time.h"

/* Every query comes in two texts, the same but for the filter on the
 * customer id: a range, or the set in temp.history_set. */
#define IN_RANGE RAPPORT_HISTORY_IN_RANGE
#define IN_SET   RAPPORT_HISTORY_IN_SET
#define RANGE_OR_SET RAPPORT_HISTORY_RANGE_OR_SET

/* The customers being read, by id, and the referrals they gave (for
 * attaching stage changes). */
typedef struct
{
  RapportStore *store;
  gboolean      set;      /* the ids in temp.history_set, not first to last */
  gint64        first;
  gint64        last;
  GPtrArray    *histories;   /* RapportHistory, by ascending id */
  GHashTable   *by_id;       /* gint64 * → RapportHistory *, borrowed */
  GHashTable   *given;       /* referral id → RapportHistoryReferral *, borrowed */
} Range;

/* The book holds instants as UTC text and days as "YYYY-MM-DD"; a day
 * becomes 09:00 local time.  Anything unreadable reads as 0 ("never"), so a
 * damaged row silences a rule instead of stopping the whole playbook. */
static gint64
column_time (RapportStmt *stmt,
             int          column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);
  gint64 t = 0;

  if (text == NULL)
    return 0;
  if (strlen (text) == 10)
    return rapport_time_parse_local (text, &t) ? t : 0;
  return rapport_time_parse_utc (text, &t) ? t : 0;
}

static RapportHistory *
lookup (Range  *range,
        gint64  customer_id)
{
  return g_hash_table_lookup (range->by_id, &customer_id);
}

static RapportStmt *
prepare_range (Range              *range,
               const char * const  sql[2],
               GError            **error)
{
  RapportStmt *stmt = rapport_store_prepare (range->store, sql[range->set ? 1 : 0], error);

  if (stmt != NULL && !range->set)
    {
      sqlite3_bind_int64 (stmt, 1, range->first);
      sqlite3_bind_int64 (stmt, 2, range->last);
    }
  return stmt;
}

static gboolean
finish_rows (Range   *range,
             int      rc,
             GError **error)
{
  if (rc == SQLITE_DONE)
    return TRUE;
  return rapport_store_set_error (range->store, rc, error, _("Cannot read a customer’s history"));
}

static GHashTable *
load_tag_table (Range   *range,
                GError **error)
{
  g_autoptr(GHashTable) cadences = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(RapportStmt) stmt = NULL;
  int rc;

  stmt = rapport_store_prepare (range->store,
                                "SELECT tag, ideal_interval_days, latest_interval_days FROM tag_cadence",
                                error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RapportCadence *cadence = g_new0 (RapportCadence, 1);

      cadence->ideal_days = sqlite3_column_int (stmt, 1);
      cadence->latest_days = sqlite3_column_int (stmt, 2);
      g_hash_table_insert (cadences, g_utf8_strdown (rapport_stmt_column_text (stmt, 0), -1), cadence);
    }
  if (!finish_rows (range, rc, error))
    return NULL;

  return g_steal_pointer (&cadences);
}

static void
add_tag_cadences (RapportHistory *history,
                  GHashTable     *table,
                  const char     *tags)
{
  g_auto(GStrv) names = g_strsplit (tags, ";", -1);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *tag = g_utf8_strdown (g_strstrip (names[i]), -1);
      const RapportCadence *cadence = g_hash_table_lookup (table, tag);

      if (cadence != NULL)
        g_array_append_val (history->tag_cadences, *cadence);
    }
}

static gboolean
load_customers (Range   *range,
                GError **error)
{
  static const char * const sql[] =
    RANGE_OR_SET ("SELECT id, name, status, satisfaction, satisfaction_recorded_at,"
                  "       created_at, min_gap_days, ideal_interval_days,"
                  "       latest_interval_days, tags"
                  "  FROM customer WHERE id",
                  " ORDER BY id");
  g_autoptr(RapportStmt) stmt = NULL;
  g_autoptr(GHashTable) tag_table = NULL;
  int rc;

  stmt = prepare_range (range, sql, error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RapportHistory *history = rapport_history_new (sqlite3_column_int64 (stmt, 0),
                                                     rapport_stmt_column_text (stmt, 1));
      const char *tags = rapport_stmt_column_text (stmt, 9);

      g_free (history->status);
      history->status = g_strdup (rapport_stmt_column_text (stmt, 2));
      g_free (history->satisfaction);
      history->satisfaction = g_strdup (rapport_stmt_column_text (stmt, 3));
      history->satisfaction_recorded_at = column_time (stmt, 4);
      history->created_at = column_time (stmt, 5);
      history->min_gap_days = sqlite3_column_type (stmt, 6) == SQLITE_NULL
                              ? -1 : sqlite3_column_int (stmt, 6);
      history->cadence.ideal_days = sqlite3_column_int (stmt, 7);
      history->cadence.latest_days = sqlite3_column_int (stmt, 8);

      if (*tags != '\0')
        {
          if (tag_table == NULL && (tag_table = load_tag_table (range, error)) == NULL)
            {
              rapport_history_free (history);
              return FALSE;
            }
          add_tag_cadences (history, tag_table, tags);
        }

      g_ptr_array_add (range->histories, history);
      g_hash_table_insert (range->by_id, &history->customer_id, history);
    }

  return finish_rows (range, rc, error);
}

static gboolean
load_testimonial_counts (Range   *range,
                         GError **error)
{
  static const char * const sql[] =
    RANGE_OR_SET ("SELECT customer_id, count(*) FROM testimonial WHERE customer_id",
                  " GROUP BY customer_id");
  g_autoptr(RapportStmt) stmt = NULL;
  int rc;

  stmt = prepare_range (range, sql, error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RapportHistory *history = lookup (range, sqlite3_column_int64 (stmt, 0));

      if (history != NULL)
        history->n_testimonials = sqlite3_column_int (stmt, 1);
    }

  return finish_rows (range, rc, error);
}

static gboolean
load_sales (Range   *range,
            GError **error)
{
  static const char * const sql[] =
    RANGE_OR_SET ("SELECT customer_id, id, product, closed_on, delivered_on,"
                  "       referral_prepositioned"
                  "  FROM sale WHERE customer_id",
                  " ORDER BY customer_id, closed_on, id");
  g_autoptr(RapportStmt) stmt = NULL;
  int rc;

  stmt = prepare_range (range, sql, error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RapportHistory *history = lookup (range, sqlite3_column_int64 (stmt, 0));

      if (history != NULL)
        rapport_history_add_sale (history,
                                  sqlite3_column_int64 (stmt, 1),
                                  rapport_stmt_column_text (stmt, 2),
                                  column_time (stmt, 3),
                                  column_time (stmt, 4),
                                  rapport_stmt_column_text (stmt, 5));
    }

  return finish_rows (range, rc, error);
}

/* Only contacts that can share a 30-day window with a follow-up due after
 * the minimum gap matter: those from 31 days before the last one on. */
static void
keep_recent_contacts (RapportHistory *history)
{
  gint64 horizon = history->last_contact - 31 * RAPPORT_SECONDS_PER_DAY;
  guint first = 0;

  while (first < history->contacts->len &&
         g_array_index (history->contacts, gint64, first) < horizon)
    first++;
  g_array_remove_range (history->contacts, 0, first);
}

static gboolean
load_contacts (Range   *range,
               GError **error)
{
  static const char * const sql[] =
    RANGE_OR_SET ("SELECT customer_id, happened_at FROM interaction WHERE customer_id",
                  " ORDER BY customer_id, happened_at");
  g_autoptr(RapportStmt) stmt = NULL;
  int rc;

  stmt = prepare_range (range, sql, error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RapportHistory *history = lookup (range, sqlite3_column_int64 (stmt, 0));
      gint64 at = column_time (stmt, 1);

      if (history != NULL && at != 0)
        rapport_history_add_contact (history, at);
    }
  if (!finish_rows (range, rc, error))
    return FALSE;

  for (guint i = 0; i < range->histories->len; i++)
    keep_recent_contacts (g_ptr_array_index (range->histories, i));
  return TRUE;
}

/* A referral between two customers of the range belongs to both: the
 * referrer's (to thank and inform them) and the prospect's (to contact
 * them).  Stage changes matter to the referrer only. */
static gboolean
load_referrals (Range   *range,
                GError **error)
{
#define SELECT_REFERRALS \
  "SELECT r.id, r.referrer_id, r.prospect_id, f.name, p.name, r.stage," \
  "       r.created_at, r.referrer_informed_at, r.thanked_at" \
  "  FROM referral r" \
  "  JOIN customer f ON f.id = r.referrer_id" \
  "  JOIN customer p ON p.id = r.prospect_id"
  static const char * const sql[] = {
    SELECT_REFERRALS " WHERE r.referrer_id" IN_RANGE " OR r.prospect_id" IN_RANGE " ORDER BY r.id",
    SELECT_REFERRALS " WHERE r.referrer_id" IN_SET " OR r.prospect_id" IN_SET " ORDER BY r.id",
  };
#undef SELECT_REFERRALS
  g_autoptr(RapportStmt) stmt = NULL;
  int rc;

  stmt = prepare_range (range, sql, error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      RapportHistory *referrer = lookup (range, sqlite3_column_int64 (stmt, 1));
      RapportHistory *prospect = lookup (range, sqlite3_column_int64 (stmt, 2));
      RapportHistoryReferral *referral;

      if (referrer != NULL)
        {
          referral = rapport_history_add_referral (referrer, id, TRUE, rapport_stmt_column_text (stmt, 4),
                                                   rapport_stmt_column_text (stmt, 5), column_time (stmt, 6));
          referral->referrer_informed_at = column_time (stmt, 7);
          referral->thanked_at = column_time (stmt, 8);
          g_hash_table_insert (range->given, &referral->id, referral);
        }
      if (prospect != NULL)
        {
          referral = rapport_history_add_referral (prospect, id, FALSE, rapport_stmt_column_text (stmt, 3),
                                                   rapport_stmt_column_text (stmt, 5), column_time (stmt, 6));
          referral->referrer_informed_at = column_time (stmt, 7);
          referral->thanked_at = column_time (stmt, 8);
        }
    }

  return finish_rows (range, rc, error);
}

static gboolean
load_stage_changes (Range   *range,
                    GError **error)
{
  static const char * const sql[] =
    RANGE_OR_SET ("SELECT s.referral_id, s.id, s.from_stage, s.to_stage, s.changed_at"
                  "  FROM referral_stage_change s JOIN referral r ON r.id = s.referral_id"
                  " WHERE r.referrer_id",
                  " ORDER BY s.referral_id, s.changed_at, s.id");
  g_autoptr(RapportStmt) stmt = NULL;
  int rc;

  if (g_hash_table_size (range->given) == 0)
    return TRUE;

  stmt = prepare_range (range, sql, error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 referral_id = sqlite3_column_int64 (stmt, 0);
      RapportHistoryReferral *referral = g_hash_table_lookup (range->given, &referral_id);

      if (referral != NULL)
        rapport_history_referral_add_change (referral,
                                             sqlite3_column_int64 (stmt, 1),
                                             (const char *) sqlite3_column_text (stmt, 2),
                                             rapport_stmt_column_text (stmt, 3),
                                             column_time (stmt, 4));
    }

  return finish_rows (range, rc, error);
}

static gboolean
load_reference_uses (Range   *range,
                     GError **error)
{
  static const char * const sql[] =
    RANGE_OR_SET ("SELECT customer_id, id, given_to, used_on FROM reference_use WHERE customer_id",
                  " ORDER BY customer_id, used_on, id");
  g_autoptr(RapportStmt) stmt = NULL;
  int rc;

  stmt = prepare_range (range, sql, error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RapportHistory *history = lookup (range, sqlite3_column_int64 (stmt, 0));

      if (history != NULL)
        rapport_history_add_reference_use (history,
                                           sqlite3_column_int64 (stmt, 1),
                                           rapport_stmt_column_text (stmt, 2),
                                           column_time (stmt, 3));
    }

  return finish_rows (range, rc, error);
}

/* Follow-ups that are done, skipped or the user's own (a rescheduled
 * playbook item becomes the user's) are never derived again; the user's
 * open ones are contacts the schedule must make room for. */
static gboolean
load_follow_ups (Range   *range,
                 GError **error)
{
  static const char * const sql[] =
    RANGE_OR_SET ("SELECT customer_id, rule_key, state IN ('due', 'snoozed'),"
                  "       created_by = 'user', coalesce (snoozed_until, due_at)"
                  "  FROM follow_up WHERE customer_id",
                  "   AND (created_by = 'user' OR state IN ('done', 'skipped'))");
  g_autoptr(RapportStmt) stmt = NULL;
  int rc;

  stmt = prepare_range (range, sql, error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RapportHistory *history = lookup (range, sqlite3_column_int64 (stmt, 0));
      const char *rule_key = (const char *) sqlite3_column_text (stmt, 1);
      gint64 at;

      if (history == NULL)
        continue;
      if (rule_key != NULL)
        g_hash_table_add (history->closed_rules, g_strdup (rule_key));
      if (sqlite3_column_int (stmt, 2) != 0 && sqlite3_column_int (stmt, 3) != 0 &&
          (at = column_time (stmt, 4)) != 0)
        g_array_append_val (history->user_scheduled, at);
    }

  return finish_rows (range, rc, error);
}

/* The histories of the customers from @first_id to @last_id, or of those
 * in temp.history_set if @set. */
static GPtrArray *
load (RapportStore  *store,
      gboolean       set,
      gint64         first_id,
      gint64         last_id,
      GError       **error)
{
  g_autoptr(GPtrArray) histories = NULL;
  g_autoptr(GHashTable) by_id = NULL;
  g_autoptr(GHashTable) given = NULL;
  Range range;

  histories = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_history_free);
  by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  given = g_hash_table_new (g_int64_hash, g_int64_equal);
  range = (Range) { store, set, first_id, last_id, histories, by_id, given };

  if (!load_customers (&range, error))
    return NULL;
  if (histories->len == 0)
    return g_steal_pointer (&histories);

  if (!load_testimonial_counts (&range, error) ||
      !load_sales (&range, error) ||
      !load_contacts (&range, error) ||
      !load_referrals (&range, error) ||
      !load_stage_changes (&range, error) ||
      !load_reference_uses (&range, error) ||
      !load_follow_ups (&range, error))
    return NULL;

  return g_steal_pointer (&histories);
}

/**
 * rapport_history_load_range:
 * @first_id: the first customer id to read
 * @last_id: the last, inclusive
 *
 * Reads the histories of every customer whose id lies in the range, one
 * query per table.
 *
 * Returns: (transfer full) (element-type RapportHistory): the histories by
 *   ascending customer id (ids without a customer are simply absent), or
 *   %NULL with @error set
 */
GPtrArray *
rapport_history_load_range (RapportStore  *store,
                            gint64         first_id,
                            gint64         last_id,
                            GError       **error)
{
  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return load (store, FALSE, first_id, last_id, error);
}

/**
 * rapport_history_load_among:
 * @ids: (array length=n_ids): customer ids, in any order
 *
 * Reads the histories of the customers among @ids, one query per table:
 * rapport_history_load_range() for customers scattered over the book,
 * where a range would read many others or take many queries.  The ids
 * wait in temp.#RAPPORT_HISTORY_SET, which the caller's statements may
 * join with until its next call; call it inside a transaction.
 *
 * Returns: (transfer full) (element-type RapportHistory): the histories by
 *   ascending customer id (ids without a customer are simply absent), or
 *   %NULL with @error set
 */
GPtrArray *
rapport_history_load_among (RapportStore  *store,
                            const gint64  *ids,
                            guint          n_ids,
                            GError       **error)
{
  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);
  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!rapport_store_fill_id_set (store, RAPPORT_HISTORY_SET, ids, n_ids, error))
    return NULL;

  return load (store, TRUE, 0, 0, error);
}

/**
 * rapport_history_load:
 *
 * Reads everything the playbook looks at for one customer.
 *
 * Returns: (transfer full): the history, or %NULL with @error set (also
 *   when there is no such customer)
 */
RapportHistory *
rapport_history_load (RapportStore  *store,
                      gint64         customer_id,
                      GError       **error)
{
  g_autoptr(GPtrArray) histories = NULL;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  histories = rapport_history_load_range (store, customer_id, customer_id, error);
  if (histories == NULL)
    return NULL;
  if (histories->len == 0)
    {
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_FOUND,
                   _("There is no customer number %lld in the book"),
                   (long long) customer_id);
      return NULL;
    }
  return g_ptr_array_steal_index (histories, 0);
}
