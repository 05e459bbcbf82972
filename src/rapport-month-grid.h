/* rapport-month-grid.h
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Six weeks, so the grid keeps its height from month to month. */
#define RAPPORT_MONTH_GRID_N_DAYS 42

#define RAPPORT_TYPE_MONTH_GRID (rapport_month_grid_get_type ())

G_DECLARE_FINAL_TYPE (RapportMonthGrid, rapport_month_grid, RAPPORT, MONTH_GRID, AdwBin)

void       rapport_month_grid_get_selected   (RapportMonthGrid *self,
                                              GDate            *day);
void       rapport_month_grid_select         (RapportMonthGrid *self,
                                              const GDate      *day);
void       rapport_month_grid_select_today   (RapportMonthGrid *self);
void       rapport_month_grid_move_months    (RapportMonthGrid *self,
                                              int               months);
void       rapport_month_grid_set_today      (RapportMonthGrid *self,
                                              const GDate      *today);
void       rapport_month_grid_get_first_day  (RapportMonthGrid *self,
                                              GDate            *first);
void       rapport_month_grid_set_counts     (RapportMonthGrid *self,
                                              const guint      *counts);
GtkWidget *rapport_month_grid_get_day_widget (RapportMonthGrid *self,
                                              const GDate      *day);

G_END_DECLS
