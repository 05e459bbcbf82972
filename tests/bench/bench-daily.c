/* bench-daily.c: how long a write of the window's waits while the daily job runs
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   build/tests/bench/bench-daily BOOK   (BOOK from gen-book; copied, not changed)
 *
 * On a copy of BOOK the daily job's playbook run (rapport_follow_ups_sync_all)
 * runs once to bring it to the state of a book the app keeps (not timed),
 * then again in a worker thread, as the daily job does, while this thread
 * writes a contact every 100 ms through a connection of its own, as the
 * window's would: how long the daily run took, and how long each write
 * waited for the book's write lock (worst and mean).
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <glib/gstdio.h>

#include "bench-book.h"
#include "rapport-follow-ups.h"
#include "rapport-sqlite.h"
#include "rapport-store.h"
#include "rapport-time.h"

typedef struct
{
  char                    *path;
  RapportPlaybookSettings  settings;
  gint64                   took;      /* µs */
  gint64                   wal_bytes; /* the WAL file's size as the run ends */
  gint                     finished;  /* atomic */
} Daily;

static void
check (gboolean  ok,
       GError   *error)
{
  if (!ok)
    {
      fprintf (stderr, "bench-daily: %s\n", error != NULL ? error->message : "failed");
      exit (EXIT_FAILURE);
    }
}

/* What the run left on disk beside the book, before closing it. */
static gint64
wal_size (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  GStatBuf st;

  return g_stat (wal, &st) == 0 ? st.st_size : 0;
}

static void
run_daily (Daily *daily)
{
  g_autoptr(RapportStore) store = NULL;
  GError *error = NULL;

  store = rapport_store_open (daily->path, &error);
  check (store != NULL, error);
  check (rapport_follow_ups_sync_all (store, &daily->settings, rapport_time_now (), &error), error);
  daily->wal_bytes = wal_size (daily->path);
}

static gpointer
daily_thread (gpointer data)
{
  Daily *daily = data;
  gint64 start = g_get_monotonic_time ();

  run_daily (daily);
  daily->took = g_get_monotonic_time () - start;
  g_atomic_int_set (&daily->finished, TRUE);
  return NULL;
}

int
main (int   argc,
      char *argv[])
{
  Daily daily = { 0 };
  sqlite3 *db = NULL;
  GThread *thread;
  gint64 worst = 0, sum = 0;
  guint n = 0;

  if (argc != 2)
    {
      fprintf (stderr, "usage: %s BOOK   (BOOK from gen-book; it is copied, not changed)\n", argv[0]);
      return EXIT_FAILURE;
    }

  rapport_playbook_settings_init_defaults (&daily.settings);
  daily.path = bench_book_copy (argv[1]);
  daily_thread (&daily);
  printf ("first run (derives)    %8.0f ms wall, WAL %.1f MB as it ended\n", daily.took / 1e3,
          daily.wal_bytes / 1e6);
  daily.finished = FALSE;

  if (rapport_sqlite_open (daily.path, &db, SQLITE_OPEN_READWRITE) != SQLITE_OK)
    {
      fprintf (stderr, "bench-daily: %s\n", sqlite3_errmsg (db));
      return EXIT_FAILURE;
    }
  /* As every connection of the app's waits (rapport_store_open ()). */
  rapport_sqlite_wait_when_busy (db, 5000);

  thread = g_thread_new ("daily", daily_thread, &daily);
  g_usleep (300 * 1000);
  while (!g_atomic_int_get (&daily.finished))
    {
      gint64 start = g_get_monotonic_time ();
      int rc = sqlite3_exec (db, "INSERT INTO interaction (customer_id, happened_at, kind)"
                                 " SELECT min (id), '2026-01-01T09:00:00Z', 'email' FROM customer",
                                 NULL, NULL, NULL);
      gint64 waited = g_get_monotonic_time () - start;

      if (rc != SQLITE_OK)
        printf ("a write failed after %.0f ms: %s\n", waited / 1e3, sqlite3_errmsg (db));
      worst = MAX (worst, waited);
      sum += waited;
      n++;
      g_usleep (100 * 1000);
    }
  g_thread_join (thread);
  sqlite3_close (db);

  printf ("daily run              %8.0f ms wall, WAL %.1f MB as it ended\n", daily.took / 1e3,
          daily.wal_bytes / 1e6);
  printf ("writes meanwhile       %8u, each waited: worst %.1f ms, mean %.1f ms\n", n, worst / 1e3,
          n > 0 ? sum / 1e3 / n : 0);
  bench_book_remove (daily.path);
  g_free (daily.path);
  return EXIT_SUCCESS;
}
