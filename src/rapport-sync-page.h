/* rapport-sync-page.h
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rapport-store.h"
#include "rapport-sync-scheduler.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_SYNC_PAGE (rapport_sync_page_get_type ())

G_DECLARE_FINAL_TYPE (RapportSyncPage, rapport_sync_page, RAPPORT, SYNC_PAGE, AdwPreferencesPage)

RapportSyncPage *rapport_sync_page_new (RapportStore         *store,
                                        RapportSyncScheduler *scheduler);

G_END_DECLS
