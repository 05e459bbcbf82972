/* rapport-referral-dialog.c: record a referral: who gave it, who it is for, what kind
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The referrer and an existing prospect are picked from searchable lists
 * of the book; a new prospect is typed in and created with the referral.
 * Record stays disabled, with the reason shown, until the choice is valid.
 */

#define G_LOG_DOMAIN "rapport-referral-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rapport-customer-list.h"
#include "rapport-referral-dialog.h"
#include "rapport-referral.h"
#include "rapport-time.h"
#include "rapport-toast.h"

/* A searchable list of the book with the customer chosen in it. */
typedef struct
{
  RapportCustomerList *list;
  GtkSingleSelection  *selection;
  gint64               chosen;  /* kept chosen while a search shows them */
} Picker;

struct _RapportReferralDialog
{
  AdwMessageDialog     parent_instance;

  RapportStore        *store;
  Picker               referrer;
  Picker               prospect;

  GtkSearchEntry      *referrer_search;
  GtkListView         *referrer_view;
  GtkToggleButton     *new_toggle;
  GtkStack            *prospect_stack;
  AdwEntryRow         *name_row;
  AdwEntryRow         *company_row;
  AdwEntryRow         *email_row;
  GtkSearchEntry      *prospect_search;
  GtkListView         *prospect_view;
  AdwComboRow         *type_row;
  AdwComboRow         *stage_row;
  AdwEntryRow         *notes_row;
  GtkLabel            *error_label;
};

G_DEFINE_FINAL_TYPE (RapportReferralDialog, rapport_referral_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  RECORDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
text_of (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static gboolean
is_new_prospect (RapportReferralDialog *self)
{
  return gtk_toggle_button_get_active (self->new_toggle);
}

static char *
problem (RapportReferralDialog *self)
{
  RapportCustomer *referrer = gtk_single_selection_get_selected_item (self->referrer.selection);
  RapportCustomer *prospect = gtk_single_selection_get_selected_item (self->prospect.selection);
  g_autofree char *name = g_strstrip (g_strdup (text_of (self->name_row)));
  g_autofree char *email = g_strstrip (g_strdup (text_of (self->email_row)));

  if (referrer == NULL)
    return g_strdup (_("Choose the customer who gave the referral."));
  if (is_new_prospect (self))
    {
      if (*name == '\0')
        return g_strdup (_("Name the person who was referred."));
      if (*email != '\0' && strchr (email, '@') == NULL)
        return g_strdup_printf (_("“%s” is not an email address."), email);
      return NULL;
    }
  if (prospect == NULL)
    return g_strdup (_("Choose the customer who was referred."));
  if (rapport_customer_get_id (prospect) == rapport_customer_get_id (referrer))
    return g_strdup (_("A customer cannot refer themselves: choose someone else."));
  return NULL;
}

static void
validate (RapportReferralDialog *self)
{
  g_autofree char *message = problem (self);

  g_assert (RAPPORT_IS_REFERRAL_DIALOG (self));

  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "record", message == NULL);
}

static void
on_referrer_search_changed (RapportReferralDialog *self)
{
  rapport_customer_list_set_search (self->referrer.list,
                                    gtk_editable_get_text (GTK_EDITABLE (self->referrer_search)));
}

static void
on_prospect_search_changed (RapportReferralDialog *self)
{
  rapport_customer_list_set_search (self->prospect.list,
                                    gtk_editable_get_text (GTK_EDITABLE (self->prospect_search)));
}

static void
on_prospect_mode_toggled (RapportReferralDialog *self)
{
  gtk_stack_set_visible_child_name (self->prospect_stack, is_new_prospect (self) ? "new" : "existing");
  validate (self);
}

static void
on_type_selected (RapportReferralDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->type_row);

  if (selected < RAPPORT_REFERRAL_N_TYPES)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->type_row),
                                 rapport_referral_type_explanation (rapport_referral_types[selected]));
}

