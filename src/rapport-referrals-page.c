/* rapport-referrals-page.c: the referral pipeline, who to ask next, and the funnel
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One list of referrals (filtered by type and stage in the book) feeds a
 * section per stage, each a filter and a slice over it: a section shows
 * its first rows and grows on request, so a book with thousands of won
 * referrals does not build thousands of rows.  The book is read in a
 * worker thread, on a read-only connection of the page's, when the store
 * says it changed and the page is on screen; a burst of writes costs one
 * read, and a new filter interrupts the read of the last one.  The page
 * shows the last read until the next arrives.
 *
 * The sections' rows, 70 at first, are built a few a frame after a read
 * is shown, not all in the frame that shows it: each is a template, and
 * together they held the main thread for some 150 ms.
 */

#define G_LOG_DOMAIN "rapport-referrals-page"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-labels.h"
#include "rapport-referral-row.h"
#include "rapport-referrals-page-private.h"
#include "rapport-time.h"
#include "rapport-toast.h"

/* Rows are widgets, each costing layout time: a section starts with its
 * SECTION_FIRST most recently moved referrals and grows by SECTION_MORE. */
#define SECTION_FIRST 10
#define SECTION_MORE  20
#define READY_SHOWN   10
#define ROWS_PER_FRAME 5

G_DEFINE_FINAL_TYPE (RapportReferralsPage, rapport_referrals_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What one read of the book brings back to the page. */
typedef struct
{
  char                  *stage;       /* the filters, NULL: all */
  char                  *type;
  RapportReferralFunnel  funnel;
  GListModel            *referrals;
  GListModel            *ready;
  guint                  n_ready;
} Snapshot;

static void
snapshot_free (Snapshot *snapshot)
{
  g_free (snapshot->stage);
  g_free (snapshot->type);
  g_clear_object (&snapshot->referrals);
  g_clear_object (&snapshot->ready);
  g_free (snapshot);
}

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
update_section (RapportReferralsPage *self,
                guint                 i)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->stage_models[i]));
  guint shown = MIN (self->stage_shown[i], n);
  /* Translators: a pipeline section: the stage and how many are in it */
  g_autofree char *title = g_strdup_printf (_("%s (%u)"),
                                            rapport_referral_stage_label (rapport_referral_stages[i]), n);
  g_autofree char *more = NULL;

  adw_preferences_group_set_title (self->sections[i], title);
  gtk_widget_set_visible (GTK_WIDGET (self->sections[i]), n > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->more_buttons[i]), shown < n);
  /* Translators: below a pipeline section: "Show More (10 of 714 Shown)" */
  more = g_strdup_printf (_("Show More (%u of %u Shown)"), shown, n);
  gtk_button_set_label (self->more_buttons[i], more);
}

static void
update_sections (RapportReferralsPage *self)
{
  gboolean any = FALSE;

  for (guint i = 0; i < RAPPORT_REFERRAL_N_STAGES; i++)
    {
      update_section (self, i);
      any |= g_list_model_get_n_items (G_LIST_MODEL (self->stage_models[i])) > 0;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->no_match_page),
                          !any && (gtk_drop_down_get_selected (self->type_dropdown) > 0 ||
                                   gtk_drop_down_get_selected (self->stage_dropdown) > 0));
}

static void
update_ready (RapportReferralsPage *self,
              guint                 n_ready)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->ready));
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;

  /* Translators: "Ready to Ask (12)" */
  title = g_strdup_printf (_("Ready to Ask (%u)"), n_ready);
  if (shown < n_ready)
    /* Translators: the ready-to-ask section when not all fit; then the script in quotes */
    description = g_strdup_printf (_("The %u delighted customers who agreed at the close and have "
                                     "waited longest. Ask: “%s”"),
                                   shown, rapport_referral_introduction_script ());
  else
    /* Translators: the ready-to-ask section's description: the script in quotes */
    description = g_strdup_printf (_("Delighted customers who agreed at the close. Ask: “%s”"),
                                   rapport_referral_introduction_script ());
  adw_preferences_group_set_title (self->ready_group, title);
  adw_preferences_group_set_description (self->ready_group, description);
  gtk_widget_set_visible (GTK_WIDGET (self->ready_group), n_ready > 0);
}

