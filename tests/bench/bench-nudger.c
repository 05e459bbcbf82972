/* bench-nudger.c: how long the nudger's replan takes on a big book
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   build/tests/bench/bench-nudger BOOK [ROUNDS]   (ROUNDS default 5)
 *
 * BOOK is one from gen-book (100,000 customers: some 50,000 check-ins
 * overdue); the bench works on a copy of it in a temporary folder.  On a
 * private bus with a fake notification server, it times (wall clock and
 * the main thread's CPU, as the machine may be busy):
 *
 *   start-up   from rapport_nudger_new() to the overdue summary arriving
 *              at the server (the replan, plus one bus round trip)
 *   then ROUNDS times rapport_nudger_replan() after
 *     an add   a check-in added for an hour ago (shown as itself)
 *     a snooze that check-in snoozed for an hour (its reminder closed)
 *     a move   a future check-in moved to an hour ago by another
 *              connection (another process, the daily run)
 *     nothing  no change at all (the timer, a resume)
 *
 * The replan's wall time runs until its plan is made: the reads, in the
 * nudger's worker, then planning and sending on the main thread; its CPU
 * time is the main thread's.  The server's answer comes later, through
 * the main loop.
 *
 * Last, Done on a summary, as the application does it: every overdue
 * check-in listed done (with the playbook synced) in one transaction.
 *
 *   done on the summary   on a book the app keeps: another copy, first
 *              brought to the playbook's state by the daily job
 *              (rapport_follow_ups_sync_all, not timed), then the first
 *              50,000 of its overdue check-ins, in the summary's order,
 *              done through the application's follow-ups-done call; the
 *              commit leaves the WAL's checkpoint to a worker, and the
 *              line says how long after Done that was over
 *   done, first sync      gen-book's own book, whose check-ins no playbook
 *              derived, so Done is also the first sync of every customer
 *              concerned (no book the app writes is in that state): the
 *              start-up summary, timed from the click to the book changed
 *
 * BENCH_NUDGER_ONE_BY_ONE=1 leaves out the application's follow-ups-done
 * action, so the nudger answers the second one item at a time as it used
 * to (stopped after a minute; the figure says how far it got).
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <time.h>

#include "bench-book.h"
#include "fake-notify-server.h"
#include "rapport-agenda.h"
#include "rapport-follow-ups.h"
#include "rapport-nudger.h"
#include "rapport-time.h"

/* The check-ins Done on a summary stands for, on a synced book. */
#define SUMMARY_SIZE 50000

typedef struct
{
  RapportStore     *store;
  RapportStore     *other;   /* another connection to the same book */
  RapportNudger    *nudger;
  FakeNotifyServer *server;
  GSettings        *settings;
  gboolean          answering;   /* Done was clicked: the actions do it */
  guint             done;        /* check-ins the actions marked done */
  guint             activations; /* and how many times they were called */
  gint64            give_up_at;  /* one at a time: stop after a minute */
} Bench;

/* Wall and main-thread CPU time, in ms: the machine may be busy. */
typedef struct
{
  double wall;
  double cpu;
  guint  n_read;  /* follow-ups the replan read */
} Times;

static void
check (gboolean  ok,
       GError   *error)
{
  if (!ok)
    g_error ("%s", error != NULL ? error->message : "failed");
}

static void
no_op (GSimpleAction *action,
       GVariant      *parameter,
       gpointer       user_data)
{
}

/* The application's follow-up-done, while Done on the summary is timed. */
static void
done_one (GSimpleAction *action,
          GVariant      *parameter,
          gpointer       user_data)
{
  Bench *bench = user_data;
  RapportPlaybookSettings settings;
  GError *error = NULL;
  gint64 id = g_variant_get_int64 (parameter);

  if (!bench->answering || g_get_monotonic_time () > bench->give_up_at)
    return;
  rapport_playbook_settings_load (&settings, bench->settings);
  check (rapport_follow_ups_complete_many (bench->store, &id, 1, &settings, rapport_time_now (), &error),
         error);
  bench->done++;
  bench->activations++;
}

