/* rapport-customer-row.c: a customer in the list, with their next check-in
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-customer-row"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-agenda.h"
#include "rapport-labels.h"
#include "rapport-customer-row.h"
#include "rapport-photo-cache.h"
#include "rapport-time.h"

struct _RapportCustomerRow
{
  GtkWidget        parent_instance;

  RapportCustomer *customer;
  RapportPhotoCache *photos;
  gulong           changed_id;
  int              due_soon_days;
  const char      *check_in_class;  /* the style class on check_in_label */

  GtkWidget       *box;
  AdwAvatar       *avatar;
  GtkInscription  *name_label;
  GtkInscription  *details_label;
  GtkLabel        *check_in_label;
  GtkLabel        *contact_label;
};

G_DEFINE_FINAL_TYPE (RapportCustomerRow, rapport_customer_row, GTK_TYPE_WIDGET)

/* Changing a style class restyles the label: only when it differs. */
static void
set_check_in_class (RapportCustomerRow *self,
                    const char         *css_class)
{
  if (g_strcmp0 (self->check_in_class, css_class) == 0)
    return;
  if (self->check_in_class != NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (self->check_in_label), self->check_in_class);
  if (css_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->check_in_label), css_class);
  self->check_in_class = css_class;
}

static void
update_check_in (RapportCustomerRow *self,
                 gint64              now)
{
  gint64 next = rapport_customer_get_next_check_in (self->customer);
  RapportUrgency urgency;
  gint64 today_start;
  g_autofree char *day = NULL;
  g_autofree char *text = NULL;

  if (next == 0)
    {
      gtk_label_set_label (self->check_in_label, _("No check-in"));
      set_check_in_class (self, "dim-label");
      return;
    }

  urgency = rapport_customer_get_urgency (self->customer, now, self->due_soon_days);
  today_start = rapport_agenda_end_of_today (now) - RAPPORT_SECONDS_PER_DAY;
  if (urgency == RAPPORT_URGENCY_DUE_TODAY && next > today_start)
    {
      g_autoptr(GDateTime) due = rapport_time_new_local (next);
      day = rapport_time_format_clock (due);
    }
  else
    day = rapport_time_describe_day (next, now);

  if (urgency == RAPPORT_URGENCY_DUE_TODAY && next <= today_start)
    {
      /* Past its day but within its grace (keep in touch): "Due · 3 Nov". */
      text = g_strdup_printf (_("Due · %s"), day);
      set_check_in_class (self, rapport_urgency_css_class (urgency));
    }
  else if (urgency >= RAPPORT_URGENCY_DUE_SOON)
    {
      /* Colour and words both say it: "Overdue · Yesterday". */
      text = g_strdup_printf ("%s · %s", rapport_urgency_label (urgency), day);
      set_check_in_class (self, rapport_urgency_css_class (urgency));
    }
  else
    {
      /* Translators: the day of the next scheduled check-in */
      text = g_strdup_printf (_("Next %s"), day);
      set_check_in_class (self, NULL);
    }
  gtk_label_set_label (self->check_in_label, text);
}

