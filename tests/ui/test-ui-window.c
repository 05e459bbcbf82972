/* test-ui-window.c: the real application starts, shows its window and views
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "rapport-application.h"
#include "rapport-backup.h"
#include "rapport-ui-test.h"
#include "rapport-store.h"
#include "rapport-window.h"

typedef void (*UiCheck) (GtkApplication *app);

static GtkApplication *running_app;
static UiCheck running_check;

static gboolean
run_check (gpointer data)
{
  running_check (running_app);
  g_application_quit (G_APPLICATION (running_app));
  return G_SOURCE_REMOVE;
}

static void
on_activate (GApplication *app)
{
  /* Once: a restore activates the application again. */
  g_signal_handlers_disconnect_by_func (app, on_activate, NULL);
  g_idle_add_full (G_PRIORITY_LOW, run_check, NULL, NULL);
}

/* Runs the real application, as `rapport` with no arguments would, and
 * calls @check once its first window is up. */
static int
run_app (UiCheck check)
{
  g_autoptr(RapportApplication) app = rapport_application_new ();

  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
  running_app = GTK_APPLICATION (app);
  rapport_ui_test_restore_data_dirs ();
  running_check = check;
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate), NULL);
  return g_application_run (G_APPLICATION (app), 0, NULL);
}

static void
iterate_main_loop (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type) && gtk_widget_get_mapped (child))
        return child;
      if ((found = find_descendant (child, type)))
        return found;
    }
  return NULL;
}

static gboolean
status_page_shown (gpointer window)
{
  return find_descendant (window, ADW_TYPE_STATUS_PAGE) != NULL;
}

static void
check_views (GtkApplication *app)
{
  static const struct { const char *view; const char *empty_title; } views[] = {
    { "follow-ups", "No Check-ins Scheduled" },
    { "referrals", "No Referrals Yet" },
    { "testimonials", "No Testimonials Yet" },
    { "customers", "No Customers Yet" },
  };
  GtkWindow *window = gtk_application_get_active_window (app);

  g_assert_true (RAPPORT_IS_WINDOW (window));
  g_assert_cmpstr (gtk_window_get_title (window), ==, "Rapport");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_cmpstr (rapport_window_get_view (RAPPORT_WINDOW (window)), ==, "customers");

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      AdwStatusPage *empty;

      /* The same action the view switcher's keyboard shortcuts use. */
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s",
                                                 views[i].view));
      iterate_main_loop ();
      g_assert_cmpstr (rapport_window_get_view (RAPPORT_WINDOW (window)), ==, views[i].view);

      /* An empty book shows each view's empty state, telling what to do,
       * once the view has read it. */
      rapport_ui_test_wait_until (status_page_shown, window);
      empty = ADW_STATUS_PAGE (find_descendant (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE));
      g_assert_nonnull (empty);
      g_assert_cmpstr (adw_status_page_get_title (empty), ==, views[i].empty_title);
      g_assert_cmpuint (strlen (adw_status_page_get_description (empty)), >, 40);
    }

  /* Ctrl+? shows the keyboard shortcuts (test-ui-accessible reads them),
   * built when first asked for, not with the window. */
  {
    g_auto(GStrv) accels = gtk_application_get_accels_for_action (app, "win.show-help-overlay");

    g_assert_true (g_strv_contains ((const char * const *) accels, "<Control>question"));
    g_assert_null (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  }
}

static void
test_window_views (void)
{
  g_assert_cmpint (run_app (check_views), ==, 0);
}

static void
check_resize (GtkApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (app);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 640);
  gtk_window_set_default_size (window, 1000, 700);
}

static void
test_window_size_remembered (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  g_settings_set_int (settings, "window-width", 900);
  g_settings_set_int (settings, "window-height", 640);
  g_assert_cmpint (run_app (check_resize), ==, 0);

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1000);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 700);
}

