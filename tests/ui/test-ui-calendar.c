/* test-ui-calendar.c: the Follow-ups view of the real window: counts on
 * the month grid, Done, Snooze and Reschedule from the agenda, months
 * and today from the keyboard's actions, a customer one click away
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <time.h>

#include "rapport-agenda-row.h"
#include "rapport-application.h"
#include "rapport-calendar-page.h"
#include "rapport-drafts.h"
#include "rapport-ui-test.h"
#include "rapport-window.h"

static RapportWindow *window;

typedef gboolean (*Condition) (gpointer data);

static void
wait_until (Condition condition,
            gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!condition (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

typedef gboolean (*Match) (GtkWidget *widget,
                           gpointer   data);

static GtkWidget *
find_widget (GtkWidget *root,
             Match      match,
             gpointer   data)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (match (child, data))
        return child;
      if ((found = find_widget (child, match, data)))
        return found;
    }
  return NULL;
}

static gboolean
is_row_of (GtkWidget *widget,
           gpointer   id)
{
  RapportCalendarEntry *entry;
  const RapportDueItem *item;

  if (!RAPPORT_IS_AGENDA_ROW (widget) || !gtk_widget_get_mapped (widget))
    return FALSE;
  entry = rapport_agenda_row_get_entry (RAPPORT_AGENDA_ROW (widget));
  item = entry != NULL ? rapport_calendar_entry_get_item (entry) : NULL;
  return item != NULL && item->id == (gint64) GPOINTER_TO_SIZE (id);
}

static GtkWidget *
agenda_row (gint64 id)
{
  return find_widget (GTK_WIDGET (window), is_row_of, GSIZE_TO_POINTER (id));
}

static gboolean
row_shown (gpointer id)
{
  return agenda_row (GPOINTER_TO_SIZE (id)) != NULL;
}

static gboolean
row_gone (gpointer id)
{
  return agenda_row (GPOINTER_TO_SIZE (id)) == NULL;
}

/* The row of follow-up 13 or 11, once it has moved to Upcoming. */
static gboolean
row_upcoming (gpointer id)
{
  GtkWidget *row = agenda_row (GPOINTER_TO_SIZE (id));

  return row != NULL &&
         rapport_calendar_entry_get_section (rapport_agenda_row_get_entry (RAPPORT_AGENDA_ROW (row))) ==
         RAPPORT_CALENDAR_SECTION_UPCOMING;
}

static gboolean
has_action (GtkWidget *widget,
            gpointer   action_name)
{
  return GTK_IS_ACTIONABLE (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0;
}

static gboolean
is_type (GtkWidget *widget,
         gpointer   type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, (GType) GPOINTER_TO_SIZE (type));
}

static RapportCalendarPage *
calendar_page (void)
{
  GtkWidget *page = find_widget (GTK_WIDGET (window), is_type,
                                 GSIZE_TO_POINTER (RAPPORT_TYPE_CALENDAR_PAGE));

  g_assert_nonnull (page);
  return RAPPORT_CALENDAR_PAGE (page);
}

static RapportMonthGrid *
month_grid (void)
{
  return rapport_calendar_page_get_month_grid (calendar_page ());
}

static GDate *
day (int month,
     int day_of_month)
{
  static GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day_of_month, month, 2026);
  return &date;
}

static gboolean
is_badge (GtkWidget *widget,
          gpointer   data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "count-badge");
}

/* What the grid shows on a day: its badge's number, "" when none. */
static const char *
badge_on (int month,
          int day_of_month)
{
  GtkWidget *cell = rapport_month_grid_get_day_widget (month_grid (), day (month, day_of_month));
  GtkWidget *badge;

  g_assert_nonnull (cell);
  badge = find_widget (cell, is_badge, NULL);
  g_assert_nonnull (badge);
  return gtk_widget_get_visible (badge) ? gtk_label_get_label (GTK_LABEL (badge)) : "";
}

static gboolean
badge_is (gpointer expected)
{
  const char **want = expected;

  return g_strcmp0 (badge_on (11, 4), want[0]) == 0;
}

