/* rapport-address-book-dialog.h
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rapport-store.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_ADDRESS_BOOK_DIALOG (rapport_address_book_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RapportAddressBookDialog, rapport_address_book_dialog, RAPPORT, ADDRESS_BOOK_DIALOG, AdwWindow)

RapportAddressBookDialog *rapport_address_book_dialog_new         (RapportStore             *store);
gboolean                  rapport_address_book_dialog_get_loading (RapportAddressBookDialog *self);

G_END_DECLS
