/* rapport-customers-page.c: the customer book: list, search and detail
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-customers-page"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-contact-dialog.h"
#include "rapport-customer-detail.h"
#include "rapport-customer-row.h"
#include "rapport-photo-cache.h"
#include "rapport-customers-page.h"
#include "rapport-follow-ups.h"
#include "rapport-labels.h"
#include "rapport-new-customer-dialog.h"
#include "rapport-referral.h"
#include "rapport-time.h"
#include "rapport-toast.h"

/* A customer's row is at least this tall: a 36-pixel avatar, margins. */
#define ROW_MIN_HEIGHT 52

struct _RapportCustomersPage
{
  AdwBin                 parent_instance;

  RapportStore          *store;
  RapportCustomerList   *list;
  RapportPhotoCache     *photos;
  GtkSingleSelection    *selection;
  GSettings             *settings;
  GHashTable            *pending_deletes;  /* id → AdwToast still offering Undo */
  int                    due_soon_days;    /* the setting, read once per change */
  gint64                 wanted_id;        /* select once the list shows it */
  gboolean               to_top;           /* new results: shown from their first row */

  GtkStack              *stack;
  AdwLeaflet            *leaflet;
  GtkSearchEntry        *search_entry;
  GtkStack              *list_stack;
  GtkListView           *list_view;
  GtkLabel              *count_label;
  AdwBin                *detail_slot;
  RapportCustomerDetail *detail;            /* NULL until a customer is first selected */
  GtkDropDown           *sort_dropdown;
  GtkDropDown           *status_dropdown;
  GtkDropDown           *satisfaction_dropdown;
  GtkEntry              *tag_entry;
  GtkCheckButton        *overdue_check;
};

G_DEFINE_FINAL_TYPE (RapportCustomersPage, rapport_customers_page, ADW_TYPE_BIN)

static void
update_visible_page (RapportCustomersPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->list));
  g_autofree char *count = NULL;

  g_assert (RAPPORT_IS_CUSTOMERS_PAGE (self));

  if (rapport_customer_list_get_loading (self->list) && n == 0)
    return;

  if (n == 0 && !rapport_customer_list_get_filtered (self->list) &&
      g_hash_table_size (self->pending_deletes) == 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  gtk_stack_set_visible_child_name (self->stack, "book");
  gtk_stack_set_visible_child_name (self->list_stack, n == 0 ? "no-results" : "list");
  /* The first page of a book still loading is not its size, nor are the
   * rows of a search shown in steps. */
  if (rapport_customer_list_get_loading (self->list))
    return;
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u customer", "%'u customers", n), n);
  gtk_label_set_label (self->count_label, count);
}

static void
select_wanted (RapportCustomersPage *self)
{
  guint position;

  if (self->wanted_id == 0)
    return;
  position = rapport_customer_list_find (self->list, self->wanted_id);
  if (position == G_MAXUINT)
    return;

  self->wanted_id = 0;
  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
}

static void
on_list_changed (RapportCustomersPage *self)
{
  update_visible_page (self);
  select_wanted (self);
}

/* A search or filter shows its results from the first.  The list replaces
 * the rows on screen in place, a few a frame, so the view would otherwise
 * stay where it was in the rows before. */
static void
on_list_items_changed (RapportCustomersPage *self)
{
  if (self->to_top && g_list_model_get_n_items (G_LIST_MODEL (self->list)) > 0)
    {
      self->to_top = FALSE;
      gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", 0);
    }
  on_list_changed (self);
}

static void
on_list_loading_changed (RapportCustomersPage *self)
{
  if (!rapport_customer_list_get_loading (self->list))
    self->to_top = FALSE;
  on_list_changed (self);
}

/* After the list was asked for other results: if it is reading them, they
 * start at the top. */
static void
expect_new_results (RapportCustomersPage *self)
{
  self->to_top = rapport_customer_list_get_loading (self->list);
}

