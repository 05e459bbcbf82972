/* rapport-new-customer-dialog.h
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rapport-customer.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_NEW_CUSTOMER_DIALOG (rapport_new_customer_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RapportNewCustomerDialog, rapport_new_customer_dialog,
                      RAPPORT, NEW_CUSTOMER_DIALOG, AdwMessageDialog)

RapportNewCustomerDialog *rapport_new_customer_dialog_new (RapportStore *store);

G_END_DECLS
