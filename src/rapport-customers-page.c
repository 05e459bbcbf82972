/* rapport-customers-page.c: the customer book: list, search and detail
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-customers-page"

#include "config.h"

#include "rapport-customers-page.h"

struct _RapportCustomersPage
{
  AdwBin        parent_instance;

  RapportStore *store;

  GtkStack     *stack;
};

G_DEFINE_FINAL_TYPE (RapportCustomersPage, rapport_customers_page, ADW_TYPE_BIN)

static void
rapport_customers_page_dispose (GObject *object)
{
  RapportCustomersPage *self = (RapportCustomersPage *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_CUSTOMERS_PAGE);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (rapport_customers_page_parent_class)->dispose (object);
}

static void
rapport_customers_page_class_init (RapportCustomersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_customers_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rapportapp/Rapport/rapport-customers-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportCustomersPage, stack);
}

static void
rapport_customers_page_init (RapportCustomersPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
rapport_customers_page_set_store (RapportCustomersPage *self,
                                 RapportStore *store)
{
  g_return_if_fail (RAPPORT_IS_CUSTOMERS_PAGE (self));
  g_return_if_fail (store == NULL || RAPPORT_IS_STORE (store));

  g_set_object (&self->store, store);
}
