/* rapport-sale-dialog.c: record or edit a sale
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Save response stays disabled, with the reason shown, until every
 * field is valid, so a dialog never closes on input it cannot save.
 */

#define G_LOG_DOMAIN "rapport-sale-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-labels.h"
#include "rapport-sale-dialog.h"
#include "rapport-time.h"
#include "rapport-toast.h"

struct _RapportSaleDialog
{
  AdwMessageDialog  parent_instance;

  RapportStore     *store;
  RapportSale      *sale;

  AdwEntryRow      *product_row;
  AdwEntryRow      *amount_row;
  AdwEntryRow      *closed_row;
  AdwEntryRow      *delivered_row;
  AdwComboRow      *prepositioned_row;
  GtkLabel         *error_label;
};

G_DEFINE_FINAL_TYPE (RapportSaleDialog, rapport_sale_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
text_of (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static char *
problem (RapportSaleDialog *self)
{
  g_autofree char *product = g_strstrip (g_strdup (text_of (self->product_row)));
  const char *delivered = text_of (self->delivered_row);
  GDate closed_date, delivered_date;
  gint64 cents;

  if (*product == '\0')
    return g_strdup (_("Name the product or service sold."));
  if (!rapport_parse_amount (text_of (self->amount_row), &cents))
    return g_strdup_printf (_("“%s” is not an amount."), text_of (self->amount_row));
  if (!rapport_date_parse (text_of (self->closed_row), &closed_date))
    return g_strdup (_("Write the closing date as YYYY-MM-DD."));
  if (*delivered != '\0' && !rapport_date_parse (delivered, &delivered_date))
    return g_strdup (_("Write the delivery date as YYYY-MM-DD, or leave it empty."));
  if (*delivered != '\0' && g_date_compare (&delivered_date, &closed_date) < 0)
    return g_strdup (_("The delivery date is before the closing date."));
  return NULL;
}

static void
validate (RapportSaleDialog *self)
{
  g_autofree char *message = problem (self);

  g_assert (RAPPORT_IS_SALE_DIALOG (self));

  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "save", message == NULL);
}

static void
on_response (RapportSaleDialog *self,
             const char        *response)
{
  const char * const *answers = rapport_enum_words ("referral_prepositioned");
  g_autoptr(GError) error = NULL;
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  gint64 cents = 0;

  if (g_strcmp0 (response, "save") != 0)
    return;

  rapport_parse_amount (text_of (self->amount_row), &cents);
  rapport_sale_set_product (self->sale, text_of (self->product_row));
  rapport_sale_set_amount_cents (self->sale, cents);
  rapport_sale_set_closed_on (self->sale, text_of (self->closed_row));
  rapport_sale_set_delivered_on (self->sale, text_of (self->delivered_row));
  rapport_sale_set_referral_prepositioned (self->sale,
                                           answers[adw_combo_row_get_selected (self->prepositioned_row)]);

  if (!rapport_sale_save (self->sale, self->store, &error))
    {
      if (parent != NULL)
        rapport_toast_error (GTK_WIDGET (parent), error->message);
      return;
    }
  g_signal_emit (self, signals[SAVED], 0);
}

static void
rapport_sale_dialog_dispose (GObject *object)
{
  RapportSaleDialog *self = (RapportSaleDialog *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_SALE_DIALOG);
  g_clear_object (&self->store);
  g_clear_object (&self->sale);

  G_OBJECT_CLASS (rapport_sale_dialog_parent_class)->dispose (object);
}

static void
rapport_sale_dialog_class_init (RapportSaleDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_sale_dialog_dispose;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rapportapp/Rapport/rapport-sale-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportSaleDialog, product_row);
  gtk_widget_class_bind_template_child (widget_class, RapportSaleDialog, amount_row);
  gtk_widget_class_bind_template_child (widget_class, RapportSaleDialog, closed_row);
  gtk_widget_class_bind_template_child (widget_class, RapportSaleDialog, delivered_row);
  gtk_widget_class_bind_template_child (widget_class, RapportSaleDialog, prepositioned_row);
  gtk_widget_class_bind_template_child (widget_class, RapportSaleDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, validate);
  gtk_widget_class_bind_template_callback (widget_class, on_response);
}

static void
rapport_sale_dialog_init (RapportSaleDialog *self)
{
  const char * const *answers = rapport_enum_words ("referral_prepositioned");
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; answers[i] != NULL; i++)
    gtk_string_list_append (labels, rapport_enum_label ("referral_prepositioned", answers[i]));
  adw_combo_row_set_model (self->prepositioned_row, G_LIST_MODEL (labels));
}

RapportSaleDialog *
rapport_sale_dialog_new (RapportStore *store,
                         RapportSale  *sale)
{
  RapportSaleDialog *self;
  g_autofree char *amount = NULL;
  const char *delivered;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);
  g_return_val_if_fail (RAPPORT_IS_SALE (sale), NULL);

  self = g_object_new (RAPPORT_TYPE_SALE_DIALOG, NULL);
  self->store = g_object_ref (store);
  self->sale = g_object_ref (sale);

  if (rapport_sale_get_id (sale) != 0)
    adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), _("Edit Sale"));

  gtk_editable_set_text (GTK_EDITABLE (self->product_row), rapport_sale_get_product (sale));
  if (rapport_sale_get_amount_cents (sale) != 0)
    {
      amount = g_strdup_printf ("%" G_GINT64_FORMAT ".%02d", rapport_sale_get_amount_cents (sale) / 100,
                                (int) (rapport_sale_get_amount_cents (sale) % 100));
      gtk_editable_set_text (GTK_EDITABLE (self->amount_row), amount);
    }
  gtk_editable_set_text (GTK_EDITABLE (self->closed_row), rapport_sale_get_closed_on (sale));
  delivered = rapport_sale_get_delivered_on (sale);
  gtk_editable_set_text (GTK_EDITABLE (self->delivered_row), delivered ? delivered : "");
  adw_combo_row_set_selected (self->prepositioned_row,
                              rapport_enum_index ("referral_prepositioned",
                                                  rapport_sale_get_referral_prepositioned (sale)));
  validate (self);
  return self;
}
