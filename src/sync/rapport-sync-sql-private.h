/* rapport-sync-sql-private.h: reading and binding the sync tables' nullable text
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rapport-store.h"

G_BEGIN_DECLS

/* A text column as an owned string; %NULL for SQL NULL. */
static inline char *
_rapport_sync_column_dup (RapportStmt *stmt,
                          int          column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

/* Binds @text, or SQL NULL when it is %NULL (an unset URL, token or tag). */
static inline void
_rapport_sync_bind_text_or_null (RapportStmt *stmt,
                                 int          index,
                                 const char  *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

G_END_DECLS
