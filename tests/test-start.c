/* test-start.c: what a start of rapport loads, and `rapport --due`
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the built binary (its path is the first argument) without a
 * display, in a fresh XDG_DATA_HOME for every test case.
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <gmodule.h>
#include <string.h>
#include <unistd.h>

#include "cli-run.h"
#include "rapport-store.h"

static char *rapport_bin;

static char *
book_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "rapport", "rapport.db", NULL);
}

/* The data folder the runs see, when not the test's own. */
static const char *data_home;

/* Runs @bin with @args in UTC; @libdir, if set, is searched for libraries
 * before the system's. */
static int
run_args (const char         *bin,
          const char * const *args,
          const char         *libdir,
          char              **out,
          char              **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;

  launcher = cli_run_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  if (data_home != NULL)
    g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data_home, TRUE);
  g_subprocess_launcher_setenv (launcher, "TZ", "UTC", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "DBUS_SESSION_BUS_ADDRESS");
  g_subprocess_launcher_unsetenv (launcher, "RAPPORT_MODULE_DIR");
  if (libdir != NULL)
    g_subprocess_launcher_setenv (launcher, "LD_LIBRARY_PATH", libdir, TRUE);

  g_ptr_array_add (argv, (gpointer) bin);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  return cli_run_to_end (launcher, (const char * const *) argv->pdata, NULL, out, err);
}

static int
run (const char  *bin,
     const char  *arg,
     const char  *libdir,
     char       **out,
     char       **err)
{
  const char *args[] = { arg, NULL };

  return run_args (bin, args, libdir, out, err);
}

static void
make_book (void)
{
  g_autofree char *path = book_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStore) store = rapport_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (rapport_store_exec (store,
    "BEGIN;"
    "INSERT INTO customer (id, name, created_at, updated_at) VALUES"
    " (1, 'bob Brown', '2020-01-01T00:00:00Z', '2020-01-01T00:00:00Z'),"
    " (2, 'Ada Lovelace', '2020-01-01T00:00:00Z', '2020-01-01T00:00:00Z'),"
    " (3, 'Carl\tTab', '2020-01-01T00:00:00Z', '2020-01-01T00:00:00Z');"
    "INSERT INTO follow_up (customer_id, kind, due_at, state, snoozed_until, created_at) VALUES"
    " (1, 'keep_in_touch', '2020-03-01T09:00:00Z', 'due', NULL, '2020-01-01T00:00:00Z'),"
    " (2, 'delivery_check_in', '2020-03-01T09:00:00Z', 'due', NULL, '2020-01-01T00:00:00Z'),"
    " (3, 'thank_referrer', '2020-02-01T09:30:00Z', 'due', NULL, '2020-01-01T00:00:00Z'),"
    " (2, 'testimonial_ask', '2019-01-01T08:00:00Z', 'snoozed', '2020-02-15T10:00:00Z',"
    "  '2020-01-01T00:00:00Z'),"
    " (1, 'satisfaction_check', '2020-01-01T08:00:00Z', 'done', NULL, '2020-01-01T00:00:00Z'),"
    " (1, 'introduction_ask', '2099-01-01T08:00:00Z', 'due', NULL, '2020-01-01T00:00:00Z');"
    "COMMIT;", &error));
  g_assert_no_error (error);
}

/* Oldest first, names in case-blind order within one due time, one line
 * each: the snoozed one at its snooze's end, neither done nor future ones. */
static void
test_lines (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  make_book ();
  g_assert_cmpint (run (rapport_bin, "--due", NULL, &out, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpstr (out, ==,
                   "2020-02-01 09:30\tCarl Tab\tThank the referrer\n"
                   "2020-02-15 10:00\tAda Lovelace\tAsk for a testimonial\n"
                   "2020-03-01 09:00\tAda Lovelace\tDelivery check-in\n"
                   "2020-03-01 09:00\tbob Brown\tKeep in touch\n");
}

/* A word no option takes is refused, whatever the command, rather than
 * silently ignored: `rapport --due extra` lists nothing. */
static void
test_unexpected_argument (void)
{
  static const char *commands[][3] = {
    { "--due", "extra", NULL },
    { "--version", "extra", NULL },
    { "--background", "extra", NULL },
    { "--sample-data", "extra", NULL },
    { "--sync", "extra", NULL },
    { "--export", "out.csv", "extra" },
    { "extra", NULL, NULL },
  };

  make_book ();
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_test_message ("rapport %s %s", commands[i][0], commands[i][1]);
      g_assert_cmpint (run_args (rapport_bin, commands[i], NULL, &out, &err), ==, 1);
      g_assert_cmpstr (out, ==, "");
      g_assert_cmpstr (err, ==, "rapport: unexpected argument “extra” (see rapport --help)\n");
    }
}

/* A data folder reached through a symbolic link (a home on another disk)
 * is the user's: the book in it opens. */
static void
test_linked_data_folder (void)
{
  g_autofree char *link = g_build_filename (g_get_user_cache_dir (), "linked-data", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  make_book ();
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  g_assert_cmpint (symlink (g_get_user_data_dir (), link), ==, 0);
  data_home = link;
  g_assert_cmpint (run (rapport_bin, "--due", NULL, &out, &err), ==, 0);
  data_home = NULL;
  g_assert_cmpstr (err, ==, "");
  g_assert_nonnull (g_strrstr (out, "\tbob Brown\tKeep in touch\n"));
}

static void
add_broken_library (const char *dir,
                    const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, "", 0, &error));
  g_assert_no_error (error);
}

