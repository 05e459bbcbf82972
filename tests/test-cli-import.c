/* test-cli-import.c: `rapport --import` and `--export` as a user runs them
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

static const char *rapport_bin;

static const char *
scratch_dir (void)
{
  const char *dir = g_get_user_cache_dir ();

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return dir;
}

static char *
scratch_file (const char *name,
              const char *contents)
{
  char *path = g_build_filename (scratch_dir (), name, NULL);

  if (contents != NULL)
    g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

/* Runs rapport with one option and its file, in the scratch folder. */
static int
run_rapport (const char  *option,
             const char  *file,
             char       **out,
             char       **err)
{
  g_autoptr(GSubprocessLauncher) launcher =
    cli_run_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  const char *argv[] = { rapport_bin, option, file, NULL };

  g_subprocess_launcher_set_cwd (launcher, scratch_dir ());
  return cli_run_to_end (launcher, argv, NULL, out, err);
}

static gint64
count_customers (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "rapport", "rapport.db", NULL);
  g_autoptr(RapportStore) store = NULL;
  g_autoptr(RapportStmt) stmt = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return 0;
  store = rapport_store_open (path, &error);
  g_assert_no_error (error);
  stmt = rapport_store_prepare (store, "SELECT count(*) FROM customer", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static void
assert_fails (const char *option,
              const char *file,
              const char *expected_stderr)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_rapport (option, file, &out, &err), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpstr (err, ==, expected_stderr);
}

static void
test_cli_import_summary (void)
{
  g_autofree char *path = scratch_file ("customers.csv",
                                        "name,email,status\r\n"
                                        "Ada,ada@example.org,customer\r\n"
                                        "\r\n"
                                        "Grace,grace@example.org,\r\n"
                                        "Ada Lovelace,ADA@example.org,\r\n");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_rapport ("--import", path, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, "Imported customers.csv: 2 added, 1 merged, 1 skipped\n");
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpint (count_customers (), ==, 2);
}

static void
test_cli_import_errors (void)
{
  GString *text = g_string_new ("name,notes,status\r\n");
  g_autofree char *unterminated = NULL;
  g_autofree char *bad_status = NULL;
  g_autofree char *xlsx = scratch_file ("customers.xlsx", "PK");

  /* 55 good rows, then a quote opened on line 57 and never closed. */
  for (guint line = 2; line <= 56; line++)
    g_string_append_printf (text, "Customer %u,,customer\r\n", line);
  g_string_append (text, "Broken,\"never closed,customer\r\nAfter,,\r\n");
  unterminated = scratch_file ("customers.csv", text->str);
  assert_fails ("--import", unterminated, "rapport: customers.csv:57: unterminated quoted field\n");
  g_assert_cmpint (count_customers (), ==, 0);

  /* An unknown status is kept as a tag; an unknown satisfaction refused. */
  g_string_assign (text, "name,notes,satisfaction\r\n");
  for (guint line = 2; line <= 11; line++)
    g_string_append_printf (text, "Customer %u,,satisfied\r\n", line);
  g_string_append (text, "Vera,,ecstatic\r\n");
  bad_status = scratch_file ("status.csv", text->str);
  g_string_free (text, TRUE);
  assert_fails ("--import", bad_status,
                "rapport: status.csv:12: column \"satisfaction\": unknown satisfaction \"ecstatic\" "
                "(use unknown, unhappy, satisfied or delighted)\n");
  g_assert_cmpint (count_customers (), ==, 0);

  assert_fails ("--import", xlsx,
                "rapport: Cannot import customers.xlsx: \".xlsx\" files are not supported "
                "(save it as .csv or .vcf)\n");
  /* Relative to the current folder, and named as given. */
  assert_fails ("--import", "missing.csv",
                "rapport: Cannot read missing.csv: No such file or directory\n");
}

/* A text over its limit is named with file and line; a file of 1 GB (a
 * sparse one: no disk used, nothing to read) is refused from its size. */
static void
test_cli_import_limits (void)
{
  g_autofree char *name = g_strnfill (300, 'x');
  g_autofree char *text = g_strconcat ("name,phone\r\nAda,+44 1\r\n", name, ",\r\n", NULL);
  g_autofree char *long_name = scratch_file ("long.csv", text);
  g_autofree char *huge = scratch_file ("huge.csv", NULL);
  int fd;

  assert_fails ("--import", long_name, "rapport: long.csv:3: Name is too long: 300 characters, at most 200\n");

  fd = g_open (huge, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, 1000 * 1000 * 1000), ==, 0);
  close (fd);
  assert_fails ("--import", "huge.csv",
                "rapport: Cannot import huge.csv: it is 1.0\u00a0GB, more than the limit of 134.2\u00a0MB\n");
  g_assert_cmpint (count_customers (), ==, 0);
}

static void
test_cli_export (void)
{
  g_autofree char *source = scratch_file ("in.csv", "name,email\r\nAda,ada@example.org\r\n");
  g_autofree char *csv = scratch_file ("out.csv", NULL);
  g_autofree char *vcf = scratch_file ("out.vcf", NULL);
  g_autofree char *pdf = scratch_file ("out.pdf", NULL);
  g_autofree char *odt = scratch_file ("out.odt", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *contents = NULL;
  GStatBuf st;

  g_assert_cmpint (run_rapport ("--import", source, &out, &err), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_rapport ("--export", csv, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, "Exported out.csv\n");
  g_assert_cmpstr (err, ==, "");
  g_assert_true (g_file_get_contents (csv, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents,
                                   "name,company,email,phone,status,satisfaction,tags,notes,next_check_in,"
                                   "emails,phones,uid\r\n"
                                   "Ada,,ada@example.org,,customer,unknown,,,,,,urn:uuid:"));
  g_assert_cmpint (g_stat (csv, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 0777, ==, 0600);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&contents, g_free);

  g_assert_cmpint (run_rapport ("--export", vcf, &out, &err), ==, 0);
  g_assert_true (g_file_get_contents (vcf, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "BEGIN:VCARD\r\n"));
  g_assert_nonnull (strstr (contents, "FN:Ada\r\n"));

  /* The PDF of public testimonials: none yet, a page that says so. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&contents, g_free);
  g_assert_cmpint (run_rapport ("--export", pdf, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, "Exported out.pdf\n");
  g_assert_cmpstr (err, ==, "");
  g_assert_true (g_file_get_contents (pdf, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_assert_cmpint (g_stat (pdf, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 0777, ==, 0600);

  /* The list of formats grows; the refusal stays one line. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_rapport ("--export", odt, &out, &err), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_true (g_str_has_prefix (err, "rapport: Cannot export to out.odt: \".odt\" is not a format "
                                        "Rapport writes (use .csv"));
  g_assert_nonnull (strstr (err, ".html or .pdf)"));
  g_assert_cmpstr (strchr (err, '\n'), ==, "\n");
  g_assert_false (g_file_test (odt, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  if (argc < 2)
    g_error ("usage: %s PATH-TO-RAPPORT", argv[0]);
  rapport_bin = argv[1];

  g_test_add_func ("/cli/import/summary", test_cli_import_summary);
  g_test_add_func ("/cli/import/errors", test_cli_import_errors);
  g_test_add_func ("/cli/import/limits", test_cli_import_limits);
  g_test_add_func ("/cli/export", test_cli_export);

  return g_test_run ();
}
