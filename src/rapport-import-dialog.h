/* rapport-import-dialog.h
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rapport-address-book.h"
#include "rapport-store.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_IMPORT_DIALOG (rapport_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RapportImportDialog, rapport_import_dialog, RAPPORT, IMPORT_DIALOG, AdwWindow)

RapportImportDialog *rapport_import_dialog_new         (RapportStore        *store,
                                                        GFile               *file);
RapportImportDialog *rapport_import_dialog_new_for_address_book
                                                       (RapportStore             *store,
                                                        const RapportAddressBook *book);
gboolean             rapport_import_dialog_get_ready   (RapportImportDialog *self);
void                 rapport_import_dialog_start       (RapportImportDialog *self);

G_END_DECLS
