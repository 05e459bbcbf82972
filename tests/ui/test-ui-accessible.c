/* test-ui-accessible.c: every control can be named, and every shortcut found
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Over the sample book, walks the whole widget tree of the window in each
 * view, with a customer's detail open, and of the Preferences: a button
 * that shows only an icon must have a tooltip for the mouse and an
 * accessible label for a screen reader, which reads no icon; a field, a
 * drop-down, a switch must be named by a label of its own or by what
 * labels it.  The funnel
 * chart and the month's days must say in words what they draw.  And every
 * key the window and its views answer to must be in the shortcuts window.
 */

#include "config.h"

#include "rapport-calendar-page.h"
#include "rapport-customer-detail.h"
#include "rapport-funnel-chart.h"
#include "rapport-preferences-window.h"
#include "rapport-referrals-page.h"
#include "rapport-sample.h"
#include "rapport-testimonials-page.h"
#include "rapport-time.h"
#include "rapport-ui-test.h"

static RapportWindow *window;

static void
seed_book (RapportStore *store)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rapport_sample_fill (store, rapport_time_now (), &error));
  g_assert_no_error (error);
}

/* The label property, not the labelled-by relation: GTK 4.8 makes every
 * button labelled by its child, which for an icon is an image without a
 * name, and GTK 4.8 has no getter for what the relation points to. */
static gboolean
has_accessible_label (GtkWidget *widget)
{
  return gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

/* A button showing an icon and no words.  A menu button's inner toggle
 * button is the menu button's own business, checked on the menu button. */
static gboolean
is_icon_only (GtkWidget *widget)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);

  if (GTK_IS_MENU_BUTTON (widget))
    return gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (widget)) != NULL &&
           gtk_menu_button_get_label (GTK_MENU_BUTTON (widget)) == NULL;
  if (GTK_IS_BUTTON (widget) && !GTK_IS_MENU_BUTTON (parent))
    return GTK_IS_IMAGE (gtk_button_get_child (GTK_BUTTON (widget)));
  return FALSE;
}

/* GTK's and libadwaita's own parts (a window's close button, a spin
 * button's + and −, a drop-down's search, an entry row's Apply and text,
 * an expander row's switch) are theirs to name, and not something the
 * .ui files can fix. */
static gboolean
is_gtk_internal (GtkWidget *widget)
{
  for (GtkWidget *w = gtk_widget_get_parent (widget); w != NULL; w = gtk_widget_get_parent (w))
    {
      if (GTK_IS_WINDOW_CONTROLS (w) || GTK_IS_SPIN_BUTTON (w) || GTK_IS_DROP_DOWN (w) ||
          ADW_IS_ENTRY_ROW (w) || ADW_IS_EXPANDER_ROW (w))
        return TRUE;
      /* Its header bar is libadwaita's, with the search button in it. */
      if (ADW_IS_HEADER_BAR (w) && ADW_IS_PREFERENCES_WINDOW (gtk_widget_get_root (w)))
        return TRUE;
    }
  return FALSE;
}

/* Where a widget is, for the failure message: its ancestors of our own
 * types, the template it comes from. */
static char *
describe (GtkWidget *widget)
{
  g_autoptr(GString) where = g_string_new (G_OBJECT_TYPE_NAME (widget));
  const char *icon = NULL;

  if (GTK_IS_MENU_BUTTON (widget))
    icon = gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (widget));
  else if (GTK_IS_BUTTON (widget) && GTK_IS_IMAGE (gtk_button_get_child (GTK_BUTTON (widget))))
    icon = gtk_image_get_icon_name (GTK_IMAGE (gtk_button_get_child (GTK_BUTTON (widget))));
  if (icon != NULL)
    g_string_append_printf (where, " (icon %s)", icon);
  g_string_append_printf (where, " (tooltip “%s”)", gtk_widget_get_tooltip_text (widget));
  for (GtkWidget *w = gtk_widget_get_parent (widget); w != NULL; w = gtk_widget_get_parent (w))
    if (g_str_has_prefix (G_OBJECT_TYPE_NAME (w), "Rapport"))
      g_string_append_printf (where, " in %s", G_OBJECT_TYPE_NAME (w));
  return g_string_free (g_steal_pointer (&where), FALSE);
}

/* A control that takes input: a screen reader must say what it is for,
 * by its own label or by the label or row that names it. */
static gboolean
is_input (GtkWidget *widget)
{
  return GTK_IS_ENTRY (widget) || GTK_IS_SEARCH_ENTRY (widget) || GTK_IS_PASSWORD_ENTRY (widget) ||
         GTK_IS_DROP_DOWN (widget) || GTK_IS_SWITCH (widget) || GTK_IS_SPIN_BUTTON (widget) ||
         GTK_IS_TEXT_VIEW (widget) || GTK_IS_SCALE (widget);
}

