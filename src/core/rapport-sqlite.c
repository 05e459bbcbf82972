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

/* Tries again every millisecond, for @data milliseconds.  SQLite's own
 * busy timeout sleeps longer and longer, up to 100 ms between tries: a
 * write of the window's then waited out the whole daily run, which lets
 * the lock go between its chunks for a moment only. */
static int
retry_every_millisecond (void *data,
                         int   n_tries)
{
  if (n_tries >= GPOINTER_TO_INT (data))
    return 0;
  g_usleep (1000);
  return 1;
}

/**
 * rapport_sqlite_wait_when_busy:
 * @timeout_ms: how long a statement waits for a lock another connection holds
 *
 * Replaces sqlite3_busy_timeout (): the same wait, but the lock is tried
 * every millisecond, so a connection that holds it in short turns (the
 * daily run, a chunk of customers at a time) lets the others in.
 */
void
rapport_sqlite_wait_when_busy (sqlite3 *db,
                               int      timeout_ms)
{
  g_return_if_fail (db != NULL);

  sqlite3_busy_handler (db, retry_every_millisecond, GINT_TO_POINTER (timeout_ms));
}
