/* test-calendar-model.c: counts per day and the agenda's sections
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <time.h>

#include "rapport-calendar-model.h"
#include "rapport-follow-ups.h"
#include "rapport-time.h"
#include "rapport-urgency.h"

/* Central European time: summer time ends on Sunday 25 October 2026,
 * which has 25 hours.  A rule, so the test needs no tzdata. */
#define TEST_TZ "CET-1CEST,M3.5.0,M10.5.0/3"

typedef struct
{
  RapportStore         *store;
  RapportCalendarModel *model;
  gint64                now;   /* Wednesday 4 November 2026, 11:00 local */
} Fixture;

static void
exec_sql (Fixture    *f,
          const char *sql)
{
  g_autoptr(GError) error = NULL;

  rapport_store_exec (f->store, sql, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = rapport_store_default_path ();
  g_autoptr(GError) error = NULL;

  f->store = rapport_store_open (path, &error);
  g_assert_no_error (error);
  f->model = rapport_calendar_model_new (f->store);

  g_setenv ("RAPPORT_FAKE_NOW", "2026-11-04T10:00:00Z", TRUE);
  f->now = rapport_time_now ();

  exec_sql (f, "INSERT INTO customer (id, name, created_at, updated_at) VALUES"
               " (1, 'Ada', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),"
               " (2, 'Grace', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->model);
  g_clear_object (&f->store);
  g_unsetenv ("RAPPORT_FAKE_NOW");
}

static void
add_follow_up (Fixture    *f,
               gint64      id,
               const char *due_at,
               const char *overdue_at,
               const char *state,
               const char *snoozed_until,
               const char *reason)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStmt) stmt = NULL;

  stmt = rapport_store_prepare (f->store,
                                "INSERT INTO follow_up (id, customer_id, kind, due_at, overdue_at,"
                                "  state, snoozed_until, reason, created_at)"
                                " VALUES (?, 1 + ? % 2, 'keep_in_touch', ?, ?, ?, ?, ?,"
                                "  '2026-01-01T00:00:00Z')",
                                &error);
  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, id);
  sqlite3_bind_text (stmt, 3, due_at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, overdue_at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, state, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, snoozed_until, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, reason, -1, SQLITE_STATIC);
  rapport_store_step_done (f->store, stmt, &error);
  g_assert_no_error (error);
}

static void
set_day (GDate *day,
         int    year,
         int    month,
         int    day_of_month)
{
  g_date_clear (day, 1);
  g_date_set_dmy (day, day_of_month, month, year);
}

