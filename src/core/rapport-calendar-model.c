/* rapport-calendar-model.c: the follow-up calendar, read from the book
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A book of 100,000 customers holds tens of thousands of open follow-ups,
 * so nothing here loads them all.  The month grid's counts come from one
 * GROUP BY over a range of the follow_up_open index; the agenda reads
 * three capped sections of the same index: what is overdue, the selected
 * day, and what is coming up in the next two weeks.  Every open follow-up
 * due before the end of that window is in exactly one section.
 */

#define G_LOG_DOMAIN "rapport-calendar-model"

#include "config.h"

#include <string.h>

#include "rapport-calendar-model.h"
#include "rapport-time.h"

struct _RapportCalendarModel
{
  GObject        parent_instance;

  RapportStore  *store;
  GPtrArray     *entries;  /* RapportCalendarEntry, in display order */
  guint          totals[RAPPORT_CALENDAR_N_SECTIONS];
  guint          limit;
  GDate          day;      /* the selected day; invalid before the first load */
  GDate          today;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RapportCalendarModel, rapport_calendar_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

/* Written exactly as the follow_up_open index is, so SQLite uses it. */
#define OPEN_ITEMS "f.state IN ('due', 'snoozed')"
#define DUE "coalesce (f.snoozed_until, f.due_at)"

/* Overdue at :now, as rapport_urgency_compute () decides: once overdue_at
 * has passed, or without one, from the day after the item is due.  A
 * snooze past overdue_at sets it aside (as in rapport-agenda.c). */
#define IS_OVERDUE \
  "(CASE WHEN f.snoozed_until IS NULL OR f.overdue_at > f.snoozed_until" \
  "      THEN coalesce (f.overdue_at <= :now, " DUE " < :today_start)" \
  "      ELSE " DUE " < :today_start END)"

#define ON_DAY "(" DUE " >= :day_start AND " DUE " < :day_end)"

/* Today also shows what is still in time from earlier days (an item
 * with a 24-hour window, say); another day shows only its own. */
static const char * const section_conditions[RAPPORT_CALENDAR_N_SECTIONS] = {
  [RAPPORT_CALENDAR_SECTION_OVERDUE] =
    DUE " < :tomorrow_start AND " IS_OVERDUE " AND NOT " ON_DAY,
  [RAPPORT_CALENDAR_SECTION_DAY] =
    DUE " < :day_end AND (" DUE " >= :day_start OR (:is_today AND NOT " IS_OVERDUE "))",
  [RAPPORT_CALENDAR_SECTION_UPCOMING] =
    DUE " < :upcoming_end AND NOT " IS_OVERDUE " AND NOT " ON_DAY
    " AND NOT (:is_today AND " DUE " < :day_end)",
};

typedef struct
{
  gint64   now;
  gint64   today_start;
  gint64   tomorrow_start;
  gint64   day_start;
  gint64   day_end;
  gint64   upcoming_end;
  gboolean is_today;
} Bounds;

/**
 * rapport_calendar_day_start:
 *
 * Returns: the first instant of @day in the local time zone
 */
gint64
rapport_calendar_day_start (const GDate *day)
{
  g_autoptr(GDateTime) midnight = NULL;

  g_return_val_if_fail (day != NULL && g_date_valid (day), 0);

  midnight = g_date_time_new_local (g_date_get_year (day), g_date_get_month (day),
                                    g_date_get_day (day), 0, 0, 0);
  return g_date_time_to_unix (midnight);
}

/**
 * rapport_calendar_local_day:
 * @day: (out caller-allocates): @t's day in the local time zone
 */
void
rapport_calendar_local_day (gint64  t,
                            GDate  *day)
{
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (t);

  g_return_if_fail (day != NULL);

  g_date_clear (day, 1);
  g_date_set_dmy (day, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));
}

static gint64
day_start_after (const GDate *day,
                 guint        n_days)
{
  GDate later = *day;

  g_date_add_days (&later, n_days);
  return rapport_calendar_day_start (&later);
}

static void
bounds_init (Bounds      *bounds,
             const GDate *day,
             const GDate *today,
             gint64       now)
{
  bounds->now = now;
  bounds->today_start = rapport_calendar_day_start (today);
  bounds->tomorrow_start = day_start_after (today, 1);
  bounds->upcoming_end = day_start_after (today, 1 + RAPPORT_CALENDAR_UPCOMING_DAYS);
  bounds->day_start = rapport_calendar_day_start (day);
  bounds->day_end = day_start_after (day, 1);
  bounds->is_today = g_date_compare (day, today) == 0;
}

