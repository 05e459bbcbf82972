/* rapport-window.h
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rapport-customers-page.h"
#include "rapport-sync-indicator.h"
#include "rapport-store.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_WINDOW (rapport_window_get_type ())

G_DECLARE_FINAL_TYPE (RapportWindow, rapport_window, RAPPORT, WINDOW, AdwApplicationWindow)

RapportWindow *rapport_window_new            (AdwApplication *application,
                                              RapportStore   *store);
RapportStore  *rapport_window_get_store      (RapportWindow  *self);
RapportCustomersPage *rapport_window_get_customers_page (RapportWindow *self);
const char    *rapport_window_get_view       (RapportWindow  *self);
void           rapport_window_set_view       (RapportWindow  *self,
                                              const char     *view);
void           rapport_window_add_toast      (RapportWindow  *self,
                                              AdwToast       *toast);
void           rapport_window_set_sync_scheduler (RapportWindow        *self,
                                                  RapportSyncScheduler *scheduler);
RapportSyncIndicator *rapport_window_get_sync_indicator (RapportWindow *self);

G_END_DECLS
