/* test-nudge-plan.c: what the nudger shows and when it wakes, on a fake clock
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <time.h>

#include "rapport-nudge-plan.h"

#define HOUR ((gint64) 3600)

typedef struct
{
  RapportPlaybookSettings  settings;
  GPtrArray               *due;
  GHashTable              *shown;
  gint64                   started_at;
} Fixture;

static void
use_zone (const char *zone)
{
  g_setenv ("TZ", zone, TRUE);
  tzset ();
}

static gint64
local (int month,
       int day,
       int hour,
       int minute)
{
  g_autoptr(GDateTime) dt = g_date_time_new_local (2026, month, day, hour, minute, 0);

  return g_date_time_to_unix (dt);
}

/* 2 November 2026 is a Monday; the defaults are quiet 20:00–08:00, Mon–Fri. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  use_zone ("Europe/Paris");
  rapport_playbook_settings_init_defaults (&f->settings);
  f->due = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_due_item_free);
  f->shown = rapport_nudge_shown_new ();
  f->started_at = local (11, 2, 8, 30);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->due, g_ptr_array_unref);
  g_clear_pointer (&f->shown, g_hash_table_unref);
}

static RapportDueItem *
add_item (Fixture    *f,
          gint64      id,
          const char *customer,
          const char *kind,
          gint64      due_at)
{
  RapportDueItem *item = g_new0 (RapportDueItem, 1);

  item->id = id;
  item->customer_id = 100 + id;
  item->customer_name = g_strdup (customer);
  item->kind = g_strdup (kind);
  item->reason = g_strdup_printf ("Reason %" G_GINT64_FORMAT, id);
  item->due_at = due_at;
  g_ptr_array_add (f->due, item);
  return item;
}

/* What rapport_agenda_list_due (now) and next_due_time (now) would say. */
static RapportNudgePlan *
plan_at (Fixture *f,
         gint64   now)
{
  g_autoptr(GPtrArray) due = g_ptr_array_new ();
  gint64 next = 0;

  for (guint i = 0; i < f->due->len; i++)
    {
      RapportDueItem *item = g_ptr_array_index (f->due, i);

      if (item->due_at <= now)
        g_ptr_array_add (due, item);
      else if (next == 0 || item->due_at < next)
        next = item->due_at;
    }
  return rapport_nudge_plan_new (due, 0, next, f->shown, &f->settings, now, f->started_at);
}

static void
mark_shown (Fixture          *f,
            RapportNudgePlan *plan)
{
  for (guint i = 0; i < plan->items->len; i++)
    rapport_nudge_mark_shown (f->shown, g_ptr_array_index (plan->items, i));
}

static void
test_single (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(RapportNudgePlan) before = NULL;
  g_autoptr(RapportNudgePlan) plan = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  gint64 due = local (11, 2, 10, 15);

  add_item (f, 1, "Ada Lovelace", "delivery_check_in", due);

  /* Nothing yet; the one timer is armed for the due second. */
  before = plan_at (f, due - 1);
  g_assert_cmpint (before->kind, ==, RAPPORT_NUDGE_NONE);
  g_assert_cmpint (before->wake_at, ==, due);

  plan = plan_at (f, due);
  g_assert_cmpint (plan->kind, ==, RAPPORT_NUDGE_SINGLE);
  g_assert_cmpuint (plan->items->len, ==, 1);
  g_assert_cmpint (plan->wake_at, ==, 0);

  title = rapport_nudge_plan_dup_title (plan);
  body = rapport_nudge_plan_dup_body (plan);
  g_assert_cmpstr (title, ==, "Delivery check-in");
  g_assert_cmpstr (body, ==, "Ada Lovelace\nReason 1");
}

