/* test-ui-sync.c: the header's sync status and Preferences → Sync, driven as a user would
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The header's status follows a scheduler whose syncs the test ends
 * itself (tests/sync/fake-sync.c): syncing, synced, failed, offline.
 * The Sync page's set-up form is filled and submitted through its real
 * widgets.
 */

#include "config.h"

#include "fake-sync.h"
#include "rapport-application.h"
#include "rapport-customer-detail.h"
#include "rapport-customer-list.h"
#include "rapport-customers-page.h"
#include "rapport-customer.h"
#include "rapport-interaction.h"
#include "rapport-preferences-window.h"
#include "rapport-sync-account.h"
#include "rapport-sync-conflicts-dialog.h"
#include "rapport-sync-error.h"
#include "rapport-sync-state.h"
#include "rapport-sync-indicator.h"
#include "rapport-sync-page.h"
#include "rapport-ui-test.h"
#include "rapport-window.h"

static RapportWindow *window;

static gboolean
scheduler_in_state (gpointer data)
{
  RapportSyncScheduler *scheduler = g_object_get_data (G_OBJECT (data), "scheduler");

  return rapport_sync_scheduler_get_state (scheduler) ==
         (RapportSyncState) GPOINTER_TO_INT (g_object_get_data (G_OBJECT (data), "state"));
}

static void
wait_for_state (RapportSyncScheduler *scheduler,
                RapportSyncState      state)
{
  g_autoptr(GObject) box = g_object_new (G_TYPE_OBJECT, NULL);

  g_object_set_data (box, "scheduler", scheduler);
  g_object_set_data (box, "state", GINT_TO_POINTER (state));
  rapport_ui_test_wait_until (scheduler_in_state, box);
}

/* What the header says, to the eye (tooltip, icon) and to a screen reader. */
static void
assert_header (RapportSyncIndicator *indicator,
               const char           *status,
               const char           *page)
{
  GtkWidget *button = rapport_ui_test_find_nth (GTK_WIDGET (indicator), GTK_TYPE_BUTTON, 0);
  GtkStack *stack = rapport_ui_test_find_nth (GTK_WIDGET (indicator), GTK_TYPE_STACK, 0);
  g_autofree char *mismatch = NULL;

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (indicator)));
  g_assert_cmpstr (rapport_sync_indicator_get_status (indicator), ==, status);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, status);
  mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, status);
  g_assert_null (mismatch);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, page);
}

