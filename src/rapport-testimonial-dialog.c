/* rapport-testimonial-dialog.c: record what a customer said, and how it may be used
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Adding a testimonial is also recording the reply to a testimonial ask:
 * the core marks the ask done.  The customer is found with the same lazy,
 * searchable list as the Customers view, so a book of any size works.
 * Add stays disabled, with the reason shown, until the input can be saved.
 */

#define G_LOG_DOMAIN "rapport-testimonial-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-customer-list.h"
#include "rapport-testimonial-dialog.h"
#include "rapport-time.h"
#include "rapport-toast.h"

struct _RapportTestimonialDialog
{
  AdwMessageDialog     parent_instance;

  RapportStore        *store;
  RapportCustomerList *customers;
  GtkSingleSelection  *selection;
  gint64               customer_id;

  GtkSearchEntry      *customer_search;
  GtkListView         *customer_view;
  GtkLabel            *customer_label;
  GtkTextView         *quote_view;
  AdwComboRow         *rating_row;
  AdwEntryRow         *received_row;
  AdwComboRow         *source_row;
  AdwEntryRow         *tags_row;
  AdwEntryRow         *products_row;
  AdwComboRow         *permission_row;
  GtkLabel            *error_label;
};

G_DEFINE_FINAL_TYPE (RapportTestimonialDialog, rapport_testimonial_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  ADDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
quote_text (RapportTestimonialDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->quote_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static char *
problem (RapportTestimonialDialog *self)
{
  g_autofree char *quote = quote_text (self);
  GDate date;

  if (self->customer_id <= 0)
    return g_strdup (_("Choose the customer who gave this testimonial."));
  if (*g_strstrip (quote) == '\0')
    return g_strdup (_("Write down the customer’s words."));
  if (!rapport_date_parse (gtk_editable_get_text (GTK_EDITABLE (self->received_row)), &date))
    return g_strdup (_("Write the day it was received as YYYY-MM-DD."));
  return NULL;
}

static void
validate (RapportTestimonialDialog *self)
{
  g_autofree char *message = problem (self);

  g_assert (RAPPORT_IS_TESTIMONIAL_DIALOG (self));

  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "add", message == NULL);
}

static void
show_customer (RapportTestimonialDialog *self,
               RapportCustomer          *customer)
{
  g_autofree char *text = NULL;

  self->customer_id = customer != NULL ? rapport_customer_get_id (customer) : 0;
  if (customer != NULL)
    /* Translators: the customer chosen in the Add Testimonial dialog */
    text = g_strdup_printf (_("From %s"), rapport_customer_get_name (customer));
  gtk_label_set_label (self->customer_label, text != NULL ? text : _("No customer chosen yet"));
  validate (self);
}

static void
on_selection_changed (RapportTestimonialDialog *self)
{
  RapportCustomer *customer = gtk_single_selection_get_selected_item (self->selection);

  if (customer != NULL)
    show_customer (self, customer);
}

static void
on_customer_activate (RapportTestimonialDialog *self,
                      guint                     position)
{
  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_grab_focus (GTK_WIDGET (self->quote_view));
}

static void
on_customer_search_changed (RapportTestimonialDialog *self)
{
  rapport_customer_list_set_search (self->customers,
                                    gtk_editable_get_text (GTK_EDITABLE (self->customer_search)));
}

static void
on_permission_changed (RapportTestimonialDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->permission_row);
  const char *permission = rapport_testimonial_permissions[MIN (selected, 3)];

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->permission_row),
                               rapport_testimonial_permission_explanation (permission));
}

