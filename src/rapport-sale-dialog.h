/* rapport-sale-dialog.h
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rapport-sale.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_SALE_DIALOG (rapport_sale_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RapportSaleDialog, rapport_sale_dialog, RAPPORT, SALE_DIALOG, AdwMessageDialog)

RapportSaleDialog *rapport_sale_dialog_new (RapportStore *store,
                                            RapportSale  *sale);

G_END_DECLS