static void
on_detail_go_back (RapportCustomersPage *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

/* The detail is the biggest template of the window (every field of a
 * customer, their sales and timeline): built when a customer is first
 * selected, so a start-up that shows only the list does not pay for it. */
static RapportCustomerDetail *
ensure_detail (RapportCustomersPage *self)
{
  g_assert (RAPPORT_IS_CUSTOMERS_PAGE (self));

  if (self->detail != NULL)
    return self->detail;

  self->detail = g_object_new (RAPPORT_TYPE_CUSTOMER_DETAIL, NULL);
  g_signal_connect_object (self->detail, "go-back", G_CALLBACK (on_detail_go_back),
                           self, G_CONNECT_SWAPPED);
  rapport_customer_detail_set_show_back (self->detail, adw_leaflet_get_folded (self->leaflet));
  if (self->store != NULL)
    rapport_customer_detail_set_store (self->detail, self->store);
  adw_bin_set_child (self->detail_slot, GTK_WIDGET (self->detail));
  return self->detail;
}

static void
on_selection_changed (RapportCustomersPage *self)
{
  RapportCustomer *customer = gtk_single_selection_get_selected_item (self->selection);

  if (customer == NULL && self->detail == NULL)
    return;
  rapport_customer_detail_set_customer (ensure_detail (self), customer);
  if (customer != NULL && adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->detail_slot));
}

static void
on_list_activate (RapportCustomersPage *self,
                  guint                 position)
{
  gtk_single_selection_set_selected (self->selection, position);
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->detail_slot));
}

static void
on_folded_changed (RapportCustomersPage *self)
{
  if (self->detail != NULL)
    rapport_customer_detail_set_show_back (self->detail, adw_leaflet_get_folded (self->leaflet));
}

static void
on_search_changed (RapportCustomersPage *self)
{
  /* GtkSearchEntry already waits for a pause in typing; the query runs in
   * the list's worker thread. */
  rapport_customer_list_set_search (self->list, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  expect_new_results (self);
}

static const char *
chosen_word (GtkDropDown *dropdown,
             const char  *column)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  /* Position 0 is "All". */
  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return NULL;
  return rapport_enum_words (column)[selected - 1];
}

static void
on_filter_changed (RapportCustomersPage *self)
{
  static const RapportCustomerSort sorts[] = {
    RAPPORT_CUSTOMER_SORT_NAME, RAPPORT_CUSTOMER_SORT_LAST_CONTACT, RAPPORT_CUSTOMER_SORT_NEXT_CHECK_IN,
  };
  guint sort = gtk_drop_down_get_selected (self->sort_dropdown);

  if (self->list == NULL)
    return;

  rapport_customer_list_set_sort (self->list, sorts[MIN (sort, G_N_ELEMENTS (sorts) - 1)]);
  rapport_customer_list_set_filter (self->list,
                                    chosen_word (self->status_dropdown, "status"),
                                    chosen_word (self->satisfaction_dropdown, "satisfaction"),
                                    gtk_editable_get_text (GTK_EDITABLE (self->tag_entry)),
                                    gtk_check_button_get_active (self->overdue_check));
  expect_new_results (self);
}

static void
on_due_soon_days_changed (RapportCustomersPage *self)
{
  self->due_soon_days = g_settings_get_int (self->settings, "due-soon-days");
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           RapportCustomersPage     *self)
{
  GtkWidget *row = rapport_customer_row_new ();

  rapport_customer_row_set_photo_cache (RAPPORT_CUSTOMER_ROW (row), self->photos);
  gtk_list_item_set_child (item, row);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          RapportCustomersPage     *self)
{
  rapport_customer_row_set_customer (RAPPORT_CUSTOMER_ROW (gtk_list_item_get_child (item)),
                                     gtk_list_item_get_item (item),
                                     self->due_soon_days);
}

static void
commit_delete (RapportCustomersPage *self,
               gint64                id)
{
  g_autoptr(GError) error = NULL;

  if (!rapport_customer_delete (self->store, id, &error))
    {
      rapport_customer_list_unhide (self->list, id);
      rapport_toast_error (GTK_WIDGET (self), error->message);
    }
}

static void
on_delete_toast_dismissed (AdwToast             *toast,
                           RapportCustomersPage *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (toast), "customer-id"));

  if (!g_hash_table_remove (self->pending_deletes, &id))
    return;  /* undone */
  commit_delete (self, id);
  update_visible_page (self);
}

/**
 * rapport_customers_page_undo_delete:
 *
 * Brings back a customer whose deletion still offers Undo.  The toast's
 * button reaches it through the window's win.undo-delete action.
 */
void
rapport_customers_page_undo_delete (RapportCustomersPage *self,
                                    gint64                id)
{
  g_return_if_fail (RAPPORT_IS_CUSTOMERS_PAGE (self));

  if (!g_hash_table_remove (self->pending_deletes, &id))
    return;
  self->wanted_id = id;
  rapport_customer_list_unhide (self->list, id);
}