static void
check_error_dialog (GtkApplication *app)
{
  GList *windows = gtk_application_get_windows (app);

  g_assert_cmpuint (g_list_length (windows), ==, 1);
  g_assert_true (ADW_IS_MESSAGE_DIALOG (windows->data));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (windows->data), "not a Rapport database"));
}

static void
test_window_refuses_garbage_book (void)
{
  g_autofree char *path = rapport_store_default_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *after = NULL;
  const char junk[] = "these are not the customers you are looking for";

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, junk, -1, NULL));

  g_assert_cmpint (run_app (check_error_dialog), ==, 0);

  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, junk);
  g_assert_true (g_unlink (path) == 0);
}

static gboolean
daily_run_done (void)
{
  g_autofree char *path = rapport_store_default_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GDateTime) today = g_date_time_new_now_local ();
  g_autofree char *name = g_date_time_format (today, "backups/daily-%Y-%m-%d.db");
  g_autofree char *backup = g_build_filename (dir, name, NULL);

  return g_file_test (backup, G_FILE_TEST_EXISTS);
}

static void
check_daily_run (GtkApplication *app)
{
  RapportStore *store = rapport_application_get_store (RAPPORT_APPLICATION (app));
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  /* Shortly after start-up: today's backup, and the playbook derived for
   * the customer whose sale closed today. */
  while (!daily_run_done ())
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
  while (TRUE)
    {
      g_autoptr(RapportStmt) count = rapport_store_prepare (store,
                                                            "SELECT count(*) FROM follow_up"
                                                            " WHERE kind = 'preposition_referral'", NULL);
      g_assert_cmpint (sqlite3_step (count), ==, SQLITE_ROW);
      if (sqlite3_column_int (count, 0) == 1)
        break;
      g_clear_pointer (&count, rapport_stmt_release);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
}

static void
test_window_daily_run (void)
{
  g_autofree char *path = rapport_store_default_path ();
  g_autoptr(RapportStore) store = rapport_store_open (path, NULL);
  g_autoptr(GDateTime) today = g_date_time_new_now_local ();
  g_autofree char *closed = g_date_time_format (today, "%Y-%m-%d");
  g_autoptr(RapportStmt) stmt = NULL;

  g_assert_true (rapport_store_exec (store,
                                     "INSERT INTO customer (id, name, created_at, updated_at)"
                                     " VALUES (1, 'Ada', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
                                     NULL));
  stmt = rapport_store_prepare (store,
                                "INSERT INTO sale (customer_id, product, closed_on, created_at)"
                                " VALUES (1, 'Engine', ?, '2026-01-01T00:00:00Z')", NULL);
  sqlite3_bind_text (stmt, 1, closed, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  g_clear_pointer (&stmt, rapport_stmt_release);

  g_setenv ("RAPPORT_DAILY_DELAY", "0", TRUE);
  g_assert_cmpint (run_app (check_daily_run), ==, 0);
  g_unsetenv ("RAPPORT_DAILY_DELAY");
}

static GtkWindow *
find_preferences (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_PREFERENCES_WINDOW (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

static GtkWidget *
find_row (GtkWidget  *root,
          GType       type,
          const char *title)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type) && ADW_IS_PREFERENCES_ROW (child) &&
          g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)), title) == 0)
        return child;
      if ((found = find_row (child, type, title)))
        return found;
    }
  return NULL;
}

static GtkWidget *
find_of_type (GtkWidget *root,
              GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      if ((found = find_of_type (child, type)))
        return found;
    }
  return NULL;
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), label) == 0)
        return child;
      if ((found = find_button (child, label)))
        return found;
    }
  return NULL;
}