static void
test_digest (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(RapportNudgePlan) plan = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  gint64 due = local (11, 2, 11, 0);

  add_item (f, 1, "Ada Lovelace", "keep_in_touch", due);
  add_item (f, 2, "Bob & Co", "thank_referrer", due);
  add_item (f, 3, "Charles Babbage", "satisfaction_check", due);
  add_item (f, 4, "Later Ltd", "keep_in_touch", due + HOUR);

  plan = plan_at (f, due);
  g_assert_cmpint (plan->kind, ==, RAPPORT_NUDGE_DIGEST);
  g_assert_cmpuint (plan->items->len, ==, 3);
  g_assert_cmpint (plan->wake_at, ==, due + HOUR);

  title = rapport_nudge_plan_dup_title (plan);
  body = rapport_nudge_plan_dup_body (plan);
  g_assert_cmpstr (title, ==, "3 check-ins due");
  /* Plain text: the notifier escapes it for servers that read markup. */
  g_assert_cmpstr (body, ==,
                   "Ada Lovelace — Keep in touch\n"
                   "Bob & Co — Thank the referrer\n"
                   "Charles Babbage — Satisfaction check");
}

/* Overdue when Rapport starts (or wakes from a long sleep): one summary,
 * not a burst of old alarms. */
static void
test_stale_summary (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(RapportNudgePlan) plan = NULL;
  g_autoptr(RapportNudgePlan) again = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;

  for (int i = 1; i <= 7; i++)
    {
      g_autofree char *name = g_strdup_printf ("Customer %d", i);

      add_item (f, i, name, "keep_in_touch", local (10, 20 + i, 9, 0));
    }

  plan = plan_at (f, f->started_at);
  g_assert_cmpint (plan->kind, ==, RAPPORT_NUDGE_SUMMARY);
  g_assert_cmpuint (plan->items->len, ==, 7);

  title = rapport_nudge_plan_dup_title (plan);
  body = rapport_nudge_plan_dup_body (plan);
  g_assert_cmpstr (title, ==, "7 missed check-ins");
  g_assert_cmpstr (body, ==,
                   "Customer 1 — Keep in touch\n"
                   "Customer 2 — Keep in touch\n"
                   "Customer 3 — Keep in touch\n"
                   "Customer 4 — Keep in touch\n"
                   "and 3 more");

  mark_shown (f, plan);
  again = plan_at (f, f->started_at + 5);
  g_assert_cmpint (again->kind, ==, RAPPORT_NUDGE_NONE);
}

/* A backlog of 50,000 at start-up: the nudger reads the first five and a
 * count, and the summary names four and counts the rest. */
static void
test_backlog_summary (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(RapportNudgePlan) plan = NULL;
  g_autoptr(RapportNudgePlan) quiet = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;

  for (int i = 1; i <= RAPPORT_NUDGE_MAX_LISTED; i++)
    {
      g_autofree char *name = g_strdup_printf ("Customer %d", i);

      add_item (f, i, name, "keep_in_touch", local (10, 1, 9, i));
    }

  plan = rapport_nudge_plan_new (f->due, 49995, 0, f->shown, &f->settings, f->started_at,
                                 f->started_at);
  g_assert_cmpint (plan->kind, ==, RAPPORT_NUDGE_SUMMARY);
  g_assert_cmpuint (plan->items->len, ==, 5);
  g_assert_cmpuint (plan->n_items, ==, 50000);
  g_assert_false (plan->held);

  title = rapport_nudge_plan_dup_title (plan);
  body = rapport_nudge_plan_dup_body (plan);
  g_assert_cmpstr (title, ==, "50000 missed check-ins");
  g_assert_cmpstr (body, ==,
                   "Customer 1 — Keep in touch\n"
                   "Customer 2 — Keep in touch\n"
                   "Customer 3 — Keep in touch\n"
                   "Customer 4 — Keep in touch\n"
                   "and 49996 more");

  /* Started at 07:00: all of it waits for 08:00, the nudger told so. */
  quiet = rapport_nudge_plan_new (f->due, 49995, 0, f->shown, &f->settings,
                                  local (11, 2, 7, 0), local (11, 2, 7, 0));
  g_assert_cmpint (quiet->kind, ==, RAPPORT_NUDGE_NONE);
  g_assert_cmpuint (quiet->n_items, ==, 0);
  g_assert_true (quiet->held);
  g_assert_cmpint (quiet->wake_at, ==, local (11, 2, 8, 0));
}

