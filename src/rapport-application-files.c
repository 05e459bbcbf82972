/* rapport-application-files.c: import, export and sample data from the UI
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-application-files"

#include "config.h"

#include "rapport-application-private.h"

void
_rapport_application_files_init (RapportApplication *self)
{
}
