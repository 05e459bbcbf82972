/* rapport-funnel-chart.h
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "rapport-referral.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_FUNNEL_CHART (rapport_funnel_chart_get_type ())

G_DECLARE_FINAL_TYPE (RapportFunnelChart, rapport_funnel_chart, RAPPORT, FUNNEL_CHART, GtkDrawingArea)

GtkWidget  *rapport_funnel_chart_new             (void);
void        rapport_funnel_chart_set_funnel      (RapportFunnelChart          *self,
                                                  const RapportReferralFunnel *funnel);
const char *rapport_funnel_chart_get_description (RapportFunnelChart          *self);

G_END_DECLS