/* Takes the customer out of the list at once and deletes them for good
 * when the toast offering Undo goes away. */
static void
delete_customer (RapportCustomersPage *self,
                 RapportCustomer      *customer)
{
  g_autofree char *title = NULL;
  g_autofree char *name = NULL;
  AdwToast *toast;
  gint64 id = rapport_customer_get_id (customer);

  /* Translators: a toast after deleting a customer, with an Undo button */
  /* Toast titles are markup in libadwaita 1.2; a name is text. */
  name = g_markup_escape_text (rapport_customer_get_name (customer), -1);
  title = g_strdup_printf (_("“%s” deleted"), name);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_object_set_data (G_OBJECT (toast), "customer-id", GSIZE_TO_POINTER (id));
  adw_toast_set_detailed_action_name (toast, "win.undo-delete");
  adw_toast_set_action_target_value (toast, g_variant_new_int64 (id));
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_delete_toast_dismissed), self, 0);
  g_hash_table_insert (self->pending_deletes, g_memdup2 (&id, sizeof id), toast);

  if (self->detail != NULL)
    rapport_customer_detail_set_customer (self->detail, NULL);
  rapport_customer_list_hide (self->list, id);
  rapport_toast_show (GTK_WIDGET (self), toast);
}

static void
on_delete_confirmed (AdwMessageDialog     *dialog,
                     const char           *response,
                     RapportCustomersPage *self)
{
  RapportCustomer *customer = g_object_get_data (G_OBJECT (dialog), "customer");

  if (g_strcmp0 (response, "delete") == 0)
    delete_customer (self, customer);
}

/* The schema deletes a customer's referrals with them; Undo brings them
 * back, but the user should know before. */
static void
ask_before_deleting (RapportCustomersPage *self,
                     RapportCustomer      *customer,
                     gint64                n_referrals)
{
  const char *name = rapport_customer_get_name (customer);
  g_autofree char *heading = g_strdup_printf (_("Delete “%s”?"), name);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  /* Translators: "Ada Lovelace has 2 referrals; …" */
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%s has %d referral; deleting the customer deletes it too.",
                                       "%s has %d referrals; deleting the customer deletes them too.",
                                       (gulong) n_referrals),
                          name, (int) n_referrals);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "customer", g_object_ref (customer), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_confirmed), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * rapport_customers_page_delete_selected:
 *
 * Deletes the selected customer, with Undo; asks first when deleting them
 * would delete referrals too.
 */
void
rapport_customers_page_delete_selected (RapportCustomersPage *self)
{
  RapportCustomer *customer;
  gint64 n_referrals;

  g_return_if_fail (RAPPORT_IS_CUSTOMERS_PAGE (self));

  customer = rapport_customers_page_get_selected (self);
  if (customer == NULL)
    return;

  n_referrals = rapport_customer_count_referrals (self->store, rapport_customer_get_id (customer), NULL);
  if (n_referrals > 0)
    ask_before_deleting (self, customer, n_referrals);
  else
    delete_customer (self, customer);
}

static void
on_customer_added (RapportCustomersPage *self,
                   gint64                id)
{
  self->wanted_id = id;
  select_wanted (self);
}

