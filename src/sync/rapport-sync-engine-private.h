/* rapport-sync-engine-private.h: what the parts of one sync share
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rapport-dav-client.h"
#include "rapport-playbook-settings.h"
#include "rapport-store.h"
#include "rapport-sync-account.h"
#include "rapport-sync-card.h"
#include "rapport-sync-engine.h"
#include "rapport-sync-state.h"
#include "rapport-sync-task.h"

G_BEGIN_DECLS

#define RAPPORT_SYNC_ADDRESSBOOK "addressbook"
#define RAPPORT_SYNC_TASKS       "tasks"

/* Items fetched per addressbook-multiget or calendar-multiget. */
#define RAPPORT_SYNC_BATCH 100

typedef struct
{
  RapportStore            *store;
  RapportSyncAccount      *account;
  RapportDavClient        *client;
  GCancellable            *cancellable;
  RapportPlaybookSettings  settings;
  gint64                   now;
  RapportSyncResult        result;
  GHashTable              *touched;     /* customer ids whose playbook runs again */
  GPtrArray               *unreadable;  /* hrefs of objects that could not be read */
} RapportSyncContext;

const char *_rapport_sync_collection_url (RapportSyncContext  *ctx,
                                          const char          *collection);

/* rapport-sync-pull.c */
gboolean _rapport_sync_pull       (RapportSyncContext  *ctx,
                                   const char          *collection,
                                   GError             **error);

/* rapport-sync-apply.c: each in a short transaction of its own. */
gboolean _rapport_sync_apply      (RapportSyncContext  *ctx,
                                   const char          *collection,
                                   const char          *href,
                                   const char          *etag,
                                   const char          *data,
                                   GError             **error);
gboolean _rapport_sync_apply_removed (RapportSyncContext  *ctx,
                                   const char          *collection,
                                   const char          *href,
                                   GError             **error);
gboolean _rapport_sync_replay_playbook (RapportSyncContext  *ctx,
                                   GError             **error);

/* rapport-sync-push.c */
gboolean _rapport_sync_push       (RapportSyncContext  *ctx,
                                   GError             **error);

G_END_DECLS
