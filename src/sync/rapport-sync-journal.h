/* rapport-sync-journal.h: a logged contact as one VJOURNAL of a CalDAV task list
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rapport-playbook-settings.h"
#include "rapport-store.h"
#include "rapport-sync-ical.h"

G_BEGIN_DECLS

typedef struct
{
  char   *uid;
  char   *customer_uid;   /* NULL: the VJOURNAL is not Rapport's (no customer named) */
  char   *customer_name;
  char   *kind;           /* an interaction kind: "call", "email" … */
  gint64  happened_at;    /* Unix seconds */
  char   *summary;
  char   *logged_by;      /* who logged it; NULL: the user of this book */
} RapportSyncJournal;

RapportSyncJournal *rapport_sync_journal_new       (void);
RapportSyncJournal *rapport_sync_journal_copy      (const RapportSyncJournal  *journal);
void                rapport_sync_journal_free      (RapportSyncJournal        *journal);
gboolean            rapport_sync_journal_equal     (const RapportSyncJournal  *a,
                                                    const RapportSyncJournal  *b);

char               *rapport_sync_journal_to_ical   (const RapportSyncJournal  *journal,
                                                    const char                *author,
                                                    const char                *previous);
RapportSyncJournal *rapport_sync_journal_from_ical (const char                *display_name,
                                                    const char                *data,
                                                    gsize                      length,
                                                    GError                   **error);

RapportSyncJournal *rapport_sync_journal_read      (RapportStore              *store,
                                                    gint64                     interaction_id,
                                                    GError                   **error);
gboolean            rapport_sync_journal_find      (RapportStore              *store,
                                                    const char                *uid,
                                                    gint64                    *interaction_id,
                                                    GError                   **error);
gboolean            rapport_sync_journal_apply     (RapportStore                   *store,
                                                    const RapportSyncJournal       *journal,
                                                    const char                     *author,
                                                    const RapportPlaybookSettings  *settings,
                                                    gint64                          now,
                                                    gint64                         *interaction_id,
                                                    RapportSyncApply               *outcome,
                                                    GError                        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportSyncJournal, rapport_sync_journal_free)

G_END_DECLS
