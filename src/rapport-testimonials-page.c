/* rapport-testimonials-page.c: the testimonial library
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-testimonials-page"

#include "config.h"

#include "rapport-testimonials-page.h"

struct _RapportTestimonialsPage
{
  AdwBin        parent_instance;

  RapportStore *store;

  GtkStack     *stack;
};

G_DEFINE_FINAL_TYPE (RapportTestimonialsPage, rapport_testimonials_page, ADW_TYPE_BIN)

static void
rapport_testimonials_page_dispose (GObject *object)
{
  RapportTestimonialsPage *self = (RapportTestimonialsPage *)object;

  /* AdwBin holds its child itself: let it unparent it before the
   * template clears its pointers. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_TESTIMONIALS_PAGE);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (rapport_testimonials_page_parent_class)->dispose (object);
}

static void
rapport_testimonials_page_class_init (RapportTestimonialsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_testimonials_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rapportapp/Rapport/rapport-testimonials-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportTestimonialsPage, stack);
}

static void
rapport_testimonials_page_init (RapportTestimonialsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
rapport_testimonials_page_set_store (RapportTestimonialsPage *self,
                                    RapportStore *store)
{
  g_return_if_fail (RAPPORT_IS_TESTIMONIALS_PAGE (self));
  g_return_if_fail (store == NULL || RAPPORT_IS_STORE (store));

  g_set_object (&self->store, store);
}
