/* rapport-referrals-page.c: the referral pipeline, who to ask next, and the funnel
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page shows one list of referrals (filtered by type and stage in the
 * store) through a section per stage, each a GtkFilterListModel over it.
 * It reads the book again when the store says it changed, on idle and only
 * while it is on screen, so a burst of writes costs one reload.
 */

#define G_LOG_DOMAIN "rapport-referrals-page"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-funnel-chart.h"
#include "rapport-labels.h"
#include "rapport-referral-dialog.h"
#include "rapport-referral-row.h"
#include "rapport-referral.h"
#include "rapport-referrals-page.h"
#include "rapport-time.h"
#include "rapport-toast.h"

struct _RapportReferralsPage
{
  AdwBin                 parent_instance;

  RapportStore          *store;
  GSettings             *settings;
  GListStore            *referrals;   /* RapportReferral, as the filters select them */
  GListStore            *ready;       /* RapportCustomer */
  GtkFilterListModel    *stage_models[RAPPORT_REFERRAL_N_STAGES];
  AdwPreferencesGroup   *sections[RAPPORT_REFERRAL_N_STAGES];
  guint                  refresh_id;
  gboolean               dirty;

  GtkStack              *stack;
  GtkDropDown           *type_dropdown;
  GtkDropDown           *stage_dropdown;
  AdwPreferencesGroup   *ready_group;
  GtkListBox            *ready_list;
  RapportFunnelChart    *funnel_chart;
  GtkLabel              *funnel_label;
  GtkBox                *pipeline_box;
  AdwStatusPage         *no_match_page;
};

G_DEFINE_FINAL_TYPE (RapportReferralsPage, rapport_referrals_page, ADW_TYPE_BIN)

/* Position 0 of each filter is "All". */
static const char *
chosen (GtkDropDown        *dropdown,
        const char * const *words)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return NULL;
  return words[selected - 1];
}

static void
replace_items (GListStore *store,
               GListModel *items)
{
  g_autoptr(GPtrArray) array = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    g_ptr_array_add (array, g_list_model_get_item (items, i));
  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)),
                       array->pdata, array->len);
}

static void
update_sections (RapportReferralsPage *self)
{
  gboolean any = FALSE;

  for (guint i = 0; i < RAPPORT_REFERRAL_N_STAGES; i++)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->stage_models[i]));
      /* Translators: a pipeline section: the stage and how many are in it */
      g_autofree char *title = g_strdup_printf (_("%s (%u)"),
                                                rapport_referral_stage_label (rapport_referral_stages[i]), n);

      adw_preferences_group_set_title (self->sections[i], title);
      gtk_widget_set_visible (GTK_WIDGET (self->sections[i]), n > 0);
      any |= n > 0;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->no_match_page),
                          !any && (gtk_drop_down_get_selected (self->type_dropdown) > 0 ||
                                   gtk_drop_down_get_selected (self->stage_dropdown) > 0));
}

static gboolean
reload (RapportReferralsPage  *self,
        GError               **error)
{
  g_autoptr(GListModel) referrals = NULL;
  g_autoptr(GListModel) ready = NULL;
  RapportReferralFunnel funnel;

  if (!rapport_referral_funnel_load (self->store, &funnel, error) ||
      (referrals = rapport_referral_list (self->store,
                                          chosen (self->stage_dropdown, rapport_referral_stages),
                                          chosen (self->type_dropdown, rapport_referral_types),
                                          error)) == NULL ||
      (ready = rapport_referral_ready_to_ask (self->store, error)) == NULL)
    return FALSE;

  rapport_funnel_chart_set_funnel (self->funnel_chart, &funnel);
  gtk_label_set_label (self->funnel_label, rapport_funnel_chart_get_description (self->funnel_chart));
  replace_items (self->referrals, referrals);
  replace_items (self->ready, ready);
  update_sections (self);
  gtk_widget_set_visible (GTK_WIDGET (self->ready_group), g_list_model_get_n_items (ready) > 0);

  gtk_stack_set_visible_child_name (self->stack,
                                    funnel.total == 0 && g_list_model_get_n_items (ready) == 0
                                    ? "empty" : "pipeline");
  return TRUE;
}

