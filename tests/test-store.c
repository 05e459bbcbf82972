/* test-store.c: opening, creating and refusing books
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rapport-reader.h"
#include "rapport-schema.h"
#include "rapport-sqlite.h"
#include "rapport-store.h"

static char *
book_path (const char *name)
{
  return g_build_filename (g_get_user_data_dir (), name, "rapport.db", NULL);
}

static guint
file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

static void
test_store_create (void)
{
  g_autofree char *path = book_path ("create");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStore) store = NULL;

  /* A permissive umask must not leak into the files Rapport creates. */
  umask (0);
  store = rapport_store_open (path, &error);
  umask (022);
  g_assert_no_error (error);
  g_assert_nonnull (store);

  g_assert_cmpuint (file_mode (dir), ==, 0700);
  g_assert_cmpuint (file_mode (path), ==, 0600);
  g_assert_cmpint (rapport_store_get_schema_version (store), ==, RAPPORT_STORE_SCHEMA_VERSION);
}

static gint64
count_rows (RapportStore *store,
            const char   *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStmt) stmt = rapport_store_prepare (store, sql, &error);

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static void
test_store_schema (void)
{
  static const char *tables[] = {
    "customer", "sale", "interaction", "follow_up", "referral", "referral_stage_change",
    "referral_given", "testimonial", "reference_use", "tag_cadence", "customer_fts",
  };
  g_autofree char *path = book_path ("schema");
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStore) store = rapport_store_open (path, &error);
  sqlite3 *db;

  g_assert_no_error (error);
  db = rapport_store_get_db (store);

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autoptr(RapportStmt) stmt = rapport_store_prepare (store,
                                                           "SELECT count(*) FROM sqlite_master WHERE name = ?",
                                                           &error);
      g_assert_no_error (error);
      sqlite3_bind_text (stmt, 1, tables[i], -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
    }

  g_assert_cmpint (count_rows (store, "PRAGMA foreign_keys"), ==, 1);

  /* Enumerations are words, checked by the schema. */
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO customer (name, satisfaction, created_at, updated_at)"
                                 " VALUES ('Ada', 'ecstatic', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
                                 NULL, NULL, NULL) & 0xff, ==, SQLITE_CONSTRAINT);
  /* Foreign keys are enforced: no sale for a customer who does not exist. */
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO sale (customer_id, product, closed_on, created_at)"
                                 " VALUES (4242, 'Widget', '2026-01-01', '2026-01-01T00:00:00Z')",
                                 NULL, NULL, NULL) & 0xff, ==, SQLITE_CONSTRAINT);
}

static void
test_store_reopen_keeps_data (void)
{
  g_autofree char *path = book_path ("reopen");
  g_autoptr(GError) error = NULL;
  RapportStore *store = rapport_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (rapport_store_begin (store, &error));
  g_assert_true (rapport_store_exec (store,
                                     "INSERT INTO customer (name, created_at, updated_at)"
                                     " VALUES ('Grace', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
                                     &error));
  g_assert_true (rapport_store_commit (store, &error));
  g_object_unref (store);

  store = rapport_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM customer WHERE name = 'Grace'"), ==, 1);
  g_object_unref (store);
}

static goffset
file_size (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_size;
}

/* A commit that fills the WAL leaves its checkpoint to a worker, which
 * copies it into the book; a small one asks for none. */
