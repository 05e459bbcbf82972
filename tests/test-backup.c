/* test-backup.c: backups, restoring one, and the daily rotation
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <sched.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <utime.h>

#include "rapport-backup.h"
#include "rapport-time.h"

#define N_BASE_CUSTOMERS 3000

static char *
data_path (const char *name,
           const char *file)
{
  return g_build_filename (g_get_user_data_dir (), name, file, NULL);
}

/* A scratch folder of this test's own (the isolated cache folder). */
static const char *
scratch_dir (void)
{
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  return g_get_user_cache_dir ();
}

static char *
tmp_path (const char *file)
{
  return g_build_filename (scratch_dir (), file, NULL);
}

static guint
file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

static void
add_customers (RapportStore *store,
               const char   *prefix,
               guint         n,
               gsize         notes_length)
{
  g_autofree char *notes = g_strnfill (notes_length, 'n');
  g_autoptr(GError) error = NULL;

  g_assert_true (rapport_store_begin (store, &error));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s %u", prefix, i);
      g_autoptr(RapportStmt) stmt = rapport_store_prepare (store,
                                                           "INSERT INTO customer (name, notes, created_at, updated_at)"
                                                           " VALUES (?, ?, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
                                                           &error);

      g_assert_no_error (error);
      sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, notes, -1, SQLITE_STATIC);
      g_assert_true (rapport_store_step_done (store, stmt, &error));
    }
  g_assert_true (rapport_store_commit (store, &error));
}

static RapportStore *
make_book (const char *name,
           const char *prefix,
           guint       n_customers,
           gsize       notes_length)
{
  g_autofree char *path = data_path (name, "rapport.db");
  g_autoptr(GError) error = NULL;
  RapportStore *store = rapport_store_open (path, &error);

  g_assert_no_error (error);
  add_customers (store, prefix, n_customers, notes_length);
  return store;
}

/* Reads a number from any database file, through a connection of its own. */
static int
query_file (const char *path,
            const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static void
assert_integrity_ok (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
  /* The search index must match the customers it was copied with. */
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO customer_fts (customer_fts) VALUES ('integrity-check')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* One file a user can carry away: a rollback-journal database, nothing beside it. */
static void
assert_self_contained (const char *path)
{
  g_autofree char *contents = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 100);
  g_assert_cmpint (contents[18], ==, 1);
  g_assert_cmpint (contents[19], ==, 1);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
}

static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (folder);
  while (g_dir_read_name (folder) != NULL)
    n++;
  return n;
}

static void
test_backup_write (void)
{
  g_autoptr(RapportStore) store = make_book ("write", "Customer", 25, 40);
  g_autofree char *path = tmp_path ("write.db");
  g_autoptr(GError) error = NULL;

  /* An older file there is replaced, and a permissive umask changes nothing. */
  g_assert_true (g_file_set_contents (path, "an old backup", -1, NULL));
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  umask (0);
  g_assert_true (rapport_backup_write (store, path, &error));
  umask (022);
  g_assert_no_error (error);

  g_assert_cmpuint (file_mode (path), ==, 0600);
  assert_self_contained (path);
  assert_integrity_ok (path);
  g_assert_cmpint (query_file (path, "SELECT count(*) FROM customer"), ==, 25);
  g_assert_cmpint (query_file (path, "PRAGMA application_id"), ==, RAPPORT_STORE_APPLICATION_ID);
  g_assert_cmpint (query_file (path, "PRAGMA user_version"), ==, RAPPORT_STORE_SCHEMA_VERSION);
  /* Only the backup in the folder: no temporary file left over. */
  g_assert_cmpuint (count_entries (scratch_dir ()), ==, 1);
}

typedef struct
{
  char *path;
  gint  stop;
  gint  commits;
} Writer;

/* Another connection, as the app's own would be, adding customers two at
 * a time: a copy that holds an odd number of them caught half a commit. */
static gpointer
write_pairs (gpointer user_data)
{
  Writer *writer = user_data;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autofree char *notes = g_strnfill (500, 'w');

  g_assert_cmpint (sqlite3_open_v2 (writer->path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "INSERT INTO customer (name, notes, created_at, updated_at)"
                                       " VALUES (?, ?, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
                                       -1, &stmt, NULL), ==, SQLITE_OK);

  for (guint i = 0; !g_atomic_int_get (&writer->stop); i++)
    {
      g_assert_cmpint (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
      for (guint j = 0; j < 2; j++)
        {
          g_autofree char *name = g_strdup_printf ("pair %u %u", i, j);

          sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 2, notes, -1, SQLITE_STATIC);
          g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
          sqlite3_reset (stmt);
        }
      g_assert_cmpint (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
      g_atomic_int_inc (&writer->commits);
    }

  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return NULL;
}

static void
wait_for_commits (Writer *writer,
                  int     at_least)
{
  gint64 give_up = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (g_atomic_int_get (&writer->commits) < at_least)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, give_up);
      g_usleep (1000);
    }
}

