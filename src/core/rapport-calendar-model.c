/* rapport-calendar-model.c: the follow-up calendar, read from the book
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A book of 100,000 customers holds tens of thousands of open follow-ups,
 * so nothing here loads them all.  The month grid's counts come from one
 * GROUP BY over ranges of the follow_up_open index; the agenda reads
 * three capped sections of the same index: what was due before today,
 * the selected day, and what is due in the next two weeks.  Every open
 * follow-up due before the end of that window is in exactly one section.
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

/* Sections are ranges of the (snoozed) due time, so SQLite counts them
 * from the index alone: 90,000 overdue check-ins cost a few milliseconds
 * to count.  Whether an item is past its grace (overdue_at) needs its row,
 * so it is said on the item's line, not by the section it is in. */
#define IN_RANGE OPEN_ITEMS " AND " DUE " >= ? AND " DUE " < ?"

typedef struct
{
  gint64 from;  /* 0: no lower bound */
  gint64 to;    /* 0: no upper bound */
} Range;

typedef struct
{
  gint64 today_start;
  gint64 day_start;
  gint64 day_end;
  gint64 upcoming_end;
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
             const GDate *today)
{
  bounds->today_start = rapport_calendar_day_start (today);
  bounds->upcoming_end = day_start_after (today, 1 + RAPPORT_CALENDAR_UPCOMING_DAYS);
  bounds->day_start = rapport_calendar_day_start (day);
  bounds->day_end = day_start_after (day, 1);
}

/* @range minus the selected day: the day has a section of its own. */
static guint
cut_out_day (Range         range,
             const Bounds *bounds,
             Range         out[2])
{
  guint n = 0;

  if (range.from == 0 || range.from < bounds->day_start)
    out[n++] = (Range) { range.from, range.to == 0 ? bounds->day_start : MIN (range.to, bounds->day_start) };
  if (range.to == 0 || range.to > bounds->day_end)
    out[n++] = (Range) { MAX (range.from, bounds->day_end), range.to };
  return n;
}

static guint
section_ranges (RapportCalendarSection  section,
                const Bounds           *bounds,
                Range                   out[2])
{
  switch (section)
    {
    case RAPPORT_CALENDAR_SECTION_OVERDUE:
      return cut_out_day ((Range) { 0, bounds->today_start }, bounds, out);
    case RAPPORT_CALENDAR_SECTION_UPCOMING:
      return cut_out_day ((Range) { bounds->today_start, bounds->upcoming_end }, bounds, out);
    case RAPPORT_CALENDAR_SECTION_DAY:
    default:
      out[0] = (Range) { bounds->day_start, bounds->day_end };
      return 1;
    }
}

/* Text bounds: "" sorts before every instant, "~" after. */
static void
bind_range (RapportStmt *stmt,
            const Range *range)
{
  if (range->from == 0)
    sqlite3_bind_text (stmt, 1, "", -1, SQLITE_STATIC);
  else
    sqlite3_bind_text (stmt, 1, rapport_time_format_utc (range->from), -1, g_free);
  if (range->to == 0)
    sqlite3_bind_text (stmt, 2, "~", -1, SQLITE_STATIC);
  else
    sqlite3_bind_text (stmt, 2, rapport_time_format_utc (range->to), -1, g_free);
}

