/* rapport-slice-grower.h: a list's slice grown a few items a frame while on screen
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define RAPPORT_TYPE_SLICE_GROWER (rapport_slice_grower_get_type ())

G_DECLARE_FINAL_TYPE (RapportSliceGrower, rapport_slice_grower, RAPPORT, SLICE_GROWER, GObject)

RapportSliceGrower *rapport_slice_grower_new (GtkWidget         *widget,
                                              GtkSliceListModel *slice,
                                              guint              step,
                                              guint              cap);

G_END_DECLS
