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

/* Frees what @item holds, not @item: rapport_agenda_foreach_due () keeps
 * its item on the stack. */
static void
clear_item (RapportDueItem *item)
{
  g_free (item->customer_name);
  g_free (item->kind);
  g_free (item->reason);
}

void
rapport_due_item_free (RapportDueItem *item)
{
  if (item == NULL)
    return;
  clear_item (item);
  g_free (item);
}

static void
read_item (sqlite3_stmt   *stmt,
           RapportDueItem *item)
{
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

      read_item (stmt, item);
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

/* The open follow-ups due by @until_text, oldest first; the due index
 * gives that order, SQLite sorts only the names within each due time. */
static sqlite3_stmt *
prepare_due (RapportStore  *store,
             const char    *until_text,
             int            limit,
             GError       **error)
{
  sqlite3_stmt *stmt;

  stmt = rapport_store_prepare (store,
                                ITEM_COLUMNS
                                "   AND coalesce (f.snoozed_until, f.due_at) <= ?"
                                " ORDER BY due, c.name COLLATE NOCASE"
                                " LIMIT ?",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, until_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, limit);
  return stmt;
}

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
  return rapport_agenda_list_due_first (store, until, -1, NULL, error);
}

static gboolean
count_due (RapportStore  *store,
           const char    *until_text,
           guint         *n_due,
           GError       **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  int rc;

  /* Counted in the index alone: a few ms for 50,000 overdue items. */
  stmt = rapport_store_prepare (store,
                                "SELECT count (*) FROM follow_up"
                                " WHERE state IN ('due', 'snoozed')"
                                "   AND coalesce (snoozed_until, due_at) <= ?",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, until_text, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return rapport_store_set_error (store, rc, error, "count follow-ups");
  *n_due = (guint) MIN (sqlite3_column_int64 (stmt, 0), G_MAXUINT);
  return TRUE;
}

/**
 * rapport_agenda_list_due_first:
 * @until: include items whose (snoozed) due time is at or before this instant
 * @limit: read at most this many, -1 for all
 * @n_due: (out) (optional): how many are due by @until in all
 *
 * For a summary of a long backlog ("Ada, Bob … and 49,996 more"), which
 * must not read every overdue item to name the first few.
 *
 * Returns: (transfer full) (element-type RapportDueItem): the first @limit
 *   open follow-ups due by @until, in the order of rapport_agenda_list_due()
 */
GPtrArray *
rapport_agenda_list_due_first (RapportStore  *store,
                               gint64         until,
                               int            limit,
                               guint         *n_due,
                               GError       **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  g_autofree char *until_text = rapport_time_format_utc (until);

  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);

  if (n_due != NULL && !count_due (store, until_text, n_due, error))
    return NULL;

  stmt = prepare_due (store, until_text, limit, error);
  if (stmt == NULL)
    return NULL;
  return collect_items (store, stmt, error);
}

/**
 * rapport_agenda_foreach_due:
 * @until: include items whose (snoozed) due time is at or before this instant
 * @func: called with each item, in the order of rapport_agenda_list_due()
 *
 * Hands each item to @func as the query yields it, without reading the
 * others first: the due index gives the order, so the first of 50,000
 * overdue items comes after reading those due at the same second.
 *
 * Returns: %FALSE with @error set if the book could not be read
 */
gboolean
rapport_agenda_foreach_due (RapportStore        *store,
                            gint64               until,
                            RapportDueItemFunc   func,
                            gpointer             user_data,
                            GError             **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  g_autofree char *until_text = rapport_time_format_utc (until);
  int rc;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  stmt = prepare_due (store, until_text, -1, error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RapportDueItem item = { 0, };

      read_item (stmt, &item);
      func (&item, user_data);
      clear_item (&item);
    }

  if (rc != SQLITE_DONE)
    return rapport_store_set_error (store, rc, error, "list follow-ups");
  return TRUE;
}

/**
 * rapport_agenda_get_mark:
 * @until: the instant the reader reads up to
 * @mark: (out): where a reader that reads now stops
 *
 * Read before the items it marks: what is added or moved in between is
 * read again next time rather than never.
 */
gboolean
rapport_agenda_get_mark (RapportStore       *store,
                         gint64              until,
                         RapportAgendaMark  *mark,
                         GError            **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), FALSE);
  g_return_val_if_fail (mark != NULL, FALSE);

  /* Both ends of an index: as quick on 100,000 follow-ups as on 10. */
  stmt = rapport_store_prepare (store,
                                "SELECT (SELECT coalesce (max (id), 0) FROM follow_up),"
                                "       (SELECT coalesce (max (moved_seq), 0) FROM follow_up)",
                                error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return rapport_store_set_error (store, rc, error, "read the agenda's mark");
  mark->until = until;
  mark->last_id = sqlite3_column_int64 (stmt, 0);
  mark->last_move = sqlite3_column_int64 (stmt, 1);
  return TRUE;
}

