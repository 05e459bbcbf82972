/* rapport-sync-indicator.h
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rapport-sync-scheduler.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_SYNC_INDICATOR (rapport_sync_indicator_get_type ())

G_DECLARE_FINAL_TYPE (RapportSyncIndicator, rapport_sync_indicator, RAPPORT, SYNC_INDICATOR, AdwBin)

void        rapport_sync_indicator_set_scheduler (RapportSyncIndicator *self,
                                                  RapportSyncScheduler *scheduler);
const char *rapport_sync_indicator_get_status    (RapportSyncIndicator *self);

G_END_DECLS
