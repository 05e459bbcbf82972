/* sync-fixture.h: a laptop's book, as the sync tests open and query it
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rapport-store.h"

G_BEGIN_DECLS

RapportStore *open_book  (const char *path);
void          exec_ok    (const char *path,
                          const char *sql);
gint64        query_int  (const char *path,
                          const char *sql);
char         *query_text (const char *path,
                          const char *sql);

G_END_DECLS