static char *
query_text (RapportStore *store,
            const char   *sql,
            gint64        id)
{
  g_autoptr(RapportStmt) stmt = rapport_store_prepare (store, sql, NULL);

  g_assert_nonnull (stmt);
  sqlite3_bind_int64 (stmt, 1, id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static int
selected_day_of_month (void)
{
  GDate selected;

  rapport_month_grid_get_selected (month_grid (), &selected);
  return g_date_get_day (&selected);
}

static int
selected_month (void)
{
  GDate selected;

  rapport_month_grid_get_selected (month_grid (), &selected);
  return g_date_get_month (&selected);
}

static GtkWidget *
button_in (GtkWidget  *row,
           const char *action_name)
{
  GtkWidget *button = find_widget (row, has_action, (gpointer) action_name);

  g_assert_nonnull (button);
  return button;
}

/* Wednesday 4 November 2026, 10:00 UTC (the test runs in UTC). */
static void
seed_book (RapportStore *store)
{
  g_assert_true (rapport_store_exec (store,
    "INSERT INTO customer (id, name, created_at, updated_at) VALUES"
    " (1, 'Ada Lovelace', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),"
    " (2, 'Grace Hopper', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),"
    " (3, 'Ngozi Okafor', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');"
    "INSERT INTO follow_up (id, customer_id, kind, due_at, state, reason, created_at) VALUES"
    " (11, 1, 'delivery_check_in', '2026-11-02T09:00:00Z', 'due', 'Did the delivery arrive?',"
    "  '2026-10-01T00:00:00Z'),"
    " (12, 2, 'keep_in_touch', '2026-11-04T15:00:00Z', 'due', 'No contact for 90 days',"
    "  '2026-10-01T00:00:00Z'),"
    " (13, 3, 'satisfaction_check', '2026-11-04T16:00:00Z', 'due', 'Delivered two weeks ago',"
    "  '2026-10-01T00:00:00Z'),"
    " (14, 1, 'follow_up_meeting', '2026-11-10T09:00:00Z', 'due', 'Complementary products',"
    "  '2026-10-01T00:00:00Z'),"
    " (15, 2, 'testimonial_ask', '2026-12-03T09:00:00Z', 'due', 'A customer for six months',"
    "  '2026-10-01T00:00:00Z'),"
    " (16, 3, 'keep_in_touch', '2026-11-04T09:00:00Z', 'done', 'Already done',"
    "  '2026-10-01T00:00:00Z');",
    NULL));
}

static void
check_counts_and_actions (RapportStore *store)
{
  static const char *one[] = { "1" };
  static const char *none[] = { "" };
  g_autofree char *state = NULL;
  g_autofree char *snoozed_until = NULL;
  GtkWidget *row;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "follow-ups"));
  iterate ();
  rapport_ui_test_wait_loaded (calendar_page ());

  /* The grid counts open check-ins per day: the done one is not counted;
   * past days' counts are overdue, in colour and in the cell's words. */
  g_assert_cmpint (selected_day_of_month (), ==, 4);
  g_assert_cmpstr (badge_on (11, 4), ==, "2");
  g_assert_cmpstr (badge_on (11, 2), ==, "1");
  g_assert_cmpstr (badge_on (11, 5), ==, "");
  g_assert_cmpstr (badge_on (11, 10), ==, "1");
  g_assert_true (gtk_widget_has_css_class (find_widget (rapport_month_grid_get_day_widget (month_grid (), day (11, 2)),
                                                        is_badge, NULL), "overdue"));

  /* Done on an agenda row completes it in the book, and it goes away. */
  wait_until (row_shown, GSIZE_TO_POINTER (12));
  wait_until (row_shown, GSIZE_TO_POINTER (11));
  wait_until (row_shown, GSIZE_TO_POINTER (14));
  g_signal_emit_by_name (button_in (agenda_row (12), "calendar.done"), "clicked");
  wait_until (row_gone, GSIZE_TO_POINTER (12));
  state = query_text (store, "SELECT state FROM follow_up WHERE id = ?", 12);
  g_assert_cmpstr (state, ==, "done");
  wait_until (badge_is, one);

  /* Snooze until tomorrow 09:00, as the row's menu does: it leaves
   * today for the upcoming days. */
  row = agenda_row (13);
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_activate_action (row, "row.snooze", "s", "tomorrow"));
  wait_until (row_upcoming, GSIZE_TO_POINTER (13));
  g_clear_pointer (&state, g_free);
  state = query_text (store, "SELECT state FROM follow_up WHERE id = ?", 13);
  snoozed_until = query_text (store, "SELECT snoozed_until FROM follow_up WHERE id = ?", 13);
  g_assert_cmpstr (state, ==, "snoozed");
  g_assert_cmpstr (snoozed_until, ==, "2026-11-05T09:00:00Z");
  wait_until (badge_is, none);
  g_assert_cmpstr (badge_on (11, 5), ==, "1");
}

