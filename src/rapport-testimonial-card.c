/* rapport-testimonial-card.c: one testimonial in the library, quote first
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The permission is a badge with words as well as colour, and the stars
 * carry "4 of 5 stars" for screen readers, which would otherwise read
 * five star characters.
 */

#define G_LOG_DOMAIN "rapport-testimonial-card"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-testimonial-card.h"
#include "rapport-time.h"

struct _RapportTestimonialCard
{
  GtkWidget           parent_instance;

  RapportTestimonial *testimonial;

  GtkWidget          *box;
  GtkLabel           *stars_label;
  GtkLabel           *permission_label;
  GtkButton          *delete_button;
  GtkButton          *thank_button;
  GtkLabel           *quote_label;
  GtkLabel           *attribution_label;
  GtkLabel           *details_label;
};

G_DEFINE_FINAL_TYPE (RapportTestimonialCard, rapport_testimonial_card, GTK_TYPE_WIDGET)

static const char * const permission_classes[] = { "public", "internal", "private" };

static const char *
permission_class (const char *permission)
{
  if (g_strcmp0 (permission, "public_named") == 0 || g_strcmp0 (permission, "public_anonymous") == 0)
    return "public";
  return permission;
}

/* Name and company are isolated (U+2068 … U+2069), and the line starts
 * with a mark of the UI's direction, since Pango takes a paragraph's
 * direction from its first letter: an Arabic name must not turn
 * "— name, company" around in an English window. */
static char *
attribution (RapportTestimonialCard *self)
{
  RapportTestimonial *testimonial = self->testimonial;
  const char *company = rapport_testimonial_get_company (testimonial);
  const char *mark = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL ? "\u200F" : "\u200E";

  if (company != NULL && *company != '\0')
    return g_strdup_printf ("%s— \u2068%s\u2069, \u2068%s\u2069", mark,
                            rapport_testimonial_get_customer_name (testimonial), company);
  return g_strdup_printf ("%s— \u2068%s\u2069", mark, rapport_testimonial_get_customer_name (testimonial));
}

static char *
details (RapportTestimonial *testimonial)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) products = g_strsplit (rapport_testimonial_get_products (testimonial), ";", -1);
  g_auto(GStrv) tags = g_strsplit (rapport_testimonial_get_tags (testimonial), ";", -1);
  g_autofree char *product_list = g_strjoinv (", ", products);
  g_autofree char *tag_list = g_strjoinv (", ", tags);
  g_autofree char *received = rapport_date_describe (rapport_testimonial_get_received_on (testimonial));

  g_ptr_array_add (parts, g_strdup_printf ("%s · %s",
                                           rapport_testimonial_source_label (rapport_testimonial_get_source (testimonial)),
                                           received));
  if (*product_list != '\0')
    g_ptr_array_add (parts, g_steal_pointer (&product_list));
  if (*tag_list != '\0')
    g_ptr_array_add (parts, g_strdup_printf ("#%s", tag_list));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

static void
update (RapportTestimonialCard *self)
{
  RapportTestimonial *testimonial = self->testimonial;
  const char *permission = rapport_testimonial_get_permission (testimonial);
  int rating = rapport_testimonial_get_rating (testimonial);
  g_autofree char *stars = rapport_testimonial_stars (rating);
  g_autofree char *stars_label = rapport_testimonial_stars_label (rating);
  g_autofree char *who = attribution (self);
  g_autofree char *more = details (testimonial);
  g_autofree char *quote = g_strdup_printf ("“%s”", rapport_testimonial_get_quote (testimonial));

  gtk_label_set_label (self->stars_label, rating > 0 ? stars : _("No rating"));
  if (rating > 0)
    gtk_widget_remove_css_class (GTK_WIDGET (self->stars_label), "dim-label");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->stars_label), "dim-label");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->stars_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, stars_label, -1);

  gtk_label_set_label (self->permission_label, rapport_testimonial_permission_label (permission));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->permission_label),
                               rapport_testimonial_permission_explanation (permission));
  for (guint i = 0; i < G_N_ELEMENTS (permission_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->permission_label), permission_classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self->permission_label), permission_class (permission));

  gtk_label_set_label (self->quote_label, quote);
  gtk_label_set_label (self->attribution_label, who);
  gtk_label_set_label (self->details_label, more);

  /* The action is named only once there is an id to delete. */
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->delete_button),
                                          g_variant_new_int64 (rapport_testimonial_get_id (testimonial)));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->delete_button), "testimonials.delete");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->thank_button),
                                          g_variant_new_int64 (rapport_testimonial_get_customer_id (testimonial)));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->thank_button), "testimonials.draft-thanks");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, who, -1);
}

static void
rapport_testimonial_card_dispose (GObject *object)
{
  RapportTestimonialCard *self = (RapportTestimonialCard *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_TESTIMONIAL_CARD);
  g_clear_object (&self->testimonial);

  G_OBJECT_CLASS (rapport_testimonial_card_parent_class)->dispose (object);
}

static void
rapport_testimonial_card_class_init (RapportTestimonialCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_testimonial_card_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rapportapp/Rapport/rapport-testimonial-card.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportTestimonialCard, box);
  gtk_widget_class_bind_template_child (widget_class, RapportTestimonialCard, stars_label);
  gtk_widget_class_bind_template_child (widget_class, RapportTestimonialCard, permission_label);
  gtk_widget_class_bind_template_child (widget_class, RapportTestimonialCard, delete_button);
  gtk_widget_class_bind_template_child (widget_class, RapportTestimonialCard, thank_button);
  gtk_widget_class_bind_template_child (widget_class, RapportTestimonialCard, quote_label);
  gtk_widget_class_bind_template_child (widget_class, RapportTestimonialCard, attribution_label);
  gtk_widget_class_bind_template_child (widget_class, RapportTestimonialCard, details_label);
}

static void
rapport_testimonial_card_init (RapportTestimonialCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
rapport_testimonial_card_new (void)
{
  return g_object_new (RAPPORT_TYPE_TESTIMONIAL_CARD, NULL);
}

/**
 * rapport_testimonial_card_set_testimonial:
 * @testimonial: (nullable): what to show; %NULL when the grid recycles the card
 */
void
rapport_testimonial_card_set_testimonial (RapportTestimonialCard *self,
                                          RapportTestimonial     *testimonial)
{
  g_return_if_fail (RAPPORT_IS_TESTIMONIAL_CARD (self));
  g_return_if_fail (testimonial == NULL || RAPPORT_IS_TESTIMONIAL (testimonial));

  if (g_set_object (&self->testimonial, testimonial) && testimonial != NULL)
    update (self);
}

RapportTestimonial *
rapport_testimonial_card_get_testimonial (RapportTestimonialCard *self)
{
  g_return_val_if_fail (RAPPORT_IS_TESTIMONIAL_CARD (self), NULL);

  return self->testimonial;
}
