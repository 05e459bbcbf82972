/* keyring.c: a Secret Service of a test's own
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A dbus-daemon of the test's own becomes the process's session bus, and
 * gnome-keyring-daemon runs on it with only its secrets component, its
 * login keyring created and unlocked with a known password read from its
 * standard input, as PAM does at login.  libsecret in the test then talks
 * to a real Secret Service; the keyring files live in a temporary folder
 * that goes with it.  Both daemons die with the test, even when it crashes.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include "keyring.h"

#define SECRETS_NAME "org.freedesktop.secrets"
#define START_TIMEOUT_SECONDS 60

struct _Keyring
{
  GSubprocess *bus;
  GSubprocess *daemon;
  char        *dir;
  char        *address;
};

/* What gnome-keyring-daemon reads: its keyrings go to XDG_DATA_HOME, its
 * control socket to XDG_RUNTIME_DIR. */
static const struct
{
  const char *variable;
  const char *name;
} user_dirs[] = {
  { "HOME", "home" },
  { "XDG_CONFIG_HOME", "config" },
  { "XDG_DATA_HOME", "data" },
  { "XDG_CACHE_HOME", "cache" },
  { "XDG_RUNTIME_DIR", "runtime" },
};

static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

/**
 * keyring_missing:
 *
 * Returns: why the keyring cannot run here, or %NULL if it can
 */
const char *
keyring_missing (void)
{
  g_autofree char *keyring = g_find_program_in_path ("gnome-keyring-daemon");
  g_autofree char *bus = g_find_program_in_path ("dbus-daemon");

  if (keyring == NULL)
    return "gnome-keyring is not installed (build-aux/dev installs it)";
  if (bus == NULL)
    return "dbus-daemon is not installed";
  return NULL;
}

static gboolean
start_bus (Keyring  *keyring,
           GError  **error)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autofree char *socket = g_build_filename (keyring->dir, "bus", NULL);
  g_autofree char *config = g_build_filename (keyring->dir, "bus.conf", NULL);
  g_autofree char *config_arg = g_strconcat ("--config-file=", config, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;

  /* Nothing starts on demand: the keyring is started here, unlocked. */
  contents = g_markup_printf_escaped ("<busconfig>"
                                      "  <type>session</type>"
                                      "  <listen>unix:path=%s</listen>"
                                      "  <auth>EXTERNAL</auth>"
                                      "  <policy context='default'>"
                                      "    <allow send_destination='*' eavesdrop='true'/>"
                                      "    <allow eavesdrop='true'/>"
                                      "    <allow own='*'/>"
                                      "  </policy>"
                                      "</busconfig>",
                                      socket);
  if (!g_file_set_contents (config, contents, -1, error))
    return FALSE;
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  keyring->bus = g_subprocess_launcher_spawn (launcher, error, "dbus-daemon", config_arg,
                                              "--nofork", "--print-address=1", NULL);
  if (keyring->bus == NULL)
    return FALSE;
  /* Listening once it prints its address. */
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (keyring->bus));
  if ((line = g_data_input_stream_read_line (out, NULL, NULL, error)) == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "dbus-daemon gave no address");
      return FALSE;
    }
  keyring->address = g_strconcat ("unix:path=", socket, NULL);
  return TRUE;
}

static gboolean
start_daemon (Keyring  *keyring,
              GError  **error)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  GOutputStream *in;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS", keyring->address, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (user_dirs); i++)
    {
      g_autofree char *dir = g_build_filename (keyring->dir, user_dirs[i].name, NULL);

      g_mkdir (dir, 0700);
      g_subprocess_launcher_setenv (launcher, user_dirs[i].variable, dir, TRUE);
    }
  keyring->daemon = g_subprocess_launcher_spawn (launcher, error, "gnome-keyring-daemon",
                                                 "--foreground", "--unlock",
                                                 "--components=secrets", NULL);
  if (keyring->daemon == NULL)
    return FALSE;
  /* The login password, then end of file, as PAM hands it over. */
  in = g_subprocess_get_stdin_pipe (keyring->daemon);
  return g_output_stream_write_all (in, KEYRING_PASSWORD, strlen (KEYRING_PASSWORD), NULL, NULL, error) &&
         g_output_stream_close (in, NULL, error);
}

/* Until the Secret Service has its name on the bus. */
static gboolean
wait_for_secrets (Keyring  *keyring,
                  GError  **error)
{
  g_autoptr(GDBusConnection) connection = NULL;
  gint64 deadline = g_get_monotonic_time () + START_TIMEOUT_SECONDS * G_USEC_PER_SEC;

  connection = g_dbus_connection_new_for_address_sync (keyring->address,
                                                       G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                       G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                       NULL, NULL, error);
  if (connection == NULL)
    return FALSE;
  while (TRUE)
    {
      g_autoptr(GVariant) reply = NULL;
      gboolean has_owner = FALSE;

      reply = g_dbus_connection_call_sync (connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                           "org.freedesktop.DBus", "NameHasOwner",
                                           g_variant_new ("(s)", SECRETS_NAME), G_VARIANT_TYPE ("(b)"),
                                           G_DBUS_CALL_FLAGS_NONE, -1, NULL, error);
      if (reply == NULL)
        return FALSE;
      g_variant_get (reply, "(b)", &has_owner);
      if (has_owner)
        return TRUE;
      if (g_get_monotonic_time () > deadline)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                       "gnome-keyring-daemon did not own %s within %d seconds",
                       SECRETS_NAME, START_TIMEOUT_SECONDS);
          return FALSE;
        }
      g_usleep (50 * 1000);
    }
}

/**
 * keyring_start:
 *
 * Starts the bus and the keyring, and makes the bus this process's
 * session bus: call before anything connects to the session bus.
 *
 * Returns: the running keyring, unlocked with %KEYRING_PASSWORD, or %NULL
 *   with @error set
 */
Keyring *
keyring_start (GError **error)
{
  g_autoptr(Keyring) keyring = g_new0 (Keyring, 1);

  if (keyring_missing () != NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, keyring_missing ());
      return NULL;
    }
  if ((keyring->dir = g_dir_make_tmp ("rapport-keyring-XXXXXX", error)) == NULL)
    return NULL;
  if (!start_bus (keyring, error) ||
      !start_daemon (keyring, error) ||
      !wait_for_secrets (keyring, error))
    return NULL;
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", keyring->address, TRUE);
  return g_steal_pointer (&keyring);
}

const char *
keyring_get_address (Keyring *keyring)
{
  return keyring->address;
}

/**
 * keyring_get_dir:
 *
 * Returns: the folder the daemons keep their files in (the keyrings are
 *   in data/keyrings), so a test can look for a password in the clear
 */
const char *
keyring_get_dir (Keyring *keyring)
{
  return keyring->dir;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
stop_process (GSubprocess *process)
{
  if (process == NULL)
    return;
  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait (process, NULL, NULL);
  g_object_unref (process);
}

void
keyring_stop (Keyring *keyring)
{
  if (keyring == NULL)
    return;
  stop_process (keyring->daemon);
  stop_process (keyring->bus);
  if (keyring->dir != NULL)
    remove_tree (keyring->dir);
  g_free (keyring->dir);
  g_free (keyring->address);
  g_free (keyring);
}
