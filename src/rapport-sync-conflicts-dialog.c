/* rapport-sync-conflicts-dialog.c: both values of each field changed on both sides, and the user's choice
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A true conflict (this book and the server changed one field
 * differently) keeps both values until the user chooses.  Each conflict
 * is a group: the field, then the value here and the value on the
 * server, each with its Keep button.  A choice is final and goes up at
 * the next sync; its group leaves the list, and the dialog closes when
 * none is left.
 */

#define G_LOG_DOMAIN "rapport-sync-conflicts-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-customer.h"
#include "rapport-labels.h"
#include "rapport-sync-conflicts-dialog.h"
#include "rapport-sync-resolve.h"
#include "rapport-sync-state.h"
#include "rapport-time.h"

struct _RapportSyncConflictsDialog
{
  AdwWindow           parent_instance;

  RapportStore       *store;
  guint               n_open;

  AdwToastOverlay    *toast_overlay;
  AdwPreferencesPage *page;
};

G_DEFINE_FINAL_TYPE (RapportSyncConflictsDialog, rapport_sync_conflicts_dialog, ADW_TYPE_WINDOW)

/* The field as the merge names it (rapport_sync_card_fields and the
 * VTODO's), in words. */
static const char *
field_label (const char *field)
{
  static const struct { const char *field; const char *label; } labels[] = {
    { "name", N_("Name") },
    { "structured-name", N_("Name") },
    { "kind", N_("Person or Organization") },
    { "company", N_("Company") },
    { "title", N_("Job Title") },
    { "role", N_("Role") },
    { "birthday", N_("Birthday") },
    { "anniversary", N_("Anniversary") },
    { "notes", N_("Notes") },
    { "status", N_("Status") },
    { "satisfaction", N_("Satisfaction") },
    { "reference", N_("Reference") },
    { "channel", N_("Preferred Channel") },
    { "min-gap", N_("Minimum Days Between Contacts") },
    { "ideal-interval", N_("Keep in Touch Every (Days)") },
    { "latest-interval", N_("Overdue After (Days)") },
    { "photo", N_("Photo") },
    { "due", N_("Due") },
    { "state", N_("State") },
    { "summary", N_("Summary") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (field, labels[i].field))
      return _(labels[i].label);
  return field;
}

/* A value as the user reads it: the label of an enumeration, not its
 * word in the book; a photo is not shown as its data. */
static char *
describe_value (const char *field,
                const char *value)
{
  static const struct { const char *field; const char *column; } enums[] = {
    { "status", "status" },
    { "satisfaction", "satisfaction" },
    { "reference", "reference_kind" },
    { "channel", "preferred_channel" },
  };

  if (value == NULL || *value == '\0')
    return g_strdup (_("Empty"));
  if (g_str_equal (field, "photo"))
    return g_strdup (_("A photo"));
  if (g_str_equal (field, "kind"))
    return g_strdup (g_str_equal (value, "org") ? _("Organization") : _("Person"));
  for (guint i = 0; i < G_N_ELEMENTS (enums); i++)
    if (g_str_equal (field, enums[i].field))
      return g_strdup (rapport_enum_label (enums[i].column, value));
  return g_strdup (value);
}

/* Whose item the conflict is about: the customer's name, or the kind. */
static char *
describe_item (RapportSyncConflictsDialog *self,
               const RapportSyncConflict  *conflict)
{
  if (g_strcmp0 (conflict->kind, "customer") == 0)
    {
      g_autoptr(RapportCustomer) customer = rapport_customer_load (self->store, conflict->local_id, NULL);

      if (customer != NULL)
        return g_strdup (rapport_customer_get_name (customer));
      return g_strdup (_("A customer"));
    }
  if (g_strcmp0 (conflict->kind, "follow_up") == 0)
    return g_strdup (_("A check-in"));
  return g_strdup (_("A logged contact"));
}

static void
on_keep (GtkButton                  *button,
         RapportSyncConflictsDialog *self)
{
  AdwPreferencesGroup *group = g_object_get_data (G_OBJECT (button), "group");
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (group), "conflict-id"));
  gboolean keep_local = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "keep-local"));
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GError) error = NULL;
  RapportPlaybookSettings playbook;

  rapport_playbook_settings_load (&playbook, settings);
  if (!rapport_sync_resolve_conflict (self->store, id, keep_local, &playbook, rapport_time_now (), &error))
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
      return;
    }

  adw_preferences_page_remove (self->page, group);
  if (--self->n_open == 0)
    gtk_window_close (GTK_WINDOW (self));
}

