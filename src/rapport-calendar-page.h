/* rapport-calendar-page.h
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rapport-calendar-model.h"
#include "rapport-month-grid.h"
#include "rapport-store.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_CALENDAR_PAGE (rapport_calendar_page_get_type ())

G_DECLARE_FINAL_TYPE (RapportCalendarPage, rapport_calendar_page, RAPPORT, CALENDAR_PAGE, AdwBin)

void                  rapport_calendar_page_set_store      (RapportCalendarPage *self,
                                                            RapportStore        *store);
void                  rapport_calendar_page_show_today     (RapportCalendarPage *self);
void                  rapport_calendar_page_move_months    (RapportCalendarPage *self,
                                                            int                  months);
gboolean              rapport_calendar_page_get_loading    (RapportCalendarPage *self);
RapportCalendarModel *rapport_calendar_page_get_model      (RapportCalendarPage *self);
RapportMonthGrid     *rapport_calendar_page_get_month_grid (RapportCalendarPage *self);

G_END_DECLS
