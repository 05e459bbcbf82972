/* test-ui-answers.c: Done and Snooze on reminders leave the window free
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The notification's Done on a summary of 50,000 check-ins took two
 * seconds of the main thread.  Here another connection holds the book's
 * write lock while the real application is asked for Done and Snooze on
 * several check-ins, then on one: the actions return at once, the main
 * thread runs no write, the answers land in the order given once the lock
 * is free, and Quit and a restore wait for them.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "rapport-backup.h"
#include "rapport-ui-test.h"

#define MISSING_ID 999

static RapportWindow *window;

static void
seed (RapportStore *store)
{
  g_assert_true (rapport_store_exec (store,
                                     "INSERT INTO customer (id, name, created_at, updated_at) VALUES"
                                     " (1, 'Ada', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),"
                                     " (2, 'Bo', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');"
                                     "INSERT INTO follow_up (id, customer_id, kind, due_at, created_at) VALUES"
                                     " (1, 1, 'keep_in_touch', '2026-02-01T09:00:00Z', '2026-01-01T00:00:00Z'),"
                                     " (2, 1, 'follow_up_meeting', '2026-02-02T09:00:00Z', '2026-01-01T00:00:00Z'),"
                                     " (3, 2, 'keep_in_touch', '2026-02-03T09:00:00Z', '2026-01-01T00:00:00Z'),"
                                     " (4, 2, 'follow_up_meeting', '2026-02-04T09:00:00Z', '2026-01-01T00:00:00Z')",
                                     NULL));
}

/* Another process's write lock on the book, as `rapport --import` takes. */
static sqlite3 *
hold_write_lock (void)
{
  g_autofree char *path = rapport_store_default_path ();
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  return db;
}

