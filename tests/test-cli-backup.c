/* test-cli-backup.c: `rapport --backup` and `--restore` as a user runs them
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the built binary (its path is the first argument) without a
 * display, in a fresh XDG_DATA_HOME for every test case.
 */

#include "config.h"

#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "cli-run.h"
#include "rapport-store.h"

static char *rapport_bin;

static const char *
scratch_dir (void)
{
  const char *dir = g_get_user_cache_dir ();

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return dir;
}

static char *
scratch_file (const char *name)
{
  return g_build_filename (scratch_dir (), name, NULL);
}

static char *
book_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "rapport", "rapport.db", NULL);
}

/* Runs rapport with its arguments, in the scratch folder. */
static int
run_rapport (char **out,
             char **err,
             ...)
{
  g_autoptr(GSubprocessLauncher) launcher =
    cli_run_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, rapport_bin);
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_subprocess_launcher_set_cwd (launcher, scratch_dir ());
  return cli_run_to_end (launcher, (const char * const *) argv->pdata, NULL, out, err);
}

static void
make_book (const char *customer,
           guint       n)
{
  g_autofree char *path = book_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStore) store = rapport_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (rapport_store_begin (store, &error));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s %u", customer, i);
      g_autoptr(RapportStmt) stmt = rapport_store_prepare (store,
                                                           "INSERT INTO customer (name, created_at, updated_at)"
                                                           " VALUES (?, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
                                                           &error);
      g_assert_no_error (error);
      sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
      g_assert_true (rapport_store_step_done (store, stmt, &error));
    }
  g_assert_true (rapport_store_commit (store, &error));
}

static int
count_customers (const char *path,
                 const char *like)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int count;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM customer WHERE name LIKE ?",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, like, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  count = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return count;
}

