/* rapport-sync-merge.h: three-way merge of a card or a task, field by field
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rapport-sync-card.h"
#include "rapport-sync-task.h"

G_BEGIN_DECLS

/* Both sides changed one field, each its own way.  The values are the
 * field's text (rapport_sync_card_get_field (), rapport_sync_task_get_field ()),
 * so the user's choice goes back with the set_field functions. */
typedef struct
{
  char *field;
  char *local_value;
  char *remote_value;
} RapportSyncFieldConflict;

void             rapport_sync_field_conflict_free (RapportSyncFieldConflict *conflict);

RapportSyncCard *rapport_sync_merge_cards   (const RapportSyncCard  *base,
                                             const RapportSyncCard  *local,
                                             const RapportSyncCard  *remote,
                                             GPtrArray             **conflicts);
RapportSyncTask *rapport_sync_merge_tasks   (const RapportSyncTask  *base,
                                             const RapportSyncTask  *local,
                                             const RapportSyncTask  *remote,
                                             GPtrArray             **conflicts);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportSyncFieldConflict, rapport_sync_field_conflict_free)

G_END_DECLS