void
rapport_customers_page_new_customer (RapportCustomersPage *self)
{
  RapportNewCustomerDialog *dialog;

  g_return_if_fail (RAPPORT_IS_CUSTOMERS_PAGE (self));

  dialog = rapport_new_customer_dialog_new (self->store);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  g_signal_connect_object (dialog, "added", G_CALLBACK (on_customer_added), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_contact_logged (RapportCustomersPage *self)
{
  RapportCustomer *customer = rapport_customers_page_get_selected (self);
  RapportPlaybookSettings settings;
  g_autoptr(GError) error = NULL;

  if (customer == NULL)
    return;

  rapport_playbook_settings_load (&settings, self->settings);
  if (!rapport_follow_ups_sync_customer (self->store, rapport_customer_get_id (customer), &settings,
                                         rapport_time_now (), &error))
    rapport_toast_error (GTK_WIDGET (self), error->message);
  rapport_customer_reload (customer, self->store, NULL);
  rapport_customer_detail_reload (ensure_detail (self));
  rapport_toast_show (GTK_WIDGET (self), adw_toast_new (_("Contact logged")));
}

void
rapport_customers_page_log_contact (RapportCustomersPage *self)
{
  RapportCustomer *customer;
  RapportContactDialog *dialog;

  g_return_if_fail (RAPPORT_IS_CUSTOMERS_PAGE (self));

  customer = rapport_customers_page_get_selected (self);
  if (customer == NULL)
    {
      rapport_toast_show (GTK_WIDGET (self), adw_toast_new (_("Select a customer first")));
      return;
    }

  dialog = rapport_contact_dialog_new (self->store, customer);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  g_signal_connect_object (dialog, "logged", G_CALLBACK (on_contact_logged), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
rapport_customers_page_focus_search (RapportCustomersPage *self)
{
  g_return_if_fail (RAPPORT_IS_CUSTOMERS_PAGE (self));

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/**
 * rapport_customers_page_search:
 * @text: what to search for, as if typed in the search entry
 *
 * Shows the customers matching @text, with the search entry focused so
 * the user can refine it (the desktop's search hands over its terms).
 */
void
rapport_customers_page_search (RapportCustomersPage *self,
                               const char           *text)
{
  g_return_if_fail (RAPPORT_IS_CUSTOMERS_PAGE (self));
  g_return_if_fail (text != NULL);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  gtk_editable_set_position (GTK_EDITABLE (self->search_entry), -1);
  /* Now, not after the entry's typing pause. */
  if (self->list != NULL)
    {
      rapport_customer_list_set_search (self->list, text);
      expect_new_results (self);
    }
  rapport_customers_page_focus_search (self);
}

static void
rapport_customers_page_dispose (GObject *object)
{
  RapportCustomersPage *self = (RapportCustomersPage *)object;
  GHashTableIter iter;
  gpointer key;

  /* Closing the window confirms deletions still offering Undo. */
  if (self->pending_deletes != NULL)
    {
      g_hash_table_iter_init (&iter, self->pending_deletes);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        commit_delete (self, *(gint64 *) key);
      g_clear_pointer (&self->pending_deletes, g_hash_table_unref);
    }

  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  /* AdwBin holds its child itself: let it unparent it before the
   * template clears its pointers. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_CUSTOMERS_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->list);
  g_clear_object (&self->photos);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (rapport_customers_page_parent_class)->dispose (object);
}

static void
rapport_customers_page_class_init (RapportCustomersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_customers_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rapportapp/Rapport/rapport-customers-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportCustomersPage, stack);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomersPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomersPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomersPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomersPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomersPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomersPage, detail_slot);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomersPage, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomersPage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomersPage, satisfaction_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomersPage, tag_entry);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomersPage, overdue_check);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate);
}

static GListModel *
filter_choices (const char *column,
                const char *all_label)
{
  const char * const *words = rapport_enum_words (column);
  GtkStringList *choices = gtk_string_list_new (NULL);

  gtk_string_list_append (choices, all_label);
  for (guint i = 0; words[i] != NULL; i++)
    gtk_string_list_append (choices, rapport_enum_label (column, words[i]));
  return G_LIST_MODEL (choices);
}

static void
rapport_customers_page_init (RapportCustomersPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GListModel) statuses = filter_choices ("status", _("All"));
  g_autoptr(GListModel) satisfactions = filter_choices ("satisfaction", _("All"));
  GtkEventController *delete_shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  /* Rows are bound a screenful at a time while scrolling. */
  g_signal_connect_object (self->settings, "changed::due-soon-days",
                           G_CALLBACK (on_due_soon_days_changed), self, G_CONNECT_SWAPPED);
  on_due_soon_days_changed (self);
  self->pending_deletes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  gtk_drop_down_set_model (self->status_dropdown, statuses);
  gtk_drop_down_set_model (self->satisfaction_dropdown, satisfactions);

  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_row), self, 0);
  /* No unbind: GTK 4.8 unbinds and binds a row again at every change of
   * its position or selection, and a row bound again to the customer it
   * shows has nothing to do.  A row keeps its customer until it shows
   * another or is destroyed. */
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_row), self, 0);
  gtk_list_view_set_factory (self->list_view, factory);

  /* Delete acts on the list only, never while typing in a field. */
  delete_shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (delete_shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                                                          gtk_named_action_new ("win.delete-customer")));
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), delete_shortcuts);

  g_signal_connect_object (self->leaflet, "notify::folded", G_CALLBACK (on_folded_changed),
                           self, G_CONNECT_SWAPPED);
  on_folded_changed (self);
}

