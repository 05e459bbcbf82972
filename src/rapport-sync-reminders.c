/* rapport-sync-reminders.c: reminders wait for a sync to end
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A sync writes what it pulls in a transaction per batch of 100 objects,
 * and the reminders plan again after every commit.  A first pull from a
 * server with 604 overdue check-ins on it (tried by hand, Radicale) put
 * 35 summaries on screen at once, one a batch.  So the reminders are held
 * while a sync runs, as during the daily playbook run, and show what it
 * brought in one notification when it ends (or every half minute, should
 * it last longer: see rapport_nudger_hold ()).
 */

#define G_LOG_DOMAIN "rapport-sync-reminders"

#include "config.h"

#include "rapport-sync-reminders.h"

typedef struct
{
  GWeakRef nudger;    /* not a reference: a restore closes it first */
  gboolean holding;
} Hold;

static void
hold_set (Hold     *hold,
          gboolean  holding)
{
  g_autoptr(RapportNudger) nudger = g_weak_ref_get (&hold->nudger);

  if (hold->holding == holding)
    return;
  hold->holding = holding;
  if (nudger == NULL)
    return;
  if (holding)
    rapport_nudger_hold (nudger);
  else
    rapport_nudger_release (nudger);
}

static void
hold_free (gpointer  data,
           GClosure *closure)
{
  Hold *hold = data;

  hold_set (hold, FALSE);
  g_weak_ref_clear (&hold->nudger);
  g_free (hold);
}

static void
on_state_changed (RapportSyncScheduler *scheduler,
                  GParamSpec           *pspec,
                  Hold                 *hold)
{
  hold_set (hold, rapport_sync_scheduler_get_state (scheduler) == RAPPORT_SYNC_STATE_SYNCING);
}

/**
 * rapport_sync_reminders_hold_while_syncing:
 * @scheduler: the book's sync
 * @nudger: the book's reminders
 *
 * Holds @nudger (rapport_nudger_hold ()) from the start of each sync of
 * @scheduler to its end, whether it went through, failed or was
 * cancelled, for as long as both live.
 */
void
rapport_sync_reminders_hold_while_syncing (RapportSyncScheduler *scheduler,
                                           RapportNudger        *nudger)
{
  Hold *hold;

  g_return_if_fail (RAPPORT_IS_SYNC_SCHEDULER (scheduler));
  g_return_if_fail (RAPPORT_IS_NUDGER (nudger));

  hold = g_new0 (Hold, 1);
  g_weak_ref_init (&hold->nudger, nudger);
  g_signal_connect_data (scheduler, "notify::state", G_CALLBACK (on_state_changed), hold,
                         hold_free, 0);
  on_state_changed (scheduler, NULL, hold);
}
