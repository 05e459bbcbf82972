/* rapport-referrals-page.c: the referral pipeline and funnel
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-referrals-page"

#include "config.h"

#include "rapport-referrals-page.h"

struct _RapportReferralsPage
{
  AdwBin        parent_instance;

  RapportStore *store;

  GtkStack     *stack;
};

G_DEFINE_FINAL_TYPE (RapportReferralsPage, rapport_referrals_page, ADW_TYPE_BIN)

static void
rapport_referrals_page_dispose (GObject *object)
{
  RapportReferralsPage *self = (RapportReferralsPage *)object;

  /* AdwBin holds its child itself: let it unparent it before the
   * template clears its pointers. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_REFERRALS_PAGE);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (rapport_referrals_page_parent_class)->dispose (object);
}

static void
rapport_referrals_page_class_init (RapportReferralsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_referrals_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rapportapp/Rapport/rapport-referrals-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportReferralsPage, stack);
}

static void
rapport_referrals_page_init (RapportReferralsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
rapport_referrals_page_set_store (RapportReferralsPage *self,
                                 RapportStore *store)
{
  g_return_if_fail (RAPPORT_IS_REFERRALS_PAGE (self));
  g_return_if_fail (store == NULL || RAPPORT_IS_STORE (store));

  g_set_object (&self->store, store);
}
