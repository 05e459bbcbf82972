/* radicale.c: a real Radicale CardDAV/CalDAV server for a test
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Debian's radicale, started on 127.0.0.1 at a free port with a
 * configuration of its own: htpasswd logins from a plain-text file, every
 * logged-in user may read and write every collection (a team shares its
 * collections under distinct logins), storage in a temporary folder that
 * goes with the server.  Nothing listens beyond the loopback address.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sys/prctl.h>

#include "radicale.h"

#define RADICALE "/usr/bin/radicale"

/* A loaded 2-core machine may take a while to start Python. */
#define START_TIMEOUT_SECONDS 60
#define START_ATTEMPTS 3

struct _Radicale
{
  GSubprocess *process;
  char        *dir;
  char        *storage;
  char        *url;
  guint16      port;
};

static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

/**
 * radicale_missing:
 *
 * Returns: why Radicale cannot run here, or %NULL if it can
 */
const char *
radicale_missing (void)
{
  if (!g_file_test (RADICALE, G_FILE_TEST_IS_EXECUTABLE))
    return "radicale is not installed (build-aux/dev installs it)";
  return NULL;
}

/* A port nothing listens on now.  Another program may take it before
 * Radicale does; radicale_start() then tries another. */
static guint16
free_port (GError **error)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, error);
  if (socket == NULL || !g_socket_bind (socket, any, FALSE, error))
    return 0;
  if ((bound = g_socket_get_local_address (socket, error)) == NULL)
    return 0;
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static gboolean
write_config (Radicale            *server,
              const char * const  *users,
              GError             **error)
{
  g_autofree char *users_file = g_build_filename (server->dir, "users", NULL);
  g_autofree char *config_file = g_build_filename (server->dir, "config", NULL);
  g_autoptr(GString) lines = g_string_new (NULL);
  g_autofree char *config = NULL;

  for (guint i = 0; users != NULL && users[i] != NULL; i++)
    g_string_append_printf (lines, "%s\n", users[i]);
  if (!g_file_set_contents_full (users_file, lines->str, lines->len,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
    return FALSE;

  config = g_strdup_printf ("[server]\n"
                            "hosts = 127.0.0.1:%u\n"
                            "[auth]\n"
                            "type = htpasswd\n"
                            "htpasswd_filename = %s\n"
                            "htpasswd_encryption = plain\n"
                            "delay = 0\n"
                            "[rights]\n"
                            "type = authenticated\n"
                            "[storage]\n"
                            "filesystem_folder = %s\n"
                            "[web]\n"
                            "type = none\n"
                            "[logging]\n"
                            "level = warning\n"
                            "mask_passwords = True\n",
                            server->port, users_file, server->storage);
  return g_file_set_contents_full (config_file, config, -1,
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

static void
on_exited (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  gboolean *exited = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (object), result, NULL);
  *exited = TRUE;
}

/* Until the server answers HTTP, or the process has died (another took
 * the port, say). */
static gboolean
wait_until_listening (Radicale  *server,
                      GError   **error)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  gint64 deadline = g_get_monotonic_time () + START_TIMEOUT_SECONDS * G_USEC_PER_SEC;
  gboolean exited = FALSE;

  g_subprocess_wait_async (server->process, cancellable, on_exited, &exited);
  while (TRUE)
    {
      g_autoptr(GSocketConnection) connection = NULL;

      while (g_main_context_iteration (NULL, FALSE))
        ;
      if (exited)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       "radicale exited at start (status %d)",
                       g_subprocess_get_status (server->process));
          return FALSE;
        }
      connection = g_socket_client_connect_to_host (client, "127.0.0.1", server->port, NULL, NULL);
      if (connection != NULL)
        break;
      if (g_get_monotonic_time () > deadline)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                       "radicale did not listen on port %u within %d seconds",
                       server->port, START_TIMEOUT_SECONDS);
          return FALSE;
        }
      g_usleep (50 * 1000);
    }
  /* The wait's callback writes to this frame: it must have run. */
  g_cancellable_cancel (cancellable);
  while (!exited)
    g_main_context_iteration (NULL, TRUE);
  return TRUE;
}

static gboolean
try_start (Radicale            *server,
           const char * const  *users,
           GError             **error)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autofree char *config_file = g_build_filename (server->dir, "config", NULL);

  if ((server->port = free_port (error)) == 0 || !write_config (server, users, error))
    return FALSE;
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  /* Radicale reads no user or system configuration but ours. */
  g_subprocess_launcher_setenv (launcher, "RADICALE_CONFIG", config_file, TRUE);
  g_subprocess_launcher_setenv (launcher, "HOME", server->dir, TRUE);
  server->process = g_subprocess_launcher_spawn (launcher, error, RADICALE,
                                                 "--config", config_file, NULL);
  if (server->process == NULL)
    return FALSE;
  if (wait_until_listening (server, error))
    return TRUE;
  g_subprocess_force_exit (server->process);
  g_subprocess_wait (server->process, NULL, NULL);
  g_clear_object (&server->process);
  return FALSE;
}

/**
 * radicale_start:
 * @users: (nullable): "name:password" lines of the htpasswd file
 *
 * Starts Radicale and waits until it answers.
 *
 * Returns: the running server, or %NULL with @error set
 */
Radicale *
radicale_start (const char * const  *users,
                GError             **error)
{
  g_autoptr(Radicale) server = g_new0 (Radicale, 1);
  g_autoptr(GError) local_error = NULL;

  if (radicale_missing () != NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, radicale_missing ());
      return NULL;
    }
  if ((server->dir = g_dir_make_tmp ("rapport-radicale-XXXXXX", error)) == NULL)
    return NULL;
  server->storage = g_build_filename (server->dir, "collections", NULL);
  for (guint attempt = 0; attempt < START_ATTEMPTS; attempt++)
    {
      g_clear_error (&local_error);
      if (try_start (server, users, &local_error))
        {
          server->url = g_strdup_printf ("http://127.0.0.1:%u/", server->port);
          return g_steal_pointer (&server);
        }
    }
  g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

/**
 * radicale_get_url:
 *
 * Returns: the server's root, "http://127.0.0.1:PORT/"
 */
const char *
radicale_get_url (Radicale *server)
{
  return server->url;
}

guint16
radicale_get_port (Radicale *server)
{
  return server->port;
}

/**
 * radicale_get_storage:
 *
 * Returns: the folder Radicale keeps its collections in (a test may
 *   look at what the server really stored)
 */
const char *
radicale_get_storage (Radicale *server)
{
  return server->storage;
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

void
radicale_stop (Radicale *server)
{
  if (server == NULL)
    return;
  if (server->process != NULL)
    {
      g_subprocess_send_signal (server->process, SIGTERM);
      g_subprocess_wait (server->process, NULL, NULL);
      g_object_unref (server->process);
    }
  if (server->dir != NULL)
    remove_tree (server->dir);
  g_free (server->dir);
  g_free (server->storage);
  g_free (server->url);
  g_free (server);
}
