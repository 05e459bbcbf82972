/* rapport-history.c: what the playbook needs to know about one customer
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The loader reads everything the rules look at in a handful of indexed
 * queries; the playbook itself (rapport-playbook.c) never touches SQL.
 */

#define G_LOG_DOMAIN "rapport-history"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rapport-history.h"
#include "rapport-time.h"

static void
sale_free (RapportHistorySale *sale)
{
  g_free (sale->product);
  g_free (sale->prepositioned);
  g_free (sale);
}

static void
stage_change_free (RapportHistoryStageChange *change)
{
  g_free (change->from_stage);
  g_free (change->to_stage);
  g_free (change);
}

static void
referral_free (RapportHistoryReferral *referral)
{
  g_free (referral->other_name);
  g_free (referral->stage);
  g_ptr_array_unref (referral->stage_changes);
  g_free (referral);
}

static void
reference_use_free (RapportHistoryReferenceUse *use)
{
  g_free (use->given_to);
  g_free (use);
}

/**
 * rapport_history_new:
 *
 * An empty history: a customer with no sales, contacts or referrals, whose
 * settings all come from the playbook settings.  Tests fill it by hand.
 */
RapportHistory *
rapport_history_new (gint64      customer_id,
                     const char *name)
{
  RapportHistory *history = g_new0 (RapportHistory, 1);

  history->customer_id = customer_id;
  history->name = g_strdup (name != NULL ? name : "");
  history->status = g_strdup ("customer");
  history->satisfaction = g_strdup ("unknown");
  history->min_gap_days = -1;
  history->tag_cadences = g_array_new (FALSE, FALSE, sizeof (RapportCadence));
  history->contacts = g_array_new (FALSE, FALSE, sizeof (gint64));
  history->user_scheduled = g_array_new (FALSE, FALSE, sizeof (gint64));
  history->sales = g_ptr_array_new_with_free_func ((GDestroyNotify) sale_free);
  history->referrals = g_ptr_array_new_with_free_func ((GDestroyNotify) referral_free);
  history->reference_uses = g_ptr_array_new_with_free_func ((GDestroyNotify) reference_use_free);
  history->closed_rules = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return history;
}

void
rapport_history_free (RapportHistory *history)
{
  if (history == NULL)
    return;

  g_free (history->name);
  g_free (history->status);
  g_free (history->satisfaction);
  g_array_unref (history->tag_cadences);
  g_array_unref (history->contacts);
  g_array_unref (history->user_scheduled);
  g_ptr_array_unref (history->sales);
  g_ptr_array_unref (history->referrals);
  g_ptr_array_unref (history->reference_uses);
  g_hash_table_unref (history->closed_rules);
  g_free (history);
}