/**
 * rapport_agenda_list_due_since:
 * @mark: what the reader has read
 * @until: only items due at or before this instant
 *
 * What a reader that stopped at @mark has not seen: the open follow-ups
 * due in (@mark->until, @until], and those added, rescheduled, snoozed or
 * reopened since (through any connection, by any process) to a time by
 * @until.  Each part is one index range, so the cost follows what is new,
 * not how many items are overdue.
 *
 * Returns: (transfer full) (element-type RapportDueItem): those items,
 *   in the order of rapport_agenda_list_due()
 */
GPtrArray *
rapport_agenda_list_due_since (RapportStore             *store,
                               const RapportAgendaMark  *mark,
                               gint64                    until,
                               GError                  **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  g_autofree char *after_text = NULL;
  g_autofree char *until_text = rapport_time_format_utc (until);

  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);
  g_return_val_if_fail (mark != NULL, NULL);

  after_text = rapport_time_format_utc (mark->until);
  /* A UNION of ids rather than an OR: with the OR, SQLite walks the
   * whole backlog in the due index. */
  stmt = rapport_store_prepare (store,
                                ITEM_COLUMNS
                                "   AND coalesce (f.snoozed_until, f.due_at) <= ?2"
                                "   AND f.id IN ("
                                "     SELECT id FROM follow_up"
                                "      WHERE state IN ('due', 'snoozed')"
                                "        AND coalesce (snoozed_until, due_at) > ?1"
                                "        AND coalesce (snoozed_until, due_at) <= ?2"
                                "     UNION SELECT id FROM follow_up WHERE moved_seq > ?3)"
                                " ORDER BY due, c.name COLLATE NOCASE",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, after_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, until_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, mark->last_move);
  return collect_items (store, stmt, error);
}

/**
 * rapport_agenda_list_due_ids:
 * @until: items due at or before this instant
 * @last_id: of those, the ones with an id up to this one
 * @limit: at most this many, -1 for all
 *
 * The ids of a backlog read as a count and its first few items, for
 * acting on all of it (Done on a summary) or asking whether any of it is
 * still open (@limit 1).
 *
 * Returns: (transfer full) (element-type gint64): the ids, oldest first
 */
GArray *
rapport_agenda_list_due_ids (RapportStore  *store,
                             gint64         until,
                             gint64         last_id,
                             int            limit,
                             GError       **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *until_text = rapport_time_format_utc (until);
  int rc;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);

  stmt = rapport_store_prepare (store,
                                "SELECT id FROM follow_up"
                                " WHERE state IN ('due', 'snoozed')"
                                "   AND coalesce (snoozed_until, due_at) <= ?"
                                "   AND id <= ?"
                                " ORDER BY coalesce (snoozed_until, due_at), id"
                                " LIMIT ?",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, until_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, last_id);
  sqlite3_bind_int (stmt, 3, limit);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      rapport_store_set_error (store, rc, error, "list follow-ups");
      return NULL;
    }
  return g_steal_pointer (&ids);
}

/**
 * rapport_agenda_list_open_among:
 * @ids: (array length=n_ids): follow-up ids
 *
 * One query for a handful of items, such as those on screen: which are
 * still open, and at what due time.
 *
 * Returns: (transfer full) (element-type RapportDueItem): the open ones
 *   among @ids, soonest first
 */
GPtrArray *
rapport_agenda_list_open_among (RapportStore  *store,
                                const gint64  *ids,
                                guint          n_ids,
                                GError       **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  g_autoptr(GString) list = g_string_new ("[");

  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);
  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);

  /* The ids go in bound, as one JSON array. */
  for (guint i = 0; i < n_ids; i++)
    g_string_append_printf (list, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", ids[i]);
  g_string_append_c (list, ']');

  stmt = rapport_store_prepare (store,
                                ITEM_COLUMNS
                                "   AND f.id IN (SELECT value FROM json_each (?))"
                                " ORDER BY due, f.id",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, list->str, (int) list->len, SQLITE_TRANSIENT);
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
  g_autoptr(GTimeZone) zone = rapport_time_local_zone ();
  g_autoptr(GDateTime) local = rapport_time_new_local (now);
  g_autoptr(GDateTime) midnight = NULL;
  g_autoptr(GDateTime) tomorrow = NULL;

  midnight = g_date_time_new (zone, g_date_time_get_year (local),
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
