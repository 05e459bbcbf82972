/* test-ui-testimonials.c: add a testimonial through the real dialog, then search
 * and filter the library and check the cards shown
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rapport-application.h"
#include "rapport-customer.h"
#include "rapport-follow-ups.h"
#include "rapport-reference.h"
#include "rapport-sale.h"
#include "rapport-time.h"
#include "rapport-testimonial-card.h"
#include "rapport-testimonial-dialog.h"
#include "rapport-testimonials-page.h"
#include "rapport-ui-test.h"
#include "rapport-window.h"

#define NEW_QUOTE "Compilers never had it so good. <b>Not bold</b> & proud"

static RapportWindow *window;
static RapportTestimonialsPage *page;

typedef gboolean (*Condition) (gpointer data);

#define wait_until(condition, data) wait_until_at (condition, data, __LINE__)

static void
wait_until_at (Condition  condition,
               gpointer   data,
               int        line)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Waited 10 s in vain at line %d", line);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      if ((found = find_widget (child, type)))
        return found;
    }
  return NULL;
}

static GtkWidget *
template_child (const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (page), RAPPORT_TYPE_TESTIMONIALS_PAGE, name);

  g_assert_nonnull (child);
  return GTK_WIDGET (child);
}

static GtkWindow *
find_dialog (GType type)
{
  g_autoptr(GListModel) toplevels = g_object_ref (gtk_window_get_toplevels ());

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return toplevel;
    }
  return NULL;
}

static gboolean
dialog_shown (gpointer type)
{
  return find_dialog ((GType) GPOINTER_TO_SIZE (type)) != NULL;
}

static void
collect_cards (GtkWidget *widget,
               GPtrArray *cards)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (RAPPORT_IS_TESTIMONIAL_CARD (child))
      {
        if (gtk_widget_get_mapped (child) &&
            rapport_testimonial_card_get_testimonial (RAPPORT_TESTIMONIAL_CARD (child)) != NULL)
          g_ptr_array_add (cards, child);
      }
    else
      collect_cards (child, cards);
}

static int
by_position (gconstpointer a,
             gconstpointer b)
{
  GtkWidget *x = *(GtkWidget **) a;
  GtkWidget *y = *(GtkWidget **) b;
  graphene_point_t px, py;

  g_assert_true (gtk_widget_compute_point (x, GTK_WIDGET (page), &GRAPHENE_POINT_INIT (0, 0), &px));
  g_assert_true (gtk_widget_compute_point (y, GTK_WIDGET (page), &GRAPHENE_POINT_INIT (0, 0), &py));
  if (px.y != py.y)
    return px.y < py.y ? -1 : 1;
  return px.x < py.x ? -1 : px.x > py.x;
}

/* The cards the grid shows now, in reading order. */
static GPtrArray *
shown_cards (void)
{
  GPtrArray *cards = g_ptr_array_new ();

  collect_cards (template_child ("grid_view"), cards);
  g_ptr_array_sort (cards, by_position);
  return cards;
}

static gboolean
cards_shown (gpointer n)
{
  g_autoptr(GPtrArray) cards = shown_cards ();

  return cards->len == GPOINTER_TO_UINT (n) &&
         g_list_model_get_n_items (G_LIST_MODEL (rapport_testimonials_page_get_list (page))) == cards->len;
}

