/* test-nudger-backlog.c: a book with 20,000 overdue check-ins stays cheap to plan
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drives a RapportNudger in this process, on a private bus whose
 * notification server the test plays from a thread, over a book whose
 * backlog is far longer than any salesperson's.  The nudger must read the
 * first few overdue items and a count at start-up, then after each edit
 * only what is new: the test counts the follow-ups each plan read
 * (rapport_nudger_get_n_read()), rather than timing anything.
 */

#include "config.h"

#include "fake-notify-server.h"
#include "fake-sync.h"
#include "rapport-follow-ups.h"
#include "rapport-nudge-plan.h"
#include "rapport-nudger.h"
#include "rapport-sync-error.h"
#include "rapport-sync-reminders.h"
#include "rapport-time.h"

#define BACKLOG 20000
#define HOUR    ((gint64) 3600)

static FakeNotifyServer *server;

typedef struct
{
  RapportStore       *store;
  GSettings          *settings;
  GSimpleActionGroup *actions;
  RapportNudger      *nudger;
  guint               done_one;   /* follow-up-done activations */
  guint               done_all;   /* follow-ups-done activations */
  guint               shown;   /* notifications before this test */
  guint               closed;
} Fixture;

static void
exec_sql (Fixture    *f,
          const char *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rapport_store_begin (f->store, &error));
  g_assert_no_error (error);
  if (!rapport_store_exec (f->store, sql, &error))
    rapport_store_rollback (f->store);
  else
    rapport_store_commit (f->store, &error);
  g_assert_no_error (error);
}

/* @n customers, 10 overdue check-ins each, one due every minute back
 * from now: the oldest, @n * 10 minutes ago, is customer 1's. */
static void
fill_book (Fixture *f,
           guint    n)
{
  g_autofree char *sql = NULL;

  sql = g_strdup_printf ("WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %u)"
                         " INSERT INTO customer (id, name, created_at, updated_at)"
                         " SELECT i, printf ('Customer %%05d', i),"
                         "        '2026-01-05T10:00:00Z', '2026-01-05T10:00:00Z'"
                         "   FROM n;"
                         "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %u)"
                         " INSERT INTO follow_up (customer_id, kind, due_at, created_at)"
                         " SELECT 1 + i %% %u, 'keep_in_touch',"
                         "        strftime ('%%Y-%%m-%%dT%%H:%%M:%%SZ', 'now', '-' || i || ' minutes'),"
                         "        '2026-01-05T10:00:00Z'"
                         "   FROM n",
                         n, n * 10, n);
  exec_sql (f, sql);
}

static void
complete_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  Fixture *f = user_data;
  g_autoptr(GError) error = NULL;

  f->done_one++;
  rapport_follow_up_complete (f->store, g_variant_get_int64 (parameter), NULL,
                              rapport_time_now (), &error);
  g_assert_no_error (error);
}

/* As the application does: all the items in one transaction. */
static void
complete_all_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  Fixture *f = user_data;
  g_autoptr(GError) error = NULL;
  const gint64 *ids;
  gsize n_ids;

  f->done_all++;
  ids = g_variant_get_fixed_array (parameter, &n_ids, sizeof (gint64));
  rapport_follow_ups_complete_many (f->store, ids, n_ids, NULL, rapport_time_now (), &error);
  g_assert_no_error (error);
}

