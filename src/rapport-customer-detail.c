/* rapport-customer-detail.c: one customer, edited in place, with sales and timeline
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-customer-detail"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-agenda.h"
#include "rapport-customer-card.h"
#include "rapport-customer-detail.h"
#include "rapport-follow-ups.h"
#include "rapport-interaction.h"
#include "rapport-labels.h"
#include "rapport-photo-cache.h"
#include "rapport-sale-dialog.h"
#include "rapport-sale.h"
#include "rapport-time.h"
#include "rapport-toast.h"
#include "rapport-values-group.h"

struct _RapportCustomerDetail
{
  AdwBin           parent_instance;

  RapportStore    *store;
  RapportCustomer *customer;
  GSettings       *settings;
  gboolean         populating;  /* filling the fields must not save them */
  gboolean         notes_dirty;
  guint            values_check_id;  /* an idle: did the book change the values? */

  GtkStack        *stack;
  GtkButton       *back_button;
  AdwAvatar       *avatar;
  GtkLabel        *title_label;
  GtkListBox      *check_ins_list;
  AdwEntryRow     *name_row;
  AdwEntryRow     *company_row;
  RapportValuesGroup *emails_group;
  RapportValuesGroup *phones_group;
  RapportValuesGroup *addresses_group;
  RapportValuesGroup *urls_group;
  AdwEntryRow     *tags_row;
  AdwComboRow     *status_row;
  AdwComboRow     *satisfaction_row;
  AdwComboRow     *reference_row;
  AdwComboRow     *channel_row;
  GtkSpinButton   *gap_spin;
  GtkSpinButton   *ideal_spin;
  GtkSpinButton   *latest_spin;
  GtkTextView     *notes_view;
  GtkListBox      *sales_list;
  GtkListBox      *timeline_list;
};

G_DEFINE_FINAL_TYPE (RapportCustomerDetail, rapport_customer_detail, ADW_TYPE_BIN)

enum {
  GO_BACK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  const char *column;
  glong       offset;
} ComboColumn;

static const ComboColumn combos[] = {
  { "status", G_STRUCT_OFFSET (RapportCustomerDetail, status_row) },
  { "satisfaction", G_STRUCT_OFFSET (RapportCustomerDetail, satisfaction_row) },
  { "reference_kind", G_STRUCT_OFFSET (RapportCustomerDetail, reference_row) },
  { "preferred_channel", G_STRUCT_OFFSET (RapportCustomerDetail, channel_row) },
};

#define COMBO_AT(self, i) (*(AdwComboRow **) G_STRUCT_MEMBER_P ((self), combos[i].offset))

/* Derives the playbook's follow-ups again after anything that feeds it. */
static void
sync_playbook (RapportCustomerDetail *self)
{
  RapportPlaybookSettings settings;
  g_autoptr(GError) error = NULL;

  rapport_playbook_settings_load (&settings, self->settings);
  if (!rapport_follow_ups_sync_customer (self->store, rapport_customer_get_id (self->customer),
                                         &settings, rapport_time_now (), &error))
    rapport_toast_error (GTK_WIDGET (self), error->message);
}

static gboolean
save_customer (RapportCustomerDetail *self)
{
  g_autoptr(GError) error = NULL;

  g_assert (RAPPORT_IS_CUSTOMER_DETAIL (self));

  if (!rapport_customer_save (self->customer, self->store, &error))
    {
      rapport_toast_error (GTK_WIDGET (self), error->message);
      /* Show what the book really holds, not the rejected edit. */
      rapport_customer_reload (self->customer, self->store, NULL);
      rapport_customer_load_values (self->customer, self->store, NULL);
      rapport_customer_detail_reload (self);
      return FALSE;
    }
  sync_playbook (self);
  return TRUE;
}