/* What a reader sees on a card: every label's text. */
static char *
card_text (GtkWidget *card)
{
  g_autoptr(GString) text = g_string_new (NULL);
  GtkWidget *widget = card;

  /* Depth-first over the card's labels. */
  while (widget != NULL)
    {
      if (GTK_IS_LABEL (widget))
        g_string_append_printf (text, "%s\n", gtk_label_get_label (GTK_LABEL (widget)));
      if (gtk_widget_get_first_child (widget) != NULL)
        widget = gtk_widget_get_first_child (widget);
      else
        {
          while (widget != card && gtk_widget_get_next_sibling (widget) == NULL)
            widget = gtk_widget_get_parent (widget);
          widget = widget == card ? NULL : gtk_widget_get_next_sibling (widget);
        }
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
seed_book (RapportStore *store)
{
  static const struct { const char *name, *company, *quote, *permission; int rating; } seed[] = {
    { "Ada Lovelace", "Analytical Engines", "Our renders finish overnight now.", "public_named", 5 },
    { "Layla Haddad", "Cedar Pharmacy", "I have sent four pharmacies their way.", "internal", 4 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (seed); i++)
    {
      g_autoptr(RapportCustomer) customer = rapport_customer_new ();
      g_autoptr(RapportTestimonial) testimonial = NULL;
      g_autoptr(GError) error = NULL;

      rapport_customer_set_name (customer, seed[i].name);
      rapport_customer_set_company (customer, seed[i].company);
      g_assert_true (rapport_customer_save (customer, store, &error));
      testimonial = rapport_testimonial_new (rapport_customer_get_id (customer));
      rapport_testimonial_set_quote (testimonial, seed[i].quote);
      rapport_testimonial_set_rating (testimonial, seed[i].rating);
      rapport_testimonial_set_permission (testimonial, seed[i].permission);
      g_assert_true (rapport_testimonial_save (testimonial, store, NULL, 0, &error));
    }

  {
    g_autoptr(RapportCustomer) grace = rapport_customer_new ();

    rapport_customer_set_name (grace, "Grace Hopper");
    rapport_customer_set_company (grace, "Navy Compilers");
    g_assert_true (rapport_customer_save (grace, store, NULL));
  }
}

static gboolean
dialog_customers_found (gpointer list_view)
{
  GtkSelectionModel *model = gtk_list_view_get_model (list_view);

  return g_list_model_get_n_items (G_LIST_MODEL (model)) == 1;
}

static void
add_through_dialog (void)
{
  GType dialog_type = RAPPORT_TYPE_TESTIMONIAL_DIALOG;
  GtkWindow *dialog;
  GtkWidget *search, *list_view, *text_view, *permission_row, *tags_row;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "testimonials.add", NULL));
  wait_until (dialog_shown, GSIZE_TO_POINTER (dialog_type));
  dialog = find_dialog (dialog_type);
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add"));

  /* Find the customer the way a user would: type, then pick the match. */
  search = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dialog), dialog_type, "customer_search"));
  list_view = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dialog), dialog_type, "customer_view"));
  gtk_editable_set_text (GTK_EDITABLE (search), "grace");
  wait_until (dialog_customers_found, list_view);
  g_signal_emit_by_name (list_view, "activate", 0);

  text_view = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dialog), dialog_type, "quote_view"));
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add"));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (text_view)), NEW_QUOTE, -1);
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add"));

  tags_row = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dialog), dialog_type, "tags_row"));
  gtk_editable_set_text (GTK_EDITABLE (tags_row), "Government; support");
  permission_row = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dialog), dialog_type, "permission_row"));
  adw_combo_row_set_selected (ADW_COMBO_ROW (permission_row), 3);  /* public, anonymous */
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (permission_row)), ==,
                   "May appear in sales material without name or company");

  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "add");
}

