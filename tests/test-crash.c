/* test-crash.c: the book survives a kill at any moment, and a full disk
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the built binary (first argument) and crash-editor (second) and
 * SIGKILLs them at random moments (seeded: --seed replays a run).  After
 * every kill the book must pass SQLite's integrity check and an import
 * must have happened whole or not at all.  Kill times and outcomes go to
 * the test log.
 */

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <sched.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "cli-run.h"

/* Customers in a big import: enough that importing takes seconds.  Under
 * AddressSanitizer (build-aux/dev's build-asan) an import is some fifteen
 * times slower, so there a tenth, which still overfills the small disk. */
#ifdef __SANITIZE_ADDRESS__
#define N_BIG 5000
#else
#define N_BIG 50000
#endif
#define N_IMPORT_KILLS 6
#define N_EDIT_KILLS 6

static const char *rapport_bin;
static const char *editor_bin;

static char *
book_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "rapport", NULL);
}

static char *
book_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "rapport", "rapport.db", NULL);
}

/* A CSV of @n customers whose e-mails are unique to @batch, so importing
 * it adds exactly @n customers. */
static char *
write_csv (const char *batch,
           guint       n)
{
  g_autoptr(GString) text = g_string_new ("name,company,email,phone,status,satisfaction,tags,notes\r\n");
  g_autofree char *name = g_strdup_printf ("%s.csv", batch);
  char *path = g_build_filename (g_get_user_cache_dir (), name, NULL);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text,
                            "Customer %s %u,Company %u,%s.%u@example.org,+1 555 %04u,"
                            "customer,satisfied,golf;vip,\"Met at the fair, %u\"\r\n",
                            batch, i, i % 977, batch, i, i % 10000, i);
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  g_file_set_contents (path, text->str, text->len, &error);
  g_assert_no_error (error);
  return path;
}

static GSubprocess *
spawn (GSubprocessFlags   flags,
       GError           **error,
       const char        *first,
       ...) G_GNUC_NULL_TERMINATED;

static GSubprocess *
spawn (GSubprocessFlags   flags,
       GError           **error,
       const char        *first,
       ...)
{
  g_autoptr(GSubprocessLauncher) launcher = cli_run_launcher_new (flags);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;

  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  return g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, error);
}

/* Runs `rapport --import CSV` to its end; returns its exit status. */
static int
import (const char  *csv,
        char       **err)
{
  g_autoptr(GSubprocessLauncher) launcher =
    cli_run_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  const char *argv[] = { rapport_bin, "--import", csv, NULL };

  return cli_run_to_end (launcher, argv, NULL, NULL, err);
}

