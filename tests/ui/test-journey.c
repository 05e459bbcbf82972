/* test-journey.c: one customer's whole journey through the real application,
 * from an imported file to a won referral, a reminder on the desktop's
 * notification server, exports, and a second start on the same book
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The clock is RAPPORT_FAKE_NOW, moved forward as the story goes; the
 * notification server is the real one the headless runner starts (dunst).
 * What reaches it is read by eavesdropping on the session bus.
 */

#include "config.h"

#include <sqlite3.h>

#include "rapport-application.h"
#include "rapport-customer-detail.h"
#include "rapport-exporter.h"
#include "rapport-import-dialog.h"
#include "rapport-referral-dialog.h"
#include "rapport-referral-row.h"
#include "rapport-referral.h"
#include "rapport-referrals-page.h"
#include "rapport-sale-dialog.h"
#include "rapport-testimonial-card.h"
#include "rapport-testimonial-dialog.h"
#include "rapport-testimonials-page.h"
#include "rapport-time.h"
#include "rapport-ui-test.h"
#include "rapport-window.h"

#define wait_until rapport_ui_test_wait_until
#define DAY ((gint64) 24 * 60 * 60)

#define QUOTE "Grace's <b>compilers</b> & more, never late"
#define SECRET "Keep this one to ourselves"

static RapportApplication *running_app;
static RapportWindow *window;
static char *rapport_exe;

/* What the notification server was asked to show. */
static GMutex notes_lock;
static GPtrArray *notes;  /* "summary\nbody" */

static gint64
int_query (RapportStore *store,
           const char   *sql)
{
  g_autoptr(RapportStmt) stmt = rapport_store_prepare (store, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static gint64
due_at_of (RapportStore *store,
           gint64        follow_up)
{
  g_autoptr(RapportStmt) stmt = rapport_store_prepare (store, "SELECT due_at FROM follow_up WHERE id = ?", NULL);
  gint64 due = 0;

  sqlite3_bind_int64 (stmt, 1, follow_up);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_true (rapport_time_parse_utc ((const char *) sqlite3_column_text (stmt, 0), &due));
  return due;
}

static void
set_now (gint64 now)
{
  g_autofree char *text = rapport_time_format_utc (now);

  g_setenv ("RAPPORT_FAKE_NOW", text, TRUE);
}

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

static RapportCustomerDetail *
detail (void)
{
  return rapport_ui_test_find_nth (GTK_WIDGET (window), RAPPORT_TYPE_CUSTOMER_DETAIL, 0);
}

static gpointer
child_of (gpointer    widget,
          GType       type,
          const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (child);
  return child;
}

static void
set_text (gpointer    widget,
          GType       type,
          const char *name,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (child_of (widget, type, name)), text);
}

static gpointer
wait_for_dialog (GType type)
{
  wait_until (rapport_ui_test_dialog_shown, GSIZE_TO_POINTER (type));
  return rapport_ui_test_find_dialog (type);
}

/* Eavesdropping: a copy of every Notify call on the bus comes here, in
 * GDBus's worker thread. */
static GDBusMessage *
on_bus_message (GDBusConnection *connection,
                GDBusMessage    *message,
                gboolean         incoming,
                gpointer         user_data)
{
  const char *summary, *body;
  GVariant *body_v = g_dbus_message_get_body (message);

  if (incoming && g_dbus_message_get_message_type (message) == G_DBUS_MESSAGE_TYPE_METHOD_CALL &&
      g_strcmp0 (g_dbus_message_get_member (message), "Notify") == 0 &&
      body_v != NULL && g_variant_is_of_type (body_v, G_VARIANT_TYPE ("(susssasa{sv}i)")))
    {
      g_variant_get (body_v, "(&su&s&s&s@as@a{sv}i)", NULL, NULL, NULL, &summary, &body, NULL, NULL, NULL);
      g_mutex_lock (&notes_lock);
      g_ptr_array_add (notes, g_strdup_printf ("%s\n%s", summary, body));
      g_mutex_unlock (&notes_lock);
    }
  /* A copy is not ours to answer: GDBus would reply "no such object" to
   * the app before the server does. */
  if (incoming && g_dbus_message_get_message_type (message) == G_DBUS_MESSAGE_TYPE_METHOD_CALL)
    {
      g_object_unref (message);
      return NULL;
    }
  return message;
}

static GDBusConnection *
eavesdrop_notifications (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, &error);
  GDBusConnection *connection;
  g_autoptr(GVariant) reply = NULL;

  g_assert_no_error (error);
  connection = g_dbus_connection_new_for_address_sync (address,
                                                       G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                       G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                       NULL, NULL, &error);
  g_assert_no_error (error);
  g_dbus_connection_add_filter (connection, on_bus_message, NULL, NULL);
  reply = g_dbus_connection_call_sync (connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "AddMatch",
                                       g_variant_new ("(s)", "eavesdrop='true',type='method_call',"
                                                      "interface='org.freedesktop.Notifications',"
                                                      "member='Notify'"),
                                       NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  return connection;
}

static gboolean
note_arrived (gpointer text)
{
  gboolean found = FALSE;

  g_mutex_lock (&notes_lock);
  for (guint i = 0; i < notes->len && !found; i++)
    found = strstr (g_ptr_array_index (notes, i), text) != NULL;
  g_mutex_unlock (&notes_lock);
  return found;
}

static char *
dunstctl (const char *command,
          const char *argument)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  char *out = NULL;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, "dunstctl", command, argument, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (process));
  return g_strstrip (out);
}

