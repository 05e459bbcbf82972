/* rapport-referrals-page-private.h: what the referrals page's files share
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rapport-funnel-chart.h"
#include "rapport-reader.h"
#include "rapport-referral.h"
#include "rapport-referrals-page.h"

G_BEGIN_DECLS

struct _RapportReferralsPage
{
  AdwBin                 parent_instance;

  RapportStore          *store;
  GSettings             *settings;
  GListStore            *referrals;   /* RapportReferral, as the filters select them */
  GListStore            *ready;       /* RapportCustomer, the first few */
  GtkFilterListModel    *stage_models[RAPPORT_REFERRAL_N_STAGES];
  GtkSliceListModel     *stage_slices[RAPPORT_REFERRAL_N_STAGES];  /* the rows built */
  guint                  stage_shown[RAPPORT_REFERRAL_N_STAGES];   /* the rows to show */
  guint                  grow_id;      /* the tick callback building them */
  AdwPreferencesGroup   *sections[RAPPORT_REFERRAL_N_STAGES];
  GtkButton             *more_buttons[RAPPORT_REFERRAL_N_STAGES];
  RapportReader         *reader;
  GCancellable          *loading;      /* the read running, if any */
  guint                  refresh_id;
  gboolean               dirty;        /* the book changed while off screen */

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

void _rapport_referrals_page_class_init_actions (GtkWidgetClass *widget_class);

G_END_DECLS
