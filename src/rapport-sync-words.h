/* rapport-sync-words.h
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rapport-sync-scheduler.h"

G_BEGIN_DECLS

char *rapport_sync_describe_error     (const GError         *error);
char *rapport_sync_describe_status    (RapportSyncScheduler *scheduler,
                                       gint64                now);
char *rapport_sync_describe_last_sync (gint64                last_sync,
                                       gint64                now);

G_END_DECLS