static void
no_op (GSimpleAction *action,
       GVariant      *parameter,
       gpointer       user_data)
{
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  static const char *every_day[] = { "mon", "tue", "wed", "thu", "fri", "sat", "sun", NULL };
  static const GActionEntry entries[] = {
    { "follow-up-done", complete_action, "x" },
    { "follow-ups-done", complete_all_action, "ax" },
    { "follow-up-snooze", no_op, "x" },
    { "follow-ups-snooze", no_op, "ax" },
    { "open-customer", no_op, "x" },
    { "show-follow-ups", no_op },
  };
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "rapport", "rapport.db", NULL);
  g_autoptr(GError) error = NULL;

  f->store = rapport_store_open (path, &error);
  g_assert_no_error (error);
  fill_book (f, GPOINTER_TO_UINT (data) / 10);

  /* Reminders at any hour of any day, so the test passes at night too. */
  f->settings = g_settings_new (APP_ID);
  g_settings_set_boolean (f->settings, "quiet-hours-enabled", FALSE);
  g_settings_set_strv (f->settings, "working-days", every_day);

  f->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (f->actions), entries, G_N_ELEMENTS (entries), f);

  f->shown = fake_notify_server_count (server);
  f->closed = fake_notify_server_count_closed (server);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->nudger);
  g_clear_object (&f->actions);
  g_clear_object (&f->settings);
  g_clear_object (&f->store);
}

static void
start_nudger (Fixture *f)
{
  f->nudger = rapport_nudger_new (f->store, f->settings, G_ACTION_GROUP (f->actions), NULL,
                                  NULL);
}

/* The nth notification of this test, from 1. */
static char *
summary_of (Fixture *f,
            guint    n)
{
  return fake_notify_server_dup_summary (server, f->shown + n - 1);
}

static char *
body_of (Fixture *f,
         guint    n)
{
  return fake_notify_server_dup_body (server, f->shown + n - 1);
}

static guint
shown (Fixture *f)
{
  return fake_notify_server_count (server) - f->shown;
}

static guint
closed (Fixture *f)
{
  return fake_notify_server_count_closed (server) - f->closed;
}

static gboolean
tick (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Lets the main loop run what the edits queued (a replan on idle, the
 * book's file monitor) for @ms. */
static void
run_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * (gint64) 1000;
  guint ticker = g_timeout_add (10, tick, NULL);

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (ticker);
}

static gboolean
wait_closed (Fixture *f,
             guint    n)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  guint ticker = g_timeout_add (10, tick, NULL);

  while (closed (f) < n && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (ticker);
  return closed (f) >= n;
}

/* Until the server has shown @n notifications of this test and the
 * nudger has its answer: the next plan would wait for it. */
static gboolean
wait_shown (Fixture *f,
            guint    n)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  guint ticker = g_timeout_add (10, tick, NULL);

  while ((shown (f) < n || rapport_nudger_is_sending (f->nudger)) &&
         g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (ticker);
  return shown (f) >= n && !rapport_nudger_is_sending (f->nudger);
}

/* The first plan ran: held by quiet hours, it armed the timer. */
static gboolean
wait_planned (Fixture *f)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  guint ticker = g_timeout_add (10, tick, NULL);

  while (rapport_nudger_get_wake_at (f->nudger) == 0 && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (ticker);
  return rapport_nudger_get_wake_at (f->nudger) != 0;
}

/* Plans again, and waits for the plan: its reads run in a worker. */
static void
replan (Fixture *f)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  guint ticker = g_timeout_add (10, tick, NULL);

  rapport_nudger_replan (f->nudger);
  while (rapport_nudger_is_planning (f->nudger) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (ticker);
  g_assert_false (rapport_nudger_is_planning (f->nudger));
}

static gint64
add_check_in (Fixture *f,
              gint64   customer,
              gint64   due_at)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = rapport_follow_up_add (f->store, customer, "thank_referrer", due_at,
                              "Thank them for the introduction", NULL, rapport_time_now (),
                              &error);
  g_assert_no_error (error);
  return id;
}

/* Start-up: one summary, from five items read and a count.  Then each edit
 * reads what it changed, and a change that moves no check-in reads none. */
