/* rapport-customers-page.h
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rapport-store.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_CUSTOMERS_PAGE (rapport_customers_page_get_type ())

G_DECLARE_FINAL_TYPE (RapportCustomersPage, rapport_customers_page, RAPPORT, CUSTOMERS_PAGE, AdwBin)

void rapport_customers_page_set_store (RapportCustomersPage *self,
                                 RapportStore *store);

G_END_DECLS
