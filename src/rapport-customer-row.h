/* rapport-customer-row.h
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rapport-customer.h"
#include "rapport-photo-cache.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_CUSTOMER_ROW (rapport_customer_row_get_type ())

G_DECLARE_FINAL_TYPE (RapportCustomerRow, rapport_customer_row, RAPPORT, CUSTOMER_ROW, GtkWidget)

GtkWidget *rapport_customer_row_new          (void);
void       rapport_customer_row_set_customer (RapportCustomerRow *self,
                                              RapportCustomer    *customer,
                                              int                 due_soon_days);
void       rapport_customer_row_set_photo_cache (RapportCustomerRow *self,
                                                 RapportPhotoCache  *photos);

G_END_DECLS