/* The application's follow-ups-done: one transaction for them all. */
static void
done_all (GSimpleAction *action,
          GVariant      *parameter,
          gpointer       user_data)
{
  Bench *bench = user_data;
  RapportPlaybookSettings settings;
  GError *error = NULL;
  const gint64 *ids;
  gsize n_ids;

  if (!bench->answering)
    return;
  ids = g_variant_get_fixed_array (parameter, &n_ids, sizeof (gint64));
  rapport_playbook_settings_load (&settings, bench->settings);
  check (rapport_follow_ups_complete_many (bench->store, ids, n_ids, &settings, rapport_time_now (), &error),
         error);
  bench->done += n_ids;
  bench->activations++;
}

static GSimpleActionGroup *
new_actions (Bench *bench)
{
  static const GActionEntry entries[] = {
    { "follow-up-done", done_one, "x" },
    { "follow-up-snooze", no_op, "x" },
    { "follow-ups-snooze", no_op, "ax" },
    { "open-customer", no_op, "x" },
    { "show-follow-ups", no_op },
  };
  static const GActionEntry all[] = {
    { "follow-ups-done", done_all, "ax" },
  };
  GSimpleActionGroup *group = g_simple_action_group_new ();

  g_action_map_add_action_entries (G_ACTION_MAP (group), entries, G_N_ELEMENTS (entries), bench);
  if (g_getenv ("BENCH_NUDGER_ONE_BY_ONE") == NULL)
    g_action_map_add_action_entries (G_ACTION_MAP (group), all, G_N_ELEMENTS (all), bench);
  return group;
}

/* Reminders at any hour of any day, so the figures do not depend on when
 * the bench runs. */
static GSettings *
new_settings (void)
{
  static const char *every_day[] = { "mon", "tue", "wed", "thu", "fri", "sat", "sun", NULL };
  GSettings *settings = g_settings_new (APP_ID);

  g_settings_set_boolean (settings, "quiet-hours-enabled", FALSE);
  g_settings_set_strv (settings, "working-days", every_day);
  return settings;
}

/* What the edit queued (a replan on idle) runs outside the timing. */
static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Until the server has shown @count in all and the nudger has its answer. */
static void
wait_shown (Bench *bench,
            guint  count)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while ((fake_notify_server_count (bench->server) < count ||
          rapport_nudger_is_sending (bench->nudger)) &&
         g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  if (fake_notify_server_count (bench->server) < count)
    g_error ("The check-in was not shown");
}

/* The @n-th open check-in due after @now. */
static gint64
future_check_in (Bench  *bench,
                 gint64  now,
                 guint   n)
{
  g_autoptr(RapportStmt) stmt = NULL;
  g_autofree char *now_text = rapport_time_format_utc (now);
  GError *error = NULL;

  stmt = rapport_store_prepare (bench->other,
                                "SELECT id FROM follow_up"
                                " WHERE state = 'due' AND due_at > ? ORDER BY id LIMIT 1 OFFSET ?",
                                &error);
  check (stmt != NULL, error);
  sqlite3_bind_text (stmt, 1, now_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, (int) n);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    g_error ("The book has no check-in due later");
  return sqlite3_column_int64 (stmt, 0);
}

static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static Times
times_now (void)
{
  return (Times) { g_get_monotonic_time () / 1000.0, thread_cpu_ms (), 0 };
}

static Times
times_since (Times start)
{
  Times now = times_now ();

  return (Times) { now.wall - start.wall, now.cpu - start.cpu, 0 };
}

static Times
timed_replan (Bench *bench)
{
  Times start = times_now ();
  Times elapsed;

  rapport_nudger_replan (bench->nudger);
  while (rapport_nudger_is_planning (bench->nudger))
    g_main_context_iteration (NULL, TRUE);
  elapsed = times_since (start);
  elapsed.n_read = rapport_nudger_get_n_read (bench->nudger);
  return elapsed;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
print_median (const char *what,
              GArray     *times)
{
  g_autoptr(GArray) wall = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < times->len; i++)
    {
      g_array_append_val (wall, g_array_index (times, Times, i).wall);
      g_array_append_val (cpu, g_array_index (times, Times, i).cpu);
    }
  g_array_sort (wall, compare_doubles);
  g_array_sort (cpu, compare_doubles);
  g_print ("replan %-14s %8.2f ms wall, %8.2f ms CPU, %u read (median of %u)\n", what,
           g_array_index (wall, double, wall->len / 2), g_array_index (cpu, double, cpu->len / 2),
           g_array_index (times, Times, 0).n_read, times->len);
}

