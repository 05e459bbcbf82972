/* rapport-sync-resolve.h
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rapport-playbook-settings.h"
#include "rapport-store.h"

G_BEGIN_DECLS

gboolean rapport_sync_resolve_conflict (RapportStore                   *store,
                                        gint64                          conflict_id,
                                        gboolean                        keep_local,
                                        const RapportPlaybookSettings  *settings,
                                        gint64                          now,
                                        GError                        **error);

G_END_DECLS