static GtkWidget *
create_check_in_row (RapportDueItem *item,
                     gint64          now,
                     int             due_soon_days)
{
  g_autofree char *day = rapport_time_describe_day (item->due_at, now);
  g_autoptr(GDateTime) due = g_date_time_new_from_unix_local (item->due_at);
  g_autofree char *time = rapport_time_format_clock (due);
  RapportUrgency urgency = rapport_urgency_compute (item->due_at, 0, now, due_soon_days);
  g_autofree char *title = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *done = gtk_button_new_with_mnemonic (_("_Done"));

  if (urgency >= RAPPORT_URGENCY_DUE_SOON)
    title = g_strdup_printf ("%s · %s · %s %s", rapport_urgency_label (urgency),
                             rapport_follow_up_kind_label (item->kind), day, time);
  else
    title = g_strdup_printf ("%s · %s %s", rapport_follow_up_kind_label (item->kind), day, time);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), item->reason);

  gtk_widget_set_valign (done, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (done, _("Mark this check-in done"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (done), "detail.complete-follow-up");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (done), g_variant_new_int64 (item->id));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), done);
  return row;
}

static void
populate_check_ins (RapportCustomerDetail *self)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = rapport_time_now ();
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->check_ins_list))))
    gtk_list_box_remove (self->check_ins_list, child);

  items = rapport_agenda_list_for_customer (self->store, rapport_customer_get_id (self->customer),
                                            &error);
  if (items == NULL)
    {
      rapport_toast_error (GTK_WIDGET (self), error->message);
      return;
    }
  for (guint i = 0; i < items->len; i++)
    gtk_list_box_append (self->check_ins_list,
                         create_check_in_row (g_ptr_array_index (items, i), now,
                                              g_settings_get_int (self->settings, "due-soon-days")));

  if (items->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Nothing scheduled"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("Record a sale or log a contact and the playbook schedules the next check-in."));
      gtk_list_box_append (self->check_ins_list, row);
    }
}

static GtkWidget *
create_sale_row (gpointer item,
                 gpointer user_data)
{
  RapportSale *sale = item;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();
  GDate date;

  g_ptr_array_add (parts, rapport_format_amount (rapport_sale_get_amount_cents (sale)));
  if (rapport_date_parse (rapport_sale_get_closed_on (sale), &date))
    {
      g_autofree char *closed = rapport_date_describe (rapport_sale_get_closed_on (sale));

      g_ptr_array_add (parts, g_strdup_printf (_("closed %s"), closed));
    }
  if (rapport_sale_get_delivered_on (sale) != NULL)
    {
      g_autofree char *delivered = rapport_date_describe (rapport_sale_get_delivered_on (sale));

      g_ptr_array_add (parts, g_strdup_printf (_("delivered %s"), delivered));
    }
  else
    g_ptr_array_add (parts, g_strdup (_("not delivered yet")));
  g_ptr_array_add (parts, g_strdup_printf (_("referral: %s"),
                                           rapport_enum_label ("referral_prepositioned",
                                                               rapport_sale_get_referral_prepositioned (sale))));
  g_ptr_array_add (parts, NULL);
  subtitle = g_strjoinv (" · ", (char **) parts->pdata);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), rapport_sale_get_product (sale));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  g_object_set_data_full (G_OBJECT (row), "sale", g_object_ref (sale), g_object_unref);
  return row;
}

static GtkWidget *
create_interaction_row (gpointer item,
                        gpointer user_data)
{
  RapportInteraction *interaction = item;
  gint64 now = rapport_time_now ();
  g_autofree char *ago = rapport_time_describe_ago (rapport_interaction_get_happened_at (interaction), now);
  g_autofree char *title = g_strdup_printf ("%s · %s",
                                            rapport_enum_label ("interaction_kind",
                                                                rapport_interaction_get_kind (interaction)),
                                            ago);
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), rapport_interaction_get_summary (interaction));
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name (rapport_interaction_kind_icon (rapport_interaction_get_kind (interaction))));
  /* A teammate's contact, come through sync: it counts here too, and
   * says whose it was. */
  if (rapport_interaction_get_logged_by (interaction) != NULL)
    {
      /* Translators: %s is a teammate's name */
      g_autofree char *by = g_strdup_printf (_("Logged by %s"), rapport_interaction_get_logged_by (interaction));
      GtkWidget *label = gtk_label_new (by);

      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "caption");
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  return row;
}