static int
compare_times (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/**
 * rapport_history_add_contact:
 *
 * Records a logged interaction at @at, keeping the contacts sorted and
 * last_contact up to date.
 */
void
rapport_history_add_contact (RapportHistory *history,
                             gint64          at)
{
  g_return_if_fail (history != NULL);

  g_array_append_val (history->contacts, at);
  if (history->contacts->len > 1 &&
      at < g_array_index (history->contacts, gint64, history->contacts->len - 2))
    g_array_sort (history->contacts, compare_times);
  history->last_contact = MAX (history->last_contact, at);
}

RapportHistorySale *
rapport_history_add_sale (RapportHistory *history,
                          gint64          sale_id,
                          const char     *product,
                          gint64          closed_at,
                          gint64          delivered_at,
                          const char     *prepositioned)
{
  RapportHistorySale *sale;

  g_return_val_if_fail (history != NULL, NULL);

  sale = g_new0 (RapportHistorySale, 1);
  sale->id = sale_id;
  sale->product = g_strdup (product != NULL ? product : "");
  sale->closed_at = closed_at;
  sale->delivered_at = delivered_at;
  sale->prepositioned = g_strdup (prepositioned != NULL ? prepositioned : "no");
  g_ptr_array_add (history->sales, sale);
  return sale;
}

RapportHistoryReferral *
rapport_history_add_referral (RapportHistory *history,
                              gint64          referral_id,
                              gboolean        is_referrer,
                              const char     *other_name,
                              const char     *stage,
                              gint64          created_at)
{
  RapportHistoryReferral *referral;

  g_return_val_if_fail (history != NULL, NULL);

  referral = g_new0 (RapportHistoryReferral, 1);
  referral->id = referral_id;
  referral->is_referrer = is_referrer;
  referral->other_name = g_strdup (other_name != NULL ? other_name : "");
  referral->stage = g_strdup (stage != NULL ? stage : "promised");
  referral->created_at = created_at;
  referral->stage_changes = g_ptr_array_new_with_free_func ((GDestroyNotify) stage_change_free);
  g_ptr_array_add (history->referrals, referral);
  return referral;
}

void
rapport_history_referral_add_change (RapportHistoryReferral *referral,
                                     gint64                  change_id,
                                     const char             *from_stage,
                                     const char             *to_stage,
                                     gint64                  changed_at)
{
  RapportHistoryStageChange *change;

  g_return_if_fail (referral != NULL);
  g_return_if_fail (to_stage != NULL);

  change = g_new0 (RapportHistoryStageChange, 1);
  change->id = change_id;
  change->from_stage = g_strdup (from_stage);
  change->to_stage = g_strdup (to_stage);
  change->changed_at = changed_at;
  g_ptr_array_add (referral->stage_changes, change);
}

RapportHistoryReferenceUse *
rapport_history_add_reference_use (RapportHistory *history,
                                   gint64          use_id,
                                   const char     *given_to,
                                   gint64          used_at)
{
  RapportHistoryReferenceUse *use;

  g_return_val_if_fail (history != NULL, NULL);

  use = g_new0 (RapportHistoryReferenceUse, 1);
  use->id = use_id;
  use->given_to = g_strdup (given_to != NULL ? given_to : "");
  use->used_at = used_at;
  g_ptr_array_add (history->reference_uses, use);
  return use;
}

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

static char *
column_dup (RapportStmt *stmt,
            int          column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return g_strdup (text != NULL ? text : "");
}

static gboolean
finish_rows (RapportStore  *store,
             int            rc,
             GError       **error)
{
  if (rc == SQLITE_DONE)
    return TRUE;
  return rapport_store_set_error (store, rc, error, _("Cannot read a customer’s history"));
}

static gboolean
load_tag_cadences (RapportStore    *store,
                   RapportHistory  *history,
                   const char      *tags,
                   GError         **error)
{
  g_auto(GStrv) names = g_strsplit (tags != NULL ? tags : "", ";", -1);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(RapportStmt) stmt = NULL;
      g_autofree char *tag = g_utf8_strdown (g_strstrip (names[i]), -1);
      int rc;

      if (*tag == '\0')
        continue;

      stmt = rapport_store_prepare (store,
                                    "SELECT ideal_interval_days, latest_interval_days"
                                    "  FROM tag_cadence WHERE tag = ?",
                                    error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, tag, -1, SQLITE_TRANSIENT);

      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          RapportCadence cadence = {
            .ideal_days = sqlite3_column_int (stmt, 0),
            .latest_days = sqlite3_column_int (stmt, 1),
          };
          g_array_append_val (history->tag_cadences, cadence);
          rc = sqlite3_step (stmt);
        }
      if (!finish_rows (store, rc, error))
        return FALSE;
    }

  return TRUE;
}

/* Which of the other tables hold anything for the customer, learnt in the
 * same query, so most customers cost one statement less per empty table. */
typedef struct
{
  gboolean sales;
  gboolean referrals;
  gboolean reference_uses;
} Presence;