static guint
dunst_displayed (void)
{
  g_autofree char *count = dunstctl ("count", "displayed");

  return (guint) g_ascii_strtoull (count, NULL, 10);
}

static gboolean
dunst_shows (gpointer n)
{
  return dunst_displayed () == GPOINTER_TO_UINT (n);
}

/* 1. The user imports last year's customers from a spreadsheet. */
static void
import_customers (RapportStore *store)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "customers.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  RapportImportDialog *dialog;

  g_assert_true (g_file_set_contents (path,
                                      "Name,Company,Email\r\n"
                                      "Ada Lovelace,Analytical Engines,ada@example.com\r\n"
                                      "Grace Hopper,Navy Compilers,grace@example.com\r\n"
                                      "\"Łukasz <b>Wróbel</b>\",\"Wróbel & Syn\",lukasz@example.com\r\n",
                                      -1, NULL));
  wait_until (list_has, GUINT_TO_POINTER (0));
  dialog = rapport_import_dialog_new (store, file);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (dialog));
  wait_until ((RapportUiTestCondition) rapport_import_dialog_get_ready, dialog);
  g_assert_true (rapport_ui_test_has_label_with (GTK_WIDGET (dialog), "3 customers to import"));
  rapport_import_dialog_start (dialog);
  wait_until (list_has, GUINT_TO_POINTER (3));
}

