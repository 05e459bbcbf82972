/* rapport-calendar-page.h
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rapport-store.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_CALENDAR_PAGE (rapport_calendar_page_get_type ())

G_DECLARE_FINAL_TYPE (RapportCalendarPage, rapport_calendar_page, RAPPORT, CALENDAR_PAGE, AdwBin)

void rapport_calendar_page_set_store (RapportCalendarPage *self,
                                RapportStore *store);

G_END_DECLS
