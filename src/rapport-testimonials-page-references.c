/* rapport-testimonials-page-references.c: the asks waiting, reference customers and their uses
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rows here are built per item of small models (a few dozen references or
 * asks), re-read when the book changes.  Overuse is said in words and
 * colour: a reference given twice in 30 days shows why the next request
 * should go to someone else.
 */

#define G_LOG_DOMAIN "rapport-testimonials-page"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-labels.h"
#include "rapport-reference.h"
#include "rapport-testimonials-page-private.h"
#include "rapport-time.h"
#include "rapport-toast.h"

static GtkWidget *
row_button (const char *label,
            const char *action,
            gint64      id)
{
  GtkWidget *button = label != NULL ? gtk_button_new_with_mnemonic (label) : gtk_button_new ();

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_int64 (id));
  return button;
}

/* Icons keep the row readable at a phone's width; the words are the
 * tooltip and what a screen reader says. */
static GtkWidget *
icon_button (const char *icon_name,
             const char *label,
             const char *action,
             gint64      id)
{
  GtkWidget *button = row_button (NULL, action, id);

  gtk_button_set_icon_name (GTK_BUTTON (button), icon_name);
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

static GtkWidget *
new_row (const char *title,
         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  /* Names are text, never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

GtkWidget *
_rapport_testimonials_page_create_ask_row (gpointer item,
                                           gpointer user_data)
{
  RapportCustomer *customer = item;
  gint64 id = rapport_customer_get_id (customer);
  const char *email = rapport_customer_get_email (customer);
  g_autofree char *describe = rapport_customer_describe (customer);
  GtkWidget *row = new_row (rapport_customer_get_name (customer), describe);
  GtkWidget *write = icon_button ("mail-message-new-symbolic",
                                  *email != '\0' ? _("Write Email Asking for a Testimonial")
                                                  : _("Write Email (no address on file)"),
                                  "testimonials.ask", id);

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), write);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             icon_button ("document-edit-symbolic", _("Record the Reply…"),
                                          "testimonials.record-reply", id));
  return row;
}

static char *
describe_reference (RapportReference *reference)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  const char *company = rapport_reference_get_company (reference);
  const char *last = rapport_reference_get_last_used_on (reference);
  int uses = rapport_reference_get_recent_uses (reference);

  if (*company != '\0')
    g_ptr_array_add (parts, g_strdup (company));
  g_ptr_array_add (parts, g_strdup (rapport_enum_label ("reference_kind",
                                                        rapport_reference_get_kind (reference))));
  g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                        "%d use in the last 30 days",
                                                        "%d uses in the last 30 days", uses),
                                           uses));
  if (*last != '\0')
    {
      g_autofree char *day = rapport_date_describe (last);

      /* Translators: the last use of a reference: "last: Ada at Acme, 15 Mar 2026" */
      g_ptr_array_add (parts, g_strdup_printf (_("last: %s, %s"),
                                               rapport_reference_get_last_given_to (reference), day));
    }
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

/* The row already names the customer: it says the short form, and the
 * whole sentence is its tooltip and what a screen reader reads. */
static GtkWidget *
warning_box (const char *warning)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkWidget *label = gtk_label_new (_("Give them a rest"));

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (box, warning);
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL, warning, -1);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_add_css_class (box, "warning");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Warning"), -1);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  return box;
}

static GtkWidget *
create_reference_row (gpointer item,
                      gpointer user_data)
{
  RapportReference *reference = item;
  g_autofree char *subtitle = describe_reference (reference);
  g_autofree char *warning = rapport_reference_get_warning (reference);
  GtkWidget *row = new_row (rapport_reference_get_name (reference), subtitle);

  if (warning != NULL)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), warning_box (warning));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             icon_button ("list-add-symbolic", _("Record a Use as a Reference…"),
                                          "testimonials.record-use",
                                          rapport_reference_get_customer_id (reference)));
  return row;
}

void
_rapport_testimonials_page_show_references (RapportTestimonialsPage *self,
                                            GListModel              *references)
{
  g_set_object (&self->references, references);
  gtk_list_box_bind_model (self->references_list, self->references, create_reference_row, self, NULL);
}