static GtkWidget *
create_placeholder (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  return label;
}

static void
populate_lists (RapportCustomerDetail *self)
{
  gint64 id = rapport_customer_get_id (self->customer);
  g_autoptr(GListModel) sales = rapport_sale_list_for_customer (self->store, id, NULL);
  g_autoptr(GListModel) timeline = rapport_interaction_list_for_customer (self->store, id, NULL);

  gtk_list_box_bind_model (self->sales_list, sales, create_sale_row, self, NULL);
  gtk_list_box_bind_model (self->timeline_list, timeline, create_interaction_row, self, NULL);
  populate_check_ins (self);
}

static void
set_entry (AdwEntryRow *row,
           const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static RapportValuesGroup *
group_at (RapportCustomerDetail *self,
          guint                  i)
{
  RapportValuesGroup *groups[] = {
    self->emails_group, self->phones_group, self->addresses_group, self->urls_group,
  };

  return i < G_N_ELEMENTS (groups) ? groups[i] : NULL;
}

static void
show_values (RapportCustomerDetail *self)
{
  for (guint i = 0; group_at (self, i) != NULL; i++)
    rapport_values_group_set_customer (group_at (self, i), self->customer);
}

/* Every email, phone, address and website: one indexed query. */
static void
load_values (RapportCustomerDetail *self)
{
  g_autoptr(GError) error = NULL;

  if (!rapport_customer_load_values (self->customer, self->store, &error))
    rapport_toast_error (GTK_WIDGET (self), error->message);
  show_values (self);
}

static void
show_photo (RapportCustomerDetail *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) photo = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *media_type = NULL;

  adw_avatar_set_text (self->avatar, rapport_customer_get_name (self->customer));
  photo = rapport_customer_card_read_photo (self->store, rapport_customer_get_id (self->customer),
                                            &media_type, &error);
  if (photo != NULL)
    texture = rapport_photo_texture_new (photo, RAPPORT_PHOTO_SIZE, &error);
  /* A photo GTK cannot decode leaves the initials, as no photo does. */
  if (error != NULL)
    g_debug ("No photo for customer %" G_GINT64_FORMAT ": %s",
             rapport_customer_get_id (self->customer), error->message);
  adw_avatar_set_custom_image (self->avatar, GDK_PAINTABLE (texture));
}

static gboolean
same_values (GPtrArray *a,
             GPtrArray *b)
{
  if (a == NULL || b == NULL || a->len != b->len)
    return a == b;
  for (guint i = 0; i < a->len; i++)
    {
      const RapportContactValue *va = g_ptr_array_index (a, i);
      const RapportContactValue *vb = g_ptr_array_index (b, i);

      if (va->kind != vb->kind || va->pref != vb->pref ||
          !g_str_equal (va->value, vb->value) || !g_str_equal (va->types, vb->types))
        return FALSE;
    }
  return TRUE;
}

/* An import may have merged emails into the customer on screen: show
 * them, and never save the older list over them. */
static gboolean
check_values (gpointer data)
{
  RapportCustomerDetail *self = data;
  g_autoptr(GPtrArray) values = NULL;

  self->values_check_id = 0;
  if (self->customer == NULL || rapport_customer_get_id (self->customer) == 0)
    return G_SOURCE_REMOVE;
  values = rapport_customer_card_read_values (self->store, rapport_customer_get_id (self->customer), NULL);
  if (values != NULL && !same_values (values, rapport_customer_get_values (self->customer)))
    {
      rapport_customer_load_values (self->customer, self->store, NULL);
      show_values (self);
    }
  return G_SOURCE_REMOVE;
}

static void
on_store_changed (RapportCustomerDetail *self)
{
  if (self->values_check_id == 0 && self->customer != NULL)
    self->values_check_id = g_idle_add (check_values, self);
}

static void
on_values_changed (RapportCustomerDetail *self)
{
  g_assert (RAPPORT_IS_CUSTOMER_DETAIL (self));

  if (self->populating || self->customer == NULL)
    return;
  save_customer (self);
}

