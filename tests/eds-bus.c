/* eds-bus.c: a session bus of a test's own, with evolution-data-server on it
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A dbus-daemon whose only services are evolution-data-server's (copied
 * from the system's service files), so the source registry and the address
 * book factory start on demand as on a desktop, with their configuration,
 * data and cache in a folder of the bus's own (GTest's isolated folders
 * are /dev/null outside a test case, and change with each).  The bus address is known
 * before the daemon starts: the services it starts take it from the
 * environment.  Everything dies with the daemon.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sys/prctl.h>

#include "eds-bus.h"

#define SERVICES_DIR "/usr/share/dbus-1/services"

static const char *eds_services[] = {
  "org.gnome.evolution.dataserver.Sources5.service",
  "org.gnome.evolution.dataserver.AddressBook10.service",
};

/* What the services started on the bus use. */
static const struct
{
  const char *variable;
  const char *name;
} user_dirs[] = {
  { "HOME", "home" },
  { "XDG_CONFIG_HOME", "config" },
  { "XDG_DATA_HOME", "data" },
  { "XDG_CACHE_HOME", "cache" },
  { "XDG_STATE_HOME", "state" },
  { "XDG_RUNTIME_DIR", "runtime" },
};

struct _EdsBus
{
  GSubprocess *daemon;
  char        *dir;
  char        *address;
};

static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

/**
 * eds_bus_missing:
 *
 * Returns: why evolution-data-server cannot run here, or %NULL if it can
 */
const char *
eds_bus_missing (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (eds_services); i++)
    {
      g_autofree char *path = g_build_filename (SERVICES_DIR, eds_services[i], NULL);

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        return "evolution-data-server is not installed (build-aux/dev installs it)";
    }
  if (g_find_program_in_path ("dbus-daemon") == NULL)
    return "dbus-daemon is not installed";
  return NULL;
}

static gboolean
copy_services (const char  *to,
               GError     **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (eds_services); i++)
    {
      g_autofree char *from = g_build_filename (SERVICES_DIR, eds_services[i], NULL);
      g_autofree char *copy = g_build_filename (to, eds_services[i], NULL);
      g_autofree char *contents = NULL;

      if (!g_file_get_contents (from, &contents, NULL, error) ||
          !g_file_set_contents (copy, contents, -1, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * eds_bus_start:
 * @with_eds: whether evolution-data-server's services are on the bus
 *
 * Starts the bus and makes it this process's session bus (and that of
 * whatever it starts): call before anything connects to the session bus.
 */
EdsBus *
eds_bus_start (gboolean   with_eds,
               GError   **error)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autofree char *services = NULL;
  g_autofree char *socket = NULL;
  g_autofree char *config = NULL;
  g_autofree char *config_arg = NULL;
  g_autofree char *contents = NULL;
  EdsBus *bus = g_new0 (EdsBus, 1);

  if ((bus->dir = g_dir_make_tmp ("rapport-eds-XXXXXX", error)) == NULL)
    goto failed;
  services = g_build_filename (bus->dir, "services", NULL);
  socket = g_build_filename (bus->dir, "bus", NULL);
  config = g_build_filename (bus->dir, "bus.conf", NULL);
  g_mkdir (services, 0700);
  if (with_eds && !copy_services (services, error))
    goto failed;

  contents = g_markup_printf_escaped ("<busconfig>"
                                      "  <type>session</type>"
                                      "  <listen>unix:path=%s</listen>"
                                      "  <servicedir>%s</servicedir>"
                                      "  <auth>EXTERNAL</auth>"
                                      "  <policy context='default'>"
                                      "    <allow send_destination='*' eavesdrop='true'/>"
                                      "    <allow eavesdrop='true'/>"
                                      "    <allow own='*'/>"
                                      "  </policy>"
                                      "</busconfig>",
                                      socket, services);
  if (!g_file_set_contents (config, contents, -1, error))
    goto failed;

  bus->address = g_strconcat ("unix:path=", socket, NULL);
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", bus->address, TRUE);
  config_arg = g_strconcat ("--config-file=", config, NULL);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (user_dirs); i++)
    {
      g_autofree char *dir = g_build_filename (bus->dir, user_dirs[i].name, NULL);

      g_mkdir (dir, 0700);
      g_subprocess_launcher_setenv (launcher, user_dirs[i].variable, dir, TRUE);
    }
  bus->daemon = g_subprocess_launcher_spawn (launcher, error, "dbus-daemon", config_arg,
                                             "--nofork", "--print-address=1", NULL);
  if (bus->daemon == NULL)
    goto failed;
  {
    /* Listening once it prints its address. */
    g_autoptr(GDataInputStream) out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (bus->daemon));
    g_autofree char *line = g_data_input_stream_read_line (out, NULL, NULL, error);

    if (line == NULL)
      goto failed;
  }
  return bus;

