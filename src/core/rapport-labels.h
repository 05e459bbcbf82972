/* rapport-labels.h: the words users read for the book's enumerations
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rapport-customer.h"

G_BEGIN_DECLS

const char * const *rapport_enum_words      (const char      *column);
const char         *rapport_enum_label      (const char      *column,
                                             const char      *word);
guint               rapport_enum_index      (const char      *column,
                                             const char      *word);
char               *rapport_customer_describe (RapportCustomer *customer);

G_END_DECLS
