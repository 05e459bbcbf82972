/* test-ui-keyboard.c: the whole playbook can be walked with the keyboard alone
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Over the sample book, moves the focus with Tab as a keyboard user does
 * (gtk_widget_child_focus on the window, which is what GTK does for Tab)
 * through each view and each dialog the playbook opens: new customer, log
 * a contact (Ctrl+L), record a sale, record a referral (Ctrl+R), add a
 * testimonial, import a file, the Preferences.  Fails when Tab never
 * reaches a view's list, search or primary buttons, or a dialog's fields
 * and confirm button; when the focus stops moving or goes round a loop
 * that leaves part of the window out; when a dialog has no default or
 * mnemonic confirm, or no Escape answer; and when a label that promises a
 * mnemonic (Alt+letter) has no field to move to.
 */

#include "config.h"

#include "rapport-calendar-page.h"
#include "rapport-customer-detail.h"
#include "rapport-import-dialog.h"
#include "rapport-preferences-window.h"
#include "rapport-referral-dialog.h"
#include "rapport-referrals-page.h"
#include "rapport-sale-dialog.h"
#include "rapport-sample.h"
#include "rapport-testimonial-dialog.h"
#include "rapport-testimonials-page.h"
#include "rapport-time.h"
#include "rapport-ui-test.h"

/* A window's whole tab chain is far shorter; more means a trap. */
#define MAX_TAB_STEPS 800

static RapportWindow *window;

static void
seed_book (RapportStore *store)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rapport_sample_fill (store, rapport_time_now (), &error));
  g_assert_no_error (error);
}

static void
spin (void)
{
  for (guint i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
}

static char *
describe (GtkWidget *widget)
{
  g_autoptr(GString) where = g_string_new (G_OBJECT_TYPE_NAME (widget));
  const char *name = gtk_widget_get_name (widget);

  if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    g_string_append_printf (where, " “%s”", gtk_button_get_label (GTK_BUTTON (widget)));
  if (GTK_IS_ACTIONABLE (widget) && gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)) != NULL)
    g_string_append_printf (where, " (%s)", gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)));
  if (ADW_IS_PREFERENCES_ROW (widget))
    g_string_append_printf (where, " “%s”", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)));
  if (name != NULL && !g_str_equal (name, G_OBJECT_TYPE_NAME (widget)))
    g_string_append_printf (where, " #%s", name);
  for (GtkWidget *w = gtk_widget_get_parent (widget); w != NULL; w = gtk_widget_get_parent (w))
    {
      if (ADW_IS_PREFERENCES_ROW (w))
        g_string_append_printf (where, " in row “%s”", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (w)));
      if (g_str_has_prefix (G_OBJECT_TYPE_NAME (w), "Rapport"))
        g_string_append_printf (where, " in %s", G_OBJECT_TYPE_NAME (w));
    }
  return g_string_free (g_steal_pointer (&where), FALSE);
}

/* Presses Tab from nothing focused until the focus comes back to where
 * it started, returning every widget that held it, in order.  Fails if
 * the focus stays put or goes round a loop without the first widget:
 * the rest of the window would be out of reach. */
static GPtrArray *
walk_tab (GtkWindow  *toplevel,
          const char *what)
{
  GPtrArray *visited = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  GtkWidget *first = NULL;

  gtk_window_set_focus (toplevel, NULL);
  for (guint step = 0; step < MAX_TAB_STEPS; step++)
    {
      GtkWidget *focus;

      if (!gtk_widget_child_focus (GTK_WIDGET (toplevel), GTK_DIR_TAB_FORWARD))
        {
          /* The end of the chain with nothing after it: Tab starts again. */
          if (first == NULL)
            g_error ("%s: Tab focuses nothing at all", what);
          continue;
        }
      focus = gtk_root_get_focus (GTK_ROOT (toplevel));
      g_assert_nonnull (focus);
      if (focus == first)
        {
          g_test_message ("%s: %u widgets in the Tab chain", what, visited->len);
          return visited;
        }
      if (g_hash_table_contains (seen, focus))
        {
          g_autofree char *where = describe (focus);

          g_error ("%s: Tab is caught in a loop at %s after %u steps, never back to the start", what, where,
                   step);
        }
      if (first == NULL)
        first = focus;
      g_hash_table_add (seen, focus);
      g_ptr_array_add (visited, focus);
    }
  g_error ("%s: Tab went %d steps without coming round", what, MAX_TAB_STEPS);
  return NULL;
}