static void
on_response (RapportTestimonialDialog *self,
             const char               *response)
{
  g_autoptr(RapportTestimonial) testimonial = NULL;
  g_autoptr(GSettings) gsettings = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *quote = NULL;
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  RapportPlaybookSettings settings;
  guint source = adw_combo_row_get_selected (self->source_row);
  guint permission = adw_combo_row_get_selected (self->permission_row);

  if (g_strcmp0 (response, "add") != 0)
    return;

  quote = quote_text (self);
  testimonial = rapport_testimonial_new (self->customer_id);
  rapport_testimonial_set_quote (testimonial, quote);
  rapport_testimonial_set_rating (testimonial, (int) adw_combo_row_get_selected (self->rating_row));
  rapport_testimonial_set_received_on (testimonial,
                                       gtk_editable_get_text (GTK_EDITABLE (self->received_row)));
  rapport_testimonial_set_source (testimonial, rapport_testimonial_sources[MIN (source, 3)]);
  rapport_testimonial_set_tags (testimonial, gtk_editable_get_text (GTK_EDITABLE (self->tags_row)));
  rapport_testimonial_set_products (testimonial,
                                    gtk_editable_get_text (GTK_EDITABLE (self->products_row)));
  rapport_testimonial_set_permission (testimonial, rapport_testimonial_permissions[MIN (permission, 3)]);

  gsettings = g_settings_new (APP_ID);
  rapport_playbook_settings_load (&settings, gsettings);
  if (!rapport_testimonial_save (testimonial, self->store, &settings, rapport_time_now (), &error))
    {
      if (parent != NULL)
        rapport_toast_error (GTK_WIDGET (parent), error->message);
      return;
    }
  g_signal_emit (self, signals[ADDED], 0, rapport_testimonial_get_id (testimonial));
}

static void
setup_customer (GtkSignalListItemFactory *factory,
                GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
bind_customer (GtkSignalListItemFactory *factory,
               GtkListItem              *item)
{
  RapportCustomer *customer = gtk_list_item_get_item (item);
  const char *company = rapport_customer_get_company (customer);
  g_autofree char *text = *company != '\0'
    ? g_strdup_printf ("%s · %s", rapport_customer_get_name (customer), company)
    : g_strdup (rapport_customer_get_name (customer));

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

/* The permission choices show what each one means before it is chosen. */
static void
setup_permission (GtkSignalListItemFactory *factory,
                  GtkListItem              *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *explanation = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_xalign (GTK_LABEL (explanation), 0);
  gtk_label_set_wrap (GTK_LABEL (explanation), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (explanation), 40);
  gtk_widget_add_css_class (explanation, "dim-label");
  gtk_widget_add_css_class (explanation, "caption");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), explanation);
  gtk_list_item_set_child (item, box);
}

static void
bind_permission (GtkSignalListItemFactory *factory,
                 GtkListItem              *item)
{
  GtkWidget *title = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  GtkWidget *explanation = gtk_widget_get_next_sibling (title);
  const char *permission = rapport_testimonial_permissions[MIN (gtk_list_item_get_position (item), 3)];

  gtk_label_set_label (GTK_LABEL (title), rapport_testimonial_permission_label (permission));
  gtk_label_set_label (GTK_LABEL (explanation), rapport_testimonial_permission_explanation (permission));
}

static void
rapport_testimonial_dialog_dispose (GObject *object)
{
  RapportTestimonialDialog *self = (RapportTestimonialDialog *)object;

  if (self->customer_view != NULL)
    gtk_list_view_set_model (self->customer_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_TESTIMONIAL_DIALOG);
  g_clear_object (&self->selection);
  g_clear_object (&self->customers);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (rapport_testimonial_dialog_parent_class)->dispose (object);
}