static gboolean
is_entry (GtkWidget *widget,
          gpointer   data)
{
  return GTK_IS_ENTRY (widget);
}

static gboolean
is_menu_button_of (GtkWidget *widget,
                   gpointer   icon_name)
{
  return GTK_IS_MENU_BUTTON (widget) &&
         g_strcmp0 (gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (widget)), icon_name) == 0;
}

static gboolean
is_error_label (GtkWidget *widget,
                gpointer   data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "error");
}

static void
check_reschedule (RapportStore *store)
{
  g_autofree char *due_at = NULL;
  g_autofree char *created_by = NULL;
  GtkWidget *row, *date_entry, *time_entry, *error_label, *snooze_button, *reschedule_button;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.today", NULL));
  g_assert_cmpstr (rapport_window_get_view (window), ==, "follow-ups");
  wait_until (row_shown, GSIZE_TO_POINTER (11));
  row = agenda_row (11);

  /* A row builds its Snooze menu and its Reschedule popover when they
   * are opened, not with the row: GTK builds hundreds of rows. */
  snooze_button = find_widget (row, is_menu_button_of, "alarm-symbolic");
  reschedule_button = find_widget (row, is_menu_button_of, "x-office-calendar-symbolic");
  g_assert_nonnull (snooze_button);
  g_assert_nonnull (reschedule_button);
  g_assert_null (gtk_menu_button_get_popover (GTK_MENU_BUTTON (snooze_button)));
  g_assert_null (gtk_menu_button_get_popover (GTK_MENU_BUTTON (reschedule_button)));
  g_assert_null (find_widget (row, is_entry, NULL));
  gtk_menu_button_popup (GTK_MENU_BUTTON (snooze_button));
  g_assert_true (GTK_IS_POPOVER_MENU (gtk_menu_button_get_popover (GTK_MENU_BUTTON (snooze_button))));
  gtk_menu_button_popdown (GTK_MENU_BUTTON (snooze_button));
  gtk_menu_button_popup (GTK_MENU_BUTTON (reschedule_button));
  g_assert_nonnull (gtk_menu_button_get_popover (GTK_MENU_BUTTON (reschedule_button)));

  /* The popover's entries: a day and a time, on the check-in's due time. */
  date_entry = find_widget (row, is_entry, NULL);
  g_assert_nonnull (date_entry);
  time_entry = find_widget (gtk_widget_get_parent (date_entry), is_entry, NULL);
  for (GtkWidget *w = gtk_widget_get_next_sibling (date_entry); w; w = gtk_widget_get_next_sibling (w))
    if (GTK_IS_ENTRY (w))
      time_entry = w;
  g_assert_true (time_entry != date_entry);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (date_entry)), ==, "2026-11-02");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (time_entry)), ==, "09:00");

  /* A day that does not exist is refused, and nothing moves. */
  gtk_editable_set_text (GTK_EDITABLE (date_entry), "2026-13-40");
  gtk_editable_set_text (GTK_EDITABLE (time_entry), "14:30");
  g_signal_emit_by_name (button_in (row, "row.reschedule"), "clicked");
  error_label = find_widget (row, is_error_label, NULL);
  g_assert_nonnull (error_label);
  g_assert_true (gtk_widget_get_visible (error_label));
  due_at = query_text (store, "SELECT due_at FROM follow_up WHERE id = ?", 11);
  g_assert_cmpstr (due_at, ==, "2026-11-02T09:00:00Z");

  gtk_editable_set_text (GTK_EDITABLE (date_entry), "2026-11-06");
  g_signal_emit_by_name (button_in (row, "row.reschedule"), "clicked");
  wait_until (row_upcoming, GSIZE_TO_POINTER (11));
  g_clear_pointer (&due_at, g_free);
  due_at = query_text (store, "SELECT due_at FROM follow_up WHERE id = ?", 11);
  created_by = query_text (store, "SELECT created_by FROM follow_up WHERE id = ?", 11);
  g_assert_cmpstr (due_at, ==, "2026-11-06T14:30:00Z");
  g_assert_cmpstr (created_by, ==, "user");
  g_assert_cmpstr (badge_on (11, 2), ==, "");
  g_assert_cmpstr (badge_on (11, 6), ==, "1");
}