/* Whether the focus was ever on @target or inside it. */
static gboolean
reached (GPtrArray *visited,
         GtkWidget *target)
{
  for (guint i = 0; i < visited->len; i++)
    {
      GtkWidget *focus = g_ptr_array_index (visited, i);

      if (focus == target || gtk_widget_is_ancestor (focus, target))
        return TRUE;
    }
  return FALSE;
}

/* The Tab chain in the log, to see where a failing walk went. */
static void
dump_chain (GPtrArray  *visited,
            const char *what)
{
  for (guint i = 0; i < visited->len; i++)
    {
      g_autofree char *step = describe (g_ptr_array_index (visited, i));

      g_test_message ("%s: Tab %u: %s", what, i + 1, step);
    }
}

#define assert_reached(visited, target, what) assert_reached_at ((visited), (target), #target, (what))

static void
assert_reached_at (GPtrArray  *visited,
                   GtkWidget  *target,
                   const char *expression,
                   const char *what)
{
  g_autofree char *where = NULL;

  if (target == NULL)
    g_error ("%s: nothing shown for %s", what, expression);
  if (reached (visited, target))
    return;
  dump_chain (visited, what);
  where = describe (target);
  g_error ("%s: Tab never reaches %s", what, where);
}

/* The shown widget under @root whose action is @action_name. */
static GtkWidget *
find_action_widget (GtkWidget  *root,
                    const char *action_name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_ACTIONABLE (child) && gtk_widget_get_mapped (child) &&
          g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (child)), action_name) == 0)
        return child;
      if ((found = find_action_widget (child, action_name)) != NULL)
        return found;
    }
  return NULL;
}

/* The first shown widget of @type under @root, not counting a
 * drop-down's or a combo row's own parts. */
static GtkWidget *
find_mapped (GtkWidget *root,
             GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type) && gtk_widget_get_mapped (child))
        return child;
      if (GTK_IS_DROP_DOWN (child) || ADW_IS_COMBO_ROW (child))
        continue;
      if ((found = find_mapped (child, type)) != NULL)
        return found;
    }
  return NULL;
}

/* What a user fills in or chooses. */
static gboolean
is_field (GtkWidget *widget)
{
  return GTK_IS_TEXT (widget) || GTK_IS_TEXT_VIEW (widget) || GTK_IS_DROP_DOWN (widget) ||
         GTK_IS_SWITCH (widget) || ADW_IS_COMBO_ROW (widget) || GTK_IS_TOGGLE_BUTTON (widget) ||
         GTK_IS_CHECK_BUTTON (widget);
}

/* Every shown, usable field under @root, for a dialog's walk. */
static void
collect_fields (GtkWidget *root,
                GPtrArray *fields)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_mapped (child) || !gtk_widget_is_sensitive (child))
        continue;
      if (is_field (child) && gtk_widget_get_focusable (child))
        {
          g_ptr_array_add (fields, child);
          /* A drop-down's or a row's inner parts are its own. */
          if (GTK_IS_DROP_DOWN (child) || ADW_IS_COMBO_ROW (child))
            continue;
        }
      collect_fields (child, fields);
    }
}

/* A label with an underlined letter (Alt+letter) must have somewhere to
 * go: GTK activates its mnemonic widget, or with none, nothing. */
