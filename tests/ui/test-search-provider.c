/* test-search-provider.c: customers in the desktop's search, over D-Bus
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the application on the session bus of the headless runner under
 * its own name, as the desktop starts it, and plays GNOME Shell with
 * `gdbus call` in another process: org.gnome.Shell.SearchProvider2's
 * searches, the results' metas, a result activated and "more results".
 * Then, as on a desktop where Rapport is not running: a search on a bus
 * of the test's own starts the built binary by D-Bus activation, through
 * the service file the build installs.
 *
 *   test-search-provider PATH-TO-RAPPORT PATH-TO-BUILT-SERVICE-FILE
 */

#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include "rapport-follow-ups.h"
#include "rapport-time.h"
#include "rapport-ui-test.h"

#define PROVIDER_PATH "/io/github/rapportapp/Rapport/SearchProvider"
#define PROVIDER_IFACE "org.gnome.Shell.SearchProvider2"

static const char *rapport_bin;
static const char *service_source;  /* the build's D-Bus service file */
static RapportWindow *window;
static gint64 fischer_id, moreau_id, notes_id, syntax_id;

static gint64
add_customer (RapportStore *store,
              const char   *name,
              const char   *company,
              const char   *email,
              const char   *notes)
{
  g_autoptr(RapportCustomer) customer = rapport_customer_new ();
  g_autoptr(GError) error = NULL;

  rapport_customer_set_name (customer, name);
  rapport_customer_set_company (customer, company);
  rapport_customer_set_email (customer, email);
  rapport_customer_set_notes (customer, notes);
  g_assert_true (rapport_customer_save (customer, store, &error));
  g_assert_no_error (error);
  return rapport_customer_get_id (customer);
}

static void
seed_book (RapportStore *store)
{
  g_autoptr(GError) error = NULL;
  gint64 now = rapport_time_now ();

  fischer_id = add_customer (store, "Elena Fischer", "Harbor Tools", "elena@harbor.example", NULL);
  moreau_id = add_customer (store, "Élena Moreau", NULL, "em@summit.example", NULL);
  /* Only the notes mention her: the desktop's search does not show notes. */
  notes_id = add_customer (store, "Bruno Bauer", "Summit", NULL, "met Elena's cousin");
  syntax_id = add_customer (store, "Quinn \"NEAR\" OR", "Star* Corp", NULL, NULL);

  g_assert_cmpint (rapport_follow_up_add (store, fischer_id, "keep_in_touch",
                                          now + 3 * RAPPORT_SECONDS_PER_DAY, NULL, NULL, now,
                                          &error), >, 0);
  g_assert_no_error (error);
}

/* `gdbus call` runs in another process while this one's main loop
 * answers it. */
typedef struct
{
  gboolean  done;
  char     *out;
  char     *err;
  gboolean  ok;
} Call;

static void
on_communicated (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Call *call = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result, &call->out, &call->err, &error);
  g_assert_no_error (error);
  call->ok = g_subprocess_get_successful (G_SUBPROCESS (object));
  call->done = TRUE;
}

static gboolean
call_done (gpointer data)
{
  return ((Call *) data)->done;
}

/* Calls @method with @args (GVariant text, one per argument) and returns
 * the reply as a variant; fails the test on a D-Bus error. */
static GVariant *
gdbus_call (const char *method,
            ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *full = g_strconcat (PROVIDER_IFACE ".", method, NULL);
  Call call = { 0 };
  const char *arg;
  va_list args;

  for (const char *const *a = (const char *[]) { "gdbus", "call", "--session", "--dest", APP_ID,
                                                 "--object-path", PROVIDER_PATH, "--method", NULL };
       *a != NULL; a++)
    g_ptr_array_add (argv, g_strdup (*a));
  g_ptr_array_add (argv, g_strdup (full));
  va_start (args, method);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, on_communicated, &call);
  rapport_ui_test_wait_until (call_done, &call);

  if (!call.ok)
    g_error ("gdbus call %s failed: %s", method, call.err);
  reply = g_variant_parse (NULL, call.out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_free (call.out);
  g_free (call.err);
  return g_steal_pointer (&reply);
}

