/* rapport-sync-engine.h: one two-way sync of the book with its CardDAV and CalDAV collections
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  guint sent;       /* objects written to or deleted from the server */
  guint received;   /* objects from the server added to, changed in or deleted from the book */
  guint conflicts;  /* fields both sides changed differently, new in this sync */
} RapportSyncResult;

gboolean rapport_sync_setup      (const char           *db_path,
                                  const char           *url,
                                  const char           *user,
                                  const char           *password,
                                  gboolean              accept_insecure,
                                  char                **addressbook_url,
                                  char                **tasks_url,
                                  GCancellable         *cancellable,
                                  GError              **error);
gboolean rapport_sync_run        (const char           *db_path,
                                  RapportSyncResult    *result,
                                  GCancellable         *cancellable,
                                  GError              **error);
void     rapport_sync_run_async  (const char           *db_path,
                                  GCancellable         *cancellable,
                                  GAsyncReadyCallback   callback,
                                  gpointer              user_data);
gboolean rapport_sync_run_finish (GAsyncResult         *result,
                                  RapportSyncResult    *out,
                                  GError              **error);

/* For tests and the benchmark: the password to use instead of the
 * keyring's, and the WebDAV requests and bytes of the last run in this
 * process. */
void     rapport_sync_set_password_override (const char *password);
void     rapport_sync_get_last_traffic      (guint      *requests,
                                             guint64    *bytes_sent,
                                             guint64    *bytes_received);

G_END_DECLS
