/* rapport-agenda.c: open follow-ups, read from the book
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-agenda"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-agenda.h"
#include "rapport-time.h"

void
rapport_due_item_free (RapportDueItem *item)
{
  if (item == NULL)
    return;
  g_free (item->customer_name);
  g_free (item->kind);
  g_free (item->reason);
  g_free (item);
}

static GPtrArray *
collect_items (RapportStore  *store,
               sqlite3_stmt  *stmt,
               GError       **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_due_item_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RapportDueItem *item = g_new0 (RapportDueItem, 1);

      item->id = sqlite3_column_int64 (stmt, 0);
      item->customer_id = sqlite3_column_int64 (stmt, 1);
      item->customer_name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      item->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      if (!rapport_time_parse_utc ((const char *) sqlite3_column_text (stmt, 4), &item->due_at))
        item->due_at = 0;
      item->reason = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      if (!rapport_time_parse_utc ((const char *) sqlite3_column_text (stmt, 6), &item->overdue_at))
        item->overdue_at = 0;
      item->snoozed = sqlite3_column_int (stmt, 7) != 0;
      item->by_playbook = sqlite3_column_int (stmt, 8) != 0;
      g_ptr_array_add (items, item);
    }

  if (rc != SQLITE_DONE)
    {
      rapport_store_set_error (store, rc, error, "list follow-ups");
      return NULL;
    }
  return g_steal_pointer (&items);
}

/* A snooze past the overdue time moves it to the end of the snooze's day. */
#define ITEM_COLUMNS \
  "SELECT f.id, f.customer_id, c.name, f.kind," \
  "       coalesce (f.snoozed_until, f.due_at) AS due, f.reason," \
  "       CASE WHEN f.snoozed_until IS NULL OR f.overdue_at > f.snoozed_until" \
  "            THEN f.overdue_at END," \
  "       f.state = 'snoozed', f.created_by = 'playbook'" \
  "  FROM follow_up f JOIN customer c ON c.id = f.customer_id" \
  " WHERE f.state IN ('due', 'snoozed')"

/**
 * rapport_agenda_list_due:
 * @until: include items whose (snoozed) due time is at or before this instant
 *
 * Returns: (transfer full) (element-type RapportDueItem): the open follow-ups
 *   due by @until, oldest first.
 */
GPtrArray *
rapport_agenda_list_due (RapportStore  *store,
                         gint64         until,
                         GError       **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  g_autofree char *until_text = rapport_time_format_utc (until);

  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);

  stmt = rapport_store_prepare (store,
                                ITEM_COLUMNS
                                "   AND coalesce (f.snoozed_until, f.due_at) <= ?"
                                " ORDER BY due, c.name COLLATE NOCASE",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, until_text, -1, SQLITE_TRANSIENT);
  return collect_items (store, stmt, error);
}

/**
 * rapport_agenda_list_open:
 *
 * Returns: (transfer full) (element-type RapportDueItem): every open
 *   follow-up in the book, soonest first
 */
GPtrArray *
rapport_agenda_list_open (RapportStore  *store,
                          GError       **error)
{
  g_autoptr(RapportStmt) stmt = NULL;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);

  stmt = rapport_store_prepare (store,
                                ITEM_COLUMNS
                                " ORDER BY due, f.id",
                                error);
  if (stmt == NULL)
    return NULL;
  return collect_items (store, stmt, error);
}

/**
 * rapport_agenda_list_for_customer:
 *
 * Returns: (transfer full) (element-type RapportDueItem): the customer's
 *   open follow-ups, soonest first
 */
GPtrArray *
rapport_agenda_list_for_customer (RapportStore  *store,
                                  gint64         customer_id,
                                  GError       **error)
{
  g_autoptr(RapportStmt) stmt = NULL;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);

  stmt = rapport_store_prepare (store,
                                ITEM_COLUMNS
                                "   AND f.customer_id = ?"
                                " ORDER BY due, f.id",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  return collect_items (store, stmt, error);
}

/**
 * rapport_agenda_end_of_today:
 *
 * Returns: the last second of @now's local day.
 */
gint64
rapport_agenda_end_of_today (gint64 now)
{
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (now);
  g_autoptr(GDateTime) midnight = NULL;
  g_autoptr(GDateTime) tomorrow = NULL;

  midnight = g_date_time_new_local (g_date_time_get_year (local),
                                    g_date_time_get_month (local),
                                    g_date_time_get_day_of_month (local), 0, 0, 0);
  tomorrow = g_date_time_add_days (midnight, 1);
  return g_date_time_to_unix (tomorrow) - 1;
}

const char *
rapport_follow_up_kind_label (const char *kind)
{
  static const struct { const char *kind; const char *label; } labels[] = {
    { "preposition_referral", N_("Pre-position the referral") },
    { "delivery_check_in", N_("Delivery check-in") },
    { "satisfaction_check", N_("Satisfaction check") },
    { "introduction_ask", N_("Ask for an introduction") },
    { "contact_referral", N_("Contact the referral") },
    { "keep_source_informed", N_("Keep the source informed") },
    { "thank_referrer", N_("Thank the referrer") },
    { "follow_up_meeting", N_("Follow-up meeting") },
    { "keep_in_touch", N_("Keep in touch") },
    { "testimonial_ask", N_("Ask for a testimonial") },
    { "reference_care", N_("Thank the reference") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (kind, labels[i].kind) == 0)
      return _(labels[i].label);
  return kind;
}
