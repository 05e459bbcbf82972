/* test-locale.c: what a German user reads — days, times, amounts and
 * counts as de_DE and the German catalogue write them
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The catalogue is the one the build compiled (RAPPORT_LOCALEDIR); the
 * formats need the de_DE.UTF-8 locale, without which the test is skipped
 * with a message saying how to generate it.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <time.h>

#include "rapport-locale.h"
#include "rapport-nudge-plan.h"
#include "rapport-sale.h"
#include "rapport-time.h"

static gboolean have_german;

static gint64
local (int year, int month, int day, int hour, int minute)
{
  g_autoptr(GDateTime) dt = g_date_time_new_local (year, month, day, hour, minute, 0);

  return g_date_time_to_unix (dt);
}

static gboolean
skip_without_german (void)
{
  if (!have_german)
    g_test_skip ("the de_DE.UTF-8 locale is not installed (localedef -i de_DE -f UTF-8 de_DE.UTF-8)");
  return !have_german;
}

static void
test_days (void)
{
  gint64 now = local (2026, 11, 25, 10, 0);
  g_autofree char *tomorrow = NULL;
  g_autofree char *friday = NULL;
  g_autofree char *later = NULL;
  g_autofree char *next_year = NULL;
  g_autofree char *received = NULL;
  g_autofree char *typed = NULL;

  if (skip_without_german ())
    return;

  tomorrow = rapport_time_describe_day (local (2026, 11, 26, 8, 0), now);
  friday = rapport_time_describe_day (local (2026, 11, 27, 8, 0), now);
  later = rapport_time_describe_day (local (2026, 12, 3, 8, 0), now);
  next_year = rapport_time_describe_day (local (2027, 3, 5, 8, 0), now);
  received = rapport_date_describe ("2026-03-05");
  typed = rapport_date_describe ("last spring");

  g_assert_cmpstr (tomorrow, ==, "Morgen");
  g_assert_cmpstr (friday, ==, "Freitag");
  g_assert_cmpstr (later, ==, "3. Dez");
  g_assert_cmpstr (next_year, ==, "5. Mär 2027");
  g_assert_cmpstr (received, ==, "5. Mär 2026");
  /* Not a day the book wrote: shown as it is, never dropped. */
  g_assert_cmpstr (typed, ==, "last spring");
}

static void
test_clock_and_amounts (void)
{
  g_autoptr(GDateTime) afternoon = g_date_time_new_local (2026, 11, 25, 14, 5, 0);
  g_autofree char *clock = NULL;
  g_autofree char *amount = NULL;
  g_autofree char *small = NULL;

  if (skip_without_german ())
    return;

  clock = rapport_time_format_clock (afternoon);
  amount = rapport_format_amount (123456789);
  small = rapport_format_amount (5);

  g_assert_cmpstr (clock, ==, "14:05");
  /* Grouped with dots, a decimal comma: not "1.234.567.89". */
  g_assert_cmpstr (amount, ==, "1.234.567,89");
  g_assert_cmpstr (small, ==, "0,05");
}

static void
test_plurals (void)
{
  gint64 now = local (2026, 11, 25, 10, 0);
  g_autofree char *one = rapport_time_describe_ago (local (2026, 11, 24, 10, 0), now);
  g_autofree char *three = rapport_time_describe_ago (local (2026, 11, 22, 10, 0), now);
  g_autofree char *weeks = rapport_time_describe_ago (local (2026, 11, 4, 10, 0), now);

  /* The messages need only the catalogue, not the locale's formats. */
  g_assert_cmpstr (one, ==, "gestern");
  g_assert_cmpstr (three, ==, "vor 3 Tagen");
  g_assert_cmpstr (weeks, ==, "vor 3 Wochen");
  g_assert_cmpstr (g_dngettext (GETTEXT_PACKAGE, "%'u customer", "%'u customers", 1), ==, "%'u Kunde");
  g_assert_cmpstr (g_dngettext (GETTEXT_PACKAGE, "%'u customer", "%'u customers", 2), ==, "%'u Kunden");
  g_assert_cmpstr (g_dngettext (GETTEXT_PACKAGE, "%'u customer", "%'u customers", 0), ==, "%'u Kunden");
}

/* Counts a user reads are grouped as the locale groups digits: a summary
 * of 50,000 missed check-ins, not of "50000". */
static void
test_counts (void)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  RapportNudgePlan plan = { RAPPORT_NUDGE_SUMMARY, items, 50000, };
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  g_autofree char *customers = NULL;

  if (skip_without_german ())
    return;

  title = rapport_nudge_plan_dup_title (&plan);
  body = rapport_nudge_plan_dup_body (&plan);
  customers = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u customer", "%'u customers",
                                            100000), 100000);

  g_assert_cmpstr (title, ==, "50.000 verpasste Kontaktpunkte");
  g_assert_true (g_str_has_suffix (body, "und 50.000 weitere"));
  g_assert_cmpstr (customers, ==, "100.000 Kunden");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  tzset ();
  g_setenv ("LANGUAGE", "de", TRUE);
  have_german = setlocale (LC_ALL, "de_DE.UTF-8") != NULL;
  g_setenv ("LC_ALL", have_german ? "de_DE.UTF-8" : "C.UTF-8", TRUE);
  rapport_locale_init ();

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/locale/days", test_days);
  g_test_add_func ("/locale/clock-and-amounts", test_clock_and_amounts);
  g_test_add_func ("/locale/plurals", test_plurals);
  g_test_add_func ("/locale/counts", test_counts);

  return g_test_run ();
}