static RapportHistory *
load_customer (RapportStore  *store,
               gint64         customer_id,
               Presence      *presence,
               GError       **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  g_autoptr(RapportHistory) history = NULL;
  int rc;

  stmt = rapport_store_prepare (store,
                                "SELECT name, status, satisfaction, satisfaction_recorded_at,"
                                "       created_at, min_gap_days, ideal_interval_days,"
                                "       latest_interval_days, tags,"
                                "       (SELECT count(*) FROM testimonial WHERE customer_id = c.id),"
                                "       EXISTS (SELECT 1 FROM sale WHERE customer_id = c.id),"
                                "       EXISTS (SELECT 1 FROM referral WHERE referrer_id = c.id)"
                                "       OR EXISTS (SELECT 1 FROM referral WHERE prospect_id = c.id),"
                                "       EXISTS (SELECT 1 FROM reference_use WHERE customer_id = c.id)"
                                "  FROM customer c WHERE id = ?",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, customer_id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_FOUND,
                   _("There is no customer number %" G_GINT64_FORMAT " in the book"),
                   customer_id);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      finish_rows (store, rc, error);
      return NULL;
    }

  history = rapport_history_new (customer_id, (const char *) sqlite3_column_text (stmt, 0));
  g_free (history->status);
  history->status = column_dup (stmt, 1);
  g_free (history->satisfaction);
  history->satisfaction = column_dup (stmt, 2);
  history->satisfaction_recorded_at = column_time (stmt, 3);
  history->created_at = column_time (stmt, 4);
  history->min_gap_days = sqlite3_column_type (stmt, 5) == SQLITE_NULL ? -1
                          : sqlite3_column_int (stmt, 5);
  history->cadence.ideal_days = sqlite3_column_int (stmt, 6);
  history->cadence.latest_days = sqlite3_column_int (stmt, 7);
  history->n_testimonials = sqlite3_column_int (stmt, 9);
  presence->sales = sqlite3_column_int (stmt, 10) != 0;
  presence->referrals = sqlite3_column_int (stmt, 11) != 0;
  presence->reference_uses = sqlite3_column_int (stmt, 12) != 0;

  {
    g_autofree char *tags = column_dup (stmt, 8);

    g_clear_pointer (&stmt, rapport_stmt_release);
    if (*tags != '\0' && !load_tag_cadences (store, history, tags, error))
      return NULL;
  }

  return g_steal_pointer (&history);
}