static void
test_edits_read_what_is_new (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  g_autofree char *added_title = NULL;
  g_autofree char *added_body = NULL;
  g_autofree char *moved_body = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = rapport_time_now ();
  gint64 later, added;

  later = add_check_in (f, 42, now + 2 * HOUR);
  start_nudger (f);
  g_assert_true (wait_shown (f, 1));
  g_assert_cmpuint (rapport_nudger_get_n_read (f->nudger), ==, RAPPORT_NUDGE_MAX_LISTED);

  title = summary_of (f, 1);
  body = body_of (f, 1);
  g_assert_cmpstr (title, ==, "20000 missed check-ins");
  g_assert_cmpstr (body, ==,
                   "Customer 00001 — Keep in touch\n"
                   "Customer 02000 — Keep in touch\n"
                   "Customer 01999 — Keep in touch\n"
                   "Customer 01998 — Keep in touch\n"
                   "and 19996 more");
  g_assert_cmpint (rapport_nudger_get_wake_at (f->nudger), ==, now + 2 * HOUR);

  /* Added for an hour ago: shown as itself, not as the backlog. */
  added = add_check_in (f, 7, now - HOUR);
  replan (f);
  g_assert_cmpuint (rapport_nudger_get_n_read (f->nudger), ==, 1);
  g_assert_true (wait_shown (f, 2));
  added_title = summary_of (f, 2);
  added_body = body_of (f, 2);
  g_assert_cmpstr (added_title, ==, "Thank the referrer");
  g_assert_cmpstr (added_body, ==, "Customer 00007\nThank them for the introduction");

  /* Rescheduled into the past: it is due again, so it is shown again. */
  g_assert_true (rapport_follow_up_reschedule (f->store, later, now - 2 * HOUR, NULL, now, &error));
  g_assert_no_error (error);
  replan (f);
  g_assert_cmpuint (rapport_nudger_get_n_read (f->nudger), ==, 1);
  g_assert_true (wait_shown (f, 3));
  moved_body = body_of (f, 3);
  g_assert_cmpstr (moved_body, ==, "Customer 00042\nThank them for the introduction");

  /* An edit that moves no check-in, and a plan with nothing new (the
   * timer, a resume): nothing read, nothing repeated. */
  exec_sql (f, "UPDATE customer SET notes = 'Prefers email' WHERE id = 7");
  replan (f);
  g_assert_cmpuint (rapport_nudger_get_n_read (f->nudger), ==, 0);
  run_for (200);
  replan (f);
  g_assert_cmpuint (rapport_nudger_get_n_read (f->nudger), ==, 0);
  g_assert_cmpuint (shown (f), ==, 3);

  /* Done in the window: its reminder goes, the backlog's summary stays. */
  g_assert_true (rapport_follow_up_complete (f->store, added, NULL, now, &error));
  g_assert_no_error (error);
  replan (f);
  g_assert_true (wait_closed (f, 1));
  run_for (200);
  g_assert_cmpuint (closed (f), ==, 1);

  /* Everything answered (an import, say): the summary goes too. */
  exec_sql (f, "UPDATE follow_up SET state = 'done'");
  replan (f);
  g_assert_true (wait_closed (f, 3));
  g_assert_cmpuint (shown (f), ==, 3);
}

/* A snoozed reminder closes, and comes back by itself when the snooze
 * ends: its new time is past what the nudger has read. */
static void
test_snooze_comes_back (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *again = NULL;
  gint64 id, until;

  start_nudger (f);
  g_assert_true (wait_shown (f, 1));
  id = add_check_in (f, 3, rapport_time_now () - 60);
  g_assert_true (wait_shown (f, 2));

  until = rapport_time_now () + 3;
  g_assert_true (rapport_follow_up_snooze (f->store, id, until, &error));
  g_assert_no_error (error);
  g_assert_true (wait_closed (f, 1));
  g_assert_cmpint (rapport_nudger_get_wake_at (f->nudger), ==, until);

  g_assert_true (fake_notify_server_wait (server, f->shown + 3, 5000));
  g_assert_cmpuint (rapport_nudger_get_n_read (f->nudger), ==, 1);
  again = summary_of (f, 3);
  g_assert_cmpstr (again, ==, "Thank the referrer");
}

/* A write in the window plans again, and the plan's reads run in its
 * worker, on a connection of their own: the main thread runs none of the
 * nudger's statements, whatever the backlog. */
