/* fake-sync.h: a network monitor and syncs that tests control
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define FAKE_TYPE_MONITOR (fake_monitor_get_type ())
G_DECLARE_FINAL_TYPE (FakeMonitor, fake_monitor, FAKE, MONITOR, GObject)

FakeMonitor *fake_monitor_new           (void);
void         fake_monitor_set_available (FakeMonitor *self,
                                         gboolean     available);

/* Syncs as RapportSyncScheduler runs them: each waits until the test ends
 * it with fake_sync_end (), so what runs at once is seen, not timed. */
typedef struct
{
  GQueue running;       /* GTask, oldest first */
  guint  started;
  guint  most_at_once;
} FakeSyncs;

extern FakeSyncs fake_syncs;

void     fake_sync_reset  (void);
void     fake_sync_run    (const char           *db_path,
                           GCancellable         *cancellable,
                           GAsyncReadyCallback   callback,
                           gpointer              user_data);
gboolean fake_sync_finish (GAsyncResult         *result,
                           guint                *n_received,
                           GError              **error);
void     fake_sync_end    (guint                 received,
                           GError               *error);

G_END_DECLS
