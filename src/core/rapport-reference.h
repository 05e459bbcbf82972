/* rapport-reference.h: customers who vouch for the work, and how often they are asked
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rapport-playbook-settings.h"
#include "rapport-store.h"

G_BEGIN_DECLS

/* A reference given more than twice in this many days is worn out. */
#define RAPPORT_REFERENCE_WINDOW_DAYS 30
#define RAPPORT_REFERENCE_MAX_USES 2

#define RAPPORT_TYPE_REFERENCE (rapport_reference_get_type ())

G_DECLARE_FINAL_TYPE (RapportReference, rapport_reference, RAPPORT, REFERENCE, GObject)

GListModel *rapport_reference_list             (RapportStore                   *store,
                                                gint64                          now,
                                                GError                        **error);
gboolean    rapport_reference_set_kind         (RapportStore                   *store,
                                                gint64                          customer_id,
                                                const char                     *kind,
                                                const RapportPlaybookSettings  *settings,
                                                gint64                          now,
                                                GError                        **error);
gint64      rapport_reference_record_use       (RapportStore                   *store,
                                                gint64                          customer_id,
                                                const char                     *given_to,
                                                gint64                          prospect_id,
                                                const char                     *used_on,
                                                const char                     *notes,
                                                const RapportPlaybookSettings  *settings,
                                                gint64                          now,
                                                GError                        **error);
int         rapport_reference_uses_in_window   (RapportStore                   *store,
                                                gint64                          customer_id,
                                                gint64                          now,
                                                int                             days,
                                                GError                        **error);
char       *rapport_reference_overuse_warning  (const char                     *name,
                                                int                             uses_in_window);

gint64      rapport_reference_get_customer_id  (RapportReference               *self);
const char *rapport_reference_get_name         (RapportReference               *self);
const char *rapport_reference_get_company      (RapportReference               *self);
const char *rapport_reference_get_kind         (RapportReference               *self);
int         rapport_reference_get_recent_uses  (RapportReference               *self);
const char *rapport_reference_get_last_used_on (RapportReference               *self);
const char *rapport_reference_get_last_given_to (RapportReference              *self);
char       *rapport_reference_get_warning      (RapportReference               *self);

G_END_DECLS
