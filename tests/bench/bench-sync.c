/* bench-sync.c: how long rapport_follow_ups_sync_all takes on a big book
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   build/tests/bench/bench-sync [CUSTOMERS]   (default 100000)
 *
 * Fills a fresh book in a temporary folder with CUSTOMERS customers (a
 * third with a sale, half of those delivered, three logged contacts each,
 * a referral for one in twenty, tag cadences), then times three syncs:
 * the first (every item inserted), an immediate second (nothing changes),
 * and one a day later (reasons reworded).
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <time.h>

#include "rapport-follow-ups.h"
#include "rapport-time.h"

#define DAY RAPPORT_SECONDS_PER_DAY

static void
check (gboolean  ok,
       GError   *error)
{
  if (!ok)
    g_error ("%s", error != NULL ? error->message : "failed");
}

static void
bind_time (sqlite3_stmt *stmt,
           int           index,
           gint64        t)
{
  sqlite3_bind_text (stmt, index, rapport_time_format_utc (t), -1, g_free);
}

static void
step (sqlite3_stmt *stmt)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    g_error ("insert failed");
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

static void
fill (RapportStore *store,
      guint         n,
      gint64        now)
{
  sqlite3 *db = rapport_store_get_db (store);
  sqlite3_stmt *customer, *sale, *interaction, *referral;
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  GError *error = NULL;

  check (rapport_store_exec (store,
                             "INSERT INTO tag_cadence VALUES ('vip', 30, 45), ('partner', 60, 80)",
                             &error), error);
  sqlite3_prepare_v2 (db, "INSERT INTO customer (id, name, tags, satisfaction, satisfaction_recorded_at,"
                          " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)", -1, &customer, NULL);
  sqlite3_prepare_v2 (db, "INSERT INTO sale (customer_id, product, closed_on, delivered_on,"
                          " referral_prepositioned, created_at) VALUES (?, 'Widget', ?, ?, ?, ?)",
                      -1, &sale, NULL);
  sqlite3_prepare_v2 (db, "INSERT INTO interaction (customer_id, happened_at, kind) VALUES (?, ?, 'call')",
                      -1, &interaction, NULL);
  sqlite3_prepare_v2 (db, "INSERT INTO referral (referrer_id, prospect_id, type, created_at)"
                          " VALUES (?, ?, 'solicited', ?)", -1, &referral, NULL);

  check (rapport_store_begin (store, &error), error);
  for (guint id = 1; id <= n; id++)
    {
      static const char *tags[] = { "", "", "vip", "partner;vip", "retail" };
      static const char *moods[] = { "unknown", "satisfied", "delighted", "unhappy" };
      g_autofree char *name = g_strdup_printf ("Customer %u", id);
      gint64 created = now - g_rand_int_range (rand, 30, 900) * DAY;

      sqlite3_bind_int64 (customer, 1, id);
      sqlite3_bind_text (customer, 2, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (customer, 3, tags[g_rand_int_range (rand, 0, 5)], -1, SQLITE_STATIC);
      sqlite3_bind_text (customer, 4, moods[g_rand_int_range (rand, 0, 4)], -1, SQLITE_STATIC);
      bind_time (customer, 5, now - g_rand_int_range (rand, 0, 60) * DAY);
      bind_time (customer, 6, created);
      bind_time (customer, 7, created);
      step (customer);

      for (int i = 0; i < 3; i++)
        {
          sqlite3_bind_int64 (interaction, 1, id);
          bind_time (interaction, 2, now - g_rand_int_range (rand, 0, 200) * DAY - g_rand_int_range (rand, 0, 86400));
          step (interaction);
        }

      if (id % 3 == 0)
        {
          gint64 closed = now - g_rand_int_range (rand, 0, 60) * DAY;
          g_autoptr(GDateTime) c = g_date_time_new_from_unix_utc (closed);
          g_autoptr(GDateTime) d = g_date_time_add_days (c, 5);

          sqlite3_bind_int64 (sale, 1, id);
          sqlite3_bind_text (sale, 2, g_date_time_format (c, "%Y-%m-%d"), -1, g_free);
          if (id % 2 == 0)
            sqlite3_bind_text (sale, 3, g_date_time_format (d, "%Y-%m-%d"), -1, g_free);
          sqlite3_bind_text (sale, 4, id % 4 == 0 ? "agreed" : "no", -1, SQLITE_STATIC);
          bind_time (sale, 5, closed);
          step (sale);
        }

      if (id % 20 == 0)
        {
          sqlite3_bind_int64 (referral, 1, id - 1);
          sqlite3_bind_int64 (referral, 2, id);
          bind_time (referral, 3, now - g_rand_int_range (rand, 0, 30) * DAY);
          step (referral);
        }
    }
  check (rapport_store_commit (store, &error), error);

  sqlite3_finalize (customer);
  sqlite3_finalize (sale);
  sqlite3_finalize (interaction);
  sqlite3_finalize (referral);
}

/* Processor time, not wall time: a busy machine should not move the figure. */
static double
cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static double
timed_sync (RapportStore                  *store,
            const RapportPlaybookSettings *settings,
            gint64                         now)
{
  double start = cpu_seconds ();
  GError *error = NULL;

  check (rapport_follow_ups_sync_all (store, settings, now, &error), error);
  return cpu_seconds () - start;
}

static gint64
count_open (RapportStore *store)
{
  sqlite3_stmt *stmt;
  gint64 n;

  sqlite3_prepare_v2 (rapport_store_get_db (store),
                      "SELECT count(*) FROM follow_up WHERE state = 'due'", -1, &stmt, NULL);
  sqlite3_step (stmt);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

int
main (int   argc,
      char *argv[])
{
  guint n = argc > 1 ? (guint) atoi (argv[1]) : 100000;
  g_autofree char *dir = g_dir_make_tmp ("rapport-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "rapport.db", NULL);
  g_autoptr(GDateTime) monday = g_date_time_new_utc (2026, 11, 2, 9, 0, 0);
  gint64 now = g_date_time_to_unix (monday);
  RapportPlaybookSettings settings;
  g_autoptr(RapportStore) store = NULL;
  GError *error = NULL;
  static const char *suffixes[] = { "", "-wal", "-shm" };
  double first, again, tomorrow;

  rapport_playbook_settings_init_defaults (&settings);
  store = rapport_store_open (path, &error);
  check (store != NULL, error);

  fill (store, n, now);
  first = timed_sync (store, &settings, now);
  g_print ("%u customers, %" G_GINT64_FORMAT " open follow-ups\n", n, count_open (store));
  again = timed_sync (store, &settings, now);
  tomorrow = timed_sync (store, &settings, now + DAY);

  g_print ("first sync:        %.2f s CPU (%.1f µs per customer)\n", first, first * 1e6 / n);
  g_print ("again, no change:  %.2f s CPU (%.1f µs per customer)\n", again, again * 1e6 / n);
  g_print ("a day later:       %.2f s CPU (%.1f µs per customer)\n", tomorrow, tomorrow * 1e6 / n);

  g_clear_object (&store);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_remove (file);
    }
  g_rmdir (dir);
  return 0;
}
