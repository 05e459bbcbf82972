/* test-pester.c: never-pester invariants over thousands of random histories
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each case builds a random customer (sales, deliveries, referrals, reference
 * uses, logged contacts, the user's own follow-ups, items already done) on a
 * random day, derives the playbook and checks what a user would notice if it
 * broke: a contact too soon after the last one, two check-ins within the gap,
 * a crowded month, an item moved without a word of why.  Reproduce a
 * failure with the seed it prints: test-pester --seed R02S…
 */

#include "config.h"

#include <string.h>
#include <time.h>

#include "rapport-pester.h"
#include "rapport-time.h"

#define DAY RAPPORT_SECONDS_PER_DAY
#define N_CASES 4000

static const char *stages[] = {
  "promised", "introduction_requested", "introduced", "contacted", "meeting", "won", "lost",
};

static gint64
random_time (gint64 around,
             int    days_before,
             int    days_after)
{
  return around + (gint64) g_test_rand_int_range (-days_before * 24, days_after * 24 + 1) * 3600 +
         g_test_rand_int_range (0, 3600);
}

static void
add_referrals (RapportHistory *history,
               gint64          now)
{
  int n = g_test_rand_int_range (0, 4);

  for (int i = 0; i < n; i++)
    {
      gint64 created = random_time (now, 120, 2);
      const char *stage = stages[g_test_rand_int_range (0, G_N_ELEMENTS (stages))];
      RapportHistoryReferral *referral;
      int n_changes = g_test_rand_int_range (0, 4);
      gint64 changed = created;

      referral = rapport_history_add_referral (history, 100 + i, g_test_rand_bit (), "Grace",
                                               stage, created);
      rapport_history_referral_add_change (referral, 1000 + i * 10, NULL, "promised", created);
      for (int j = 1; j <= n_changes; j++)
        {
          changed += g_test_rand_int_range (0, 20) * DAY;
          rapport_history_referral_add_change (referral, 1000 + i * 10 + j,
                                               stages[j - 1], stages[j], changed);
        }
      if (g_test_rand_int_range (0, 3) == 0)
        referral->thanked_at = created + DAY;
      if (g_test_rand_int_range (0, 3) == 0)
        referral->referrer_informed_at = created + g_test_rand_int_range (0, 40) * DAY;
    }
}

static RapportHistory *
random_history (gint64 now)
{
  static const char *satisfactions[] = { "unknown", "unhappy", "satisfied", "delighted" };
  static const char *statuses[] = { "customer", "customer", "prospect", "former" };
  static const char *answers[] = { "no", "agreed", "declined" };
  RapportHistory *history = rapport_history_new (1, "Ada");
  int n;

  history->created_at = random_time (now, 700, 0);
  g_free (history->status);
  history->status = g_strdup (statuses[g_test_rand_int_range (0, 4)]);
  g_free (history->satisfaction);
  history->satisfaction = g_strdup (satisfactions[g_test_rand_int_range (0, 4)]);
  if (g_test_rand_bit ())
    history->satisfaction_recorded_at = random_time (now, 100, 0);
  if (g_test_rand_int_range (0, 4) == 0)
    history->min_gap_days = g_test_rand_int_range (0, 15);
  if (g_test_rand_int_range (0, 4) == 0)
    history->cadence.ideal_days = g_test_rand_int_range (1, 120);
  history->n_testimonials = g_test_rand_int_range (0, 3) == 0;

  n = g_test_rand_int_range (0, 4);
  for (int i = 0; i < n; i++)
    {
      gint64 closed = random_time (now, 200, 0);
      gint64 delivered = g_test_rand_bit () ? closed + g_test_rand_int_range (0, 20) * DAY : 0;

      rapport_history_add_sale (history, 10 + i, "Widget", closed, delivered,
                                answers[g_test_rand_int_range (0, 3)]);
    }

  add_referrals (history, now);

  n = g_test_rand_int_range (0, 4);
  for (int i = 0; i < n; i++)
    rapport_history_add_reference_use (history, 50 + i, "Initech", random_time (now, 60, 0));

  /* Bursts of contacts, sometimes more than the 30-day limit on their own. */
  n = g_test_rand_int_range (0, 12);
  for (int i = 0; i < n; i++)
    rapport_history_add_contact (history, random_time (now, 60, 0));

  n = g_test_rand_int_range (0, 4);
  for (int i = 0; i < n; i++)
    {
      gint64 at = random_time (now, 20, 40);

      g_array_append_val (history->user_scheduled, at);
    }

  return history;
}

