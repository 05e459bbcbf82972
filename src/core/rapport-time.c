/* rapport-time.c: the book's text formats for instants and calendar dates
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "rapport-time.h"

/**
 * rapport_time_format_utc:
 *
 * Returns: "YYYY-MM-DDTHH:MM:SSZ", the form every instant has in the book.
 */
char *
rapport_time_format_utc (gint64 unix_time)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (unix_time);

  if (dt == NULL)
    return NULL;
  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

gboolean
rapport_time_parse_utc (const char *text,
                        gint64     *unix_time)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) dt = NULL;

  g_return_val_if_fail (unix_time != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  dt = g_date_time_new_from_iso8601 (text, utc);
  if (dt == NULL)
    return FALSE;
  *unix_time = g_date_time_to_unix (dt);
  return TRUE;
}

char *
rapport_date_format (GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return g_strdup_printf ("%04u-%02u-%02u",
                          g_date_get_year (date),
                          g_date_get_month (date),
                          g_date_get_day (date));
}

/**
 * rapport_date_parse:
 *
 * Accepts exactly "YYYY-MM-DD" naming a real day.
 */
gboolean
rapport_date_parse (const char *text,
                    GDate      *date)
{
  unsigned year, month, day;
  int consumed = 0;

  g_return_val_if_fail (date != NULL, FALSE);

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  if (sscanf (text, "%4u-%2u-%2u%n", &year, &month, &day, &consumed) != 3 || consumed != 10)
    return FALSE;
  if (!g_date_valid_dmy (day, month, year))
    return FALSE;

  g_date_clear (date, 1);
  g_date_set_dmy (date, day, month, year);
  return TRUE;
}

/**
 * rapport_time_parse_local:
 *
 * Reads an ISO 8601 date ("2026-12-01", taken as 09:00 local time) or a
 * date-time, local unless it carries a zone ("2026-12-01T14:30",
 * "2026-12-01 14:30:00", "2026-12-01T14:30:00+01:00").
 */
gboolean
rapport_time_parse_local (const char *text,
                          gint64     *unix_time)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *normal = NULL;
  GDate date;

  g_return_val_if_fail (unix_time != NULL, FALSE);

  if (text == NULL)
    return FALSE;

  if (rapport_date_parse (text, &date))
    {
      dt = g_date_time_new (local, g_date_get_year (&date), g_date_get_month (&date),
                            g_date_get_day (&date), 9, 0, 0);
    }
  else
    {
      normal = g_strdup (text);
      if (strlen (normal) > 10 && normal[10] == ' ')
        normal[10] = 'T';
      dt = g_date_time_new_from_iso8601 (normal, local);
    }

  if (dt == NULL)
    return FALSE;
  *unix_time = g_date_time_to_unix (dt);
  return TRUE;
}

/**
 * rapport_time_now:
 *
 * The wall clock, in seconds.  RAPPORT_FAKE_NOW (an instant in ISO 8601)
 * overrides it so tests and screenshots can live on a fixed day.
 */
gint64
rapport_time_now (void)
{
  const char *fake = g_getenv ("RAPPORT_FAKE_NOW");
  gint64 now;

  if (fake != NULL && rapport_time_parse_utc (fake, &now))
    return now;
  return g_get_real_time () / G_USEC_PER_SEC;
}