/* The ids a search answered, as customers' ids. */
static GArray *
search (const char *method,
        ...)
{
  g_autoptr(GVariant) reply = NULL;
  g_autofree const char **ids = NULL;
  GArray *found = g_array_new (FALSE, FALSE, sizeof (gint64));
  const char *args[3] = { NULL };
  va_list ap;

  va_start (ap, method);
  for (guint i = 0; i < 2; i++)
    args[i] = va_arg (ap, const char *);
  va_end (ap);

  reply = gdbus_call (method, args[0], args[1], NULL);
  g_assert_true (g_variant_is_of_type (reply, G_VARIANT_TYPE ("(as)")));
  g_variant_get (reply, "(^a&s)", &ids);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      gint64 id = g_ascii_strtoll (ids[i], NULL, 10);

      g_assert_cmpint (id, >, 0);
      g_array_append_val (found, id);
    }
  return found;
}

static gboolean
contains (GArray *ids,
          gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

static char *
id_list (gint64 a,
         gint64 b)
{
  return g_strdup_printf ("['%" G_GINT64_FORMAT "', '%" G_GINT64_FORMAT "']", a, b);
}

static void
check_searches (void)
{
  g_autoptr(GArray) initial = search ("GetInitialResultSet", "['ele']", NULL);
  g_autoptr(GArray) narrowed = NULL;
  g_autoptr(GArray) by_email = NULL;
  g_autoptr(GArray) by_company = NULL;
  g_autofree char *previous = id_list (fischer_id, moreau_id);

  /* Names with or without accents; notes are not searched. */
  g_assert_cmpuint (initial->len, ==, 2);
  g_assert_true (contains (initial, fischer_id));
  g_assert_true (contains (initial, moreau_id));
  g_assert_false (contains (initial, notes_id));

  narrowed = search ("GetSubsearchResultSet", previous, "['ele', 'fi']");
  g_assert_cmpuint (narrowed->len, ==, 1);
  g_assert_cmpint (g_array_index (narrowed, gint64, 0), ==, fischer_id);

  by_email = search ("GetInitialResultSet", "['summit.example']", NULL);
  g_assert_cmpuint (by_email->len, ==, 1);
  g_assert_cmpint (g_array_index (by_email, gint64, 0), ==, moreau_id);

  by_company = search ("GetInitialResultSet", "['harbor']", NULL);
  g_assert_cmpuint (by_company->len, ==, 1);
  g_assert_cmpint (g_array_index (by_company, gint64, 0), ==, fischer_id);
}

/* FTS5 syntax is searched for as words, never obeyed, and never an error. */
static void
check_bad_input (void)
{
  g_autoptr(GArray) near = search ("GetInitialResultSet", "['\"NEAR\"', 'OR']", NULL);
  g_autoptr(GArray) star = search ("GetInitialResultSet", "['star*']", NULL);
  g_autoptr(GArray) column = search ("GetInitialResultSet", "['notes:elena']", NULL);
  g_autoptr(GArray) nothing = search ("GetInitialResultSet", "['*', '\"', '(']", NULL);
  g_autoptr(GArray) letter = search ("GetInitialResultSet", "['e']", NULL);
  g_autoptr(GArray) huge = NULL;
  g_autoptr(GString) text = g_string_new ("['");
  g_autoptr(GVariant) metas = NULL;
  g_autoptr(GVariant) no_metas = NULL;

  g_assert_cmpuint (near->len, ==, 1);
  g_assert_cmpint (g_array_index (near, gint64, 0), ==, syntax_id);
  g_assert_cmpuint (star->len, ==, 1);
  g_assert_cmpint (g_array_index (star, gint64, 0), ==, syntax_id);
  /* Not a column filter reaching into the notes. */
  g_assert_false (contains (column, notes_id));
  g_assert_cmpuint (nothing->len, ==, 0);
  /* A single letter would list half the book: nothing yet. */
  g_assert_cmpuint (letter->len, ==, 0);

  /* 10,000 characters pasted: quietly the matches of the first words. */
  while (text->len < 10000)
    g_string_append (text, "elena OR NEAR(\"fischer\" ");
  g_string_append (text, "']");
  huge = search ("GetInitialResultSet", text->str, NULL);
  g_assert_true (huge->len <= 1);
  if (huge->len == 1)
    g_assert_cmpint (g_array_index (huge, gint64, 0), ==, fischer_id);

  /* Ids that are not customers' are no results. */
  metas = gdbus_call ("GetResultMetas", "['x', '-1', '0', '99999999', '1; DROP TABLE customer']", NULL);
  no_metas = g_variant_get_child_value (metas, 0);
  g_assert_cmpuint (g_variant_n_children (no_metas), ==, 0);
}

static const char *
lookup_string (GVariant   *meta,
               const char *key)
{
  const char *value = NULL;

  g_assert_true (g_variant_lookup (meta, key, "&s", &value));
  return value;
}

static void
check_metas (void)
{
  g_autofree char *ids = id_list (fischer_id, moreau_id);
  g_autoptr(GVariant) reply = gdbus_call ("GetResultMetas", ids, NULL);
  g_autoptr(GVariant) metas = g_variant_get_child_value (reply, 0);
  g_autoptr(GVariant) fischer = g_variant_get_child_value (metas, 0);
  g_autoptr(GVariant) moreau = g_variant_get_child_value (metas, 1);
  g_autofree char *fischer_text = g_strdup_printf ("%" G_GINT64_FORMAT, fischer_id);
  g_autoptr(GIcon) icon = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (g_variant_n_children (metas), ==, 2);
  g_assert_cmpstr (lookup_string (fischer, "id"), ==, fischer_text);
  g_assert_cmpstr (lookup_string (fischer, "name"), ==, "Elena Fischer");
  g_assert_nonnull (strstr (lookup_string (fischer, "description"), "Harbor Tools"));
  g_assert_nonnull (strstr (lookup_string (fischer, "description"), "Next check-in"));
  g_assert_cmpstr (lookup_string (moreau, "name"), ==, "Élena Moreau");
  g_assert_cmpstr (lookup_string (moreau, "description"), ==, "No check-in");

  icon = g_icon_new_for_string (lookup_string (fischer, "gicon"), &error);
  g_assert_no_error (error);
}

static gboolean
shows_fischer (gpointer data)
{
  RapportCustomer *selected =
    rapport_customers_page_get_selected (rapport_window_get_customers_page (window));

  return g_strcmp0 (rapport_window_get_view (window), "customers") == 0 &&
         selected != NULL && rapport_customer_get_id (selected) == fischer_id;
}

static gboolean
shows_moreau (gpointer data)
{
  RapportCustomer *selected =
    rapport_customers_page_get_selected (rapport_window_get_customers_page (window));

  return selected != NULL && rapport_customer_get_id (selected) == moreau_id;
}

static gboolean
lists_only_fischer (gpointer data)
{
  RapportCustomerList *list = rapport_customers_page_get_list (rapport_window_get_customers_page (window));
  g_autoptr(RapportCustomer) first = g_list_model_get_item (G_LIST_MODEL (list), 0);

  return !rapport_customer_list_get_loading (list) &&
         g_list_model_get_n_items (G_LIST_MODEL (list)) == 1 &&
         rapport_customer_get_id (first) == fischer_id;
}

/* The list's search, not one in a drop-down's popover in the detail. */
static GtkWidget *
visible_search_entry (void)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();

  rapport_ui_test_collect (GTK_WIDGET (rapport_window_get_customers_page (window)),
                           GTK_TYPE_SEARCH_ENTRY, entries);
  for (guint i = 0; i < entries->len; i++)
    if (gtk_widget_get_mapped (g_ptr_array_index (entries, i)))
      return g_ptr_array_index (entries, i);
  g_assert_not_reached ();
}

