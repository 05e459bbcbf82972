/* test-ui-sync-server.c: Preferences → Sync against a real Radicale and a real keyring
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The user types the server's address, their name and a wrong password:
 * the page says so in words and the book gets no account.  With the right
 * password the account is set up (the password in the keyring only), the
 * app's scheduler syncs, and the page and the header say when.  A
 * customer added afterwards reaches the server a few seconds later,
 * without Sync Now.  On a server that keeps an address book already, the
 * user chooses it, and Rapport makes only the task list.  Its own program: the keyring becomes the process's
 * session bus before the application first talks to one.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "keyring.h"
#include "radicale.h"
#include "rapport-dav-client.h"
#include "rapport-application.h"
#include "rapport-customer.h"
#include "rapport-preferences-window.h"
#include "rapport-sync-account.h"
#include "rapport-sync-indicator.h"
#include "rapport-sync-page.h"
#include "rapport-sync-scheduler.h"
#include "rapport-ui-test.h"
#include "rapport-window.h"

static RapportWindow *window;
static Radicale *server;

static RapportSyncPage *
open_sync_page (void)
{
  GtkWindow *preferences;

  g_action_group_activate_action (G_ACTION_GROUP (rapport_ui_test_app), "sync-preferences", NULL);
  rapport_ui_test_wait_until (rapport_ui_test_dialog_shown, GSIZE_TO_POINTER (RAPPORT_TYPE_PREFERENCES_WINDOW));
  preferences = rapport_ui_test_find_dialog (RAPPORT_TYPE_PREFERENCES_WINDOW);
  return rapport_ui_test_find_nth (GTK_WIDGET (preferences), RAPPORT_TYPE_SYNC_PAGE, 0);
}

static GtkButton *
find_button (GtkWidget  *root,
             const char *label)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  rapport_ui_test_collect (root, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (g_ptr_array_index (buttons, i)), label) == 0)
      return g_ptr_array_index (buttons, i);
  g_error ("No button “%s”", label);
}

static const char *
subtitle_of (GtkWidget  *page,
             const char *title)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  rapport_ui_test_collect (page, ADW_TYPE_ACTION_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), title) == 0)
      return adw_action_row_get_subtitle (g_ptr_array_index (rows, i));
  g_error ("No row “%s”", title);
}

static void
fill_form (RapportSyncPage *page,
           const char      *server_url,
           const char      *user,
           const char      *password)
{
  gtk_editable_set_text (rapport_ui_test_find_nth (GTK_WIDGET (page), ADW_TYPE_ENTRY_ROW, 0), server_url);
  gtk_editable_set_text (rapport_ui_test_find_nth (GTK_WIDGET (page), ADW_TYPE_ENTRY_ROW, 1), user);
  gtk_editable_set_text (rapport_ui_test_find_nth (GTK_WIDGET (page), ADW_TYPE_PASSWORD_ENTRY_ROW, 0), password);
}

/* The set-up's worker has answered: the button can be pressed again, or
 * the form is gone. */
static gboolean
setup_done (gpointer page)
{
  GtkSpinner *spinner = rapport_ui_test_find_nth (page, GTK_TYPE_SPINNER, 1);

  return !gtk_spinner_get_spinning (spinner);
}

static gboolean
scheduler_idle (gpointer data)
{
  RapportSyncScheduler *scheduler = rapport_application_get_sync_scheduler (rapport_ui_test_app);

  return rapport_sync_scheduler_get_state (scheduler) != RAPPORT_SYNC_STATE_SYNCING &&
         rapport_sync_scheduler_get_last_sync (scheduler) > 0;
}

/* Whether a file under @dir (the server's storage, the book's folder)
 * holds @text. */
static gboolean
server_holds (const char *dir,
              const char *text)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (g_file_test (path, G_FILE_TEST_IS_DIR) ? server_holds (path, text)
                                                 : (g_file_get_contents (path, &contents, &length, NULL) &&
                                                    memmem (contents, length, text, strlen (text)) != NULL))
        return TRUE;
    }
  return FALSE;
}