static void
refresh (RapportReferralsPage *self)
{
  g_autoptr(GError) error = NULL;

  g_assert (RAPPORT_IS_REFERRALS_PAGE (self));

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->store == NULL)
    return;
  self->dirty = FALSE;
  if (!reload (self, &error))
    rapport_toast_error (GTK_WIDGET (self), error->message);
}

static gboolean
refresh_on_idle (gpointer data)
{
  RapportReferralsPage *self = data;

  self->refresh_id = 0;
  refresh (self);
  return G_SOURCE_REMOVE;
}

static void
on_store_changed (RapportReferralsPage *self)
{
  self->dirty = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)) && self->refresh_id == 0)
    self->refresh_id = g_idle_add (refresh_on_idle, self);
}

static void
on_map (RapportReferralsPage *self)
{
  if (self->dirty)
    refresh (self);
}

static void
on_filter_changed (RapportReferralsPage *self)
{
  if (self->store != NULL)
    refresh (self);
}

static GtkWidget *
create_referral_row (gpointer item,
                     gpointer user_data)
{
  return rapport_referral_row_new (item, rapport_time_now ());
}

static GtkWidget *
create_ready_row (gpointer item,
                  gpointer user_data)
{
  RapportCustomer *customer = item;
  g_autofree char *details = rapport_customer_describe (customer);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Draft Email"));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), rapport_customer_get_name (customer));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), details);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Write to them asking for a personal introduction"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "referrals.draft-email");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", rapport_customer_get_id (customer));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

static void
load_settings (RapportReferralsPage    *self,
               RapportPlaybookSettings *settings)
{
  rapport_playbook_settings_load (settings, self->settings);
}

static void
report (RapportReferralsPage *self,
        gboolean              done,
        GError               *error,
        const char           *message)
{
  if (!done)
    rapport_toast_error (GTK_WIDGET (self), error->message);
  else
    rapport_toast_show (GTK_WIDGET (self), adw_toast_new (message));
}

static void
set_stage_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  RapportReferralsPage *self = RAPPORT_REFERRALS_PAGE (widget);
  RapportPlaybookSettings settings;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  const char *stage;
  gint64 id;
  gboolean done;

  g_variant_get (param, "(x&s)", &id, &stage);
  load_settings (self, &settings);
  done = rapport_referral_change_stage (self->store, id, stage, &settings, rapport_time_now (), &error);
  /* Translators: a toast after moving a referral to another stage */
  message = g_strdup_printf (_("Moved to “%s”"), rapport_referral_stage_label (stage));
  report (self, done, error, message);
}

static void
informed_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  RapportReferralsPage *self = RAPPORT_REFERRALS_PAGE (widget);
  RapportPlaybookSettings settings;
  g_autoptr(GError) error = NULL;
  gboolean done;

  load_settings (self, &settings);
  done = rapport_referral_mark_informed (self->store, g_variant_get_int64 (param), &settings,
                                         rapport_time_now (), &error);
  report (self, done, error, _("Referrer informed; logged as a contact"));
}

static void
thanked_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  RapportReferralsPage *self = RAPPORT_REFERRALS_PAGE (widget);
  RapportPlaybookSettings settings;
  g_autoptr(GError) error = NULL;
  const char *how;
  gint64 id;
  gboolean done;

  g_variant_get (param, "(x&s)", &id, &how);
  load_settings (self, &settings);
  done = rapport_referral_mark_thanked (self->store, id, how, &settings, rapport_time_now (), &error);
  report (self, done, error, _("Thanks recorded on the referrer’s timeline"));
}

static void
draft_email_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  RapportReferralsPage *self = RAPPORT_REFERRALS_PAGE (widget);
  g_autoptr(RapportCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;

  customer = rapport_customer_load (self->store, g_variant_get_int64 (param), &error);
  if (customer == NULL)
    {
      rapport_toast_error (GTK_WIDGET (self), error->message);
      return;
    }
  uri = rapport_referral_introduction_mailto (rapport_customer_get_name (customer),
                                              rapport_customer_get_email (customer));
  gtk_show_uri (GTK_WINDOW (gtk_widget_get_root (widget)), uri, GDK_CURRENT_TIME);
}

