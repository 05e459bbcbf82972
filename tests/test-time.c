/* test-time.c: the book's text formats for instants and days
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rapport-time.h"

static gint64
local (int year, int month, int day, int hour, int minute)
{
  g_autoptr(GDateTime) dt = g_date_time_new_local (year, month, day, hour, minute, 0);

  return g_date_time_to_unix (dt);
}

static void
test_parse_local (void)
{
  static const struct { const char *text; int hour, minute; } good[] = {
    { "2026-12-01", 9, 0 },          /* a date is a check-in at 09:00 */
    { "2026-12-01T14:30", 14, 30 },  /* people leave out the seconds */
    { "2026-12-01 14:30", 14, 30 },
    { "2026-12-01 14:30:00", 14, 30 },
  };
  static const char *bad[] = { "", "2026-13-01", "2026-02-30", "tomorrow", "2026-12-01 25:00", "12/01/2026" };
  gint64 t;

  g_setenv ("TZ", "Europe/Berlin", TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_assert_true (rapport_time_parse_local (good[i].text, &t));
      g_assert_cmpint (t, ==, local (2026, 12, 1, good[i].hour, good[i].minute));
    }
  /* An explicit zone wins over the local one. */
  g_assert_true (rapport_time_parse_local ("2026-12-01T14:30:00Z", &t));
  g_assert_cmpint (t, ==, 1796135400);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_false (rapport_time_parse_local (bad[i], &t));
}

static void
test_utc_round_trip (void)
{
  g_autofree char *text = rapport_time_format_utc (1796135400);
  gint64 t;

  g_assert_cmpstr (text, ==, "2026-12-01T14:30:00Z");
  g_assert_true (rapport_time_parse_utc (text, &t));
  g_assert_cmpint (t, ==, 1796135400);
  g_assert_false (rapport_time_parse_utc ("not a time", &t));
  g_assert_false (rapport_time_parse_utc (NULL, &t));
}

static void
test_describe (void)
{
  gint64 now = local (2026, 11, 25, 10, 0);   /* a Wednesday */
  g_autofree char *today = rapport_time_describe_day (local (2026, 11, 25, 18, 0), now);
  g_autofree char *tomorrow = rapport_time_describe_day (local (2026, 11, 26, 8, 0), now);
  g_autofree char *friday = rapport_time_describe_day (local (2026, 11, 27, 8, 0), now);
  g_autofree char *later = rapport_time_describe_day (local (2026, 12, 3, 8, 0), now);
  g_autofree char *next_year = rapport_time_describe_day (local (2027, 2, 3, 8, 0), now);
  g_autofree char *days = rapport_time_describe_ago (local (2026, 11, 20, 8, 0), now);
  g_autofree char *months = rapport_time_describe_ago (local (2026, 6, 1, 8, 0), now);

  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_assert_cmpstr (today, ==, "Today");
  g_assert_cmpstr (tomorrow, ==, "Tomorrow");
  g_assert_cmpstr (friday, ==, "Friday");
  g_assert_cmpstr (later, ==, "3 Dec");
  g_assert_cmpstr (next_year, ==, "3 Feb 2027");
  g_assert_cmpstr (days, ==, "5 days ago");
  g_assert_cmpstr (months, ==, "5 months ago");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "Europe/Berlin", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/time/parse-local", test_parse_local);
  g_test_add_func ("/time/utc-round-trip", test_utc_round_trip);
  g_test_add_func ("/time/describe", test_describe);

  return g_test_run ();
}