typedef struct
{
  RapportTestimonialsPage *page;
  gint64                   customer_id;
  AdwEntryRow             *given_to;
  AdwEntryRow             *used_on;
  AdwEntryRow             *notes;
} RecordUse;

static void
record_use_free (gpointer  data,
                 GClosure *closure)
{
  RecordUse *record = data;

  g_clear_object (&record->page);
  g_free (record);
}

static void
validate_use (RecordUse *record)
{
  g_autofree char *to = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (record->given_to))));
  GtkWidget *dialog = gtk_widget_get_ancestor (GTK_WIDGET (record->given_to), ADW_TYPE_MESSAGE_DIALOG);
  GDate date;

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "record",
                                           *to != '\0' &&
                                           rapport_date_parse (gtk_editable_get_text (GTK_EDITABLE (record->used_on)),
                                                               &date));
}

static void
on_record_use_response (AdwMessageDialog *dialog,
                        const char       *response,
                        RecordUse        *record)
{
  RapportTestimonialsPage *self = record->page;
  g_autoptr(GError) error = NULL;
  RapportPlaybookSettings settings;

  if (g_strcmp0 (response, "record") != 0)
    return;

  _rapport_testimonials_page_load_settings (self, &settings);
  if (rapport_reference_record_use (self->store, record->customer_id,
                                    gtk_editable_get_text (GTK_EDITABLE (record->given_to)), 0,
                                    gtk_editable_get_text (GTK_EDITABLE (record->used_on)),
                                    gtk_editable_get_text (GTK_EDITABLE (record->notes)),
                                    &settings, rapport_time_now (), &error) == 0)
    rapport_toast_error (GTK_WIDGET (self), error->message);
  else
    rapport_toast_show (GTK_WIDGET (self),
                        adw_toast_new (_("Use recorded; a thank-you is on the follow-up list")));
}

static AdwEntryRow *
add_entry (GtkWidget  *group,
           const char *title,
           const char *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return ADW_ENTRY_ROW (row);
}

/* Asks to whom and when; a reference already given twice in 30 days is
 * warned about before the third, in the dialog's body. */
void
_rapport_testimonials_page_record_use_action (GtkWidget  *widget,
                                              const char *action_name,
                                              GVariant   *param)
{
  RapportTestimonialsPage *self = RAPPORT_TESTIMONIALS_PAGE (widget);
  gint64 id = g_variant_get_int64 (param);
  gint64 now = rapport_time_now ();
  g_autoptr(RapportCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) today = g_date_time_new_from_unix_local (now);
  g_autofree char *date = g_date_time_format (today, "%Y-%m-%d");
  g_autofree char *heading = NULL;
  g_autofree char *warning = NULL;
  GtkWidget *dialog;
  GtkWidget *group = adw_preferences_group_new ();
  RecordUse *record = g_new0 (RecordUse, 1);
  int uses;

  customer = rapport_customer_load (self->store, id, &error);
  uses = customer != NULL ? rapport_reference_uses_in_window (self->store, id, now,
                                                               RAPPORT_REFERENCE_WINDOW_DAYS, &error) : -1;
  if (uses < 0)
    {
      g_free (record);
      rapport_toast_error (widget, error->message);
      return;
    }

  heading = g_strdup_printf (_("Record a Use of %s"), rapport_customer_get_name (customer));
  warning = rapport_reference_overuse_warning (rapport_customer_get_name (customer), uses);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), heading, NULL);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog),
                               warning != NULL ? warning
                                               : _("To whom did you give this customer as a reference?"));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"), "record", _("_Record"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "record",
                                              warning != NULL ? ADW_RESPONSE_DESTRUCTIVE
                                                              : ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "record");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  record->page = g_object_ref (self);
  record->customer_id = id;
  record->given_to = add_entry (group, _("Given To"), "");
  record->used_on = add_entry (group, _("When (YYYY-MM-DD)"), date);
  record->notes = add_entry (group, _("Notes"), "");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), group);

  g_signal_connect_swapped (record->given_to, "changed", G_CALLBACK (validate_use), record);
  g_signal_connect_swapped (record->used_on, "changed", G_CALLBACK (validate_use), record);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_record_use_response), record,
                         record_use_free, 0);
  validate_use (record);
  gtk_window_present (GTK_WINDOW (dialog));
}
