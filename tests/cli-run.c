/* cli-run.c: the built rapport binary, run as a user's shell would run it
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the tests of the command line, so that every one of them runs
 * the binary in the same surroundings: the test's own data folder, and no
 * display, which the command line must never need.
 */

#include "config.h"

#include "cli-run.h"

/* A launcher with the test's XDG_DATA_HOME and no display; the caller
 * adds what its case needs (a folder to run in, a bus, a time zone). */
GSubprocessLauncher *
cli_run_launcher_new (GSubprocessFlags flags)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (flags);

  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  return launcher;
}

static char *
bytes_to_string (GBytes *bytes)
{
  gsize size = 0;
  const char *data = bytes != NULL ? g_bytes_get_data (bytes, &size) : NULL;

  return g_strndup (data != NULL ? data : "", size);
}

/* Runs @argv (NULL-terminated, the binary first) from @launcher to its
 * end, with @input (any bytes, NULs too; NULL: none) on its standard input
 * when the launcher pipes it.  Fills @out and @err (either may be NULL)
 * with what it printed; returns its exit status.  A process killed by a
 * signal fails the test. */
int
cli_run_to_end (GSubprocessLauncher  *launcher,
                const char * const   *argv,
                GBytes               *input,
                char                **out,
                char                **err)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GBytes) out_bytes = NULL;
  g_autoptr(GBytes) err_bytes = NULL;
  g_autoptr(GError) error = NULL;

  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  g_subprocess_communicate (process, input, NULL, out != NULL ? &out_bytes : NULL,
                            err != NULL ? &err_bytes : NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  if (out != NULL)
    *out = bytes_to_string (out_bytes);
  if (err != NULL)
    *err = bytes_to_string (err_bytes);
  return g_subprocess_get_exit_status (process);
}
