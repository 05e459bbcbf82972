/* test-quiet.c: quiet hours and working days, across midnight, weekends, DST
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <time.h>

#include "rapport-quiet.h"

static void
use_zone (const char *zone)
{
  g_setenv ("TZ", zone, TRUE);
  tzset ();
}

static gint64
local (int year,
       int month,
       int day,
       int hour,
       int minute)
{
  g_autoptr(GDateTime) dt = g_date_time_new_local (year, month, day, hour, minute, 0);

  return g_date_time_to_unix (dt);
}

static void
assert_next (const RapportPlaybookSettings *settings,
             gint64                         from,
             gint64                         expected)
{
  gint64 next = rapport_quiet_next_allowed (settings, from);

  if (next != expected)
    {
      g_autoptr(GDateTime) a = g_date_time_new_from_unix_local (next);
      g_autoptr(GDateTime) b = g_date_time_new_from_unix_local (expected);
      g_autofree char *got = g_date_time_format_iso8601 (a);
      g_autofree char *want = g_date_time_format_iso8601 (b);

      g_assert_cmpstr (got, ==, want);
    }
  g_assert_true (rapport_quiet_is_allowed (settings, next));
}

/* Defaults: quiet 20:00–08:00, Monday to Friday.  2 Nov 2026 is a Monday. */
static void
test_quiet_defaults (void)
{
  RapportPlaybookSettings s;

  use_zone ("UTC");
  rapport_playbook_settings_init_defaults (&s);

  assert_next (&s, local (2026, 11, 2, 10, 30), local (2026, 11, 2, 10, 30));
  assert_next (&s, local (2026, 11, 2, 8, 0), local (2026, 11, 2, 8, 0));
  assert_next (&s, local (2026, 11, 2, 19, 59), local (2026, 11, 2, 19, 59));
  /* Across midnight. */
  assert_next (&s, local (2026, 11, 2, 20, 0), local (2026, 11, 3, 8, 0));
  assert_next (&s, local (2026, 11, 2, 23, 45), local (2026, 11, 3, 8, 0));
  assert_next (&s, local (2026, 11, 3, 3, 0), local (2026, 11, 3, 8, 0));
  assert_next (&s, local (2026, 11, 3, 7, 59), local (2026, 11, 3, 8, 0));
  /* Friday evening and the weekend wait for Monday morning. */
  assert_next (&s, local (2026, 11, 6, 21, 0), local (2026, 11, 9, 8, 0));
  assert_next (&s, local (2026, 11, 7, 12, 0), local (2026, 11, 9, 8, 0));
  assert_next (&s, local (2026, 11, 8, 23, 0), local (2026, 11, 9, 8, 0));

  g_assert_false (rapport_quiet_is_allowed (&s, local (2026, 11, 7, 12, 0)));
  g_assert_false (rapport_quiet_is_allowed (&s, local (2026, 11, 2, 22, 0)));
}

static void
test_quiet_same_day_range (void)
{
  RapportPlaybookSettings s;

  use_zone ("UTC");
  rapport_playbook_settings_init_defaults (&s);
  s.quiet_hours_start = 12;
  s.quiet_hours_end = 14;

  assert_next (&s, local (2026, 11, 2, 11, 0), local (2026, 11, 2, 11, 0));
  assert_next (&s, local (2026, 11, 2, 13, 10), local (2026, 11, 2, 14, 0));
  assert_next (&s, local (2026, 11, 2, 23, 10), local (2026, 11, 2, 23, 10));
}

static void
test_quiet_off (void)
{
  RapportPlaybookSettings s;

  use_zone ("UTC");
  rapport_playbook_settings_init_defaults (&s);
  s.quiet_hours_enabled = FALSE;

  assert_next (&s, local (2026, 11, 2, 23, 0), local (2026, 11, 2, 23, 0));
  /* Working days still hold: Saturday waits for Monday 00:00. */
  assert_next (&s, local (2026, 11, 7, 12, 0), local (2026, 11, 9, 0, 0));

  /* Equal start and end hours mean no quiet hours; no working day at all
   * means no preference, never "hold reminders for ever". */
  s.quiet_hours_enabled = TRUE;
  s.quiet_hours_start = s.quiet_hours_end = 9;
  s.working_days = 0;
  assert_next (&s, local (2026, 11, 7, 9, 30), local (2026, 11, 7, 9, 30));
}

static void
test_quiet_every_day (void)
{
  RapportPlaybookSettings s;

  use_zone ("UTC");
  rapport_playbook_settings_init_defaults (&s);
  s.working_days = 0xfe;

  assert_next (&s, local (2026, 11, 6, 21, 0), local (2026, 11, 7, 8, 0));
  s.working_days = RAPPORT_WORKING_DAY (G_DATE_SUNDAY);
  assert_next (&s, local (2026, 11, 2, 10, 0), local (2026, 11, 8, 8, 0));
}

/* Europe/Berlin: clocks go forward at 02:00 on 29 March 2026 and back at
 * 03:00 on 25 October 2026. */
static void
test_quiet_dst (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) expected = NULL;
  RapportPlaybookSettings s;

  use_zone ("Europe/Berlin");
  rapport_playbook_settings_init_defaults (&s);
  s.working_days = 0xfe;

  /* Saturday night before the clocks go back: 08:00 CET on Sunday, which
   * is 11 hours later by the clock but 12 by the watch. */
  expected = g_date_time_new (utc, 2026, 10, 25, 7, 0, 0);
  assert_next (&s, local (2026, 10, 24, 21, 0), g_date_time_to_unix (expected));
  g_assert_cmpint (g_date_time_to_unix (expected) - local (2026, 10, 24, 21, 0), ==, 12 * 3600);

  /* The night the clocks go forward, quiet until 02:00: that hour does not
   * exist, so reminders resume at 03:00 CEST. */
  s.quiet_hours_start = 22;
  s.quiet_hours_end = 2;
  g_clear_pointer (&expected, g_date_time_unref);
  expected = g_date_time_new (utc, 2026, 3, 29, 1, 0, 0);
  assert_next (&s, local (2026, 3, 28, 23, 0), g_date_time_to_unix (expected));

  /* New York too, where the changes fall on other weekends (8 March,
   * 1 November). */
  use_zone ("America/New_York");
  rapport_playbook_settings_init_defaults (&s);
  assert_next (&s, local (2026, 10, 30, 22, 0), local (2026, 11, 2, 8, 0));
  assert_next (&s, local (2026, 3, 6, 22, 0), local (2026, 3, 9, 8, 0));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/quiet/defaults", test_quiet_defaults);
  g_test_add_func ("/quiet/same-day-range", test_quiet_same_day_range);
  g_test_add_func ("/quiet/off", test_quiet_off);
  g_test_add_func ("/quiet/every-day", test_quiet_every_day);
  g_test_add_func ("/quiet/dst", test_quiet_dst);

  return g_test_run ();
}