static guint finished;

static void
on_finished (void)
{
  finished++;
}

static gboolean
card_on_server (gpointer name)
{
  return finished > 0 && server_holds (radicale_get_storage (server), name);
}

static void
check_setup (RapportStore *store)
{
  RapportSyncPage *page = open_sync_page ();
  RapportSyncScheduler *scheduler = rapport_application_get_sync_scheduler (rapport_ui_test_app);
  RapportSyncIndicator *indicator = rapport_window_get_sync_indicator (window);
  GtkButton *setup = find_button (GTK_WIDGET (page), "_Set Up");
  g_autoptr(RapportSyncAccount) account = NULL;
  g_autoptr(RapportCustomer) customer = rapport_customer_new ();
  g_autoptr(GError) error = NULL;

  g_assert_false (rapport_sync_scheduler_get_enabled (scheduler));

  /* A wrong password: said in words, no account. */
  fill_form (page, radicale_get_url (server), "anna", "not-her-password");
  g_signal_emit_by_name (setup, "clicked");
  rapport_ui_test_wait_until (setup_done, page);
  g_assert_true (rapport_ui_test_has_label_with (GTK_WIDGET (page),
                                                 "Could not set up sync: wrong user name or password."));
  account = rapport_sync_account_load (store, &error);
  g_assert_null (account);
  g_clear_error (&error);

  /* The right one: the account, a first sync, and its time. */
  fill_form (page, radicale_get_url (server), "anna", "wonderland");
  g_signal_emit_by_name (setup, "clicked");
  rapport_ui_test_wait_until (setup_done, page);
  g_assert_false (rapport_ui_test_has_label_with (GTK_WIDGET (page), "Could not set up"));
  account = rapport_sync_account_load (store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (account->user_name, ==, "anna");
  g_assert_cmpstr (subtitle_of (GTK_WIDGET (page), "User Name"), ==, "anna");
  g_assert_nonnull (strstr (subtitle_of (GTK_WIDGET (page), "Address Book"), "rapport-customers"));
  g_assert_nonnull (strstr (subtitle_of (GTK_WIDGET (page), "Task List"), "rapport-check-ins"));
  /* The password is in the keyring, never in the book's folder. */
  g_assert_false (server_holds (g_get_user_data_dir (), "wonderland"));

  g_assert_true (rapport_sync_scheduler_get_enabled (scheduler));
  rapport_ui_test_wait_until (scheduler_idle, NULL);
  g_assert_cmpint (rapport_sync_scheduler_get_state (scheduler), ==, RAPPORT_SYNC_STATE_IDLE);
  g_assert_cmpstr (subtitle_of (GTK_WIDGET (page), "Status"), ==, "Synced just now");
  g_assert_cmpstr (subtitle_of (GTK_WIDGET (page), "Last Sync"), ==, "Just now");
  g_assert_cmpstr (rapport_sync_indicator_get_status (indicator), ==, "Synced just now");

  /* An edit goes up a few seconds later, with nobody pressing Sync Now. */
  g_signal_connect (scheduler, "finished", G_CALLBACK (on_finished), NULL);
  rapport_customer_set_name (customer, "Katherine Johnson");
  g_assert_true (rapport_customer_save (customer, store, &error));
  g_assert_no_error (error);
  rapport_ui_test_wait_until (card_on_server, (gpointer) "FN:Katherine Johnson");
  g_assert_cmpint (rapport_sync_scheduler_get_state (scheduler), ==, RAPPORT_SYNC_STATE_IDLE);

  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (page))));
}

static void
test_setup_and_sync (void)
{
  rapport_ui_test_run_app (NULL, check_setup, &window);
}

static char *team_book;

/* A team's address book on the server before Rapport comes. */
static void
seed_team_book (RapportStore *store)
{
  g_autoptr(RapportDavClient) client = rapport_dav_client_new ("ben", "builder");
  g_autoptr(GError) error = NULL;

  team_book = g_strconcat (radicale_get_url (server), "ben/team-customers/", NULL);
  g_assert_true (rapport_dav_client_make_addressbook (client, team_book, "Team customers", NULL, &error));
  g_assert_no_error (error);
}