static void
test_replan_reads_in_worker (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GPtrArray) queries = NULL;
  g_autofree char *title = NULL;

  start_nudger (f);
  g_assert_true (wait_shown (f, 1));

  g_ptr_array_unref (rapport_store_take_main_thread_queries ());
  add_check_in (f, 7, rapport_time_now () - HOUR);
  g_ptr_array_unref (rapport_store_take_main_thread_queries ());

  /* The write's own RapportStore::changed plans again. */
  g_assert_true (wait_shown (f, 2));
  queries = rapport_store_take_main_thread_queries ();
  for (guint i = 0; i < queries->len; i++)
    g_test_message ("on the main thread: %s",
                    ((RapportTracedQuery *) g_ptr_array_index (queries, i))->sql);
  g_assert_cmpuint (queries->len, ==, 0);
  g_assert_cmpuint (rapport_nudger_get_n_read (f->nudger), ==, 1);
  title = summary_of (f, 2);
  g_assert_cmpstr (title, ==, "Thank the referrer");
}

/* A check-in answered while the plan's reads are on their way is not
 * shown: what they read is outdated, and the plan reads again. */
static void
test_answered_while_reading (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  start_nudger (f);
  g_assert_true (wait_shown (f, 1));

  /* The new check-in is read in the worker, which is given the time to
   * finish (the main loop, which would take its answer, does not run);
   * then it is answered here. */
  id = add_check_in (f, 7, rapport_time_now () - HOUR);
  rapport_nudger_replan (f->nudger);
  g_usleep (300 * 1000);
  g_assert_true (rapport_follow_up_complete (f->store, id, NULL, rapport_time_now (), &error));
  g_assert_no_error (error);

  run_for (300);
  g_assert_true (wait_shown (f, 1));
  g_assert_false (rapport_nudger_is_planning (f->nudger));
  g_assert_cmpuint (shown (f), ==, 1);

  /* And reminders still come: the next check-in is shown. */
  add_check_in (f, 8, rapport_time_now () - HOUR);
  g_assert_true (wait_shown (f, 2));
}

/* A nudger let go of while its reads are on their way lets go of the book
 * at once: their answer may never come (the main loop has stopped at exit),
 * and a restore waits for the book to close. */
static void
test_dispose_while_reading (Fixture       *f,
                            gconstpointer  data)
{
  guint refs = G_OBJECT (f->store)->ref_count;

  start_nudger (f);
  g_assert_true (wait_shown (f, 1));
  add_check_in (f, 7, rapport_time_now () - HOUR);
  rapport_nudger_replan (f->nudger);
  g_assert_true (rapport_nudger_is_planning (f->nudger));
  g_clear_object (&f->nudger);
  g_assert_cmpuint (G_OBJECT (f->store)->ref_count, ==, refs);

  /* The cancelled read's answer, when it comes, touches nothing. */
  run_for (300);
  g_assert_cmpuint (G_OBJECT (f->store)->ref_count, ==, refs);
  g_assert_cmpuint (shown (f), ==, 1);
}

/* Done on a summary answers every item it counts, not only those named
 * (which were all the nudger read), with one action for them all. */
static void
test_done_on_summary (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GError) error = NULL;
  gint64 end;

  start_nudger (f);
  g_assert_true (fake_notify_server_wait (server, f->shown + 1, 10000));
  title = summary_of (f, 1);
  body = body_of (f, 1);
  g_assert_cmpstr (title, ==, "20 missed check-ins");
  g_assert_true (g_str_has_suffix (body, "\nand 16 more"));

  fake_notify_server_invoke (server, f->shown, "done");
  end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  do
    {
      g_clear_pointer (&due, g_ptr_array_unref);
      run_for (50);
      due = rapport_agenda_list_due (f->store, rapport_time_now (), &error);
      g_assert_no_error (error);
    }
  while (due->len > 0 && g_get_monotonic_time () < end);
  g_assert_cmpuint (due->len, ==, 0);
  /* All twenty in one go: one transaction, one change of the book. */
  g_assert_cmpuint (f->done_all, ==, 1);
  g_assert_cmpuint (f->done_one, ==, 0);
}