static gpointer
release_exclusive_later (gpointer db)
{
  g_usleep (300 * 1000);
  g_assert_cmpint (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  return NULL;
}

/* A book another connection holds for a moment (an exclusive lock, as a
 * restore or a closing last connection takes) opens once it is free,
 * rather than failing at once as busy; a write waits the same way. */
static void
test_store_open_waits_for_busy_book (void)
{
  g_autofree char *path = book_path ("busy");
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStore) store = rapport_store_open (path, &error);
  GThread *thread;
  sqlite3 *db = NULL;

  g_assert_no_error (error);
  g_clear_object (&store);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  thread = g_thread_new ("release-exclusive", release_exclusive_later, db);

  store = rapport_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_thread_join (thread);

  /* And its writes wait for a lock held a moment, as the daily run's. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  thread = g_thread_new ("release-exclusive", release_exclusive_later, db);
  g_assert_true (rapport_store_exec (store,
                                     "INSERT INTO customer (name, created_at, updated_at)"
                                     " VALUES ('Ada', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
                                     &error));
  g_assert_no_error (error);
  g_thread_join (thread);
}

static void
test_store_checkpoint_on_worker (void)
{
  g_autofree char *path = book_path ("checkpoint");
  g_autoptr(GError) error = NULL;
  RapportStore *store = rapport_store_open (path, &error);
  goffset size;

  g_assert_no_error (error);
  g_assert_true (rapport_store_begin (store, &error));
  g_assert_true (rapport_store_exec (store,
                                     "INSERT INTO customer (name, created_at, updated_at)"
                                     " VALUES ('Small', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
                                     &error));
  g_assert_true (rapport_store_commit (store, &error));
  g_assert_cmpuint (rapport_store_finish_checkpoints (store), ==, 0);

  /* Some 2,000 pages: past the 1,000 frames that ask for a checkpoint. */
  size = file_size (path);
  g_assert_true (rapport_store_begin (store, &error));
  g_assert_true (rapport_store_exec (store,
                                     "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
                                     "                         WHERE i < 2000)"
                                     " INSERT INTO customer (name, notes, created_at, updated_at)"
                                     " SELECT 'Big ' || i, hex (zeroblob (1000)),"
                                     "        '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z' FROM n",
                                     &error));
  g_assert_true (rapport_store_commit (store, &error));
  g_assert_cmpuint (rapport_store_finish_checkpoints (store), ==, 1);
  /* Copied into the book itself, not only in the WAL. */
  g_assert_cmpint (file_size (path), >, size + 1000 * 4096);
  g_object_unref (store);

  store = rapport_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM customer"), ==, 2001);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM customer_fts WHERE customer_fts MATCH 'big'"),
                   ==, 2000);
  g_object_unref (store);
}

/* A big transaction (an import) fills the WAL far past what it needs
 * afterwards: once checkpointed, the next write starts it over and the
 * file shrinks to 32 MiB, instead of staying as large while the app runs. */
static void
test_store_wal_shrinks (void)
{
  g_autofree char *path = book_path ("wal-shrinks");
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStore) store = rapport_store_open (path, &error);

  g_assert_no_error (error);
  /* Some 48 MB of notes in one transaction. */
  g_assert_true (rapport_store_begin (store, &error));
  g_assert_true (rapport_store_exec (store,
                                     "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
                                     "                         WHERE i < 240)"
                                     " INSERT INTO customer (name, notes, created_at, updated_at)"
                                     " SELECT 'Big ' || i, hex (zeroblob (100000)),"
                                     "        '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z' FROM n",
                                     &error));
  g_assert_true (rapport_store_commit (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (file_size (wal), >, 40 * 1000 * 1000);

  /* The worker's checkpoint copied it all; the next write starts over. */
  rapport_store_finish_checkpoints (store);
  g_assert_true (rapport_store_exec (store,
                                     "INSERT INTO customer (name, created_at, updated_at)"
                                     " VALUES ('Small', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
                                     &error));
  g_assert_no_error (error);
  g_assert_cmpint (file_size (wal), <=, 32 * 1024 * 1024);
}

static void
test_store_rollback (void)
{
  g_autofree char *path = book_path ("rollback");
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStore) store = rapport_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (rapport_store_begin (store, &error));
  g_assert_true (rapport_store_exec (store,
                                     "INSERT INTO customer (name, created_at, updated_at)"
                                     " VALUES ('Kept', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
                                     &error));
  /* A nested failure undoes only its own part. */
  g_assert_true (rapport_store_begin (store, &error));
  g_assert_true (rapport_store_exec (store,
                                     "INSERT INTO customer (name, created_at, updated_at)"
                                     " VALUES ('Undone', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
                                     &error));
  g_assert_false (rapport_store_exec (store, "INSERT INTO customer (name) VALUES ('')", &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  rapport_store_rollback (store);
  g_assert_true (rapport_store_commit (store, &error));

  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM customer WHERE name = 'Kept'"), ==, 1);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM customer WHERE name = 'Undone'"), ==, 0);
}