static void
check_header_status (RapportStore *store)
{
  RapportSyncIndicator *indicator = rapport_window_get_sync_indicator (window);
  g_autoptr(FakeMonitor) monitor = fake_monitor_new ();
  g_autoptr(RapportSyncScheduler) scheduler =
    rapport_sync_scheduler_new (store, G_NETWORK_MONITOR (monitor), fake_sync_run, fake_sync_finish);

  fake_sync_reset ();

  /* A book without an account says nothing of sync. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (indicator)));
  rapport_window_set_sync_scheduler (window, scheduler);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (indicator)));

  rapport_sync_scheduler_set_enabled (scheduler, TRUE);
  assert_header (indicator, "Syncing…", "syncing");

  fake_sync_end (0, NULL);
  wait_for_state (scheduler, RAPPORT_SYNC_STATE_IDLE);
  assert_header (indicator, "Synced just now", "idle");

  rapport_sync_scheduler_sync_now (scheduler);
  fake_sync_end (0, g_error_new_literal (RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_AUTH, "401 Unauthorized"));
  wait_for_state (scheduler, RAPPORT_SYNC_STATE_FAILED);
  assert_header (indicator, "Sync failed: wrong user name or password", "failed");

  fake_monitor_set_available (monitor, FALSE);
  assert_header (indicator, "Offline — changes will be sent later", "offline");

  /* Back: the edits that waited go up. */
  fake_monitor_set_available (monitor, TRUE);
  assert_header (indicator, "Syncing…", "syncing");
  fake_sync_end (2, NULL);
  wait_for_state (scheduler, RAPPORT_SYNC_STATE_IDLE);
  assert_header (indicator, "Synced just now", "idle");

  /* A sync that leaves a conflict: what to do comes first. */
  g_assert_true (rapport_sync_state_add_conflict (store, "customer", 1, NULL, "company", "Here", "There",
                                                  g_get_real_time () / G_USEC_PER_SEC, NULL));
  rapport_sync_scheduler_sync_now (scheduler);
  fake_sync_end (1, NULL);
  wait_for_state (scheduler, RAPPORT_SYNC_STATE_IDLE);
  assert_header (indicator, "1 conflict needs your choice", "failed");
  g_assert_true (rapport_store_exec (store, "DELETE FROM sync_conflict", NULL));
  rapport_sync_scheduler_sync_now (scheduler);
  fake_sync_end (0, NULL);
  wait_for_state (scheduler, RAPPORT_SYNC_STATE_IDLE);
  assert_header (indicator, "Synced just now", "idle");

  /* A server that cannot be reached is "offline" too, never a dialog. */
  rapport_sync_scheduler_sync_now (scheduler);
  fake_sync_end (0, g_error_new_literal (RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_UNREACHABLE, "Connection refused"));
  wait_for_state (scheduler, RAPPORT_SYNC_STATE_OFFLINE);
  assert_header (indicator, "Offline — changes will be sent later", "offline");
  g_assert_null (rapport_ui_test_find_dialog (ADW_TYPE_MESSAGE_DIALOG));

  rapport_sync_scheduler_set_enabled (scheduler, FALSE);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (indicator)));
  rapport_window_set_sync_scheduler (window, rapport_application_get_sync_scheduler (rapport_ui_test_app));
}

static void
test_header_status (void)
{
  rapport_ui_test_run_app (NULL, check_header_status, &window);
}

static RapportSyncPage *
open_sync_page (void)
{
  GtkWindow *preferences;

  g_action_group_activate_action (G_ACTION_GROUP (rapport_ui_test_app), "sync-preferences", NULL);
  rapport_ui_test_wait_until (rapport_ui_test_dialog_shown, GSIZE_TO_POINTER (RAPPORT_TYPE_PREFERENCES_WINDOW));
  preferences = rapport_ui_test_find_dialog (RAPPORT_TYPE_PREFERENCES_WINDOW);
  g_assert_cmpstr (adw_preferences_window_get_visible_page_name (ADW_PREFERENCES_WINDOW (preferences)), ==, "sync");
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

static void
fill_form (RapportSyncPage *page,
           const char      *server,
           const char      *user,
           const char      *password)
{
  gtk_editable_set_text (rapport_ui_test_find_nth (GTK_WIDGET (page), ADW_TYPE_ENTRY_ROW, 0), server);
  gtk_editable_set_text (rapport_ui_test_find_nth (GTK_WIDGET (page), ADW_TYPE_ENTRY_ROW, 1), user);
  gtk_editable_set_text (rapport_ui_test_find_nth (GTK_WIDGET (page), ADW_TYPE_PASSWORD_ENTRY_ROW, 0), password);
}

static gboolean
message_dialog_shown (gpointer data)
{
  return rapport_ui_test_find_dialog (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

/* A plain http:// server other than this machine is used only once the
 * user accepts the warning; an address that is none says so. */
static void
check_insecure_warning (RapportStore *store)
{
  RapportSyncPage *page = open_sync_page ();
  GtkButton *setup = find_button (GTK_WIDGET (page), "_Set Up");
  GtkSpinner *spinner = rapport_ui_test_find_nth (GTK_WIDGET (page), GTK_TYPE_SPINNER, 1);
  AdwMessageDialog *dialog;

  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (setup)));
  fill_form (page, "ftp://dav.example.com", "anna", "secret");
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (setup)));
  g_signal_emit_by_name (setup, "clicked");
  g_assert_true (rapport_ui_test_has_label_with (GTK_WIDGET (page), "is not a server address"));
  g_assert_false (gtk_spinner_get_spinning (spinner));

  fill_form (page, "http://dav.example.com/", "anna", "secret");
  g_signal_emit_by_name (setup, "clicked");
  rapport_ui_test_wait_until (message_dialog_shown, NULL);
  dialog = ADW_MESSAGE_DIALOG (rapport_ui_test_find_dialog (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Use an Unencrypted Connection?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "dav.example.com"));
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  rapport_ui_test_respond (dialog, "cancel");

  /* Declined: nothing was tried. */
  g_assert_false (gtk_spinner_get_spinning (spinner));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (setup)));
  g_assert_false (rapport_ui_test_has_label_with (GTK_WIDGET (page), "Could not set up"));

  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (page))));
}

