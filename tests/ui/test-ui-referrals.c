/* test-ui-referrals.c: record a referral through the real dialog, move it to
 * won through its row, and read the funnel as a screen reader would
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rapport-application.h"
#include "rapport-funnel-chart.h"
#include "rapport-referral-dialog.h"
#include "rapport-referral-row.h"
#include "rapport-referral.h"
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
collect (GtkWidget *root,
         GType      type,
         GPtrArray *found)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        g_ptr_array_add (found, child);
      collect (child, type, found);
    }
}

/* The @nth widget of @type under @root, depth first, or NULL. */
static gpointer
find_nth (GtkWidget *root,
          GType      type,
          guint      nth)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect (root, type, found);
  return nth < found->len ? g_ptr_array_index (found, nth) : NULL;
}

static AdwEntryRow *
entry_row (GtkWidget  *root,
           const char *title)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect (root, ADW_TYPE_ENTRY_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), title) == 0)
      return g_ptr_array_index (rows, i);
  g_assert_not_reached ();
}

static GtkWindow *
find_dialog (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

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

/* What a click on the dialog's button does. */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
}

static gint64
int_query (RapportStore *store,
           const char   *sql)
{
  g_autoptr(RapportStmt) stmt = rapport_store_prepare (store, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

/* Ada is delighted and agreed at the close: ready to ask.  Grace is not. */
static void
seed_book (RapportStore *store)
{
  g_autoptr(GError) error = NULL;

  rapport_store_exec (store,
                      "INSERT INTO customer (id, name, company, email, satisfaction, created_at, updated_at) VALUES"
                      " (1, 'Ada Lovelace', 'Analytical Engines', 'ada@example.com', 'delighted',"
                      "  '2026-01-05T10:00:00Z', '2026-01-05T10:00:00Z'),"
                      " (2, 'Grace Hopper', 'Navy Compilers', 'grace@example.com', 'satisfied',"
                      "  '2026-01-05T10:00:00Z', '2026-01-05T10:00:00Z');"
                      "INSERT INTO sale (customer_id, product, closed_on, delivered_on, referral_prepositioned, created_at)"
                      " VALUES (1, 'Difference Engine', '2026-09-01', '2026-09-10', 'agreed', '2026-09-01T00:00:00Z');",
                      &error);
  g_assert_no_error (error);
}

static GtkSingleSelection *
selection_of (GtkListView *view)
{
  return GTK_SINGLE_SELECTION (gtk_list_view_get_model (view));
}

typedef struct
{
  GtkListView *view;
  const char  *name;
} Pick;

/* The search has run: the list shows just the customer named. */
static gboolean
picker_shows (gpointer data)
{
  Pick *pick = data;
  GListModel *items = G_LIST_MODEL (selection_of (pick->view));
  g_autoptr(RapportCustomer) only = NULL;

  if (g_list_model_get_n_items (items) != 1)
    return FALSE;
  only = g_list_model_get_item (items, 0);
  return g_strcmp0 (rapport_customer_get_name (only), pick->name) == 0;
}

/* Searches the @nth picker (0: referrer, 1: existing prospect) and picks
 * the one customer it finds. */
static void
pick (GtkWidget  *dialog,
      guint       nth,
      const char *search,
      const char *name)
{
  GtkSearchEntry *entry = find_nth (dialog, GTK_TYPE_SEARCH_ENTRY, nth);
  Pick wanted = { find_nth (dialog, GTK_TYPE_LIST_VIEW, nth), name };

  gtk_editable_set_text (GTK_EDITABLE (entry), search);
  wait_until (picker_shows, &wanted);
  gtk_single_selection_set_selected (selection_of (wanted.view), 0);
}

static GtkToggleButton *
toggle_labelled (GtkWidget  *root,
                 const char *label)
{
  g_autoptr(GPtrArray) toggles = g_ptr_array_new ();

  collect (root, GTK_TYPE_TOGGLE_BUTTON, toggles);
  for (guint i = 0; i < toggles->len; i++)
    if (g_strcmp0 (gtk_button_get_label (g_ptr_array_index (toggles, i)), label) == 0)
      return g_ptr_array_index (toggles, i);
  g_assert_not_reached ();
}

static RapportReferralRow *
find_row (gint64 id)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect (GTK_WIDGET (window), RAPPORT_TYPE_REFERRAL_ROW, rows);
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

static gboolean
row_shown (gpointer id)
{
  return find_row (GPOINTER_TO_SIZE (id)) != NULL;
}

static void
activate_on_row (gint64      id,
                 const char *action,
                 const char *target,
                 const char *stage_after)
{
  RowWanted wanted = { id, stage_after };

  /* The page reads the book again on idle. */
  wait_until (row_shown, GSIZE_TO_POINTER (id));
  if (target != NULL)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (find_row (id)), action, "s", target));
  else
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (find_row (id)), action, NULL));
  wait_until (row_in_stage, &wanted);
}