static void
bind_time (RapportStmt *stmt,
           const char  *name,
           gint64       t)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  if (index > 0)
    sqlite3_bind_text (stmt, index, rapport_time_format_utc (t), -1, g_free);
}

static void
bind_bounds (RapportStmt  *stmt,
             const Bounds *bounds)
{
  int index;

  bind_time (stmt, ":now", bounds->now);
  bind_time (stmt, ":today_start", bounds->today_start);
  bind_time (stmt, ":tomorrow_start", bounds->tomorrow_start);
  bind_time (stmt, ":day_start", bounds->day_start);
  bind_time (stmt, ":day_end", bounds->day_end);
  bind_time (stmt, ":upcoming_end", bounds->upcoming_end);
  if ((index = sqlite3_bind_parameter_index (stmt, ":is_today")) > 0)
    sqlite3_bind_int (stmt, index, bounds->is_today);
}

static gboolean
count_section (RapportStore  *store,
               const char    *condition,
               const Bounds  *bounds,
               guint         *count,
               GError       **error)
{
  g_autofree char *sql = g_strconcat ("SELECT count (*) FROM follow_up f WHERE " OPEN_ITEMS " AND ",
                                      condition, NULL);
  g_autoptr(RapportStmt) stmt = rapport_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  bind_bounds (stmt, bounds);
  if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
    return rapport_store_set_error (store, rc, error, "count follow-ups");
  *count = sqlite3_column_int (stmt, 0);
  return TRUE;
}

static gint64
column_time (RapportStmt *stmt,
             int          column)
{
  gint64 t = 0;

  if (!rapport_time_parse_utc ((const char *) sqlite3_column_text (stmt, column), &t))
    return 0;
  return t;
}

/* The columns rapport-agenda.c reads into a RapportDueItem. */
static RapportDueItem *
read_item (RapportStmt *stmt)
{
  RapportDueItem *item = g_new0 (RapportDueItem, 1);

  item->id = sqlite3_column_int64 (stmt, 0);
  item->customer_id = sqlite3_column_int64 (stmt, 1);
  item->customer_name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  item->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  item->due_at = column_time (stmt, 4);
  item->reason = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  item->overdue_at = column_time (stmt, 6);
  item->snoozed = sqlite3_column_int (stmt, 7) != 0;
  item->by_playbook = sqlite3_column_int (stmt, 8) != 0;
  return item;
}

static gboolean
list_section (RapportStore            *store,
              RapportCalendarSection   section,
              const Bounds            *bounds,
              guint                    limit,
              GPtrArray               *entries,
              GError                 **error)
{
  g_autofree char *sql = NULL;
  g_autoptr(RapportStmt) stmt = NULL;
  int rc;

  sql = g_strconcat ("SELECT f.id, f.customer_id, c.name, f.kind, " DUE ", f.reason,"
                     "       CASE WHEN f.snoozed_until IS NULL OR f.overdue_at > f.snoozed_until"
                     "            THEN f.overdue_at END,"
                     "       f.state = 'snoozed', f.created_by = 'playbook'"
                     /* CROSS JOIN: walk the index, whatever the statistics say
                      * of a small customer table. */
                     "  FROM follow_up f CROSS JOIN customer c ON c.id = f.customer_id"
                     " WHERE " OPEN_ITEMS " AND ", section_conditions[section],
                     " ORDER BY " DUE ", f.id LIMIT :limit",
                     NULL);
  if ((stmt = rapport_store_prepare (store, sql, error)) == NULL)
    return FALSE;
  bind_bounds (stmt, bounds);
  sqlite3_bind_int (stmt, sqlite3_bind_parameter_index (stmt, ":limit"), limit);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (entries, rapport_calendar_entry_new_item (section, read_item (stmt)));
  if (rc != SQLITE_DONE)
    return rapport_store_set_error (store, rc, error, "list follow-ups");
  return TRUE;
}

static gboolean
load_section (RapportCalendarModel    *self,
              RapportCalendarSection   section,
              const Bounds            *bounds,
              GPtrArray               *entries,
              GError                 **error)
{
  guint total = 0;
  guint first;

  if (!count_section (self->store, section_conditions[section], bounds, &total, error))
    return FALSE;
  self->totals[section] = total;

  /* The selected day is always there, if only to say it is free. */
  if (total == 0 && section != RAPPORT_CALENDAR_SECTION_DAY)
    return TRUE;

  g_ptr_array_add (entries, rapport_calendar_entry_new (RAPPORT_CALENDAR_ENTRY_HEADER, section, total));
  if (total == 0)
    {
      g_ptr_array_add (entries, rapport_calendar_entry_new (RAPPORT_CALENDAR_ENTRY_EMPTY, section, 0));
      return TRUE;
    }

  first = entries->len;
  if (!list_section (self->store, section, bounds, self->limit, entries, error))
    return FALSE;
  if (total > entries->len - first)
    g_ptr_array_add (entries, rapport_calendar_entry_new (RAPPORT_CALENDAR_ENTRY_MORE, section,
                                                          total - (entries->len - first)));
  return TRUE;
}