static gboolean
grow_sections (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       data)
{
  RapportReferralsPage *self = RAPPORT_REFERRALS_PAGE (widget);
  guint budget = ROWS_PER_FRAME;

  /* Off screen, the rows wait until the page is shown again: another
   * view's first frame does not pay for them. */
  if (!gtk_widget_get_mapped (widget))
    {
      self->grow_id = 0;
      return G_SOURCE_REMOVE;
    }

  for (guint i = 0; i < RAPPORT_REFERRAL_N_STAGES && budget > 0; i++)
    {
      guint n = MIN (self->stage_shown[i], g_list_model_get_n_items (G_LIST_MODEL (self->stage_models[i])));
      guint built = gtk_slice_list_model_get_size (self->stage_slices[i]);

      if (built < n)
        {
          guint more = MIN (budget, n - built);

          gtk_slice_list_model_set_size (self->stage_slices[i], built + more);
          budget -= more;
        }
    }
  if (budget > 0)
    {
      self->grow_id = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
grow_sections_later (RapportReferralsPage *self)
{
  if (self->grow_id == 0)
    self->grow_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), grow_sections, NULL, NULL);
}

static void
apply (RapportReferralsPage *self,
       Snapshot             *snapshot)
{
  rapport_funnel_chart_set_funnel (self->funnel_chart, &snapshot->funnel);
  gtk_label_set_label (self->funnel_label, rapport_funnel_chart_get_description (self->funnel_chart));
  replace_items (self->referrals, snapshot->referrals);
  replace_items (self->ready, snapshot->ready);
  update_sections (self);
  update_ready (self, snapshot->n_ready);
  grow_sections_later (self);

  gtk_stack_set_visible_child_name (self->stack,
                                    snapshot->funnel.total == 0 && snapshot->n_ready == 0
                                    ? "empty" : "pipeline");
}

static gboolean
read_thread (RapportStore  *reader,
             gpointer       data,
             GError       **error)
{
  Snapshot *snapshot = data;

  return rapport_referral_funnel_load (reader, &snapshot->funnel, error) &&
         (snapshot->referrals = rapport_referral_list (reader, snapshot->stage, snapshot->type, error)) != NULL &&
         (snapshot->ready = rapport_referral_ready_to_ask (reader, READY_SHOWN, &snapshot->n_ready, error)) != NULL;
}