static gboolean
label_is (gpointer text)
{
  RapportFunnelChart *chart = find_nth (GTK_WIDGET (window), RAPPORT_TYPE_FUNNEL_CHART, 0);

  return g_strcmp0 (rapport_funnel_chart_get_description (chart), text) == 0;
}

static void
assert_funnel_label (const char *expected)
{
  RapportFunnelChart *chart = find_nth (GTK_WIDGET (window), RAPPORT_TYPE_FUNNEL_CHART, 0);
  g_autofree char *mismatch = NULL;

  wait_until (label_is, (gpointer) expected);
  /* What assistive technologies read, not only what the widget keeps. */
  mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                 expected);
  g_assert_null (mismatch);
}

static gint64
record_through_dialog (RapportStore *store)
{
  GType type = RAPPORT_TYPE_REFERRAL_DIALOG;
  AdwMessageDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.record-referral", NULL));
  wait_until (dialog_shown, GSIZE_TO_POINTER (type));
  dialog = ADW_MESSAGE_DIALOG (find_dialog (type));

  /* Record stays off until the referrer and the prospect are known. */
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "record"));
  pick (GTK_WIDGET (dialog), 0, "grace", "Grace Hopper");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "record"));
  gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (dialog), "Na_me")), "Carol Díaz");
  gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (dialog), "_Email")), "carol.example.com");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "record"));
  gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (dialog), "_Email")), "carol@example.com");
  gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (dialog), "Com_pany")), "Díaz & Hijos");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "record"));
  respond (dialog, "record");

  g_assert_cmpint (int_query (store, "SELECT count(*) FROM referral"), ==, 1);
  return int_query (store, "SELECT max (id) FROM referral");
}

static void
check_record_and_win (RapportStore *store)
{
  gint64 id;

  rapport_window_set_view (window, "referrals");
  assert_funnel_label ("Funnel: no referrals yet");

  id = record_through_dialog (store);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (int_query (store, "SELECT count(*) FROM customer WHERE name = 'Carol Díaz'"
                                     " AND status = 'prospect' AND company = 'Díaz & Hijos'"), ==, 1);
  g_assert_cmpint (int_query (store, "SELECT count(*) FROM referral WHERE referrer_id = 2"
                                     " AND type = 'solicited' AND stage = 'promised'"), ==, 1);
  /* The playbook took it from there: thank Grace, contact Carol. */
  g_assert_cmpint (int_query (store, "SELECT count(*) FROM follow_up WHERE customer_id = 2"
                                     " AND kind = 'thank_referrer' AND state = 'due'"), ==, 1);
  g_assert_cmpint (int_query (store, "SELECT count(*) FROM follow_up f JOIN customer c ON c.id = f.customer_id"
                                     " WHERE c.name = 'Carol Díaz' AND f.kind = 'contact_referral'"), ==, 1);

  /* Through the row: one step on, then straight to won; then a gift. */
  activate_on_row (id, "row.advance", NULL, "introduction_requested");
  activate_on_row (id, "row.set-stage", "won", "won");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (find_row (id)), "row.thanked", "s", "gift"));

  assert_funnel_label ("Funnel: 1 promised, 1 introduction requested, 1 introduced, 1 contacted, "
                       "1 meeting, 1 won (100 %); 0 lost. Won by type: solicited 1 of 1 (100 %), "
                       "proactive 0 of 0 (0 %), unsolicited 0 of 0 (0 %).");

  g_assert_cmpint (int_query (store, "SELECT count(*) FROM referral_stage_change WHERE referral_id = 1"), ==, 3);
  g_assert_cmpint (int_query (store, "SELECT count(*) FROM referral_stage_change WHERE from_stage ="
                                     " 'introduction_requested' AND to_stage = 'won'"), ==, 1);
  g_assert_cmpint (int_query (store, "SELECT count(*) FROM referral WHERE thanked_how = 'gift'"), ==, 1);
  g_assert_cmpint (int_query (store, "SELECT count(*) FROM interaction WHERE customer_id = 2 AND kind = 'gift'"), ==, 1);
  /* Thanked after the win: no thank-you is still owed. */
  g_assert_cmpint (int_query (store, "SELECT count(*) FROM follow_up WHERE customer_id = 2"
                                     " AND kind = 'thank_referrer' AND state IN ('due', 'snoozed')"), ==, 0);
}

static gboolean
referrer_is_ada (gpointer view)
{
  RapportCustomer *selected = gtk_single_selection_get_selected_item (selection_of (view));

  return selected != NULL && rapport_customer_get_id (selected) == 1;
}