static void
collect_dead_mnemonics (GtkWidget *root,
                        GPtrArray *offenders)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_widget_get_mapped (child) &&
          gtk_label_get_mnemonic_keyval (GTK_LABEL (child)) != GDK_KEY_VoidSymbol &&
          gtk_label_get_mnemonic_widget (GTK_LABEL (child)) == NULL)
        g_ptr_array_add (offenders, g_strdup_printf ("label “%s”", gtk_label_get_label (GTK_LABEL (child))));
      collect_dead_mnemonics (child, offenders);
    }
}

/* A label standing just before a field it names, as a field's caption:
 * it needs an underlined letter and the field as its mnemonic widget, or
 * Alt cannot reach the field. */
static void
collect_captions_without_mnemonic (GtkWidget *root,
                                   GPtrArray *offenders)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      if (GTK_IS_LABEL (child) && gtk_widget_get_mapped (child) && next != NULL && gtk_widget_get_mapped (next) &&
          (is_field (next) || GTK_IS_SCROLLED_WINDOW (next) || GTK_IS_ENTRY (next) || GTK_IS_SEARCH_ENTRY (next)) &&
          (gtk_label_get_mnemonic_keyval (GTK_LABEL (child)) == GDK_KEY_VoidSymbol ||
           gtk_label_get_mnemonic_widget (GTK_LABEL (child)) == NULL))
        g_ptr_array_add (offenders, g_strdup_printf ("caption “%s” without a mnemonic to its field",
                                                     gtk_label_get_label (GTK_LABEL (child))));
      collect_captions_without_mnemonic (child, offenders);
    }
}

/* What every check found, reported together at the end. */
static GPtrArray *problems;

static void
note (const char *what,
      const char *problem)
{
  g_ptr_array_add (problems, g_strdup_printf ("%s: %s", what, problem));
}

static void
check_mnemonics (GtkWidget  *root,
                 const char *what)
{
  g_autoptr(GPtrArray) offenders = g_ptr_array_new_with_free_func (g_free);

  collect_dead_mnemonics (root, offenders);
  collect_captions_without_mnemonic (root, offenders);
  for (guint i = 0; i < offenders->len; i++)
    note (what, g_ptr_array_index (offenders, i));
}

/* Tab reaches every field of @dialog, then its confirm. */
static void
check_fields_reached (GtkWindow  *dialog,
                      const char *what)
{
  g_autoptr(GPtrArray) visited = walk_tab (dialog, what);
  g_autoptr(GPtrArray) fields = g_ptr_array_new ();

  collect_fields (GTK_WIDGET (dialog), fields);
  for (guint i = 0; i < fields->len; i++)
    if (!reached (visited, g_ptr_array_index (fields, i)))
      {
        g_autofree char *where = describe (g_ptr_array_index (fields, i));

        note (what, where);
      }
  g_test_message ("%s: %u fields", what, fields->len);
}

/* An AdwMessageDialog: Enter answers its default response, which Tab
 * reaches too and whose label has a mnemonic; Escape its close response. */
