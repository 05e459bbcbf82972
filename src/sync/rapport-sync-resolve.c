/* rapport-sync-resolve.c: the user's choice between the two values of a conflict
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * When both sides changed one field differently, the engine keeps the
 * local value in the book (and sends the merged item up) and records the
 * server's in sync_conflict.  The user then chooses once: keeping theirs
 * only closes the conflict; keeping the server's writes that value into
 * the book, and the queueing triggers send it up at the next sync, so
 * every laptop ends with the value chosen.  Choice and closing are one
 * transaction: a choice is never half made.
 */

#define G_LOG_DOMAIN "rapport-sync-resolve"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-follow-ups.h"
#include "rapport-sync-card.h"
#include "rapport-sync-resolve.h"
#include "rapport-sync-state.h"
#include "rapport-sync-task.h"

static gboolean
take_remote_customer (RapportStore                   *store,
                      const RapportSyncConflict      *conflict,
                      const RapportPlaybookSettings  *settings,
                      gint64                          now,
                      GError                        **error)
{
  g_autoptr(RapportSyncCard) card = rapport_sync_card_read (store, conflict->local_id, error);

  if (card == NULL ||
      !rapport_sync_card_set_field (card, conflict->field, conflict->remote_value ? conflict->remote_value : "",
                                    error) ||
      rapport_sync_card_write (store, card, conflict->local_id, error) == 0)
    return FALSE;
  /* A status or satisfaction chosen moves the customer's check-ins. */
  return rapport_follow_ups_sync_customer (store, conflict->local_id, settings, now, error);
}

static gboolean
take_remote_task (RapportStore                   *store,
                  const RapportSyncConflict      *conflict,
                  const RapportPlaybookSettings  *settings,
                  gint64                          now,
                  GError                        **error)
{
  g_autoptr(RapportSyncTask) task = rapport_sync_task_read (store, conflict->local_id, error);

  return task != NULL &&
         rapport_sync_task_set_field (task, conflict->field, conflict->remote_value ? conflict->remote_value : "",
                                      error) &&
         rapport_sync_task_apply (store, task, settings, now, NULL, NULL, error);
}

/**
 * rapport_sync_resolve_conflict:
 * @conflict_id: an open conflict (rapport_sync_state_conflicts ())
 * @keep_local: the value in this book wins; else the server's
 * @settings: the playbook's, for the check-ins a chosen value moves
 *
 * Closes the conflict with the user's choice.  A conflict already closed
 * (in another window) is %RAPPORT_STORE_ERROR_NOT_FOUND.
 */
gboolean
rapport_sync_resolve_conflict (RapportStore                   *store,
                               gint64                          conflict_id,
                               gboolean                        keep_local,
                               const RapportPlaybookSettings  *settings,
                               gint64                          now,
                               GError                        **error)
{
  g_autoptr(RapportSyncConflict) conflict = NULL;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), FALSE);
  g_return_val_if_fail (settings != NULL, FALSE);

  if (!rapport_store_begin (store, error))
    return FALSE;

  conflict = rapport_sync_state_get_conflict (store, conflict_id, error);
  if (conflict == NULL)
    goto failed;

  if (!keep_local)
    {
      if (g_strcmp0 (conflict->kind, "customer") == 0)
        {
          if (!take_remote_customer (store, conflict, settings, now, error))
            goto failed;
        }
      else if (g_strcmp0 (conflict->kind, "follow_up") == 0)
        {
          if (!take_remote_task (store, conflict, settings, now, error))
            goto failed;
        }
      else
        {
          /* A logged contact is one person's note: never merged, never
           * in conflict. */
          g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID,
                       _("A conflict over a %s cannot be resolved"), conflict->kind);
          goto failed;
        }
    }

  if (!rapport_sync_state_mark_resolved (store, conflict_id, now, error))
    goto failed;
  return rapport_store_commit (store, error);

failed:
  rapport_store_rollback (store);
  return FALSE;
}