static void
random_settings (RapportPlaybookSettings *settings)
{
  rapport_playbook_settings_init_defaults (settings);
  if (g_test_rand_bit ())
    return;
  settings->min_gap_days = g_test_rand_int_range (0, 10);
  settings->max_contacts_per_30_days = g_test_rand_int_range (1, 9);
  settings->keep_in_touch_days = g_test_rand_int_range (7, 200);
  settings->delivery_check_in_days = g_test_rand_int_range (1, 8);
  settings->delivery_check_ins_max = g_test_rand_int_range (0, 6);
  settings->follow_up_meeting_days = g_test_rand_int_range (1, 60);
  settings->introduction_ask_days = g_test_rand_int_range (0, 30);
  settings->testimonial_min_days = g_test_rand_int_range (0, 365);
}

static int
day_of (gint64 t)
{
  return rapport_playbook_local_day (t);
}

static gboolean
is_user_slot (const RapportHistory *history,
              gint64                at)
{
  for (guint i = 0; i < history->user_scheduled->len; i++)
    if (g_array_index (history->user_scheduled, gint64, i) == at)
      return TRUE;
  return FALSE;
}

/* Distinct planned contact times: the user's and the derived ones. */
static GArray *
planned_times (const RapportHistory *history,
               GPtrArray            *items)
{
  GArray *times = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < history->user_scheduled->len + items->len; i++)
    {
      gint64 at = i < history->user_scheduled->len
                  ? g_array_index (history->user_scheduled, gint64, i)
                  : ((RapportPlaybookItem *) g_ptr_array_index (items, i - history->user_scheduled->len))->due_at;
      gboolean seen = FALSE;

      for (guint j = 0; j < times->len && !seen; j++)
        seen = g_array_index (times, gint64, j) == at;
      if (!seen)
        g_array_append_val (times, at);
    }
  return times;
}

static int
count_in_window (const RapportHistory *history,
                 GArray               *planned,
                 int                   start)
{
  int count = 0;

  for (guint i = 0; i < history->contacts->len; i++)
    {
      int day = day_of (g_array_index (history->contacts, gint64, i));

      count += day >= start && day < start + RAPPORT_PESTER_WINDOW_DAYS;
    }
  for (guint i = 0; i < planned->len; i++)
    {
      int day = day_of (g_array_index (planned, gint64, i));

      count += day >= start && day < start + RAPPORT_PESTER_WINDOW_DAYS;
    }
  return count;
}

static void
check_item (const RapportHistory          *history,
            const RapportPlaybookSettings *settings,
            const RapportPlaybookItem     *item)
{
  int gap = history->min_gap_days >= 0 ? history->min_gap_days : settings->min_gap_days;
  int spacing = MAX (gap, 1);

  g_assert_false (g_hash_table_contains (history->closed_rules, item->rule_key));
  g_assert_true (item->reason != NULL && *item->reason != '\0');
  g_assert_true (g_utf8_validate (item->reason, -1, NULL));

  /* Never within the minimum gap of the last contact. */
  if (history->last_contact != 0)
    g_assert_cmpint (day_of (item->due_at), >=, day_of (history->last_contact) + gap);

  /* Only joining a check-in may bring an item forward, and by less than the gap. */
  g_assert_cmpint (day_of (item->due_at), >, day_of (item->wanted_at) - spacing);

  /* A moved item says why. */
  if (item->due_at > item->wanted_at)
    {
      g_assert_cmpint (item->postponed, !=, RAPPORT_POSTPONED_NOT);
      g_assert_true (strstr (item->reason, "(postponed: ") != NULL ||
                     strstr (item->reason, "(moved to go with another check-in)") != NULL);
    }
  else
    {
      g_assert_cmpint (item->postponed, ==, RAPPORT_POSTPONED_NOT);
    }

  g_assert_true (item->overdue_at == 0 || item->overdue_at > item->due_at);
}