static void
test_insecure_warning (void)
{
  rapport_ui_test_run_app (NULL, check_insecure_warning, &window);
}

/* ---- the Sync page of a book with an account ---- */

static gint64 conflict_customer;

static void
seed_account (RapportStore *store)
{
  RapportSyncAccount account = {
    .server_url = (char *) "https://dav.example.com/",
    .user_name = (char *) "anna",
    .addressbook_url = (char *) "https://dav.example.com/anna/rapport-customers/",
    .tasks_url = (char *) "https://dav.example.com/anna/rapport-check-ins/",
  };
  g_autoptr(RapportCustomer) customer = rapport_customer_new ();
  g_autoptr(GError) error = NULL;

  rapport_customer_set_name (customer, "Grace Hopper");
  rapport_customer_set_company (customer, "Remington Rand");
  g_assert_true (rapport_customer_save (customer, store, &error));
  conflict_customer = rapport_customer_get_id (customer);
  g_assert_true (rapport_sync_account_save (store, &account, &error));
  g_assert_no_error (error);
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

static AdwActionRow *
row_titled (GtkWidget  *page,
            const char *prefix)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  rapport_ui_test_collect (page, ADW_TYPE_ACTION_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_str_has_prefix (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), prefix))
      return g_ptr_array_index (rows, i);
  return NULL;
}

static gboolean
no_dialog (gpointer type)
{
  return rapport_ui_test_find_dialog ((GType) GPOINTER_TO_SIZE (type)) == NULL;
}

