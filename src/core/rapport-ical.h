/* rapport-ical.h: open follow-ups as an iCalendar (RFC 5545) to-do list
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rapport-store.h"

G_BEGIN_DECLS

char *rapport_ical_write  (GPtrArray     *items,
                           gint64         now);
char *rapport_ical_export (RapportStore  *store,
                           GError       **error);

G_END_DECLS
