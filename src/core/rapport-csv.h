/* rapport-csv.h: customers as RFC 4180 CSV, read and written
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "rapport-contact.h"

G_BEGIN_DECLS

/* Longer fields and records are refused, never truncated: anything this
 * big is not a customer but a file that is not what the user thinks. */
#define RAPPORT_CSV_MAX_FIELD  (64 * 1024)
#define RAPPORT_CSV_MAX_RECORD (1024 * 1024)

GPtrArray *rapport_csv_read  (const char  *display_name,
                              const char  *data,
                              gsize        length,
                              RapportImportNotes *notes,
                              GError     **error);
char      *rapport_csv_write (GPtrArray   *contacts);

G_END_DECLS
