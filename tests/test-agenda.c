/* test-agenda.c: reading due follow-ups, and only what is new since
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "rapport-agenda.h"
#include "rapport-follow-ups.h"
#include "rapport-schema.h"
#include "rapport-time.h"

#define HOUR ((gint64) 3600)
#define DAY  RAPPORT_SECONDS_PER_DAY

typedef struct
{
  char         *path;
  RapportStore *store;
  gint64        now;    /* Monday 2 November 2026, 09:00 UTC */
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
  g_autoptr(GDateTime) monday = g_date_time_new_utc (2026, 11, 2, 9, 0, 0);
  g_autoptr(GError) error = NULL;

  f->path = g_build_filename (g_get_user_data_dir (), "rapport", "rapport.db", NULL);
  f->store = rapport_store_open (f->path, &error);
  g_assert_no_error (error);
  f->now = g_date_time_to_unix (monday);

  exec_sql (f, "INSERT INTO customer (id, name, created_at, updated_at) VALUES"
               " (1, 'Ada Lovelace', '2026-01-05T10:00:00Z', '2026-01-05T10:00:00Z'),"
               " (2, 'bob & Co', '2026-01-05T10:00:00Z', '2026-01-05T10:00:00Z'),"
               " (3, 'Charles Babbage', '2026-01-05T10:00:00Z', '2026-01-05T10:00:00Z')");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  g_free (f->path);
}

static gint64
add (Fixture *f,
     gint64   customer,
     gint64   due_at)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = rapport_follow_up_add (f->store, customer, "keep_in_touch", due_at, NULL, NULL, f->now,
                              &error);
  g_assert_no_error (error);
  return id;
}

static RapportAgendaMark
mark_at (Fixture *f,
         gint64   until)
{
  g_autoptr(GError) error = NULL;
  RapportAgendaMark mark = { 0 };

  g_assert_true (rapport_agenda_get_mark (f->store, until, &mark, &error));
  g_assert_no_error (error);
  g_assert_cmpint (mark.until, ==, until);
  return mark;
}

/* The ids of @items, in order, as "3 1 2". */
static char *
ids_of (GPtrArray *items)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_assert_nonnull (items);
  for (guint i = 0; i < items->len; i++)
    g_string_append_printf (text, "%s%" G_GINT64_FORMAT, i > 0 ? " " : "",
                            ((RapportDueItem *) g_ptr_array_index (items, i))->id);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
since (Fixture                 *f,
       const RapportAgendaMark *mark,
       gint64                   until)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;

  items = rapport_agenda_list_due_since (f->store, mark, until, &error);
  g_assert_no_error (error);
  return ids_of (items);
}

