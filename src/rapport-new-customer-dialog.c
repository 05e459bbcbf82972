/* rapport-new-customer-dialog.c: add a customer by name, company and email
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-new-customer-dialog"

#include "config.h"

#include "rapport-new-customer-dialog.h"
#include "rapport-toast.h"

struct _RapportNewCustomerDialog
{
  AdwMessageDialog  parent_instance;

  RapportStore     *store;

  AdwEntryRow      *name_row;
  AdwEntryRow      *company_row;
  AdwEntryRow      *email_row;
};

G_DEFINE_FINAL_TYPE (RapportNewCustomerDialog, rapport_new_customer_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  ADDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
validate (RapportNewCustomerDialog *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "add", *name != '\0');
}

static void
on_response (RapportNewCustomerDialog *self,
             const char               *response)
{
  g_autoptr(RapportCustomer) customer = rapport_customer_new ();
  g_autoptr(GError) error = NULL;
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (g_strcmp0 (response, "add") != 0)
    return;

  rapport_customer_set_name (customer, gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  rapport_customer_set_company (customer, gtk_editable_get_text (GTK_EDITABLE (self->company_row)));
  rapport_customer_set_email (customer, gtk_editable_get_text (GTK_EDITABLE (self->email_row)));
  if (!rapport_customer_save (customer, self->store, &error))
    {
      if (parent != NULL)
        rapport_toast_error (GTK_WIDGET (parent), error->message);
      return;
    }
  g_signal_emit (self, signals[ADDED], 0, rapport_customer_get_id (customer));
}

static void
rapport_new_customer_dialog_dispose (GObject *object)
{
  RapportNewCustomerDialog *self = (RapportNewCustomerDialog *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_NEW_CUSTOMER_DIALOG);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (rapport_new_customer_dialog_parent_class)->dispose (object);
}

static void
rapport_new_customer_dialog_class_init (RapportNewCustomerDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_new_customer_dialog_dispose;

  /**
   * RapportNewCustomerDialog::added:
   * @id: the new customer's id
   */
  signals[ADDED] = g_signal_new ("added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rapportapp/Rapport/rapport-new-customer-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportNewCustomerDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, RapportNewCustomerDialog, company_row);
  gtk_widget_class_bind_template_child (widget_class, RapportNewCustomerDialog, email_row);
  gtk_widget_class_bind_template_callback (widget_class, validate);
  gtk_widget_class_bind_template_callback (widget_class, on_response);
}

static void
rapport_new_customer_dialog_init (RapportNewCustomerDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

RapportNewCustomerDialog *
rapport_new_customer_dialog_new (RapportStore *store)
{
  RapportNewCustomerDialog *self;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);

  self = g_object_new (RAPPORT_TYPE_NEW_CUSTOMER_DIALOG, NULL);
  self->store = g_object_ref (store);
  return self;
}
