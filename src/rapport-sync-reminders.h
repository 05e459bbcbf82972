/* rapport-sync-reminders.h
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rapport-nudger.h"
#include "rapport-sync-scheduler.h"

G_BEGIN_DECLS

void rapport_sync_reminders_hold_while_syncing (RapportSyncScheduler *scheduler,
                                                RapportNudger        *nudger);

G_END_DECLS
