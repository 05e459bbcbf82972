/* test-ui-customers.c: search, select, edit, add, log and delete customers
 * through the real window
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rapport-application.h"
#include "rapport-ui-test.h"
#include "rapport-customer-detail.h"
#include "rapport-customer-row.h"
#include "rapport-import-dialog.h"
#include "rapport-interaction.h"
#include "rapport-sample.h"
#include "rapport-window.h"

static RapportWindow *window;

static RapportCustomerList *
customer_list (void)
{
  return rapport_customers_page_get_list (rapport_window_get_customers_page (window));
}

static gboolean
list_has (gpointer n)
{
  return !rapport_customer_list_get_loading (customer_list ()) &&
         g_list_model_get_n_items (G_LIST_MODEL (customer_list ())) == GPOINTER_TO_UINT (n);
}

static GtkWidget *
find_widget (GtkWidget  *root,
             GType       type,
             const char *css_name_or_title)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type) &&
          (css_name_or_title == NULL ||
           (ADW_IS_PREFERENCES_ROW (child) &&
            g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)), css_name_or_title) == 0)))
        return child;
      if ((found = find_widget (child, type, css_name_or_title)))
        return found;
    }
  return NULL;
}

static GType
type_named (const char *name)
{
  GType type = g_type_from_name (name);

  g_assert_true (type != 0);
  return type;
}

static void
seed_book (RapportStore *store)
{
  static const char *names[][2] = {
    { "Ada Lovelace", "Analytical Engines" }, { "Grace Hopper", "Navy Compilers" },
    { "Zoë Ångström", "Nordic Widgets" }, { "Ngozi Okafor", "Lagos Logistics" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(RapportCustomer) customer = rapport_customer_new ();
      g_autoptr(GError) error = NULL;

      rapport_customer_set_name (customer, names[i][0]);
      rapport_customer_set_company (customer, names[i][1]);
      g_assert_true (rapport_customer_save (customer, store, &error));
    }
}

static void
type_search (const char *text)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  GtkWidget *entry = NULL;

  /* The list's, not one in a drop-down's popover in the detail. */
  rapport_ui_test_collect (GTK_WIDGET (window), GTK_TYPE_SEARCH_ENTRY, entries);
  for (guint i = 0; i < entries->len && entry == NULL; i++)
    if (gtk_widget_get_mapped (g_ptr_array_index (entries, i)))
      entry = g_ptr_array_index (entries, i);
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  /* GtkSearchEntry emits search-changed after its typing delay. */
}

static void
check_search_and_edit (RapportStore *store)
{
  RapportCustomersPage *page = rapport_window_get_customers_page (window);
  RapportCustomer *selected;
  AdwEntryRow *company_row;
  g_autoptr(RapportCustomer) reloaded = NULL;

  rapport_ui_test_wait_until (list_has, GUINT_TO_POINTER (4));

  type_search ("nordic");
  rapport_ui_test_wait_until (list_has, GUINT_TO_POINTER (1));

  g_assert_true (rapport_customers_page_select_customer (page, 3));
  selected = rapport_customers_page_get_selected (page);
  g_assert_cmpstr (rapport_customer_get_name (selected), ==, "Zoë Ångström");

  /* Edit the company inline, as typing and pressing the apply button would. */
  company_row = ADW_ENTRY_ROW (find_widget (GTK_WIDGET (window), ADW_TYPE_ENTRY_ROW, "Company"));
  g_assert_nonnull (company_row);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (company_row)), ==, "Nordic Widgets");
  gtk_editable_set_text (GTK_EDITABLE (company_row), "Nordic Gadgets & Co");
  g_signal_emit_by_name (company_row, "apply");

  reloaded = rapport_customer_load (store, 3, NULL);
  g_assert_cmpstr (rapport_customer_get_company (reloaded), ==, "Nordic Gadgets & Co");

  /* The list now finds them by the new company, and no longer by the old. */
  type_search ("gadgets");
  rapport_ui_test_wait_until (list_has, GUINT_TO_POINTER (1));
  type_search ("nordic widgets");
  rapport_ui_test_wait_until (list_has, GUINT_TO_POINTER (0));
  type_search ("");
  rapport_ui_test_wait_until (list_has, GUINT_TO_POINTER (4));
}

static void
seed_many (RapportStore *store)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rapport_store_begin (store, &error));
  g_assert_true (rapport_store_exec (store,
                                     "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)"
                                     " INSERT INTO customer (name, company, created_at, updated_at)"
                                     " SELECT printf ('Customer %03d', i), 'Widgets Ltd',"
                                     "        '2026-01-05T10:00:00Z', '2026-01-05T10:00:00Z' FROM n",
                                     &error));
  g_assert_true (rapport_store_commit (store, &error));
  g_assert_no_error (error);
}