static gint64
id_of (RapportStore *store,
       const char   *name)
{
  g_autoptr(RapportStmt) stmt = rapport_store_prepare (store, "SELECT id FROM customer WHERE name = ?", NULL);

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static gboolean
detail_shows (gpointer id)
{
  RapportCustomer *customer = detail () != NULL ? rapport_customer_detail_get_customer (detail ()) : NULL;

  return customer != NULL && rapport_customer_get_id (customer) == (gint64) GPOINTER_TO_SIZE (id);
}

static GtkListBoxRow *
first_sale_row (void)
{
  GtkListBox *sales = child_of (detail (), RAPPORT_TYPE_CUSTOMER_DETAIL, "sales_list");

  return gtk_list_box_get_row_at_index (sales, 0);
}

/* 2. Grace buys; at the close she agrees to refer; a week later it is
 * delivered, which the user records by editing the sale. */
static void
record_sale (RapportStore *store,
             gint64        grace,
             const char   *delivered_on)
{
  GType type = RAPPORT_TYPE_SALE_DIALOG;
  gpointer dialog;
  GtkListBoxRow *row;

  g_assert_true (rapport_customers_page_select_customer (rapport_window_get_customers_page (window), grace));
  wait_until (detail_shows, GSIZE_TO_POINTER (grace));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (detail ()), "detail.add-sale", NULL));
  dialog = wait_for_dialog (type);
  set_text (dialog, type, "product_row", "Difference Engine");
  set_text (dialog, type, "amount_row", "1200.50");
  set_text (dialog, type, "closed_row", "2026-03-02");
  adw_combo_row_set_selected (child_of (dialog, type, "prepositioned_row"), 1);  /* Agreed */
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "save"));
  rapport_ui_test_respond (dialog, "save");

  row = first_sale_row ();
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Difference Engine");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "not delivered yet"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "referral: Agreed"));

  /* Delivered: open the sale again and fill in the day. */
  g_signal_emit_by_name (child_of (detail (), RAPPORT_TYPE_CUSTOMER_DETAIL, "sales_list"), "row-activated", row);
  dialog = wait_for_dialog (type);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Edit Sale");
  set_text (dialog, type, "delivered_row", delivered_on);
  rapport_ui_test_respond (dialog, "save");

  row = first_sale_row ();
  {
    g_autofree char *day = rapport_date_describe ("2026-03-09");
    g_autofree char *delivered = g_strdup_printf ("delivered %s", day);

    g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), delivered));
  }
  g_assert_cmpint (int_query (store, "SELECT count(*) FROM sale WHERE delivered_on = '2026-03-09'"
                                     " AND referral_prepositioned = 'agreed' AND amount_cents = 120050"), ==, 1);
}

static gboolean
follow_up_is_done (gpointer id)
{
  g_autoptr(RapportStmt) stmt = rapport_store_prepare (rapport_application_get_store (running_app),
                                                       "SELECT state FROM follow_up WHERE id = ?", NULL);

  sqlite3_bind_int64 (stmt, 1, GPOINTER_TO_SIZE (id));
  return sqlite3_step (stmt) == SQLITE_ROW &&
         g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "done") == 0;
}

/* The Done button of a check-in listed in the customer's detail. */
static GtkWidget *
done_button (gint64 follow_up)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  rapport_ui_test_collect (GTK_WIDGET (detail ()), GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    {
      GVariant *target = gtk_actionable_get_action_target_value (g_ptr_array_index (buttons, i));

      if (target != NULL && g_variant_is_of_type (target, G_VARIANT_TYPE_INT64) &&
          g_variant_get_int64 (target) == follow_up)
        return g_ptr_array_index (buttons, i);
    }
  return NULL;
}

static gboolean
settle (gpointer data)
{
  gint64 *until = data;

  return g_get_monotonic_time () > *until;
}

static void
run_for (int ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  wait_until (settle, &until);
}

/* 3. Three days after delivery the desktop reminds the user to check in
 * with Grace; they open it from the notification and mark it done. */