static void
check_activation (void)
{
  g_autofree char *id = g_strdup_printf ("'%" G_GINT64_FORMAT "'", fischer_id);
  g_autofree char *moreau = g_strdup_printf ("'%" G_GINT64_FORMAT "'", moreau_id);
  g_autoptr(GVariant) activated = NULL;
  g_autoptr(GVariant) moreau_activated = NULL;
  g_autoptr(GVariant) activated_again = NULL;
  g_autoptr(GVariant) launched = NULL;
  g_autoptr(GVariant) ignored = NULL;
  GtkWidget *entry;

  /* From another view, as the user left it. */
  rapport_window_set_view (window, "follow-ups");
  activated = gdbus_call ("ActivateResult", id, "['ele']", "0", NULL);
  rapport_ui_test_wait_until (shows_fischer, NULL);

  /* The window's search, left from before, does not hide her. */
  rapport_customers_page_search (rapport_window_get_customers_page (window), "harbor");
  rapport_ui_test_wait_until (lists_only_fischer, NULL);
  moreau_activated = gdbus_call ("ActivateResult", moreau, "['ele']", "0", NULL);
  rapport_ui_test_wait_until (shows_moreau, NULL);
  activated_again = gdbus_call ("ActivateResult", id, "['ele']", "0", NULL);
  rapport_ui_test_wait_until (shows_fischer, NULL);

  /* Something that is not a customer opens nothing, and says nothing. */
  ignored = gdbus_call ("ActivateResult", "'; rm -rf'", "['x']", "0", NULL);
  g_assert_true (shows_fischer (NULL));

  /* "More results": the window's search, filled in. */
  rapport_window_set_view (window, "referrals");
  launched = gdbus_call ("LaunchSearch", "['harbor', 'to']", "0", NULL);
  g_assert_cmpstr (rapport_window_get_view (window), ==, "customers");
  entry = visible_search_entry ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "harbor to");
  rapport_ui_test_wait_until (lists_only_fischer, NULL);
}