static void
check_add_search_filter (RapportStore *store)
{
  GtkWidget *search;
  GtkDropDown *permission;
  g_autoptr(GPtrArray) cards = NULL;
  g_autofree char *text = NULL;
  RapportTestimonial *added;
  gint64 added_id;

  rapport_window_set_view (window, "testimonials");
  page = RAPPORT_TESTIMONIALS_PAGE (find_widget (GTK_WIDGET (window), RAPPORT_TYPE_TESTIMONIALS_PAGE));
  g_assert_nonnull (page);
  search = template_child ("search_entry");
  permission = GTK_DROP_DOWN (template_child ("permission_dropdown"));
  rapport_ui_test_wait_loaded (page);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (template_child ("stack"))), ==, "library");
  wait_until (cards_shown, GUINT_TO_POINTER (2));

  add_through_dialog ();
  wait_until (cards_shown, GUINT_TO_POINTER (3));

  /* The new card, newest first, says who, how many stars, and who may read it. */
  cards = shown_cards ();
  added = rapport_testimonial_card_get_testimonial (g_ptr_array_index (cards, 0));
  g_assert_cmpstr (rapport_testimonial_get_quote (added), ==, NEW_QUOTE);
  g_assert_cmpstr (rapport_testimonial_get_tags (added), ==, "government;support");
  added_id = rapport_testimonial_get_id (added);
  text = card_text (g_ptr_array_index (cards, 0));
  g_assert_nonnull (strstr (text, "“" NEW_QUOTE "”"));
  g_assert_nonnull (strstr (text, "\u200E— \u2068Grace Hopper\u2069, \u2068Navy Compilers\u2069"));
  g_assert_nonnull (strstr (text, "Public, anonymous"));
  g_assert_nonnull (strstr (text, "No rating"));
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&cards, g_ptr_array_unref);

  /* Search: a word of the new quote finds it alone. */
  gtk_editable_set_text (GTK_EDITABLE (search), "compilers");
  wait_until (cards_shown, GUINT_TO_POINTER (1));
  cards = shown_cards ();
  text = card_text (g_ptr_array_index (cards, 0));
  g_assert_nonnull (strstr (text, "Compilers never had it so good"));
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&cards, g_ptr_array_unref);

  gtk_editable_set_text (GTK_EDITABLE (search), "\"NEAR(* OR");
  wait_until (cards_shown, GUINT_TO_POINTER (0));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (template_child ("list_stack"))), ==,
                   "no-results");
  gtk_editable_set_text (GTK_EDITABLE (search), "");
  wait_until (cards_shown, GUINT_TO_POINTER (3));

  /* Permission filter: only what may be used with the name. */
  gtk_drop_down_set_selected (permission, 3);  /* Any, private, internal, public named, … */
  rapport_ui_test_wait_loaded (page);
  wait_until (cards_shown, GUINT_TO_POINTER (1));
  cards = shown_cards ();
  text = card_text (g_ptr_array_index (cards, 0));
  g_assert_nonnull (strstr (text, "Our renders finish overnight now."));
  g_assert_nonnull (strstr (text, "Public with name"));
  g_assert_nonnull (strstr (text, "★★★★★"));
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&cards, g_ptr_array_unref);

  gtk_drop_down_set_selected (permission, 2);  /* internal */
  rapport_ui_test_wait_loaded (page);
  wait_until (cards_shown, GUINT_TO_POINTER (1));
  cards = shown_cards ();
  text = card_text (g_ptr_array_index (cards, 0));
  g_assert_nonnull (strstr (text, "pharmacies"));
  g_assert_nonnull (strstr (text, "Internal use"));
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&cards, g_ptr_array_unref);

  /* Delete takes the card away at once; closing the window carries it out. */
  gtk_drop_down_set_selected (permission, 0);
  wait_until (cards_shown, GUINT_TO_POINTER (3));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "testimonials.delete", "x",
                                             added_id));
  wait_until (cards_shown, GUINT_TO_POINTER (2));
  gtk_window_destroy (GTK_WINDOW (window));
  {
    g_autoptr(GPtrArray) left = rapport_testimonial_query (store, NULL, 0, NULL);

    g_assert_cmpuint (left->len, ==, 2);
  }
}

static AdwMessageDialog *
find_message_dialog (const char *heading_start)
{
  g_autoptr(GListModel) toplevels = g_object_ref (gtk_window_get_toplevels ());

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) && gtk_widget_get_visible (GTK_WIDGET (toplevel)) &&
          g_str_has_prefix (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (toplevel)), heading_start))
        return ADW_MESSAGE_DIALOG (toplevel);
    }
  return NULL;
}

static AdwEntryRow *
entry_row (GtkWidget  *root,
           const char *title)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      AdwEntryRow *found;

      if (ADW_IS_ENTRY_ROW (child) &&
          g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)), title) == 0)
        return ADW_ENTRY_ROW (child);
      if ((found = entry_row (child, title)))
        return found;
    }
  return NULL;
}

static int
open_follow_ups (RapportStore *store,
                 gint64        customer_id,
                 const char   *kind)
{
  g_autoptr(RapportStmt) stmt = rapport_store_prepare (store,
                                                       "SELECT count (*) FROM follow_up WHERE customer_id = ?"
                                                       " AND kind = ? AND state IN ('due', 'snoozed')",
                                                       NULL);

  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int (stmt, 0);
}

static gboolean
no_use_dialog (gpointer data)
{
  return find_message_dialog ("Record a Use of") == NULL;
}

static void
record_use (gint64      customer_id,
            const char *given_to)
{
  AdwMessageDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "testimonials.record-use", "x", customer_id));
  dialog = find_message_dialog ("Record a Use of");
  g_assert_nonnull (dialog);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "record"));
  gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (dialog), "Given To")), given_to);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "record"));
  /* As the button does: answer, then close. */
  adw_message_dialog_response (dialog, "record");
  gtk_window_destroy (GTK_WINDOW (dialog));
  wait_until (no_use_dialog, NULL);
}