/* Due while Rapport was running, but the timer fired late (a suspend): a
 * summary too, while a timer a second late still gives a digest. */
static void
test_late_wakeup (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(RapportNudgePlan) on_time = NULL;
  g_autoptr(RapportNudgePlan) after_sleep = NULL;
  gint64 due = local (11, 2, 14, 0);

  add_item (f, 1, "Ada Lovelace", "keep_in_touch", due);
  add_item (f, 2, "Bob & Co", "keep_in_touch", due + 30);

  on_time = plan_at (f, due + 31);
  g_assert_cmpint (on_time->kind, ==, RAPPORT_NUDGE_DIGEST);

  after_sleep = plan_at (f, due + 3 * HOUR);
  g_assert_cmpint (after_sleep->kind, ==, RAPPORT_NUDGE_SUMMARY);
}

/* One missed item alone is no burst: it keeps its own Done and Open. */
static void
test_stale_single (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(RapportNudgePlan) plan = NULL;

  add_item (f, 1, "Ada Lovelace", "keep_in_touch", local (10, 30, 9, 0));

  plan = plan_at (f, f->started_at);
  g_assert_cmpint (plan->kind, ==, RAPPORT_NUDGE_SINGLE);
}

/* Quiet 20:00–08:00 spans midnight: an item due in the evening is held
 * until the morning and then arrives as itself, not as a missed one. */
static void
test_quiet_hours_overnight (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(RapportNudgePlan) evening = NULL;
  g_autoptr(RapportNudgePlan) at_due = NULL;
  g_autoptr(RapportNudgePlan) night = NULL;
  g_autoptr(RapportNudgePlan) morning = NULL;
  gint64 due = local (11, 2, 21, 30);
  gint64 eight = local (11, 3, 8, 0);

  add_item (f, 1, "Ada Lovelace", "keep_in_touch", due);
  add_item (f, 2, "Night Owl", "keep_in_touch", local (11, 3, 2, 0));

  /* The timer is not armed for 21:30 or 02:00, only for 08:00. */
  evening = plan_at (f, local (11, 2, 19, 0));
  g_assert_cmpint (evening->kind, ==, RAPPORT_NUDGE_NONE);
  g_assert_cmpint (evening->wake_at, ==, eight);
  g_assert_false (evening->held);

  /* Held: the nudger reads it again at 08:00. */
  at_due = plan_at (f, due);
  g_assert_cmpint (at_due->kind, ==, RAPPORT_NUDGE_NONE);
  g_assert_cmpint (at_due->wake_at, ==, eight);
  g_assert_true (at_due->held);

  night = plan_at (f, local (11, 3, 0, 30));
  g_assert_cmpint (night->kind, ==, RAPPORT_NUDGE_NONE);
  g_assert_cmpint (night->wake_at, ==, eight);

  morning = plan_at (f, eight);
  g_assert_cmpint (morning->kind, ==, RAPPORT_NUDGE_DIGEST);
  g_assert_cmpuint (morning->items->len, ==, 2);
  g_assert_cmpint (morning->wake_at, ==, 0);
}

/* Friday evening to Monday morning, in the other direction of the clock. */
static void
test_quiet_weekend (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(RapportNudgePlan) plan = NULL;

  add_item (f, 1, "Ada Lovelace", "keep_in_touch", local (11, 7, 10, 0));

  plan = plan_at (f, local (11, 6, 18, 0));
  g_assert_cmpint (plan->wake_at, ==, local (11, 9, 8, 0));
}

/* Re-planning (the book changed, the clock jumped, the machine resumed)
 * never shows the same item twice; a snooze gives it a new due time. */