/* The list of customers, not one of the drop-downs' lists. */
static GtkWidget *
find_customer_view (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkSelectionModel *model = GTK_IS_LIST_VIEW (child) ? gtk_list_view_get_model (GTK_LIST_VIEW (child)) : NULL;
      GtkWidget *found;

      if (GTK_IS_SINGLE_SELECTION (model) &&
          gtk_single_selection_get_model (GTK_SINGLE_SELECTION (model)) == G_LIST_MODEL (customer_list ()))
        return child;
      if ((found = find_customer_view (child)) != NULL)
        return found;
    }
  return NULL;
}

static gboolean
laid_out (gpointer adjustment)
{
  return gtk_adjustment_get_upper (adjustment) > 2 * gtk_adjustment_get_page_size (adjustment);
}

static gboolean
scrolled_down (gpointer adjustment)
{
  return gtk_adjustment_get_value (adjustment) > 0;
}

static gboolean
at_top (gpointer adjustment)
{
  return gtk_adjustment_get_value (adjustment) == 0;
}

/* A search shows its results from the first, wherever the list was: the
 * list replaces the rows on screen in place, a few a frame, and the page
 * brings the view back to the top. */
static void
check_search_from_top (RapportStore *store)
{
  GtkAdjustment *adjustment;

  rapport_ui_test_wait_until (list_has, GUINT_TO_POINTER (300));
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (find_customer_view (GTK_WIDGET (window))));
  rapport_ui_test_wait_until (laid_out, adjustment);
  /* A third of the way down, as a wheel would. */
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) / 3);
  rapport_ui_test_wait_until (scrolled_down, adjustment);

  type_search ("1");  /* Customer 100 to Customer 199 */
  rapport_ui_test_wait_until (list_has, GUINT_TO_POINTER (100));
  rapport_ui_test_wait_until (at_top, adjustment);
}

static void
check_new_log_delete (RapportStore *store)
{
  RapportCustomersPage *page = rapport_window_get_customers_page (window);
  GtkWindow *dialog;
  AdwEntryRow *name_row;
  g_autoptr(GListModel) timeline = NULL;
  RapportCustomer *selected;
  gint64 id;

  /* Ctrl+N's action opens the New Customer dialog; Add is off until a name is typed. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-customer", NULL));
  rapport_ui_test_wait_until (rapport_ui_test_dialog_shown, GSIZE_TO_POINTER (type_named ("RapportNewCustomerDialog")));
  dialog = rapport_ui_test_find_dialog (type_named ("RapportNewCustomerDialog"));
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add"));
  name_row = ADW_ENTRY_ROW (find_widget (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "_Name"));
  gtk_editable_set_text (GTK_EDITABLE (name_row), "Łukasz <b>Wróbel</b>");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "add");

  rapport_ui_test_wait_until (list_has, GUINT_TO_POINTER (5));
  while (rapport_customers_page_get_selected (page) == NULL)
    g_main_context_iteration (NULL, FALSE);
  selected = rapport_customers_page_get_selected (page);
  g_assert_cmpstr (rapport_customer_get_name (selected), ==, "Łukasz <b>Wróbel</b>");
  id = rapport_customer_get_id (selected);

  /* Ctrl+L logs a contact with the selected customer. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.log-contact", NULL));
  rapport_ui_test_wait_until (rapport_ui_test_dialog_shown, GSIZE_TO_POINTER (type_named ("RapportContactDialog")));
  dialog = rapport_ui_test_find_dialog (type_named ("RapportContactDialog"));
  gtk_editable_set_text (GTK_EDITABLE (find_widget (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "W_hat Happened")),
                         "Called about the renewal");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "log");
  /* A referral given to the customer is kept as one, and on the timeline. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.log-contact", NULL));
  rapport_ui_test_wait_until (rapport_ui_test_dialog_shown, GSIZE_TO_POINTER (type_named ("RapportContactDialog")));
  dialog = rapport_ui_test_find_dialog (type_named ("RapportContactDialog"));
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_widget (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, "Kind")), 6);
  gtk_editable_set_text (GTK_EDITABLE (find_widget (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "W_hat Happened")),
                         "Hedy Lamarr, who needs a radio engineer");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "log");
  {
    g_autoptr(RapportStmt) given = rapport_store_prepare (store, "SELECT given_to FROM referral_given"
                                                                 " WHERE customer_id = ?", NULL);
    sqlite3_bind_int64 (given, 1, id);
    g_assert_cmpint (sqlite3_step (given), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (given, 0), ==, "Hedy Lamarr, who needs a radio engineer");
  }

  timeline = rapport_interaction_list_for_customer (store, id, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (timeline), ==, 2);
  g_assert_cmpint (rapport_customer_get_last_contact (selected), >, 0);

  /* Delete takes the customer out of the list at once; Undo brings them back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-customer", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (customer_list ())), ==, 4);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-delete", "x", id));
  rapport_ui_test_wait_until (list_has, GUINT_TO_POINTER (5));
  g_assert_nonnull (rapport_customer_load (store, id, NULL));

  /* Without Undo, the deletion is carried out (here: when the window goes). */
  g_assert_true (rapport_customers_page_select_customer (page, id));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-customer", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (customer_list ())), ==, 4);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_cmpint (rapport_customer_count (store, NULL), ==, 4);
}