/* A reference used twice this month: the third request warns, in words,
 * before it is recorded; each use asks to thank them. */
static void
check_references_and_reply (RapportStore *store)
{
  g_autoptr(RapportCustomer) zoe = rapport_customer_new ();
  g_autoptr(RapportCustomer) julia = rapport_customer_new ();
  g_autoptr(RapportSale) sale = NULL;
  g_autoptr(GDateTime) today = g_date_time_new_from_unix_local (rapport_time_now ());
  g_autoptr(GDateTime) long_ago = g_date_time_add_days (today, -300);
  g_autofree char *closed_on = g_date_time_format (long_ago, "%Y-%m-%d");
  RapportPlaybookSettings settings;
  AdwMessageDialog *dialog;
  GtkWindow *reply;
  GtkWidget *text_view;

  rapport_playbook_settings_init_defaults (&settings);
  rapport_window_set_view (window, "testimonials");
  page = RAPPORT_TESTIMONIALS_PAGE (find_widget (GTK_WIDGET (window), RAPPORT_TYPE_TESTIMONIALS_PAGE));

  rapport_customer_set_name (zoe, "Zoë Ångström");
  g_assert_true (rapport_customer_save (zoe, store, NULL));
  g_assert_true (rapport_reference_set_kind (store, rapport_customer_get_id (zoe), "product_reference",
                                             &settings, rapport_time_now (), NULL));

  record_use (rapport_customer_get_id (zoe), "Babbage & Sons");
  g_assert_cmpint (open_follow_ups (store, rapport_customer_get_id (zoe), "reference_care"), ==, 1);
  record_use (rapport_customer_get_id (zoe), "Lovelace Ltd");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "testimonials.record-use", "x",
                                             rapport_customer_get_id (zoe)));
  dialog = find_message_dialog ("Record a Use of");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                   "Zoë Ångström was given as a reference 2 times in the last 30 days; give them a rest");
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  wait_until (no_use_dialog, NULL);
  g_assert_cmpint (rapport_reference_uses_in_window (store, rapport_customer_get_id (zoe),
                                                     rapport_time_now (), 30, NULL), ==, 2);

  /* A delighted customer of 300 days is asked; recording the reply
   * through the dialog closes the ask. */
  rapport_customer_set_name (julia, "Julia Novak");
  rapport_customer_set_satisfaction (julia, "delighted");
  g_assert_true (rapport_customer_save (julia, store, NULL));
  sale = rapport_sale_new (rapport_customer_get_id (julia));
  rapport_sale_set_product (sale, "Catering software");
  rapport_sale_set_closed_on (sale, closed_on);
  g_assert_true (rapport_sale_save (sale, store, NULL));
  g_assert_true (rapport_follow_ups_sync_customer (store, rapport_customer_get_id (julia), &settings,
                                                   rapport_time_now (), NULL));
  g_assert_cmpint (open_follow_ups (store, rapport_customer_get_id (julia), "testimonial_ask"), ==, 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "testimonials.record-reply", "x",
                                             rapport_customer_get_id (julia)));
  reply = find_dialog (RAPPORT_TYPE_TESTIMONIAL_DIALOG);
  g_assert_nonnull (reply);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (reply)), ==, "Record the Reply");
  text_view = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (reply), RAPPORT_TYPE_TESTIMONIAL_DIALOG,
                                                         "quote_view"));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (text_view)),
                            "Lunch for two hundred, and not one cold plate.", -1);
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (reply), "add"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (reply), "add");

  g_assert_cmpint (open_follow_ups (store, rapport_customer_get_id (julia), "testimonial_ask"), ==, 0);
  wait_until (cards_shown, GUINT_TO_POINTER (3));
}

static void
run_app (RapportUiTestCheck check)
{
  rapport_ui_test_run_app (seed_book, check, &window);
}

static void
test_add_search_filter (void)
{
  run_app (check_add_search_filter);
}

static void
test_references_and_reply (void)
{
  run_app (check_references_and_reply);
}

int
main (int   argc,
      char *argv[])
{
  rapport_ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/testimonials/add-search-filter", test_add_search_filter);
  g_test_add_func ("/ui/testimonials/references-and-reply", test_references_and_reply);

  return g_test_run ();
}