/**
 * rapport_customer_detail_reload:
 *
 * Fills every field from the customer object and the book.
 */
void
rapport_customer_detail_reload (RapportCustomerDetail *self)
{
  g_autofree char *tags = NULL;
  g_auto(GStrv) tag_list = NULL;

  g_return_if_fail (RAPPORT_IS_CUSTOMER_DETAIL (self));

  if (self->customer == NULL || self->store == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "none");
      return;
    }

  self->populating = TRUE;
  gtk_label_set_label (self->title_label, rapport_customer_get_name (self->customer));
  set_entry (self->name_row, rapport_customer_get_name (self->customer));
  set_entry (self->company_row, rapport_customer_get_company (self->customer));
  load_values (self);
  show_photo (self);
  tag_list = g_strsplit (rapport_customer_get_tags (self->customer), ";", -1);
  tags = g_strjoinv ("; ", tag_list);
  set_entry (self->tags_row, tags);

  for (guint i = 0; i < G_N_ELEMENTS (combos); i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;
      g_autofree char *property = g_strdelimit (g_strdup (combos[i].column), "_", '-');

      g_value_init (&value, G_TYPE_STRING);
      g_object_get_property (G_OBJECT (self->customer), property, &value);
      adw_combo_row_set_selected (COMBO_AT (self, i),
                                  rapport_enum_index (combos[i].column, g_value_get_string (&value)));
    }

  gtk_spin_button_set_value (self->gap_spin, MAX (0, rapport_customer_get_min_gap_days (self->customer)));
  gtk_spin_button_set_value (self->ideal_spin, MAX (0, rapport_customer_get_ideal_interval_days (self->customer)));
  gtk_spin_button_set_value (self->latest_spin, MAX (0, rapport_customer_get_latest_interval_days (self->customer)));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view),
                            rapport_customer_get_notes (self->customer), -1);
  self->notes_dirty = FALSE;
  self->populating = FALSE;

  populate_lists (self);
  gtk_stack_set_visible_child_name (self->stack, "customer");
}

static void
on_field_applied (RapportCustomerDetail *self,
                  AdwEntryRow           *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

  g_assert (RAPPORT_IS_CUSTOMER_DETAIL (self));

  if (self->populating || self->customer == NULL)
    return;

  if (row == self->name_row)
    rapport_customer_set_name (self->customer, text);
  else if (row == self->company_row)
    rapport_customer_set_company (self->customer, text);
  else if (row == self->tags_row)
    rapport_customer_set_tags (self->customer, text);

  if (save_customer (self))
    {
      gtk_label_set_label (self->title_label, rapport_customer_get_name (self->customer));
      adw_avatar_set_text (self->avatar, rapport_customer_get_name (self->customer));
    }
}

static void
on_combo_selected (RapportCustomerDetail *self,
                   GParamSpec            *pspec,
                   AdwComboRow           *row)
{
  g_assert (RAPPORT_IS_CUSTOMER_DETAIL (self));

  if (self->populating || self->customer == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (combos); i++)
    {
      const char * const *words;
      g_autofree char *property = NULL;
      guint selected;

      if (COMBO_AT (self, i) != row)
        continue;
      words = rapport_enum_words (combos[i].column);
      selected = adw_combo_row_get_selected (row);
      if (selected >= g_strv_length ((char **) words))
        return;
      property = g_strdelimit (g_strdup (combos[i].column), "_", '-');
      g_object_set (self->customer, property, words[selected], NULL);
    }

  save_customer (self);
  populate_check_ins (self);
}

static void
on_gap_changed (RapportCustomerDetail *self)
{
  int days = gtk_spin_button_get_value_as_int (self->gap_spin);

  if (self->populating || self->customer == NULL)
    return;
  rapport_customer_set_min_gap_days (self->customer, days == 0 ? -1 : days);
  save_customer (self);
  populate_check_ins (self);
}

static void
on_cadence_changed (RapportCustomerDetail *self)
{
  if (self->populating || self->customer == NULL)
    return;
  rapport_customer_set_cadence (self->customer,
                                gtk_spin_button_get_value_as_int (self->ideal_spin),
                                gtk_spin_button_get_value_as_int (self->latest_spin));
  save_customer (self);
  populate_check_ins (self);
}