static void
keep_entry (GPtrArray *entries,
            guint      position,
            gpointer   old_entry)
{
  g_object_unref (entries->pdata[position]);
  entries->pdata[position] = g_object_ref (old_entry);
}

/* Keeps the entries that did not change, so a list view keeps their rows
 * (and its scroll position) when one item is done. */
static void
replace_entries (RapportCalendarModel *self,
                 GPtrArray            *entries,
                 gboolean              keep_unchanged)
{
  GPtrArray *old = self->entries;
  guint old_n = old->len, new_n = entries->len;
  guint prefix = 0, suffix = 0;

  if (keep_unchanged)
    {
      while (prefix < old_n && prefix < new_n &&
             rapport_calendar_entry_equal (old->pdata[prefix], entries->pdata[prefix]))
        prefix++;
      while (suffix < old_n - prefix && suffix < new_n - prefix &&
             rapport_calendar_entry_equal (old->pdata[old_n - 1 - suffix],
                                           entries->pdata[new_n - 1 - suffix]))
        suffix++;
    }

  for (guint i = 0; i < prefix; i++)
    keep_entry (entries, i, old->pdata[i]);
  for (guint i = 0; i < suffix; i++)
    keep_entry (entries, new_n - 1 - i, old->pdata[old_n - 1 - i]);

  self->entries = g_ptr_array_ref (entries);
  g_ptr_array_unref (old);

  if (prefix + suffix < MAX (old_n, new_n))
    g_list_model_items_changed (G_LIST_MODEL (self), prefix, old_n - prefix - suffix,
                                new_n - prefix - suffix);
}

/**
 * rapport_calendar_model_load:
 * @day: the selected day
 * @now: the current time, which says what is overdue and what is today
 *
 * Reads the agenda: the overdue follow-ups, those of @day, and those due
 * in the next %RAPPORT_CALENDAR_UPCOMING_DAYS days, each section at most
 * the model's limit long.  On error the model keeps what it showed.
 */