static void
check_schedule (const RapportHistory          *history,
                const RapportPlaybookSettings *settings,
                GPtrArray                     *items)
{
  g_autoptr(GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) planned = planned_times (history, items);
  int gap = history->min_gap_days >= 0 ? history->min_gap_days : settings->min_gap_days;
  int spacing = MAX (gap, 1);

  for (guint i = 0; i < items->len; i++)
    {
      const RapportPlaybookItem *item = g_ptr_array_index (items, i);

      g_assert_true (g_hash_table_add (keys, item->rule_key));
      check_item (history, settings, item);

      /* Items due close together are one check-in: the same instant. */
      for (guint j = 0; j < items->len; j++)
        {
          const RapportPlaybookItem *other = g_ptr_array_index (items, j);

          if (other->due_at != item->due_at &&
              ABS (day_of (other->due_at) - day_of (item->due_at)) < spacing)
            g_assert_true (is_user_slot (history, item->due_at) &&
                           is_user_slot (history, other->due_at));
        }

      /* No 30 days around a new check-in hold more contacts than allowed. */
      if (!is_user_slot (history, item->due_at))
        for (int start = day_of (item->due_at) - RAPPORT_PESTER_WINDOW_DAYS + 1;
             start <= day_of (item->due_at); start++)
          g_assert_cmpint (count_in_window (history, planned, start), <=,
                           settings->max_contacts_per_30_days);
    }
}

static void
assert_same_schedule (GPtrArray *a,
                      GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      const RapportPlaybookItem *x = g_ptr_array_index (a, i);
      const RapportPlaybookItem *y = g_ptr_array_index (b, i);

      g_assert_cmpstr (x->rule_key, ==, y->rule_key);
      g_assert_cmpint (x->due_at, ==, y->due_at);
      g_assert_cmpint (x->overdue_at, ==, y->overdue_at);
    }
}

static void
test_pester_random_histories (void)
{
  g_autoptr(GDateTime) base = g_date_time_new_utc (2026, 1, 1, 0, 0, 0);
  guint n_items = 0, n_postponed = 0, n_merged = 0;

  for (guint n = 0; n < N_CASES; n++)
    {
      gint64 now = random_time (g_date_time_to_unix (base), 0, 730);
      g_autoptr(RapportHistory) history = random_history (now);
      g_autoptr(GPtrArray) items = NULL;
      g_autoptr(GPtrArray) later = NULL;
      RapportPlaybookSettings settings;

      random_settings (&settings);
      items = rapport_playbook_derive (history, &settings, now);
      check_schedule (history, &settings, items);

      /* The schedule depends on the history, not on when it is derived. */
      later = rapport_playbook_derive (history, &settings, now + g_test_rand_int_range (1, 50) * DAY);
      assert_same_schedule (items, later);

      /* Whatever the user closes is never derived again. */
      for (guint i = 0; i < items->len; i++)
        if (g_test_rand_int_range (0, 3) == 0)
          g_hash_table_add (history->closed_rules,
                            g_strdup (((RapportPlaybookItem *) g_ptr_array_index (items, i))->rule_key));
      g_clear_pointer (&later, g_ptr_array_unref);
      later = rapport_playbook_derive (history, &settings, now);
      check_schedule (history, &settings, later);

      n_items += items->len;
      for (guint i = 0; i < items->len; i++)
        {
          const RapportPlaybookItem *item = g_ptr_array_index (items, i);

          n_postponed += item->postponed != RAPPORT_POSTPONED_NOT;
          n_merged += item->due_at < item->wanted_at;
        }
    }

  /* The cases must exercise the rules, not pass by having nothing to space. */
  g_test_message ("%u items, %u postponed, %u brought forward into a check-in",
                  n_items, n_postponed, n_merged);
  g_assert_cmpuint (n_items, >, N_CASES * 3);
  g_assert_cmpuint (n_postponed, >, N_CASES / 4);
  g_assert_cmpuint (n_merged, >, N_CASES / 20);
}