static void
test_backup_while_writing (void)
{
  /* Several megabytes, so the copy takes several steps. */
  g_autoptr(RapportStore) store = make_book ("busy", "base", N_BASE_CUSTOMERS, 1000);
  Writer writer = { (char *) rapport_store_get_path (store), 0, 0 };
  GThread *thread;
  int started_with;

  thread = g_thread_new ("writer", write_pairs, &writer);
  wait_for_commits (&writer, 3);
  started_with = g_atomic_int_get (&writer.commits);

  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *name = g_strdup_printf ("busy-%u.db", i);
      g_autofree char *path = tmp_path (name);
      g_autoptr(GError) error = NULL;
      int before = g_atomic_int_get (&writer.commits);
      int after, pairs;

      g_assert_true (rapport_backup_write (store, path, &error));
      g_assert_no_error (error);
      after = g_atomic_int_get (&writer.commits);

      assert_self_contained (path);
      assert_integrity_ok (path);
      g_assert_cmpint (query_file (path, "SELECT count(*) FROM customer WHERE name LIKE 'base %'"),
                       ==, N_BASE_CUSTOMERS);
      /* Whole commits only, and every one made before the copy began. */
      pairs = query_file (path, "SELECT count(*) FROM customer WHERE name LIKE 'pair %'");
      g_assert_cmpint (pairs % 2, ==, 0);
      g_assert_cmpint (pairs / 2, >=, before);
      g_assert_cmpint (pairs / 2, <=, after);
      g_assert_cmpuint (file_mode (path), ==, 0600);
    }

  /* The writer was never held up for long. */
  wait_for_commits (&writer, started_with + 3);
  g_atomic_int_set (&writer.stop, 1);
  g_thread_join (thread);
}