static void
test_counts_across_month_and_dst (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint counts[21];
  GDate first, day;
  guint total = 0;

  /* 25 October has 25 hours here; both of these are on it. */
  add_follow_up (f, 1, "2026-10-24T22:30:00Z", NULL, "due", NULL, "00:30 summer time");
  add_follow_up (f, 2, "2026-10-25T22:30:00Z", NULL, "due", NULL, "23:30 winter time");
  /* The month boundary is local midnight, not UTC's. */
  add_follow_up (f, 3, "2026-10-31T22:59:59Z", NULL, "due", NULL, "last second of October");
  add_follow_up (f, 4, "2026-10-31T23:30:00Z", NULL, "due", NULL, "1 November, 00:30");
  /* A snoozed item counts on the day its snooze ends. */
  add_follow_up (f, 5, "2026-10-20T09:00:00Z", NULL, "snoozed", "2026-11-02T08:00:00Z", "snoozed");
  /* Done and skipped items are no longer anybody's business. */
  add_follow_up (f, 6, "2026-11-01T09:00:00Z", NULL, "done", NULL, "done");
  add_follow_up (f, 7, "2026-11-01T09:00:00Z", NULL, "skipped", NULL, "skipped");
  /* Outside the range asked for. */
  add_follow_up (f, 8, "2026-10-18T21:59:59Z", NULL, "due", NULL, "18 October, 23:59");
  add_follow_up (f, 9, "2026-11-08T23:00:00Z", NULL, "due", NULL, "9 November, 00:00");

  set_day (&day, 2026, 10, 25);
  g_assert_cmpint (rapport_calendar_day_start (&day), ==, 1792879200);  /* 2026-10-24T22:00Z */
  set_day (&day, 2026, 10, 26);
  g_assert_cmpint (rapport_calendar_day_start (&day), ==, 1792879200 + 25 * 3600);

  set_day (&first, 2026, 10, 19);
  g_assert_true (rapport_calendar_count_days (f->store, &first, G_N_ELEMENTS (counts), counts, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (counts[0], ==, 0);   /* 19 October */
  g_assert_cmpuint (counts[1], ==, 0);   /* 20 October: snoozed away */
  g_assert_cmpuint (counts[6], ==, 2);   /* 25 October */
  g_assert_cmpuint (counts[12], ==, 1);  /* 31 October */
  g_assert_cmpuint (counts[13], ==, 1);  /* 1 November */
  g_assert_cmpuint (counts[14], ==, 1);  /* 2 November: the snooze's end */
  g_assert_cmpuint (counts[20], ==, 0);  /* 8 November */
  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    total += counts[i];
  g_assert_cmpuint (total, ==, 5);
}

/* Items with ids 11… around "now", Wednesday 4 November 11:00 local. */
static void
add_agenda_book (Fixture *f)
{
  add_follow_up (f, 11, "2026-11-01T09:00:00Z", NULL, "due", NULL, "A: last Sunday");
  add_follow_up (f, 12, "2026-11-03T14:00:00Z", "2026-11-04T14:00:00Z", "due", NULL,
                 "B: yesterday, within a day");
  add_follow_up (f, 13, "2026-11-04T08:00:00Z", NULL, "due", NULL, "C: this morning");
  add_follow_up (f, 14, "2026-11-04T16:00:00Z", NULL, "due", NULL, "D: this afternoon");
  add_follow_up (f, 15, "2026-11-04T07:00:00Z", "2026-11-04T09:00:00Z", "due", NULL,
                 "E: this morning, by 10:00");
  add_follow_up (f, 16, "2026-11-05T09:00:00Z", NULL, "due", NULL, "F: tomorrow");
  add_follow_up (f, 17, "2026-11-18T22:00:00Z", NULL, "due", NULL, "G: 18 November, 23:00");
  add_follow_up (f, 18, "2026-11-18T23:00:00Z", NULL, "due", NULL, "H: 19 November, 00:00");
  add_follow_up (f, 19, "2026-11-02T09:00:00Z", NULL, "snoozed", "2026-11-06T08:00:00Z",
                 "S: snoozed to Friday");
  add_follow_up (f, 20, "2026-11-01T09:00:00Z", "2026-11-02T09:00:00Z", "snoozed",
                 "2026-11-04T12:00:00Z", "T: snoozed past its deadline to today");
  add_follow_up (f, 21, "2026-11-04T09:00:00Z", NULL, "done", NULL, "X: done");
  add_follow_up (f, 22, "2026-11-02T09:00:00Z", NULL, "skipped", NULL, "Y: skipped");
}

/* The agenda as text: "[day 5] B E C T D [upcoming 3] F S G", "+3" for more. */
static char *
describe_agenda (Fixture *f)
{
  static const char *sections[] = { "overdue", "day", "upcoming" };
  GListModel *model = G_LIST_MODEL (f->model);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(RapportCalendarEntry) entry = g_list_model_get_item (model, i);
      RapportCalendarSection section = rapport_calendar_entry_get_section (entry);
      guint count = rapport_calendar_entry_get_count (entry);

      if (text->len > 0)
        g_string_append_c (text, ' ');
      switch (rapport_calendar_entry_get_kind (entry))
        {
        case RAPPORT_CALENDAR_ENTRY_HEADER:
          g_string_append_printf (text, "[%s %u]", sections[section], count);
          break;
        case RAPPORT_CALENDAR_ENTRY_ITEM:
          g_string_append_c (text, rapport_calendar_entry_get_item (entry)->reason[0]);
          break;
        case RAPPORT_CALENDAR_ENTRY_MORE:
          g_string_append_printf (text, "+%u", count);
          break;
        case RAPPORT_CALENDAR_ENTRY_EMPTY:
        default:
          g_string_append (text, "(free)");
          break;
        }
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
load (Fixture *f,
      int      month,
      int      day_of_month)
{
  g_autoptr(GError) error = NULL;
  GDate day;

  set_day (&day, 2026, month, day_of_month);
  g_assert_true (rapport_calendar_model_load (f->model, &day, f->now, &error));
  g_assert_no_error (error);
}

static RapportUrgency
urgency_at (Fixture *f,
            guint    position)
{
  g_autoptr(RapportCalendarEntry) entry = g_list_model_get_item (G_LIST_MODEL (f->model), position);
  const RapportDueItem *item = rapport_calendar_entry_get_item (entry);

  g_assert_nonnull (item);
  return rapport_urgency_compute (item->due_at, item->overdue_at, f->now, 3);
}

static void
test_sections_today (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *agenda = NULL;

  add_agenda_book (f);
  load (f, 11, 4);

  /* Overdue: what was due before today, oldest first.  Today: the day's
   * items, late ones too.  Upcoming: the next 14 days, snoozed items on
   * their snooze's end, 19 November's first minute left out. */
  agenda = describe_agenda (f);
  g_assert_cmpstr (agenda, ==, "[overdue 2] A B [day 4] E C T D [upcoming 3] F S G");
  g_assert_cmpuint (rapport_calendar_model_get_total (f->model, RAPPORT_CALENDAR_SECTION_DAY), ==, 4);

  /* Each item carries what its line says of it: B, yesterday's, is still
   * within its day of grace; E, this morning's, is past its own. */
  g_assert_cmpint (urgency_at (f, 1), ==, RAPPORT_URGENCY_OVERDUE);    /* A */
  g_assert_cmpint (urgency_at (f, 2), ==, RAPPORT_URGENCY_DUE_TODAY);  /* B */
  g_assert_cmpint (urgency_at (f, 4), ==, RAPPORT_URGENCY_OVERDUE);    /* E */
  g_assert_cmpint (urgency_at (f, 6), ==, RAPPORT_URGENCY_DUE_TODAY);  /* T */
  g_assert_cmpint (urgency_at (f, 9), ==, RAPPORT_URGENCY_DUE_SOON);   /* F */
  g_assert_cmpint (urgency_at (f, 11), ==, RAPPORT_URGENCY_LATER);     /* G */
}

static void
test_sections_other_days (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *future = NULL;
  g_autofree char *past = NULL;
  g_autofree char *free_day = NULL;
  g_autofree char *far = NULL;

  add_agenda_book (f);

  /* Another day takes its items out of the other sections, and today's
   * wait under Upcoming: every item is shown exactly once. */
  load (f, 11, 5);
  future = describe_agenda (f);
  g_assert_cmpstr (future, ==, "[overdue 2] A B [day 1] F [upcoming 6] E C T D S G");

  load (f, 11, 1);
  past = describe_agenda (f);
  g_assert_cmpstr (past, ==, "[overdue 1] B [day 1] A [upcoming 7] E C T D F S G");

  load (f, 11, 10);
  free_day = describe_agenda (f);
  g_assert_cmpstr (free_day, ==, "[overdue 2] A B [day 0] (free) [upcoming 7] E C T D F S G");

  /* Beyond the upcoming window, a day still shows its own. */
  load (f, 11, 19);
  far = describe_agenda (f);
  g_assert_cmpstr (far, ==, "[overdue 2] A B [day 1] H [upcoming 7] E C T D F S G");
}

typedef struct
{
  guint position, removed, added, n_signals;
} Change;

static void
on_change (GListModel *model,
           guint       position,
           guint       removed,
           guint       added,
           Change     *change)
{
  *change = (Change) { position, removed, added, change->n_signals + 1 };
}

/* Choosing another day redraws that day's section only: the rows of
 * the others stay (GTK 4.8 would build hundreds of them again). */
static void
test_another_day_keeps_other_sections (Fixture       *f,
                                       gconstpointer  data)
{
  g_autoptr(RapportCalendarEntry) overdue_before = NULL;
  g_autoptr(RapportCalendarEntry) overdue_after = NULL;
  g_autoptr(RapportCalendarEntry) last_before = NULL;
  g_autoptr(RapportCalendarEntry) last_after = NULL;
  g_autofree char *agenda = NULL;
  Change change = { 0 };
  guint n;

  add_agenda_book (f);
  load (f, 11, 10);
  n = g_list_model_get_n_items (G_LIST_MODEL (f->model));
  overdue_before = g_list_model_get_item (G_LIST_MODEL (f->model), 0);
  last_before = g_list_model_get_item (G_LIST_MODEL (f->model), n - 1);
  g_signal_connect (f->model, "items-changed", G_CALLBACK (on_change), &change);

  load (f, 11, 19);
  agenda = describe_agenda (f);
  g_assert_cmpstr (agenda, ==, "[overdue 2] A B [day 1] H [upcoming 7] E C T D F S G");
  g_assert_cmpuint (change.n_signals, ==, 1);
  g_assert_cmpuint (change.position, ==, 3);
  g_assert_cmpuint (change.removed, ==, 2);  /* [day 0] (free) */
  g_assert_cmpuint (change.added, ==, 2);    /* [day 1] H */
  overdue_after = g_list_model_get_item (G_LIST_MODEL (f->model), 0);
  last_after = g_list_model_get_item (G_LIST_MODEL (f->model), n - 1);
  g_assert_true (overdue_after == overdue_before);
  g_assert_true (last_after == last_before);

  /* The same count under a new day's title is a new header all the same. */
  load (f, 11, 20);
  g_assert_cmpuint (change.n_signals, ==, 2);
  g_assert_cmpuint (change.position, ==, 3);
  g_assert_cmpuint (change.removed, ==, 2);
}

static void
test_sections_are_capped (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *agenda = NULL;

  add_agenda_book (f);
  rapport_calendar_model_set_limit (f->model, 2);
  load (f, 11, 4);

  agenda = describe_agenda (f);
  g_assert_cmpstr (agenda, ==, "[overdue 2] A B [day 4] E C +2 [upcoming 3] F S +1");
}

static guint changed_position, changed_removed, changed_added, n_changes;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added)
{
  changed_position = position;
  changed_removed = removed;
  changed_added = added;
  n_changes++;
}

static void
test_reload_keeps_unchanged_rows (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportCalendarEntry) b_before = NULL;
  g_autoptr(RapportCalendarEntry) f_before = NULL;
  g_autoptr(RapportCalendarEntry) b_after = NULL;
  g_autoptr(RapportCalendarEntry) f_after = NULL;
  g_autofree char *agenda = NULL;

  add_agenda_book (f);
  load (f, 11, 4);
  b_before = g_list_model_get_item (G_LIST_MODEL (f->model), 2);
  f_before = g_list_model_get_item (G_LIST_MODEL (f->model), 9);
  g_signal_connect (f->model, "items-changed", G_CALLBACK (on_items_changed), NULL);

  /* Nothing changed: no signal at all. */
  load (f, 11, 4);
  g_assert_cmpuint (n_changes, ==, 0);

  /* D done: the Today header and D change, nothing else. */
  g_assert_true (rapport_follow_up_complete (f->store, 14, NULL, f->now, &error));
  g_assert_no_error (error);
  load (f, 11, 4);
  agenda = describe_agenda (f);
  g_assert_cmpstr (agenda, ==, "[overdue 2] A B [day 3] E C T [upcoming 3] F S G");
  g_assert_cmpuint (n_changes, ==, 1);
  g_assert_cmpuint (changed_position, ==, 3);
  g_assert_cmpuint (changed_removed, ==, 5);
  g_assert_cmpuint (changed_added, ==, 4);

  /* Rows around the change keep their objects, so a list view keeps
   * their widgets (and its scroll position). */
  f_after = g_list_model_get_item (G_LIST_MODEL (f->model), 8);
  g_assert_true (f_after == f_before);
  b_after = g_list_model_get_item (G_LIST_MODEL (f->model), 2);
  g_assert_true (b_after == b_before);
}

static void
test_has_open (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gboolean has_open = TRUE;

  add_follow_up (f, 1, "2026-11-01T09:00:00Z", NULL, "done", NULL, "done");
  g_assert_true (rapport_calendar_has_open (f->store, &has_open, &error));
  g_assert_no_error (error);
  g_assert_false (has_open);

  add_follow_up (f, 2, "2026-11-01T09:00:00Z", NULL, "snoozed", "2027-01-01T09:00:00Z", "later");
  g_assert_true (rapport_calendar_has_open (f->store, &has_open, &error));
  g_assert_true (has_open);
}

/* The query plan of @sql, one step a line. */
static char *
query_plan (sqlite3    *db,
            const char *sql)
{
  g_autofree char *explain = g_strconcat ("EXPLAIN QUERY PLAN ", sql, NULL);
  GString *plan = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, explain, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (plan, "%s\n", sqlite3_column_text (stmt, 3));
  sqlite3_finalize (stmt);
  return g_string_free (plan, FALSE);
}

/* A book of many follow-ups is read through the follow_up_open index:
 * no statement of the calendar walks the follow_up table. */
static void
test_queries_use_the_index (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = rapport_store_get_db (f->store);
  guint counts[42];
  guint n_checked = 0;
  GDate first;

  exec_sql (f, "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)"
               " INSERT INTO follow_up (id, customer_id, kind, due_at, state, created_at)"
               " SELECT 100 + i, 1 + i % 2, 'keep_in_touch',"
               "        strftime ('%Y-%m-%dT%H:%M:%SZ', '2026-01-01', '+' || (i * 3) || ' hours'),"
               "        CASE WHEN i % 3 = 0 THEN 'done' ELSE 'due' END, '2026-01-01T00:00:00Z'"
               "   FROM n;");

  add_agenda_book (f);
  load (f, 11, 4);
  set_day (&first, 2026, 10, 26);
  g_assert_true (rapport_calendar_count_days (f->store, &first, G_N_ELEMENTS (counts), counts, &error));
  g_assert_no_error (error);

  for (sqlite3_stmt *stmt = sqlite3_next_stmt (db, NULL); stmt; stmt = sqlite3_next_stmt (db, stmt))
    {
      const char *sql = sqlite3_sql (stmt);
      g_autofree char *plan = NULL;

      if (strstr (sql, "follow_up f") == NULL)
        continue;
      plan = query_plan (db, sql);
      g_test_message ("%s\n%s", sql, plan);
      g_assert_nonnull (strstr (plan, "USING INDEX follow_up_open"));
      g_assert_null (strstr (plan, "SCAN f"));
      n_checked++;
    }
  g_assert_cmpuint (n_checked, ==, 3);  /* a count, a list, the month */
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", TEST_TZ, TRUE);
  tzset ();
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/calendar-model/counts-across-month-and-dst", test_counts_across_month_and_dst);
  ADD ("/calendar-model/sections-today", test_sections_today);
  ADD ("/calendar-model/sections-other-days", test_sections_other_days);
  ADD ("/calendar-model/sections-are-capped", test_sections_are_capped);
  ADD ("/calendar-model/another-day-keeps-other-sections", test_another_day_keeps_other_sections);
  ADD ("/calendar-model/reload-keeps-unchanged-rows", test_reload_keeps_unchanged_rows);
  ADD ("/calendar-model/has-open", test_has_open);
  ADD ("/calendar-model/queries-use-the-index", test_queries_use_the_index);

  return g_test_run ();
}