/* Hand-made cases for the rules the random ones rely on. */
static void
test_pester_gap_and_merge (void)
{
  g_autoptr(GDateTime) monday = g_date_time_new_local (2026, 11, 2, 9, 0, 0);
  gint64 now = g_date_time_to_unix (monday);
  g_autoptr(GArray) contacts = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_playbook_item_free);
  gint64 last = now - DAY + 5 * 3600;
  RapportPester pester = { 3, 4, last, contacts, NULL, now };
  RapportPlaybookItem *a, *b, *c;
  g_autofree char *why = NULL;

  g_array_append_val (contacts, last);
  a = rapport_playbook_item_new ("a", "keep_in_touch", now, 0, NULL);
  b = rapport_playbook_item_new ("b", "keep_in_touch", now + 3 * DAY, now + 10 * DAY, NULL);
  c = rapport_playbook_item_new ("c", "keep_in_touch", now + 6 * DAY, 0, NULL);
  g_ptr_array_add (items, c);
  g_ptr_array_add (items, a);
  g_ptr_array_add (items, b);
  rapport_pester_apply (&pester, items);

  /* a: in touch yesterday, so Wednesday 09:00; b joins it (a day earlier
   * than wanted); c is three days after that. */
  g_assert_cmpint (a->due_at, ==, now + 2 * DAY);
  g_assert_cmpint (a->postponed, ==, RAPPORT_POSTPONED_RECENT_CONTACT);
  g_assert_cmpint (b->due_at, ==, now + 2 * DAY);
  g_assert_cmpint (b->postponed, ==, RAPPORT_POSTPONED_NOT);
  g_assert_cmpint (b->overdue_at, ==, now + 10 * DAY);
  g_assert_cmpint (c->due_at, ==, now + 6 * DAY);

  why = rapport_pester_explain (&pester, a);
  g_assert_cmpstr (why, ==, "postponed: you were in touch yesterday");
  g_assert_null (rapport_pester_explain (&pester, b));
}

static void
test_pester_window (void)
{
  g_autoptr(GDateTime) monday = g_date_time_new_local (2026, 11, 2, 9, 0, 0);
  gint64 now = g_date_time_to_unix (monday);
  g_autoptr(GArray) contacts = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) user = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_playbook_item_free);
  RapportPester pester = { 3, 4, 0, contacts, user, now };
  RapportPlaybookItem *item;
  gint64 at;

  /* Three calls in the last 19 days and a meeting the user planned. */
  for (int i = 0; i < 3; i++)
    {
      at = now - (19 - 5 * i) * DAY;
      g_array_append_val (contacts, at);
    }
  pester.last_contact = at;
  at = now + 4 * DAY;
  g_array_append_val (user, at);

  item = rapport_playbook_item_new ("x", "keep_in_touch", now + 10 * DAY, now + 20 * DAY, NULL);
  g_ptr_array_add (items, item);
  rapport_pester_apply (&pester, items);

  /* The 30 days ending on day 10 already hold four contacts; the first
   * call leaves the window the day after. */
  g_assert_cmpint (rapport_playbook_local_day (item->due_at), ==,
                   rapport_playbook_local_day (now + 11 * DAY));
  g_assert_cmpint (item->postponed, ==, RAPPORT_POSTPONED_TOO_MANY);
  /* It keeps its ten days before turning overdue. */
  g_assert_cmpint (item->overdue_at - item->due_at, ==, 10 * DAY);
}

int
main (int   argc,
      char *argv[])
{
  /* A zone with DST, so day arithmetic meets short and long days. */
  g_setenv ("TZ", "Europe/Berlin", TRUE);
  tzset ();
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/pester/gap-and-merge", test_pester_gap_and_merge);
  g_test_add_func ("/pester/window", test_pester_window);
  g_test_add_func ("/pester/random-histories", test_pester_random_histories);

  return g_test_run ();
}
