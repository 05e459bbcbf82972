/* private-bus.c: a dbus-daemon of a test's own
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A session bus for a fake notification server, a system bus for a fake
 * logind: nothing on either starts on demand (the machine's session bus
 * would start a real server such as dunst), anyone may own any name, and
 * the daemon dies with the test even when the test crashes.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sys/prctl.h>

#include "private-bus.h"

static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static GSubprocess *
spawn (const char  *config,
       char       **address,
       GError     **error)
{
  g_autofree char *config_arg = g_strconcat ("--config-file=", config, NULL);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GSubprocess) bus = NULL;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  bus = g_subprocess_launcher_spawn (launcher, error, "dbus-daemon", config_arg,
                                     "--nofork", "--print-address=1", NULL);
  if (bus == NULL)
    return NULL;
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (bus));
  *address = g_data_input_stream_read_line (out, NULL, NULL, error);
  if (*address == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "dbus-daemon gave no address");
      private_bus_stop (g_steal_pointer (&bus));
      return NULL;
    }
  return g_steal_pointer (&bus);
}

/**
 * private_bus_spawn:
 * @type: "session" or "system"
 * @address: (out): where clients connect
 *
 * Returns: (transfer full): the running dbus-daemon, or %NULL with @error
 *   set (no dbus-daemon installed, say)
 */
GSubprocess *
private_bus_spawn (const char  *type,
                   char       **address,
                   GError     **error)
{
  g_autofree char *dir = g_dir_make_tmp ("rapport-bus-XXXXXX", error);
  g_autofree char *config = NULL;
  g_autofree char *contents = NULL;
  GSubprocess *bus = NULL;

  if (dir == NULL)
    return NULL;
  contents = g_strdup_printf ("<busconfig>"
                              "  <type>%s</type>"
                              "  <listen>unix:tmpdir=/tmp</listen>"
                              "  <auth>EXTERNAL</auth>"
                              "  <policy context='default'>"
                              "    <allow send_destination='*' eavesdrop='true'/>"
                              "    <allow eavesdrop='true'/>"
                              "    <allow own='*'/>"
                              "  </policy>"
                              "</busconfig>",
                              type);
  config = g_build_filename (dir, "bus.conf", NULL);
  /* The configuration is read once the address is out, so it goes then. */
  if (g_file_set_contents (config, contents, -1, error))
    bus = spawn (config, address, error);
  g_unlink (config);
  g_rmdir (dir);
  return bus;
}

void
private_bus_stop (GSubprocess *bus)
{
  if (bus == NULL)
    return;
  g_subprocess_send_signal (bus, SIGTERM);
  g_subprocess_wait (bus, NULL, NULL);
  g_object_unref (bus);
}
