/* test-nudger-events.c: reminders come through what happens around the book
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drives a RapportNudger in this process, with a clock of the test's, a
 * notification server the test plays from a thread (see
 * fake-notify-server.c) and a logind it plays on a private system bus
 * (fake-logind.c), through what a desktop does to a running reminder
 * daemon: a notification server that stops answering, another process
 * moving a check-in into the past, a suspend and resume, the wall clock
 * set.  Each case asserts the reminder the user would miss otherwise.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "fake-logind.h"
#include "fake-notify-server.h"
#include "rapport-follow-ups.h"
#include "rapport-nudger-private.h"
#include "rapport-time.h"

#define HOUR ((gint64) 3600)

static FakeNotifyServer *server;
static FakeLogind *logind;

typedef struct
{
  char               *path;
  RapportStore       *store;
  GSettings          *settings;
  GSimpleActionGroup *actions;
  RapportNudger      *nudger;
  gint64              now_us;  /* the nudger's clock */
  guint               shown;   /* notifications before this test */
} Fixture;

static gint64
test_clock (gpointer user_data)
{
  return ((Fixture *) user_data)->now_us;
}

static gint64
now (Fixture *f)
{
  return f->now_us / G_USEC_PER_SEC;
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
    { "follow-up-done", no_op, "x" },
    { "follow-up-snooze", no_op, "x" },
    { "open-customer", no_op, "x" },
    { "show-follow-ups", no_op },
  };
  g_autoptr(GError) error = NULL;

  f->path = g_build_filename (g_get_user_data_dir (), "rapport", "rapport.db", NULL);
  f->store = rapport_store_open (f->path, &error);
  g_assert_no_error (error);
  rapport_store_exec (f->store,
                      "INSERT INTO customer (id, name, created_at, updated_at) VALUES"
                      " (1, 'Ada Lovelace', '2026-01-05T10:00:00Z', '2026-01-05T10:00:00Z'),"
                      " (2, 'Grace Hopper', '2026-01-05T10:00:00Z', '2026-01-05T10:00:00Z')",
                      &error);
  g_assert_no_error (error);

  /* Reminders at any hour of any day, so the test passes at night too. */
  f->settings = g_settings_new (APP_ID);
  g_settings_set_boolean (f->settings, "quiet-hours-enabled", FALSE);
  g_settings_set_strv (f->settings, "working-days", every_day);

  f->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (f->actions), entries, G_N_ELEMENTS (entries), f);

  /* On the real time to start with: the timer is armed on the real clock. */
  f->now_us = g_get_real_time ();
  f->shown = fake_notify_server_count (server);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->nudger);
  g_clear_object (&f->actions);
  g_clear_object (&f->settings);
  g_clear_object (&f->store);
  g_free (f->path);
}

static gint64
add_check_in (Fixture *f,
              gint64   customer,
              gint64   due_at)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = rapport_follow_up_add (f->store, customer, "keep_in_touch", due_at,
                              "Ask how the new team settles in", NULL, now (f), &error);
  g_assert_no_error (error);
  return id;
}

static guint
shown (Fixture *f)
{
  return fake_notify_server_count (server) - f->shown;
}

static gboolean
tick (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static void
run_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * (gint64) 1000;
  guint ticker = g_timeout_add (10, tick, NULL);

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (ticker);
}

/* Until the server has shown @n notifications of this test and the
 * nudger has its answer; how long it took, in ms, or -1. */