/* A summary of a long backlog names the first few and counts the rest. */
static void
test_due_first (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first_ids = NULL;
  g_autofree char *all_ids = NULL;
  guint n_due = 0;

  /* Same due time: by name, whatever its case ("bob" after "Ada"). */
  add (f, 3, f->now - 2 * DAY);   /* 1 */
  add (f, 2, f->now - 3 * DAY);   /* 2 */
  add (f, 1, f->now - 3 * DAY);   /* 3 */
  add (f, 1, f->now - HOUR);      /* 4 */
  add (f, 2, f->now + HOUR);      /* 5: not due yet */

  first = rapport_agenda_list_due_first (f->store, f->now, 2, &n_due, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_due, ==, 4);
  first_ids = ids_of (first);
  g_assert_cmpstr (first_ids, ==, "3 2");

  all = rapport_agenda_list_due_first (f->store, f->now, -1, NULL, &error);
  g_assert_no_error (error);
  all_ids = ids_of (all);
  g_assert_cmpstr (all_ids, ==, "3 2 1 4");

  none = rapport_agenda_list_due_first (f->store, f->now - 4 * DAY, 5, &n_due, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpuint (n_due, ==, 0);
}

/* What a reader who read everything due by now has not seen yet: items
 * coming due, items added, items moved (a reschedule into the past, a
 * snooze ending), never the backlog it already read. */
static void
test_due_since (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *nothing = NULL;
  g_autofree char *later = NULL;
  g_autofree char *added = NULL;
  g_autofree char *moved = NULL;
  g_autofree char *snoozed = NULL;
  g_autofree char *forgotten = NULL;
  RapportAgendaMark empty, mark, snooze_mark, done_mark;
  gint64 old, soon, backdated, rescheduled;

  empty = mark_at (f, f->now);
  g_assert_cmpint (empty.last_id, ==, 0);
  g_assert_cmpint (empty.last_move, ==, 0);

  old = add (f, 1, f->now - 3 * DAY);
  rescheduled = add (f, 2, f->now + 2 * DAY);
  soon = add (f, 3, f->now + HOUR);
  mark = mark_at (f, f->now);
  g_assert_cmpint (mark.last_id, ==, soon);
  g_assert_cmpint (mark.last_move, ==, 3);

  nothing = since (f, &mark, f->now);
  g_assert_cmpstr (nothing, ==, "");
  later = since (f, &mark, f->now + HOUR);
  g_assert_cmpint (soon, ==, 3);
  g_assert_cmpstr (later, ==, "3");

  /* Added with a due time already read: new all the same. */
  backdated = add (f, 3, f->now - DAY);
  added = since (f, &mark, f->now);
  g_assert_cmpint (backdated, ==, 4);
  g_assert_cmpstr (added, ==, "4");

  /* Moved into the past; the old item, read already, stays out. */
  g_assert_true (rapport_follow_up_reschedule (f->store, rescheduled, f->now - 2 * HOUR, NULL,
                                               f->now, &error));
  g_assert_no_error (error);
  moved = since (f, &mark, f->now);
  g_assert_cmpstr (moved, ==, "4 2");

  /* Snoozed past the mark: back when the snooze ends, by its due time. */
  g_assert_true (rapport_follow_up_snooze (f->store, old, f->now + 30 * 60, &error));
  snooze_mark = mark_at (f, f->now);
  snoozed = since (f, &snooze_mark, f->now + 30 * 60);
  g_assert_cmpstr (snoozed, ==, "1");

  /* Done: never returned, moved or not. */
  g_assert_true (rapport_follow_up_complete (f->store, old, NULL, f->now, &error));
  g_assert_no_error (error);
  done_mark = mark_at (f, f->now + 30 * 60);
  forgotten = since (f, &mark, f->now + 30 * 60);
  g_assert_cmpstr (forgotten, ==, "4 2");
  g_free (forgotten);
  forgotten = since (f, &done_mark, f->now + 30 * 60);
  g_assert_cmpstr (forgotten, ==, "");
}

/* Another connection's moves are seen as this one's are: the daily run
 * on its worker connection, a second `rapport --import`, another process
 * moving a check-in into the past. */
static void
test_due_since_other_connection (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(RapportStore) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *seen = NULL;
  g_autofree char *reopened = NULL;
  RapportAgendaMark mark, after;
  gint64 moved, added, closed;

  moved = add (f, 1, f->now + DAY);
  closed = add (f, 3, f->now - DAY);
  g_assert_true (rapport_follow_up_complete (f->store, closed, NULL, f->now, &error));
  mark = mark_at (f, f->now);

  other = rapport_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (rapport_follow_up_reschedule (other, moved, f->now - HOUR, NULL, f->now, &error));
  added = rapport_follow_up_add (other, 2, "thank_referrer", f->now - DAY, NULL, NULL, f->now,
                                 &error);
  g_assert_no_error (error);

  seen = since (f, &mark, f->now);
  g_assert_cmpint (added, ==, closed + 1);
  g_assert_cmpstr (seen, ==, "3 1");

  /* Reopened elsewhere (a restored state, a sync): due again. */
  after = mark_at (f, f->now);
  g_assert_true (rapport_store_exec (other, "UPDATE follow_up SET state = 'due' WHERE id = 2",
                                     &error));
  g_assert_no_error (error);
  reopened = since (f, &after, f->now);
  g_assert_cmpstr (reopened, ==, "2");
}

/* A book from before the move sequence (schema 1) is upgraded, and its
 * check-ins, all at 0, are then tracked like new ones. */
static void
test_due_since_upgraded_book (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "old.db", NULL);
  g_autofree char *setup = NULL;
  g_autoptr(RapportStore) store = NULL;
  g_autoptr(RapportStore) other = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  RapportAgendaMark mark;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  setup = g_strdup_printf ("%s;"
                           "PRAGMA user_version = 1; PRAGMA application_id = %d;"
                           "INSERT INTO customer (id, name, created_at, updated_at)"
                           " VALUES (1, 'Ada Lovelace', '2026-01-05T10:00:00Z',"
                           "         '2026-01-05T10:00:00Z');"
                           "INSERT INTO follow_up (id, customer_id, kind, due_at, created_at)"
                           " VALUES (1, 1, 'keep_in_touch', '2026-11-09T09:00:00Z',"
                           "         '2026-01-05T10:00:00Z');",
                           rapport_schema_migrations[0], RAPPORT_STORE_APPLICATION_ID);
  g_assert_cmpint (sqlite3_exec (db, setup, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = rapport_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rapport_store_get_schema_version (store), ==, RAPPORT_STORE_SCHEMA_VERSION);
  g_assert_true (rapport_agenda_get_mark (store, f->now, &mark, &error));
  g_assert_cmpint (mark.last_id, ==, 1);
  g_assert_cmpint (mark.last_move, ==, 0);

  other = rapport_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (rapport_follow_up_reschedule (other, 1, f->now - HOUR, NULL, f->now, &error));
  g_assert_no_error (error);
  items = rapport_agenda_list_due_since (store, &mark, f->now, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 1);
  g_assert_cmpint (((RapportDueItem *) g_ptr_array_index (items, 0))->due_at, ==, f->now - HOUR);
}

/* Nothing new on a book with 20,000 overdue items: a few steps of the
 * virtual machine, not one per overdue item. */
static void
test_due_since_skips_the_backlog (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  sqlite3 *db = rapport_store_get_db (f->store);
  g_autoptr(RapportStore) other = NULL;
  sqlite3_stmt *stmt = NULL;
  RapportAgendaMark mark;

  exec_sql (f, "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)"
               " INSERT INTO follow_up (customer_id, kind, due_at, created_at)"
               " SELECT 1 + i % 3, 'keep_in_touch',"
               "        strftime ('%Y-%m-%dT%H:%M:%SZ', '2026-11-02 09:00:00', '-' || i || ' minutes'),"
               "        '2026-01-05T10:00:00Z'"
               "   FROM n");
  mark = mark_at (f, f->now);
  add (f, 2, f->now - DAY);
  /* One of the backlog moved by another process: one more, not 20,000. */
  other = rapport_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (rapport_follow_up_reschedule (other, 500, f->now - 2 * DAY, NULL, f->now,
                                               &error));
  g_assert_no_error (error);

  items = rapport_agenda_list_due_since (f->store, &mark, f->now, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 2);

  /* The statement just run, from the store's cache. */
  while ((stmt = sqlite3_next_stmt (db, stmt)) != NULL)
    if (strstr (sqlite3_sql (stmt), "moved_seq >") != NULL)
      break;
  g_assert_nonnull (stmt);
  g_test_message ("%d steps", sqlite3_stmt_status (stmt, SQLITE_STMTSTATUS_VM_STEP, FALSE));
  g_assert_cmpint (sqlite3_stmt_status (stmt, SQLITE_STMTSTATUS_VM_STEP, FALSE), <, 1000);
}

static void
test_due_ids (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GArray) all = NULL;
  g_autoptr(GArray) first = NULL;
  g_autoptr(GError) error = NULL;
  gint64 mark;

  add (f, 1, f->now - DAY);       /* 1 */
  add (f, 2, f->now - 2 * DAY);   /* 2 */
  add (f, 3, f->now + DAY);       /* 3: not due */
  mark = mark_at (f, f->now).last_id;
  add (f, 3, f->now - 3 * DAY);   /* 4: after the mark */

  all = rapport_agenda_list_due_ids (f->store, f->now, mark, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 2);
  g_assert_cmpint (g_array_index (all, gint64, 0), ==, 2);
  g_assert_cmpint (g_array_index (all, gint64, 1), ==, 1);

  first = rapport_agenda_list_due_ids (f->store, f->now, mark, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->len, ==, 1);
  g_assert_cmpint (g_array_index (first, gint64, 0), ==, 2);
}

