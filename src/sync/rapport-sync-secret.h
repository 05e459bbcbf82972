/* rapport-sync-secret.h: the sync password in the desktop's keyring
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsecret/secret.h>

G_BEGIN_DECLS

#define RAPPORT_SYNC_SECRET_SCHEMA_NAME "io.github.rapportapp.Rapport.Sync"

const SecretSchema *rapport_sync_secret_get_schema (void);
gboolean            rapport_sync_secret_store      (const char    *server,
                                                    const char    *user,
                                                    const char    *password,
                                                    GCancellable  *cancellable,
                                                    GError       **error);
char               *rapport_sync_secret_lookup     (const char    *server,
                                                    const char    *user,
                                                    GCancellable  *cancellable,
                                                    GError       **error);
gboolean            rapport_sync_secret_clear      (const char    *server,
                                                    const char    *user,
                                                    GCancellable  *cancellable,
                                                    GError       **error);
void                rapport_sync_secret_free       (char          *password);

G_END_DECLS
