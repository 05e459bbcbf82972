/* sync-fixture.c: a laptop's book, as the sync tests open and query it
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each call opens the book afresh and closes it again, so a test reads
 * what a sync left on disk, not what a connection of its own cached.
 * Any error fails the test.
 */

#include "config.h"

#include "sync-fixture.h"

RapportStore *
open_book (const char *path)
{
  g_autoptr(GError) error = NULL;
  RapportStore *store = rapport_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

void
exec_ok (const char *path,
         const char *sql)
{
  g_autoptr(RapportStore) store = open_book (path);
  g_autoptr(GError) error = NULL;

  rapport_store_exec (store, sql, &error);
  g_assert_no_error (error);
}

/* The first column of the first row, which must be there. */
gint64
query_int (const char *path,
           const char *sql)
{
  g_autoptr(RapportStore) store = open_book (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStmt) stmt = rapport_store_prepare (store, sql, &error);

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

/* The first column of the first row, or NULL when there is no row. */
char *
query_text (const char *path,
            const char *sql)
{
  g_autoptr(RapportStore) store = open_book (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStmt) stmt = rapport_store_prepare (store, sql, &error);

  g_assert_no_error (error);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}