static void
read_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  RapportReferralsPage *self;
  Snapshot *snapshot;

  snapshot = rapport_reader_run_finish (RAPPORT_READER (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;  /* a newer read replaced it, or the page is gone */

  self = RAPPORT_REFERRALS_PAGE (user_data);
  g_clear_object (&self->loading);
  if (snapshot == NULL)
    rapport_toast_error (GTK_WIDGET (self), error->message);
  else
    apply (self, snapshot);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
refresh (RapportReferralsPage *self)
{
  Snapshot *snapshot;

  g_assert (RAPPORT_IS_REFERRALS_PAGE (self));

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->store == NULL)
    return;
  self->dirty = FALSE;

  snapshot = g_new0 (Snapshot, 1);
  snapshot->stage = g_strdup (chosen (self->stage_dropdown, rapport_referral_stages));
  snapshot->type = g_strdup (chosen (self->type_dropdown, rapport_referral_types));

  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  self->loading = g_cancellable_new ();
  rapport_reader_run_async (self->reader, read_thread, snapshot, (GDestroyNotify) snapshot_free,
                            self->loading, read_done, self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
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
  grow_sections_later (self);
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
rapport_referrals_page_dispose (GObject *object)
{
  RapportReferralsPage *self = (RapportReferralsPage *)object;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->grow_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->grow_id);
  self->grow_id = 0;
  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  /* AdwBin holds its child itself: let it unparent it before the
   * template clears its pointers. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_REFERRALS_PAGE);
  for (guint i = 0; i < RAPPORT_REFERRAL_N_STAGES; i++)
    {
      g_clear_object (&self->stage_slices[i]);
      g_clear_object (&self->stage_models[i]);
    }
  g_clear_object (&self->referrals);
  g_clear_object (&self->ready);
  g_clear_object (&self->settings);
  g_clear_object (&self->reader);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (rapport_referrals_page_parent_class)->dispose (object);
}

static void
rapport_referrals_page_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  RapportReferralsPage *self = RAPPORT_REFERRALS_PAGE (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, rapport_referrals_page_get_loading (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_referrals_page_class_init (RapportReferralsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_referrals_page_dispose;
  object_class->get_property = rapport_referrals_page_get_property;

  /**
   * RapportReferralsPage:loading:
   *
   * Whether a read of the book is under way; the page shows the last one
   * meanwhile.
   */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

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

  _rapport_referrals_page_class_init_actions (widget_class);
}

static gboolean
in_stage (gpointer item,
          gpointer stage)
{
  return g_strcmp0 (rapport_referral_get_stage (item), stage) == 0;
}

static void
on_more_clicked (GtkButton            *button,
                 RapportReferralsPage *self)
{
  for (guint i = 0; i < RAPPORT_REFERRAL_N_STAGES; i++)
    if (self->more_buttons[i] == button)
      {
        /* Asked for: built at once. */
        self->stage_shown[i] += SECTION_MORE;
        gtk_slice_list_model_set_size (self->stage_slices[i], self->stage_shown[i]);
        update_section (self, i);
      }
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
      self->stage_shown[i] = SECTION_FIRST;
      self->stage_slices[i] = gtk_slice_list_model_new (g_object_ref (G_LIST_MODEL (self->stage_models[i])),
                                                        0, 0);
      self->sections[i] = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
      self->more_buttons[i] = GTK_BUTTON (gtk_button_new ());
      gtk_widget_set_halign (GTK_WIDGET (self->more_buttons[i]), GTK_ALIGN_CENTER);
      gtk_widget_set_margin_top (GTK_WIDGET (self->more_buttons[i]), 12);
      gtk_widget_add_css_class (GTK_WIDGET (self->more_buttons[i]), "pill");
      g_signal_connect_object (self->more_buttons[i], "clicked", G_CALLBACK (on_more_clicked), self, 0);

      gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
      gtk_widget_add_css_class (list, "boxed-list");
      gtk_list_box_bind_model (GTK_LIST_BOX (list), G_LIST_MODEL (self->stage_slices[i]),
                               create_referral_row, self, NULL);
      adw_preferences_group_add (self->sections[i], list);
      adw_preferences_group_add (self->sections[i], GTK_WIDGET (self->more_buttons[i]));
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

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  self->referrals = g_list_store_new (RAPPORT_TYPE_REFERRAL);
  self->ready = g_list_store_new (RAPPORT_TYPE_CUSTOMER);

  gtk_drop_down_set_model (self->type_dropdown, types);
  gtk_drop_down_set_model (self->stage_dropdown, stages);
  add_sections (self);
  update_ready (self, 0);
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
  if (!g_set_object (&self->store, store))
    return;
  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  g_clear_object (&self->reader);
  if (store == NULL)
    return;

  self->reader = rapport_reader_new (store);
  g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed), self, G_CONNECT_SWAPPED);
  /* On screen (the window builds the page when first shown), the read
   * starts now, not in an idle after the first frame: the page is loading
   * from that frame on, and shows the book a frame sooner. */
  self->dirty = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    refresh (self);
}

gboolean
rapport_referrals_page_get_loading (RapportReferralsPage *self)
{
  g_return_val_if_fail (RAPPORT_IS_REFERRALS_PAGE (self), FALSE);

  return self->loading != NULL;
}