static char *
query_text (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *text;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

/* Opens the book read-only, as another tool would after a crash, checks
 * it through and returns its number of customers. */
static gint64
check_book (void)
{
  g_autofree char *path = book_path ();
  g_autofree char *integrity = NULL;
  g_autofree char *count = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  integrity = query_text (db, "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok");
  count = query_text (db, "SELECT count(*) FROM customer");
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  return g_ascii_strtoll (count, NULL, 10);
}

static const char *
describe_end (GSubprocess *process)
{
  if (g_subprocess_get_if_signaled (process))
    return g_subprocess_get_term_sig (process) == SIGKILL ? "killed" : "died of a signal";
  return g_subprocess_get_exit_status (process) == 0 ? "had finished" : "had failed";
}

static void
test_crash_import_killed (void)
{
  g_autofree char *first = write_csv ("first", 100);
  g_autofree char *calibration = write_csv ("calibration", N_BIG);
  g_autofree char *err = NULL;
  gint64 start, count;
  double duration_ms;
  guint whole = 0, none = 0;

  g_assert_cmpint (import (first, &err), ==, 0);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (check_book (), ==, 100);

  /* How long one import takes here, so the kills fall across all of it. */
  start = g_get_monotonic_time ();
  g_assert_cmpint (import (calibration, &err), ==, 0);
  duration_ms = (g_get_monotonic_time () - start) / 1000.0;
  count = check_book ();
  g_assert_cmpint (count, ==, 100 + N_BIG);
  g_test_message ("a whole import of %d customers takes %.0f ms", N_BIG, duration_ms);

  for (guint run = 0; run < N_IMPORT_KILLS; run++)
    {
      g_autofree char *batch = g_strdup_printf ("run%u", run);
      g_autofree char *csv = write_csv (batch, N_BIG);
      g_autoptr(GSubprocess) process = NULL;
      g_autoptr(GError) error = NULL;
      double delay_ms = g_test_rand_double_range (0.05, 1.1) * duration_ms;
      gint64 before = count;

      process = spawn (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                       rapport_bin, "--import", csv, NULL);
      g_assert_no_error (error);
      g_usleep ((gulong) (delay_ms * 1000));
      g_subprocess_send_signal (process, SIGKILL);
      g_subprocess_wait (process, NULL, &error);
      g_assert_no_error (error);

      count = check_book ();
      g_test_message ("import %u: SIGKILL at %.0f ms (%.0f%% of an import): it %s; "
                      "customers %" G_GINT64_FORMAT " -> %" G_GINT64_FORMAT ", integrity ok",
                      run, delay_ms, 100 * delay_ms / duration_ms, describe_end (process),
                      before, count);
      /* All or nothing, never part of it. */
      if (count == before)
        none++;
      else if (count == before + N_BIG)
        whole++;
      else
        g_error ("import %u left %" G_GINT64_FORMAT " of its %d customers",
                 run, count - before, N_BIG);
    }
  g_test_message ("%u imports killed: %u left nothing, %u were whole", N_IMPORT_KILLS, none, whole);
}

/* Starts crash-editor on the book and waits for its first save. */
static GSubprocess *
start_editor (void)
{
  g_autofree char *path = book_path ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;

  process = spawn (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, editor_bin, path, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (line, ==, "ready");
  return g_steal_pointer (&process);
}

static void
test_crash_edits_killed (void)
{
  g_autofree char *dir = book_dir ();
  gint64 count = 0;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);

  for (guint run = 0; run < N_EDIT_KILLS; run++)
    {
      g_autoptr(GSubprocess) process = start_editor ();
      g_autoptr(GError) error = NULL;
      gulong delay_ms = g_test_rand_int_range (1, 400);
      gint64 before = count;

      g_usleep (delay_ms * 1000);
      g_subprocess_send_signal (process, SIGKILL);
      g_subprocess_wait (process, NULL, &error);
      g_assert_no_error (error);

      count = check_book ();
      g_test_message ("edits %u: SIGKILL %lu ms after the first save: it %s; "
                      "customers %" G_GINT64_FORMAT " -> %" G_GINT64_FORMAT ", integrity ok",
                      run, delay_ms, describe_end (process), before, count);
      g_assert_true (g_subprocess_get_if_signaled (process));
      /* Every save that returned is there; at least the first one did. */
      g_assert_cmpint (count, >, before);
    }
}

/* A small disk under the book: a tmpfs mounted in a mount namespace of this
 * test process only (the rapport it starts shares it), so nothing
 * outlives the test.  Needs root. */
static gboolean
mount_small_disk (const char *where)
{
  if (geteuid () != 0 ||
      unshare (CLONE_NEWNS) != 0 ||
      mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0)
    return FALSE;

  g_assert_cmpint (g_mkdir_with_parents (where, 0700), ==, 0);
  return mount ("rapport-test", where, "tmpfs", MS_NOSUID | MS_NODEV, "size=1m,mode=0700") == 0;
}

static void
test_crash_disk_full (void)
{
  g_autofree char *dir = book_dir ();
  g_autofree char *small = write_csv ("small", 20);
  g_autofree char *big = write_csv ("big", N_BIG);
  g_autofree char *err = NULL;

  if (!mount_small_disk (dir))
    {
      g_test_skip ("needs root and a private mount namespace for a small tmpfs");
      return;
    }

  g_assert_cmpint (import (small, &err), ==, 0);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (check_book (), ==, 20);

  g_assert_cmpint (import (big, &err), ==, 1);
  g_test_message ("importing %d customers onto a 1 MiB disk: %s", N_BIG, err);
  g_assert_true (g_str_has_prefix (err, "rapport: "));
  g_assert_nonnull (strstr (err, "is full"));
  g_assert_nonnull (strstr (err, "nothing was changed"));
  g_assert_cmpint (check_book (), ==, 20);

  g_assert_cmpint (umount2 (dir, MNT_DETACH), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  if (argc < 3)
    g_error ("usage: %s PATH-TO-RAPPORT PATH-TO-CRASH-EDITOR", argv[0]);
  rapport_bin = argv[1];
  editor_bin = argv[2];

  g_test_add_func ("/crash/import-killed", test_crash_import_killed);
  g_test_add_func ("/crash/edits-killed", test_crash_edits_killed);
  g_test_add_func ("/crash/disk-full", test_crash_disk_full);

  return g_test_run ();
}