static void
test_no_duplicate (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(RapportNudgePlan) first = NULL;
  g_autoptr(RapportNudgePlan) rearmed = NULL;
  g_autoptr(RapportNudgePlan) later = NULL;
  g_autoptr(RapportNudgePlan) snoozed = NULL;
  gint64 due = local (11, 2, 10, 0);
  RapportDueItem *item;

  item = add_item (f, 1, "Ada Lovelace", "keep_in_touch", due);
  add_item (f, 2, "Bob & Co", "keep_in_touch", due + 2 * HOUR);

  first = plan_at (f, due);
  g_assert_cmpint (first->kind, ==, RAPPORT_NUDGE_SINGLE);
  mark_shown (f, first);

  rearmed = plan_at (f, due + 1);
  g_assert_cmpint (rearmed->kind, ==, RAPPORT_NUDGE_NONE);
  g_assert_cmpint (rearmed->wake_at, ==, due + 2 * HOUR);

  /* At the second item's time only the second item is shown. */
  later = plan_at (f, due + 2 * HOUR);
  g_assert_cmpint (later->kind, ==, RAPPORT_NUDGE_SINGLE);
  g_assert_cmpint (((RapportDueItem *) g_ptr_array_index (later->items, 0))->id, ==, 2);
  mark_shown (f, later);

  item->due_at = rapport_nudge_snooze_until (RAPPORT_SNOOZE_HOUR, due + 2 * HOUR);
  snoozed = plan_at (f, due + 3 * HOUR);
  g_assert_cmpint (snoozed->kind, ==, RAPPORT_NUDGE_SINGLE);
  g_assert_cmpint (((RapportDueItem *) g_ptr_array_index (snoozed->items, 0))->id, ==, 1);
}

/* Nothing open: no timer at all, so an idle nudger never wakes. */
static void
test_nothing_due (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(RapportNudgePlan) plan = plan_at (f, local (11, 2, 12, 0));

  g_assert_cmpint (plan->kind, ==, RAPPORT_NUDGE_NONE);
  g_assert_cmpint (plan->wake_at, ==, 0);
}

static void
test_quiet_hours_off (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(RapportNudgePlan) plan = NULL;
  gint64 due = local (11, 8, 23, 0);  /* a Sunday night */

  f->settings.quiet_hours_enabled = FALSE;
  f->settings.working_days = 0xfe;
  add_item (f, 1, "Ada Lovelace", "keep_in_touch", due);

  plan = plan_at (f, due);
  g_assert_cmpint (plan->kind, ==, RAPPORT_NUDGE_SINGLE);
}

static void
test_snooze_until (void)
{
  use_zone ("Europe/Paris");

  g_assert_cmpint (rapport_nudge_snooze_until (RAPPORT_SNOOZE_HOUR, local (11, 2, 10, 0)),
                   ==, local (11, 2, 11, 0));
  g_assert_cmpint (rapport_nudge_snooze_until (RAPPORT_SNOOZE_TOMORROW, local (11, 2, 10, 0)),
                   ==, local (11, 3, 9, 0));
  g_assert_cmpint (rapport_nudge_snooze_until (RAPPORT_SNOOZE_TOMORROW, local (11, 2, 0, 5)),
                   ==, local (11, 3, 9, 0));
  /* Across the end of summer time, still 09:00 on the clock. */
  g_assert_cmpint (rapport_nudge_snooze_until (RAPPORT_SNOOZE_TOMORROW, local (10, 24, 22, 0)),
                   ==, local (10, 25, 9, 0));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/nudge-plan/single", test_single);
  ADD ("/nudge-plan/digest", test_digest);
  ADD ("/nudge-plan/stale-summary", test_stale_summary);
  ADD ("/nudge-plan/backlog-summary", test_backlog_summary);
  ADD ("/nudge-plan/late-wakeup", test_late_wakeup);
  ADD ("/nudge-plan/stale-single", test_stale_single);
  ADD ("/nudge-plan/quiet-hours-overnight", test_quiet_hours_overnight);
  ADD ("/nudge-plan/quiet-weekend", test_quiet_weekend);
  ADD ("/nudge-plan/no-duplicate", test_no_duplicate);
  ADD ("/nudge-plan/nothing-due", test_nothing_due);
  ADD ("/nudge-plan/quiet-hours-off", test_quiet_hours_off);
  g_test_add_func ("/nudge-plan/snooze-until", test_snooze_until);

#undef ADD

  return g_test_run ();
}