static void
rapport_testimonial_dialog_class_init (RapportTestimonialDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_testimonial_dialog_dispose;

  /**
   * RapportTestimonialDialog::added:
   * @id: the new testimonial's id
   */
  signals[ADDED] = g_signal_new ("added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rapportapp/Rapport/rapport-testimonial-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportTestimonialDialog, customer_search);
  gtk_widget_class_bind_template_child (widget_class, RapportTestimonialDialog, customer_view);
  gtk_widget_class_bind_template_child (widget_class, RapportTestimonialDialog, customer_label);
  gtk_widget_class_bind_template_child (widget_class, RapportTestimonialDialog, quote_view);
  gtk_widget_class_bind_template_child (widget_class, RapportTestimonialDialog, rating_row);
  gtk_widget_class_bind_template_child (widget_class, RapportTestimonialDialog, received_row);
  gtk_widget_class_bind_template_child (widget_class, RapportTestimonialDialog, source_row);
  gtk_widget_class_bind_template_child (widget_class, RapportTestimonialDialog, tags_row);
  gtk_widget_class_bind_template_child (widget_class, RapportTestimonialDialog, products_row);
  gtk_widget_class_bind_template_child (widget_class, RapportTestimonialDialog, permission_row);
  gtk_widget_class_bind_template_child (widget_class, RapportTestimonialDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, validate);
  gtk_widget_class_bind_template_callback (widget_class, on_response);
  gtk_widget_class_bind_template_callback (widget_class, on_customer_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_customer_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_permission_changed);
}

static void
fill_choices (RapportTestimonialDialog *self)
{
  g_autoptr(GtkStringList) ratings = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) sources = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) permissions = gtk_string_list_new (NULL);
  g_autoptr(GtkListItemFactory) permission_factory = gtk_signal_list_item_factory_new ();

  gtk_string_list_append (ratings, _("No rating"));
  for (int i = 1; i <= 5; i++)
    {
      g_autofree char *stars = rapport_testimonial_stars (i);
      g_autofree char *label = rapport_testimonial_stars_label (i);
      g_autofree char *text = g_strdup_printf ("%s  %s", stars, label);

      gtk_string_list_append (ratings, text);
    }
  adw_combo_row_set_model (self->rating_row, G_LIST_MODEL (ratings));

  for (guint i = 0; rapport_testimonial_sources[i] != NULL; i++)
    gtk_string_list_append (sources, rapport_testimonial_source_label (rapport_testimonial_sources[i]));
  adw_combo_row_set_model (self->source_row, G_LIST_MODEL (sources));

  for (guint i = 0; rapport_testimonial_permissions[i] != NULL; i++)
    gtk_string_list_append (permissions,
                            rapport_testimonial_permission_label (rapport_testimonial_permissions[i]));
  g_signal_connect (permission_factory, "setup", G_CALLBACK (setup_permission), NULL);
  g_signal_connect (permission_factory, "bind", G_CALLBACK (bind_permission), NULL);
  adw_combo_row_set_list_factory (self->permission_row, permission_factory);
  adw_combo_row_set_model (self->permission_row, G_LIST_MODEL (permissions));
  on_permission_changed (self);
}

static void
rapport_testimonial_dialog_init (RapportTestimonialDialog *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GDateTime) today = g_date_time_new_from_unix_local (rapport_time_now ());
  g_autofree char *date = g_date_time_format (today, "%Y-%m-%d");

  gtk_widget_init_template (GTK_WIDGET (self));

  fill_choices (self);
  gtk_editable_set_text (GTK_EDITABLE (self->received_row), date);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_customer), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_customer), NULL);
  gtk_list_view_set_factory (self->customer_view, factory);

  g_signal_connect_object (gtk_text_view_get_buffer (self->quote_view), "changed",
                           G_CALLBACK (validate), self, G_CONNECT_SWAPPED);
}

/**
 * rapport_testimonial_dialog_new:
 * @customer_id: the customer who replied, or 0 to choose one in the dialog
 */
RapportTestimonialDialog *
rapport_testimonial_dialog_new (RapportStore *store,
                                gint64        customer_id)
{
  RapportTestimonialDialog *self;
  g_autoptr(RapportCustomer) customer = NULL;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);

  self = g_object_new (RAPPORT_TYPE_TESTIMONIAL_DIALOG, NULL);
  self->store = g_object_ref (store);
  self->customers = rapport_customer_list_new (store);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->customers)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_list_view_set_model (self->customer_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (on_selection_changed), self, G_CONNECT_SWAPPED);

  if (customer_id > 0 && (customer = rapport_customer_load (store, customer_id, NULL)) != NULL)
    {
      adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), _("Record the Reply"));
      gtk_editable_set_text (GTK_EDITABLE (self->customer_search), rapport_customer_get_name (customer));
    }
  show_customer (self, customer);
  return self;
}