/* Held while the book is written in commits spread over time (the daily
 * run's chunks): nothing is shown meanwhile, then one notification for
 * all that came due. */
static void
test_held_while_written (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *title = NULL;

  start_nudger (f);
  g_assert_true (wait_shown (f, 1));

  rapport_nudger_hold (f->nudger);
  for (guint i = 0; i < 3; i++)
    {
      add_check_in (f, 1 + i % 2, rapport_time_now ());
      run_for (300);
    }
  g_assert_cmpuint (shown (f), ==, 1);

  rapport_nudger_release (f->nudger);
  g_assert_true (wait_shown (f, 2));
  run_for (300);
  g_assert_cmpuint (shown (f), ==, 2);
  title = summary_of (f, 2);
  g_assert_cmpstr (title, ==, "3 check-ins due");
}

/* A hold that lasts (a sync waiting on a server that does not answer)
 * keeps reminders back for the hold limit at most, then shows what came
 * meanwhile, and again after each limit while it lasts. */
static void
test_held_at_most_the_limit (Fixture       *f,
                             gconstpointer  data)
{
  start_nudger (f);
  g_assert_true (wait_shown (f, 1));
  g_object_set (f->nudger, "hold-limit", 1000, NULL);

  rapport_nudger_hold (f->nudger);
  add_check_in (f, 1, rapport_time_now ());
  run_for (500);
  g_assert_cmpuint (shown (f), ==, 1);
  g_assert_true (wait_shown (f, 2));

  /* A new hold counts the limit from now (not from a tick a loaded
   * machine may already have come close to). */
  rapport_nudger_release (f->nudger);
  rapport_nudger_hold (f->nudger);
  add_check_in (f, 2, rapport_time_now ());
  run_for (300);
  g_assert_cmpuint (shown (f), ==, 2);
  g_assert_true (wait_shown (f, 3));

  /* Nothing new: the limit shows nothing. */
  run_for (1300);
  g_assert_cmpuint (shown (f), ==, 3);
  rapport_nudger_release (f->nudger);
  run_for (300);
  g_assert_cmpuint (shown (f), ==, 3);
}

/* A sync commits what it pulls a batch at a time: the reminders wait for
 * its end, whether it went through or failed, and then show all it
 * brought in one notification, not one a batch. */
static void
test_held_while_syncing (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(FakeMonitor) monitor = fake_monitor_new ();
  g_autoptr(RapportSyncScheduler) scheduler = NULL;
  g_autofree char *pulled = NULL;
  g_autofree char *failed = NULL;

  start_nudger (f);
  g_assert_true (wait_shown (f, 1));

  fake_sync_reset ();
  /* Only the syncs the test starts: none after its own edits. */
  scheduler = rapport_sync_scheduler_new (f->store, G_NETWORK_MONITOR (monitor), fake_sync_run,
                                          fake_sync_finish);
  g_object_set (scheduler, "change-delay", G_MAXUINT, NULL);
  rapport_sync_reminders_hold_while_syncing (scheduler, f->nudger);
  rapport_sync_scheduler_set_enabled (scheduler, TRUE);
  g_assert_cmpint (rapport_sync_scheduler_get_state (scheduler), ==, RAPPORT_SYNC_STATE_SYNCING);

  /* Three batches pulled, each committed on its own. */
  for (guint i = 0; i < 3; i++)
    {
      add_check_in (f, 1 + i % 2, rapport_time_now ());
      run_for (300);
    }
  g_assert_cmpuint (shown (f), ==, 1);

  fake_sync_end (3, NULL);
  g_assert_true (wait_shown (f, 2));
  run_for (300);
  g_assert_cmpuint (shown (f), ==, 2);
  pulled = summary_of (f, 2);
  g_assert_cmpstr (pulled, ==, "3 check-ins due");

  /* A sync that fails half-way lets go too. */
  rapport_sync_scheduler_sync_now (scheduler);
  g_assert_cmpint (rapport_sync_scheduler_get_state (scheduler), ==, RAPPORT_SYNC_STATE_SYNCING);
  add_check_in (f, 2, rapport_time_now ());
  run_for (300);
  g_assert_cmpuint (shown (f), ==, 2);
  fake_sync_end (0, g_error_new_literal (RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_SERVER,
                                         "The server failed"));
  g_assert_true (wait_shown (f, 3));
  failed = summary_of (f, 3);
  g_assert_cmpstr (failed, ==, "Thank the referrer");

  rapport_sync_scheduler_set_enabled (scheduler, FALSE);
}

