/* rapport-customer-detail.h
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rapport-customer.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_CUSTOMER_DETAIL (rapport_customer_detail_get_type ())

G_DECLARE_FINAL_TYPE (RapportCustomerDetail, rapport_customer_detail, RAPPORT, CUSTOMER_DETAIL, AdwBin)

void             rapport_customer_detail_set_store     (RapportCustomerDetail *self,
                                                        RapportStore          *store);
void             rapport_customer_detail_set_customer  (RapportCustomerDetail *self,
                                                        RapportCustomer       *customer);
RapportCustomer *rapport_customer_detail_get_customer  (RapportCustomerDetail *self);
void             rapport_customer_detail_set_show_back (RapportCustomerDetail *self,
                                                        gboolean               show_back);
void             rapport_customer_detail_save_pending  (RapportCustomerDetail *self);
void             rapport_customer_detail_reload        (RapportCustomerDetail *self);

G_END_DECLS