static void
export_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  char **paths = task_data;
  g_autoptr(RapportStore) store = NULL;
  g_autoptr(GError) error = NULL;

  /* A connection of its own: the main one stays with the main thread. */
  store = rapport_store_open (paths[0], &error);
  if (store == NULL || !rapport_referrals_write_csv (store, paths[1], &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
export_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  RapportReferralsPage *self = RAPPORT_REFERRALS_PAGE (object);
  char **paths = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      rapport_toast_error (GTK_WIDGET (self), error->message);
      return;
    }
  name = g_filename_display_basename (paths[1]);
  message = g_markup_printf_escaped (_("Referrals exported to %s"), name);
  rapport_toast_show (GTK_WIDGET (self), adw_toast_new (message));
}

static void
on_export_chosen (GtkNativeDialog      *chooser,
                  int                   response,
                  RapportReferralsPage *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GTask) task = NULL;
  char **paths;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    {
      paths = g_new0 (char *, 3);
      paths[0] = g_strdup (rapport_store_get_path (self->store));
      paths[1] = g_file_get_path (file);
      task = g_task_new (self, NULL, export_done, NULL);
      g_task_set_task_data (task, paths, (GDestroyNotify) g_strfreev);
      g_task_run_in_thread (task, export_thread);
    }
  g_object_unref (chooser);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  RapportReferralsPage *self = RAPPORT_REFERRALS_PAGE (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Export Referrals"),
                                         GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  /* Referrals go to a file of their own: customers.csv keeps one row per customer. */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "referrals.csv");
  gtk_file_filter_set_name (filter, _("Referrals as CSV"));
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_export_chosen), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
rapport_referrals_page_dispose (GObject *object)
{
  RapportReferralsPage *self = (RapportReferralsPage *)object;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  /* AdwBin holds its child itself: let it unparent it before the
   * template clears its pointers. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_REFERRALS_PAGE);
  for (guint i = 0; i < RAPPORT_REFERRAL_N_STAGES; i++)
    g_clear_object (&self->stage_models[i]);
  g_clear_object (&self->referrals);
  g_clear_object (&self->ready);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (rapport_referrals_page_parent_class)->dispose (object);
}

static void
rapport_referrals_page_class_init (RapportReferralsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_referrals_page_dispose;

  g_type_ensure (RAPPORT_TYPE_FUNNEL_CHART);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rapportapp/Rapport/rapport-referrals-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportReferralsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, RapportReferralsPage, type_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RapportReferralsPage, stage_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RapportReferralsPage, ready_group);
  gtk_widget_class_bind_template_child (widget_class, RapportReferralsPage, ready_list);
  gtk_widget_class_bind_template_child (widget_class, RapportReferralsPage, funnel_chart);
  gtk_widget_class_bind_template_child (widget_class, RapportReferralsPage, funnel_label);
  gtk_widget_class_bind_template_child (widget_class, RapportReferralsPage, pipeline_box);
  gtk_widget_class_bind_template_child (widget_class, RapportReferralsPage, no_match_page);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);

  gtk_widget_class_install_action (widget_class, "referrals.set-stage", "(xs)", set_stage_action);
  gtk_widget_class_install_action (widget_class, "referrals.informed", "x", informed_action);
  gtk_widget_class_install_action (widget_class, "referrals.thanked", "(xs)", thanked_action);
  gtk_widget_class_install_action (widget_class, "referrals.draft-email", "x", draft_email_action);
  gtk_widget_class_install_action (widget_class, "referrals.export", NULL, export_action);
}

static gboolean
in_stage (gpointer item,
          gpointer stage)
{
  return g_strcmp0 (rapport_referral_get_stage (item), stage) == 0;
}

/* One section per stage, along the pipeline; update_sections () hides
 * the empty ones. */
static void
add_sections (RapportReferralsPage *self)
{
  for (guint i = 0; i < RAPPORT_REFERRAL_N_STAGES; i++)
    {
      GtkCustomFilter *filter = gtk_custom_filter_new (in_stage, (gpointer) rapport_referral_stages[i], NULL);
      GtkWidget *list = gtk_list_box_new ();

      self->stage_models[i] = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->referrals)),
                                                         GTK_FILTER (filter));
      self->sections[i] = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
      gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
      gtk_widget_add_css_class (list, "boxed-list");
      gtk_list_box_bind_model (GTK_LIST_BOX (list), G_LIST_MODEL (self->stage_models[i]),
                               create_referral_row, self, NULL);
      adw_preferences_group_add (self->sections[i], list);
      gtk_box_append (self->pipeline_box, GTK_WIDGET (self->sections[i]));
    }
  update_sections (self);
}