static void
collect_unnamed (GtkWidget *root,
                 GPtrArray *offenders,
                 guint     *n_checked)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      if (is_icon_only (child) && !is_gtk_internal (child))
        {
          (*n_checked)++;
          if (gtk_widget_get_tooltip_text (child) == NULL || !has_accessible_label (child))
            g_ptr_array_add (offenders, describe (child));
        }
      else if (is_input (child) && !is_gtk_internal (child) &&
               !has_accessible_label (child) &&
               !gtk_test_accessible_has_relation (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_RELATION_LABELLED_BY))
        {
          g_ptr_array_add (offenders, describe (child));
        }
      collect_unnamed (child, offenders, n_checked);
    }
}

/* What every walk found unnamed, reported together at the end. */
static GHashTable *unnamed;

static void
assert_all_named (GtkWidget  *root,
                  const char *what,
                  guint       min_checked)
{
  g_autoptr(GPtrArray) offenders = g_ptr_array_new_with_free_func (g_free);
  guint n_checked = 0;

  collect_unnamed (root, offenders, &n_checked);
  g_test_message ("%s: %u icon-only buttons, %u unnamed", what, n_checked, offenders->len);
  /* The walk saw the view's buttons, not an empty tree. */
  g_assert_cmpuint (n_checked, >=, min_checked);
  for (guint i = 0; i < offenders->len; i++)
    g_hash_table_add (unnamed, g_strdup (g_ptr_array_index (offenders, i)));
}

static void
assert_none_unnamed (void)
{
  g_autofree const char **list = (const char **) g_hash_table_get_keys_as_array (unnamed, NULL);
  g_autofree char *text = g_strjoinv ("\n  ", (char **) list);

  if (g_hash_table_size (unnamed) > 0)
    g_error ("icon-only buttons without a tooltip or an accessible label, "
             "or fields without an accessible name:\n  %s", text);
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
  rapport_window_set_view (window, view);
  if (page_type != G_TYPE_NONE)
    rapport_ui_test_wait_until (view_loaded, GSIZE_TO_POINTER (page_type));
  /* Rows are built as the list is drawn. */
  for (guint i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
}

static gboolean
customer_shown (gpointer data)
{
  RapportCustomer *selected = rapport_customers_page_get_selected (rapport_window_get_customers_page (window));

  return selected != NULL && rapport_customer_get_id (selected) == 1;
}

static void
check_views (void)
{
  GtkWidget *chart;
  GtkWidget *grid;
  GtkWidget *day;
  const char *description;
  g_autofree char *mismatch = NULL;

  show_view ("customers", G_TYPE_NONE);
  rapport_customers_page_select_customer (rapport_window_get_customers_page (window), 1);
  rapport_ui_test_wait_until (customer_shown, NULL);
  assert_all_named (GTK_WIDGET (window), "Customers, with a customer's detail", 3);

  show_view ("follow-ups", RAPPORT_TYPE_CALENDAR_PAGE);
  assert_all_named (GTK_WIDGET (window), "Follow-ups", 6);
  /* The month's days say their date and what is due, in words. */
  grid = rapport_ui_test_find_nth (GTK_WIDGET (window), g_type_from_name ("RapportMonthGrid"), 0);
  g_assert_nonnull (grid);
  day = rapport_ui_test_find_nth (grid, GTK_TYPE_TOGGLE_BUTTON, 10);
  g_assert_nonnull (day);
  g_assert_true (has_accessible_label (day));

  show_view ("referrals", RAPPORT_TYPE_REFERRALS_PAGE);
  assert_all_named (GTK_WIDGET (window), "Referrals", 3);
  /* The funnel chart draws; its label says the same in words. */
  chart = rapport_ui_test_find_nth (GTK_WIDGET (window), RAPPORT_TYPE_FUNNEL_CHART, 0);
  g_assert_nonnull (chart);
  description = rapport_funnel_chart_get_description (RAPPORT_FUNNEL_CHART (chart));
  g_assert_cmpstr (description, !=, "");
  mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                 description);
  g_assert_null (mismatch);

  show_view ("testimonials", RAPPORT_TYPE_TESTIMONIALS_PAGE);
  assert_all_named (GTK_WIDGET (window), "Testimonials", 1);
}

