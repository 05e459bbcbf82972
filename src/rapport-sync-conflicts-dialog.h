/* rapport-sync-conflicts-dialog.h
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rapport-store.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_SYNC_CONFLICTS_DIALOG (rapport_sync_conflicts_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RapportSyncConflictsDialog, rapport_sync_conflicts_dialog,
                      RAPPORT, SYNC_CONFLICTS_DIALOG, AdwWindow)

RapportSyncConflictsDialog *rapport_sync_conflicts_dialog_new (RapportStore *store);

G_END_DECLS