static void
check_preferences (GtkApplication *app)
{
  RapportStore *store = rapport_application_get_store (RAPPORT_APPLICATION (app));
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(RapportStmt) stmt = NULL;
  GtkWindow *preferences;
  GtkWidget *row;

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  preferences = find_preferences ();
  g_assert_nonnull (preferences);

  /* Rows are bound to GSettings both ways. */
  row = find_row (GTK_WIDGET (preferences), ADW_TYPE_ACTION_ROW, "Remind Me When Rapport Is Closed");
  g_assert_nonnull (row);
  g_settings_set_boolean (settings, "run-in-background", FALSE);
  gtk_switch_set_active (GTK_SWITCH (find_of_type (row, GTK_TYPE_SWITCH)), TRUE);
  g_assert_true (g_settings_get_boolean (settings, "run-in-background"));

  row = find_row (GTK_WIDGET (preferences), ADW_TYPE_ACTION_ROW, "Minimum Days Between Contacts");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (find_of_type (row, GTK_TYPE_SPIN_BUTTON)), 5);
  g_assert_cmpint (g_settings_get_int (settings, "min-gap-days"), ==, 5);

  /* A tag's cadence goes into the book. */
  row = find_row (GTK_WIDGET (preferences), ADW_TYPE_ENTRY_ROW, "_Tag");
  gtk_editable_set_text (GTK_EDITABLE (row), "VIP");
  g_signal_emit_by_name (find_button (GTK_WIDGET (preferences), "_Add Cadence"), "clicked");
  stmt = rapport_store_prepare (store, "SELECT ideal_interval_days, latest_interval_days FROM tag_cadence"
                                       " WHERE tag = 'vip'", NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 30);
  g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, 45);
  g_assert_nonnull (find_row (GTK_WIDGET (preferences), ADW_TYPE_ACTION_ROW, "vip"));

  /* Email Drafts: each script shows the words in effect; what the user
   * writes is stored, and Reset (or the default's words) stores nothing. */
  {
    GtkWidget *script = find_row (GTK_WIDGET (preferences), ADW_TYPE_EXPANDER_ROW, "Delivery check-in");
    GtkWidget *subject;
    g_autoptr(GVariant) drafts = NULL;
    const char *own_subject = NULL;
    const char *own_body = NULL;

    g_assert_nonnull (script);
    subject = find_row (script, ADW_TYPE_ENTRY_ROW, "Subject");
    g_assert_nonnull (subject);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (subject)), ==, "How is {product} working for you?");
    gtk_editable_set_text (GTK_EDITABLE (subject), "Checking in on {product}");
    drafts = g_settings_get_value (settings, "email-drafts");
    g_assert_true (g_variant_lookup (drafts, "delivery_check_in", "(&s&s)", &own_subject, &own_body));
    g_assert_cmpstr (own_subject, ==, "Checking in on {product}");
    g_assert_cmpstr (own_body, ==, "");
    g_clear_pointer (&drafts, g_variant_unref);

    g_signal_emit_by_name (find_button (script, "_Reset to Default"), "clicked");
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (subject)), ==, "How is {product} working for you?");
    drafts = g_settings_get_value (settings, "email-drafts");
    g_assert_cmpuint (g_variant_n_children (drafts), ==, 0);
    g_assert_nonnull (find_row (GTK_WIDGET (preferences), ADW_TYPE_EXPANDER_ROW,
                                "Keep the referrer informed: won"));
  }
  gtk_window_destroy (preferences);
}

static void
test_window_preferences (void)
{
  g_assert_cmpint (run_app (check_preferences), ==, 0);
}

static char *restore_source;

static gint64
count_customers (GtkApplication *app)
{
  return rapport_customer_count (rapport_application_get_store (RAPPORT_APPLICATION (app)), NULL);
}

static void check_restore_refused (GtkApplication *app);

