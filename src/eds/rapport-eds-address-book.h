/* rapport-eds-address-book.h: the desktop's address books, read through evolution-data-server
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rapport-eds module's entry points; the rest of Rapport calls them
 * through rapport_address_book_list () and rapport_address_book_read ().
 */

#pragma once

#include "rapport-address-book.h"

G_BEGIN_DECLS

/* Both block: call them in a worker thread. */
G_MODULE_EXPORT
GPtrArray *rapport_eds_address_book_list (guint                     timeout_seconds,
                                          GCancellable             *cancellable,
                                          GError                  **error);
G_MODULE_EXPORT
GPtrArray *rapport_eds_address_book_read (const RapportAddressBook *book,
                                          guint                     timeout_seconds,
                                          RapportImportNotes       *notes,
                                          GCancellable             *cancellable,
                                          GError                  **error);

G_END_DECLS
