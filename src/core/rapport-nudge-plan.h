/* rapport-nudge-plan.h: which reminder to show now, and when to look again (pure)
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rapport-agenda.h"
#include "rapport-playbook-settings.h"

G_BEGIN_DECLS

/* An item shown later than this after it could first have been shown was
 * missed (the machine slept, or the app was not running). */
#define RAPPORT_NUDGE_STALE_AFTER ((gint64) 60)

/* A digest or summary names at most this many items, the last line
 * saying "and N more" when there are more. */
#define RAPPORT_NUDGE_MAX_LISTED 5

typedef enum
{
  RAPPORT_NUDGE_NONE,
  RAPPORT_NUDGE_SINGLE,   /* one item: Done, Snooze, Open its customer */
  RAPPORT_NUDGE_DIGEST,   /* several due together, in one notification */
  RAPPORT_NUDGE_SUMMARY,  /* several missed ones, folded into one */
} RapportNudgeKind;

/* The nicks and values of the SnoozeMode enum in the GSettings schema. */
typedef enum
{
  RAPPORT_SNOOZE_HOUR = 0,
  RAPPORT_SNOOZE_TOMORROW = 1,
} RapportSnoozeMode;

typedef struct
{
  RapportNudgeKind  kind;
  GPtrArray        *items;    /* (element-type RapportDueItem): to show now */
  guint             n_items;  /* how many to show: more than @items holds when
                               * only the first few of a backlog were read */
  gint64            wake_at;  /* when to plan again; 0: nothing is waiting */
  gboolean          held;     /* items wait for the end of quiet hours */

  /*< private >*/
  GPtrArray        *due;      /* keeps @items alive */
} RapportNudgePlan;

GHashTable       *rapport_nudge_shown_new        (void);
gboolean          rapport_nudge_was_shown        (GHashTable                    *shown,
                                                  const RapportDueItem          *item);
void              rapport_nudge_mark_shown       (GHashTable                    *shown,
                                                  const RapportDueItem          *item);
char             *rapport_nudge_item_key         (const RapportDueItem          *item);

RapportNudgePlan *rapport_nudge_plan_new         (GPtrArray                     *due,
                                                  guint                          n_unread,
                                                  gint64                         next_due_at,
                                                  GHashTable                    *shown,
                                                  const RapportPlaybookSettings *settings,
                                                  gint64                         now,
                                                  gint64                         started_at);
void              rapport_nudge_plan_free        (RapportNudgePlan              *plan);
char             *rapport_nudge_plan_dup_title   (const RapportNudgePlan        *plan);
char             *rapport_nudge_plan_dup_body    (const RapportNudgePlan        *plan);

gint64            rapport_nudge_snooze_until     (RapportSnoozeMode              mode,
                                                  gint64                         now);

void              rapport_nudge_plan_trace_first (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportNudgePlan, rapport_nudge_plan_free)

G_END_DECLS