/* Started in quiet hours: nothing shown, nothing marked read; the summary
 * comes when they end (here: when they are turned off). */
static void
test_quiet_at_start (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GDateTime) local = g_date_time_new_now_local ();
  int hour = g_date_time_get_hour (local);
  g_autofree char *title = NULL;

  g_settings_set_int (f->settings, "quiet-hours-start", hour);
  g_settings_set_int (f->settings, "quiet-hours-end", (hour + 2) % 24);
  g_settings_set_boolean (f->settings, "quiet-hours-enabled", TRUE);

  start_nudger (f);
  g_assert_true (wait_planned (f));
  g_assert_cmpuint (shown (f), ==, 0);
  g_assert_cmpuint (rapport_nudger_get_n_read (f->nudger), ==, RAPPORT_NUDGE_MAX_LISTED);
  g_assert_cmpint (rapport_nudger_get_wake_at (f->nudger), >, rapport_time_now ());

  /* Nothing was marked read: the next plan reads the same again. */
  replan (f);
  g_assert_cmpuint (rapport_nudger_get_n_read (f->nudger), ==, RAPPORT_NUDGE_MAX_LISTED);
  g_assert_cmpuint (shown (f), ==, 0);

  g_settings_set_boolean (f->settings, "quiet-hours-enabled", FALSE);
  g_assert_true (fake_notify_server_wait (server, f->shown + 1, 5000));
  title = summary_of (f, 1);
  g_assert_cmpstr (title, ==, "20000 missed check-ins");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  /* Every book this test opens records its main thread's statements. */
  rapport_store_trace_main_thread (TRUE);

  /* Before anything connects to a session bus. */
  server = fake_notify_server_start ();
  if (server == NULL)
    g_error ("Cannot run a notification server (is dbus-daemon installed?)");

#define ADD(path, backlog, func) \
  g_test_add (path, Fixture, GUINT_TO_POINTER (backlog), fixture_set_up, func, fixture_tear_down)

  ADD ("/nudger-backlog/edits-read-what-is-new", BACKLOG, test_edits_read_what_is_new);
  ADD ("/nudger-backlog/replan-reads-in-worker", BACKLOG, test_replan_reads_in_worker);
  ADD ("/nudger-backlog/answered-while-reading", BACKLOG, test_answered_while_reading);
  ADD ("/nudger-backlog/dispose-while-reading", BACKLOG, test_dispose_while_reading);
  ADD ("/nudger-backlog/snooze-comes-back", BACKLOG, test_snooze_comes_back);
  ADD ("/nudger-backlog/done-on-summary", 20, test_done_on_summary);
  ADD ("/nudger-backlog/quiet-at-start", BACKLOG, test_quiet_at_start);
  ADD ("/nudger-backlog/held-while-written", 20, test_held_while_written);
  ADD ("/nudger-backlog/held-while-syncing", 20, test_held_while_syncing);
  ADD ("/nudger-backlog/held-at-most-the-limit", 20, test_held_at_most_the_limit);

#undef ADD

  status = g_test_run ();
  fake_notify_server_stop (server);
  return status;
}
