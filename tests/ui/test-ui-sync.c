/* test-ui-sync.c: the header's sync status and Preferences → Sync, driven as a user would
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The header's status follows a scheduler whose syncs the test ends
 * itself (tests/sync/fake-sync.c): syncing, synced, failed, offline.
 * A contact a teammate logged on another laptop, come through sync,
 * says whose it was in the customer's timeline.
 */

#include "config.h"

#include "fake-sync.h"
#include "rapport-application.h"
#include "rapport-customer-detail.h"
#include "rapport-customer-list.h"
#include "rapport-customers-page.h"
#include "rapport-customer.h"
#include "rapport-interaction.h"
#include "rapport-sync-error.h"
#include "rapport-sync-indicator.h"
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

  /* A server that cannot be reached is "offline" too, never a dialog. */
  rapport_sync_scheduler_sync_now (scheduler);
  fake_sync_end (0, g_error_new_literal (RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_UNREACHABLE, "Connection refused"));
  wait_for_state (scheduler, RAPPORT_SYNC_STATE_OFFLINE);
  assert_header (indicator, "Offline — changes will be sent later", "offline");
  g_assert_null (rapport_ui_test_find_dialog (ADW_TYPE_MESSAGE_DIALOG));

  rapport_sync_scheduler_set_enabled (scheduler, FALSE);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (indicator)));
  rapport_window_set_sync_scheduler (window, NULL);
}

static void
test_header_status (void)
{
  rapport_ui_test_run_app (NULL, check_header_status, &window);
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
  g_test_add_func ("/ui/sync/logged-by", test_logged_by);

  return g_test_run ();
}