static void
test_backup_missing_folder (void)
{
  g_autoptr(RapportStore) store = make_book ("missing", "Customer", 3, 10);
  g_autofree char *folder = tmp_path ("nowhere");
  g_autofree char *path = g_build_filename (folder, "backup.db", NULL);
  g_autofree char *expected = g_strdup_printf ("Cannot write the backup to %s: the folder %s does not exist",
                                               path, folder);
  g_autoptr(GError) error = NULL;

  g_assert_false (rapport_backup_write (store, path, &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
}

static void
test_backup_over_book (void)
{
  g_autoptr(RapportStore) store = make_book ("over", "Customer", 3, 10);
  const char *book = rapport_store_get_path (store);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len, after_len;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (book, &before, &before_len, NULL));
  g_assert_false (rapport_backup_write (store, book, &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "over the book itself"));
  g_assert_true (g_file_get_contents (book, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
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
test_backup_unwritable_folder (void)
{
  g_autofree char *folder = NULL;
  g_autofree char *book = NULL;
  g_autofree char *locked = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStore) store = NULL;

  if (!become_unprivileged_child (&folder))
    return;

  book = g_build_filename (folder, "book", "rapport.db", NULL);
  store = rapport_store_open (book, &error);
  g_assert_no_error (error);
  add_customers (store, "Customer", 3, 10);

  locked = g_build_filename (folder, "locked", NULL);
  path = g_build_filename (locked, "backup.db", NULL);
  g_assert_cmpint (g_mkdir (locked, 0500), ==, 0);

  g_assert_false (rapport_backup_write (store, path, &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_READ_ONLY);
  g_assert_true (g_str_has_prefix (error->message, "Cannot write the backup to "));
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, g_strerror (EACCES)));
  g_assert_cmpuint (count_entries (locked), ==, 0);
}

/* A disk that fills up: a 64 KiB tmpfs, mounted in a mount namespace of
 * this test process only, so nothing outlives it.  Needs root. */
static gboolean
mount_tiny_disk (const char *where)
{
  if (geteuid () != 0 ||
      unshare (CLONE_NEWNS) != 0 ||
      mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0)
    return FALSE;

  g_assert_cmpint (g_mkdir (where, 0700), ==, 0);
  return mount ("rapport-test", where, "tmpfs", MS_NOSUID | MS_NODEV, "size=64k,mode=0700") == 0;
}

static void
test_backup_disk_full (void)
{
  g_autoptr(RapportStore) store = NULL;
  g_autofree char *disk = tmp_path ("tiny");
  g_autofree char *path = g_build_filename (disk, "backup.db", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  if (!mount_tiny_disk (disk))
    {
      g_test_skip ("needs root and a private mount namespace for a tiny tmpfs");
      return;
    }

  /* Yesterday's backup is there; a failed attempt must not harm it. */
  g_assert_true (g_file_set_contents (path, "yesterday", -1, NULL));
  store = make_book ("full", "Customer", 300, 1000);

  g_assert_false (rapport_backup_write (store, path, &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_FULL);
  g_assert_true (g_str_has_prefix (error->message, "Cannot write the backup to "));
  g_assert_nonnull (strstr (error->message, "the disk is full"));

  g_assert_cmpuint (count_entries (disk), ==, 1);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "yesterday");

  g_assert_cmpint (umount2 (disk, MNT_DETACH), ==, 0);
}

/* --- restoring ----------------------------------------------------------- */

/* A backup holding one customer called @customer. */
static char *
make_backup (const char *name,
             const char *customer,
             guint       n_more)
{
  g_autoptr(RapportStore) store = make_book (name, customer, 1, 10);
  g_autofree char *file = g_strconcat (name, ".db", NULL);
  char *path = tmp_path (file);
  g_autoptr(GError) error = NULL;

  add_customers (store, "more", n_more, 500);
  g_assert_true (rapport_backup_write (store, path, &error));
  g_assert_no_error (error);
  return path;
}

/* The current book, closed as it would be before a restore. */
static char *
make_current_book (void)
{
  g_autoptr(RapportStore) store = make_book ("current", "Current", 1, 10);

  return g_strdup (rapport_store_get_path (store));
}

static char *
backups_of (const char *book)
{
  g_autofree char *dir = g_path_get_dirname (book);

  return g_build_filename (dir, "backups", NULL);
}

static void
assert_restore_refused (const char *backup,
                        int         code,
                        const char *reason)
{
  g_autofree char *book = make_current_book ();
  g_autofree char *backups = backups_of (book);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *kept = NULL;
  gsize before_len, after_len;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (book, &before, &before_len, NULL));

  g_assert_false (rapport_backup_restore_full (book, backup, &kept, &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, code);
  g_assert_true (g_str_has_prefix (error->message, "Cannot restore "));
  g_assert_nonnull (strstr (error->message, backup));
  g_assert_nonnull (strstr (error->message, reason));
  g_assert_nonnull (strstr (error->message, "your book was left untouched"));
  g_assert_null (kept);

  g_assert_true (g_file_get_contents (book, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
  g_assert_false (g_file_test (backups, G_FILE_TEST_EXISTS));
  /* Only the book in its folder: no temporary file left over. */
  {
    g_autofree char *dir = g_path_get_dirname (book);
    g_assert_cmpuint (count_entries (dir), ==, 1);
  }
}

static void
test_restore_refuses_truncated (void)
{
  g_autofree char *backup = make_backup ("truncated", "Backup", 200);
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (backup, &contents, &length, NULL));
  g_assert_cmpuint (length, >=, 16 * 4096);
  g_assert_true (g_file_set_contents (backup, contents, length / 2, NULL));
  assert_restore_refused (backup, RAPPORT_STORE_ERROR_CORRUPT, "damaged");
}

static void
test_restore_refuses_cut_header (void)
{
  g_autofree char *backup = make_backup ("cut", "Backup", 0);
  g_autofree char *contents = NULL;

  g_assert_true (g_file_get_contents (backup, &contents, NULL, NULL));
  g_assert_true (g_file_set_contents (backup, contents, 50, NULL));
  assert_restore_refused (backup, RAPPORT_STORE_ERROR_CORRUPT, "damaged");
}

/* Damage inside that opening the file does not notice: only a check of
 * every page finds it. */
static void
test_restore_refuses_damaged_page (void)
{
  g_autofree char *backup = make_backup ("damaged", "Backup", 200);
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (backup, &contents, &length, NULL));
  g_assert_cmpuint (length, >=, 16 * 4096);
  memset (contents + (length / 4096 / 2) * 4096, 0, 4096);
  g_assert_true (g_file_set_contents (backup, contents, length, NULL));
  g_assert_cmpint (query_file (backup, "PRAGMA application_id"), ==, RAPPORT_STORE_APPLICATION_ID);
  assert_restore_refused (backup, RAPPORT_STORE_ERROR_CORRUPT, "damaged");
}

static void
make_sqlite_file (const char *path,
                  const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
test_restore_refuses_newer (void)
{
  g_autofree char *backup = tmp_path ("newer.db");
  g_autofree char *sql = g_strdup_printf ("CREATE TABLE customer (id INTEGER PRIMARY KEY);"
                                          "PRAGMA application_id = %d; PRAGMA user_version = %d;",
                                          RAPPORT_STORE_APPLICATION_ID,
                                          RAPPORT_STORE_SCHEMA_VERSION + 1);

  make_sqlite_file (backup, sql);
  assert_restore_refused (backup, RAPPORT_STORE_ERROR_NEWER_VERSION,
                          "written by a newer version of Rapport");
}

static void
test_restore_refuses_junk (void)
{
  g_autofree char *backup = tmp_path ("junk.db");
  g_autofree char *junk = g_strnfill (8192, 'x');

  g_assert_true (g_file_set_contents (backup, junk, -1, NULL));
  assert_restore_refused (backup, RAPPORT_STORE_ERROR_NOT_A_DATABASE, "not a Rapport backup");
}

static void
test_restore_refuses_empty (void)
{
  g_autofree char *backup = tmp_path ("empty.db");

  g_assert_true (g_file_set_contents (backup, "", 0, NULL));
  assert_restore_refused (backup, RAPPORT_STORE_ERROR_NOT_A_DATABASE, "not a Rapport backup");
}

static void
test_restore_refuses_foreign (void)
{
  g_autofree char *backup = tmp_path ("photos.db");

  make_sqlite_file (backup, "CREATE TABLE photos (id INTEGER PRIMARY KEY, path TEXT);"
                            "INSERT INTO photos VALUES (1, 'beach.jpg');");
  assert_restore_refused (backup, RAPPORT_STORE_ERROR_NOT_A_DATABASE, "another program");
}

/* A copy of a real backup to which another program added code: Rapport's
 * own schema has none of these, so none may come in. */
typedef struct
{
  const char *sql;
  const char *reason;
} Tampering;

static const Tampering tamperings[] = {
  { "CREATE TRIGGER steal AFTER UPDATE ON customer"
    " BEGIN UPDATE customer SET email = 'me@evil.example'; END;",
    "it holds the trigger “steal”, which Rapport does not create" },
  { "CREATE VIEW everyone AS SELECT name, email FROM customer;",
    "it holds the view “everyone”, which Rapport does not create" },
  { "CREATE TABLE loot (what TEXT DEFAULT (sqlite_version ()));",
    "it holds the table “loot”, which Rapport does not create" },
  /* Rapport's own trigger, by name, doing something else. */
  { "DROP TRIGGER customer_fts_insert;"
    "CREATE TRIGGER customer_fts_insert AFTER INSERT ON customer BEGIN DELETE FROM sale; END;",
    "its trigger “customer_fts_insert” was changed from the one Rapport creates" },
};

static void
test_restore_refuses_tampered (gconstpointer data)
{
  const Tampering *tampering = data;
  g_autofree char *backup = make_backup ("tampered", "Tampered", 0);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (backup, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, tampering->sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  assert_restore_refused (backup, RAPPORT_STORE_ERROR_FOREIGN_SCHEMA, tampering->reason);
}

/* A real backup's first page, then 1 GB of nothing (a sparse file: no
 * disk used): refused from its size, before SQLite reads a page. */
static void
test_restore_refuses_huge (void)
{
  g_autofree char *real = make_backup ("real", "Real", 0);
  g_autofree char *huge = tmp_path ("huge.db");
  g_autofree char *page = NULL;
  gsize length;
  int fd;

  g_assert_true (g_file_get_contents (real, &page, &length, NULL));
  fd = g_open (huge, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, page, 4096), ==, 4096);
  g_assert_cmpint (ftruncate (fd, 1000 * 1000 * 1000), ==, 0);
  close (fd);

  assert_restore_refused (huge, RAPPORT_STORE_ERROR_INVALID,
                          "it is 953.7\u00a0MiB, more than the limit of 512.0\u00a0MiB for a book");
}

static void
test_restore_refuses_missing (void)
{
  g_autofree char *backup = tmp_path ("no-such-backup.db");

  assert_restore_refused (backup, RAPPORT_STORE_ERROR_NOT_FOUND, "does not exist");
}

static void
test_restore_refuses_open_book (void)
{
  g_autofree char *backup = make_backup ("open", "Backup", 0);
  g_autofree char *book = make_current_book ();
  g_autoptr(RapportStore) store = rapport_store_open (book, NULL);
  g_autoptr(GError) error = NULL;

  /* The app still holding the book would write on into the replaced file. */
  g_assert_nonnull (store);
  g_assert_false (rapport_backup_restore (book, backup, &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_BUSY);
  g_assert_nonnull (strstr (error->message, "quit it and try again"));

  g_assert_cmpint (query_file (book, "SELECT count(*) FROM customer WHERE name = 'Current 0'"), ==, 1);
  g_clear_object (&store);
  {
    g_autofree char *backups = backups_of (book);
    g_assert_false (g_file_test (backups, G_FILE_TEST_EXISTS));
  }
}

static void
test_restore_good (void)
{
  g_autofree char *backup = make_backup ("good", "Backup", 20);
  g_autofree char *book = make_current_book ();
  g_autofree char *backups = backups_of (book);
  g_autofree char *stale_wal = g_strconcat (book, "-wal", NULL);
  g_autofree char *kept = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStore) store = NULL;

  /* A crash left a WAL file beside the old book: it must not be replayed
   * onto the restored one. */
  g_assert_true (g_file_set_contents (stale_wal, "left over by a crash", -1, NULL));

  g_assert_true (rapport_backup_restore_full (book, backup, &kept, &error));
  g_assert_no_error (error);

  /* The previous book is kept, whole, in the backups folder. */
  g_assert_nonnull (kept);
  g_assert_true (g_str_has_prefix (kept, backups));
  {
    g_autofree char *name = g_path_get_basename (kept);
    g_assert_true (g_str_has_prefix (name, "before-restore-"));
    g_assert_true (g_str_has_suffix (name, ".db"));
    g_assert_cmpuint (strlen (name), ==, strlen ("before-restore-20260101-120000.db"));
  }
  g_assert_cmpuint (file_mode (backups), ==, 0700);
  g_assert_cmpuint (file_mode (kept), ==, 0600);
  assert_integrity_ok (kept);
  g_assert_cmpint (query_file (kept, "SELECT count(*) FROM customer WHERE name = 'Current 0'"), ==, 1);

  /* The book now holds the backup's data. */
  g_assert_cmpuint (file_mode (book), ==, 0600);
  g_assert_false (g_file_test (stale_wal, G_FILE_TEST_EXISTS));
  store = rapport_store_open (book, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_file (book, "SELECT count(*) FROM customer WHERE name = 'Current 0'"), ==, 0);
  g_assert_cmpint (query_file (book, "SELECT count(*) FROM customer WHERE name = 'Backup 0'"), ==, 1);
  g_assert_cmpint (query_file (book, "SELECT count(*) FROM customer"), ==, 21);
  /* The backup itself is left as it was: nothing written beside it. */
  assert_self_contained (backup);
}

static void
test_restore_twice_keeps_both (void)
{
  g_autofree char *backup = make_backup ("twice", "Backup", 0);
  g_autofree char *book = make_current_book ();
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (rapport_backup_restore_full (book, backup, &first, &error));
  g_assert_true (rapport_backup_restore_full (book, backup, &second, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (first, !=, second);
  g_assert_true (g_file_test (first, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (second, G_FILE_TEST_IS_REGULAR));
}

static void
test_restore_keeps_unreadable_book (void)
{
  g_autofree char *backup = make_backup ("unreadable", "Backup", 0);
  g_autofree char *book = data_path ("current", "rapport.db");
  g_autofree char *folder = data_path ("current", "");
  g_autofree char *junk = g_strnfill (5000, '?');
  g_autofree char *kept_contents = NULL;
  g_autofree char *kept = NULL;
  g_autoptr(GError) error = NULL;

  /* Not even Rapport's: never lose it all the same. */
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (book, junk, -1, NULL));

  g_assert_true (rapport_backup_restore_full (book, backup, &kept, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (kept, &kept_contents, NULL, NULL));
  g_assert_cmpstr (kept_contents, ==, junk);
  g_assert_cmpuint (file_mode (kept), ==, 0600);
  g_assert_cmpint (query_file (book, "SELECT count(*) FROM customer WHERE name = 'Backup 0'"), ==, 1);
}

static void
test_restore_without_book (void)
{
  g_autofree char *backup = make_backup ("fresh", "Backup", 0);
  g_autofree char *book = data_path ("fresh-install", "rapport.db");
  g_autofree char *kept = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (rapport_backup_restore_full (book, backup, &kept, &error));
  g_assert_no_error (error);
  g_assert_null (kept);
  g_assert_cmpint (query_file (book, "SELECT count(*) FROM customer WHERE name = 'Backup 0'"), ==, 1);
}

static void
test_restore_older_schema (void)
{
  g_autofree char *backup = tmp_path ("version-0.db");
  g_autofree char *sql = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = 0;",
                                          RAPPORT_STORE_APPLICATION_ID);
  g_autofree char *book = make_current_book ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStore) store = NULL;

  /* A book from before the first migration: Rapport's, but empty. */
  make_sqlite_file (backup, sql);
  g_assert_true (rapport_backup_restore (book, backup, &error));
  g_assert_no_error (error);

  store = rapport_store_open (book, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rapport_store_get_schema_version (store), ==, RAPPORT_STORE_SCHEMA_VERSION);
  g_assert_cmpint (query_file (book, "SELECT count(*) FROM customer"), ==, 0);
}

/* A copy of a live book (WAL mode) restores too, and nothing is written
 * beside it while it is checked. */
static void
test_restore_from_wal_copy (void)
{
  g_autoptr(RapportStore) source = make_book ("live", "Live", 5, 10);
  g_autofree char *live = data_path ("live", "rapport.db");
  g_autofree char *backup = tmp_path ("live-copy.db");
  g_autofree char *contents = NULL;
  g_autofree char *book = make_current_book ();
  g_autoptr(GError) error = NULL;
  gsize length;

  g_clear_object (&source);
  g_assert_true (g_file_get_contents (live, &contents, &length, NULL));
  g_assert_cmpint (contents[18], ==, 2);
  g_assert_true (g_file_set_contents (backup, contents, length, NULL));

  g_assert_true (rapport_backup_restore (book, backup, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_entries (scratch_dir ()), ==, 1);
  g_assert_cmpint (query_file (book, "SELECT count(*) FROM customer WHERE name LIKE 'Live %'"), ==, 5);
}

/* --- rotation ------------------------------------------------------------ */

static gint64
utc (int year,
     int month,
     int day,
     int hour)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (year, month, day, hour, 0, 0);

  return g_date_time_to_unix (dt);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* The folder's entries, less those the test put there itself. */
static GPtrArray *
rotated_names (const char         *dir,
               const char * const *planted)
{
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while ((name = g_dir_read_name (folder)) != NULL)
    if (!g_strv_contains (planted, name))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  return names;
}

static const char * const unrelated[] = {
  "daily-2026-01-06.db",  /* a folder */
  "notes.txt",
  "daily-2026-1-5.db",
  "daily-2026-02-30.db",
  "daily-2026-01-05.db.bak",
  "weekly-2026-W54.db",
  "Daily-2026-01-05.db",
  "before-restore-20260101-120000.db",
  ".daily-2026-01-05.db.tmp-abcdefgh",
  NULL
};

static void
test_rotate_sixty_days (void)
{
  g_autoptr(RapportStore) store = make_book ("rotate", "Base", 1, 10);
  g_autofree char *dir = rapport_backup_default_dir ();
  g_autoptr(GPtrArray) names = NULL;
  static const char *expected[] = {
    "daily-2026-02-27.db", "daily-2026-02-28.db", "daily-2026-03-01.db", "daily-2026-03-02.db",
    "daily-2026-03-03.db", "daily-2026-03-04.db", "daily-2026-03-05.db",
    "weekly-2026-W07.db", "weekly-2026-W08.db", "weekly-2026-W09.db", "weekly-2026-W10.db",
  };
  /* Each weekly was made from its Monday's daily: days 35, 42, 49 and 56. */
  static const int weekly_days[] = { 36, 43, 50, 57 };

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  for (guint i = 0; unrelated[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (dir, unrelated[i], NULL);

      if (i == 0)
        g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
      else
        g_assert_true (g_file_set_contents (path, unrelated[i], -1, NULL));
    }

  /* Monday 5 January 2026 to Thursday 5 March: one customer more each day,
   * and on some days the app is started twice. */
  for (int day = 0; day < 60; day++)
    {
      gint64 morning = utc (2026, 1, 5, 9) + day * RAPPORT_SECONDS_PER_DAY;
      g_autofree char *prefix = g_strdup_printf ("Day %d", day);
      g_autoptr(GError) error = NULL;

      add_customers (store, prefix, 1, 10);
      g_assert_true (rapport_backup_rotate (store, dir, morning, &error));
      if (day % 5 == 0)
        g_assert_true (rapport_backup_rotate (store, dir, morning + 3600, &error));
      g_assert_no_error (error);
    }

  names = rotated_names (dir, unrelated);
  g_assert_cmpuint (names->len, ==, RAPPORT_BACKUP_N_DAILY + RAPPORT_BACKUP_N_WEEKLY);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, expected[i], NULL);

      g_assert_cmpstr (g_ptr_array_index (names, i), ==, expected[i]);
      g_assert_cmpuint (file_mode (path), ==, 0600);
      if (i >= RAPPORT_BACKUP_N_DAILY)
        g_assert_cmpint (query_file (path, "SELECT count(*) FROM customer WHERE name LIKE 'Day %'"),
                         ==, weekly_days[i - RAPPORT_BACKUP_N_DAILY]);
      else
        g_assert_cmpint (query_file (path, "SELECT count(*) FROM customer WHERE name LIKE 'Day %'"),
                         ==, 60 - RAPPORT_BACKUP_N_DAILY + i + 1);
    }

  /* Everything else is exactly as it was. */
  for (guint i = 1; unrelated[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (dir, unrelated[i], NULL);
      g_autofree char *contents = NULL;

      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      g_assert_cmpstr (contents, ==, unrelated[i]);
    }
  g_assert_cmpuint (file_mode (dir), ==, 0700);
}

static void
test_rotate_weekly_from_first_daily (void)
{
  g_autoptr(RapportStore) store = make_book ("first-daily", "Base", 1, 10);
  g_autofree char *dir = tmp_path ("backups");
  g_autofree char *weekly = g_build_filename (dir, "weekly-2026-W53.db", NULL);
  g_autoptr(GError) error = NULL;

  /* Not started before Wednesday 30 December 2026, ISO week 53; the week
   * runs on into Friday 1 January 2027. */
  g_assert_true (rapport_backup_rotate (store, dir, utc (2026, 12, 30, 12), &error));
  add_customers (store, "Thursday", 1, 10);
  g_assert_true (rapport_backup_rotate (store, dir, utc (2026, 12, 31, 12), &error));
  add_customers (store, "Friday", 1, 10);
  g_assert_true (rapport_backup_rotate (store, dir, utc (2027, 1, 1, 12), &error));
  g_assert_no_error (error);

  g_assert_cmpuint (file_mode (dir), ==, 0700);
  g_assert_cmpint (query_file (weekly, "SELECT count(*) FROM customer"), ==, 1);
  {
    g_autofree char *friday = g_build_filename (dir, "daily-2027-01-01.db", NULL);
    g_assert_cmpint (query_file (friday, "SELECT count(*) FROM customer"), ==, 3);
  }
  g_assert_cmpuint (count_entries (dir), ==, 3 + 1);
}

static void
test_rotate_removes_stale_temporary_files (void)
{
  g_autoptr(RapportStore) store = make_book ("stale", "Base", 1, 10);
  g_autofree char *dir = tmp_path ("backups");
  g_autofree char *stale = g_build_filename (dir, ".daily-2026-01-05.db.tmp-0a1b2c", NULL);
  g_autofree char *fresh = g_build_filename (dir, ".daily-2026-01-06.db.tmp-0a1b2c", NULL);
  g_autofree char *other = g_build_filename (dir, ".notes.txt.tmp-0a1b2c", NULL);
  struct utimbuf two_days_ago = { time (NULL) - 2 * 86400, time (NULL) - 2 * 86400 };
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (stale, "crashed", -1, NULL));
  g_assert_true (g_file_set_contents (fresh, "being written", -1, NULL));
  g_assert_true (g_file_set_contents (other, "not ours", -1, NULL));
  g_assert_cmpint (g_utime (stale, &two_days_ago), ==, 0);
  g_assert_cmpint (g_utime (other, &two_days_ago), ==, 0);

  g_assert_true (rapport_backup_rotate (store, dir, utc (2026, 1, 7, 12), &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (fresh, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));
}

typedef struct
{
  gboolean  done;
  GError   *error;
} Rotation;

static void
rotated (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Rotation *rotation = user_data;

  rapport_backup_rotate_finish (RAPPORT_STORE (object), result, &rotation->error);
  rotation->done = TRUE;
}

static void
test_rotate_async (void)
{
  g_autoptr(RapportStore) store = make_book ("async", "Base", 200, 200);
  g_autofree char *dir = tmp_path ("backups");
  g_autofree char *daily = g_build_filename (dir, "daily-2026-05-20.db", NULL);
  Rotation rotation = { FALSE, NULL };

  rapport_backup_rotate_async (store, dir, utc (2026, 5, 20, 8), NULL, rotated, &rotation);
  /* The store stays usable meanwhile. */
  add_customers (store, "Meanwhile", 10, 10);
  while (!rotation.done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_no_error (rotation.error);
  g_assert_cmpint (query_file (daily, "SELECT count(*) FROM customer WHERE name LIKE 'Base %'"), ==, 200);
  g_assert_true (g_file_test (daily, G_FILE_TEST_IS_REGULAR));
}

static void
test_next_rotation (void)
{
  g_assert_cmpint (rapport_backup_next_rotation (utc (2026, 3, 10, 15)), ==,
                   utc (2026, 3, 11, 0) + 60);
  g_assert_cmpint (rapport_backup_next_rotation (utc (2026, 12, 31, 23) + 3599), ==,
                   utc (2027, 1, 1, 0) + 60);
  g_assert_cmpint (rapport_backup_next_rotation (utc (2026, 3, 11, 0)), ==,
                   utc (2026, 3, 12, 0) + 60);
}

int
main (int   argc,
      char *argv[])
{
  /* Daily backups are named by the local date: pin it. */
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/backup/write", test_backup_write);
  g_test_add_func ("/backup/write/while-writing", test_backup_while_writing);
  g_test_add_func ("/backup/write/missing-folder", test_backup_missing_folder);
  g_test_add_func ("/backup/write/over-book", test_backup_over_book);
  g_test_add_func ("/backup/write/unwritable-folder", test_backup_unwritable_folder);
  g_test_add_func ("/backup/write/disk-full", test_backup_disk_full);
  g_test_add_func ("/backup/restore/refuses/truncated", test_restore_refuses_truncated);
  g_test_add_func ("/backup/restore/refuses/cut-header", test_restore_refuses_cut_header);
  g_test_add_func ("/backup/restore/refuses/damaged-page", test_restore_refuses_damaged_page);
  g_test_add_func ("/backup/restore/refuses/newer", test_restore_refuses_newer);
  g_test_add_func ("/backup/restore/refuses/junk", test_restore_refuses_junk);
  g_test_add_func ("/backup/restore/refuses/empty", test_restore_refuses_empty);
  g_test_add_func ("/backup/restore/refuses/foreign", test_restore_refuses_foreign);
  g_test_add_func ("/backup/restore/refuses/missing", test_restore_refuses_missing);
  g_test_add_func ("/backup/restore/refuses/huge", test_restore_refuses_huge);
  g_test_add_data_func ("/backup/restore/refuses/foreign-trigger", &tamperings[0], test_restore_refuses_tampered);
  g_test_add_data_func ("/backup/restore/refuses/foreign-view", &tamperings[1], test_restore_refuses_tampered);
  g_test_add_data_func ("/backup/restore/refuses/foreign-table", &tamperings[2], test_restore_refuses_tampered);
  g_test_add_data_func ("/backup/restore/refuses/changed-trigger", &tamperings[3], test_restore_refuses_tampered);
  g_test_add_func ("/backup/restore/refuses/open-book", test_restore_refuses_open_book);
  g_test_add_func ("/backup/restore/good", test_restore_good);
  g_test_add_func ("/backup/restore/twice", test_restore_twice_keeps_both);
  g_test_add_func ("/backup/restore/keeps-unreadable-book", test_restore_keeps_unreadable_book);
  g_test_add_func ("/backup/restore/without-book", test_restore_without_book);
  g_test_add_func ("/backup/restore/older-schema", test_restore_older_schema);
  g_test_add_func ("/backup/restore/from-wal-copy", test_restore_from_wal_copy);
  g_test_add_func ("/backup/rotate/sixty-days", test_rotate_sixty_days);
  g_test_add_func ("/backup/rotate/weekly-from-first-daily", test_rotate_weekly_from_first_daily);
  g_test_add_func ("/backup/rotate/stale-temporary-files", test_rotate_removes_stale_temporary_files);
  g_test_add_func ("/backup/rotate/async", test_rotate_async);
  g_test_add_func ("/backup/next-rotation", test_next_rotation);

  return g_test_run ();
}