gboolean
rapport_calendar_model_load (RapportCalendarModel  *self,
                             const GDate           *day,
                             gint64                 now,
                             GError               **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  guint totals[RAPPORT_CALENDAR_N_SECTIONS];
  gboolean same_days;
  Bounds bounds;
  GDate today;

  g_return_val_if_fail (RAPPORT_IS_CALENDAR_MODEL (self), FALSE);
  g_return_val_if_fail (day != NULL && g_date_valid (day), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  rapport_calendar_local_day (now, &today);
  bounds_init (&bounds, day, &today, now);

  memcpy (totals, self->totals, sizeof totals);
  for (guint section = 0; section < RAPPORT_CALENDAR_N_SECTIONS; section++)
    if (!load_section (self, section, &bounds, entries, error))
      {
        memcpy (self->totals, totals, sizeof totals);
        return FALSE;
      }

  /* Headers and urgency read the day and today: a new day redraws all. */
  same_days = g_date_valid (&self->day) &&
              g_date_compare (&self->day, day) == 0 &&
              g_date_compare (&self->today, &today) == 0;
  self->day = *day;
  self->today = today;
  replace_entries (self, entries, same_days);
  return TRUE;
}

/**
 * rapport_calendar_model_get_day:
 * @day: (out caller-allocates): the day of the last load
 *
 * Returns: %FALSE before the first load
 */
gboolean
rapport_calendar_model_get_day (RapportCalendarModel *self,
                                GDate                *day)
{
  g_return_val_if_fail (RAPPORT_IS_CALENDAR_MODEL (self), FALSE);
  g_return_val_if_fail (day != NULL, FALSE);

  *day = self->day;
  return g_date_valid (day);
}

/**
 * rapport_calendar_model_get_total:
 *
 * Returns: how many follow-ups the section has, shown or not
 */
guint
rapport_calendar_model_get_total (RapportCalendarModel   *self,
                                  RapportCalendarSection  section)
{
  g_return_val_if_fail (RAPPORT_IS_CALENDAR_MODEL (self), 0);
  g_return_val_if_fail (section < RAPPORT_CALENDAR_N_SECTIONS, 0);

  return self->totals[section];
}

void
rapport_calendar_model_set_limit (RapportCalendarModel *self,
                                  guint                 limit)
{
  g_return_if_fail (RAPPORT_IS_CALENDAR_MODEL (self));
  g_return_if_fail (limit > 0);

  self->limit = limit;
}

/**
 * rapport_calendar_count_days:
 * @first: the first day
 * @counts: (out caller-allocates) (array length=n_days): open follow-ups per day
 *
 * Counts the open follow-ups of each local day from @first on, a snoozed
 * one on the day its snooze ends.
 */
gboolean
rapport_calendar_count_days (RapportStore  *store,
                             const GDate   *first,
                             guint          n_days,
                             guint         *counts,
                             GError       **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), FALSE);
  g_return_val_if_fail (first != NULL && g_date_valid (first), FALSE);
  g_return_val_if_fail (counts != NULL || n_days == 0, FALSE);

  if (n_days == 0)
    return TRUE;
  memset (counts, 0, n_days * sizeof *counts);

  /* SQLite's 'localtime' and GLib both follow TZ and /etc/localtime. */
  stmt = rapport_store_prepare (store,
                                "SELECT date (" DUE ", 'localtime'), count (*)"
                                "  FROM follow_up f"
                                " WHERE " OPEN_ITEMS " AND " DUE " >= ? AND " DUE " < ?"
                                " GROUP BY 1",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, rapport_time_format_utc (rapport_calendar_day_start (first)),
                     -1, g_free);
  sqlite3_bind_text (stmt, 2, rapport_time_format_utc (day_start_after (first, n_days)),
                     -1, g_free);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GDate day;
      int offset;

      if (!rapport_date_parse ((const char *) sqlite3_column_text (stmt, 0), &day))
        continue;
      offset = g_date_days_between (first, &day);
      if (offset >= 0 && (guint) offset < n_days)
        counts[offset] += sqlite3_column_int (stmt, 1);
    }
  if (rc != SQLITE_DONE)
    return rapport_store_set_error (store, rc, error, "count follow-ups per day");
  return TRUE;
}

/**
 * rapport_calendar_has_open:
 * @has_open: (out): whether the book has any open follow-up
 */
gboolean
rapport_calendar_has_open (RapportStore  *store,
                           gboolean      *has_open,
                           GError       **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), FALSE);
  g_return_val_if_fail (has_open != NULL, FALSE);

  stmt = rapport_store_prepare (store,
                                "SELECT EXISTS (SELECT 1 FROM follow_up f WHERE " OPEN_ITEMS ")",
                                error);
  if (stmt == NULL)
    return FALSE;
  if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
    return rapport_store_set_error (store, rc, error, "look for follow-ups");
  *has_open = sqlite3_column_int (stmt, 0) != 0;
  return TRUE;
}

static GType
rapport_calendar_model_get_item_type (GListModel *model)
{
  return RAPPORT_TYPE_CALENDAR_ENTRY;
}

static guint
rapport_calendar_model_get_n_items (GListModel *model)
{
  return RAPPORT_CALENDAR_MODEL (model)->entries->len;
}

static gpointer
rapport_calendar_model_get_item (GListModel *model,
                                 guint       position)
{
  RapportCalendarModel *self = RAPPORT_CALENDAR_MODEL (model);

  if (position >= self->entries->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->entries, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = rapport_calendar_model_get_item_type;
  iface->get_n_items = rapport_calendar_model_get_n_items;
  iface->get_item = rapport_calendar_model_get_item;
}

static void
rapport_calendar_model_finalize (GObject *object)
{
  RapportCalendarModel *self = (RapportCalendarModel *)object;

  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (rapport_calendar_model_parent_class)->finalize (object);
}

static void
rapport_calendar_model_class_init (RapportCalendarModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rapport_calendar_model_finalize;
}

static void
rapport_calendar_model_init (RapportCalendarModel *self)
{
  self->entries = g_ptr_array_new_with_free_func (g_object_unref);
  self->limit = RAPPORT_CALENDAR_DEFAULT_LIMIT;
  g_date_clear (&self->day, 1);
  g_date_clear (&self->today, 1);
}

RapportCalendarModel *
rapport_calendar_model_new (RapportStore *store)
{
  RapportCalendarModel *self;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);

  self = g_object_new (RAPPORT_TYPE_CALENDAR_MODEL, NULL);
  self->store = g_object_ref (store);
  return self;
}