/**
 * rapport_customer_detail_save_pending:
 *
 * Saves edits that are saved on leaving rather than on each key: the notes.
 */
void
rapport_customer_detail_save_pending (RapportCustomerDetail *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *notes = NULL;

  g_return_if_fail (RAPPORT_IS_CUSTOMER_DETAIL (self));

  if (!self->notes_dirty || self->customer == NULL)
    return;
  self->notes_dirty = FALSE;

  buffer = gtk_text_view_get_buffer (self->notes_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  notes = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  rapport_customer_set_notes (self->customer, notes);
  save_customer (self);
}

static void
on_notes_changed (RapportCustomerDetail *self)
{
  if (!self->populating)
    self->notes_dirty = TRUE;
}

static void
on_sale_saved (RapportCustomerDetail *self)
{
  g_assert (RAPPORT_IS_CUSTOMER_DETAIL (self));

  sync_playbook (self);
  rapport_customer_reload (self->customer, self->store, NULL);
  populate_lists (self);
}

static void
open_sale_dialog (RapportCustomerDetail *self,
                  RapportSale           *sale)
{
  RapportSaleDialog *dialog = rapport_sale_dialog_new (self->store, sale);

  gtk_window_set_transient_for (GTK_WINDOW (dialog),
                                GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_sale_saved), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_sale_activated (RapportCustomerDetail *self,
                   GtkListBoxRow         *row)
{
  RapportSale *sale = g_object_get_data (G_OBJECT (row), "sale");

  if (sale != NULL)
    open_sale_dialog (self, sale);
}

static void
add_sale_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  RapportCustomerDetail *self = RAPPORT_CUSTOMER_DETAIL (widget);
  g_autoptr(RapportSale) sale = NULL;

  if (self->customer == NULL)
    return;
  sale = rapport_sale_new (rapport_customer_get_id (self->customer));
  open_sale_dialog (self, sale);
}

static void
complete_follow_up_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  RapportCustomerDetail *self = RAPPORT_CUSTOMER_DETAIL (widget);
  RapportPlaybookSettings settings;
  g_autoptr(GError) error = NULL;

  rapport_playbook_settings_load (&settings, self->settings);
  if (!rapport_follow_up_complete (self->store, g_variant_get_int64 (param), &settings,
                                   rapport_time_now (), &error))
    {
      rapport_toast_error (GTK_WIDGET (self), error->message);
      return;
    }
  rapport_toast_show (GTK_WIDGET (self), adw_toast_new (_("Check-in done")));
  if (self->customer != NULL)
    {
      rapport_customer_reload (self->customer, self->store, NULL);
      populate_lists (self);
    }
}

static void
on_back_clicked (RapportCustomerDetail *self)
{
  g_signal_emit (self, signals[GO_BACK], 0);
}