static void
delivery_reminder (RapportStore *store,
                   gint64        grace)
{
  gint64 delivered, check_in, due;
  g_autoptr(GDateTime) delivered_day = g_date_time_new_utc (2026, 3, 9, 0, 0, 0);
  GtkWidget *done;

  check_in = int_query (store, "SELECT id FROM follow_up WHERE kind = 'delivery_check_in' AND state = 'due'"
                               " ORDER BY due_at LIMIT 1");
  due = due_at_of (store, check_in);
  delivered = g_date_time_to_unix (delivered_day);
  g_assert_cmpint (due, >=, delivered + 3 * DAY);
  g_assert_cmpint (due, <, delivered + 4 * DAY);

  /* The clock comes to two seconds before it; the nudger arms its timer,
   * and fires two (real) seconds later, when the clock says it is due. */
  set_now (due - 2);
  rapport_store_notify_changed (store);
  run_for (300);
  set_now (due);
  wait_until (note_arrived, (gpointer) "Grace Hopper\nDelivered Difference Engine");
  g_assert_true (note_arrived ((gpointer) "Delivery check-in\nGrace Hopper"));
  wait_until (dunst_shows, GUINT_TO_POINTER (1));

  /* A click on it (dunst's default action: Open) brings Grace up. */
  rapport_customers_page_select_customer (rapport_window_get_customers_page (window),
                                          id_of (store, "Ada Lovelace"));
  g_free (dunstctl ("action", "0"));
  wait_until (detail_shows, GSIZE_TO_POINTER (grace));

  /* Done on the check-in closes the reminder on the desktop too. */
  done = done_button (check_in);
  g_assert_nonnull (done);
  g_signal_emit_by_name (done, "clicked");
  wait_until (follow_up_is_done, GSIZE_TO_POINTER (check_in));
  wait_until (dunst_shows, GUINT_TO_POINTER (0));
}

static gboolean
ready_to_ask_shows (gpointer name)
{
  gpointer page = rapport_ui_test_find_nth (GTK_WIDGET (window), RAPPORT_TYPE_REFERRALS_PAGE, 0);
  AdwPreferencesGroup *group;

  if (page == NULL)
    return FALSE;
  group = child_of (page, RAPPORT_TYPE_REFERRALS_PAGE, "ready_group");
  return gtk_widget_get_visible (GTK_WIDGET (group)) &&
         g_strcmp0 (adw_preferences_group_get_title (group), "Ready to Ask (1)") == 0 &&
         rapport_ui_test_has_label_with (GTK_WIDGET (group), name);
}

/* 4. Two weeks after delivery Grace says she is delighted: she is now
 * someone to ask for an introduction. */
static void
record_delight (RapportStore *store,
                gint64        grace)
{
  set_now (1772445600 + 22 * DAY);  /* 2026-03-24, fifteen days after delivery */
  rapport_window_set_view (window, "customers");
  wait_until (detail_shows, GSIZE_TO_POINTER (grace));
  adw_combo_row_set_selected (child_of (detail (), RAPPORT_TYPE_CUSTOMER_DETAIL, "satisfaction_row"), 3);
  g_assert_cmpint (int_query (store, "SELECT count(*) FROM customer WHERE name = 'Grace Hopper'"
                                     " AND satisfaction = 'delighted'"), ==, 1);
  g_assert_cmpint (int_query (store, "SELECT count(*) FROM follow_up WHERE kind = 'introduction_ask'"
                                     " AND state = 'due'"), ==, 1);

  rapport_window_set_view (window, "referrals");
  wait_until (ready_to_ask_shows, "Grace Hopper");
}

static RapportReferralRow *
find_row (gint64 id)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  rapport_ui_test_collect (GTK_WIDGET (window), RAPPORT_TYPE_REFERRAL_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (rapport_referral_get_id (rapport_referral_row_get_referral (g_ptr_array_index (rows, i))) == id)
      return g_ptr_array_index (rows, i);
  return NULL;
}

typedef struct
{
  gint64      id;
  const char *stage;
} RowWanted;

static gboolean
row_in_stage (gpointer data)
{
  RowWanted *wanted = data;
  RapportReferralRow *row = find_row (wanted->id);

  return row != NULL &&
         g_strcmp0 (rapport_referral_get_stage (rapport_referral_row_get_referral (row)), wanted->stage) == 0;
}

/* Moves the referral through its row's menu, as a click there does. */
static void
set_stage (gint64      id,
           const char *from,
           const char *to)
{
  RowWanted before = { id, from }, after = { id, to };

  wait_until (row_in_stage, &before);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (find_row (id)), "row.set-stage", "s", to));
  wait_until (row_in_stage, &after);
}