static RapportReferral *
referral_from_fields (RapportReferralDialog *self)
{
  RapportCustomer *referrer = gtk_single_selection_get_selected_item (self->referrer.selection);
  guint type = MIN (adw_combo_row_get_selected (self->type_row), RAPPORT_REFERRAL_N_TYPES - 1);
  guint stage = MIN (adw_combo_row_get_selected (self->stage_row), RAPPORT_REFERRAL_N_STAGES - 1);
  RapportReferral *referral;

  referral = rapport_referral_new (rapport_customer_get_id (referrer), rapport_referral_types[type]);
  if (is_new_prospect (self))
    rapport_referral_set_new_prospect (referral, text_of (self->name_row), text_of (self->company_row),
                                       text_of (self->email_row));
  else
    rapport_referral_set_prospect_id (referral,
                                      rapport_customer_get_id (gtk_single_selection_get_selected_item (self->prospect.selection)));
  rapport_referral_set_stage (referral, rapport_referral_stages[stage]);
  rapport_referral_set_notes (referral, text_of (self->notes_row));
  return referral;
}

static void
on_response (RapportReferralDialog *self,
             const char            *response)
{
  g_autoptr(RapportReferral) referral = NULL;
  g_autoptr(GSettings) gsettings = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  RapportPlaybookSettings settings;
  g_autofree char *message = problem (self);

  if (g_strcmp0 (response, "record") != 0 || message != NULL)
    return;

  gsettings = g_settings_new (APP_ID);
  rapport_playbook_settings_load (&settings, gsettings);
  referral = referral_from_fields (self);
  if (!rapport_referral_create (referral, self->store, &settings, rapport_time_now (), &error))
    {
      if (parent != NULL)
        rapport_toast_error (GTK_WIDGET (parent), error->message);
      return;
    }
  g_signal_emit (self, signals[RECORDED], 0, referral);
}

static void
rapport_referral_dialog_dispose (GObject *object)
{
  RapportReferralDialog *self = (RapportReferralDialog *)object;

  if (self->referrer_view != NULL)
    gtk_list_view_set_model (self->referrer_view, NULL);
  if (self->prospect_view != NULL)
    gtk_list_view_set_model (self->prospect_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_REFERRAL_DIALOG);
  g_clear_object (&self->referrer.selection);
  g_clear_object (&self->prospect.selection);
  g_clear_object (&self->referrer.list);
  g_clear_object (&self->prospect.list);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (rapport_referral_dialog_parent_class)->dispose (object);
}