static gboolean
import_ready (gpointer dialog)
{
  return rapport_import_dialog_get_ready (dialog);
}

static gboolean
label_shows (gpointer text)
{
  GtkWindow *dialog = rapport_ui_test_find_dialog (RAPPORT_TYPE_IMPORT_DIALOG);

  return dialog != NULL && rapport_ui_test_has_label_with (GTK_WIDGET (dialog), text);
}

static GFile *
write_csv (const char *name,
           const char *contents)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return g_file_new_for_path (path);
}

static void
check_import (RapportStore *store)
{
  g_autoptr(GFile) good = write_csv ("good.csv",
                                     "Name,Company,Email\r\n"
                                     "Hedy Lamarr,Frequency Hopping,hedy@example.com\r\n"
                                     "Katherine Johnson,NASA,kj@example.org\r\n"
                                     "\"Smith, Jane\",\"Quotes \"\"R\"\" Us\",jane@example.com\r\n");
  g_autoptr(GFile) bad = write_csv ("bad.csv", "name,company\nAda,\"Engines\n");
  RapportImportDialog *dialog;

  rapport_ui_test_wait_until (list_has, GUINT_TO_POINTER (4));

  /* A broken file is explained, with its line, and cannot be imported. */
  dialog = rapport_import_dialog_new (store, bad);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (dialog));
  rapport_ui_test_wait_until (label_shows, (gpointer) "bad.csv:2:");
  g_assert_false (rapport_import_dialog_get_ready (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* A good one previews its first rows, then imports them in the background. */
  dialog = rapport_import_dialog_new (store, good);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (dialog));
  rapport_ui_test_wait_until (import_ready, dialog);
  g_assert_true (label_shows ((gpointer) "3 customers to import"));
  rapport_import_dialog_start (dialog);
  rapport_ui_test_wait_until (list_has, GUINT_TO_POINTER (7));
  g_assert_cmpint (rapport_customer_count (store, NULL), ==, 7);
}

static void
check_sample_data (RapportStore *store)
{
  rapport_ui_test_wait_until (list_has, GUINT_TO_POINTER (4));

  /* Sample data only goes into an empty book: here it is refused. */
  g_action_group_activate_action (G_ACTION_GROUP (rapport_ui_test_app), "sample-data", NULL);
  g_assert_cmpint (rapport_customer_count (store, NULL), ==, 4);
}

static GtkWidget *
find_button_labelled (GtkWidget  *root,
                      const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) && gtk_widget_get_mapped (child) &&
          g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), label) == 0)
        return child;
      if ((found = find_button_labelled (child, label)))
        return found;
    }
  return NULL;
}

static const char *
follow_up_state (RapportStore *store,
                 gint64        id)
{
  g_autoptr(RapportStmt) stmt = rapport_store_prepare (store, "SELECT state FROM follow_up WHERE id = ?", NULL);
  static char state[16];

  sqlite3_bind_int64 (stmt, 1, id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_strlcpy (state, (const char *) sqlite3_column_text (stmt, 0), sizeof state);
  return state;
}

static void
check_done_from_detail (RapportStore *store)
{
  RapportCustomersPage *page = rapport_window_get_customers_page (window);
  GtkWidget *done;

  g_assert_true (rapport_store_exec (store,
                                     "INSERT INTO follow_up (id, customer_id, kind, due_at, reason, created_at)"
                                     " VALUES (77, 2, 'keep_in_touch', '2020-01-01T09:00:00Z',"
                                     " 'No contact for a while', '2020-01-01T09:00:00Z')", NULL));
  rapport_store_notify_changed (store);
  rapport_ui_test_wait_until (list_has, GUINT_TO_POINTER (4));
  g_assert_true (rapport_customers_page_select_customer (page, 2));
  while (g_main_context_iteration (NULL, FALSE))
    ;

  /* The overdue check-in is listed with a Done button that completes it. */
  done = find_button_labelled (GTK_WIDGET (window), "_Done");
  g_assert_nonnull (done);
  g_signal_emit_by_name (done, "clicked");
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpstr (follow_up_state (store, 77), ==, "done");
}

static gboolean
leaflet_folded (gpointer leaflet)
{
  return adw_leaflet_get_folded (leaflet);
}

static void
check_narrow (RapportStore *store)
{
  RapportCustomersPage *page = rapport_window_get_customers_page (window);
  AdwLeaflet *leaflet;
  GtkWidget *detail;

  /* At a phone's width the list and the detail take turns. */
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 700);
  leaflet = ADW_LEAFLET (find_widget (GTK_WIDGET (page), ADW_TYPE_LEAFLET, NULL));
  rapport_ui_test_wait_until (leaflet_folded, leaflet);
  rapport_ui_test_wait_until (list_has, GUINT_TO_POINTER (4));

  g_assert_true (rapport_customers_page_select_customer (page, 1));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  /* The detail is built on the first selection, into its place in the
   * leaflet. */
  g_assert_true (ADW_IS_BIN (adw_leaflet_get_visible_child (leaflet)));
  detail = adw_bin_get_child (ADW_BIN (adw_leaflet_get_visible_child (leaflet)));
  g_assert_true (RAPPORT_IS_CUSTOMER_DETAIL (detail));

  /* Its back button returns to the list. */
  g_signal_emit_by_name (detail, "go-back");
  g_assert_true (gtk_widget_get_parent (detail) != adw_leaflet_get_visible_child (leaflet));
}

