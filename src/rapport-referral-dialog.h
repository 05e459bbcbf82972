/* rapport-referral-dialog.h
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rapport-customer.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_REFERRAL_DIALOG (rapport_referral_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RapportReferralDialog, rapport_referral_dialog, RAPPORT, REFERRAL_DIALOG, AdwMessageDialog)

RapportReferralDialog *rapport_referral_dialog_new (RapportStore    *store,
                                                    RapportCustomer *referrer);

G_END_DECLS
