/* rapport-contact-dialog.h
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rapport-customer.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_CONTACT_DIALOG (rapport_contact_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RapportContactDialog, rapport_contact_dialog, RAPPORT, CONTACT_DIALOG, AdwMessageDialog)

RapportContactDialog *rapport_contact_dialog_new (RapportStore    *store,
                                                  RapportCustomer *customer);

G_END_DECLS