/* A set of ids holds exactly the last ids given, each once. */
static void
test_store_id_set (void)
{
  static const gint64 first[] = { 5, 3, 5, 9 };
  static const gint64 second[] = { 7, 7 };
  g_autofree char *path = book_path ("id-set");
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStore) store = rapport_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (rapport_store_begin (store, &error));
  g_assert_true (rapport_store_fill_id_set (store, "test_set", first, G_N_ELEMENTS (first), &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (store, "SELECT count(*) || sum (id) FROM temp.test_set"), ==, 317);
  g_assert_true (rapport_store_fill_id_set (store, "test_set", second, G_N_ELEMENTS (second), &error));
  g_assert_cmpint (count_rows (store, "SELECT count(*) || sum (id) FROM temp.test_set"), ==, 17);
  g_assert_true (rapport_store_fill_id_set (store, "test_set", NULL, 0, &error));
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM temp.test_set"), ==, 0);
  g_assert_true (rapport_store_commit (store, &error));

  /* A name that is not an identifier is refused, and nothing is run. */
  g_test_expect_message ("rapport-store", G_LOG_LEVEL_CRITICAL, "*is_identifier*");
  g_assert_false (rapport_store_fill_id_set (store, "x; DROP TABLE customer", first, 1, &error));
  g_test_assert_expected_messages ();
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM customer"), ==, 0);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM sqlite_schema WHERE name = 'customer'"), ==, 1);
}

static void
write_file (const char *path,
            const char *contents,
            gssize      length)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

static void
assert_refused_untouched (const char *path,
                          int         code,
                          const char *message_part)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len, after_len;
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStore) store = NULL;

  g_assert_true (g_file_get_contents (path, &before, &before_len, NULL));
  store = rapport_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, RAPPORT_STORE_ERROR, code);
  g_assert_nonnull (strstr (error->message, message_part));
  g_assert_nonnull (strstr (error->message, path));

  g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
}

static void
test_store_refuses_garbage (void)
{
  g_autofree char *path = book_path ("garbage");
  g_autofree char *junk = g_strnfill (8192, 'x');

  write_file (path, junk, -1);
  assert_refused_untouched (path, RAPPORT_STORE_ERROR_NOT_A_DATABASE, "not a Rapport database");
}

static void
make_sqlite_file (const char *path,
                  const char *sql)
{
  g_autofree char *dir = g_path_get_dirname (path);
  sqlite3 *db = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
test_store_refuses_newer (void)
{
  g_autofree char *path = book_path ("newer");
  g_autofree char *sql = g_strdup_printf ("CREATE TABLE customer (id INTEGER PRIMARY KEY);"
                                          "PRAGMA application_id = %d; PRAGMA user_version = %d;",
                                          RAPPORT_STORE_APPLICATION_ID,
                                          RAPPORT_STORE_SCHEMA_VERSION + 1);

  make_sqlite_file (path, sql);
  assert_refused_untouched (path, RAPPORT_STORE_ERROR_NEWER_VERSION, "newer version");
  /* Not even a WAL file was left beside it. */
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  }
}

/* A version 4 book opens as version 5 with its follow-ups and their
 * moved_seq as they were.  The triggers still number what any statement
 * moves or opens, but leave a number a statement gave itself. */
static void
test_store_migration_from_version_4 (void)
{
  g_autofree char *path = book_path ("version-4");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *stamp = g_strdup_printf ("PRAGMA user_version = 4; PRAGMA application_id = %d;",
                                            RAPPORT_STORE_APPLICATION_ID);
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStore) store = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 1, NULL);
  for (guint v = 0; v < 4; v++)
    g_assert_cmpint (sqlite3_exec (db, rapport_schema_migrations[v], NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, stamp, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO customer (id, name, created_at, updated_at)"
                                 " VALUES (1, 'Ada', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');"
                                 "INSERT INTO follow_up (id, customer_id, kind, due_at, created_at) VALUES"
                                 " (1, 1, 'keep_in_touch', '2026-05-01T09:00:00Z', '2026-01-01T00:00:00Z'),"
                                 " (2, 1, 'follow_up_meeting', '2026-06-01T09:00:00Z', '2026-01-01T00:00:00Z');"
                                 "UPDATE follow_up SET state = 'done' WHERE id = 2;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = rapport_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rapport_store_get_schema_version (store), ==, 5);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM follow_up"), ==, 2);
  g_assert_cmpint (count_rows (store, "SELECT moved_seq FROM follow_up WHERE id = 1"), ==, 1);
  g_assert_cmpint (count_rows (store, "SELECT moved_seq FROM follow_up WHERE id = 2"), ==, 2);

  /* Moved, reopened, added: numbered as before. */
  g_assert_true (rapport_store_exec (store,
                                     "UPDATE follow_up SET due_at = '2026-05-02T09:00:00Z' WHERE id = 1;"
                                     "UPDATE follow_up SET state = 'due' WHERE id = 2;"
                                     "INSERT INTO follow_up (id, customer_id, kind, due_at, created_at)"
                                     " VALUES (3, 1, 'reference_care', '2026-07-01T09:00:00Z',"
                                     "         '2026-01-01T00:00:00Z');",
                                     &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM follow_up"
                                      " WHERE (id, moved_seq) IN (VALUES (1, 3), (2, 4), (3, 5))"), ==, 3);

  /* A statement that numbers its rows keeps its numbers. */
  g_assert_true (rapport_store_exec (store,
                                     "UPDATE follow_up SET due_at = '2026-05-03T09:00:00Z', moved_seq = 10"
                                     " WHERE id = 1;"
                                     "INSERT INTO follow_up (id, customer_id, kind, due_at, created_at, moved_seq)"
                                     " VALUES (4, 1, 'testimonial_ask', '2026-08-01T09:00:00Z',"
                                     "         '2026-01-01T00:00:00Z', 11);",
                                     &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM follow_up"
                                      " WHERE (id, moved_seq) IN (VALUES (1, 10), (4, 11))"), ==, 2);
}

