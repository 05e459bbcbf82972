/* rapport-application.h
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rapport-store.h"
#include "rapport-sync-scheduler.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_APPLICATION (rapport_application_get_type ())

G_DECLARE_FINAL_TYPE (RapportApplication, rapport_application, RAPPORT, APPLICATION, AdwApplication)

RapportApplication *rapport_application_new        (void);
RapportStore       *rapport_application_get_store  (RapportApplication *self);
RapportSyncScheduler *rapport_application_get_sync_scheduler (RapportApplication *self);
gboolean            rapport_application_restore    (RapportApplication *self,
                                                    const char         *backup_path,
                                                    char              **kept_path,
                                                    GError            **error);

G_END_DECLS
