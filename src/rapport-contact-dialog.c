/* rapport-contact-dialog.c: log a call, email, meeting … with a customer
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-contact-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-contact-dialog.h"
#include "rapport-interaction.h"
#include "rapport-labels.h"
#include "rapport-playbook-settings.h"
#include "rapport-referral.h"
#include "rapport-time.h"
#include "rapport-toast.h"

struct _RapportContactDialog
{
  AdwMessageDialog  parent_instance;

  RapportStore     *store;
  RapportCustomer  *customer;

  AdwComboRow      *kind_row;
  AdwEntryRow      *when_row;
  AdwEntryRow      *summary_row;
  GtkLabel         *error_label;
};

G_DEFINE_FINAL_TYPE (RapportContactDialog, rapport_contact_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  LOGGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
read_when (RapportContactDialog *self,
           gint64               *when)
{
  return rapport_time_parse_local (gtk_editable_get_text (GTK_EDITABLE (self->when_row)), when);
}

static void
validate (RapportContactDialog *self)
{
  gint64 when;
  gboolean valid = read_when (self, &when);

  g_assert (RAPPORT_IS_CONTACT_DIALOG (self));

  gtk_label_set_label (self->error_label, valid ? "" : _("Write when it happened as YYYY-MM-DD HH:MM."));
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), !valid);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "log", valid);
}

static void
on_response (RapportContactDialog *self,
             const char           *response)
{
  const char * const *kinds = rapport_enum_words ("interaction_kind");
  g_autoptr(RapportInteraction) interaction = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  const char *kind;
  gint64 when;

  if (g_strcmp0 (response, "log") != 0 || !read_when (self, &when))
    return;

  /* A referral given to the customer is also kept as such (reciprocity);
   * recording it logs the contact on their timeline too. */
  kind = kinds[adw_combo_row_get_selected (self->kind_row)];
  if (g_str_equal (kind, "referral_given"))
    {
      g_autoptr(GSettings) settings = g_settings_new (APP_ID);
      RapportPlaybookSettings playbook;

      rapport_playbook_settings_load (&playbook, settings);
      if (rapport_referral_given_add (self->store, rapport_customer_get_id (self->customer),
                                      gtk_editable_get_text (GTK_EDITABLE (self->summary_row)),
                                      when, "", &playbook, rapport_time_now (), &error) <= 0)
        {
          if (parent != NULL)
            rapport_toast_error (GTK_WIDGET (parent), error->message);
          return;
        }
      g_signal_emit (self, signals[LOGGED], 0);
      return;
    }

  interaction = rapport_interaction_new (rapport_customer_get_id (self->customer), kind, when,
                                         gtk_editable_get_text (GTK_EDITABLE (self->summary_row)));
  if (!rapport_interaction_save (interaction, self->store, &error))
    {
      if (parent != NULL)
        rapport_toast_error (GTK_WIDGET (parent), error->message);
      return;
    }
  g_signal_emit (self, signals[LOGGED], 0);
}

static void
rapport_contact_dialog_dispose (GObject *object)
{
  RapportContactDialog *self = (RapportContactDialog *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_CONTACT_DIALOG);
  g_clear_object (&self->store);
  g_clear_object (&self->customer);

  G_OBJECT_CLASS (rapport_contact_dialog_parent_class)->dispose (object);
}

static void
rapport_contact_dialog_class_init (RapportContactDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_contact_dialog_dispose;

  signals[LOGGED] = g_signal_new ("logged", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rapportapp/Rapport/rapport-contact-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportContactDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, RapportContactDialog, when_row);
  gtk_widget_class_bind_template_child (widget_class, RapportContactDialog, summary_row);
  gtk_widget_class_bind_template_child (widget_class, RapportContactDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, validate);
  gtk_widget_class_bind_template_callback (widget_class, on_response);
}

static void
rapport_contact_dialog_init (RapportContactDialog *self)
{
  const char * const *kinds = rapport_enum_words ("interaction_kind");
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_local (rapport_time_now ());
  g_autofree char *when = g_date_time_format (now, "%Y-%m-%d %H:%M");

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; kinds[i] != NULL; i++)
    gtk_string_list_append (labels, rapport_enum_label ("interaction_kind", kinds[i]));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (labels));
  gtk_editable_set_text (GTK_EDITABLE (self->when_row), when);
}

RapportContactDialog *
rapport_contact_dialog_new (RapportStore    *store,
                            RapportCustomer *customer)
{
  RapportContactDialog *self;
  g_autofree char *heading = NULL;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);
  g_return_val_if_fail (RAPPORT_IS_CUSTOMER (customer), NULL);

  self = g_object_new (RAPPORT_TYPE_CONTACT_DIALOG, NULL);
  self->store = g_object_ref (store);
  self->customer = g_object_ref (customer);
  /* Translators: the heading of the dialog logging a contact with this customer */
  heading = g_strdup_printf (_("Log Contact with %s"), rapport_customer_get_name (customer));
  adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), heading);
  return self;
}
