/* rapport-sample.h: a demo book of business for first runs, screenshots and tests
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rapport-store.h"

G_BEGIN_DECLS

/* How many customers rapport_sample_fill() adds. */
#define RAPPORT_SAMPLE_N_CUSTOMERS 124

gboolean rapport_sample_fill (RapportStore  *store,
                              gint64         now,
                              GError       **error);

G_END_DECLS