static double
wait_shown (Fixture *f,
            guint    n,
            guint    timeout_ms)
{
  gint64 start = g_get_monotonic_time ();
  gint64 end = start + timeout_ms * (gint64) 1000;
  guint ticker = g_timeout_add (10, tick, NULL);

  while ((shown (f) < n || rapport_nudger_is_sending (f->nudger)) &&
         g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (ticker);
  if (shown (f) < n || rapport_nudger_is_sending (f->nudger))
    return -1;
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* Started, it has planned once: nothing due, the timer armed for @wake_at. */
static void
start_nudger (Fixture *f,
              gint64   wake_at)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  guint ticker = g_timeout_add (10, tick, NULL);

  f->nudger = rapport_nudger_new (f->store, f->settings, G_ACTION_GROUP (f->actions),
                                  test_clock, f);
  while (rapport_nudger_get_wake_at (f->nudger) != wake_at && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (ticker);
  g_assert_cmpint (rapport_nudger_get_wake_at (f->nudger), ==, wake_at);
  g_assert_cmpuint (shown (f), ==, 0);
}

static void
assert_shown (Fixture    *f,
              guint       n,
              const char *title,
              const char *body)
{
  g_autofree char *summary = fake_notify_server_dup_summary (server, f->shown + n - 1);
  g_autofree char *text = fake_notify_server_dup_body (server, f->shown + n - 1);

  g_assert_cmpstr (summary, ==, title);
  g_assert_cmpstr (text, ==, body);
}

/* The main loop's heartbeat: a high-priority 10 ms timer, and the longest
 * wait between two of its beats. */
typedef struct
{
  guint  beats;
  gint64 last;
  gint64 longest;
} Probe;

static gboolean
beat (gpointer data)
{
  Probe *probe = data;
  gint64 t = g_get_monotonic_time ();

  probe->beats++;
  probe->longest = MAX (probe->longest, t - probe->last);
  probe->last = t;
  return G_SOURCE_CONTINUE;
}

/* A notification server that took the connection and stopped answering:
 * the process keeps running its main loop (the window would keep
 * drawing) while the call waits, and the reminder comes once the server
 * answers again.  libnotify's blocking call stalled it for 25 s. */
static void
test_hung_server (Fixture       *f,
                  gconstpointer  data)
{
  guint unanswered = fake_notify_server_count_unanswered (server);
  Probe probe = { 0, g_get_monotonic_time (), 0 };
  double waited;
  guint source;

  add_check_in (f, 1, now (f) - 600);
  fake_notify_server_set_hung (server, TRUE);

  source = g_timeout_add_full (G_PRIORITY_HIGH, 10, beat, &probe, NULL);
  f->nudger = rapport_nudger_new (f->store, f->settings, G_ACTION_GROUP (f->actions),
                                  test_clock, f);
  /* Longer than the nudger's call timeout: the call's whole life. */
  run_for (7000);
  g_source_remove (source);

  g_test_message ("while the server hung: %u beats of 10 ms in 7 s, longest wait %.1f ms",
                  probe.beats, probe.longest / 1000.0);
  g_assert_cmpuint (fake_notify_server_count_unanswered (server), >, unanswered);
  g_assert_cmpuint (shown (f), ==, 0);
  /* 700 on an idle machine; a loaded one still beats many times. */
  g_assert_cmpuint (probe.beats, >=, 100);
  g_assert_cmpint (probe.longest, <, G_USEC_PER_SEC);

  fake_notify_server_set_hung (server, FALSE);
  waited = wait_shown (f, 1, 60000);
  g_test_message ("shown %.0f ms after the server answered again", waited);
  g_assert_cmpfloat (waited, >=, 0);
  assert_shown (f, 1, "Keep in touch", "Ada Lovelace\nAsk how the new team settles in");

  /* Asked again, not twice. */
  run_for (500);
  g_assert_cmpuint (shown (f), ==, 1);
}

static void
on_attribute_changed (GFileMonitor      *monitor,
                      GFile             *file,
                      GFile             *other_file,
                      GFileMonitorEvent  event,
                      gpointer           user_data)
{
  if (event == G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED)
    *(gboolean *) user_data = TRUE;
}

/* A change to the book's files that is no write (SQLite as root gives
 * each file it opens back to its owner; a backup tool resets times) plans
 * nothing: the check-in that came due on the nudger's clock meanwhile
 * waits for the timer. */
static void
test_attributes_changed (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (wal);
  g_autoptr(GFileMonitor) monitor = NULL;
  g_autoptr(GError) error = NULL;
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  gboolean seen = FALSE;

  add_check_in (f, 1, now (f) + HOUR);
  start_nudger (f, now (f) + HOUR);
  f->now_us += 2 * HOUR * G_USEC_PER_SEC;

  monitor = g_file_monitor_file (file, G_FILE_MONITOR_NONE, NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (monitor, "changed", G_CALLBACK (on_attribute_changed), &seen);
  g_assert_cmpint (g_chmod (wal, 0600), ==, 0);
  while (!seen && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (seen);

  run_for (500);
  g_assert_cmpuint (shown (f), ==, 0);
}

/* Another process (`rapport --import`, the daily run on its worker
 * connection, a sync) moves a check-in into the past: the nudger, woken
 * by the book's files, shows it without a restart, reading only it. */
static void
test_moved_elsewhere (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(RapportStore) other = NULL;
  g_autoptr(GError) error = NULL;
  gint64 tomorrow = now (f) + 24 * HOUR;
  gint64 moved;
  double waited;

  moved = add_check_in (f, 1, tomorrow);
  add_check_in (f, 2, tomorrow + HOUR);
  start_nudger (f, tomorrow);

  other = rapport_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (rapport_follow_up_reschedule (other, moved, now (f) - HOUR, NULL, now (f),
                                               &error));
  g_assert_no_error (error);

  waited = wait_shown (f, 1, 10000);
  g_test_message ("shown %.0f ms after the other connection's commit", waited);
  g_assert_cmpfloat (waited, >=, 0);
  assert_shown (f, 1, "Keep in touch", "Ada Lovelace\nAsk how the new team settles in");
  g_assert_cmpint (rapport_nudger_get_wake_at (f->nudger), ==, tomorrow + HOUR);

  /* Another move of the same item, and one more into the past. */
  g_assert_true (rapport_follow_up_reschedule (other, moved, tomorrow + 2 * HOUR, NULL, now (f),
                                               &error));
  g_assert_true (rapport_follow_up_reschedule (other, moved, now (f) - 2 * HOUR, NULL, now (f),
                                               &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (wait_shown (f, 2, 10000), >=, 0);
  run_for (300);
  g_assert_cmpuint (shown (f), ==, 2);
}

/* Round trips on the nudger's own system bus connection (the process's
 * shared one): its subscriptions, sent before, are in place after. */
static void
sync_system_bus (void)
{
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  bus = g_bus_get_sync (G_BUS_TYPE_SYSTEM, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 2; i++)
    {
      g_clear_pointer (&reply, g_variant_unref);
      run_for (50);
      reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                           "org.freedesktop.DBus", "GetId", NULL, NULL,
                                           G_DBUS_CALL_FLAGS_NONE, 5000, NULL, &error);
      g_assert_no_error (error);
    }
}

/* The machine slept through a check-in's due time: its timer counts the
 * wall clock, but logind's word on resume plans at once. */
static void
test_resume (Fixture       *f,
             gconstpointer  data)
{
  gint64 due_at = now (f) + 2 * HOUR;
  double waited;

  add_check_in (f, 1, due_at);
  add_check_in (f, 2, now (f) + 24 * HOUR);
  start_nudger (f, due_at);
  sync_system_bus ();

  /* Three hours asleep: going to sleep is no time to remind. */
  f->now_us += 3 * HOUR * G_USEC_PER_SEC;
  fake_logind_prepare_for_sleep (logind, TRUE);
  run_for (300);
  g_assert_cmpuint (shown (f), ==, 0);

  fake_logind_prepare_for_sleep (logind, FALSE);
  waited = wait_shown (f, 1, 10000);
  g_test_message ("shown %.0f ms after PrepareForSleep (false)", waited);
  g_assert_cmpfloat (waited, >=, 0);
  g_assert_cmpfloat (waited, <, 5000);
  assert_shown (f, 1, "Keep in touch", "Ada Lovelace\nAsk how the new team settles in");
}

/* The wall clock is set forward past a due time, then back: what came due
 * shows at once, nothing repeats, and the timer follows the new clock.
 * The test cannot set the clock; it takes the path the timerfd's
 * cancellation (ECANCELED) takes. */
static void
test_clock_set (Fixture       *f,
                gconstpointer  data)
{
  gint64 due_at = now (f) + 2 * HOUR;
  gint64 later = now (f) + 24 * HOUR;
  double waited;

  add_check_in (f, 1, due_at);
  add_check_in (f, 2, later);
  start_nudger (f, due_at);

  f->now_us += 3 * HOUR * G_USEC_PER_SEC;
  _rapport_nudger_clock_was_set (f->nudger);
  waited = wait_shown (f, 1, 10000);
  g_test_message ("shown %.0f ms after the clock was set", waited);
  g_assert_cmpfloat (waited, >=, 0);
  g_assert_cmpfloat (waited, <, 5000);
  assert_shown (f, 1, "Keep in touch", "Ada Lovelace\nAsk how the new team settles in");
  g_assert_cmpint (rapport_nudger_get_wake_at (f->nudger), ==, later);

  /* Set back a day: the one shown is not shown again when its time comes
   * round, and the timer is armed for it, the first due on the new clock. */
  f->now_us -= 24 * HOUR * G_USEC_PER_SEC;
  _rapport_nudger_clock_was_set (f->nudger);
  run_for (300);
  g_assert_cmpuint (shown (f), ==, 1);
  g_assert_cmpint (rapport_nudger_get_wake_at (f->nudger), ==, due_at);
  f->now_us = (due_at + 1) * G_USEC_PER_SEC;
  rapport_nudger_replan (f->nudger);
  run_for (300);
  g_assert_cmpuint (shown (f), ==, 1);
  g_assert_cmpint (rapport_nudger_get_wake_at (f->nudger), ==, later);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  /* Before anything connects to a session or system bus. */
  logind = fake_logind_start ();
  server = fake_notify_server_start ();
  if (server == NULL || logind == NULL)
    g_error ("Cannot play the desktop's services (is dbus-daemon installed?)");

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/nudger-events/hung-server", test_hung_server);
  ADD ("/nudger-events/moved-elsewhere", test_moved_elsewhere);
  ADD ("/nudger-events/attributes-changed", test_attributes_changed);
  ADD ("/nudger-events/resume", test_resume);
  ADD ("/nudger-events/clock-set", test_clock_set);

#undef ADD

  status = g_test_run ();
  fake_logind_stop (logind);
  fake_notify_server_stop (server);
  return status;
}
