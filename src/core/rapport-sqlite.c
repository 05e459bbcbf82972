/* rapport-sqlite.c: every SQLite connection Rapport opens, opened one way
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A book or a backup may come from somewhere else (a restore, a copied
 * file), and its schema is code SQLite runs: triggers, views, defaults and
 * index expressions.  So every connection distrusts the schema (only
 * functions and virtual tables SQLite marks innocuous run from it), is
 * defensive (no writable_schema, no direct writes to FTS5's shadow tables,
 * nothing that could corrupt the file on purpose) and cannot load
 * extensions.
 */

#define G_LOG_DOMAIN "rapport-sqlite"

#include "config.h"

#include "rapport-sqlite.h"

/**
 * rapport_sqlite_open:
 * @filename: as for sqlite3_open_v2()
 * @db: (out): the connection; set even on failure, for sqlite3_errmsg()
 *   and sqlite3_close_v2()
 * @flags: as for sqlite3_open_v2()
 *
 * sqlite3_open_v2() with Rapport's hardening applied before any SQL runs.
 *
 * Returns: %SQLITE_OK, or the error code of the step that failed
 */
int
rapport_sqlite_open (const char  *filename,
                     sqlite3    **db,
                     int          flags)
{
  int rc;

  g_return_val_if_fail (filename != NULL, SQLITE_MISUSE);
  g_return_val_if_fail (db != NULL, SQLITE_MISUSE);

  rc = sqlite3_open_v2 (filename, db, flags, NULL);
  if (rc != SQLITE_OK)
    return rc;

  if ((rc = sqlite3_db_config (*db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL)) != SQLITE_OK ||
      (rc = sqlite3_db_config (*db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL)) != SQLITE_OK ||
      (rc = sqlite3_db_config (*db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL)) != SQLITE_OK)
    return rc;

  /* The same as the last setting; said again in SQL so that anyone reading
   * the connection's pragmas sees it. */
  return sqlite3_exec (*db, "PRAGMA trusted_schema = OFF", NULL, NULL, NULL);
}
