/* rapport-application-sync.c: the book's sync for as long as the app runs
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The application owns the one RapportSyncScheduler of its book: enabled
 * when the book has an account, so a sync starts with the app; the
 * window's header and Preferences → Sync show its state.  What a sync
 * brings in, the engine has already run the playbook over; the scheduler
 * tells the views, and the reminders, held while it ran, show it in one
 * notification (rapport-sync-reminders.c).
 */

#define G_LOG_DOMAIN "rapport-application-sync"

#include "config.h"

#include "rapport-application-private.h"
#include "rapport-preferences-window.h"
#include "rapport-sync-account.h"
#include "rapport-sync-engine.h"
#include "rapport-sync-error.h"
#include "rapport-sync-reminders.h"

static gboolean
engine_finish (GAsyncResult  *result,
               guint         *n_received,
               GError       **error)
{
  RapportSyncResult counts = { 0 };

  if (!rapport_sync_run_finish (result, &counts, error))
    return FALSE;
  *n_received = counts.received;
  return TRUE;
}

/* app.sync-preferences: the header's status opens the Sync page. */
static void
sync_preferences_action (GSimpleAction *action,
                         GVariant      *param,
                         gpointer       user_data)
{
  RapportApplication *self = RAPPORT_APPLICATION (user_data);
  RapportPreferencesWindow *preferences;

  _rapport_application_start_gtk (self);

  if (self->sync_scheduler == NULL)
    return;
  preferences = rapport_preferences_window_new (self->store, self->sync_scheduler);
  gtk_window_set_transient_for (GTK_WINDOW (preferences),
                                gtk_application_get_active_window (GTK_APPLICATION (self)));
  gtk_window_set_application (GTK_WINDOW (preferences), GTK_APPLICATION (self));
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), "sync");
  gtk_window_present (GTK_WINDOW (preferences));
}

static const GActionEntry sync_actions[] = {
  { "sync-preferences", sync_preferences_action },
};

/* A scheduler for the book as it is now, enabled when it has an account. */
void
_rapport_application_sync_start (RapportApplication *self)
{
  g_autoptr(RapportSyncAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  g_assert (RAPPORT_IS_APPLICATION (self));

  _rapport_application_sync_stop (self);
  if (self->store == NULL)
    return;

  self->sync_scheduler = rapport_sync_scheduler_new (self->store, NULL,
                                                     rapport_sync_run_async, engine_finish);
  if (self->nudger != NULL)
    rapport_sync_reminders_hold_while_syncing (self->sync_scheduler, self->nudger);

  account = rapport_sync_account_load (self->store, &error);
  if (error != NULL && !g_error_matches (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_NOT_SET_UP))
    g_warning ("Could not read the sync account: %s", error->message);
  if (account == NULL)
    return;
  rapport_sync_scheduler_set_last_sync (self->sync_scheduler, account->last_sync_at);
  rapport_sync_scheduler_set_enabled (self->sync_scheduler, TRUE);
}

/* The running sync is cancelled and the scheduler lets go of the book
 * (a restore needs every connection closed). */
void
_rapport_application_sync_stop (RapportApplication *self)
{
  g_assert (RAPPORT_IS_APPLICATION (self));

  if (self->sync_scheduler == NULL)
    return;
  rapport_sync_scheduler_set_enabled (self->sync_scheduler, FALSE);
  g_clear_object (&self->sync_scheduler);
}

void
_rapport_application_sync_init (RapportApplication *self)
{
  g_assert (RAPPORT_IS_APPLICATION (self));

  g_action_map_add_action_entries (G_ACTION_MAP (self), sync_actions,
                                   G_N_ELEMENTS (sync_actions), self);
  g_signal_connect (self, "shutdown", G_CALLBACK (_rapport_application_sync_stop), NULL);
  _rapport_application_sync_start (self);
}
