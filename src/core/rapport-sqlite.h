/* rapport-sqlite.h: every SQLite connection Rapport opens, opened one way
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

int  rapport_sqlite_open           (const char  *filename,
                                   sqlite3    **db,
                                   int          flags);
void rapport_sqlite_wait_when_busy (sqlite3     *db,
                                   int          timeout_ms);

G_END_DECLS
