/* rapport-referral-row.h
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rapport-referral.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_REFERRAL_ROW (rapport_referral_row_get_type ())

G_DECLARE_FINAL_TYPE (RapportReferralRow, rapport_referral_row, RAPPORT, REFERRAL_ROW, AdwActionRow)

GtkWidget       *rapport_referral_row_new          (RapportReferral    *referral,
                                                    gint64              now);
RapportReferral *rapport_referral_row_get_referral (RapportReferralRow *self);

G_END_DECLS