/* Never pester: Grace's open check-ins fall on one instant (merged into
 * one contact) or at least her minimum gap apart, and the first not
 * within the gap of her last contact. */
static void
assert_never_pestered (RapportStore *store,
                       gint64        customer)
{
  g_autoptr(RapportStmt) stmt = rapport_store_prepare (store,
                                                       "SELECT DISTINCT due_at FROM follow_up WHERE customer_id = ?"
                                                       " AND state IN ('due', 'snoozed') ORDER BY due_at",
                                                       NULL);
  g_autoptr(RapportCustomer) loaded = rapport_customer_load (store, customer, NULL);
  gint64 previous = rapport_customer_get_last_contact (loaded);
  guint n = 0;

  g_assert_cmpint (previous, >, 0);  /* the delivery check-in, done */
  sqlite3_bind_int64 (stmt, 1, customer);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 due = 0;

      g_assert_true (rapport_time_parse_utc ((const char *) sqlite3_column_text (stmt, 0), &due));
      g_assert_cmpint (due - previous, >=, 3 * DAY);
      previous = due;
      n++;
    }
  g_assert_cmpuint (n, >=, 2);
}

static gboolean
referrer_picked (gpointer view)
{
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (view));
  RapportCustomer *selected = gtk_single_selection_get_selected_item (selection);

  return selected != NULL && g_strcmp0 (rapport_customer_get_name (selected), "Grace Hopper") == 0;
}

/* 5. Grace, unasked, introduces a friend: the user records it with her
 * selected (Ctrl+R), then moves it to introduced. */
static gint64
record_referral (RapportStore *store,
                 gint64        grace)
{
  GType type = RAPPORT_TYPE_REFERRAL_DIALOG;
  gpointer dialog;
  gint64 id;

  rapport_window_set_view (window, "customers");
  wait_until (detail_shows, GSIZE_TO_POINTER (grace));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.record-referral", NULL));
  dialog = wait_for_dialog (type);
  wait_until (referrer_picked, child_of (dialog, type, "referrer_view"));
  set_text (dialog, type, "name_row", "Carol Díaz");
  set_text (dialog, type, "email_row", "carol@example.com");
  set_text (dialog, type, "company_row", "Díaz & Hijos");
  adw_combo_row_set_selected (child_of (dialog, type, "type_row"), 1);  /* Proactive */
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "record"));
  rapport_ui_test_respond (dialog, "record");

  id = int_query (store, "SELECT max (id) FROM referral WHERE type = 'proactive'");
  g_assert_cmpint (id, >, 0);
  rapport_window_set_view (window, "referrals");
  set_stage (id, "promised", "introduced");
  /* The playbook's answer: thank Grace, contact Carol, keep Grace informed. */
  g_assert_cmpint (int_query (store, "SELECT count(*) FROM follow_up f JOIN customer c ON c.id = f.customer_id"
                                     " WHERE c.name = 'Grace Hopper' AND f.kind = 'thank_referrer'"
                                     " AND f.state = 'due'"), ==, 1);
  g_assert_cmpint (int_query (store, "SELECT count(*) FROM follow_up f JOIN customer c ON c.id = f.customer_id"
                                     " WHERE c.name = 'Grace Hopper' AND f.kind = 'keep_source_informed'"
                                     " AND f.state = 'due'"), ==, 1);
  g_assert_cmpint (int_query (store, "SELECT count(*) FROM follow_up f JOIN customer c ON c.id = f.customer_id"
                                     " WHERE c.name = 'Carol Díaz' AND f.kind = 'contact_referral'"
                                     " AND f.state = 'due'"), ==, 1);
  assert_never_pestered (store, grace);
  return id;
}

/* 6. Carol buys: the user moves the referral to won, and the playbook
 * asks for a thank-you to Grace. */