static void
check_message_dialog (GType       type,
                      const char *what)
{
  AdwMessageDialog *dialog;
  const char *response;
  g_autofree char *label = NULL;
  g_autoptr(GPtrArray) visited = NULL;
  GtkWidget *confirm;

  rapport_ui_test_wait_until (rapport_ui_test_dialog_shown, GSIZE_TO_POINTER (type));
  dialog = ADW_MESSAGE_DIALOG (rapport_ui_test_find_dialog (type));
  spin ();

  response = adw_message_dialog_get_default_response (dialog);
  if (response == NULL || !adw_message_dialog_has_response (dialog, response))
    note (what, "no default response for Enter");
  else
    {
      label = g_strdup (adw_message_dialog_get_response_label (dialog, response));
      if (strchr (label, '_') == NULL)
        note (what, "the default response has no mnemonic");
    }
  if (!adw_message_dialog_has_response (dialog, adw_message_dialog_get_close_response (dialog)))
    note (what, "no response for Escape");

  check_fields_reached (GTK_WINDOW (dialog), what);
  check_mnemonics (GTK_WIDGET (dialog), what);

  /* Tab reaches the confirm button itself (a disabled one, until the
   * fields are filled, is skipped as GTK skips it; Enter still works). */
  visited = walk_tab (GTK_WINDOW (dialog), what);
  confirm = NULL;
  if (label != NULL)
    {
      g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

      rapport_ui_test_collect (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, buttons);
      for (guint i = 0; i < buttons->len; i++)
        /* The message dialog keeps a row and a column of its buttons,
         * one of them shown. */
        if (g_strcmp0 (gtk_button_get_label (g_ptr_array_index (buttons, i)), label) == 0 &&
            gtk_widget_get_mapped (g_ptr_array_index (buttons, i)))
          confirm = g_ptr_array_index (buttons, i);
      if (confirm == NULL)
        note (what, "the default response has no button");
      else if (gtk_widget_is_sensitive (confirm) && !reached (visited, confirm))
        {
          dump_chain (visited, what);
          note (what, "Tab never reaches the confirm button");
        }
    }

  rapport_ui_test_respond (dialog, adw_message_dialog_get_close_response (dialog));
  spin ();
}

static gboolean
view_loaded (gpointer type)
{
  GtkWidget *page = rapport_ui_test_find_nth (GTK_WIDGET (window), (GType) GPOINTER_TO_SIZE (type), 0);

  return page != NULL && rapport_ui_test_loaded (page);
}

static void
show_view (const char *view,
           GType       page_type)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", view));
  if (page_type != G_TYPE_NONE)
    rapport_ui_test_wait_until (view_loaded, GSIZE_TO_POINTER (page_type));
  spin ();
}

static gboolean
customer_shown (gpointer data)
{
  RapportCustomer *selected = rapport_customers_page_get_selected (rapport_window_get_customers_page (window));

  return selected != NULL && rapport_customer_get_id (selected) == 1;
}

/* The referrals' pipeline, not the blank page before the first read. */
static gboolean
pipeline_shown (gpointer data)
{
  GtkWidget *page = rapport_ui_test_find_nth (GTK_WIDGET (window), RAPPORT_TYPE_REFERRALS_PAGE, 0);

  spin ();
  return page != NULL && find_mapped (page, GTK_TYPE_LIST_BOX) != NULL;
}