static void
check_account_page (RapportStore *store)
{
  g_autoptr(FakeMonitor) monitor = fake_monitor_new ();
  g_autoptr(RapportSyncScheduler) scheduler =
    rapport_sync_scheduler_new (store, G_NETWORK_MONITOR (monitor), fake_sync_run, fake_sync_finish);
  RapportPreferencesWindow *preferences = rapport_preferences_window_new (store, scheduler);
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportSyncAccount) account = NULL;
  RapportSyncConflictsDialog *conflicts;
  AdwMessageDialog *dialog;
  GtkWidget *page;
  GtkButton *sync_now;
  AdwActionRow *row;

  fake_sync_reset ();
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), "sync");
  gtk_window_present (GTK_WINDOW (preferences));
  page = rapport_ui_test_find_nth (GTK_WIDGET (preferences), RAPPORT_TYPE_SYNC_PAGE, 0);

  /* The account as the book has it; no form. */
  g_assert_cmpstr (subtitle_of (page, "Server"), ==, "https://dav.example.com/");
  g_assert_cmpstr (subtitle_of (page, "User Name"), ==, "anna");
  g_assert_cmpstr (subtitle_of (page, "Address Book"), ==, "https://dav.example.com/anna/rapport-customers/");
  g_assert_cmpstr (subtitle_of (page, "Task List"), ==, "https://dav.example.com/anna/rapport-check-ins/");
  g_assert_cmpstr (subtitle_of (page, "Last Sync"), ==, "Never");
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (rapport_ui_test_find_nth (page, ADW_TYPE_PASSWORD_ENTRY_ROW, 0))));
  g_assert_null (row_titled (page, "1 conflict"));

  /* Sync Now: syncing, then synced, in words. */
  rapport_sync_scheduler_set_enabled (scheduler, TRUE);
  fake_sync_end (0, NULL);
  wait_for_state (scheduler, RAPPORT_SYNC_STATE_IDLE);
  sync_now = find_button (page, "Sync _Now");
  g_signal_emit_by_name (sync_now, "clicked");
  g_assert_cmpuint (fake_syncs.started, ==, 2);
  g_assert_cmpstr (subtitle_of (page, "Status"), ==, "Syncing…");
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (sync_now)));
  fake_sync_end (0, g_error_new_literal (RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_AUTH, "401"));
  wait_for_state (scheduler, RAPPORT_SYNC_STATE_FAILED);
  g_assert_cmpstr (subtitle_of (page, "Status"), ==, "Sync failed: wrong user name or password");
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (sync_now)));

  /* A sync leaves a conflict: the row says so and opens the choice. */
  g_assert_true (rapport_sync_state_add_conflict (store, "customer", conflict_customer, NULL, "company",
                                                  "Remington Rand", "Sperry Rand",
                                                  g_get_real_time () / G_USEC_PER_SEC, &error));
  g_assert_no_error (error);
  g_signal_emit_by_name (sync_now, "clicked");
  fake_sync_end (1, NULL);
  wait_for_state (scheduler, RAPPORT_SYNC_STATE_IDLE);
  g_assert_cmpstr (subtitle_of (page, "Status"), ==, "Synced just now");
  g_assert_cmpstr (subtitle_of (page, "Last Sync"), ==, "Just now");
  row = row_titled (page, "1 conflict needs your choice");
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (row)));

  g_signal_emit_by_name (row, "activated");
  rapport_ui_test_wait_until (rapport_ui_test_dialog_shown, GSIZE_TO_POINTER (RAPPORT_TYPE_SYNC_CONFLICTS_DIALOG));
  conflicts = RAPPORT_SYNC_CONFLICTS_DIALOG (rapport_ui_test_find_dialog (RAPPORT_TYPE_SYNC_CONFLICTS_DIALOG));
  g_assert_true (rapport_ui_test_has_label_with (GTK_WIDGET (conflicts), "Grace Hopper · Company"));
  g_assert_true (rapport_ui_test_has_label_with (GTK_WIDGET (conflicts), "Remington Rand"));
  g_assert_true (rapport_ui_test_has_label_with (GTK_WIDGET (conflicts), "Sperry Rand"));
  /* The second Keep is the server's value. */
  g_signal_emit_by_name (rapport_ui_test_find_nth (GTK_WIDGET (conflicts), GTK_TYPE_BUTTON, 1), "clicked");
  rapport_ui_test_wait_until (no_dialog, GSIZE_TO_POINTER (RAPPORT_TYPE_SYNC_CONFLICTS_DIALOG));
  g_assert_cmpuint (rapport_sync_state_conflict_count (store, &error), ==, 0);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (row)));

  /* Forget Account, confirmed: the form again, no account in the book. */
  g_signal_emit_by_name (find_button (page, "_Forget Account…"), "clicked");
  rapport_ui_test_wait_until (message_dialog_shown, NULL);
  dialog = ADW_MESSAGE_DIALOG (rapport_ui_test_find_dialog (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Forget the Sync Account?");
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  rapport_ui_test_respond (dialog, "forget");
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (rapport_ui_test_find_nth (page, ADW_TYPE_PASSWORD_ENTRY_ROW, 0))));
  account = rapport_sync_account_load (store, &error);
  g_assert_null (account);
  g_assert_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_NOT_SET_UP);
  g_assert_cmpint (rapport_sync_scheduler_get_state (scheduler), ==, RAPPORT_SYNC_STATE_DISABLED);

  gtk_window_destroy (GTK_WINDOW (preferences));
}