/* The reminders on screen: which are still open, at which time. */
static void
test_open_among (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) open = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *open_ids = NULL;
  gint64 ids[4];
  RapportDueItem *item;

  ids[0] = add (f, 1, f->now - DAY);
  ids[1] = add (f, 2, f->now - DAY);
  ids[2] = add (f, 3, f->now - 2 * DAY);
  ids[3] = 9999;
  g_assert_true (rapport_follow_up_complete (f->store, ids[1], NULL, f->now, &error));
  g_assert_true (rapport_follow_up_snooze (f->store, ids[2], f->now + HOUR, &error));
  g_assert_no_error (error);

  open = rapport_agenda_list_open_among (f->store, ids, G_N_ELEMENTS (ids), &error);
  g_assert_no_error (error);
  open_ids = ids_of (open);
  g_assert_cmpstr (open_ids, ==, "1 3");
  item = g_ptr_array_index (open, 1);
  g_assert_cmpint (item->due_at, ==, f->now + HOUR);
  g_assert_true (item->snoozed);

  none = rapport_agenda_list_open_among (f->store, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/agenda/due-first", test_due_first);
  ADD ("/agenda/due-since", test_due_since);
  ADD ("/agenda/due-since-other-connection", test_due_since_other_connection);
  ADD ("/agenda/due-since-upgraded-book", test_due_since_upgraded_book);
  ADD ("/agenda/due-since-skips-the-backlog", test_due_since_skips_the_backlog);
  ADD ("/agenda/due-ids", test_due_ids);
  ADD ("/agenda/open-among", test_open_among);

#undef ADD

  return g_test_run ();
}
