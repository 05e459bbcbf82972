/* rapport-referrals-page.h
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rapport-customer.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_REFERRALS_PAGE (rapport_referrals_page_get_type ())

G_DECLARE_FINAL_TYPE (RapportReferralsPage, rapport_referrals_page, RAPPORT, REFERRALS_PAGE, AdwBin)

void rapport_referrals_page_set_store       (RapportReferralsPage *self,
                                             RapportStore         *store);
void rapport_referrals_page_record_referral (RapportReferralsPage *self,
                                             RapportCustomer      *referrer);
gboolean rapport_referrals_page_get_loading (RapportReferralsPage *self);

G_END_DECLS