/* A failure is exactly one line on stderr, and nothing on stdout. */
static void
assert_failed_with (int         status,
                    const char *out,
                    const char *err,
                    const char *expected)
{
  g_assert_cmpint (status, ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpstr (err, ==, expected);
}

static void
test_cli_backup (void)
{
  g_autofree char *backup = scratch_file ("book.db");
  g_autofree char *expected = g_strdup_printf ("Backed up 3 customers to %s\n", backup);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  GStatBuf st;

  make_book ("Customer", 3);
  g_assert_cmpint (run_rapport (&out, &err, "--backup", backup, NULL), ==, 0);
  g_assert_cmpstr (out, ==, expected);
  g_assert_cmpstr (err, ==, "");

  g_assert_cmpint (g_stat (backup, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (count_customers (backup, "Customer %"), ==, 3);
}

static void
test_cli_backup_one (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  /* A name relative to the working folder, and one customer. */
  make_book ("Customer", 1);
  g_assert_cmpint (run_rapport (&out, &err, "--backup", "relative.db", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "Backed up 1 customer to relative.db\n");
  {
    g_autofree char *path = scratch_file ("relative.db");
    g_assert_cmpint (count_customers (path, "Customer %"), ==, 1);
  }
}

static void
test_cli_backup_errors (void)
{
  g_autofree char *book = book_path ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *expected = NULL;
  int status;

  /* No book yet: say so, and do not create an empty one. */
  status = run_rapport (&out, &err, "--backup", "backup.db", NULL);
  expected = g_strdup_printf ("rapport: there is no book to back up yet (%s)\n", book);
  assert_failed_with (status, out, err, expected);
  g_assert_false (g_file_test (book, G_FILE_TEST_EXISTS));

  make_book ("Customer", 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  status = run_rapport (&out, &err, "--backup", "/nonexistent-folder/backup.db", NULL);
  assert_failed_with (status, out, err,
                      "rapport: Cannot write the backup to /nonexistent-folder/backup.db: "
                      "the folder /nonexistent-folder does not exist\n");

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&expected, g_free);
  status = run_rapport (&out, &err, "--backup", book, NULL);
  expected = g_strdup_printf ("rapport: Cannot write the backup over the book itself (%s); "
                              "choose another file\n", book);
  assert_failed_with (status, out, err, expected);
}

static void
test_cli_restore (void)
{
  g_autofree char *backup = scratch_file ("old.db");
  g_autofree char *backups = g_build_filename (g_get_user_data_dir (), "rapport", "backups", NULL);
  g_autofree char *book = book_path ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *kept = NULL;

  make_book ("Old", 4);
  g_assert_cmpint (run_rapport (&out, &err, "--backup", backup, NULL), ==, 0);
  make_book ("New", 2);
  g_assert_cmpint (count_customers (book, "%"), ==, 6);

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_rapport (&out, &err, "--restore", backup, NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");

  /* One line naming where the previous book went, in the backups folder. */
  prefix = g_strdup_printf ("Restored %s; the previous book is kept as ", backup);
  g_assert_true (g_str_has_prefix (out, prefix));
  g_assert_true (strchr (out, '\n') == out + strlen (out) - 1);
  kept = g_strndup (out + strlen (prefix), strlen (out) - strlen (prefix) - 1);
  g_assert_true (g_str_has_prefix (kept, backups));
  g_assert_true (g_str_has_suffix (kept, ".db"));
  g_assert_cmpint (count_customers (kept, "New %"), ==, 2);
  g_assert_cmpint (count_customers (book, "New %"), ==, 0);
  g_assert_cmpint (count_customers (book, "Old %"), ==, 4);
}

static void
assert_restore_refused (const char *backup,
                        const char *reason)
{
  g_autofree char *book = book_path ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *expected = NULL;
  gsize before_len, after_len;
  int status;

  make_book ("Current", 1);
  g_assert_true (g_file_get_contents (book, &before, &before_len, NULL));

  expected = g_strdup_printf ("rapport: Cannot restore %s: %s; your book was left untouched\n",
                              backup, reason);
  status = run_rapport (&out, &err, "--restore", backup, NULL);
  assert_failed_with (status, out, err, expected);

  g_assert_true (g_file_get_contents (book, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
}

static void
test_cli_restore_errors (void)
{
  g_autofree char *junk = scratch_file ("junk.db");
  g_autofree char *missing = scratch_file ("missing.db");

  g_assert_true (g_file_set_contents (junk, "this is not a database, not at all", -1, NULL));
  assert_restore_refused (junk, "it is not a Rapport backup");
  assert_restore_refused (missing, "the file does not exist");
}

/* 1 GB (sparse: no disk used) is refused from its size, before reading. */
static void
test_cli_restore_huge (void)
{
  g_autofree char *huge = scratch_file ("huge.db");
  int fd;

  fd = g_open (huge, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, 1000 * 1000 * 1000), ==, 0);
  close (fd);
  assert_restore_refused (huge, "it is 953.7\u00a0MiB, more than the limit of 512.0\u00a0MiB for a book");
}

/* A real backup to which someone added a trigger of their own. */
static void
test_cli_restore_foreign_trigger (void)
{
  g_autofree char *backup = scratch_file ("tampered.db");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  sqlite3 *db = NULL;

  make_book ("Old", 2);
  g_assert_cmpint (run_rapport (&out, &err, "--backup", backup, NULL), ==, 0);
  g_assert_cmpint (sqlite3_open (backup, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TRIGGER steal AFTER UPDATE ON customer"
                                     " BEGIN UPDATE customer SET email = 'me@evil.example'; END;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  assert_restore_refused (backup, "it holds the trigger “steal”, which Rapport does not create");
}

static void
test_cli_backup_and_restore_together (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  make_book ("Customer", 1);
  status = run_rapport (&out, &err, "--backup", "a.db", "--restore", "b.db", NULL);
  assert_failed_with (status, out, err, "rapport: --backup and --restore cannot be used together\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  if (argc < 2)
    g_error ("usage: %s PATH-TO-RAPPORT", argv[0]);
  /* Meson may name it relative to the build folder; the runs happen elsewhere. */
  rapport_bin = g_canonicalize_filename (argv[1], NULL);

  g_test_add_func ("/cli/backup", test_cli_backup);
  g_test_add_func ("/cli/backup/one", test_cli_backup_one);
  g_test_add_func ("/cli/backup/errors", test_cli_backup_errors);
  g_test_add_func ("/cli/restore", test_cli_restore);
  g_test_add_func ("/cli/restore/errors", test_cli_restore_errors);
  g_test_add_func ("/cli/restore/foreign-trigger", test_cli_restore_foreign_trigger);
  g_test_add_func ("/cli/restore/huge", test_cli_restore_huge);
  g_test_add_func ("/cli/backup-and-restore", test_cli_backup_and_restore_together);

  return g_test_run ();
}