static void
test_store_refuses_foreign (void)
{
  g_autofree char *path = book_path ("foreign");

  make_sqlite_file (path, "CREATE TABLE photos (id INTEGER PRIMARY KEY, path TEXT);"
                          "INSERT INTO photos VALUES (1, 'beach.jpg');");
  assert_refused_untouched (path, RAPPORT_STORE_ERROR_NOT_A_DATABASE, "another program");
}

static void
test_store_refuses_foreign_trigger (void)
{
  g_autofree char *path = book_path ("trigger");
  sqlite3 *db = NULL;

  g_object_unref (rapport_store_open (path, NULL));
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TRIGGER steal AFTER INSERT ON customer"
                                     " BEGIN UPDATE customer SET email = 'me@evil.example'; END;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  assert_refused_untouched (path, RAPPORT_STORE_ERROR_FOREIGN_SCHEMA,
                            "left untouched: it holds the trigger “steal”, which Rapport does not create");
}

/* Every connection is defensive and loads no extension; the schema is
 * trusted only on the store's own connection, whose schema was checked. */
static void
test_store_hardened_connections (void)
{
  g_autofree char *path = book_path ("hardened");
  g_autoptr(RapportStore) store = rapport_store_open (path, NULL);
  sqlite3 *db = rapport_store_get_db (store);
  sqlite3 *reader = NULL;
  char *message = NULL;
  int value = -1;

  g_assert_nonnull (store);
  g_assert_cmpint (sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, -1, &value), ==, SQLITE_OK);
  g_assert_cmpint (value, ==, 1);
  g_assert_cmpint (sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, -1, &value), ==, SQLITE_OK);
  g_assert_cmpint (value, ==, 0);

  /* What a hostile SQL text would try, refused. */
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA writable_schema = ON;"
                                     "UPDATE sqlite_master SET sql = 'x' WHERE name = 'customer'",
                                 NULL, NULL, &message), !=, SQLITE_OK);
  sqlite3_free (message);
  g_assert_cmpint (sqlite3_exec (db, "SELECT load_extension ('libm.so.6')", NULL, NULL, &message), !=, SQLITE_OK);
  g_assert_cmpstr (message, ==, "not authorized");
  sqlite3_free (message);
  message = NULL;
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO customer_fts_data VALUES (999, x'00')",
                                 NULL, NULL, &message), !=, SQLITE_OK);
  sqlite3_free (message);

  /* Any other connection does not trust the schema: not even the book's
   * own trigger may write to a virtual table from it. */
  g_assert_cmpint (rapport_sqlite_open (path, &reader, SQLITE_OPEN_READWRITE), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_db_config (reader, SQLITE_DBCONFIG_TRUSTED_SCHEMA, -1, &value), ==, SQLITE_OK);
  g_assert_cmpint (value, ==, 0);
  g_assert_cmpint (sqlite3_exec (reader, "INSERT INTO customer (name, created_at, updated_at)"
                                         " VALUES ('Eve', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
                                 NULL, NULL, &message), !=, SQLITE_OK);
  g_assert_cmpstr (message, ==, "unsafe use of virtual table \"customer_fts\"");
  sqlite3_free (message);
  sqlite3_close_v2 (reader);
}