static void
test_account_page (void)
{
  rapport_ui_test_run_app (seed_account, check_account_page, &window);
}

static gint64 teammate_customer;

/* Two contacts with one customer: a call logged here, and a meeting
 * a teammate logged on another laptop, come through sync. */
static void
seed_teammate_contact (RapportStore *store)
{
  g_autoptr(RapportCustomer) customer = rapport_customer_new ();
  g_autoptr(RapportInteraction) mine = NULL;
  g_autoptr(RapportInteraction) theirs = NULL;
  g_autoptr(RapportStmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  rapport_customer_set_name (customer, "Ada Lovelace");
  g_assert_true (rapport_customer_save (customer, store, &error));
  teammate_customer = rapport_customer_get_id (customer);

  mine = rapport_interaction_new (teammate_customer, "call", now - 3 * 86400, "Asked about the new engine");
  g_assert_true (rapport_interaction_save (mine, store, &error));
  theirs = rapport_interaction_new (teammate_customer, "meeting", now - 86400, "Lunch at the Analytical Society");
  g_assert_true (rapport_interaction_save (theirs, store, &error));
  g_assert_no_error (error);

  /* What the engine writes for a VJOURNAL whose ORGANIZER is not us. */
  g_assert_true (rapport_store_begin (store, &error));
  stmt = rapport_store_prepare (store, "UPDATE interaction SET logged_by = 'Ben Okafor' WHERE id = ?", &error);
  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, rapport_interaction_get_id (theirs));
  g_assert_true (rapport_store_step_done (store, stmt, &error));
  g_assert_true (rapport_store_commit (store, &error));
}

static gboolean
customers_listed (gpointer data)
{
  RapportCustomerList *list = rapport_customers_page_get_list (rapport_window_get_customers_page (window));

  return !rapport_customer_list_get_loading (list) && g_list_model_get_n_items (G_LIST_MODEL (list)) == 1;
}

/* The row of the timeline that shows @text, or NULL. */
static GtkWidget *
timeline_row_with (GtkWidget  *detail,
                   const char *text)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  rapport_ui_test_collect (detail, ADW_TYPE_ACTION_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    {
      AdwActionRow *row = g_ptr_array_index (rows, i);

      if (g_strcmp0 (adw_action_row_get_subtitle (row), text) == 0)
        return GTK_WIDGET (row);
    }
  return NULL;
}

static void
check_logged_by (RapportStore *store)
{
  GtkWidget *detail;
  GtkWidget *theirs;
  GtkWidget *mine;

  rapport_ui_test_wait_until (customers_listed, NULL);
  g_assert_true (rapport_customers_page_select_customer (rapport_window_get_customers_page (window),
                                                         teammate_customer));
  detail = rapport_ui_test_find_nth (GTK_WIDGET (window), RAPPORT_TYPE_CUSTOMER_DETAIL, 0);

  theirs = timeline_row_with (detail, "Lunch at the Analytical Society");
  mine = timeline_row_with (detail, "Asked about the new engine");
  g_assert_nonnull (theirs);
  g_assert_nonnull (mine);
  g_assert_true (rapport_ui_test_has_label_with (theirs, "Logged by Ben Okafor"));
  g_assert_false (rapport_ui_test_has_label_with (mine, "Logged by"));
}

static void
test_logged_by (void)
{
  rapport_ui_test_run_app (seed_teammate_contact, check_logged_by, &window);
}

int
main (int   argc,
      char *argv[])
{
  rapport_ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/sync/header-status", test_header_status);
  g_test_add_func ("/ui/sync/insecure-warning", test_insecure_warning);
  g_test_add_func ("/ui/sync/account-page", test_account_page);
  g_test_add_func ("/ui/sync/logged-by", test_logged_by);

  return g_test_run ();
}
