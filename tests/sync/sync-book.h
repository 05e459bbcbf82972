/* sync-book.h: a book with one customer, for the mapping tests
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rapport-store.h"

G_BEGIN_DECLS

RapportStore *open_book_with_customer (const char *uid,
                                       const char *name,
                                       gint64     *customer);

G_END_DECLS