static void
check_restore (GtkApplication *app)
{
  g_autofree char *kept = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *window;

  check_restore_refused (app);

  /* Since the backup, the book gained a customer. */
  g_assert_true (rapport_store_exec (rapport_application_get_store (RAPPORT_APPLICATION (app)),
                                     "INSERT INTO customer (name, created_at, updated_at)"
                                     " VALUES ('Grace', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
                                     NULL));
  g_assert_cmpint (count_customers (app), ==, 2);

  g_assert_true (rapport_application_restore (RAPPORT_APPLICATION (app), restore_source, &kept, &error));
  g_assert_no_error (error);

  /* The book is the backup's again, the one before is kept, and the window
   * is back on the restored book. */
  g_assert_cmpint (count_customers (app), ==, 1);
  g_assert_true (g_file_test (kept, G_FILE_TEST_EXISTS));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  window = gtk_application_get_active_window (app);
  g_assert_true (RAPPORT_IS_WINDOW (window));
  g_assert_true (rapport_window_get_store (RAPPORT_WINDOW (window)) ==
                 rapport_application_get_store (RAPPORT_APPLICATION (app)));
}

static void
check_restore_refused (GtkApplication *app)
{
  g_autofree char *junk = g_build_filename (g_get_user_data_dir (), "junk.db", NULL);
  g_autoptr(GError) error = NULL;

  /* Junk is refused, and the window comes back on the untouched book. */
  g_assert_true (g_file_set_contents (junk, "not a book", -1, NULL));
  g_assert_false (rapport_application_restore (RAPPORT_APPLICATION (app), junk, NULL, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (count_customers (app), ==, 1);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_true (RAPPORT_IS_WINDOW (gtk_application_get_active_window (app)));
}

static void
test_window_restore (void)
{
  g_autofree char *path = rapport_store_default_path ();
  g_autoptr(RapportStore) store = rapport_store_open (path, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (rapport_store_exec (store,
                                     "INSERT INTO customer (name, created_at, updated_at)"
                                     " VALUES ('Ada', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
                                     NULL));
  restore_source = g_build_filename (g_get_user_data_dir (), "backup.db", NULL);
  g_assert_true (rapport_backup_write (store, restore_source, &error));
  g_clear_object (&store);

  /* One application per book: an earlier one in this process would still
   * hold it open. */
  g_assert_cmpint (run_app (check_restore), ==, 0);
  g_clear_pointer (&restore_source, g_free);
}

static void
check_nothing (GtkApplication *app)
{
}

/* The reminder switch is on by default, so the first start already makes
 * Rapport start at login. */
static void
test_window_autostart_on_first_start (void)
{
  g_autofree char *source = g_build_filename (g_get_user_data_dir (), "autostart.desktop", NULL);
  g_autofree char *target = g_build_filename (g_get_user_config_dir (), "autostart",
                                              "io.github.rapportapp.Rapport-autostart.desktop", NULL);
  g_autofree char *installed = NULL;
  const char entry[] = "[Desktop Entry]\nType=Application\nName=Rapport\nExec=rapport --background\n";

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  g_assert_true (g_file_set_contents (source, entry, -1, NULL));
  g_setenv ("RAPPORT_AUTOSTART_FILE", source, TRUE);
  g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));

  g_assert_cmpint (run_app (check_nothing), ==, 0);
  g_unsetenv ("RAPPORT_AUTOSTART_FILE");

  g_assert_true (g_file_get_contents (target, &installed, NULL, NULL));
  g_assert_cmpstr (installed, ==, entry);
}

int
main (int   argc,
      char *argv[])
{
  rapport_ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/window/views", test_window_views);
  g_test_add_func ("/ui/window/size-remembered", test_window_size_remembered);
  g_test_add_func ("/ui/window/refuses-garbage-book", test_window_refuses_garbage_book);
  g_test_add_func ("/ui/window/daily-run", test_window_daily_run);
  g_test_add_func ("/ui/window/preferences", test_window_preferences);
  g_test_add_func ("/ui/window/restore", test_window_restore);
  g_test_add_func ("/ui/window/autostart-on-first-start", test_window_autostart_on_first_start);

  return g_test_run ();
}
