/* rapport-sync-secret.c: the sync password in the desktop's keyring
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Through libsecret, so the password lands in whatever Secret Service the
 * desktop runs (GNOME Keyring, KeePassXC…), encrypted and unlocked with
 * the login.  Rapport never writes it anywhere else: not the book, not a
 * file, not a log.  Blocking calls, for the sync's worker thread or the
 * command line.
 */

#define G_LOG_DOMAIN "rapport-sync-secret"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-sync-error.h"
#include "rapport-sync-secret.h"

/**
 * rapport_sync_secret_get_schema:
 *
 * Returns: the schema of Rapport's sync passwords: attributes "server"
 *   (the address the user gave) and "user"
 */
const SecretSchema *
rapport_sync_secret_get_schema (void)
{
  static const SecretSchema schema = {
    RAPPORT_SYNC_SECRET_SCHEMA_NAME, SECRET_SCHEMA_NONE,
    {
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

/* Whatever libsecret says, in words: with no Secret Service on the
 * session bus (or no session bus), there is nowhere to keep a password. */
static void
set_keyring_error (GError  *cause,
                   GError **error)
{
  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, g_error_copy (cause));
  else if (g_error_matches (cause, SECRET_ERROR, SECRET_ERROR_IS_LOCKED))
    g_set_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_NO_KEYRING,
                 _("The keyring is locked and was not unlocked; the sync password can't be kept or read"));
  else
    g_set_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_NO_KEYRING,
                 _("No keyring to keep the sync password in (is GNOME Keyring or another Secret Service running?): %s"),
                 cause->message);
}

/**
 * rapport_sync_secret_store:
 *
 * Keeps @password for @user at @server in the default keyring, replacing
 * the one kept before.
 */
gboolean
rapport_sync_secret_store (const char    *server,
                           const char    *user,
                           const char    *password,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (server != NULL, FALSE);
  g_return_val_if_fail (user != NULL, FALSE);
  g_return_val_if_fail (password != NULL, FALSE);

  /* TRANSLATORS: the password's name in the keyring (Seahorse shows it) */
  label = g_strdup_printf (_("Rapport sync: %s at %s"), user, server);
  if (!secret_password_store_sync (rapport_sync_secret_get_schema (), SECRET_COLLECTION_DEFAULT,
                                   label, password, cancellable, &local_error,
                                   "server", server, "user", user, NULL))
    {
      set_keyring_error (local_error, error);
      return FALSE;
    }
  return TRUE;
}

/**
 * rapport_sync_secret_lookup:
 *
 * Returns: (transfer full) (nullable): the password, to free with
 *   rapport_sync_secret_free(); %NULL without an error when none is kept
 */
char *
rapport_sync_secret_lookup (const char    *server,
                            const char    *user,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  char *password;

  g_return_val_if_fail (server != NULL, NULL);
  g_return_val_if_fail (user != NULL, NULL);

  password = secret_password_lookup_sync (rapport_sync_secret_get_schema (), cancellable, &local_error,
                                          "server", server, "user", user, NULL);
  if (local_error != NULL)
    set_keyring_error (local_error, error);
  return password;
}

/**
 * rapport_sync_secret_clear:
 *
 * Removes the password of @user at @server; none kept is no error.
 */
gboolean
rapport_sync_secret_clear (const char    *server,
                           const char    *user,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (server != NULL, FALSE);
  g_return_val_if_fail (user != NULL, FALSE);

  secret_password_clear_sync (rapport_sync_secret_get_schema (), cancellable, &local_error,
                              "server", server, "user", user, NULL);
  if (local_error != NULL)
    {
      set_keyring_error (local_error, error);
      return FALSE;
    }
  return TRUE;
}

/**
 * rapport_sync_secret_free:
 *
 * Frees a password from rapport_sync_secret_lookup(), wiping its memory.
 */
void
rapport_sync_secret_free (char *password)
{
  secret_password_free (password);
}