static GtkWidget *
create_choice (RapportSyncConflictsDialog *self,
               AdwPreferencesGroup        *group,
               const char                 *field,
               const char                 *raw_value,
               const char                 *whose,
               gboolean                    keep_local)
{
  g_autofree char *value = describe_value (field, raw_value);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *keep = gtk_button_new_with_mnemonic (_("_Keep"));
  /* What a screen reader says of the Keep button. */
  g_autofree char *name = keep_local
    /* Translators: %s is a value, e.g. a phone number */
    ? g_strdup_printf (_("Keep yours: %s"), value)
    /* Translators: %s is a value, e.g. a phone number */
    : g_strdup_printf (_("Keep the server’s: %s"), value);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), value);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), whose);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 4);
  gtk_widget_set_valign (keep, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (keep), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_object_set_data (G_OBJECT (keep), "group", group);
  g_object_set_data (G_OBJECT (keep), "keep-local", GINT_TO_POINTER (keep_local));
  g_signal_connect_object (keep, "clicked", G_CALLBACK (on_keep), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), keep);
  return row;
}

static void
add_conflict (RapportSyncConflictsDialog *self,
              const RapportSyncConflict  *conflict)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  g_autofree char *item = describe_item (self, conflict);
  /* Translators: a customer's name and a field: "Anna Berg · Phone" */
  g_autofree char *title = g_strdup_printf (_("%s · %s"), item, field_label (conflict->field));
  g_autofree char *escaped = g_markup_escape_text (title, -1);

  /* A group's title is markup. */
  adw_preferences_group_set_title (group, escaped);
  g_object_set_data (G_OBJECT (group), "conflict-id", GSIZE_TO_POINTER (conflict->id));
  adw_preferences_group_add (group, create_choice (self, group, conflict->field, conflict->local_value,
                                                   _("Yours"), TRUE));
  adw_preferences_group_add (group, create_choice (self, group, conflict->field, conflict->remote_value,
                                                   _("On the server"), FALSE));
  adw_preferences_page_add (self->page, group);
  self->n_open++;
}

static void
rapport_sync_conflicts_dialog_dispose (GObject *object)
{
  RapportSyncConflictsDialog *self = (RapportSyncConflictsDialog *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_SYNC_CONFLICTS_DIALOG);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (rapport_sync_conflicts_dialog_parent_class)->dispose (object);
}

static void
rapport_sync_conflicts_dialog_class_init (RapportSyncConflictsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_sync_conflicts_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rapportapp/Rapport/rapport-sync-conflicts-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportSyncConflictsDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RapportSyncConflictsDialog, page);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rapport_sync_conflicts_dialog_init (RapportSyncConflictsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

RapportSyncConflictsDialog *
rapport_sync_conflicts_dialog_new (RapportStore *store)
{
  RapportSyncConflictsDialog *self;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);

  self = g_object_new (RAPPORT_TYPE_SYNC_CONFLICTS_DIALOG, NULL);
  self->store = g_object_ref (store);
  conflicts = rapport_sync_state_conflicts (store, &error);
  if (conflicts == NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
      return self;
    }
  for (guint i = 0; i < conflicts->len; i++)
    add_conflict (self, g_ptr_array_index (conflicts, i));
  return self;
}