static void
check_preferences (void)
{
  GtkWindow *preferences;

  g_action_group_activate_action (G_ACTION_GROUP (rapport_ui_test_app), "preferences", NULL);
  rapport_ui_test_wait_until (rapport_ui_test_dialog_shown, GSIZE_TO_POINTER (RAPPORT_TYPE_PREFERENCES_WINDOW));
  preferences = rapport_ui_test_find_dialog (RAPPORT_TYPE_PREFERENCES_WINDOW);
  assert_all_named (GTK_WIDGET (preferences), "Preferences", 0);
  gtk_window_destroy (preferences);
}

/* The accelerator as GTK names it, keypad keys as their main keys. */
static char *
accel_name (guint           keyval,
            GdkModifierType modifiers)
{
  const char *name = gdk_keyval_name (keyval);

  if (name != NULL && g_str_has_prefix (name, "KP_"))
    keyval = gdk_keyval_from_name (name + 3);
  return gtk_accelerator_name (keyval, modifiers);
}

static void
add_listed (GtkWidget  *root,
            GHashTable *listed)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_SHORTCUTS_SHORTCUT (child))
        {
          g_autofree char *accelerators = NULL;
          g_auto(GStrv) parts = NULL;

          g_object_get (child, "accelerator", &accelerators, NULL);
          parts = g_strsplit (accelerators != NULL ? accelerators : "", " ", -1);
          for (guint i = 0; parts[i] != NULL; i++)
            {
              guint keyval;
              GdkModifierType modifiers;

              if (*parts[i] == '\0')
                continue;
              g_assert_true (gtk_accelerator_parse (parts[i], &keyval, &modifiers));
              g_hash_table_add (listed, accel_name (keyval, modifiers));
            }
        }
      add_listed (child, listed);
    }
}

/* Our own keys: shortcuts whose action is the window's, the app's or a
 * view's (GTK's own, such as a text field's Ctrl+A, are GTK's to list). */
static void
add_answered (GtkWidget  *root,
              GHashTable *answered)
{
  static const char *ours[] = { "win.", "app.", "month.", "window.close" };
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (root);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);
          gboolean is_ours = FALSE;

          if (!GTK_IS_KEYVAL_TRIGGER (trigger) || !GTK_IS_NAMED_ACTION (action))
            continue;
          for (guint k = 0; k < G_N_ELEMENTS (ours); k++)
            is_ours |= g_str_has_prefix (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)), ours[k]);
          if (is_ours)
            g_hash_table_add (answered,
                              accel_name (gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)),
                                          gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger))));
        }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    add_answered (child, answered);
}

static void
check_shortcuts_listed (void)
{
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource ("/io/github/rapportapp/Rapport/rapport-shortcuts-window.ui");
  GtkWidget *overlay = GTK_WIDGET (gtk_builder_get_object (builder, "help_overlay"));
  g_autoptr(GHashTable) listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) answered = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) actions = gtk_application_list_action_descriptions (GTK_APPLICATION (rapport_ui_test_app));
  g_autoptr(GString) missing = g_string_new (NULL);
  GHashTableIter iter;
  const char *accel;

  g_assert_nonnull (overlay);
  add_listed (overlay, listed);

  /* Every view has been shown, so its widgets and their keys exist. */
  add_answered (GTK_WIDGET (window), answered);
  for (guint i = 0; actions[i] != NULL; i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (rapport_ui_test_app),
                                                                    actions[i]);

      for (guint j = 0; accels[j] != NULL; j++)
        {
          guint keyval;
          GdkModifierType modifiers;

          g_assert_true (gtk_accelerator_parse (accels[j], &keyval, &modifiers));
          g_hash_table_add (answered, accel_name (keyval, modifiers));
        }
    }

  g_assert_cmpuint (g_hash_table_size (answered), >=, 15);
  g_hash_table_iter_init (&iter, answered);
  while (g_hash_table_iter_next (&iter, (gpointer *) &accel, NULL))
    if (!g_hash_table_contains (listed, accel))
      g_string_append_printf (missing, " %s", accel);
  if (missing->len > 0)
    g_error ("Not in the shortcuts window:%s", missing->str);

  gtk_window_destroy (GTK_WINDOW (overlay));
}

static void
check_window (RapportStore *store)
{
  unnamed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  check_views ();
  check_preferences ();
  assert_none_unnamed ();
  check_shortcuts_listed ();
  g_clear_pointer (&unnamed, g_hash_table_unref);
}

static void
test_accessible (void)
{
  rapport_ui_test_run_app (seed_book, check_window, &window);
}

int
main (int   argc,
      char *argv[])
{
  rapport_ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/accessible/names-and-shortcuts", test_accessible);
  return g_test_run ();
}
