/* rapport-time.c: the book's text formats for instants and calendar dates
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

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
 * rapport_time_local_zone:
 *
 * GLib 2.74 reads the zone's file again at every g_time_zone_new_local ()
 * when TZ is unset (its cache compares the zone's name with TZ), which an
 * import did three times a row and the playbook for every date it looks
 * at.  This keeps the zone for a second: a zone changed by the system is
 * still seen at once for any human purpose.
 *
 * Returns: (transfer full): the local time zone
 */
GTimeZone *
rapport_time_local_zone (void)
{
  static GMutex lock;
  static GTimeZone *zone;
  static char *zone_tz;
  static gint64 zone_read_at;
  const char *tz = g_getenv ("TZ");
  gint64 now = g_get_monotonic_time ();
  GTimeZone *result;

  g_mutex_lock (&lock);
  if (zone == NULL || g_strcmp0 (tz, zone_tz) != 0 || now - zone_read_at >= G_USEC_PER_SEC)
    {
      g_clear_pointer (&zone, g_time_zone_unref);
      g_free (zone_tz);
      zone = g_time_zone_new_local ();
      zone_tz = g_strdup (tz);
      zone_read_at = now;
    }
  result = g_time_zone_ref (zone);
  g_mutex_unlock (&lock);
  return result;
}

/**
 * rapport_time_new_local:
 *
 * g_date_time_new_from_unix_local (), in the zone
 * rapport_time_local_zone () keeps rather than one read from disk.
 *
 * Returns: (transfer full) (nullable): @unix_time in local time, %NULL
 *   when out of range
 */
GDateTime *
rapport_time_new_local (gint64 unix_time)
{
  g_autoptr(GTimeZone) zone = rapport_time_local_zone ();
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_time);

  return utc != NULL ? g_date_time_to_timezone (utc, zone) : NULL;
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
  g_autoptr(GTimeZone) local = rapport_time_local_zone ();
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
      /* GLib 2.74's ISO 8601 parser wants seconds; people don't write them. */
      if (strlen (normal) == 16 && normal[13] == ':')
        {
          g_autofree char *with_seconds = g_strconcat (normal, ":00", NULL);
          g_free (normal);
          normal = g_steal_pointer (&with_seconds);
        }
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

static int
local_day_difference (gint64 t,
                      gint64 now)
{
  g_autoptr(GDateTime) a = rapport_time_new_local (t);
  g_autoptr(GDateTime) b = rapport_time_new_local (now);
  GDate day_a, day_b;

  g_date_clear (&day_a, 1);
  g_date_clear (&day_b, 1);
  g_date_set_dmy (&day_a, g_date_time_get_day_of_month (a), g_date_time_get_month (a),
                  g_date_time_get_year (a));
  g_date_set_dmy (&day_b, g_date_time_get_day_of_month (b), g_date_time_get_month (b),
                  g_date_time_get_year (b));
  return g_date_days_between (&day_b, &day_a);
}

/**
 * rapport_time_describe_day:
 *
 * Returns: @t's local day as people say it: "Today", "Tomorrow",
 *   "Yesterday", a weekday within the coming week, else "12 Mar" (with
 *   the year when it is not this year's)
 */
char *
rapport_time_describe_day (gint64 t,
                           gint64 now)
{
  g_autoptr(GDateTime) local = rapport_time_new_local (t);
  g_autoptr(GDateTime) local_now = rapport_time_new_local (now);
  int days = local_day_difference (t, now);

  if (local == NULL || local_now == NULL)
    return g_strdup ("");
  if (days == 0)
    return g_strdup (_("Today"));
  if (days == 1)
    return g_strdup (_("Tomorrow"));
  if (days == -1)
    return g_strdup (_("Yesterday"));
  if (days > 1 && days < 7)
    return g_date_time_format (local, "%A");
  if (g_date_time_get_year (local) == g_date_time_get_year (local_now))
    /* Translators: a day of this year, see strftime(3) */
    return g_date_time_format (local, _("%-d %b"));
  /* Translators: a day of another year, see strftime(3) */
  return g_date_time_format (local, _("%-d %b %Y"));
}

/**
 * rapport_time_describe_ago:
 *
 * Returns: how long ago @t was, in days, weeks, months or years
 */
char *
rapport_time_describe_ago (gint64 t,
                           gint64 now)
{
  int days = -local_day_difference (t, now);

  if (days <= 0)
    return g_strdup (_("today"));
  if (days == 1)
    return g_strdup (_("yesterday"));
  if (days < 14)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day ago", "%d days ago", days), days);
  if (days < 60)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d week ago", "%d weeks ago", days / 7),
                            days / 7);
  if (days < 730)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d month ago", "%d months ago", days / 30),
                            days / 30);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d year ago", "%d years ago", days / 365),
                          days / 365);
}

/**
 * rapport_time_format_clock:
 *
 * Returns: the time of day of @dt as the translation writes it ("14:30").
 */
char *
rapport_time_format_clock (GDateTime *dt)
{
  g_return_val_if_fail (dt != NULL, NULL);

  /* Translators: a time of day, see strftime(3); "%l:%M %p" for a
   * 12-hour clock */
  return g_date_time_format (dt, _("%H:%M"));
}

/**
 * rapport_date_describe:
 *
 * A day as the book keeps it ("2026-11-21") as the user's language
 * writes it ("21 Nov 2026", "21. Nov. 2026"); anything else is returned
 * as it is, so nothing the user typed is lost from sight.
 */
char *
rapport_date_describe (const char *iso_date)
{
  g_autoptr(GDateTime) dt = NULL;
  GDate date;

  if (!rapport_date_parse (iso_date, &date))
    return g_strdup (iso_date != NULL ? iso_date : "");

  dt = g_date_time_new_utc (g_date_get_year (&date), g_date_get_month (&date),
                            g_date_get_day (&date), 12, 0, 0);
  /* Translators: a day of another year, see strftime(3) */
  return g_date_time_format (dt, _("%-d %b %Y"));
}