failed:
  if (error != NULL && *error == NULL)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "dbus-daemon gave no address");
  eds_bus_stop (bus);
  return NULL;
}

const char *
eds_bus_get_address (EdsBus *bus)
{
  return bus->address;
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
eds_bus_stop (EdsBus *bus)
{
  if (bus == NULL)
    return;
  if (bus->daemon != NULL)
    {
      g_subprocess_send_signal (bus->daemon, SIGTERM);
      g_subprocess_wait (bus->daemon, NULL, NULL);
      g_object_unref (bus->daemon);
    }
  /* The services leave with the bus, and may write a last file meanwhile. */
  for (guint tries = 0; bus->dir != NULL && tries < 50; tries++)
    {
      remove_tree (bus->dir);
      if (!g_file_test (bus->dir, G_FILE_TEST_EXISTS))
        break;
      g_usleep (100 * 1000);
    }
  g_free (bus->dir);
  g_free (bus->address);
  g_free (bus);
}

/* The "Personal" book every evolution-data-server has, opened through
 * libebook as GNOME Contacts would. */
EBookClient *
eds_bus_open_personal (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ESourceRegistry) registry = e_source_registry_new_sync (NULL, &error);
  g_autoptr(ESource) source = NULL;
  EClient *client;

  g_assert_no_error (error);
  source = e_source_registry_ref_builtin_address_book (registry);
  g_assert_nonnull (source);
  client = e_book_client_connect_sync (source, (guint32) -1, NULL, &error);
  g_assert_no_error (error);
  return E_BOOK_CLIENT (client);
}

void
eds_bus_add_cards (EBookClient        *client,
                   const char * const *cards)
{
  g_autoptr(GError) error = NULL;
  GSList *contacts = NULL;

  for (guint i = 0; cards[i] != NULL; i++)
    contacts = g_slist_append (contacts, e_contact_new_from_vcard (cards[i]));
  e_book_client_add_contacts_sync (client, contacts, E_BOOK_OPERATION_FLAG_NONE, NULL, NULL, &error);
  g_slist_free_full (contacts, g_object_unref);
  g_assert_no_error (error);
}

/* A book whose backend does not exist, as a removed plug-in leaves one:
 * it is listed, and cannot be opened. */
void
eds_bus_add_broken_book (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ESourceRegistry) registry = e_source_registry_new_sync (NULL, &error);
  g_autoptr(ESource) source = NULL;
  g_autofree char *uid = g_strdup_printf ("rapport-test-%s", name);
  ESourceAddressBook *extension;

  g_assert_no_error (error);
  g_strcanon (uid, "abcdefghijklmnopqrstuvwxyz-", '-');
  source = e_source_new_with_uid (uid, NULL, &error);
  g_assert_no_error (error);
  e_source_set_display_name (source, name);
  e_source_set_parent (source, "local-stub");
  extension = e_source_get_extension (source, E_SOURCE_EXTENSION_ADDRESS_BOOK);
  e_source_backend_set_backend_name (E_SOURCE_BACKEND (extension), "no-such-backend");
  e_source_registry_commit_source_sync (registry, source, NULL, &error);
  g_assert_no_error (error);
}