static void
release_write_lock (sqlite3 *db)
{
  g_assert_cmpint (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static gpointer
release_later (gpointer db)
{
  g_usleep (300 * 1000);
  release_write_lock (db);
  return NULL;
}

static void
activate_one (const char *action,
              gint64      id)
{
  g_action_group_activate_action (G_ACTION_GROUP (rapport_ui_test_app), action,
                                  g_variant_new_int64 (id));
}

static void
activate (const char   *action,
          const gint64 *ids,
          gsize         n_ids)
{
  GVariant *param = g_variant_new_fixed_array (G_VARIANT_TYPE_INT64, ids, n_ids, sizeof (gint64));

  g_action_group_activate_action (G_ACTION_GROUP (rapport_ui_test_app), action, param);
}

static char *
state_of (RapportStore *store,
          gint64        id)
{
  g_autoptr(RapportStmt) stmt = rapport_store_prepare (store,
                                                       "SELECT state FROM follow_up WHERE id = ?",
                                                       NULL);

  sqlite3_bind_int64 (stmt, 1, id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static int
count (RapportStore *store,
       const char   *sql)
{
  g_autoptr(RapportStmt) stmt = rapport_store_prepare (store, sql, NULL);

  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int (stmt, 0);
}

/* Anything but a read: a write, or a transaction begun. */
static gboolean
is_write (const char *sql)
{
  return !g_str_has_prefix (sql, "SELECT ");
}

typedef struct
{
  RapportStore *store;
  guint         changed;
} Watch;

static void
on_changed (Watch *watch)
{
  watch->changed++;
}

static gboolean
all_answered (gpointer data)
{
  Watch *watch = data;
  g_autofree char *last = state_of (watch->store, 4);

  return watch->changed >= 3 && g_str_equal (last, "done");
}

static void
check_in_worker_in_order (RapportStore *store)
{
  const gint64 done[] = { 1, 2 };
  const gint64 snooze[] = { 3 };
  Watch watch = { store, 0 };
  g_autofree char *writes = NULL;
  sqlite3 *lock;

  g_ptr_array_unref (rapport_store_take_main_thread_queries ());
  lock = hold_write_lock ();
  activate ("follow-ups-done", done, G_N_ELEMENTS (done));
  activate ("follow-ups-snooze", snooze, G_N_ELEMENTS (snooze));
  /* One check-in's reminder: behind the others, not on the main thread. */
  activate_one ("follow-up-done", 4);

  /* Back at once, with nothing written yet: the book is locked. */
  writes = rapport_ui_test_take_main_thread_sql (is_write);
  g_assert_cmpstr (writes, ==, "");
  for (guint i = 0; i < G_N_ELEMENTS (done); i++)
    {
      g_autofree char *state = state_of (store, done[i]);

      g_assert_cmpstr (state, ==, "due");
    }

  g_signal_connect_swapped (store, "changed", G_CALLBACK (on_changed), &watch);
  release_write_lock (lock);
  rapport_ui_test_wait_until (all_answered, &watch);
  g_signal_handlers_disconnect_by_func (store, on_changed, &watch);

  for (guint i = 0; i < G_N_ELEMENTS (done); i++)
    {
      g_autofree char *state = state_of (store, done[i]);

      g_assert_cmpstr (state, ==, "done");
    }
  {
    g_autofree char *snoozed = state_of (store, 3);

    g_assert_cmpstr (snoozed, ==, "snoozed");
  }
  /* One contact for Ada's two check-ins, one for Bo's meeting. */
  g_assert_cmpint (count (store, "SELECT count(*) FROM interaction WHERE customer_id = 1"), ==, 1);
  g_assert_cmpint (count (store, "SELECT count(*) FROM interaction WHERE customer_id = 2"), ==, 1);
  g_free (writes);
  writes = rapport_ui_test_take_main_thread_sql (is_write);
  g_assert_cmpstr (writes, ==, "");
}

static void
test_in_worker_in_order (void)
{
  rapport_store_trace_main_thread (TRUE);
  rapport_ui_test_run_app (seed, check_in_worker_in_order, &window);
  rapport_store_trace_main_thread (FALSE);
}

static void
check_quit_waits (RapportStore *store)
{
  const gint64 done[] = { 3 };
  sqlite3 *lock = hold_write_lock ();

  activate ("follow-ups-done", done, G_N_ELEMENTS (done));
  /* The lock goes after Quit has begun. */
  g_thread_unref (g_thread_new ("release-later", release_later, lock));
}

static void
test_quit_waits (void)
{
  g_autofree char *path = rapport_store_default_path ();
  g_autoptr(RapportStore) store = NULL;
  g_autofree char *state = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  GStatBuf st;

  rapport_ui_test_run_app (seed, check_quit_waits, &window);

  /* Quit left the WAL empty: the next start has nothing to read back. */
  g_assert_true (g_stat (wal, &st) != 0 || st.st_size == 0);

  store = rapport_store_open (path, NULL);
  state = state_of (store, 3);
  g_assert_cmpstr (state, ==, "done");
}

static gboolean
is_snoozed (gpointer store)
{
  g_autofree char *state = state_of (store, 3);

  return g_str_equal (state, "snoozed");
}

/* An empty list answers nothing: the book is not opened for it, and the
 * views are not told of a change (each would read again). */
static void
check_empty_ignored (RapportStore *store)
{
  const gint64 snooze[] = { 3 };
  Watch watch = { store, 0 };

  g_signal_connect_swapped (store, "changed", G_CALLBACK (on_changed), &watch);
  activate ("follow-ups-done", NULL, 0);
  activate ("follow-ups-snooze", NULL, 0);
  activate ("follow-ups-snooze", snooze, G_N_ELEMENTS (snooze));
  rapport_ui_test_wait_until (is_snoozed, store);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_signal_handlers_disconnect_by_func (store, on_changed, &watch);
  g_assert_cmpuint (watch.changed, ==, 1);
}

static void
test_empty_ignored (void)
{
  rapport_ui_test_run_app (seed, check_empty_ignored, &window);
}

static void
check_error_told (RapportStore *store)
{
  const gint64 done[] = { 1, MISSING_ID };
  const gint64 snooze[] = { 3 };

  g_test_expect_message ("rapport-application", G_LOG_LEVEL_MESSAGE, "*no longer in the book*");
  activate ("follow-ups-done", done, G_N_ELEMENTS (done));
  activate ("follow-ups-snooze", snooze, G_N_ELEMENTS (snooze));
  /* Answers land in order: once the snooze is in, the Done was refused. */
  rapport_ui_test_wait_until (is_snoozed, store);
  g_test_assert_expected_messages ();

  /* All or nothing: the check-in that exists is still open. */
  {
    g_autofree char *state = state_of (store, 1);

    g_assert_cmpstr (state, ==, "due");
  }
  g_assert_cmpint (count (store, "SELECT count(*) FROM interaction"), ==, 0);
}

static void
test_error_told (void)
{
  rapport_ui_test_run_app (seed, check_error_told, &window);
}

static char *backup_path;

/* A restore replaces the book: an answer asked for before it lands in the
 * book it was asked of (kept among the backups), never in the restored
 * one, where its ids may name other check-ins. */
static void
check_restore_waits (RapportStore *store)
{
  const gint64 done[] = { 3 };
  g_autofree char *kept_path = NULL;
  g_autoptr(RapportStore) kept = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *state = NULL;
  g_autofree char *kept_state = NULL;
  sqlite3 *lock;

  g_assert_true (rapport_backup_write (store, backup_path, &error));
  g_assert_no_error (error);
  lock = hold_write_lock ();
  activate ("follow-ups-done", done, G_N_ELEMENTS (done));
  g_thread_unref (g_thread_new ("release-later", release_later, lock));

  rapport_application_restore (rapport_ui_test_app, backup_path, &kept_path, &error);
  g_assert_no_error (error);

  store = rapport_application_get_store (rapport_ui_test_app);
  state = state_of (store, 3);
  g_assert_cmpstr (state, ==, "due");
  kept = rapport_store_open (kept_path, &error);
  g_assert_no_error (error);
  kept_state = state_of (kept, 3);
  g_assert_cmpstr (kept_state, ==, "done");
}

static void
test_restore_waits (void)
{
  backup_path = g_build_filename (g_get_user_data_dir (), "backup.db", NULL);
  rapport_ui_test_run_app (seed, check_restore_waits, &window);
  g_clear_pointer (&backup_path, g_free);
}

int
main (int   argc,
      char *argv[])
{
  rapport_ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/answers/in-worker-in-order", test_in_worker_in_order);
  g_test_add_func ("/ui/answers/quit-waits", test_quit_waits);
  g_test_add_func ("/ui/answers/error-told", test_error_told);
  g_test_add_func ("/ui/answers/empty-ignored", test_empty_ignored);
  g_test_add_func ("/ui/answers/restore-waits", test_restore_waits);

  return g_test_run ();
}
