/* test-nudger.c: `rapport --background` reminds at the due second
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the built binary (its path is the first argument; the second is
 * the build tree's autostart entry) in the background, on a private
 * session bus where this test plays the notification server (or starts a
 * real dunst), and answers its notifications as a user would.  Each case
 * has fresh XDG folders, so a fresh book and settings.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "rapport-follow-ups.h"
#include "rapport-store.h"
#include "rapport-time.h"

#define APP_PATH "/io/github/rapportapp/Rapport"
#define SERVER_NAME "org.freedesktop.Notifications"
#define SERVER_PATH "/org/freedesktop/Notifications"

static char *rapport_bin;
static char *autostart_source;  /* the build tree's autostart entry */
static char *display;
static char *data_dirs;         /* the system's: icons, the MIME database */
static char *bus_address;       /* the private session bus of a test case */

typedef struct
{
  guint32  id;
  gint64   arrived;  /* wall clock, µs */
  char    *summary;
  char    *body;
  GStrv    actions;
} Note;

typedef struct
{
  GSubprocess     *bus;         /* a private dbus-daemon */
  GDBusConnection *connection;  /* the test's own, on the private bus */
  GSubprocess     *app;
  gboolean         app_exited;
  GSubprocess     *dunst;
  guint            registration;
  guint            owner;
  gboolean         server_named;
  GPtrArray       *notes;       /* what the server was asked to show */
} Fixture;

static const char server_xml[] =
  "<node>"
  "  <interface name='org.freedesktop.Notifications'>"
  "    <method name='GetCapabilities'><arg type='as' direction='out'/></method>"
  "    <method name='Notify'>"
  "      <arg type='s'/><arg type='u'/><arg type='s'/><arg type='s'/><arg type='s'/>"
  "      <arg type='as'/><arg type='a{sv}'/><arg type='i'/>"
  "      <arg type='u' direction='out'/>"
  "    </method>"
  "    <method name='CloseNotification'><arg type='u'/></method>"
  "    <method name='GetServerInformation'>"
  "      <arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "      <arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "    </method>"
  "    <signal name='NotificationClosed'><arg type='u'/><arg type='u'/></signal>"
  "    <signal name='ActionInvoked'><arg type='u'/><arg type='s'/></signal>"
  "  </interface>"
  "</node>";

static void
note_free (Note *note)
{
  g_free (note->summary);
  g_free (note->body);
  g_strfreev (note->actions);
  g_free (note);
}

/* Test plumbing: run the main loop until @done or @timeout_ms, waking
 * every 50 ms so conditions outside the loop (the database) are seen. */
typedef gboolean (*Condition) (Fixture *f, gconstpointer data);

