/* rapport-pester.h: never pester — spacing a customer's follow-ups (pure)
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rapport-playbook.h"

G_BEGIN_DECLS

#define RAPPORT_PESTER_WINDOW_DAYS 30

/* The fixed points one customer's schedule must respect. */
typedef struct
{
  int           min_gap_days;
  int           max_contacts;    /* in any RAPPORT_PESTER_WINDOW_DAYS */
  gint64        last_contact;    /* 0: never contacted */
  const GArray *contacts;        /* gint64: logged contacts (may be NULL) */
  const GArray *user_scheduled;  /* gint64: open items the playbook does not own (may be NULL) */
  gint64        now;             /* for the wording of postponements */
} RapportPester;

void  rapport_pester_apply   (const RapportPester       *pester,
                              GPtrArray                 *items);
char *rapport_pester_explain (const RapportPester       *pester,
                              const RapportPlaybookItem *item);

G_END_DECLS
