/* rapport-schema-build.c: the objects Rapport's own migrations create
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the schema check, which falls back on it, and by
 * rapport-schema-gen, which runs it once at build time so that opening a
 * book need not (see rapport-schema-check.c).
 */

#define G_LOG_DOMAIN "rapport-schema"

#include "config.h"

#include "rapport-schema.h"
#include "rapport-sqlite.h"

#define OBJECTS_SQL "SELECT type, name, coalesce (sql, '') FROM sqlite_master"

/**
 * rapport_schema_build_objects:
 * @version: a schema version, at most the newest
 * @message: (out) (optional): SQLite's words if the schema does not build
 *
 * Runs the migrations up to @version in an empty memory database, with
 * the sync triggers of a book with a sync account and the statistics
 * tables ANALYZE (or PRAGMA optimize) adds.
 *
 * Returns: (transfer full) (nullable): "type name" → sql of every object
 *   there, or %NULL if Rapport's own schema does not build
 */
GHashTable *
rapport_schema_build_objects (int    version,
                              char **message)
{
  g_autoptr(GHashTable) objects = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = rapport_sqlite_open (":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  /* A migration that writes through the FTS5 triggers needs them trusted,
   * as in the store. */
  if (rc == SQLITE_OK)
    rc = sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 1, NULL);
  for (int v = 1; rc == SQLITE_OK && v <= version && v <= (int) rapport_schema_n_migrations; v++)
    rc = sqlite3_exec (db, rapport_schema_migrations[v - 1], NULL, NULL, NULL);
  /* A book with a sync account also holds the triggers that queue its
   * changes for the server; one without has none of them. */
  if (rc == SQLITE_OK && version >= RAPPORT_SCHEMA_SYNC_VERSION)
    rc = sqlite3_exec (db, rapport_schema_sync_triggers, NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "ANALYZE", NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, OBJECTS_SQL, -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_hash_table_insert (objects,
                           g_strconcat ((const char *) sqlite3_column_text (stmt, 0), " ",
                                        (const char *) sqlite3_column_text (stmt, 1), NULL),
                           g_strdup ((const char *) sqlite3_column_text (stmt, 2)));
      rc = SQLITE_OK;
    }

  if (rc != SQLITE_DONE)
    {
      if (message != NULL)
        *message = g_strdup (db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      g_clear_pointer (&objects, g_hash_table_unref);
    }
  sqlite3_finalize (stmt);
  sqlite3_close_v2 (db);
  return g_steal_pointer (&objects);
}
