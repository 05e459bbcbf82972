/* rapport-schema-check.c: a book's schema is Rapport's own, or refused
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Triggers, views, column defaults and index expressions are code SQLite
 * runs whenever the book is used.  A backup from somewhere else could
 * carry a trigger that rewrites every customer's email, or a view that
 * calls what an extension left behind; the book's own FTS5 triggers also
 * need the schema trusted (FTS5 is not "innocuous" in SQLite 3.40).  So
 * the schema is compared with the one Rapport's migrations create, object
 * by object and text by text: anything more, or anything changed, is
 * refused before the file is used.
 */

#define G_LOG_DOMAIN "rapport-schema"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rapport-schema.h"
#include "rapport-store.h"

#define OBJECTS_SQL "SELECT type, name, coalesce (sql, '') FROM sqlite_master"

static char *
object_key (sqlite3_stmt *stmt)
{
  return g_strconcat ((const char *) sqlite3_column_text (stmt, 0), " ",
                      (const char *) sqlite3_column_text (stmt, 1), NULL);
}

static gboolean
set_sqlite_error (sqlite3  *db,
                  GError  **error)
{
  g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_FAILED,
               _("cannot read its schema (%s)"), sqlite3_errmsg (db));
  return FALSE;
}

/* "type name" → sql of every object the migrations up to @version create
 * (see rapport_schema_build_objects ()). */
static GHashTable *
expected_objects (int      version,
                  GError **error)
{
  g_autofree char *message = NULL;
  GHashTable *objects = rapport_schema_build_objects (version, &message);

  if (objects == NULL)
    {
      g_critical ("Rapport's own schema does not build: %s", message);
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_FAILED,
                   _("cannot read its schema (%s)"), message);
    }
  return objects;
}

static const char *
lookup_built (const RapportSchemaObject *built,
              const char                *key)
{
  for (; built->key != NULL; built++)
    if (strcmp (built->key, key) == 0)
      return built->sql;
  return NULL;
}

/* Whether every object in @db is one the build found the migrations up to
 * @version to make, with the same text.  Rebuilding them at every start
 * cost some 10 ms; the build's copy answers for any book Rapport made,
 * and rapport_schema_check_own () rebuilds only for one it does not
 * recognise (a book another SQLite upgraded, or a foreign one), to say
 * what is wrong or to let it through after all. */
static gboolean
matches_built (sqlite3 *db,
               int      version)
{
  const RapportSchemaObject *built = rapport_schema_built_objects (version);
  sqlite3_stmt *stmt = NULL;
  gboolean same = built != NULL;
  int rc = SQLITE_OK;

  if (same && sqlite3_prepare_v2 (db, OBJECTS_SQL, -1, &stmt, NULL) != SQLITE_OK)
    same = FALSE;
  while (same && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *key = object_key (stmt);

      same = g_strcmp0 (lookup_built (built, key),
                        (const char *) sqlite3_column_text (stmt, 2)) == 0;
    }
  sqlite3_finalize (stmt);
  return same && rc == SQLITE_DONE;
}

static const char *
describe_type (const char *type)
{
  if (g_strcmp0 (type, "table") == 0)
    return _("table");
  if (g_strcmp0 (type, "index") == 0)
    return _("index");
  if (g_strcmp0 (type, "trigger") == 0)
    return _("trigger");
  if (g_strcmp0 (type, "view") == 0)
    return _("view");
  return type;
}

/**
 * rapport_schema_check_own:
 * @db: a connection to the book or backup to check
 * @version: its `PRAGMA user_version`
 *
 * Checks that every table, index, trigger and view in @db is one that
 * Rapport's migrations up to @version create, with the same definition.
 * Objects missing from @db are not a danger and are not reported.
 *
 * Returns: %TRUE if so; otherwise %FALSE with a
 *   %RAPPORT_STORE_ERROR_FOREIGN_SCHEMA error naming the first foreign
 *   object ("it holds the trigger “x”, which Rapport does not create")
 */
gboolean
rapport_schema_check_own (sqlite3  *db,
                          int       version,
                          GError  **error)
{
  g_autoptr(GHashTable) expected = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean ok = TRUE;
  int rc;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (matches_built (db, version))
    return TRUE;

  if ((expected = expected_objects (version, error)) == NULL)
    return FALSE;

  if ((rc = sqlite3_prepare_v2 (db, OBJECTS_SQL, -1, &stmt, NULL)) != SQLITE_OK)
    return set_sqlite_error (db, error);

  while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *key = object_key (stmt);
      const char *type = (const char *) sqlite3_column_text (stmt, 0);
      const char *name = (const char *) sqlite3_column_text (stmt, 1);
      const char *sql = (const char *) sqlite3_column_text (stmt, 2);
      const char *own_sql = g_hash_table_lookup (expected, key);

      if (own_sql == NULL)
        {
          /* Translators: "it holds the trigger “sneaky”, which …" */
          g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_FOREIGN_SCHEMA,
                       _("it holds the %s “%s”, which Rapport does not create"),
                       describe_type (type), name);
          ok = FALSE;
        }
      else if (g_strcmp0 (own_sql, sql) != 0)
        {
          /* Translators: "its trigger “customer_fts_insert” was changed …" */
          g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_FOREIGN_SCHEMA,
                       _("its %s “%s” was changed from the one Rapport creates"),
                       describe_type (type), name);
          ok = FALSE;
        }
    }

  if (ok && rc != SQLITE_DONE)
    ok = set_sqlite_error (db, error);
  sqlite3_finalize (stmt);
  return ok;
}
