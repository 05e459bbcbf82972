/* rapport-tag-cadence.h: keep-in-touch cadences that come with a tag
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rapport-store.h"

G_BEGIN_DECLS

typedef struct
{
  char *tag;
  int   ideal_days;   /* keep in touch after this many days without contact */
  int   latest_days;  /* overdue after this many */
} RapportTagCadence;

void       rapport_tag_cadence_free   (RapportTagCadence *cadence);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportTagCadence, rapport_tag_cadence_free)

GPtrArray *rapport_tag_cadence_list   (RapportStore  *store,
                                       GError       **error);
gboolean   rapport_tag_cadence_set    (RapportStore  *store,
                                       const char    *tag,
                                       int            ideal_days,
                                       int            latest_days,
                                       GError       **error);
gboolean   rapport_tag_cadence_remove (RapportStore  *store,
                                       const char    *tag,
                                       GError       **error);

G_END_DECLS