static gboolean
choice_shown (gpointer page)
{
  AdwComboRow *books = rapport_ui_test_find_nth (page, ADW_TYPE_COMBO_ROW, 0);

  return setup_done (page) && gtk_widget_is_visible (GTK_WIDGET (books));
}

/* The server keeps an address book already: the user picks it for the
 * customers and leaves the task list to Rapport, which makes only that. */
static void
check_choice (RapportStore *store)
{
  RapportSyncPage *page = open_sync_page ();
  AdwComboRow *books = rapport_ui_test_find_nth (GTK_WIDGET (page), ADW_TYPE_COMBO_ROW, 0);
  AdwComboRow *lists = rapport_ui_test_find_nth (GTK_WIDGET (page), ADW_TYPE_COMBO_ROW, 1);
  g_autoptr(RapportSyncAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *own_book = g_build_filename (radicale_get_storage (server), "collection-root",
                                                "ben", "rapport-customers", NULL);
  g_autofree char *own_list = g_build_filename (radicale_get_storage (server), "collection-root",
                                                "ben", "rapport-check-ins", NULL);
  GListModel *model;

  fill_form (page, radicale_get_url (server), "ben", "builder");
  g_signal_emit_by_name (find_button (GTK_WIDGET (page), "_Set Up"), "clicked");
  rapport_ui_test_wait_until (choice_shown, page);

  model = adw_combo_row_get_model (books);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), 0), ==, "New: Rapport customers");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), 1), ==, "Team customers");
  model = adw_combo_row_get_model (lists);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), 0), ==, "New: Rapport check-ins");
  /* Nothing is made or kept before the user chooses. */
  account = rapport_sync_account_load (store, NULL);
  g_assert_null (account);

  adw_combo_row_set_selected (books, 1);
  g_signal_emit_by_name (find_button (GTK_WIDGET (page), "Start _Syncing"), "clicked");
  rapport_ui_test_wait_until (setup_done, page);
  g_assert_false (rapport_ui_test_has_label_with (GTK_WIDGET (page), "Could not set up"));

  account = rapport_sync_account_load (store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (account->addressbook_url, ==, team_book);
  g_assert_nonnull (strstr (account->tasks_url, "rapport-check-ins"));
  g_assert_cmpstr (subtitle_of (GTK_WIDGET (page), "Address Book"), ==, team_book);
  g_assert_false (g_file_test (own_book, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (own_list, G_FILE_TEST_IS_DIR));
  rapport_ui_test_wait_until (scheduler_idle, NULL);
  g_assert_cmpint (rapport_sync_scheduler_get_state (rapport_application_get_sync_scheduler (rapport_ui_test_app)),
                   ==, RAPPORT_SYNC_STATE_IDLE);

  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (page))));
}

static void
test_choice (void)
{
  rapport_ui_test_run_app (seed_team_book, check_choice, &window);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(Keyring) keyring = NULL;
  g_autoptr(GError) error = NULL;
  const char *users[] = { "anna:wonderland", "ben:builder", NULL };
  int status;

  rapport_ui_test_init (&argc, &argv);
  /* libsoup must not ask the desktop's proxy settings (their schema is
   * not in the build's); the server is on 127.0.0.1. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);

  if (radicale_missing () != NULL || keyring_missing () != NULL)
    {
      g_test_skip (radicale_missing () != NULL ? radicale_missing () : keyring_missing ());
      return g_test_run ();
    }
  keyring = keyring_start (&error);
  g_assert_no_error (error);
  server = radicale_start (users, &error);
  g_assert_no_error (error);

  g_test_add_func ("/ui/sync-server/setup-and-sync", test_setup_and_sync);
  g_test_add_func ("/ui/sync-server/choose-collections", test_choice);
  status = g_test_run ();
  radicale_stop (server);
  return status;
}
