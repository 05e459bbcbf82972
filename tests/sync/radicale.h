/* radicale.h: a real Radicale CardDAV/CalDAV server for a test
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _Radicale Radicale;

const char *radicale_missing     (void);
Radicale   *radicale_start       (const char * const  *users,
                                  GError             **error);
const char *radicale_get_url     (Radicale            *server);
guint16     radicale_get_port    (Radicale            *server);
const char *radicale_get_storage (Radicale            *server);
void        radicale_stop        (Radicale            *server);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Radicale, radicale_stop)

G_END_DECLS