/* The book operations load neither GTK nor libadwaita nor the desktop's
 * address books: with those unloadable, --due still works. */
static void
test_without_gtk (void)
{
  g_autofree char *libdir = g_build_filename (g_get_user_cache_dir (), "broken-libs", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (g_mkdir_with_parents (libdir, 0700), ==, 0);
  add_broken_library (libdir, "libgtk-4.so.1");
  add_broken_library (libdir, "libadwaita-1.so.0");
  add_broken_library (libdir, "libebook-1.2.so.21");
  add_broken_library (libdir, "libedataserver-1.2.so.27");

  make_book ();
  g_assert_cmpint (run (rapport_bin, "--due", libdir, &out, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_nonnull (g_strrstr (out, "\tbob Brown\tKeep in touch\n"));
}

/* The windows load without evolution-data-server's libraries, which only
 * Import from Contacts needs: with those unloadable, the service the
 * desktop's search starts gets as far as looking for a display or a bus
 * (there is neither here). */
static void
test_window_without_eds (void)
{
  g_autofree char *libdir = g_build_filename (g_get_user_cache_dir (), "broken-libs", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  g_assert_cmpint (g_mkdir_with_parents (libdir, 0700), ==, 0);
  add_broken_library (libdir, "libebook-1.2.so.21");
  add_broken_library (libdir, "libebook-contacts-1.2.so.4");
  add_broken_library (libdir, "libedataserver-1.2.so.27");

  status = run (rapport_bin, "--gapplication-service", libdir, &out, &err);
  g_assert_cmpint (status, !=, 127);
  g_assert_null (strstr (err, "libebook"));
  g_assert_null (strstr (err, "libedataserver"));
  g_assert_null (strstr (err, "cannot load"));
}

/* A binary without its window's module says so in one line. */
static void
test_missing_module (void)
{
  g_autofree char *installed = g_module_build_path (RAPPORT_MODULEDIR, "rapport-gui");
  g_autofree char *copy = g_build_filename (g_get_user_cache_dir (), "rapport", NULL);
  g_autoptr(GFile) source = g_file_new_for_path (rapport_bin);
  g_autoptr(GFile) target = g_file_new_for_path (copy);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  if (g_file_test (installed, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("Rapport is installed here: its module would be found");
      return;
    }

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  g_assert_true (g_file_copy (source, target, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpint (run (copy, "--background", NULL, &out, &err), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_true (g_str_has_prefix (err, "rapport: cannot load the windows: "));
  g_assert_nonnull (strstr (err, "rapport-gui"));
  g_assert_cmpint (strchr (err, '\n') - err, ==, strlen (err) - 1);

  /* The book operations need no module. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  make_book ();
  g_assert_cmpint (run (copy, "--due", NULL, &out, &err), ==, 0);
  g_assert_nonnull (g_strrstr (out, "\tbob Brown\tKeep in touch\n"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_assert_cmpint (argc, ==, 2);
  rapport_bin = argv[1];

  g_test_add_func ("/start/due-lines", test_lines);
  g_test_add_func ("/start/unexpected-argument", test_unexpected_argument);
  g_test_add_func ("/start/due-linked-data-folder", test_linked_data_folder);
  g_test_add_func ("/start/due-without-gtk", test_without_gtk);
  g_test_add_func ("/start/window-without-eds", test_window_without_eds);
  g_test_add_func ("/start/missing-module", test_missing_module);
  return g_test_run ();
}