static void
check_months_and_keys (RapportStore *store)
{
  /* Alt+Right's action, from another view: the Follow-ups come up. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.next-month", NULL));
  g_assert_cmpstr (rapport_window_get_view (window), ==, "follow-ups");
  g_assert_cmpint (selected_month (), ==, 12);
  g_assert_cmpint (selected_day_of_month (), ==, 4);
  rapport_ui_test_wait_loaded (calendar_page ());
  g_assert_cmpstr (badge_on (12, 3), ==, "1");
  /* The agenda follows the selected day. */
  wait_until (row_gone, GSIZE_TO_POINTER (12));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.previous-month", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.previous-month", NULL));
  g_assert_cmpint (selected_month (), ==, 10);
  g_assert_null (rapport_month_grid_get_day_widget (month_grid (), day (12, 3)));

  /* Ctrl+T's action comes back to today. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.today", NULL));
  g_assert_cmpint (selected_month (), ==, 11);
  g_assert_cmpint (selected_day_of_month (), ==, 4);

  /* Arrow keys move the day, Page Down the month, within the grid. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (month_grid ()), "month.move", "i", 7));
  g_assert_cmpint (selected_day_of_month (), ==, 11);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (month_grid ()), "month.move", "i", 20));
  g_assert_cmpint (selected_month (), ==, 12);
  g_assert_cmpint (selected_day_of_month (), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (month_grid ()), "month.next", NULL));
  g_assert_cmpint (selected_month (), ==, 1);
}

static gboolean
customer_selected (gpointer id)
{
  RapportCustomer *customer = rapport_customers_page_get_selected (rapport_window_get_customers_page (window));

  return customer != NULL && rapport_customer_get_id (customer) == (gint64) GPOINTER_TO_SIZE (id);
}

static void
check_open_customer (RapportStore *store)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.today", NULL));
  wait_until (row_shown, GSIZE_TO_POINTER (13));

  /* The customer's name is a button to their page. */
  g_signal_emit_by_name (button_in (agenda_row (13), "win.open-customer"), "clicked");
  g_assert_cmpstr (rapport_window_get_view (window), ==, "customers");
  wait_until (customer_selected, GSIZE_TO_POINTER (3));
}

static gboolean
leaflet_folded (gpointer leaflet)
{
  return adw_leaflet_get_folded (leaflet);
}

static void
check_narrow (RapportStore *store)
{
  GtkWidget *leaflet;
  GtkWidget *cell;

  /* At a phone's width the month and the agenda take turns. */
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 700);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "follow-ups"));
  leaflet = find_widget (GTK_WIDGET (calendar_page ()), is_type, GSIZE_TO_POINTER (ADW_TYPE_LEAFLET));
  wait_until (leaflet_folded, leaflet);
  /* The month comes first… */
  g_assert_true (gtk_widget_is_ancestor (GTK_WIDGET (month_grid ()),
                                         adw_leaflet_get_visible_child (ADW_LEAFLET (leaflet))));

  /* …and clicking a day shows its agenda, with a way back. */
  cell = rapport_month_grid_get_day_widget (month_grid (), day (11, 10));
  g_signal_emit_by_name (cell, "clicked");
  g_assert_cmpint (selected_day_of_month (), ==, 10);
  g_assert_false (gtk_widget_is_ancestor (GTK_WIDGET (month_grid ()),
                                          adw_leaflet_get_visible_child (ADW_LEAFLET (leaflet))));
  wait_until (row_shown, GSIZE_TO_POINTER (14));
  adw_leaflet_navigate (ADW_LEAFLET (leaflet), ADW_NAVIGATION_DIRECTION_BACK);
  g_assert_true (gtk_widget_is_ancestor (GTK_WIDGET (month_grid ()),
                                         adw_leaflet_get_visible_child (ADW_LEAFLET (leaflet))));
}

/* A mail program of our own for mailto: (the desktop's default for the
 * scheme, as GNOME Settings would set it), which writes down the URL it
 * was started with: Draft Email is checked as far as the launch. */