static void
check_provider (RapportStore *store)
{
  check_searches ();
  check_bad_input ();
  check_metas ();
  check_activation ();
}

static gboolean
run_check (gpointer data)
{
  window = RAPPORT_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (rapport_ui_test_app)));
  check_provider (NULL);
  g_application_quit (G_APPLICATION (rapport_ui_test_app));
  return G_SOURCE_REMOVE;
}

static void
on_activate (GApplication *app)
{
  g_idle_add (run_check, NULL);
}

/* As rapport_ui_test_run_app (), but unique: the app owns its bus name,
 * where the desktop's search finds it. */
static void
test_search_provider (void)
{
  g_autoptr(RapportApplication) app = rapport_application_new ();
  g_autofree char *path = rapport_store_default_path ();
  g_autoptr(RapportStore) store = rapport_store_open (path, NULL);

  seed_book (store);
  rapport_ui_test_app = app;
  rapport_ui_test_restore_data_dirs ();
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate), NULL);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 0, NULL), ==, 0);
  g_assert_nonnull (window);
}

/* A child never outlives a failed test. */
static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

/* The build's service file, starting the built binary instead of the
 * installed one, in a folder of its own. */
static char *
write_service_dir (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "dbus-services", NULL);
  g_autofree char *path = g_build_filename (dir, APP_ID ".service", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GRegex) exec = g_regex_new ("^Exec=\\S+", G_REGEX_MULTILINE, 0, NULL);
  g_autofree char *replacement = g_strconcat ("Exec=", rapport_bin, NULL);
  g_autofree char *rewritten = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (service_source, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (contents, "\nName=" APP_ID "\n"));
  g_assert_nonnull (strstr (contents, " --gapplication-service"));
  rewritten = g_regex_replace_literal (exec, contents, -1, 0, replacement, 0, &error);
  g_assert_no_error (error);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, rewritten, -1, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&dir);
}

