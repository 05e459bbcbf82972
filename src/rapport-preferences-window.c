/* rapport-preferences-window.c: preferences, every row bound to GSettings
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-drafts-page.h"
#include "rapport-preferences-window.h"
#include "rapport-sync-page.h"
#include "rapport-tag-cadence.h"

struct _RapportPreferencesWindow
{
  AdwPreferencesWindow      parent_instance;

  GSettings                *settings;
  RapportStore             *store;

  GtkListBox               *tag_cadence_list;
  AdwEntryRow              *tag_entry;
  GtkSpinButton            *tag_ideal_spin;
  GtkSpinButton            *tag_latest_spin;

  GtkSwitch                *background_switch;
  AdwComboRow              *snooze_row;
  AdwExpanderRow           *quiet_hours_row;
  GtkSpinButton            *quiet_start_spin;
  GtkSpinButton            *quiet_end_spin;
  GtkSpinButton            *min_gap_spin;
  GtkSpinButton            *max_contacts_spin;
  GtkSpinButton            *keep_in_touch_spin;
  GtkSpinButton            *delivery_interval_spin;
  GtkSpinButton            *delivery_max_spin;
  GtkSpinButton            *meeting_spin;
  GtkSpinButton            *introduction_spin;
  GtkSpinButton            *testimonial_spin;
  GtkSpinButton            *due_soon_spin;
  GtkToggleButton          *day_mon;
  GtkToggleButton          *day_tue;
  GtkToggleButton          *day_wed;
  GtkToggleButton          *day_thu;
  GtkToggleButton          *day_fri;
  GtkToggleButton          *day_sat;
  GtkToggleButton          *day_sun;
};

G_DEFINE_FINAL_TYPE (RapportPreferencesWindow, rapport_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

typedef struct
{
  const char *name;   /* a settings key, or a day in "working-days" */
  glong       offset; /* of the widget in the instance struct */
} BoundWidget;

static const BoundWidget spin_buttons[] = {
    { "min-gap-days", G_STRUCT_OFFSET (RapportPreferencesWindow, min_gap_spin) },
    { "max-contacts-per-30-days", G_STRUCT_OFFSET (RapportPreferencesWindow, max_contacts_spin) },
    { "keep-in-touch-days", G_STRUCT_OFFSET (RapportPreferencesWindow, keep_in_touch_spin) },
    { "delivery-check-in-days", G_STRUCT_OFFSET (RapportPreferencesWindow, delivery_interval_spin) },
    { "delivery-check-ins-max", G_STRUCT_OFFSET (RapportPreferencesWindow, delivery_max_spin) },
    { "follow-up-meeting-days", G_STRUCT_OFFSET (RapportPreferencesWindow, meeting_spin) },
    { "introduction-ask-days", G_STRUCT_OFFSET (RapportPreferencesWindow, introduction_spin) },
    { "testimonial-min-days", G_STRUCT_OFFSET (RapportPreferencesWindow, testimonial_spin) },
    { "due-soon-days", G_STRUCT_OFFSET (RapportPreferencesWindow, due_soon_spin) },
  { "quiet-hours-start", G_STRUCT_OFFSET (RapportPreferencesWindow, quiet_start_spin) },
  { "quiet-hours-end", G_STRUCT_OFFSET (RapportPreferencesWindow, quiet_end_spin) },
};

static const BoundWidget day_buttons[] = {
  { "mon", G_STRUCT_OFFSET (RapportPreferencesWindow, day_mon) },
  { "tue", G_STRUCT_OFFSET (RapportPreferencesWindow, day_tue) },
  { "wed", G_STRUCT_OFFSET (RapportPreferencesWindow, day_wed) },
  { "thu", G_STRUCT_OFFSET (RapportPreferencesWindow, day_thu) },
  { "fri", G_STRUCT_OFFSET (RapportPreferencesWindow, day_fri) },
  { "sat", G_STRUCT_OFFSET (RapportPreferencesWindow, day_sat) },
  { "sun", G_STRUCT_OFFSET (RapportPreferencesWindow, day_sun) },
};

#define WIDGET_AT(self, bound) (*(GtkWidget **) G_STRUCT_MEMBER_P ((self), (bound)->offset))

static void
load_working_days (RapportPreferencesWindow *self)
{
  g_auto(GStrv) days = g_settings_get_strv (self->settings, "working-days");

  g_assert (RAPPORT_IS_PREFERENCES_WINDOW (self));

  for (guint i = 0; i < G_N_ELEMENTS (day_buttons); i++)
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (WIDGET_AT (self, &day_buttons[i])),
                                  g_strv_contains ((const char * const *) days, day_buttons[i].name));
}

static void
on_day_toggled (RapportPreferencesWindow *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) days = NULL;

  g_assert (RAPPORT_IS_PREFERENCES_WINDOW (self));

  for (guint i = 0; i < G_N_ELEMENTS (day_buttons); i++)
    if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (WIDGET_AT (self, &day_buttons[i]))))
      g_strv_builder_add (builder, day_buttons[i].name);

  days = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "working-days", (const char * const *) days);
}

static void
on_snooze_selected (RapportPreferencesWindow *self)
{
  g_assert (RAPPORT_IS_PREFERENCES_WINDOW (self));

  g_settings_set_enum (self->settings, "snooze-mode", adw_combo_row_get_selected (self->snooze_row));
}

static void load_tag_cadences (RapportPreferencesWindow *self);