static GListModel *
filter_choices (const char * const  *words,
                const char *       (*label) (const char *word),
                const char          *all)
{
  GtkStringList *choices = gtk_string_list_new (NULL);

  gtk_string_list_append (choices, all);
  for (guint i = 0; words[i] != NULL; i++)
    gtk_string_list_append (choices, label (words[i]));
  return G_LIST_MODEL (choices);
}

static void
rapport_referrals_page_init (RapportReferralsPage *self)
{
  g_autoptr(GListModel) types = filter_choices (rapport_referral_types, rapport_referral_type_label,
                                                _("All Types"));
  g_autoptr(GListModel) stages = filter_choices (rapport_referral_stages, rapport_referral_stage_label,
                                                 _("All Stages"));
  g_autofree char *script = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  self->referrals = g_list_store_new (RAPPORT_TYPE_REFERRAL);
  self->ready = g_list_store_new (RAPPORT_TYPE_CUSTOMER);

  gtk_drop_down_set_model (self->type_dropdown, types);
  gtk_drop_down_set_model (self->stage_dropdown, stages);
  add_sections (self);

  /* Translators: the ready-to-ask section's description: the script in quotes */
  script = g_strdup_printf (_("Delighted customers who agreed at the close. Ask: “%s”"),
                            rapport_referral_introduction_script ());
  adw_preferences_group_set_description (self->ready_group, script);
  gtk_list_box_bind_model (self->ready_list, G_LIST_MODEL (self->ready), create_ready_row, self, NULL);

  g_signal_connect (self, "map", G_CALLBACK (on_map), NULL);
}

void
rapport_referrals_page_set_store (RapportReferralsPage *self,
                                  RapportStore         *store)
{
  g_return_if_fail (RAPPORT_IS_REFERRALS_PAGE (self));
  g_return_if_fail (store == NULL || RAPPORT_IS_STORE (store));

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  if (!g_set_object (&self->store, store) || store == NULL)
    return;

  g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed), self, G_CONNECT_SWAPPED);
  on_store_changed (self);
}

static void
on_recorded (RapportReferralsPage *self,
             RapportReferral      *referral)
{
  /* The dialog's referral holds the ids; the book has the names. */
  g_autoptr(RapportReferral) stored = rapport_referral_load (self->store, rapport_referral_get_id (referral), NULL);
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (stored == NULL)
    return;
  /* Toast titles are markup in libadwaita 1.2; a name is text. */
  name = g_markup_escape_text (rapport_referral_get_referrer_name (stored), -1);
  /* Translators: a toast; the referrer's name */
  title = g_strdup_printf (_("Referral from %s recorded"), name);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Show"));
  adw_toast_set_detailed_action_name (toast, "win.show-view::referrals");
  rapport_toast_show (GTK_WIDGET (self), toast);
}

/**
 * rapport_referrals_page_record_referral:
 * @referrer: (nullable): the customer who gave it, if known
 *
 * Opens the Record Referral dialog.
 */
void
rapport_referrals_page_record_referral (RapportReferralsPage *self,
                                        RapportCustomer      *referrer)
{
  RapportReferralDialog *dialog;

  g_return_if_fail (RAPPORT_IS_REFERRALS_PAGE (self));
  g_return_if_fail (self->store != NULL);

  dialog = rapport_referral_dialog_new (self->store, referrer);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  g_signal_connect_object (dialog, "recorded", G_CALLBACK (on_recorded), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}
