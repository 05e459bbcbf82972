/* rapport-sync-scheduler.h
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rapport-store.h"

G_BEGIN_DECLS

typedef enum
{
  RAPPORT_SYNC_STATE_DISABLED,  /* no account: nothing is scheduled */
  RAPPORT_SYNC_STATE_IDLE,      /* the last sync went through, or none ran yet */
  RAPPORT_SYNC_STATE_SYNCING,
  RAPPORT_SYNC_STATE_OFFLINE,   /* no network or no server: changes wait */
  RAPPORT_SYNC_STATE_FAILED,    /* the server refused; the error says why */
} RapportSyncState;

#define RAPPORT_TYPE_SYNC_STATE (rapport_sync_state_get_type ())
GType rapport_sync_state_get_type (void);

/* How the scheduler runs one sync: the engine's rapport_sync_run_async (),
 * or a test's.  @n_received: what the sync brought in. */
typedef void     (*RapportSyncSchedulerRun)    (const char           *db_path,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
typedef gboolean (*RapportSyncSchedulerFinish) (GAsyncResult         *result,
                                                guint                *n_received,
                                                GError              **error);

#define RAPPORT_TYPE_SYNC_SCHEDULER (rapport_sync_scheduler_get_type ())

G_DECLARE_FINAL_TYPE (RapportSyncScheduler, rapport_sync_scheduler, RAPPORT, SYNC_SCHEDULER, GObject)

RapportSyncScheduler *rapport_sync_scheduler_new           (RapportStore               *store,
                                                            GNetworkMonitor            *monitor,
                                                            RapportSyncSchedulerRun     run,
                                                            RapportSyncSchedulerFinish  finish);
void                  rapport_sync_scheduler_set_enabled   (RapportSyncScheduler       *self,
                                                            gboolean                    enabled);
gboolean              rapport_sync_scheduler_get_enabled   (RapportSyncScheduler       *self);
void                  rapport_sync_scheduler_sync_now      (RapportSyncScheduler       *self);
RapportSyncState      rapport_sync_scheduler_get_state     (RapportSyncScheduler       *self);
gint64                rapport_sync_scheduler_get_last_sync (RapportSyncScheduler       *self);
void                  rapport_sync_scheduler_set_last_sync (RapportSyncScheduler       *self,
                                                            gint64                      last_sync);
const GError         *rapport_sync_scheduler_get_error     (RapportSyncScheduler       *self);

G_END_DECLS