static void
check_from_customer_and_delete (RapportStore *store)
{
  RapportCustomersPage *customers = rapport_window_get_customers_page (window);
  GType type = RAPPORT_TYPE_REFERRAL_DIALOG;
  AdwMessageDialog *dialog;
  AdwMessageDialog *question;
  GtkToggleButton *existing;

  /* Ctrl+R on a selected customer takes them as the referrer. */
  while (!rapport_customers_page_select_customer (customers, 1))
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.record-referral", NULL));
  wait_until (dialog_shown, GSIZE_TO_POINTER (type));
  dialog = ADW_MESSAGE_DIALOG (find_dialog (type));
  wait_until (referrer_is_ada, find_nth (GTK_WIDGET (dialog), GTK_TYPE_LIST_VIEW, 0));

  /* The prospect is in the book already: Grace; Ada herself is refused. */
  existing = toggle_labelled (GTK_WIDGET (dialog), "_In the Book");
  gtk_toggle_button_set_active (existing, TRUE);
  pick (GTK_WIDGET (dialog), 1, "ada", "Ada Lovelace");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "record"));
  pick (GTK_WIDGET (dialog), 1, "grace", "Grace Hopper");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "record"));
  adw_combo_row_set_selected (find_nth (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, 0), 2);
  respond (dialog, "record");
  g_assert_cmpint (int_query (store, "SELECT count(*) FROM referral WHERE referrer_id = 1"
                                     " AND prospect_id = 2 AND type = 'unsolicited'"), ==, 1);

  /* Deleting Ada would delete her referral: the page asks first. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-customer", NULL));
  question = ADW_MESSAGE_DIALOG (find_dialog (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (question);
  g_assert_cmpstr (adw_message_dialog_get_body (question), ==,
                   "Ada Lovelace has 1 referral; deleting the customer deletes it too.");
  respond (question, "cancel");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rapport_customers_page_get_list (customers))), ==, 2);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-customer", NULL));
  question = ADW_MESSAGE_DIALOG (find_dialog (ADW_TYPE_MESSAGE_DIALOG));
  respond (question, "delete");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rapport_customers_page_get_list (customers))), ==, 1);
  /* Without Undo the deletion is carried out when the window goes. */
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_cmpint (int_query (store, "SELECT count(*) FROM referral"), ==, 0);
}

static guint
count_rows (void)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect (GTK_WIDGET (window), RAPPORT_TYPE_REFERRAL_ROW, rows);
  return rows->len;
}

static gboolean
rows_are (gpointer n)
{
  return count_rows () == GPOINTER_TO_UINT (n);
}

static GtkButton *
button_starting (const char *prefix)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  collect (GTK_WIDGET (window), GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    {
      const char *label = gtk_button_get_label (g_ptr_array_index (buttons, i));

      if (gtk_widget_get_visible (g_ptr_array_index (buttons, i)) &&
          label != NULL && g_str_has_prefix (label, prefix))
        return g_ptr_array_index (buttons, i);
    }
  return NULL;
}

static gboolean
has_group_titled (gpointer title)
{
  g_autoptr(GPtrArray) groups = g_ptr_array_new ();

  collect (GTK_WIDGET (window), ADW_TYPE_PREFERENCES_GROUP, groups);
  for (guint i = 0; i < groups->len; i++)
    if (gtk_widget_get_visible (g_ptr_array_index (groups, i)) &&
        g_strcmp0 (adw_preferences_group_get_title (g_ptr_array_index (groups, i)), title) == 0)
      return TRUE;
  return FALSE;
}

/* Twelve referrals from Grace in one stage: the section shows the ten
 * moved most recently and grows on request; Ada is ready to ask. */
static void
check_long_section (RapportStore *store)
{
  RapportPlaybookSettings settings;

  rapport_playbook_settings_init_defaults (&settings);
  for (guint i = 0; i < 12; i++)
    {
      g_autoptr(RapportReferral) referral = rapport_referral_new (2, "proactive");
      g_autofree char *name = g_strdup_printf ("Prospect %02u", i);

      rapport_referral_set_new_prospect (referral, name, "", "");
      rapport_referral_set_stage (referral, "introduced");
      g_assert_true (rapport_referral_create (referral, store, &settings, 1700000000 + i * 60, NULL));
    }

  rapport_window_set_view (window, "referrals");
  wait_until (rows_are, GUINT_TO_POINTER (10));
  g_assert_nonnull (button_starting ("Show More (10 of 12 Shown)"));
  g_signal_emit_by_name (button_starting ("Show More"), "clicked");
  wait_until (rows_are, GUINT_TO_POINTER (12));
  g_assert_null (button_starting ("Show More"));

  g_assert_true (has_group_titled ("Ready to Ask (1)"));
  g_assert_true (has_group_titled ("Introduced (12)"));
}

static void
run_app (RapportUiTestCheck check)
{
  rapport_ui_test_run_app (seed_book, check, &window);
}

static void
test_record_and_win (void)
{
  run_app (check_record_and_win);
}

static void
test_from_customer_and_delete (void)
{
  run_app (check_from_customer_and_delete);
}

static void
test_long_section (void)
{
  run_app (check_long_section);
}

int
main (int   argc,
      char *argv[])
{
  /* GTK's test accessibility backend, so the funnel's label can be read back. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  rapport_ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/referrals/record-and-win", test_record_and_win);
  g_test_add_func ("/ui/referrals/from-customer-and-delete", test_from_customer_and_delete);
  g_test_add_func ("/ui/referrals/long-section", test_long_section);

  return g_test_run ();
}