static void
run_app (RapportUiTestCheck check)
{
  rapport_ui_test_run_app (seed_book, check, &window);
}

static void
test_done_from_detail (void)
{
  run_app (check_done_from_detail);
}

static void
test_narrow (void)
{
  run_app (check_narrow);
}

static void
test_import (void)
{
  run_app (check_import);
}

static void
test_sample_data_refused (void)
{
  run_app (check_sample_data);
}

static void
test_search_and_edit (void)
{
  run_app (check_search_and_edit);
}

static void
test_new_log_delete (void)
{
  run_app (check_new_log_delete);
}

static void
test_search_from_top (void)
{
  rapport_ui_test_run_app (seed_many, check_search_from_top, &window);
}

/* A row bound to a customer not read yet hides its avatar as it was:
 * emptying it restyled it, and again once the customer was read, for
 * each of the 200 rows GTK binds at every jump of a scroll.  Read, the
 * customer has their own avatar. */
static void
test_row_placeholder (void)
{
  g_autoptr(RapportCustomer) ada = rapport_customer_new ();
  g_autoptr(RapportCustomer) unread = rapport_customer_new_placeholder (7);
  g_autoptr(RapportCustomer) read = rapport_customer_new_placeholder (7);
  g_autoptr(GtkWidget) row = NULL;
  AdwAvatar *avatar;

  adw_init ();
  row = g_object_ref_sink (rapport_customer_row_new ());
  avatar = ADW_AVATAR (rapport_ui_test_find_nth (row, ADW_TYPE_AVATAR, 0));
  rapport_customer_set_name (ada, "Ada Lovelace");
  rapport_customer_row_set_customer (RAPPORT_CUSTOMER_ROW (row), ada, 3);
  g_assert_cmpstr (adw_avatar_get_text (avatar), ==, "Ada Lovelace");
  g_assert_cmpfloat (gtk_widget_get_opacity (GTK_WIDGET (avatar)), ==, 1);

  rapport_customer_row_set_customer (RAPPORT_CUSTOMER_ROW (row), unread, 3);
  g_assert_cmpstr (adw_avatar_get_text (avatar), ==, "Ada Lovelace");
  g_assert_cmpfloat (gtk_widget_get_opacity (GTK_WIDGET (avatar)), ==, 0);
  g_assert_false (rapport_ui_test_has_label_with (row, "Ada Lovelace"));

  rapport_customer_set_name (read, "Grace Hopper");
  rapport_customer_update_from (unread, read);
  g_assert_cmpstr (adw_avatar_get_text (avatar), ==, "Grace Hopper");
  g_assert_cmpfloat (gtk_widget_get_opacity (GTK_WIDGET (avatar)), ==, 1);
  g_assert_true (rapport_ui_test_has_label_with (row, "Grace Hopper"));
}

int
main (int   argc,
      char *argv[])
{
  rapport_ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/customers/search-and-edit", test_search_and_edit);
  g_test_add_func ("/ui/customers/new-log-delete", test_new_log_delete);
  g_test_add_func ("/ui/customers/search-from-top", test_search_from_top);
  g_test_add_func ("/ui/customers/import", test_import);
  g_test_add_func ("/ui/customers/narrow", test_narrow);
  g_test_add_func ("/ui/customers/done-from-detail", test_done_from_detail);
  g_test_add_func ("/ui/customers/sample-data-refused", test_sample_data_refused);
  g_test_add_func ("/ui/customers/row-placeholder", test_row_placeholder);

  return g_test_run ();
}