static gboolean
load_rest (gpointer data)
{
  RapportCustomersPage *self = data;

  if (self->list != NULL)
    rapport_customer_list_load_rest (self->list);
  return G_SOURCE_REMOVE;
}

/* Once the first frame is on screen: the rows past the first page are
 * built in a main-loop iteration of their own, after it. */
static void
on_first_frame (GdkFrameClock        *clock,
                RapportCustomersPage *self)
{
  g_signal_handlers_disconnect_by_func (clock, on_first_frame, self);
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, load_rest, g_object_ref (self), g_object_unref);
}

static void
on_root_mapped (GtkWidget            *root,
                RapportCustomersPage *self)
{
  g_signal_handlers_disconnect_by_func (root, on_root_mapped, self);
  g_signal_connect_object (gtk_widget_get_frame_clock (root), "after-paint",
                           G_CALLBACK (on_first_frame), self, 0);
}

/* The customers listed before the window's first frame: as many rows as
 * a window of the remembered height shows (a maximized one, as a 4K
 * screen), far fewer than the 200 that GTK 4.8's list view builds. */
static guint
first_page_size (RapportCustomersPage *self)
{
  int height = g_settings_get_boolean (self->settings, "window-maximized")
                 ? 2160 : g_settings_get_int (self->settings, "window-height");

  return CLAMP (height / ROW_MIN_HEIGHT + 2, 8, 64);
}

void
rapport_customers_page_set_store (RapportCustomersPage *self,
                                  RapportStore         *store)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  g_return_if_fail (RAPPORT_IS_CUSTOMERS_PAGE (self));
  g_return_if_fail (RAPPORT_IS_STORE (store));
  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  /* The window's first frame shows the first screen of customers; the
   * rest are listed, and their rows built, after it. */
  self->list = rapport_customer_list_new_first_page (store, first_page_size (self));
  if (root != NULL && !gtk_widget_get_mapped (GTK_WIDGET (root)))
    g_signal_connect_object (root, "map", G_CALLBACK (on_root_mapped), self, 0);
  else
    rapport_customer_list_load_rest (self->list);
  self->photos = rapport_photo_cache_new (store);
  /* Not selecting the first customer: the model is not empty from the start. */
  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->list));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  if (self->detail != NULL)
    rapport_customer_detail_set_store (self->detail, store);

  g_signal_connect_object (self->list, "items-changed", G_CALLBACK (on_list_items_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "notify::loading", G_CALLBACK (on_list_loading_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "notify::selected-item", G_CALLBACK (on_selection_changed),
                           self, G_CONNECT_SWAPPED);
  update_visible_page (self);
}

RapportCustomerList *
rapport_customers_page_get_list (RapportCustomersPage *self)
{
  g_return_val_if_fail (RAPPORT_IS_CUSTOMERS_PAGE (self), NULL);

  return self->list;
}

RapportCustomer *
rapport_customers_page_get_selected (RapportCustomersPage *self)
{
  g_return_val_if_fail (RAPPORT_IS_CUSTOMERS_PAGE (self), NULL);

  return self->selection != NULL ? gtk_single_selection_get_selected_item (self->selection) : NULL;
}

/**
 * rapport_customers_page_select_customer:
 *
 * Selects the customer now if the list shows them, else as soon as it does;
 * a search or filter that would hide them is cleared.
 *
 * Returns: whether the customer is selected now
 */
gboolean
rapport_customers_page_select_customer (RapportCustomersPage *self,
                                        gint64                id)
{
  g_return_val_if_fail (RAPPORT_IS_CUSTOMERS_PAGE (self), FALSE);

  self->wanted_id = id;
  select_wanted (self);

  /* Asked for from outside the list (a reminder, the desktop's search):
   * a search or filter left from before must not hide them. */
  if (self->wanted_id != 0 && self->list != NULL && rapport_customer_list_get_filtered (self->list))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      rapport_customer_list_set_search (self->list, NULL);
      gtk_drop_down_set_selected (self->status_dropdown, 0);
      gtk_drop_down_set_selected (self->satisfaction_dropdown, 0);
      gtk_editable_set_text (GTK_EDITABLE (self->tag_entry), "");
      gtk_check_button_set_active (self->overdue_check, FALSE);
      on_filter_changed (self);
    }
  return self->wanted_id == 0;
}
