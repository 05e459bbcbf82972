/* rapport-csv-formula.h: keeping spreadsheets from running CSV cells
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean    rapport_csv_formula_needs_guard (const char *value);
const char *rapport_csv_formula_unguard     (const char *field);

G_END_DECLS