static gboolean
tick (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static gboolean
run_until (Fixture       *f,
           Condition      done,
           gconstpointer  data,
           guint          timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + timeout_ms * (gint64) 1000;
  guint ticker = g_timeout_add (50, tick, NULL);
  gboolean ok;

  while (!(ok = done (f, data)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (ticker);
  return ok;
}

static void
emit (Fixture    *f,
      const char *signal,
      GVariant   *parameters)
{
  g_autoptr(GError) error = NULL;

  g_dbus_connection_emit_signal (f->connection, NULL, SERVER_PATH, SERVER_NAME, signal,
                                 parameters, &error);
  g_assert_no_error (error);
}

static void
server_method_call (GDBusConnection       *connection,
                    const char            *sender,
                    const char            *path,
                    const char            *interface,
                    const char            *method,
                    GVariant              *parameters,
                    GDBusMethodInvocation *invocation,
                    gpointer               user_data)
{
  Fixture *f = user_data;

  if (g_str_equal (method, "GetCapabilities"))
    {
      static const char *caps[] = { "actions", "body", "body-markup", NULL };

      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(^as)", caps));
    }
  else if (g_str_equal (method, "Notify"))
    {
      Note *note = g_new0 (Note, 1);

      note->arrived = g_get_real_time ();
      note->id = f->notes->len + 1;
      g_variant_get (parameters, "(&su&sss^as@a{sv}i)", NULL, NULL, NULL, &note->summary,
                     &note->body, &note->actions, NULL, NULL);
      g_ptr_array_add (f->notes, note);
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", note->id));
    }
  else if (g_str_equal (method, "CloseNotification"))
    {
      guint32 id;

      g_variant_get (parameters, "(u)", &id);
      g_dbus_method_invocation_return_value (invocation, NULL);
      emit (f, "NotificationClosed", g_variant_new ("(uu)", id, 3));
    }
  else
    {
      g_dbus_method_invocation_return_value (invocation,
                                             g_variant_new ("(ssss)", "test", "rapport",
                                                            "1", "1.2"));
    }
}

static const GDBusInterfaceVTable server_vtable = { server_method_call };

static void
on_server_name_acquired (GDBusConnection *connection,
                         const char      *name,
                         gpointer         user_data)
{
  ((Fixture *) user_data)->server_named = TRUE;
}

static gboolean
server_is_named (Fixture       *f,
                 gconstpointer  data)
{
  return f->server_named;
}

/* The test becomes the desktop's notification server. */
static void
start_server (Fixture *f)
{
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (server_xml, NULL);
  g_autoptr(GError) error = NULL;

  f->registration = g_dbus_connection_register_object (f->connection, SERVER_PATH,
                                                       info->interfaces[0], &server_vtable,
                                                       f, NULL, &error);
  g_assert_no_error (error);
  f->owner = g_bus_own_name_on_connection (f->connection, SERVER_NAME,
                                           G_BUS_NAME_OWNER_FLAGS_NONE,
                                           on_server_name_acquired, NULL, f, NULL);
  g_assert_true (run_until (f, server_is_named, NULL, 5000));
}

/* The children read their settings from a key file, which the test may
 * change while they run. */
static void
write_settings (const char *run_in_background)
{
  g_autofree char *dir = g_build_filename (g_get_user_config_dir (), "glib-2.0", "settings", NULL);
  g_autofree char *path = g_build_filename (dir, "keyfile", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  /* Reminders at any hour of any day, so the test passes at night too. */
  contents = g_strdup_printf ("[io/github/rapportapp/Rapport]\n"
                              "quiet-hours-enabled=false\n"
                              "working-days=['mon','tue','wed','thu','fri','sat','sun']\n"
                              "run-in-background=%s\n",
                              run_in_background);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

/* A child never outlives a failed test. */
static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

/* GTest isolates the folders of this process only; children are told. */
static void
isolate (GSubprocessLauncher *launcher)
{
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  g_subprocess_launcher_setenv (launcher, "HOME", g_get_home_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", g_get_user_config_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", g_get_user_cache_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_STATE_HOME", g_get_user_state_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_DIRS", data_dirs, TRUE);
  if (display != NULL)
    g_subprocess_launcher_setenv (launcher, "DISPLAY", display, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS", bus_address, TRUE);
}

/* Our own bus rather than GTestDBus, whose watcher and daemon outlive a
 * failed test and keep meson waiting; nothing on it starts on demand. */
static const char bus_config[] =
  "<busconfig>"
  "  <type>session</type>"
  "  <listen>unix:tmpdir=/tmp</listen>"
  "  <auth>EXTERNAL</auth>"
  "  <policy context='default'>"
  "    <allow send_destination='*' eavesdrop='true'/>"
  "    <allow eavesdrop='true'/>"
  "    <allow own='*'/>"
  "  </policy>"
  "</busconfig>";

static void
start_bus (Fixture *f)
{
  g_autofree char *config = g_build_filename (g_get_user_cache_dir (), "bus.conf", NULL);
  g_autofree char *config_arg = g_strconcat ("--config-file=", config, NULL);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  g_file_set_contents (config, bus_config, -1, &error);
  g_assert_no_error (error);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  f->bus = g_subprocess_launcher_spawn (launcher, &error, "dbus-daemon", config_arg, "--nofork",
                                        "--print-address=1", NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (f->bus));
  bus_address = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bus_address);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  if (display == NULL)
    {
      g_test_skip ("needs a display: run under build-aux/headless-run");
      return;
    }

  write_settings ("true");
  f->notes = g_ptr_array_new_with_free_func ((GDestroyNotify) note_free);
  start_bus (f);
  f->connection = g_dbus_connection_new_for_address_sync (bus_address,
                                                          G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                          G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                          NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
on_app_exited (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Fixture *f = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (object), result, NULL);
  f->app_exited = TRUE;
}

static gboolean
app_has_exited (Fixture       *f,
                gconstpointer  data)
{
  return f->app_exited;
}

static void
activate_app_action (Fixture    *f,
                     const char *action)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_sync (f->connection, "io.github.rapportapp.Rapport", APP_PATH,
                                       "org.gtk.Actions", "Activate",
                                       g_variant_new ("(sava{sv})", action, NULL, NULL),
                                       NULL, G_DBUS_CALL_FLAGS_NONE, 5000, NULL, &error);
  g_assert_no_error (error);
}

/* Quits the app the way its menu does, and checks it ended cleanly: no
 * warning (they are fatal in it), no crash. */
static void
stop_app (Fixture *f)
{
  if (f->app == NULL)
    return;

  if (!f->app_exited)
    activate_app_action (f, "quit");
  if (!run_until (f, app_has_exited, NULL, 10000))
    {
      g_subprocess_force_exit (f->app);
      g_assert_not_reached ();
    }
  g_assert_true (g_subprocess_get_if_exited (f->app));
  g_assert_cmpint (g_subprocess_get_exit_status (f->app), ==, 0);
  g_clear_object (&f->app);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->bus == NULL)
    return;

  stop_app (f);
  if (f->dunst != NULL)
    {
      g_subprocess_send_signal (f->dunst, SIGTERM);
      g_subprocess_wait (f->dunst, NULL, NULL);
      g_clear_object (&f->dunst);
    }
  g_clear_handle_id (&f->owner, g_bus_unown_name);
  if (f->registration != 0)
    g_dbus_connection_unregister_object (f->connection, f->registration);
  g_dbus_connection_close_sync (f->connection, NULL, NULL);
  g_clear_object (&f->connection);
  g_subprocess_send_signal (f->bus, SIGTERM);
  g_subprocess_wait (f->bus, NULL, NULL);
  g_clear_object (&f->bus);
  g_clear_pointer (&bus_address, g_free);
  g_clear_pointer (&f->notes, g_ptr_array_unref);
}

static GSubprocess *
spawn_rapport (const char *option)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  isolate (launcher);
  /* Its log goes to stderr: stdout is the test's TAP. */
  g_subprocess_launcher_take_stdout_fd (launcher, dup (STDERR_FILENO));
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "keyfile", TRUE);
  g_subprocess_launcher_setenv (launcher, "G_DEBUG", "fatal-warnings", TRUE);
  /* The private bus has no accessibility bus, which GTK would warn about. */
  g_subprocess_launcher_setenv (launcher, "GTK_A11Y", "none", TRUE);
  g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG", "rapport-nudger", TRUE);
  g_subprocess_launcher_setenv (launcher, "RAPPORT_AUTOSTART_FILE", autostart_source, TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, rapport_bin, option, NULL);
  g_assert_no_error (error);
  return process;
}

/* Started up: the reminders' actions are on the bus, so the nudger and
 * its settings exist. */
static gboolean
app_is_ready (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GVariant) reply = NULL;
  g_autofree const char **actions = NULL;

  reply = g_dbus_connection_call_sync (f->connection, "io.github.rapportapp.Rapport", APP_PATH,
                                       "org.gtk.Actions", "List", NULL,
                                       G_VARIANT_TYPE ("(as)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                       NULL, NULL);
  if (reply == NULL)
    return FALSE;
  g_variant_get (reply, "(^a&s)", &actions);
  return g_strv_contains (actions, "follow-up-done");
}

static void
start_background (Fixture *f)
{
  f->app = spawn_rapport ("--background");
  f->app_exited = FALSE;
  g_subprocess_wait_async (f->app, NULL, on_app_exited, f);
  g_assert_true (run_until (f, app_is_ready, NULL, 10000));
}

static char *
book_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "rapport", "rapport.db", NULL);
}

/* A customer with one check-in due at @due_at; returns the follow-up's id. */
static gint64
add_check_in (const char *customer,
              gint64      due_at)
{
  g_autofree char *path = book_path ();
  g_autoptr(RapportStore) store = NULL;
  g_autoptr(RapportStmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  store = rapport_store_open (path, &error);
  g_assert_no_error (error);
  stmt = rapport_store_prepare (store,
                                "INSERT INTO customer (name, created_at, updated_at)"
                                " VALUES (?, '2026-01-05T10:00:00Z', '2026-01-05T10:00:00Z')",
                                &error);
  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, customer, -1, SQLITE_TRANSIENT);
  g_assert_true (rapport_store_step_done (store, stmt, &error));

  id = rapport_follow_up_add (store, sqlite3_last_insert_rowid (rapport_store_get_db (store)),
                              "keep_in_touch", due_at, "Ask how the new team settles in",
                              NULL, rapport_time_now (), &error);
  g_assert_no_error (error);
  return id;
}

static char *
follow_up_state (gint64 id)
{
  g_autofree char *path = book_path ();
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *state = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 2000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT state FROM follow_up WHERE id = ?",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    state = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return state;
}

static gboolean
has_notes (Fixture       *f,
           gconstpointer  data)
{
  return f->notes->len >= GPOINTER_TO_UINT (data);
}

static gboolean
is_done (Fixture       *f,
         gconstpointer  data)
{
  g_autofree char *state = follow_up_state (*(const gint64 *) data);

  return g_strcmp0 (state, "done") == 0;
}

/* A whole second a few seconds ahead: time for the app to start and arm. */
static gint64
due_soon (void)
{
  return g_get_real_time () / G_USEC_PER_SEC + 4;
}

static void
test_due_then_done (Fixture       *f,
                    gconstpointer  data)
{
  gint64 due_at = due_soon ();
  gint64 id = add_check_in ("<b>Bob & Co</b>", due_at);
  double latency_ms;
  Note *note;

  start_server (f);
  start_background (f);
  g_assert_cmpint (g_get_real_time (), <, due_at * G_USEC_PER_SEC);

  g_assert_true (run_until (f, has_notes, GUINT_TO_POINTER (1), 10000));
  note = g_ptr_array_index (f->notes, 0);
  latency_ms = (note->arrived - due_at * G_USEC_PER_SEC) / 1000.0;
  g_test_message ("notification latency: %.1f ms after the due time", latency_ms);
  g_assert_cmpfloat (latency_ms, >=, 0);
  g_assert_cmpfloat (latency_ms, <, 1000);

  g_assert_cmpstr (note->summary, ==, "Keep in touch");
  g_assert_cmpstr (note->body, ==,
                   "&lt;b&gt;Bob &amp; Co&lt;/b&gt;\nAsk how the new team settles in");
  g_assert_true (g_strv_contains ((const char * const *) note->actions, "done"));
  g_assert_true (g_strv_contains ((const char * const *) note->actions, "snooze"));
  g_assert_true (g_strv_contains ((const char * const *) note->actions, "open"));

  /* The user clicks Done; the server then closes the notification. */
  emit (f, "ActionInvoked", g_variant_new ("(us)", note->id, "done"));
  emit (f, "NotificationClosed", g_variant_new ("(uu)", note->id, 2));
  g_assert_true (run_until (f, is_done, &id, 5000));

  /* Nothing more to say: no repeat of the answered reminder. */
  run_until (f, has_notes, GUINT_TO_POINTER (2), 1500);
  g_assert_cmpuint (f->notes->len, ==, 1);
}

static gboolean
never (Fixture       *f,
       gconstpointer  data)
{
  return FALSE;
}

/* Logging out ends a background Rapport with SIGTERM, perhaps just after
 * a click on Done: it quits as Quit does, so the answer lands, the book
 * closes cleanly (nothing left in its WAL) and the exit status is 0. */
static void
test_terminated (Fixture       *f,
                 gconstpointer  data)
{
  gint64 id = add_check_in ("Ada", g_get_real_time () / G_USEC_PER_SEC - 3600);
  g_autofree char *path = book_path ();
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  sqlite3 *lock = NULL;
  GStatBuf st;
  Note *note;

  start_server (f);
  start_background (f);
  g_assert_true (run_until (f, has_notes, GUINT_TO_POINTER (1), 10000));
  note = g_ptr_array_index (f->notes, 0);
  g_assert_true (g_strv_contains ((const char * const *) note->actions, "done"));

  /* Another program holds the book a moment: the Done waits its turn. */
  g_assert_cmpint (sqlite3_open (path, &lock), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (lock, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  emit (f, "ActionInvoked", g_variant_new ("(us)", note->id, "done"));
  run_until (f, never, NULL, 300);

  g_subprocess_send_signal (f->app, SIGTERM);
  run_until (f, never, NULL, 300);
  g_assert_false (f->app_exited);

  g_assert_cmpint (sqlite3_exec (lock, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (lock);
  g_assert_true (run_until (f, app_has_exited, NULL, 10000));
  g_assert_true (g_subprocess_get_if_exited (f->app));
  g_assert_cmpint (g_subprocess_get_exit_status (f->app), ==, 0);
  g_clear_object (&f->app);

  g_assert_true (g_stat (wal, &st) != 0 || st.st_size == 0);
  g_assert_true (is_done (f, &id));
}

/* A check-in added by another process (`rapport --import`, say) while
 * the nudger sleeps still comes at its second. */
static void
test_added_elsewhere (Fixture       *f,
                      gconstpointer  data)
{
  gint64 due_at;
  double latency_ms;
  Note *note;

  start_server (f);
  start_background (f);
  due_at = due_soon ();
  add_check_in ("Ada Lovelace", due_at);

  g_assert_true (run_until (f, has_notes, GUINT_TO_POINTER (1), 10000));
  note = g_ptr_array_index (f->notes, 0);
  latency_ms = (note->arrived - due_at * G_USEC_PER_SEC) / 1000.0;
  g_test_message ("notification latency: %.1f ms after the due time", latency_ms);
  g_assert_cmpfloat (latency_ms, >=, 0);
  g_assert_cmpfloat (latency_ms, <, 1000);
}

/* Another process (a second `rapport --import`, the daily run on its
 * worker connection, a sync) moves a check-in into the past while the
 * nudger sleeps: it is shown at once, not at the next start. */
static void
test_moved_elsewhere (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *path = book_path ();
  g_autoptr(RapportStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 id = add_check_in ("Ada Lovelace", now + 2 * RAPPORT_SECONDS_PER_DAY);
  gint64 moved_at;
  Note *note;

  start_server (f);
  start_background (f);
  run_until (f, has_notes, GUINT_TO_POINTER (1), 1000);
  g_assert_cmpuint (f->notes->len, ==, 0);

  store = rapport_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (rapport_follow_up_reschedule (store, id, now - 3600, NULL, now, &error));
  g_assert_no_error (error);
  moved_at = g_get_real_time ();

  g_assert_true (run_until (f, has_notes, GUINT_TO_POINTER (1), 10000));
  note = g_ptr_array_index (f->notes, 0);
  g_test_message ("shown %.1f ms after the other process's commit",
                  (note->arrived - moved_at) / 1000.0);
  g_assert_cmpstr (note->summary, ==, "Keep in touch");
  g_assert_cmpstr (note->body, ==, "Ada Lovelace\nAsk how the new team settles in");
}

/* Started with three check-ins long overdue: one summary, not three. */
static void
test_overdue_summary (Fixture       *f,
                      gconstpointer  data)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 ids[3];
  Note *note;

  ids[0] = add_check_in ("Ada Lovelace", now - 3 * RAPPORT_SECONDS_PER_DAY);
  ids[1] = add_check_in ("Charles Babbage", now - 2 * RAPPORT_SECONDS_PER_DAY);
  ids[2] = add_check_in ("Grace Hopper", now - 3600);

  start_server (f);
  start_background (f);
  g_assert_true (run_until (f, has_notes, GUINT_TO_POINTER (1), 5000));
  run_until (f, has_notes, GUINT_TO_POINTER (2), 1500);
  g_assert_cmpuint (f->notes->len, ==, 1);

  note = g_ptr_array_index (f->notes, 0);
  g_assert_cmpstr (note->summary, ==, "3 missed check-ins");
  g_assert_cmpstr (note->body, ==,
                   "Ada Lovelace — Keep in touch\n"
                   "Charles Babbage — Keep in touch\n"
                   "Grace Hopper — Keep in touch");

  /* Done on a summary answers all of it. */
  emit (f, "ActionInvoked", g_variant_new ("(us)", note->id, "done"));
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    g_assert_true (run_until (f, is_done, &ids[i], 5000));
}

static gboolean
window_is_exported (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GVariant) reply = NULL;

  reply = g_dbus_connection_call_sync (f->connection, "io.github.rapportapp.Rapport",
                                       APP_PATH "/window/1", "org.gtk.Actions", "List", NULL,
                                       G_VARIANT_TYPE ("(as)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                       NULL, NULL);
  return reply != NULL;
}

static gint64
snoozed_until (gint64 id)
{
  g_autofree char *path = book_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStore) store = rapport_store_open (path, &error);
  g_autoptr(RapportStmt) stmt = NULL;
  gint64 until = 0;

  g_assert_no_error (error);
  stmt = rapport_store_prepare (store,
                                "SELECT snoozed_until FROM follow_up WHERE id = ? AND state = 'snoozed'",
                                &error);
  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    g_assert_true (rapport_time_parse_utc ((const char *) sqlite3_column_text (stmt, 0), &until));
  return until;
}

static gboolean
is_snoozed (Fixture       *f,
            gconstpointer  data)
{
  return snoozed_until (*(const gint64 *) data) != 0;
}

/* Open brings the window up on the customer; Snooze (an hour, the
 * default) puts the check-in off. */
static void
test_open_then_snooze (Fixture       *f,
                       gconstpointer  data)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 id = add_check_in ("Ada Lovelace", now - 600);
  gint64 until;
  Note *note;

  start_server (f);
  start_background (f);
  g_assert_true (run_until (f, has_notes, GUINT_TO_POINTER (1), 5000));
  note = g_ptr_array_index (f->notes, 0);
  g_assert_cmpstr (note->summary, ==, "Keep in touch");

  g_assert_false (window_is_exported (f, NULL));
  emit (f, "ActionInvoked", g_variant_new ("(us)", note->id, "open"));
  g_assert_true (run_until (f, window_is_exported, NULL, 5000));

  emit (f, "ActionInvoked", g_variant_new ("(us)", note->id, "snooze"));
  g_assert_true (run_until (f, is_snoozed, &id, 5000));
  until = snoozed_until (id);
  g_assert_cmpint (until, >=, now + 3600);
  g_assert_cmpint (until, <=, g_get_real_time () / G_USEC_PER_SEC + 3600);
}

/* No notification server: the app keeps running and the item stays due;
 * once a server appears, the reminder comes. */
static void
test_no_server (Fixture       *f,
                gconstpointer  data)
{
  gint64 due_at = due_soon ();
  gint64 id = add_check_in ("Ada Lovelace", due_at);
  g_autofree char *state = NULL;

  start_background (f);
  run_until (f, app_has_exited, NULL, (due_at + 2) * 1000 - g_get_real_time () / 1000);
  g_assert_false (f->app_exited);
  state = follow_up_state (id);
  g_assert_cmpstr (state, ==, "due");

  start_server (f);
  g_assert_true (run_until (f, has_notes, GUINT_TO_POINTER (1), 5000));
  g_assert_cmpstr (((Note *) g_ptr_array_index (f->notes, 0))->summary, ==, "Keep in touch");
}

/* `rapport` while `rapport --background` runs opens the window in the
 * running process and exits. */
static void
test_second_launch (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GSubprocess) second = NULL;
  g_autoptr(GError) error = NULL;

  start_background (f);
  g_assert_false (window_is_exported (f, NULL));

  second = spawn_rapport (NULL);
  g_assert_true (g_subprocess_wait_check (second, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (run_until (f, window_is_exported, NULL, 5000));
  g_assert_false (f->app_exited);
}

/* `rapport --background` needs no display: it reminds, and acts on the
 * answers, where there is none (GTK starts with the first window). */
static void
test_no_display (Fixture       *f,
                 gconstpointer  data)
{
  gint64 due_at = due_soon ();
  gint64 id = add_check_in ("Ada Lovelace", due_at);
  g_autofree char *saved = g_steal_pointer (&display);
  Note *note;

  start_server (f);
  start_background (f);
  display = g_steal_pointer (&saved);

  g_assert_true (run_until (f, has_notes, GUINT_TO_POINTER (1), 10000));
  note = g_ptr_array_index (f->notes, 0);
  g_assert_cmpstr (note->summary, ==, "Keep in touch");
  emit (f, "ActionInvoked", g_variant_new ("(us)", note->id, "done"));
  g_assert_true (run_until (f, is_done, &id, 5000));
  g_assert_false (f->app_exited);
}

static char *
dunstctl (const char *command,
          const char *argument)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  char *out = NULL;

  isolate (launcher);
  process = g_subprocess_launcher_spawn (launcher, &error, "dunstctl", command, argument, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (process));
  return out;
}

static gboolean
dunst_shows_one (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *count = dunstctl ("count", "displayed");

  return g_strcmp0 (g_strstrip (count), "1") == 0;
}

static gboolean
dunst_is_named (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GVariant) reply = NULL;

  reply = g_dbus_connection_call_sync (f->connection, "org.freedesktop.DBus",
                                       "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                       "GetNameOwner", g_variant_new ("(s)", SERVER_NAME),
                                       NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  return reply != NULL;
}

static void
start_dunst (Fixture *f)
{
  g_autofree char *config = g_build_filename (g_get_user_config_dir (), "dunstrc", NULL);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;

  g_file_set_contents (config,
                       "[global]\n  follow = none\n  idle_threshold = 0\n"
                       "[urgency_normal]\n  timeout = 0\n",
                       -1, &error);
  g_assert_no_error (error);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                       G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  isolate (launcher);
  f->dunst = g_subprocess_launcher_spawn (launcher, &error, "dunst", "-config", config, NULL);
  g_assert_no_error (error);
  g_assert_true (run_until (f, dunst_is_named, NULL, 5000));
}

/* The "message" dunst made of our notification: Pango markup, as drawn.
 * Asked over D-Bus: `dunstctl history` needs systemd's busctl, which a
 * minimal system (a CI container) lacks. */
static char *
dunst_message (Fixture *f)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) history = NULL;
  g_autoptr(GVariant) entry = NULL;
  g_autoptr(GError) error = NULL;
  char *message = NULL;

  reply = g_dbus_connection_call_sync (f->connection, SERVER_NAME, SERVER_PATH,
                                       "org.dunstproject.cmd0", "NotificationListHistory",
                                       NULL, G_VARIANT_TYPE ("(aa{sv})"),
                                       G_DBUS_CALL_FLAGS_NONE, 5000, NULL, &error);
  g_assert_no_error (error);
  history = g_variant_get_child_value (reply, 0);
  g_assert_cmpuint (g_variant_n_children (history), >=, 1);
  entry = g_variant_get_child_value (history, 0);
  g_assert_true (g_variant_lookup (entry, "message", "s", &message));
  return message;
}

/* A real server draws a customer named like markup as text, and its
 * click opens the window. */
static void
test_dunst_shows_text (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *message = NULL;
  g_autofree char *drawn = NULL;
  g_autofree char *dunst = g_find_program_in_path ("dunst");
  g_autofree char *ctl = g_find_program_in_path ("dunstctl");
  g_autoptr(GError) error = NULL;
  gint64 due_at;

  if (dunst == NULL || ctl == NULL)
    {
      g_test_skip ("dunst is not installed");
      return;
    }

  start_dunst (f);
  due_at = due_soon ();
  add_check_in ("<b>Bob & Co</b>", due_at);
  start_background (f);
  g_assert_true (run_until (f, dunst_shows_one, NULL, 10000));
  g_test_message ("dunst shows it %.1f ms after the due time",
                  (g_get_real_time () - due_at * G_USEC_PER_SEC) / 1000.0);

  /* A click on it (dunst's default action) opens the window. */
  g_free (dunstctl ("action", "0"));
  g_assert_true (run_until (f, window_is_exported, NULL, 5000));

  g_free (dunstctl ("close-all", NULL));
  message = dunst_message (f);
  g_assert_true (pango_parse_markup (message, -1, 0, NULL, &drawn, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (drawn, ==, "Keep in touch\n<b>Bob & Co</b>\nAsk how the new team settles in");
}

static gboolean
autostart_is (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_get_user_config_dir (), "autostart",
                                            "io.github.rapportapp.Rapport-autostart.desktop",
                                            NULL);

  return g_file_test (path, G_FILE_TEST_EXISTS) == GPOINTER_TO_INT (data);
}

/* "Remind Me When Rapport Is Closed" starts Rapport at login, or stops. */
static void
test_autostart (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_get_user_config_dir (), "autostart",
                                            "io.github.rapportapp.Rapport-autostart.desktop",
                                            NULL);
  g_autofree char *installed = NULL;
  g_autofree char *source = NULL;
  g_autoptr(GError) error = NULL;

  write_settings ("false");
  start_background (f);
  g_assert_true (autostart_is (f, GINT_TO_POINTER (FALSE)));

  write_settings ("true");
  g_assert_true (run_until (f, autostart_is, GINT_TO_POINTER (TRUE), 5000));
  g_file_get_contents (path, &installed, NULL, &error);
  g_assert_no_error (error);
  g_file_get_contents (autostart_source, &source, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (installed, ==, source);
  g_assert_nonnull (strstr (installed, "Exec=rapport --background"));

  write_settings ("false");
  g_assert_true (run_until (f, autostart_is, GINT_TO_POINTER (FALSE), 5000));
  g_assert_false (f->app_exited);
}

int
main (int   argc,
      char *argv[])
{
  data_dirs = g_strdup (g_getenv ("XDG_DATA_DIRS") != NULL ? g_getenv ("XDG_DATA_DIRS")
                                                           : "/usr/local/share:/usr/share");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  if (argc < 3)
    g_error ("usage: %s PATH-TO-RAPPORT PATH-TO-AUTOSTART-DESKTOP-FILE", argv[0]);
  rapport_bin = argv[1];
  autostart_source = argv[2];
  display = g_strdup (g_getenv ("DISPLAY"));

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/nudger/due-then-done", test_due_then_done);
  ADD ("/nudger/terminated", test_terminated);
  ADD ("/nudger/added-elsewhere", test_added_elsewhere);
  ADD ("/nudger/moved-elsewhere", test_moved_elsewhere);
  ADD ("/nudger/overdue-summary", test_overdue_summary);
  ADD ("/nudger/open-then-snooze", test_open_then_snooze);
  ADD ("/nudger/no-server", test_no_server);
  ADD ("/nudger/second-launch", test_second_launch);
  ADD ("/nudger/no-display", test_no_display);
  ADD ("/nudger/dunst-shows-text", test_dunst_shows_text);
  ADD ("/nudger/autostart", test_autostart);

#undef ADD

  return g_test_run ();
}
