/* rapport-customers-page.h
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rapport-customer-list.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_CUSTOMERS_PAGE (rapport_customers_page_get_type ())

G_DECLARE_FINAL_TYPE (RapportCustomersPage, rapport_customers_page, RAPPORT, CUSTOMERS_PAGE, AdwBin)

void                 rapport_customers_page_set_store       (RapportCustomersPage *self,
                                                             RapportStore         *store);
RapportCustomerList *rapport_customers_page_get_list        (RapportCustomersPage *self);
RapportCustomer     *rapport_customers_page_get_selected    (RapportCustomersPage *self);
gboolean             rapport_customers_page_select_customer (RapportCustomersPage *self,
                                                             gint64                id);
void                 rapport_customers_page_new_customer    (RapportCustomersPage *self);
void                 rapport_customers_page_log_contact     (RapportCustomersPage *self);
void                 rapport_customers_page_delete_selected (RapportCustomersPage *self);
void                 rapport_customers_page_undo_delete     (RapportCustomersPage *self,
                                                             gint64                id);
void                 rapport_customers_page_focus_search    (RapportCustomersPage *self);
void                 rapport_customers_page_search          (RapportCustomersPage *self,
                                                             const char           *text);

G_END_DECLS