static void
rapport_referral_dialog_class_init (RapportReferralDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_referral_dialog_dispose;

  /**
   * RapportReferralDialog::recorded:
   * @referral: the referral, now in the book
   */
  signals[RECORDED] = g_signal_new ("recorded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, RAPPORT_TYPE_REFERRAL);

  /* The list rows' template looks the customer type up by name. */
  g_type_ensure (RAPPORT_TYPE_CUSTOMER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rapportapp/Rapport/rapport-referral-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportReferralDialog, referrer_search);
  gtk_widget_class_bind_template_child (widget_class, RapportReferralDialog, referrer_view);
  gtk_widget_class_bind_template_child (widget_class, RapportReferralDialog, new_toggle);
  gtk_widget_class_bind_template_child (widget_class, RapportReferralDialog, prospect_stack);
  gtk_widget_class_bind_template_child (widget_class, RapportReferralDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, RapportReferralDialog, company_row);
  gtk_widget_class_bind_template_child (widget_class, RapportReferralDialog, email_row);
  gtk_widget_class_bind_template_child (widget_class, RapportReferralDialog, prospect_search);
  gtk_widget_class_bind_template_child (widget_class, RapportReferralDialog, prospect_view);
  gtk_widget_class_bind_template_child (widget_class, RapportReferralDialog, type_row);
  gtk_widget_class_bind_template_child (widget_class, RapportReferralDialog, stage_row);
  gtk_widget_class_bind_template_child (widget_class, RapportReferralDialog, notes_row);
  gtk_widget_class_bind_template_child (widget_class, RapportReferralDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, validate);
  gtk_widget_class_bind_template_callback (widget_class, on_response);
  gtk_widget_class_bind_template_callback (widget_class, on_referrer_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_prospect_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_prospect_mode_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_type_selected);
}

static GListModel *
labels_of (const char * const *words,
           const char *      (*label) (const char *word))
{
  GtkStringList *labels = gtk_string_list_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    gtk_string_list_append (labels, label (words[i]));
  return G_LIST_MODEL (labels);
}

static void
rapport_referral_dialog_init (RapportReferralDialog *self)
{
  g_autoptr(GListModel) types = labels_of (rapport_referral_types, rapport_referral_type_label);
  g_autoptr(GListModel) stages = labels_of (rapport_referral_stages, rapport_referral_stage_label);

  gtk_widget_init_template (GTK_WIDGET (self));

  adw_combo_row_set_model (self->type_row, types);
  adw_combo_row_set_model (self->stage_row, stages);
  on_type_selected (self);
}

static void
remember_choice (RapportReferralDialog *self,
                 GParamSpec            *pspec,
                 GtkSingleSelection    *selection)
{
  Picker *picker = selection == self->referrer.selection ? &self->referrer : &self->prospect;
  RapportCustomer *customer = gtk_single_selection_get_selected_item (selection);

  if (customer != NULL)
    picker->chosen = rapport_customer_get_id (customer);
  validate (self);
}

/* A new search result replaces the rows, and with them the selection:
 * choose the chosen customer again wherever they now are. */
static void
keep_choice (RapportReferralDialog *self,
             guint                  position,
             guint                  removed,
             guint                  added,
             RapportCustomerList   *list)
{
  Picker *picker = list == self->referrer.list ? &self->referrer : &self->prospect;
  guint found;

  if (picker->chosen == 0)
    return;
  found = rapport_customer_list_find (list, picker->chosen);
  if (found != G_MAXUINT && found != gtk_single_selection_get_selected (picker->selection))
    gtk_single_selection_set_selected (picker->selection, found);
}

static void
picker_init (RapportReferralDialog *self,
             Picker                *picker,
             GtkListView           *view)
{
  picker->list = rapport_customer_list_new (self->store);
  picker->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (picker->list)));
  gtk_single_selection_set_autoselect (picker->selection, FALSE);
  gtk_single_selection_set_can_unselect (picker->selection, TRUE);
  gtk_list_view_set_model (view, GTK_SELECTION_MODEL (picker->selection));
  /* After the selection model has handled the change. */
  g_signal_connect_object (picker->list, "items-changed", G_CALLBACK (keep_choice), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (picker->selection, "notify::selected-item", G_CALLBACK (remember_choice),
                           self, G_CONNECT_SWAPPED);
}

/**
 * rapport_referral_dialog_new:
 * @referrer: (nullable): the customer who gave the referral, if known
 */
RapportReferralDialog *
rapport_referral_dialog_new (RapportStore    *store,
                             RapportCustomer *referrer)
{
  RapportReferralDialog *self;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);
  g_return_val_if_fail (referrer == NULL || RAPPORT_IS_CUSTOMER (referrer), NULL);

  self = g_object_new (RAPPORT_TYPE_REFERRAL_DIALOG, NULL);
  self->store = g_object_ref (store);
  picker_init (self, &self->referrer, self->referrer_view);
  picker_init (self, &self->prospect, self->prospect_view);

  if (referrer != NULL)
    {
      self->referrer.chosen = rapport_customer_get_id (referrer);
      gtk_editable_set_text (GTK_EDITABLE (self->referrer_search), rapport_customer_get_name (referrer));
      rapport_customer_list_set_search (self->referrer.list, rapport_customer_get_name (referrer));
      gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
    }
  validate (self);
  return self;
}
