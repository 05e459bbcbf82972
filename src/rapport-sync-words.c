/* rapport-sync-words.c: what the header and Preferences say of the sync
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One place for the sentences, so the header's status and the Sync
 * page never word the same state two ways.  Errors are said by their
 * code, in words a salesperson understands; the engine's own message
 * (with the server's details) is only the fallback.
 */

#define G_LOG_DOMAIN "rapport-sync-words"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-sync-error.h"
#include "rapport-sync-words.h"
#include "rapport-time.h"

/**
 * rapport_sync_describe_error:
 *
 * Returns: why a sync did not go through, to follow "Sync failed: "
 */
char *
rapport_sync_describe_error (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain == RAPPORT_SYNC_ERROR)
    switch ((RapportSyncError) error->code)
      {
      case RAPPORT_SYNC_ERROR_AUTH:
        return g_strdup (_("wrong user name or password"));
      case RAPPORT_SYNC_ERROR_UNREACHABLE:
        return g_strdup (_("the server cannot be reached"));
      case RAPPORT_SYNC_ERROR_NO_KEYRING:
        return g_strdup (_("no keyring to keep the password in"));
      case RAPPORT_SYNC_ERROR_SERVER:
        return g_strdup (_("the server ran into a problem"));
      case RAPPORT_SYNC_ERROR_PROTOCOL:
        return g_strdup (_("the server’s answer could not be understood"));
      case RAPPORT_SYNC_ERROR_TOO_LARGE:
        return g_strdup (_("the server sent more than Rapport accepts"));
      case RAPPORT_SYNC_ERROR_INSECURE:
        return g_strdup (_("the connection is not secure"));
      case RAPPORT_SYNC_ERROR_NOT_SET_UP:
        return g_strdup (_("no account is set up"));
      case RAPPORT_SYNC_ERROR_GONE:
        return g_strdup (_("the address book or task list was deleted on the server"));
      default:
        break;
      }
  if (g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE))
    return g_strdup (_("the server’s certificate is not trusted"));
  return g_strdup (error->message);
}

/**
 * rapport_sync_describe_last_sync:
 * @last_sync: Unix seconds; 0: never
 *
 * Returns: when the book last synced ("2 minutes ago", "Never")
 */
char *
rapport_sync_describe_last_sync (gint64 last_sync,
                                 gint64 now)
{
  g_autoptr(GDateTime) then = NULL;
  g_autoptr(GDateTime) today = NULL;
  g_autofree char *clock = NULL;
  gint64 minutes;

  if (last_sync <= 0)
    return g_strdup (_("Never"));

  minutes = MAX (now - last_sync, 0) / 60;
  if (minutes < 1)
    return g_strdup (_("Just now"));
  if (minutes < 60)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute ago", "%d minutes ago", minutes),
                            (int) minutes);

  then = g_date_time_new_from_unix_local (last_sync);
  today = g_date_time_new_from_unix_local (now);
  clock = rapport_time_format_clock (then);
  if (g_date_time_get_year (then) == g_date_time_get_year (today) &&
      g_date_time_get_day_of_year (then) == g_date_time_get_day_of_year (today))
    /* Translators: %s is a time of day ("14:32") */
    return g_strdup_printf (_("Today at %s"), clock);
  return rapport_time_describe_ago (last_sync, now);
}

/**
 * rapport_sync_describe_status:
 *
 * Returns: one sentence for the header's tooltip and the Status row
 * ("Synced 2 minutes ago", "Sync failed: wrong user name or password")
 */
char *
rapport_sync_describe_status (RapportSyncScheduler *scheduler,
                              gint64                now)
{
  const GError *error = rapport_sync_scheduler_get_error (scheduler);
  gint64 last_sync = rapport_sync_scheduler_get_last_sync (scheduler);
  g_autoptr(GDateTime) then = NULL;
  g_autoptr(GDateTime) today = NULL;
  g_autofree char *words = NULL;
  g_autofree char *when = NULL;
  gint64 minutes;

  switch (rapport_sync_scheduler_get_state (scheduler))
    {
    case RAPPORT_SYNC_STATE_DISABLED:
      return g_strdup (_("Sync is not set up"));
    case RAPPORT_SYNC_STATE_SYNCING:
      return g_strdup (_("Syncing…"));
    case RAPPORT_SYNC_STATE_OFFLINE:
      return g_strdup (_("Offline — changes will be sent later"));
    case RAPPORT_SYNC_STATE_FAILED:
      words = error != NULL ? rapport_sync_describe_error (error) : g_strdup (_("unknown error"));
      /* Translators: %s says why, e.g. "wrong user name or password" */
      return g_strdup_printf (_("Sync failed: %s"), words);
    case RAPPORT_SYNC_STATE_IDLE:
    default:
      break;
    }

  if (last_sync <= 0)
    return g_strdup (_("Not synced yet"));
  minutes = MAX (now - last_sync, 0) / 60;
  if (minutes < 1)
    return g_strdup (_("Synced just now"));
  if (minutes < 60)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Synced %d minute ago", "Synced %d minutes ago", minutes),
                            (int) minutes);

  then = g_date_time_new_from_unix_local (last_sync);
  today = g_date_time_new_from_unix_local (now);
  if (g_date_time_get_year (then) == g_date_time_get_year (today) &&
      g_date_time_get_day_of_year (then) == g_date_time_get_day_of_year (today))
    {
      g_autofree char *clock = rapport_time_format_clock (then);

      /* Translators: %s is a time of day ("14:32") */
      return g_strdup_printf (_("Synced today at %s"), clock);
    }
  when = rapport_time_describe_ago (last_sync, now);
  /* Translators: %s is "yesterday", "3 days ago", "2 weeks ago" */
  return g_strdup_printf (_("Synced %s"), when);
}