static void
win_referral (RapportStore *store,
              gint64        referral)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM follow_up WHERE kind = 'thank_referrer'"
                                          " AND state = 'due'"
                                          " AND reason LIKE '%%became a customer%%thank-you note or a small gift'");

  set_now (1772445600 + 30 * DAY);
  set_stage (referral, "introduced", "won");
  g_assert_cmpint (int_query (store, sql), ==, 1);
}

static gboolean
dialog_customer_found (gpointer list_view)
{
  return g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (list_view))) == 1;
}

/* Through the Add Testimonial dialog, as the user types it. */
static void
add_testimonial (const char *search,
                 const char *quote,
                 guint       permission)
{
  GType type = RAPPORT_TYPE_TESTIMONIAL_DIALOG;
  gpointer page = rapport_ui_test_find_nth (GTK_WIDGET (window), RAPPORT_TYPE_TESTIMONIALS_PAGE, 0);
  gpointer dialog;
  GtkWidget *view;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "testimonials.add", NULL));
  dialog = wait_for_dialog (type);
  set_text (dialog, type, "customer_search", search);
  view = child_of (dialog, type, "customer_view");
  wait_until (dialog_customer_found, view);
  g_signal_emit_by_name (view, "activate", 0);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (child_of (dialog, type, "quote_view")), quote, -1);
  adw_combo_row_set_selected (child_of (dialog, type, "permission_row"), permission);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "add"));
  rapport_ui_test_respond (dialog, "add");
}

static char *
export_to (RapportStore *store,
           const char   *name)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_assert_true (rapport_exporter_write_file (store, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

/* 7. Grace writes a few words for the website; Ada one for us alone.
 * The public page shows Grace's, escaped, with her name; not Ada's. */
static void
testimonials_in_html (RapportStore *store)
{
  g_autofree char *html = NULL;

  rapport_window_set_view (window, "testimonials");
  add_testimonial ("grace", QUOTE, 2);  /* Public, with name */
  add_testimonial ("ada", SECRET, 0);   /* Private */
  g_assert_cmpint (int_query (store, "SELECT count(*) FROM testimonial WHERE permission = 'public_named'"), ==, 1);
  g_assert_cmpint (int_query (store, "SELECT count(*) FROM testimonial WHERE permission = 'private'"), ==, 1);

  html = export_to (store, "testimonials.html");
  g_assert_nonnull (strstr (html, "Grace&#39;s &lt;b&gt;compilers&lt;/b&gt; &amp; more, never late"));
  g_assert_nonnull (strstr (html, "Grace Hopper"));
  g_assert_null (strstr (html, "<b>compilers"));
  g_assert_null (strstr (html, SECRET));
}

/* 8. The user exports the open check-ins to their calendar. */
static void
check_ins_in_ics (RapportStore *store)
{
  g_autofree char *ics = export_to (store, "check-ins.ics");
  g_autoptr(RapportStmt) stmt = rapport_store_prepare (store,
                                                       "SELECT id FROM follow_up WHERE state IN ('due', 'snoozed')",
                                                       NULL);
  g_auto(GStrv) todos = g_strsplit (ics, "BEGIN:VTODO", -1);
  guint n = 0;

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *uid = g_strdup_printf ("UID:follow-up-%lld@", (long long) sqlite3_column_int64 (stmt, 0));

      g_assert_nonnull (strstr (ics, uid));
      n++;
    }
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (g_strv_length (todos) - 1, ==, n);
}

static guint
testimonial_cards (void)
{
  g_autoptr(GPtrArray) cards = g_ptr_array_new ();
  guint n = 0;

  rapport_ui_test_collect (GTK_WIDGET (window), RAPPORT_TYPE_TESTIMONIAL_CARD, cards);
  for (guint i = 0; i < cards->len; i++)
    if (gtk_widget_get_mapped (g_ptr_array_index (cards, i)) &&
        rapport_testimonial_card_get_testimonial (g_ptr_array_index (cards, i)) != NULL)
      n++;
  return n;
}

static gboolean
cards_shown (gpointer n)
{
  return testimonial_cards () == GPOINTER_TO_UINT (n);
}

/* 9. The next morning the user starts Rapport again: everything is there. */
static void
second_run (RapportStore *store)
{
  RowWanted won = { int_query (store, "SELECT max (id) FROM referral"), "won" };

  wait_until (list_has, GUINT_TO_POINTER (4));  /* three imported, and Carol */
  g_assert_true (rapport_customers_page_select_customer (rapport_window_get_customers_page (window),
                                                         id_of (store, "Grace Hopper")));
  wait_until (detail_shows, GSIZE_TO_POINTER (id_of (store, "Grace Hopper")));
  {
    g_autofree char *day = rapport_date_describe ("2026-03-09");
    g_autofree char *delivered = g_strdup_printf ("delivered %s", day);

    g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (first_sale_row ())), delivered));
  }

  rapport_window_set_view (window, "referrals");
  wait_until (row_in_stage, &won);

  rapport_window_set_view (window, "testimonials");
  wait_until (cards_shown, GUINT_TO_POINTER (2));
}

