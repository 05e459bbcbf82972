/* rapport-urgency.c: how pressing a scheduled check-in is
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-agenda.h"
#include "rapport-urgency.h"

/**
 * rapport_urgency_compute:
 * @due_at: when the check-in is due, 0 if nothing is scheduled
 * @overdue_at: when it turns overdue; 0 means at the end of its day
 *
 * A check-in is overdue once @overdue_at has passed, due today from its
 * due time on (or when its day has come), and due soon within
 * @due_soon_days days.
 */
RapportUrgency
rapport_urgency_compute (gint64 due_at,
                         gint64 overdue_at,
                         gint64 now,
                         int    due_soon_days)
{
  gint64 end_of_today;

  if (due_at <= 0)
    return RAPPORT_URGENCY_NONE;

  if (overdue_at <= 0)
    overdue_at = rapport_agenda_end_of_today (due_at) + 1;
  if (now >= overdue_at)
    return RAPPORT_URGENCY_OVERDUE;

  end_of_today = rapport_agenda_end_of_today (now);
  if (due_at <= end_of_today)
    return RAPPORT_URGENCY_DUE_TODAY;
  if (due_at <= end_of_today + (gint64) due_soon_days * 24 * 60 * 60)
    return RAPPORT_URGENCY_DUE_SOON;
  return RAPPORT_URGENCY_LATER;
}

/* Urgency is always shown as text too, never by colour alone. */
const char *
rapport_urgency_label (RapportUrgency urgency)
{
  switch (urgency)
    {
    case RAPPORT_URGENCY_OVERDUE:   return _("Overdue");
    case RAPPORT_URGENCY_DUE_TODAY: return _("Due today");
    case RAPPORT_URGENCY_DUE_SOON:  return _("Due soon");
    case RAPPORT_URGENCY_LATER:
    case RAPPORT_URGENCY_NONE:
    default:                        return "";
    }
}

const char *
rapport_urgency_css_class (RapportUrgency urgency)
{
  switch (urgency)
    {
    case RAPPORT_URGENCY_OVERDUE:   return "overdue";
    case RAPPORT_URGENCY_DUE_TODAY: return "due-today";
    case RAPPORT_URGENCY_DUE_SOON:  return "due-soon";
    case RAPPORT_URGENCY_LATER:
    case RAPPORT_URGENCY_NONE:
    default:                        return NULL;
    }
}