static gboolean
load_sales (RapportStore    *store,
            RapportHistory  *history,
            GError         **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  int rc;

  stmt = rapport_store_prepare (store,
                                "SELECT id, product, closed_on, delivered_on, referral_prepositioned"
                                "  FROM sale WHERE customer_id = ? ORDER BY closed_on, id",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, history->customer_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    rapport_history_add_sale (history,
                              sqlite3_column_int64 (stmt, 0),
                              (const char *) sqlite3_column_text (stmt, 1),
                              column_time (stmt, 2),
                              column_time (stmt, 3),
                              (const char *) sqlite3_column_text (stmt, 4));

  return finish_rows (store, rc, error);
}

/* Only the contacts that can share a 30-day window with a follow-up due
 * after the minimum gap matter; older ones are left unread. */
static gboolean
load_contacts (RapportStore    *store,
               RapportHistory  *history,
               GError         **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  gint64 horizon = 0;
  int rc;

  stmt = rapport_store_prepare (store,
                                "SELECT happened_at FROM interaction"
                                " WHERE customer_id = ? ORDER BY happened_at DESC",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, history->customer_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 at = column_time (stmt, 0);

      if (at == 0)
        continue;
      if (horizon == 0)
        horizon = at - 31 * RAPPORT_SECONDS_PER_DAY;
      else if (at < horizon)
        break;
      g_array_append_val (history->contacts, at);
      history->last_contact = MAX (history->last_contact, at);
    }
  if (rc != SQLITE_ROW && !finish_rows (store, rc, error))
    return FALSE;

  g_array_sort (history->contacts, compare_times);
  return TRUE;
}

static gboolean
load_stage_changes (RapportStore            *store,
                    RapportHistoryReferral  *referral,
                    GError                 **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  int rc;

  stmt = rapport_store_prepare (store,
                                "SELECT id, from_stage, to_stage, changed_at"
                                "  FROM referral_stage_change"
                                " WHERE referral_id = ? ORDER BY changed_at, id",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, referral->id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    rapport_history_referral_add_change (referral,
                                         sqlite3_column_int64 (stmt, 0),
                                         (const char *) sqlite3_column_text (stmt, 1),
                                         (const char *) sqlite3_column_text (stmt, 2),
                                         column_time (stmt, 3));

  return finish_rows (store, rc, error);
}

static gboolean
load_referrals (RapportStore    *store,
                RapportHistory  *history,
                GError         **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  int rc;

  stmt = rapport_store_prepare (store,
                                "SELECT r.id, r.referrer_id = ?1,"
                                "       CASE WHEN r.referrer_id = ?1 THEN p.name ELSE f.name END,"
                                "       r.stage, r.created_at, r.referrer_informed_at, r.thanked_at"
                                "  FROM referral r"
                                "  JOIN customer p ON p.id = r.prospect_id"
                                "  JOIN customer f ON f.id = r.referrer_id"
                                " WHERE r.referrer_id = ?1 OR r.prospect_id = ?1"
                                " ORDER BY r.id",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, history->customer_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RapportHistoryReferral *referral;

      referral = rapport_history_add_referral (history,
                                               sqlite3_column_int64 (stmt, 0),
                                               sqlite3_column_int (stmt, 1) != 0,
                                               (const char *) sqlite3_column_text (stmt, 2),
                                               (const char *) sqlite3_column_text (stmt, 3),
                                               column_time (stmt, 4));
      referral->referrer_informed_at = column_time (stmt, 5);
      referral->thanked_at = column_time (stmt, 6);
    }
  if (!finish_rows (store, rc, error))
    return FALSE;
  g_clear_pointer (&stmt, rapport_stmt_release);

  for (guint i = 0; i < history->referrals->len; i++)
    if (!load_stage_changes (store, g_ptr_array_index (history->referrals, i), error))
      return FALSE;

  return TRUE;
}

static gboolean
load_reference_uses (RapportStore    *store,
                     RapportHistory  *history,
                     GError         **error)
{
  g_autoptr(RapportStmt) uses = NULL;
  int rc;

  uses = rapport_store_prepare (store,
                                "SELECT id, given_to, used_on FROM reference_use"
                                " WHERE customer_id = ? ORDER BY used_on, id",
                                error);
  if (uses == NULL)
    return FALSE;
  sqlite3_bind_int64 (uses, 1, history->customer_id);

  while ((rc = sqlite3_step (uses)) == SQLITE_ROW)
    rapport_history_add_reference_use (history,
                                       sqlite3_column_int64 (uses, 0),
                                       (const char *) sqlite3_column_text (uses, 1),
                                       column_time (uses, 2));

  return finish_rows (store, rc, error);
}

/* Follow-ups that are done, skipped or the user's own (a rescheduled
 * playbook item becomes the user's) are never derived again; the user's
 * open ones are contacts the schedule must make room for. */
static gboolean
load_follow_ups (RapportStore    *store,
                 RapportHistory  *history,
                 GError         **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  int rc;

  stmt = rapport_store_prepare (store,
                                "SELECT rule_key, state IN ('due', 'snoozed'), created_by = 'user',"
                                "       coalesce (snoozed_until, due_at)"
                                "  FROM follow_up WHERE customer_id = ?"
                                "   AND (created_by = 'user' OR state IN ('done', 'skipped'))",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, history->customer_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *rule_key = (const char *) sqlite3_column_text (stmt, 0);
      gboolean open = sqlite3_column_int (stmt, 1) != 0;
      gboolean by_user = sqlite3_column_int (stmt, 2) != 0;

      if (rule_key != NULL)
        g_hash_table_add (history->closed_rules, g_strdup (rule_key));

      if (open && by_user)
        {
          gint64 at = column_time (stmt, 3);

          if (at != 0)
            g_array_append_val (history->user_scheduled, at);
        }
    }

  return finish_rows (store, rc, error);
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
  g_autoptr(RapportHistory) history = NULL;
  Presence presence;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  history = load_customer (store, customer_id, &presence, error);
  if (history == NULL)
    return NULL;

  if ((presence.sales && !load_sales (store, history, error)) ||
      !load_contacts (store, history, error) ||
      (presence.referrals && !load_referrals (store, history, error)) ||
      (presence.reference_uses && !load_reference_uses (store, history, error)) ||
      !load_follow_ups (store, history, error))
    return NULL;

  return g_steal_pointer (&history);
}