static void
round_of_edits (Bench  *bench,
                guint   round,
                GArray *add,
                GArray *snooze,
                GArray *move,
                GArray *nothing)
{
  gint64 now = rapport_time_now ();
  guint before = fake_notify_server_count (bench->server);
  GError *error = NULL;
  Times t;
  gint64 id;

  id = rapport_follow_up_add (bench->store, 1, "keep_in_touch", now - 3600,
                              "Added by bench-nudger", NULL, now, &error);
  check (id > 0, error);
  t = timed_replan (bench);
  g_array_append_val (add, t);
  wait_shown (bench, before + 1);
  drain ();

  check (rapport_follow_up_snooze (bench->store, id, now + 3600, &error), error);
  t = timed_replan (bench);
  g_array_append_val (snooze, t);
  drain ();

  id = future_check_in (bench, now, round);
  check (rapport_follow_up_reschedule (bench->other, id, now - 3600, NULL, now, &error), error);
  t = timed_replan (bench);
  g_array_append_val (move, t);
  wait_shown (bench, before + 2);
  drain ();

  t = timed_replan (bench);
  g_array_append_val (nothing, t);
  drain ();
}

static void
count_change (guint *changes)
{
  (*changes)++;
}

/* Done on the summary shown at start-up (the first notification), on
 * gen-book's book as it is. */
static void
done_on_summary (Bench *bench)
{
  g_autoptr(GPtrArray) due = NULL;
  GError *error = NULL;
  guint changes = 0;
  guint overdue;
  gulong handler;
  Times start, elapsed;

  due = rapport_agenda_list_due (bench->store, rapport_time_now (), &error);
  check (due != NULL, error);
  overdue = due->len;
  handler = g_signal_connect_swapped (bench->store, "changed", G_CALLBACK (count_change), &changes);

  bench->answering = TRUE;
  bench->give_up_at = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  start = times_now ();
  fake_notify_server_invoke (bench->server, 0, "done");
  while (bench->activations == 0 && g_get_monotonic_time () < bench->give_up_at)
    g_main_context_iteration (NULL, FALSE);
  elapsed = times_since (start);
  bench->answering = FALSE;
  g_signal_handler_disconnect (bench->store, handler);

  g_clear_pointer (&due, g_ptr_array_unref);
  due = rapport_agenda_list_due (bench->store, rapport_time_now (), &error);
  check (due != NULL, error);
  g_print ("done, first sync       %8.2f ms wall, %8.2f ms CPU, %u of %u overdue done,"
           " %u transaction%s, on gen-book's book (the old row)%s\n",
           elapsed.wall, elapsed.cpu, overdue - MIN (overdue, due->len), overdue, changes,
           changes == 1 ? "" : "s",
           g_getenv ("BENCH_NUDGER_ONE_BY_ONE") != NULL ? " (one at a time, stopped after a minute)" : "");
}

/* Done on a summary of SUMMARY_SIZE overdue check-ins of @book once the
 * daily job has derived its playbook, as in every book the app writes. */