typedef void (*Check) (RapportStore *store);

static gboolean
run_check (gpointer check)
{
  window = RAPPORT_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (running_app)));
  ((Check) check) (rapport_application_get_store (running_app));
  g_application_quit (G_APPLICATION (running_app));
  return G_SOURCE_REMOVE;
}

static void
on_activate (GApplication *app,
             gpointer      check)
{
  /* Once: a reminder's Open activates the application again. */
  g_signal_handlers_disconnect_by_func (app, on_activate, check);
  g_idle_add (run_check, check);
}

static void
run_app (Check check)
{
  g_autoptr(RapportApplication) app = rapport_application_new ();

  running_app = app;
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate), check);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 0, NULL), ==, 0);
  running_app = NULL;
  window = NULL;
}

static void
first_run (RapportStore *store)
{
  gint64 grace, referral;

  import_customers (store);
  grace = id_of (store, "Grace Hopper");
  record_sale (store, grace, "2026-03-09");
  delivery_reminder (store, grace);
  record_delight (store, grace);
  referral = record_referral (store, grace);
  win_referral (store, referral);
  testimonials_in_html (store);
  check_ins_in_ics (store);
}

static void
test_journey (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GDBusConnection) eavesdropper = NULL;
  static const char * const every_day[] = { "mon", "tue", "wed", "thu", "fri", "sat", "sun", NULL };

  if (g_getenv ("DISPLAY") == NULL || g_find_program_in_path ("dunstctl") == NULL)
    {
      g_test_skip ("needs a display and dunst: run under build-aux/headless-run");
      return;
    }

  rapport_ui_test_restore_data_dirs ();
  /* Reminders at any hour of any day, so the story does not depend on
   * when the quiet hours fall. */
  g_settings_set_boolean (settings, "quiet-hours-enabled", FALSE);
  g_settings_set_strv (settings, "working-days", every_day);
  /* The server is shared with the tests run before: start with a clear
   * desktop, so what is shown next is ours. */
  g_free (dunstctl ("close-all", NULL));
  wait_until (dunst_shows, GUINT_TO_POINTER (0));
  notes = g_ptr_array_new_with_free_func (g_free);
  eavesdropper = eavesdrop_notifications ();
  set_now (1772445600);  /* Monday 2026-03-02, 10:00 UTC */

  run_app (first_run);
  run_app (second_run);

  g_dbus_connection_close_sync (eavesdropper, NULL, NULL);
  g_clear_pointer (&notes, g_ptr_array_unref);
}

int
main (int   argc,
      char *argv[])
{
  /* Local time is UTC, so due times read the same everywhere. */
  g_setenv ("TZ", "UTC", TRUE);
  rapport_ui_test_init (&argc, &argv);
  if (argc > 1)
    rapport_exe = argv[1];

  g_test_add_func ("/ui/journey", test_journey);

  return g_test_run ();
}