static void
rapport_customer_detail_dispose (GObject *object)
{
  RapportCustomerDetail *self = (RapportCustomerDetail *)object;

  if (self->store != NULL)
    rapport_customer_detail_save_pending (self);
  /* AdwBin holds its child itself: let it unparent it before the
   * template clears its pointers. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_CUSTOMER_DETAIL);
  g_clear_handle_id (&self->values_check_id, g_source_remove);
  g_clear_object (&self->customer);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (rapport_customer_detail_parent_class)->dispose (object);
}

static void
rapport_customer_detail_class_init (RapportCustomerDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_customer_detail_dispose;

  signals[GO_BACK] = g_signal_new ("go-back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (RAPPORT_TYPE_VALUES_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rapportapp/Rapport/rapport-customer-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportCustomerDetail, stack);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomerDetail, back_button);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomerDetail, avatar);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomerDetail, title_label);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomerDetail, check_ins_list);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomerDetail, name_row);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomerDetail, company_row);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomerDetail, emails_group);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomerDetail, phones_group);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomerDetail, addresses_group);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomerDetail, urls_group);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomerDetail, tags_row);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomerDetail, status_row);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomerDetail, satisfaction_row);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomerDetail, reference_row);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomerDetail, channel_row);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomerDetail, gap_spin);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomerDetail, ideal_spin);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomerDetail, latest_spin);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomerDetail, notes_view);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomerDetail, sales_list);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomerDetail, timeline_list);
  gtk_widget_class_bind_template_callback (widget_class, on_field_applied);
  gtk_widget_class_bind_template_callback (widget_class, on_values_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_combo_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_gap_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_cadence_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_sale_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked);

  gtk_widget_class_install_action (widget_class, "detail.add-sale", NULL, add_sale_action);
  gtk_widget_class_install_action (widget_class, "detail.complete-follow-up", "x",
                                   complete_follow_up_action);
}

static GListModel *
labels_model (const char *column)
{
  const char * const *words = rapport_enum_words (column);
  GtkStringList *labels = gtk_string_list_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    gtk_string_list_append (labels, rapport_enum_label (column, words[i]));
  return G_LIST_MODEL (labels);
}

static void
rapport_customer_detail_init (RapportCustomerDetail *self)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = g_settings_new (APP_ID);

  for (guint i = 0; i < G_N_ELEMENTS (combos); i++)
    {
      g_autoptr(GListModel) model = labels_model (combos[i].column);
      adw_combo_row_set_model (COMBO_AT (self, i), model);
    }

  gtk_list_box_set_placeholder (self->sales_list,
                                create_placeholder (_("No sales yet. Record one to start the playbook.")));
  gtk_list_box_set_placeholder (self->timeline_list,
                                create_placeholder (_("No contact logged yet.")));

  g_signal_connect_object (gtk_text_view_get_buffer (self->notes_view), "changed",
                           G_CALLBACK (on_notes_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (focus, "leave", G_CALLBACK (rapport_customer_detail_save_pending),
                           self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->notes_view), focus);
}

void
rapport_customer_detail_set_store (RapportCustomerDetail *self,
                                   RapportStore          *store)
{
  g_return_if_fail (RAPPORT_IS_CUSTOMER_DETAIL (self));
  g_return_if_fail (store == NULL || RAPPORT_IS_STORE (store));

  if (self->store == store)
    return;
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed), self, G_CONNECT_SWAPPED);
}

void
rapport_customer_detail_set_customer (RapportCustomerDetail *self,
                                      RapportCustomer       *customer)
{
  g_return_if_fail (RAPPORT_IS_CUSTOMER_DETAIL (self));
  g_return_if_fail (customer == NULL || RAPPORT_IS_CUSTOMER (customer));

  if (self->customer == customer)
    return;
  /* The list reads its rows again after a change to the book and hands
   * over a new object for the same customer: the detail keeps the one it
   * shows, so its rows, the focus and an Undo survive the edit that set
   * the read off.  Values others change still come in (on_store_changed). */
  if (self->customer != NULL && customer != NULL &&
      rapport_customer_get_id (self->customer) == rapport_customer_get_id (customer))
    return;
  rapport_customer_detail_save_pending (self);
  /* A row selected before the list's worker read it: the detail edits
   * the customer, so it must hold what the book holds. */
  if (customer != NULL && rapport_customer_is_placeholder (customer) && self->store != NULL)
    rapport_customer_reload (customer, self->store, NULL);
  g_set_object (&self->customer, customer);
  rapport_customer_detail_reload (self);
}

RapportCustomer *
rapport_customer_detail_get_customer (RapportCustomerDetail *self)
{
  g_return_val_if_fail (RAPPORT_IS_CUSTOMER_DETAIL (self), NULL);

  return self->customer;
}

void
rapport_customer_detail_set_show_back (RapportCustomerDetail *self,
                                       gboolean               show_back)
{
  g_return_if_fail (RAPPORT_IS_CUSTOMER_DETAIL (self));

  gtk_widget_set_visible (GTK_WIDGET (self->back_button), show_back);
  /* At a phone's width the name needs the room more than the photo. */
  gtk_widget_set_visible (GTK_WIDGET (self->avatar), !show_back);
}
