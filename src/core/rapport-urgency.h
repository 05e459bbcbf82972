/* rapport-urgency.h: how pressing a scheduled check-in is
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  RAPPORT_URGENCY_NONE,      /* nothing scheduled */
  RAPPORT_URGENCY_LATER,
  RAPPORT_URGENCY_DUE_SOON,
  RAPPORT_URGENCY_DUE_TODAY,
  RAPPORT_URGENCY_OVERDUE,
} RapportUrgency;

RapportUrgency  rapport_urgency_compute  (gint64         due_at,
                                          gint64         overdue_at,
                                          gint64         now,
                                          int            due_soon_days);
const char     *rapport_urgency_label    (RapportUrgency urgency);
const char     *rapport_urgency_css_class (RapportUrgency urgency);

G_END_DECLS