static gboolean
count_range (RapportStore  *store,
             const Range   *range,
             guint         *count,
             GError       **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  int rc;

  stmt = rapport_store_prepare (store, "SELECT count (*) FROM follow_up f WHERE " IN_RANGE, error);
  if (stmt == NULL)
    return FALSE;
  bind_range (stmt, range);
  if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
    return rapport_store_set_error (store, rc, error, "count follow-ups");
  *count += sqlite3_column_int (stmt, 0);
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
list_range (RapportStore            *store,
            RapportCalendarSection   section,
            const Range             *range,
            guint                    limit,
            GPtrArray               *entries,
            GError                 **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  int rc;

  /* CROSS JOIN: walk the index, whatever the statistics say of a small
   * customer table.  The index's order is (due, id): no sorting. */
  stmt = rapport_store_prepare (store,
                                "SELECT f.id, f.customer_id, c.name, f.kind, " DUE ", f.reason,"
                                "       CASE WHEN f.snoozed_until IS NULL OR f.overdue_at > f.snoozed_until"
                                "            THEN f.overdue_at END,"
                                "       f.state = 'snoozed', f.created_by = 'playbook'"
                                "  FROM follow_up f CROSS JOIN customer c ON c.id = f.customer_id"
                                " WHERE " IN_RANGE
                                " ORDER BY " DUE ", f.id LIMIT ?",
                                error);
  if (stmt == NULL)
    return FALSE;
  bind_range (stmt, range);
  sqlite3_bind_int (stmt, 3, limit);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (entries, rapport_calendar_entry_new_item (section, read_item (stmt)));
  if (rc != SQLITE_DONE)
    return rapport_store_set_error (store, rc, error, "list follow-ups");
  return TRUE;
}

/* What one read of the agenda found, ready for the model to show. */
struct _RapportCalendarAgenda
{
  GPtrArray *entries;
  guint      totals[RAPPORT_CALENDAR_N_SECTIONS];
  GDate      day;
  GDate      today;
};

void
rapport_calendar_agenda_free (RapportCalendarAgenda *agenda)
{
  g_clear_pointer (&agenda->entries, g_ptr_array_unref);
  g_free (agenda);
}

static gboolean
load_section (RapportStore            *store,
              RapportCalendarAgenda   *agenda,
              RapportCalendarSection   section,
              const Bounds            *bounds,
              guint                    limit,
              GError                 **error)
{
  GPtrArray *entries = agenda->entries;
  Range ranges[2];
  guint n_ranges = section_ranges (section, bounds, ranges);
  guint total = 0;
  guint first, shown;

  for (guint i = 0; i < n_ranges; i++)
    if (!count_range (store, &ranges[i], &total, error))
      return FALSE;
  agenda->totals[section] = total;

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
  for (guint i = 0; i < n_ranges && entries->len - first < limit; i++)
    if (!list_range (store, section, &ranges[i], limit - (entries->len - first), entries, error))
      return FALSE;
  shown = entries->len - first;
  if (total > shown)
    g_ptr_array_add (entries, rapport_calendar_entry_new (RAPPORT_CALENDAR_ENTRY_MORE, section,
                                                          total - shown));
  return TRUE;
}

/**
 * rapport_calendar_agenda_read:
 * @store: the book, or a reader of it in a worker thread
 * @day: the selected day
 * @now: the current time, which says which day is today
 * @limit: rows a section shows at most
 *
 * Reads the agenda: the follow-ups due before today (overdue, or for
 * some still within their grace), those of @day, and those due from today
 * to %RAPPORT_CALENDAR_UPCOMING_DAYS days after, each section at most
 * @limit long, oldest first.  Touches nothing but @store, so a worker
 * thread can read while the model shows the last agenda.
 *
 * Returns: (transfer full) (nullable): the agenda, for
 *   rapport_calendar_model_show ()
 */
RapportCalendarAgenda *
rapport_calendar_agenda_read (RapportStore  *store,
                              const GDate   *day,
                              gint64         now,
                              guint          limit,
                              GError       **error)
{
  g_autoptr(RapportCalendarAgenda) agenda = NULL;
  Bounds bounds;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);
  g_return_val_if_fail (day != NULL && g_date_valid (day), NULL);
  g_return_val_if_fail (limit > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  agenda = g_new0 (RapportCalendarAgenda, 1);
  agenda->entries = g_ptr_array_new_with_free_func (g_object_unref);
  agenda->day = *day;
  rapport_calendar_local_day (now, &agenda->today);
  bounds_init (&bounds, day, &agenda->today);

  for (guint section = 0; section < RAPPORT_CALENDAR_N_SECTIONS; section++)
    if (!load_section (store, agenda, section, &bounds, limit, error))
      return NULL;
  return g_steal_pointer (&agenda);
}

static void
keep_entry (GPtrArray *entries,
            guint      position,
            gpointer   old_entry)
{
  g_object_unref (entries->pdata[position]);
  entries->pdata[position] = g_object_ref (old_entry);
}

/* Whether a row showing @old can go on showing @new.  Rows read today
 * (for urgency) and the selected day's section reads the day (its title):
 * another day redraws that section, another today everything. */
static gboolean
unchanged (gpointer old,
           gpointer new,
           gboolean same_day)
{
  return rapport_calendar_entry_equal (old, new) &&
         (same_day || rapport_calendar_entry_get_section (new) != RAPPORT_CALENDAR_SECTION_DAY);
}

/* Keeps the entries that did not change, so a list view keeps their rows
 * (and its scroll position) when one item is done, and does not build
 * again the hundreds of rows GTK 4.8 keeps around for the sections a
 * newly chosen day leaves as they were. */
static void
replace_entries (RapportCalendarModel *self,
                 GPtrArray            *entries,
                 gboolean              same_today,
                 gboolean              same_day)
{
  GPtrArray *old = self->entries;
  guint old_n = old->len, new_n = entries->len;
  guint prefix = 0, suffix = 0;

  if (same_today)
    {
      while (prefix < old_n && prefix < new_n &&
             unchanged (old->pdata[prefix], entries->pdata[prefix], same_day))
        prefix++;
      while (suffix < old_n - prefix && suffix < new_n - prefix &&
             unchanged (old->pdata[old_n - 1 - suffix], entries->pdata[new_n - 1 - suffix], same_day))
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
 * rapport_calendar_model_show:
 * @agenda: what rapport_calendar_agenda_read () found
 *
 * Shows @agenda, keeping the rows of the entries that did not change.
 */
void
rapport_calendar_model_show (RapportCalendarModel  *self,
                             RapportCalendarAgenda *agenda)
{
  gboolean same_today, same_day;

  g_return_if_fail (RAPPORT_IS_CALENDAR_MODEL (self));
  g_return_if_fail (agenda != NULL);

  memcpy (self->totals, agenda->totals, sizeof self->totals);

  same_today = g_date_valid (&self->today) && g_date_compare (&self->today, &agenda->today) == 0;
  same_day = g_date_valid (&self->day) && g_date_compare (&self->day, &agenda->day) == 0;
  self->day = agenda->day;
  self->today = agenda->today;
  replace_entries (self, agenda->entries, same_today, same_day);
}

/**
 * rapport_calendar_model_load:
 * @day: the selected day
 * @now: the current time, which says which day is today
 *
 * Reads the agenda of @day (see rapport_calendar_agenda_read ()) from
 * the model's store and shows it.  On error the model keeps what it
 * showed.
 */
gboolean
rapport_calendar_model_load (RapportCalendarModel  *self,
                             const GDate           *day,
                             gint64                 now,
                             GError               **error)
{
  g_autoptr(RapportCalendarAgenda) agenda = NULL;

  g_return_val_if_fail (RAPPORT_IS_CALENDAR_MODEL (self), FALSE);
  g_return_val_if_fail (day != NULL && g_date_valid (day), FALSE);

  agenda = rapport_calendar_agenda_read (self->store, day, now, self->limit, error);
  if (agenda == NULL)
    return FALSE;
  rapport_calendar_model_show (self, agenda);
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

guint
rapport_calendar_model_get_limit (RapportCalendarModel *self)
{
  g_return_val_if_fail (RAPPORT_IS_CALENDAR_MODEL (self), 0);

  return self->limit;
}

void
rapport_calendar_model_set_limit (RapportCalendarModel *self,
                                  guint                 limit)
{
  g_return_if_fail (RAPPORT_IS_CALENDAR_MODEL (self));
  g_return_if_fail (limit > 0);

  self->limit = limit;
}

/* One row per day, (n, start, stop), bound as 2 × @n_days instants; the
 * store keeps the statement prepared, keyed by this text. */
static char *
count_days_sql (guint n_days)
{
  GString *sql = g_string_new ("WITH day (n, start, stop) AS (VALUES ");

  for (guint i = 0; i < n_days; i++)
    g_string_append_printf (sql, "%s(%u, ?, ?)", i > 0 ? ", " : "", i);
  /* A join on the index's ranges, so SQLite counts from the index alone
   * (3.40 cannot read an expression back from an index to group by it). */
  g_string_append (sql, ") SELECT day.n, count (*) FROM day JOIN follow_up f"
                        "   ON " OPEN_ITEMS " AND " DUE " >= day.start AND " DUE " < day.stop"
                        " GROUP BY day.n");
  return g_string_free (sql, FALSE);
}

/**
 * rapport_calendar_count_days:
 * @first: the first day
 * @counts: (out caller-allocates) (array length=n_days): open follow-ups per day
 *
 * Counts the open follow-ups of each local day from @first on, a snoozed
 * one on the day its snooze ends.  Days begin at local midnight as GLib
 * sees it, so a day of 23 or 25 hours counts what is in it.
 */
gboolean
rapport_calendar_count_days (RapportStore  *store,
                             const GDate   *first,
                             guint          n_days,
                             guint         *counts,
                             GError       **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  g_autofree char *sql = NULL;
  gint64 start;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), FALSE);
  g_return_val_if_fail (first != NULL && g_date_valid (first), FALSE);
  g_return_val_if_fail (counts != NULL || n_days == 0, FALSE);
  g_return_val_if_fail (n_days <= 366, FALSE);

  if (n_days == 0)
    return TRUE;
  memset (counts, 0, n_days * sizeof *counts);

  sql = count_days_sql (n_days);
  if ((stmt = rapport_store_prepare (store, sql, error)) == NULL)
    return FALSE;
  start = rapport_calendar_day_start (first);
  for (guint i = 0; i < n_days; i++)
    {
      gint64 stop = day_start_after (first, i + 1);

      sqlite3_bind_text (stmt, 2 * i + 1, rapport_time_format_utc (start), -1, g_free);
      sqlite3_bind_text (stmt, 2 * i + 2, rapport_time_format_utc (stop), -1, g_free);
      start = stop;
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int n = sqlite3_column_int (stmt, 0);

      if (n >= 0 && (guint) n < n_days)
        counts[n] = sqlite3_column_int (stmt, 1);
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
