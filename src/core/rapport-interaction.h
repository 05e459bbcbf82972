/* rapport-interaction.h: one logged contact with a customer
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rapport-store.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_INTERACTION (rapport_interaction_get_type ())

G_DECLARE_FINAL_TYPE (RapportInteraction, rapport_interaction, RAPPORT, INTERACTION, GObject)

#define RAPPORT_INTERACTION_TIMELINE_LIMIT 500

RapportInteraction *rapport_interaction_new                (gint64              customer_id,
                                                            const char         *kind,
                                                            gint64              happened_at,
                                                            const char         *summary);
gboolean            rapport_interaction_save               (RapportInteraction *self,
                                                            RapportStore       *store,
                                                            GError            **error);
GListModel         *rapport_interaction_list_for_customer  (RapportStore       *store,
                                                            gint64              customer_id,
                                                            GError            **error);
gint64              rapport_interaction_get_id             (RapportInteraction *self);
gint64              rapport_interaction_get_customer_id    (RapportInteraction *self);
const char         *rapport_interaction_get_kind           (RapportInteraction *self);
gint64              rapport_interaction_get_happened_at    (RapportInteraction *self);
const char         *rapport_interaction_get_summary        (RapportInteraction *self);
const char         *rapport_interaction_get_logged_by      (RapportInteraction *self);
const char         *rapport_interaction_kind_label         (const char         *kind);
const char         *rapport_interaction_kind_icon          (const char         *kind);

G_END_DECLS