static void
test_store_refuses_corrupt (void)
{
  g_autofree char *path = book_path ("corrupt");
  g_autofree char *contents = NULL;
  gsize length;

  /* A real book whose first page (the schema) is then overwritten. */
  g_object_unref (rapport_store_open (path, NULL));
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 4096);
  memset (contents + 100, 0xA5, 4096 - 100);
  write_file (path, contents, length);

  assert_refused_untouched (path, RAPPORT_STORE_ERROR_CORRUPT, "damaged");
}

/* Permissions mean nothing to root, and CI runs as root: there, the check
 * runs in a child that has become "nobody", in a folder of its own. */
static gboolean
become_unprivileged_child (char **folder)
{
  if (geteuid () != 0)
    {
      *folder = g_strdup (g_get_user_data_dir ());
      return TRUE;
    }

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return FALSE;
    }

  *folder = g_dir_make_tmp ("rapport-test-XXXXXX", NULL);
  g_assert_nonnull (*folder);
  g_assert_cmpint (chown (*folder, 65534, 65534), ==, 0);
  g_assert_cmpint (setgid (65534), ==, 0);
  g_assert_cmpint (setuid (65534), ==, 0);
  g_assert_cmpint (access ("/", W_OK), !=, 0);
  return TRUE;
}

static void
test_store_refuses_read_only (void)
{
  g_autofree char *folder = NULL;
  g_autofree char *path = NULL;

  if (!become_unprivileged_child (&folder))
    return;

  path = g_build_filename (folder, "read-only", "rapport.db", NULL);
  g_object_unref (rapport_store_open (path, NULL));
  g_assert_cmpint (g_chmod (path, 0400), ==, 0);

  assert_refused_untouched (path, RAPPORT_STORE_ERROR_READ_ONLY, "read-only");
}

static void
test_store_refuses_unwritable_folder (void)
{
  g_autofree char *folder = NULL;
  g_autofree char *parent = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStore) store = NULL;

  if (!become_unprivileged_child (&folder))
    return;

  parent = g_build_filename (folder, "locked", NULL);
  path = g_build_filename (parent, "rapport", "rapport.db", NULL);
  g_assert_cmpint (g_mkdir_with_parents (parent, 0500), ==, 0);
  g_assert_cmpint (g_chmod (parent, 0500), ==, 0);

  store = rapport_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "Cannot create the data folder"));
}

static void
test_store_refuses_folder (void)
{
  g_autofree char *path = book_path ("folder");
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStore) store = NULL;

  g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);
  store = rapport_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_A_DATABASE);
}

/* The objects the build found for each version, which spare every start
 * from running the migrations, are those the migrations make now. */
static void
test_store_schema_built (void)
{
  for (int v = 1; v <= (int) rapport_schema_n_migrations; v++)
    {
      g_autoptr(GHashTable) objects = rapport_schema_build_objects (v, NULL);
      const RapportSchemaObject *built = rapport_schema_built_objects (v);
      guint n_built = 0;

      g_assert_nonnull (objects);
      g_assert_nonnull (built);
      for (; built[n_built].key != NULL; n_built++)
        g_assert_cmpstr (built[n_built].sql, ==, g_hash_table_lookup (objects, built[n_built].key));
      g_assert_cmpuint (n_built, ==, g_hash_table_size (objects));
    }
  g_assert_null (rapport_schema_built_objects (0));
  g_assert_null (rapport_schema_built_objects (rapport_schema_n_migrations + 1));
}

/* SQLITE_OPEN_NOFOLLOW refuses a book that is a link with "unable to open
 * database file"; the user is told what is wrong, and where. */
static void
test_store_refuses_link (void)
{
  g_autofree char *target = book_path ("target");
  g_autofree char *path = book_path ("link");
  g_autofree char *folder = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStore) store = rapport_store_open (target, &error);
  g_autofree char *expected = NULL;

  g_assert_no_error (error);
  g_clear_object (&store);
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_cmpint (symlink (target, path), ==, 0);

  store = rapport_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_IO);
  expected = g_strdup_printf ("%s is a symbolic link, and the book may not be one; "
                              "it was left untouched — put the book itself there", path);
  g_assert_cmpstr (error->message, ==, expected);
}

