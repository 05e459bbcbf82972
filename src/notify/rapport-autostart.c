/* rapport-autostart.c: start in the background when the user logs in
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Remind me when Rapport is closed" also means reminding after the next
 * login, so turning it on puts our autostart entry (Exec=rapport
 * --background) into the user's autostart folder and turning it off takes
 * it out.  The entry is installed with the app's data; a build tree names
 * its own copy in RAPPORT_AUTOSTART_FILE (build-aux/dev sets it).
 */

#define G_LOG_DOMAIN "rapport-autostart"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-autostart.h"

#define AUTOSTART_NAME APP_ID "-autostart.desktop"

/**
 * rapport_autostart_dup_path:
 *
 * Returns: where the autostart entry goes: ~/.config/autostart/…
 */
char *
rapport_autostart_dup_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "autostart", AUTOSTART_NAME, NULL);
}

static char *
dup_source_path (void)
{
  const char *env = g_getenv ("RAPPORT_AUTOSTART_FILE");

  if (env != NULL && env[0] != '\0')
    return g_strdup (env);
  return g_build_filename (RAPPORT_DATADIR, "rapport", AUTOSTART_NAME, NULL);
}

static gboolean
install (GFile   *target,
         GError **error)
{
  g_autofree char *source_path = dup_source_path ();
  g_autoptr(GFile) source = g_file_new_for_path (source_path);
  g_autoptr(GFile) folder = g_file_get_parent (target);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  if (!g_file_make_directory_with_parents (folder, NULL, &local_error))
    {
      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_clear_error (&local_error);
    }

  /* Written whole under a temporary name, then renamed: the session never
   * reads a half-written entry. */
  if (!g_file_get_contents (g_file_peek_path (source), &contents, &length, &local_error) ||
      !g_file_set_contents (g_file_peek_path (target), contents, length, &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code,
                   _("Cannot start Rapport at login: %s"), local_error->message);
      return FALSE;
    }
  return TRUE;
}

/**
 * rapport_autostart_set_enabled:
 *
 * Installs or removes the autostart entry.  Removing one that is not there
 * succeeds.
 */
gboolean
rapport_autostart_set_enabled (gboolean   enabled,
                               GError   **error)
{
  g_autofree char *path = rapport_autostart_dup_path ();
  g_autoptr(GFile) target = g_file_new_for_path (path);
  g_autoptr(GError) local_error = NULL;

  if (enabled)
    return install (target, error);

  if (!g_file_delete (target, NULL, &local_error) &&
      !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_set_error (error, local_error->domain, local_error->code,
                   _("Cannot stop Rapport starting at login: %s"), local_error->message);
      return FALSE;
    }
  return TRUE;
}