static void
update (RapportCustomerRow *self)
{
  gint64 now = rapport_time_now ();
  gint64 last = rapport_customer_get_last_contact (self->customer);
  const char *name = rapport_customer_get_name (self->customer);
  g_autofree char *describe = rapport_customer_describe (self->customer);
  const char *email = rapport_customer_get_email (self->customer);
  g_autofree char *details = NULL;
  g_autofree char *ago = NULL;
  g_autofree char *contact = NULL;

  g_assert (RAPPORT_IS_CUSTOMER_ROW (self));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  /* Not read yet: an empty row for the moment it takes.  Its avatar is
   * hidden rather than emptied: an empty AdwAvatar restyles itself (a
   * random colour class, its icon shown instead of the initials), and
   * then again for the customer read, for every row GTK binds while
   * scrolling, some 200 a jump. */
  if (rapport_customer_is_placeholder (self->customer))
    {
      gtk_widget_set_opacity (GTK_WIDGET (self->avatar), 0);
      gtk_inscription_set_text (self->name_label, NULL);
      gtk_inscription_set_text (self->details_label, NULL);
      gtk_label_set_label (self->contact_label, NULL);
      gtk_label_set_label (self->check_in_label, NULL);
      return;
    }

  /* Most customers have no photo: no lookup for them. */
  adw_avatar_set_custom_image (self->avatar,
                               self->photos != NULL && rapport_customer_get_has_photo (self->customer)
                                 ? rapport_photo_cache_lookup (self->photos, rapport_customer_get_id (self->customer))
                                 : NULL);

  /* The preferred email is how the user reaches them, and tells apart
   * two people of the same name. */
  if (email != NULL && *email != '\0')
    details = g_strdup_printf ("%s · %s", describe, email);
  else
    details = g_steal_pointer (&describe);

  adw_avatar_set_text (self->avatar, name);
  gtk_widget_set_opacity (GTK_WIDGET (self->avatar), 1);
  gtk_inscription_set_text (self->name_label, name);
  gtk_inscription_set_text (self->details_label, details);

  if (last != 0)
    {
      ago = rapport_time_describe_ago (last, now);
      /* Translators: when the customer was last contacted, "3 days ago" */
      contact = g_strdup_printf (_("Contacted %s"), ago);
    }
  gtk_label_set_label (self->contact_label, contact != NULL ? contact : _("Never contacted"));
  update_check_in (self, now);
}

void
rapport_customer_row_set_customer (RapportCustomerRow *self,
                                   RapportCustomer    *customer,
                                   int                 due_soon_days)
{
  g_return_if_fail (RAPPORT_IS_CUSTOMER_ROW (self));
  g_return_if_fail (customer == NULL || RAPPORT_IS_CUSTOMER (customer));

  /* GTK 4.8 binds a row again whenever its position or selection
   * changes: the row already shows that customer, and follows them. */
  if (customer != NULL && customer == self->customer && due_soon_days == self->due_soon_days)
    return;

  if (self->customer != NULL)
    g_clear_signal_handler (&self->changed_id, self->customer);
  g_set_object (&self->customer, customer);
  self->due_soon_days = due_soon_days;

  if (customer == NULL)
    return;

  /* The list edits customers in place; follow them, once per change. */
  self->changed_id = g_signal_connect_object (customer, "changed", G_CALLBACK (update),
                                              self, G_CONNECT_SWAPPED);
  update (self);
}

static void
rapport_customer_row_dispose (GObject *object)
{
  RapportCustomerRow *self = (RapportCustomerRow *)object;

  rapport_customer_row_set_customer (self, NULL, 0);
  g_clear_object (&self->photos);
  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_CUSTOMER_ROW);

  G_OBJECT_CLASS (rapport_customer_row_parent_class)->dispose (object);
}

static void
rapport_customer_row_class_init (RapportCustomerRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_customer_row_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rapportapp/Rapport/rapport-customer-row.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportCustomerRow, box);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomerRow, avatar);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomerRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomerRow, details_label);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomerRow, check_in_label);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomerRow, contact_label);
}

static void
rapport_customer_row_init (RapportCustomerRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
rapport_customer_row_new (void)
{
  return g_object_new (RAPPORT_TYPE_CUSTOMER_ROW, NULL);
}

/* Where the row finds the customer's photo; without it, their initials. */
void
rapport_customer_row_set_photo_cache (RapportCustomerRow *self,
                                      RapportPhotoCache  *photos)
{
  g_return_if_fail (RAPPORT_IS_CUSTOMER_ROW (self));
  g_return_if_fail (photos == NULL || RAPPORT_IS_PHOTO_CACHE (photos));

  g_set_object (&self->photos, photos);
}