static gboolean
read_names (RapportStore  *reader,
            gpointer       data,
            GError       **error)
{
  GPtrArray *names = data;
  g_autoptr(RapportStmt) stmt = rapport_store_prepare (reader, "SELECT name FROM customer ORDER BY id",
                                                       error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  /* Never on the main thread: that is the point of a reader. */
  g_assert_false (g_main_context_is_owner (g_main_context_default ()));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  if (rc != SQLITE_DONE)
    return rapport_store_set_error (reader, rc, error, "read names");
  return rapport_store_exec (reader,
                             "INSERT INTO referral_given (customer_id, given_to, given_on)"
                             " VALUES (1, 'Someone', '2026-01-01')",
                             error);
}

static void
on_read (GObject      *reader,
         GAsyncResult *result,
         gpointer      user_data)
{
  GError **error = user_data;

  g_assert_null (rapport_reader_run_finish (RAPPORT_READER (reader), result, error));
}

/* A reader reads in a worker what the main connection committed, and
 * cannot write; the main thread's statements, and only those, are traced. */
static void
test_store_reader_and_trace (void)
{
  g_autofree char *path = book_path ("reader");
  g_autoptr(RapportStore) store = NULL;
  g_autoptr(RapportReader) reader = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) traced = NULL;
  g_autoptr(GError) error = NULL;
  gboolean found = FALSE;

  rapport_store_trace_main_thread (TRUE);
  store = rapport_store_open (path, &error);
  g_assert_no_error (error);
  g_ptr_array_unref (rapport_store_take_main_thread_queries ());
  g_assert_true (rapport_store_exec (store,
                                     "INSERT INTO customer (name, created_at, updated_at)"
                                     " VALUES ('Ada', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
                                     &error));

  reader = rapport_reader_new (store);
  rapport_reader_run_async (reader, read_names, g_ptr_array_ref (names),
                            (GDestroyNotify) g_ptr_array_unref, NULL, on_read, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  /* It read the row, then its INSERT was refused. */
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_READ_ONLY);
  g_assert_cmpuint (names->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (names, 0), ==, "Ada");
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM customer"), ==, 1);

  traced = rapport_store_take_main_thread_queries ();
  rapport_store_trace_main_thread (FALSE);
  for (guint i = 0; i < traced->len; i++)
    {
      RapportTracedQuery *query = g_ptr_array_index (traced, i);

      g_assert_null (strstr (query->sql, "SELECT name FROM customer"));
      g_assert_null (strstr (query->sql, "referral_given"));
      found |= g_str_has_prefix (query->sql, "INSERT INTO customer");
      g_assert_cmpint (query->duration_ns, >=, 0);
    }
  g_assert_true (found);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store/create", test_store_create);
  g_test_add_func ("/store/schema", test_store_schema);
  g_test_add_func ("/store/schema-built", test_store_schema_built);
  g_test_add_func ("/store/reopen-keeps-data", test_store_reopen_keeps_data);
  g_test_add_func ("/store/rollback", test_store_rollback);
  g_test_add_func ("/store/id-set", test_store_id_set);
  g_test_add_func ("/store/checkpoint-on-worker", test_store_checkpoint_on_worker);
  g_test_add_func ("/store/open-waits-for-busy-book", test_store_open_waits_for_busy_book);
  g_test_add_func ("/store/wal-shrinks", test_store_wal_shrinks);
  g_test_add_func ("/store/reader-and-trace", test_store_reader_and_trace);
  g_test_add_func ("/store/refuses/garbage", test_store_refuses_garbage);
  g_test_add_func ("/store/migration-from-version-4", test_store_migration_from_version_4);
  g_test_add_func ("/store/refuses/newer", test_store_refuses_newer);
  g_test_add_func ("/store/refuses/foreign", test_store_refuses_foreign);
  g_test_add_func ("/store/refuses/foreign-trigger", test_store_refuses_foreign_trigger);
  g_test_add_func ("/store/hardened-connections", test_store_hardened_connections);
  g_test_add_func ("/store/refuses/corrupt", test_store_refuses_corrupt);
  g_test_add_func ("/store/refuses/read-only", test_store_refuses_read_only);
  g_test_add_func ("/store/refuses/unwritable-folder", test_store_refuses_unwritable_folder);
  g_test_add_func ("/store/refuses/folder", test_store_refuses_folder);
  g_test_add_func ("/store/refuses/link", test_store_refuses_link);

  return g_test_run ();
}