static GSubprocess *
spawn_bus (const char  *service_dir,
           char       **address)
{
  g_autofree char *config = g_build_filename (g_get_user_cache_dir (), "bus.conf", NULL);
  g_autofree char *config_arg = g_strconcat ("--config-file=", config, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  GSubprocess *bus;

  contents = g_markup_printf_escaped ("<busconfig>"
                                      "  <type>session</type>"
                                      "  <listen>unix:tmpdir=/tmp</listen>"
                                      "  <servicedir>%s</servicedir>"
                                      "  <auth>EXTERNAL</auth>"
                                      "  <policy context='default'>"
                                      "    <allow send_destination='*' eavesdrop='true'/>"
                                      "    <allow eavesdrop='true'/>"
                                      "    <allow own='*'/>"
                                      "  </policy>"
                                      "</busconfig>", service_dir);
  g_file_set_contents (config, contents, -1, &error);
  g_assert_no_error (error);

  /* What the bus starts inherits its environment: this test's own
   * folders (GTest isolates them for this process only), the display,
   * the build's settings schema. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  g_subprocess_launcher_setenv (launcher, "HOME", g_get_home_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", g_get_user_config_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", g_get_user_cache_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_STATE_HOME", g_get_user_state_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "GTK_A11Y", "none", TRUE);
  bus = g_subprocess_launcher_spawn (launcher, &error, "dbus-daemon", config_arg, "--nofork",
                                     "--print-address=1", NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (bus));
  *address = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (*address);
  return bus;
}

static gboolean
name_has_owner (GDBusConnection *connection)
{
  g_autoptr(GVariant) reply = NULL;
  gboolean owned = FALSE;

  reply = g_dbus_connection_call_sync (connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", APP_ID), G_VARIANT_TYPE ("(b)"),
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  g_assert_nonnull (reply);
  g_variant_get (reply, "(b)", &owned);
  return owned;
}

static void
test_activation (void)
{
  g_autofree char *path = rapport_store_default_path ();
  g_autofree char *service_dir = NULL;
  g_autofree char *address = NULL;
  g_autoptr(GSubprocess) bus = NULL;
  g_autoptr(GDBusConnection) connection = NULL;
  g_autoptr(GVariant) found = NULL;
  g_autoptr(GVariant) metas = NULL;
  g_autoptr(GVariant) list = NULL;
  g_autoptr(GVariant) quit = NULL;
  g_autofree const char **ids = NULL;
  g_autoptr(GError) error = NULL;
  gint64 deadline;
  const char *terms[] = { "harbor", NULL };

  if (g_getenv ("DISPLAY") == NULL)
    {
      g_test_skip ("needs a display: run under build-aux/headless-run");
      return;
    }

  rapport_ui_test_restore_data_dirs ();
  {
    g_autoptr(RapportStore) store = rapport_store_open (path, &error);

    g_assert_no_error (error);
    seed_book (store);
  }

  service_dir = write_service_dir ();
  bus = spawn_bus (service_dir, &address);
  connection = g_dbus_connection_new_for_address_sync (address,
                                                       G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                       G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                       NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (name_has_owner (connection));

  /* The shell's first question starts Rapport, which answers it. */
  found = g_dbus_connection_call_sync (connection, APP_ID, PROVIDER_PATH, PROVIDER_IFACE,
                                       "GetInitialResultSet", g_variant_new ("(^as)", terms),
                                       G_VARIANT_TYPE ("(as)"), G_DBUS_CALL_FLAGS_NONE, 30000,
                                       NULL, &error);
  g_assert_no_error (error);
  g_variant_get (found, "(^a&s)", &ids);
  g_assert_cmpuint (g_strv_length ((char **) ids), ==, 1);
  g_assert_cmpint (g_ascii_strtoll (ids[0], NULL, 10), ==, fischer_id);
  g_assert_true (name_has_owner (connection));

  metas = g_dbus_connection_call_sync (connection, APP_ID, PROVIDER_PATH, PROVIDER_IFACE,
                                       "GetResultMetas", g_variant_new ("(^as)", ids),
                                       G_VARIANT_TYPE ("(aa{sv})"), G_DBUS_CALL_FLAGS_NONE, 10000,
                                       NULL, &error);
  g_assert_no_error (error);
  list = g_variant_get_child_value (metas, 0);
  g_assert_cmpuint (g_variant_n_children (list), ==, 1);

  quit = g_dbus_connection_call_sync (connection, APP_ID, "/io/github/rapportapp/Rapport",
                                      "org.gtk.Actions", "Activate",
                                      g_variant_new ("(sava{sv})", "quit", NULL, NULL),
                                      NULL, G_DBUS_CALL_FLAGS_NONE, 10000, NULL, &error);
  g_assert_no_error (error);
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (name_has_owner (connection) && g_get_monotonic_time () < deadline)
    g_usleep (20000);
  g_assert_false (name_has_owner (connection));

  g_dbus_connection_close_sync (connection, NULL, NULL);
  g_subprocess_send_signal (bus, SIGTERM);
  g_subprocess_wait (bus, NULL, NULL);
}

int
main (int   argc,
      char *argv[])
{
  rapport_ui_test_init (&argc, &argv);
  if (argc < 3)
    g_error ("usage: %s PATH-TO-RAPPORT PATH-TO-BUILT-SERVICE-FILE", argv[0]);
  rapport_bin = argv[1];
  service_source = argv[2];

  g_test_add_func ("/search-provider/shell", test_search_provider);
  g_test_add_func ("/search-provider/activation", test_activation);
  return g_test_run ();
}