static char *
install_fake_mail_program (void)
{
  g_autofree char *applications = g_build_filename (g_get_user_data_dir (), "applications", NULL);
  g_autofree char *program = g_build_filename (g_get_user_data_dir (), "fake-mail", NULL);
  g_autofree char *desktop = g_build_filename (applications, "fake-mail.desktop", NULL);
  g_autofree char *mimeapps = g_build_filename (g_get_user_config_dir (), "mimeapps.list", NULL);
  char *received = g_build_filename (g_get_user_data_dir (), "received-uri", NULL);
  g_autofree char *script = NULL;
  g_autofree char *entry = NULL;

  g_assert_cmpint (g_mkdir_with_parents (applications, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_config_dir (), 0700), ==, 0);
  script = g_strdup_printf ("#!/bin/sh\nprintf '%%s' \"$1\" > '%s.part' && mv '%s.part' '%s'\n",
                            received, received, received);
  g_assert_true (g_file_set_contents (program, script, -1, NULL));
  g_assert_cmpint (g_chmod (program, 0700), ==, 0);
  entry = g_strdup_printf ("[Desktop Entry]\nType=Application\nName=Fake Mail\nExec=%s %%u\n"
                           "MimeType=x-scheme-handler/mailto;\nNoDisplay=true\n", program);
  g_assert_true (g_file_set_contents (desktop, entry, -1, NULL));
  g_assert_true (g_file_set_contents (mimeapps, "[Default Applications]\n"
                                      "x-scheme-handler/mailto=fake-mail.desktop\n", -1, NULL));
  return received;
}

static char *received_uri;

static gboolean
file_exists (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static void
seed_with_email (RapportStore *store)
{
  seed_book (store);
  g_assert_true (rapport_store_exec (store,
    "UPDATE customer SET email = 'ada@example.org' WHERE id = 1;"
    "INSERT INTO sale (customer_id, product, closed_on, delivered_on, created_at) VALUES"
    " (1, 'Analytical Engine', '2026-10-01', '2026-10-20', '2026-10-01T00:00:00Z');",
    NULL));
}

static void
check_draft_email (RapportStore *store)
{
  RapportDraftValues ada = { .name = "Ada Lovelace", .product = "Analytical Engine" };
  g_autofree char *expected = rapport_drafts_mailto ("delivery_check_in", NULL, "ada@example.org", &ada);
  g_autofree char *uri = NULL;
  GtkWidget *button;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "follow-ups"));
  iterate ();
  rapport_ui_test_wait_loaded (calendar_page ());
  wait_until (row_shown, GSIZE_TO_POINTER (11));
  wait_until (row_shown, GSIZE_TO_POINTER (12));

  /* Keep in touch has no script: no button to press. */
  g_assert_false (gtk_widget_get_visible (button_in (agenda_row (12), "calendar.draft-email")));

  /* The delivery check-in's draft, to Ada, about what was delivered. */
  button = button_in (agenda_row (11), "calendar.draft-email");
  g_assert_true (gtk_widget_get_visible (button));
  g_signal_emit_by_name (button, "clicked");
  wait_until (file_exists, received_uri);
  g_assert_true (g_file_get_contents (received_uri, &uri, NULL, NULL));
  g_assert_true (g_str_has_prefix (uri, "mailto:ada@example.org?subject=How%20is%20Analytical%20Engine"
                                        "%20working%20for%20you%3F&body=Hi%20Ada%2C%0D%0A%0D%0A"));
  g_assert_cmpstr (uri, ==, expected);
}

static void
test_draft_email (void)
{
  received_uri = install_fake_mail_program ();
  rapport_ui_test_run_app (seed_with_email, check_draft_email, &window);
  g_clear_pointer (&received_uri, g_free);
}

static void
run_app (RapportUiTestCheck check)
{
  rapport_ui_test_run_app (seed_book, check, &window);
}

static void
test_counts_and_actions (void)
{
  run_app (check_counts_and_actions);
}

static void
test_reschedule (void)
{
  run_app (check_reschedule);
}

static void
test_months_and_keys (void)
{
  run_app (check_months_and_keys);
}

static void
test_open_customer (void)
{
  run_app (check_open_customer);
}

static void
test_narrow (void)
{
  run_app (check_narrow);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  tzset ();
  g_setenv ("RAPPORT_FAKE_NOW", "2026-11-04T10:00:00Z", TRUE);
  rapport_ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/calendar/counts-and-actions", test_counts_and_actions);
  g_test_add_func ("/ui/calendar/reschedule", test_reschedule);
  g_test_add_func ("/ui/calendar/months-and-keys", test_months_and_keys);
  g_test_add_func ("/ui/calendar/open-customer", test_open_customer);
  g_test_add_func ("/ui/calendar/narrow", test_narrow);
  g_test_add_func ("/ui/calendar/draft-email", test_draft_email);

  return g_test_run ();
}
