/* rapport-referral-private.h: what the referral files share
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rapport-referral.h"

G_BEGIN_DECLS

/* A stage's place along the pipeline, in SQL; "lost" sorts last. */
#define RAPPORT_REFERRAL_STAGE_RANK(column)                                   \
  "(CASE " column " WHEN 'promised' THEN 0 WHEN 'introduction_requested' THEN 1" \
  " WHEN 'introduced' THEN 2 WHEN 'contacted' THEN 3 WHEN 'meeting' THEN 4"   \
  " WHEN 'won' THEN 5 ELSE 6 END)"

gint64   _rapport_referral_column_time  (RapportStmt  *stmt,
                                         int           column);
gboolean _rapport_referral_set_not_found (gint64       id,
                                          GError     **error);
/* What rapport_referral_create() learnt once its rows are committed. */
void     _rapport_referral_set_created  (RapportReferral *self,
                                         gint64           id,
                                         gint64           prospect_id,
                                         gint64           now);

G_END_DECLS
