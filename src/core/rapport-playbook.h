/* rapport-playbook.h: the follow-ups each customer should have (pure)
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rapport-history.h"
#include "rapport-playbook-settings.h"

G_BEGIN_DECLS

/* Why never-pester moved an item later than its rule wanted. */
typedef enum
{
  RAPPORT_POSTPONED_NOT,
  RAPPORT_POSTPONED_RECENT_CONTACT,   /* within the minimum gap of the last contact */
  RAPPORT_POSTPONED_TOO_MANY,         /* the 30-day window was full */
  RAPPORT_POSTPONED_MERGED,           /* joined a check-in a little later */
} RapportPostponed;

/* One follow-up the playbook wants.  rule_key names the rule and the facts
 * that produced it ("sale:12:delivery:2"), so the same item keeps the same
 * key from one derivation to the next. */
typedef struct
{
  char            *rule_key;
  const char      *kind;         /* as stored: "delivery_check_in" … */
  gint64           wanted_at;    /* when the rule alone would have it due */
  gint64           due_at;       /* after never-pester */
  gint64           overdue_at;   /* 0: the end of due_at's local day */
  char            *reason;       /* translated, shown to the user */
  gint64           sale_id;      /* 0: none */
  gint64           referral_id;  /* 0: none */
  RapportPostponed postponed;
} RapportPlaybookItem;

RapportPlaybookItem *rapport_playbook_item_new  (const char          *rule_key,
                                                 const char          *kind,
                                                 gint64               wanted_at,
                                                 gint64               overdue_at,
                                                 char                *reason);
void                 rapport_playbook_item_free (RapportPlaybookItem *item);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportPlaybookItem, rapport_playbook_item_free)

GPtrArray *rapport_playbook_derive      (const RapportHistory          *history,
                                         const RapportPlaybookSettings *settings,
                                         gint64                         now);

/* The customer's keep-in-touch intervals: their own, else the shortest of
 * their tags', else the setting (latest: ideal × 1.5). */
void       rapport_playbook_cadence     (const RapportHistory          *history,
                                         const RapportPlaybookSettings *settings,
                                         int                           *ideal_days,
                                         int                           *latest_days);

/* Calendar days in the local time zone, so "3 days later" survives DST. */
int        rapport_playbook_local_day   (gint64                         unix_time);
gint64     rapport_playbook_day_at      (int                            day,
                                         int                            hour);
gint64     rapport_playbook_add_days    (gint64                         unix_time,
                                         int                            days);
char      *rapport_playbook_format_days_ago (int                        days);

G_END_DECLS
