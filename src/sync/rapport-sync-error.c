/* rapport-sync-error.c: the sync error domain
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-sync-error"

#include "config.h"

#include "rapport-sync-error.h"

G_DEFINE_QUARK (rapport-sync-error-quark, rapport_sync_error)
