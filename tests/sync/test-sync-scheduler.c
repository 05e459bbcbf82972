/* test-sync-scheduler.c: when the book syncs — start, edits, the timer, the network
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The syncs here are the test's: each waits until the test ends it with
 * a result, so "never two at once" and "one more after it" are seen, not
 * timed.  The network monitor is the test's too.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "fake-sync.h"
#include "rapport-sync-error.h"
#include "rapport-sync-scheduler.h"

static struct
{
  guint changed;   /* the store's "changed" signals */
  guint finished;  /* the scheduler's "finished" signals */
  guint received;  /* what the last of those carried */
} seen;

static void
spin (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

#define wait_for(condition) \
  G_STMT_START { \
    gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC; \
    while (!(condition)) \
      { \
        if (g_get_monotonic_time () > deadline) \
          g_error ("Waited 30 s in vain for %s", #condition); \
        g_main_context_iteration (NULL, FALSE); \
        g_usleep (500); \
      } \
  } G_STMT_END

typedef struct
{
  char                 *dir;
  RapportStore         *store;
  FakeMonitor          *monitor;
  RapportSyncScheduler *scheduler;
} Fixture;

static void
on_changed (void)
{
  seen.changed++;
}

static void
on_finished (RapportSyncScheduler *scheduler,
             guint                 received)
{
  seen.finished++;
  seen.received = received;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  memset (&seen, 0, sizeof seen);
  fake_sync_reset ();

  fixture->dir = g_dir_make_tmp ("rapport-scheduler-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "rapport.db", NULL);
  fixture->store = rapport_store_open (path, &error);
  g_assert_no_error (error);
  g_signal_connect (fixture->store, "changed", G_CALLBACK (on_changed), NULL);

  fixture->monitor = fake_monitor_new ();
  fixture->scheduler = rapport_sync_scheduler_new (fixture->store, G_NETWORK_MONITOR (fixture->monitor),
                                                   fake_sync_run, fake_sync_finish);
  g_object_set (fixture->scheduler,
                "change-delay", 20,
                "interval", 60 * 60 * 1000,
                NULL);
  g_signal_connect (fixture->scheduler, "finished", G_CALLBACK (on_finished), NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *db = g_build_filename (fixture->dir, "rapport.db", NULL);
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (db, "-shm", NULL);

  /* Whatever still runs ends cancelled, and lets the scheduler go. */
  rapport_sync_scheduler_set_enabled (fixture->scheduler, FALSE);
  while (!g_queue_is_empty (&fake_syncs.running))
    fake_sync_end (0, NULL);
  g_object_add_weak_pointer (G_OBJECT (fixture->scheduler), (gpointer *) &fixture->scheduler);
  g_object_unref (fixture->scheduler);
  wait_for (fixture->scheduler == NULL);

  g_clear_object (&fixture->monitor);
  g_clear_object (&fixture->store);
  g_unlink (db);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static RapportSyncState
state_of (Fixture *fixture)
{
  return rapport_sync_scheduler_get_state (fixture->scheduler);
}

/* Disabled (no account), nothing runs; enabled, one sync starts now and
 * its success is the time of the last sync. */
static void
test_start (Fixture       *fixture,
            gconstpointer  data)
{
  gint64 before = g_get_real_time () / G_USEC_PER_SEC;

  g_assert_cmpint (state_of (fixture), ==, RAPPORT_SYNC_STATE_DISABLED);
  rapport_store_notify_changed (fixture->store);
  spin (80);
  g_assert_cmpuint (fake_syncs.started, ==, 0);

  rapport_sync_scheduler_set_enabled (fixture->scheduler, TRUE);
  g_assert_cmpuint (fake_syncs.started, ==, 1);
  g_assert_cmpint (state_of (fixture), ==, RAPPORT_SYNC_STATE_SYNCING);
  g_assert_cmpint (rapport_sync_scheduler_get_last_sync (fixture->scheduler), ==, 0);

  fake_sync_end (0, NULL);
  wait_for (state_of (fixture) == RAPPORT_SYNC_STATE_IDLE);
  g_assert_cmpint (rapport_sync_scheduler_get_last_sync (fixture->scheduler), >=, before);
  g_assert_null (rapport_sync_scheduler_get_error (fixture->scheduler));
  g_assert_cmpuint (seen.finished, ==, 1);
}

/* Ten edits in a row are one sync, a little after the last. */
static void
test_edits_debounced (Fixture       *fixture,
                      gconstpointer  data)
{
  rapport_sync_scheduler_set_enabled (fixture->scheduler, TRUE);
  fake_sync_end (0, NULL);
  wait_for (state_of (fixture) == RAPPORT_SYNC_STATE_IDLE);

  for (guint i = 0; i < 10; i++)
    rapport_store_notify_changed (fixture->store);
  g_assert_cmpuint (fake_syncs.started, ==, 1);
  wait_for (fake_syncs.started == 2);
  fake_sync_end (0, NULL);
  wait_for (state_of (fixture) == RAPPORT_SYNC_STATE_IDLE);

  spin (100);
  g_assert_cmpuint (fake_syncs.started, ==, 2);
}

/* Edits and Sync Now while a sync runs: never a second at once, and
 * exactly one more once it ends. */
static void
test_one_more_after (Fixture       *fixture,
                     gconstpointer  data)
{
  rapport_sync_scheduler_set_enabled (fixture->scheduler, TRUE);
  for (guint i = 0; i < 5; i++)
    rapport_store_notify_changed (fixture->store);
  rapport_sync_scheduler_sync_now (fixture->scheduler);
  spin (100);
  g_assert_cmpuint (fake_syncs.started, ==, 1);

  fake_sync_end (0, NULL);
  wait_for (fake_syncs.started == 2);
  g_assert_cmpint (state_of (fixture), ==, RAPPORT_SYNC_STATE_SYNCING);
  fake_sync_end (0, NULL);
  wait_for (state_of (fixture) == RAPPORT_SYNC_STATE_IDLE);

  spin (100);
  g_assert_cmpuint (fake_syncs.started, ==, 2);
  g_assert_cmpuint (fake_syncs.most_at_once, ==, 1);
}

/* The interval counts from the end of the last sync: a long sync is not
 * followed at once by another, and nothing fires while it runs. */
static void
test_interval (Fixture       *fixture,
               gconstpointer  data)
{
  gint64 ended;

  g_object_set (fixture->scheduler, "interval", 40, NULL);
  rapport_sync_scheduler_set_enabled (fixture->scheduler, TRUE);
  spin (200);
  g_assert_cmpuint (fake_syncs.started, ==, 1);

  fake_sync_end (0, NULL);
  wait_for (state_of (fixture) == RAPPORT_SYNC_STATE_IDLE);
  ended = g_get_monotonic_time ();
  wait_for (fake_syncs.started == 2);
  g_assert_cmpint (g_get_monotonic_time () - ended, >=, 40 * 1000);

  /* A failed sync is tried again on the same timer. */
  fake_sync_end (0, g_error_new_literal (RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_SERVER, "Internal Server Error"));
  wait_for (state_of (fixture) == RAPPORT_SYNC_STATE_FAILED);
  wait_for (fake_syncs.started == 3);
  g_assert_cmpuint (fake_syncs.most_at_once, ==, 1);
}

/* Without a network, edits wait (offline); its return sends them.  Sync
 * Now tries anyway: the monitor can be wrong about a server nearby. */
static void
test_network (Fixture       *fixture,
              gconstpointer  data)
{
  fake_monitor_set_available (fixture->monitor, FALSE);
  rapport_sync_scheduler_set_enabled (fixture->scheduler, TRUE);
  g_assert_cmpuint (fake_syncs.started, ==, 0);
  g_assert_cmpint (state_of (fixture), ==, RAPPORT_SYNC_STATE_OFFLINE);

  rapport_store_notify_changed (fixture->store);
  spin (100);
  g_assert_cmpuint (fake_syncs.started, ==, 0);
  g_assert_cmpint (state_of (fixture), ==, RAPPORT_SYNC_STATE_OFFLINE);

  fake_monitor_set_available (fixture->monitor, TRUE);
  g_assert_cmpuint (fake_syncs.started, ==, 1);
  fake_sync_end (0, NULL);
  wait_for (state_of (fixture) == RAPPORT_SYNC_STATE_IDLE);

  /* Lost while idle: offline at once; back: one sync. */
  fake_monitor_set_available (fixture->monitor, FALSE);
  g_assert_cmpint (state_of (fixture), ==, RAPPORT_SYNC_STATE_OFFLINE);
  rapport_sync_scheduler_sync_now (fixture->scheduler);
  g_assert_cmpuint (fake_syncs.started, ==, 2);
  fake_sync_end (0, g_error_new_literal (RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_UNREACHABLE, "No route"));
  wait_for (state_of (fixture) == RAPPORT_SYNC_STATE_OFFLINE);
  fake_monitor_set_available (fixture->monitor, TRUE);
  g_assert_cmpuint (fake_syncs.started, ==, 3);
}

/* A refusal is "failed" with its error, an unreachable server "offline";
 * the next sync that goes through clears the error. */
static void
test_errors (Fixture       *fixture,
             gconstpointer  data)
{
  const GError *error;

  rapport_sync_scheduler_set_enabled (fixture->scheduler, TRUE);
  fake_sync_end (0, g_error_new_literal (RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_AUTH, "Unauthorized"));
  wait_for (state_of (fixture) == RAPPORT_SYNC_STATE_FAILED);
  error = rapport_sync_scheduler_get_error (fixture->scheduler);
  g_assert_error ((GError *) error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_AUTH);
  g_assert_cmpint (rapport_sync_scheduler_get_last_sync (fixture->scheduler), ==, 0);
  g_assert_cmpuint (seen.finished, ==, 0);

  rapport_sync_scheduler_sync_now (fixture->scheduler);
  fake_sync_end (0, g_error_new_literal (RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_UNREACHABLE, "Connection refused"));
  wait_for (state_of (fixture) == RAPPORT_SYNC_STATE_OFFLINE);
  error = rapport_sync_scheduler_get_error (fixture->scheduler);
  g_assert_error ((GError *) error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_UNREACHABLE);

  rapport_sync_scheduler_sync_now (fixture->scheduler);
  fake_sync_end (0, NULL);
  wait_for (state_of (fixture) == RAPPORT_SYNC_STATE_IDLE);
  g_assert_null (rapport_sync_scheduler_get_error (fixture->scheduler));
  g_assert_cmpint (rapport_sync_scheduler_get_last_sync (fixture->scheduler), >, 0);
}

/* What a sync brings in reaches the views (the store's "changed") and
 * is not taken for an edit to send back. */
static void
test_received (Fixture       *fixture,
               gconstpointer  data)
{
  rapport_sync_scheduler_set_enabled (fixture->scheduler, TRUE);
  fake_sync_end (3, NULL);
  wait_for (seen.finished == 1);
  g_assert_cmpuint (seen.received, ==, 3);
  g_assert_cmpuint (seen.changed, ==, 1);

  spin (100);
  g_assert_cmpuint (fake_syncs.started, ==, 1);

  /* Nothing new: no "changed". */
  rapport_sync_scheduler_sync_now (fixture->scheduler);
  fake_sync_end (0, NULL);
  wait_for (seen.finished == 2);
  g_assert_cmpuint (seen.changed, ==, 1);
}

/* Forget Account: the running sync is cancelled, nothing more runs; an
 * engine that finds no account disables the scheduler itself. */
static void
test_disable (Fixture       *fixture,
              gconstpointer  data)
{
  rapport_sync_scheduler_set_enabled (fixture->scheduler, TRUE);
  rapport_sync_scheduler_set_enabled (fixture->scheduler, FALSE);
  g_assert_cmpint (state_of (fixture), ==, RAPPORT_SYNC_STATE_DISABLED);
  fake_sync_end (0, NULL);
  spin (100);
  g_assert_cmpint (state_of (fixture), ==, RAPPORT_SYNC_STATE_DISABLED);
  rapport_store_notify_changed (fixture->store);
  rapport_sync_scheduler_sync_now (fixture->scheduler);
  spin (100);
  g_assert_cmpuint (fake_syncs.started, ==, 1);

  rapport_sync_scheduler_set_enabled (fixture->scheduler, TRUE);
  g_assert_cmpuint (fake_syncs.started, ==, 2);
  fake_sync_end (0, g_error_new_literal (RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_NOT_SET_UP, "No account"));
  wait_for (state_of (fixture) == RAPPORT_SYNC_STATE_DISABLED);
  g_assert_false (rapport_sync_scheduler_get_enabled (fixture->scheduler));
  g_assert_null (rapport_sync_scheduler_get_error (fixture->scheduler));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/sync-scheduler/start", test_start);
  ADD ("/sync-scheduler/edits-debounced", test_edits_debounced);
  ADD ("/sync-scheduler/one-more-after", test_one_more_after);
  ADD ("/sync-scheduler/interval", test_interval);
  ADD ("/sync-scheduler/network", test_network);
  ADD ("/sync-scheduler/errors", test_errors);
  ADD ("/sync-scheduler/received", test_received);
  ADD ("/sync-scheduler/disable", test_disable);
#undef ADD

  return g_test_run ();
}
