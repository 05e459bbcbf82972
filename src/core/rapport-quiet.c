/* rapport-quiet.c: when a reminder may be shown (pure)
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reminders respect the user's evenings and weekends: none during quiet
 * hours (which may span midnight, 20:00–08:00) or on a day that is not a
 * working day.  All in local time, so "08:00" stays 08:00 across DST.
 */

#define G_LOG_DOMAIN "rapport-quiet"

#include "config.h"

#include "rapport-quiet.h"

static gboolean
is_working_day (const RapportPlaybookSettings *settings,
                GDateTime                     *dt)
{
  /* No working day at all would hold reminders for ever; read it as
   * "no preference" instead. */
  if ((settings->working_days & 0xfe) == 0)
    return TRUE;
  return (settings->working_days & RAPPORT_WORKING_DAY (g_date_time_get_day_of_week (dt))) != 0;
}

static gboolean
is_quiet_hour (const RapportPlaybookSettings *settings,
               int                            hour)
{
  int start = settings->quiet_hours_start;
  int end = settings->quiet_hours_end;

  if (!settings->quiet_hours_enabled || start == end)
    return FALSE;
  if (start < end)
    return hour >= start && hour < end;
  return hour >= start || hour < end;
}

/**
 * rapport_quiet_is_allowed:
 *
 * Returns: whether a reminder may be shown at @t
 */
gboolean
rapport_quiet_is_allowed (const RapportPlaybookSettings *settings,
                          gint64                         t)
{
  g_autoptr(GDateTime) dt = NULL;

  g_return_val_if_fail (settings != NULL, TRUE);

  dt = g_date_time_new_from_unix_local (t);
  if (dt == NULL)
    return TRUE;
  return is_working_day (settings, dt) && !is_quiet_hour (settings, g_date_time_get_hour (dt));
}

/* @hour:00 local time, @days after @dt's day; a time a DST change skips
 * becomes the next one that exists. */
static gint64
local_time_at (GDateTime *dt,
               int        days,
               int        hour)
{
  g_autoptr(GDateTime) at = NULL;
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (dt), g_date_time_get_month (dt),
                  g_date_time_get_year (dt));
  g_date_add_days (&date, days);
  at = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                              g_date_get_day (&date), hour, 0, 0);
  return at != NULL ? g_date_time_to_unix (at) : g_date_time_to_unix (dt) + 3600;
}

/**
 * rapport_quiet_next_allowed:
 *
 * Returns: the first instant at or after @t when a reminder may be shown:
 *   @t itself, the end of the quiet hours, or the start of the next
 *   working day's allowed hours
 */
gint64
rapport_quiet_next_allowed (const RapportPlaybookSettings *settings,
                            gint64                         t)
{
  g_return_val_if_fail (settings != NULL, t);

  /* Each step moves to a day boundary or the end of the quiet hours, so a
   * week and a bit of steps always reaches an allowed time. */
  for (guint step = 0; step < 32; step++)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (t);
      int hour;

      if (dt == NULL)
        return t;
      hour = g_date_time_get_hour (dt);

      if (!is_working_day (settings, dt))
        t = local_time_at (dt, 1, 0);
      else if (is_quiet_hour (settings, hour))
        t = local_time_at (dt, hour < settings->quiet_hours_end ? 0 : 1, settings->quiet_hours_end);
      else
        return t;
    }

  return t;
}