static void
done_on_synced_book (const char *book,
                     GSettings  *settings)
{
  g_autoptr(RapportStore) store = NULL;
  g_autoptr(GArray) overdue = NULL;
  g_autoptr(GPtrArray) open = NULL;
  g_autofree char *path = bench_book_copy (book);
  RapportPlaybookSettings playbook;
  GError *error = NULL;
  gint64 now = rapport_time_now ();
  guint changes = 0;
  guint n, n_checkpoints;
  Times start, elapsed, checkpoint;

  store = rapport_store_open (path, &error);
  check (store != NULL, error);
  rapport_playbook_settings_load (&playbook, settings);
  check (rapport_follow_ups_sync_all (store, &playbook, now, &error), error);
  overdue = rapport_agenda_list_due_ids (store, now, G_MAXINT64, -1, &error);
  check (overdue != NULL, error);
  n = MIN (overdue->len, SUMMARY_SIZE);
  g_signal_connect_swapped (store, "changed", G_CALLBACK (count_change), &changes);
  /* The daily job's checkpoint is over before Done starts. */
  n_checkpoints = rapport_store_finish_checkpoints (store);

  start = times_now ();
  check (rapport_follow_ups_complete_many (store, (const gint64 *) (gpointer) overdue->data, n,
                                           &playbook, rapport_time_now (), &error),
         error);
  elapsed = times_since (start);
  /* The commit left the WAL's checkpoint to a worker connection: how much
   * later it is done (it used to be part of the commit). */
  start = times_now ();
  n_checkpoints = rapport_store_finish_checkpoints (store) - n_checkpoints;
  checkpoint = times_since (start);

  open = rapport_agenda_list_open_among (store, (const gint64 *) (gpointer) overdue->data, n, &error);
  check (open != NULL, error);
  g_print ("done on the summary    %8.2f ms wall, %8.2f ms CPU, %u of %u done (%u overdue),"
           " %u transaction%s, on the synced book; %u checkpoint%s on a worker, done %.0f ms later\n",
           elapsed.wall, elapsed.cpu, n - open->len, n, overdue->len, changes,
           changes == 1 ? "" : "s", n_checkpoints, n_checkpoints == 1 ? "" : "s", checkpoint.wall);

  g_clear_object (&store);
  bench_book_remove (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GArray) add = g_array_new (FALSE, FALSE, sizeof (Times));
  g_autoptr(GArray) snooze = g_array_new (FALSE, FALSE, sizeof (Times));
  g_autoptr(GArray) move = g_array_new (FALSE, FALSE, sizeof (Times));
  g_autoptr(GArray) nothing = g_array_new (FALSE, FALSE, sizeof (Times));
  g_autoptr(GSimpleActionGroup) actions = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *path = NULL;
  g_autofree char *summary = NULL;
  GError *error = NULL;
  Bench bench = { 0 };
  guint rounds;
  Times start, elapsed;

  if (argc < 2)
    {
      g_printerr ("usage: %s BOOK [ROUNDS]   (BOOK from gen-book; it is copied, not changed)\n",
                  argv[0]);
      return EXIT_FAILURE;
    }
  rounds = argc > 2 ? (guint) MAX (1, atoi (argv[2])) : 5;

  g_setenv ("GSETTINGS_SCHEMA_DIR", SCHEMA_DIR, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  bench.server = fake_notify_server_start ();
  if (bench.server == NULL)
    return EXIT_FAILURE;

  path = bench_book_copy (argv[1]);
  bench.store = rapport_store_open (path, &error);
  check (bench.store != NULL, error);
  bench.other = rapport_store_open (path, &error);
  check (bench.other != NULL, error);
  settings = new_settings ();
  bench.settings = settings;
  actions = new_actions (&bench);

  start = times_now ();
  bench.nudger = rapport_nudger_new (bench.store, settings, G_ACTION_GROUP (actions), NULL, NULL);
  if (!fake_notify_server_wait (bench.server, 1, 60000))
    g_error ("No summary at start-up");
  elapsed = times_since (start);
  wait_shown (&bench, 1);
  summary = fake_notify_server_dup_summary (bench.server, 0);
  g_print ("start-up               %8.2f ms wall, %8.2f ms CPU, %u read, to \"%s\"\n",
           elapsed.wall, elapsed.cpu, rapport_nudger_get_n_read (bench.nudger), summary);
  drain ();

  for (guint i = 0; i < rounds; i++)
    round_of_edits (&bench, i, add, snooze, move, nothing);
  print_median ("after an add", add);
  print_median ("after a snooze", snooze);
  print_median ("after a move", move);
  print_median ("nothing new", nothing);
  done_on_summary (&bench);

  g_clear_object (&bench.nudger);
  g_clear_object (&bench.other);
  g_clear_object (&bench.store);
  fake_notify_server_stop (bench.server);
  bench_book_remove (path);

  done_on_synced_book (argv[1], settings);
  return EXIT_SUCCESS;
}