static void
check_views (void)
{
  GtkWidget *root = GTK_WIDGET (window);
  g_autoptr(GPtrArray) customers = NULL;
  g_autoptr(GPtrArray) follow_ups = NULL;
  g_autoptr(GPtrArray) referrals = NULL;
  g_autoptr(GPtrArray) testimonials = NULL;
  GtkWidget *page;
  GtkWidget *agenda;

  show_view ("customers", G_TYPE_NONE);
  rapport_customers_page_select_customer (rapport_window_get_customers_page (window), 1);
  rapport_ui_test_wait_until (customer_shown, NULL);
  spin ();
  customers = walk_tab (GTK_WINDOW (window), "Customers");
  /* The views' switcher, then the page. */
  assert_reached (customers, find_mapped (root, ADW_TYPE_VIEW_SWITCHER), "Customers");
  page = GTK_WIDGET (rapport_window_get_customers_page (window));
  assert_reached (customers, find_mapped (page, GTK_TYPE_SEARCH_ENTRY), "Customers");
  assert_reached (customers, find_mapped (page, GTK_TYPE_LIST_VIEW), "Customers");
  assert_reached (customers, find_action_widget (page, "win.new-customer"), "Customers");
  /* The open customer's detail: log a contact, and its sales. */
  assert_reached (customers, find_action_widget (page, "win.log-contact"), "Customer detail");
  assert_reached (customers, find_action_widget (page, "detail.add-sale"), "Customer detail");

  show_view ("follow-ups", RAPPORT_TYPE_CALENDAR_PAGE);
  follow_ups = walk_tab (GTK_WINDOW (window), "Follow-ups");
  page = rapport_ui_test_find_nth (root, RAPPORT_TYPE_CALENDAR_PAGE, 0);
  assert_reached (follow_ups, find_mapped (page, g_type_from_name ("RapportMonthGrid")), "Follow-ups");
  assert_reached (follow_ups, find_action_widget (page, "month.today"), "Follow-ups");
  assert_reached (follow_ups, find_action_widget (page, "month.next"), "Follow-ups");
  agenda = find_mapped (page, GTK_TYPE_LIST_VIEW);
  g_assert_nonnull (agenda);
  /* The sample book has check-ins to walk past, under section headings. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (agenda)))), >, 0);
  assert_reached (follow_ups, agenda, "Follow-ups");

  show_view ("referrals", RAPPORT_TYPE_REFERRALS_PAGE);
  rapport_ui_test_wait_until (pipeline_shown, NULL);
  referrals = walk_tab (GTK_WINDOW (window), "Referrals");
  page = rapport_ui_test_find_nth (root, RAPPORT_TYPE_REFERRALS_PAGE, 0);
  assert_reached (referrals, find_action_widget (page, "win.record-referral"), "Referrals");
  assert_reached (referrals, find_mapped (page, GTK_TYPE_DROP_DOWN), "Referrals");
  assert_reached (referrals, find_mapped (page, GTK_TYPE_LIST_BOX), "Referrals");

  show_view ("testimonials", RAPPORT_TYPE_TESTIMONIALS_PAGE);
  testimonials = walk_tab (GTK_WINDOW (window), "Testimonials");
  page = rapport_ui_test_find_nth (root, RAPPORT_TYPE_TESTIMONIALS_PAGE, 0);
  assert_reached (testimonials, find_mapped (page, GTK_TYPE_SEARCH_ENTRY), "Testimonials");
  assert_reached (testimonials, find_action_widget (page, "testimonials.add"), "Testimonials");
  assert_reached (testimonials, find_mapped (page, GTK_TYPE_GRID_VIEW), "Testimonials");
}

static void
check_dialogs (RapportStore *store)
{
  GtkWidget *detail;
  GtkWidget *page;
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "keyboard.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  RapportImportDialog *import;
  GtkWindow *preferences;
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  gboolean import_confirm = FALSE;

  show_view ("customers", G_TYPE_NONE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-customer", NULL));
  check_message_dialog (g_type_from_name ("RapportNewCustomerDialog"), "New customer");

  rapport_customers_page_select_customer (rapport_window_get_customers_page (window), 1);
  rapport_ui_test_wait_until (customer_shown, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.log-contact", NULL));
  check_message_dialog (g_type_from_name ("RapportContactDialog"), "Log contact");

  detail = rapport_ui_test_find_nth (GTK_WIDGET (window), RAPPORT_TYPE_CUSTOMER_DETAIL, 0);
  g_assert_true (gtk_widget_activate_action (detail, "detail.add-sale", NULL));
  check_message_dialog (RAPPORT_TYPE_SALE_DIALOG, "Record sale");

  show_view ("referrals", RAPPORT_TYPE_REFERRALS_PAGE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.record-referral", NULL));
  check_message_dialog (RAPPORT_TYPE_REFERRAL_DIALOG, "Record referral");

  show_view ("testimonials", RAPPORT_TYPE_TESTIMONIALS_PAGE);
  page = rapport_ui_test_find_nth (GTK_WIDGET (window), RAPPORT_TYPE_TESTIMONIALS_PAGE, 0);
  g_assert_true (gtk_widget_activate_action (page, "testimonials.add", NULL));
  check_message_dialog (RAPPORT_TYPE_TESTIMONIAL_DIALOG, "Testimonial");

  /* The import preview: its Import button has a mnemonic and Tab
   * reaches it once the preview is ready. */
  g_assert_true (g_file_set_contents (path, "Name,Company,Email\r\nAda Lovelace,Analytical Engines,ada@example.com\r\n",
                                      -1, NULL));
  import = rapport_import_dialog_new (store, file);
  gtk_window_set_transient_for (GTK_WINDOW (import), GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (import));
  rapport_ui_test_wait_until ((RapportUiTestCondition) rapport_import_dialog_get_ready, import);
  spin ();
  {
    g_autoptr(GPtrArray) visited = walk_tab (GTK_WINDOW (import), "Import");

    rapport_ui_test_collect (GTK_WIDGET (import), GTK_TYPE_BUTTON, buttons);
    for (guint i = 0; i < buttons->len; i++)
      {
        GtkButton *button = g_ptr_array_index (buttons, i);
        const char *label = gtk_button_get_label (button);

        if (label != NULL && gtk_button_get_use_underline (button) && strchr (label, '_') != NULL &&
            gtk_widget_has_css_class (GTK_WIDGET (button), "suggested-action") &&
            gtk_widget_is_sensitive (GTK_WIDGET (button)) && reached (visited, GTK_WIDGET (button)))
          import_confirm = TRUE;
      }
    if (!import_confirm && gtk_window_get_default_widget (GTK_WINDOW (import)) == NULL)
      note ("Import", "no confirm button with a mnemonic that Tab reaches, and no default widget");
  }
  check_fields_reached (GTK_WINDOW (import), "Import");
  check_mnemonics (GTK_WIDGET (import), "Import");
  gtk_window_destroy (GTK_WINDOW (import));

  /* The Preferences apply as they change; Escape closes them.  Tab
   * reaches every setting of each page. */
  g_action_group_activate_action (G_ACTION_GROUP (rapport_ui_test_app), "preferences", NULL);
  rapport_ui_test_wait_until (rapport_ui_test_dialog_shown, GSIZE_TO_POINTER (RAPPORT_TYPE_PREFERENCES_WINDOW));
  preferences = rapport_ui_test_find_dialog (RAPPORT_TYPE_PREFERENCES_WINDOW);
  spin ();
  {
    g_autoptr(GPtrArray) pages = g_ptr_array_new ();

    rapport_ui_test_collect (GTK_WIDGET (preferences), ADW_TYPE_PREFERENCES_PAGE, pages);
    g_assert_cmpuint (pages->len, >=, 2);
    for (guint i = 0; i < pages->len; i++)
      {
        const char *title = adw_preferences_page_get_title (g_ptr_array_index (pages, i));

        /* The search's own results page has no title and no place in
         * the page switcher. */
        if (title == NULL || *title == '\0')
          continue;
        g_autofree char *what = g_strdup_printf ("Preferences, page “%s”",
                                                 adw_preferences_page_get_title (g_ptr_array_index (pages, i)));

        adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (preferences), g_ptr_array_index (pages, i));
        spin ();
        check_fields_reached (preferences, what);
        check_mnemonics (GTK_WIDGET (preferences), what);
      }
  }
  gtk_window_destroy (preferences);
}

static void
check_window (RapportStore *store)
{
  problems = g_ptr_array_new_with_free_func (g_free);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  spin ();
  check_views ();
  check_dialogs (store);
  if (problems->len > 0)
    {
      g_ptr_array_add (problems, NULL);
      g_error ("Not reachable from the keyboard:\n  %s", g_strjoinv ("\n  ", (char **) problems->pdata));
    }
  g_clear_pointer (&problems, g_ptr_array_unref);
}

static void
test_keyboard (void)
{
  rapport_ui_test_run_app (seed_book, check_window, &window);
}

int
main (int   argc,
      char *argv[])
{
  rapport_ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/keyboard/views-and-dialogs", test_keyboard);
  return g_test_run ();
}
