/* rapport-value-format.h
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rapport-contact.h"

G_BEGIN_DECLS

/* Street, city, region, postal code and country. */
#define RAPPORT_ADDRESS_FIELDS 5

char *rapport_value_describe_types (RapportValueKind    kind,
                                    const char         *types);
char *rapport_value_format_address (const char         *adr);
char *rapport_value_build_address  (const char * const *fields);

G_END_DECLS