static void
show_error (RapportPreferencesWindow *self,
            const char               *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (escaped));
}

static void
on_remove_tag_cadence (GtkButton                *button,
                       RapportPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  const char *tag = g_object_get_data (G_OBJECT (button), "tag");

  if (!rapport_tag_cadence_remove (self->store, tag, &error))
    show_error (self, error->message);
  load_tag_cadences (self);
  gtk_widget_activate_action (GTK_WIDGET (self), "app.refresh-playbook", NULL);
}

static void
on_add_tag_cadence (RapportPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!rapport_tag_cadence_set (self->store, gtk_editable_get_text (GTK_EDITABLE (self->tag_entry)),
                                gtk_spin_button_get_value_as_int (self->tag_ideal_spin),
                                gtk_spin_button_get_value_as_int (self->tag_latest_spin), &error))
    {
      show_error (self, error->message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->tag_entry), "");
  load_tag_cadences (self);
  /* Customers with the tag get their check-ins moved. */
  gtk_widget_activate_action (GTK_WIDGET (self), "app.refresh-playbook", NULL);
}

static GtkWidget *
create_tag_cadence_row (RapportPreferencesWindow *self,
                        RapportTagCadence        *cadence)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  /* Translators: the plural follows the first number, the days between
   * contacts; the second is the days after which a contact is overdue. */
  g_autofree char *subtitle =
    g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Keep in touch every %d day, overdue after %d",
                                  "Keep in touch every %d days, overdue after %d", cadence->ideal_days),
                     cadence->ideal_days, cadence->latest_days);
  g_autofree char *tooltip = g_strdup_printf (_("Remove the cadence of “%s”"), cadence->tag);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), cadence->tag);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  g_object_set_data_full (G_OBJECT (remove), "tag", g_strdup (cadence->tag), g_free);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (on_remove_tag_cadence), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  return row;
}

static void
load_tag_cadences (RapportPreferencesWindow *self)
{
  g_autoptr(GPtrArray) cadences = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tag_cadence_list))))
    gtk_list_box_remove (self->tag_cadence_list, child);

  if (self->store == NULL)
    return;
  cadences = rapport_tag_cadence_list (self->store, &error);
  if (cadences == NULL)
    {
      show_error (self, error->message);
      return;
    }
  for (guint i = 0; i < cadences->len; i++)
    gtk_list_box_append (self->tag_cadence_list,
                         create_tag_cadence_row (self, g_ptr_array_index (cadences, i)));
}

static void
rapport_preferences_window_dispose (GObject *object)
{
  RapportPreferencesWindow *self = (RapportPreferencesWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (rapport_preferences_window_parent_class)->dispose (object);
}

static void
rapport_preferences_window_class_init (RapportPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rapportapp/Rapport/rapport-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, background_switch);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, tag_cadence_list);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, tag_entry);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, tag_ideal_spin);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, tag_latest_spin);
  gtk_widget_class_bind_template_callback (widget_class, on_add_tag_cadence);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, snooze_row);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, quiet_hours_row);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, quiet_start_spin);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, quiet_end_spin);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, min_gap_spin);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, max_contacts_spin);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, keep_in_touch_spin);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, delivery_interval_spin);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, delivery_max_spin);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, meeting_spin);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, introduction_spin);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, testimonial_spin);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, due_soon_spin);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, day_mon);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, day_tue);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, day_wed);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, day_thu);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, day_fri);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, day_sat);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, day_sun);
}

static void
rapport_preferences_window_init (RapportPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);

  g_settings_bind (self->settings, "run-in-background",
                   self->background_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "quiet-hours-enabled",
                   self->quiet_hours_row, "enable-expansion", G_SETTINGS_BIND_DEFAULT);
  /* The combo's positions follow the SnoozeMode enum's values. */
  adw_combo_row_set_selected (self->snooze_row, g_settings_get_enum (self->settings, "snooze-mode"));
  g_signal_connect_object (self->snooze_row, "notify::selected",
                           G_CALLBACK (on_snooze_selected), self, G_CONNECT_SWAPPED);

  for (guint i = 0; i < G_N_ELEMENTS (spin_buttons); i++)
    g_settings_bind (self->settings, spin_buttons[i].name,
                     WIDGET_AT (self, &spin_buttons[i]), "value", G_SETTINGS_BIND_DEFAULT);

  load_working_days (self);
  for (guint i = 0; i < G_N_ELEMENTS (day_buttons); i++)
    g_signal_connect_object (WIDGET_AT (self, &day_buttons[i]), "toggled",
                             G_CALLBACK (on_day_toggled), self, G_CONNECT_SWAPPED);

  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (rapport_drafts_page_new (self->settings)));
}

/**
 * rapport_preferences_window_new:
 * @store: (nullable): the book, for the cadences that live in it
 * @scheduler: (nullable): the book's sync, for the Sync page
 */
RapportPreferencesWindow *
rapport_preferences_window_new (RapportStore         *store,
                                RapportSyncScheduler *scheduler)
{
  RapportPreferencesWindow *self = g_object_new (RAPPORT_TYPE_PREFERENCES_WINDOW, NULL);

  if (store != NULL)
    self->store = g_object_ref (store);
  load_tag_cadences (self);
  if (store != NULL && scheduler != NULL)
    adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                                ADW_PREFERENCES_PAGE (rapport_sync_page_new (store, scheduler)));
  return self;
}
