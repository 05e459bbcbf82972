/* test-playbook.c: each playbook rule on a fixed clock
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <time.h>

#include "rapport-playbook.h"
#include "rapport-time.h"

#define DAY RAPPORT_SECONDS_PER_DAY

/* Monday 2 November 2026, 09:00 in the test's time zone (UTC). */
static gint64
monday (void)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (2026, 11, 2, 9, 0, 0);

  return g_date_time_to_unix (dt);
}

static RapportPlaybookSettings settings;

static GPtrArray *
derive (RapportHistory *history,
        gint64          now)
{
  return rapport_playbook_derive (history, &settings, now);
}

static RapportPlaybookItem *
find (GPtrArray  *items,
      const char *rule_key)
{
  for (guint i = 0; i < items->len; i++)
    {
      RapportPlaybookItem *item = g_ptr_array_index (items, i);

      if (g_strcmp0 (item->rule_key, rule_key) == 0)
        return item;
    }
  return NULL;
}

static RapportPlaybookItem *
expect (GPtrArray  *items,
        const char *rule_key,
        const char *kind,
        gint64      due_at)
{
  RapportPlaybookItem *item = find (items, rule_key);

  if (item == NULL)
    g_error ("no item %s", rule_key);
  g_assert_cmpstr (item->kind, ==, kind);
  g_assert_cmpint (item->due_at, ==, due_at);
  return item;
}

/* A customer added long ago and contacted today, so only the rule under
 * test (and a keep-in-touch 90 days out) produces items. */
static RapportHistory *
customer (gint64 now)
{
  RapportHistory *history = rapport_history_new (1, "Ada Lovelace");

  history->created_at = now - 400 * DAY;
  return history;
}

static void
test_sale_closed (void)
{
  gint64 now = monday ();
  g_autoptr(RapportHistory) history = customer (now);
  g_autoptr(GPtrArray) items = NULL;
  RapportPlaybookItem *item;

  rapport_history_add_sale (history, 12, "Acme CRM", now, 0, "no");
  items = derive (history, now);

  item = expect (items, "sale:12:preposition", "preposition_referral", now);
  g_assert_cmpint (item->sale_id, ==, 12);
  g_assert_cmpstr (item->reason, ==,
                   "Closed Acme CRM today; pre-position the referral: “If you’re delighted, "
                   "would you share your experience with someone who could use it?”");
  /* No delivery yet: no check-ins, and the meeting counts from the close. */
  g_assert_null (find (items, "sale:12:delivery:1"));
  item = expect (items, "sale:12:meeting", "follow_up_meeting", now + 30 * DAY);
  g_assert_cmpstr (item->reason, ==, "Closed Acme CRM 30 days ago; meet about complementary products");
}

static void
test_sale_prepositioned (void)
{
  gint64 now = monday ();
  g_autoptr(RapportHistory) history = customer (now);
  g_autoptr(GPtrArray) items = NULL;

  rapport_history_add_sale (history, 12, "Acme CRM", now, 0, "agreed");
  rapport_history_add_sale (history, 13, "Acme Mail", now, 0, "declined");
  items = derive (history, now);

  g_assert_null (find (items, "sale:12:preposition"));
  g_assert_null (find (items, "sale:13:preposition"));
}

static void
test_sale_delivered (void)
{
  gint64 now = monday ();
  g_autoptr(RapportHistory) history = customer (now);
  g_autoptr(GPtrArray) items = NULL;
  RapportPlaybookItem *item;

  rapport_history_add_sale (history, 12, "Acme CRM", now, now, "agreed");
  items = derive (history, now);

  item = expect (items, "sale:12:delivery:1", "delivery_check_in", now + 3 * DAY);
  g_assert_cmpstr (item->reason, ==, "Delivered Acme CRM 3 days ago; make sure they are happy");
  expect (items, "sale:12:delivery:2", "delivery_check_in", now + 6 * DAY);
  expect (items, "sale:12:delivery:3", "delivery_check_in", now + 9 * DAY);
  g_assert_null (find (items, "sale:12:delivery:4"));
  item = expect (items, "sale:12:satisfaction", "satisfaction_check", now + 12 * DAY);
  g_assert_cmpstr (item->reason, ==,
                   "Delivered Acme CRM 12 days ago and no satisfaction recorded after "
                   "3 check-ins; ask how it is going");
  /* Four check-ins from day 3 to day 12 fill that 30-day window, so the
   * meeting waits until day 33. */
  item = expect (items, "sale:12:meeting", "follow_up_meeting", now + 33 * DAY);
  g_assert_cmpint (item->wanted_at, ==, now + 30 * DAY);
  g_assert_cmpstr (item->reason, ==,
                   "Delivered Acme CRM 33 days ago; meet about complementary products "
                   "(postponed: at most 4 contacts in 30 days)");
}

/* Closing and delivering on the same day wants five contacts within 30
 * days: the fifth waits until the first leaves the window. */
static void
test_sale_closed_and_delivered_respects_window (void)
{
  gint64 now = monday ();
  g_autoptr(RapportHistory) history = customer (now);
  g_autoptr(GPtrArray) items = NULL;
  RapportPlaybookItem *item;

  rapport_history_add_sale (history, 12, "Acme CRM", now, now, "no");
  items = derive (history, now);

  expect (items, "sale:12:preposition", "preposition_referral", now);
  expect (items, "sale:12:delivery:3", "delivery_check_in", now + 9 * DAY);
  item = expect (items, "sale:12:satisfaction", "satisfaction_check", now + 30 * DAY);
  g_assert_cmpint (item->postponed, ==, RAPPORT_POSTPONED_TOO_MANY);
  g_assert_true (g_str_has_suffix (item->reason, "(postponed: at most 4 contacts in 30 days)"));
  /* The meeting falls on the same day: one check-in, one reminder. */
  expect (items, "sale:12:meeting", "follow_up_meeting", now + 30 * DAY);
}

static void
test_satisfaction_stops_check_ins (void)
{
  gint64 now = monday ();
  g_autoptr(RapportHistory) history = customer (now);
  g_autoptr(GPtrArray) items = NULL;

  rapport_history_add_sale (history, 12, "Acme CRM", now - 5 * DAY, now - 4 * DAY, "no");
  g_free (history->satisfaction);
  history->satisfaction = g_strdup ("satisfied");
  history->satisfaction_recorded_at = now - 1 * DAY;
  items = derive (history, now);

  g_assert_null (find (items, "sale:12:delivery:1"));
  g_assert_null (find (items, "sale:12:delivery:2"));
  g_assert_null (find (items, "sale:12:satisfaction"));
  g_assert_nonnull (find (items, "sale:12:meeting"));

  /* Satisfaction from before this delivery says nothing about it. */
  history->satisfaction_recorded_at = now - 30 * DAY;
  g_clear_pointer (&items, g_ptr_array_unref);
  items = derive (history, now);
  g_assert_nonnull (find (items, "sale:12:delivery:1"));
}

static void
test_introduction_ask (void)
{
  gint64 now = monday ();
  g_autoptr(RapportHistory) history = customer (now);
  g_autoptr(GPtrArray) items = NULL;
  RapportPlaybookItem *item;

  /* Delivered 20 days ago, delighted since 10 days ago (23 Oct). */
  rapport_history_add_sale (history, 12, "Acme CRM", now - 25 * DAY, now - 20 * DAY, "agreed");
  g_free (history->satisfaction);
  history->satisfaction = g_strdup ("delighted");
  history->satisfaction_recorded_at = now - 10 * DAY;
  items = derive (history, now);

  /* 14 days after delivery was 6 days ago. */
  item = expect (items, "sale:12:introduction", "introduction_ask", now - 6 * DAY);
  g_assert_cmpstr (item->reason, ==,
                   "Delighted since 23 Oct and promised at the close; ask for a personal introduction");

  /* Once they have introduced someone, the promise is kept: no ask. */
  rapport_history_add_referral (history, 7, TRUE, "Grace Hopper", "introduced", now - 2 * DAY);
  g_clear_pointer (&items, g_ptr_array_unref);
  items = derive (history, now);
  g_assert_null (find (items, "sale:12:introduction"));
  g_ptr_array_set_size (history->referrals, 0);

  /* Not promised at the close: no ask. */
  g_free (((RapportHistorySale *) g_ptr_array_index (history->sales, 0))->prepositioned);
  ((RapportHistorySale *) g_ptr_array_index (history->sales, 0))->prepositioned = g_strdup ("declined");
  g_clear_pointer (&items, g_ptr_array_unref);
  items = derive (history, now);
  g_assert_null (find (items, "sale:12:introduction"));
}

static void
test_introduction_waits_for_delivery_days (void)
{
  gint64 now = monday ();
  g_autoptr(RapportHistory) history = customer (now);
  g_autoptr(GPtrArray) items = NULL;

  rapport_history_add_sale (history, 12, "Acme CRM", now - 5 * DAY, now - 4 * DAY, "agreed");
  g_free (history->satisfaction);
  history->satisfaction = g_strdup ("delighted");
  history->satisfaction_recorded_at = now - 1 * DAY;
  items = derive (history, now);

  expect (items, "sale:12:introduction", "introduction_ask", now + 10 * DAY);
}

static void
test_testimonial_ask (void)
{
  gint64 now = monday ();
  g_autoptr(RapportHistory) history = customer (now);
  g_autoptr(GPtrArray) items = NULL;
  RapportPlaybookItem *item;

  history->created_at = now - 30 * DAY;
  rapport_history_add_sale (history, 12, "Acme CRM", now - 200 * DAY, 0, "declined");
  g_free (history->satisfaction);
  history->satisfaction = g_strdup ("delighted");
  history->satisfaction_recorded_at = now - 2 * DAY;
  items = derive (history, now);
  /* A customer since the sale, 200 days ago; the reason says which date that is. */
  item = expect (items, "testimonial-ask", "testimonial_ask", now - 2 * DAY);
  g_assert_nonnull (strstr (item->reason, "A customer since "));
  g_assert_nonnull (strstr (item->reason, ", delighted, with no testimonial on file"));

  history->n_testimonials = 1;
  g_clear_pointer (&items, g_ptr_array_unref);
  items = derive (history, now);
  g_assert_null (find (items, "testimonial-ask"));

  history->n_testimonials = 0;
  g_free (history->status);
  history->status = g_strdup ("prospect");
  g_clear_pointer (&items, g_ptr_array_unref);
  items = derive (history, now);
  g_assert_null (find (items, "testimonial-ask"));
}

static void
test_testimonial_waits_for_age (void)
{
  gint64 now = monday ();
  g_autoptr(RapportHistory) history = customer (now);
  g_autoptr(GPtrArray) items = NULL;

  history->created_at = now - 100 * DAY;
  g_free (history->satisfaction);
  history->satisfaction = g_strdup ("delighted");
  history->satisfaction_recorded_at = now - 50 * DAY;
  items = derive (history, now);

  expect (items, "testimonial-ask", "testimonial_ask", now + 80 * DAY);
}

static void
test_referral_received (void)
{
  gint64 now = monday ();
  g_autoptr(RapportHistory) referrer = customer (now);
  g_autoptr(RapportHistory) prospect = rapport_history_new (2, "Grace Hopper");
  g_autoptr(GPtrArray) items = NULL;
  RapportPlaybookItem *item;
  gint64 arrived = now + 5 * 3600;

  prospect->created_at = arrived;
  rapport_history_add_referral (referrer, 7, TRUE, "Grace Hopper", "promised", arrived);
  rapport_history_add_referral (prospect, 7, FALSE, "Ada Lovelace", "promised", arrived);

  items = derive (referrer, arrived);
  item = expect (items, "referral:7:thank", "thank_referrer", arrived);
  g_assert_cmpint (item->referral_id, ==, 7);
  g_assert_cmpint (item->overdue_at, ==, 0);
  g_assert_cmpstr (item->reason, ==, "Referred Grace Hopper today; thank them today");

  g_clear_pointer (&items, g_ptr_array_unref);
  items = derive (prospect, arrived);
  item = expect (items, "referral:7:contact", "contact_referral", arrived);
  g_assert_cmpint (item->overdue_at, ==, arrived + DAY);
  g_assert_cmpstr (item->reason, ==, "Referred by Ada Lovelace today; contact them within 24 hours");
}

static void
test_referral_progress (void)
{
  gint64 now = monday ();
  g_autoptr(RapportHistory) referrer = customer (now);
  g_autoptr(RapportHistory) prospect = rapport_history_new (2, "Grace Hopper");
  g_autoptr(GPtrArray) items = NULL;
  RapportHistoryReferral *referral;
  RapportPlaybookItem *item;

  referral = rapport_history_add_referral (referrer, 7, TRUE, "Grace Hopper", "won", now - 40 * DAY);
  referral->thanked_at = now - 40 * DAY;
  referral->referrer_informed_at = now - 20 * DAY;
  rapport_history_referral_add_change (referral, 30, NULL, "promised", now - 40 * DAY);
  rapport_history_referral_add_change (referral, 31, "promised", "contacted", now - 39 * DAY);
  rapport_history_referral_add_change (referral, 32, "contacted", "meeting", now - 10 * DAY);
  rapport_history_referral_add_change (referral, 33, "meeting", "won", now);

  items = derive (referrer, now);
  g_assert_null (find (items, "referral:7:thank"));
  g_assert_null (find (items, "referral:7:inform:31"));
  /* Telling them about the win also covers the meeting. */
  g_assert_null (find (items, "referral:7:inform:32"));
  item = expect (items, "referral:7:inform:33", "keep_source_informed", now);
  g_assert_cmpstr (item->reason, ==, "Your referral Grace Hopper moved to “won” today; keep them informed");
  item = expect (items, "referral:7:won-thanks", "thank_referrer", now);
  g_assert_cmpstr (item->reason, ==,
                   "Your referral Grace Hopper became a customer today; send a thank-you note or a small gift");

  /* A prospect already contacted needs no first contact. */
  rapport_history_add_referral (prospect, 7, FALSE, "Ada Lovelace", "won", now - 40 * DAY);
  g_clear_pointer (&items, g_ptr_array_unref);
  items = derive (prospect, now);
  g_assert_null (find (items, "referral:7:contact"));
}

static void
test_reference_care (void)
{
  gint64 now = monday ();
  g_autoptr(RapportHistory) history = customer (now);
  g_autoptr(GPtrArray) items = NULL;
  RapportPlaybookItem *item;

  rapport_history_add_reference_use (history, 3, "Initech", now - 20 * DAY);
  rapport_history_add_reference_use (history, 4, "Globex", now - 10 * DAY);
  rapport_history_add_reference_use (history, 5, "Umbrella", now);
  g_hash_table_add (history->closed_rules, g_strdup ("reference-use:3:care"));
  g_hash_table_add (history->closed_rules, g_strdup ("reference-use:4:care"));
  items = derive (history, now);

  g_assert_null (find (items, "reference-use:3:care"));
  item = expect (items, "reference-use:5:care", "reference_care", now);
  g_assert_cmpstr (item->reason, ==,
                   "Given as a reference to Umbrella today; thank them — that is 3 times in 30 days, "
                   "give them a rest");
}

static void
test_keep_in_touch (void)
{
  gint64 now = monday ();
  gint64 last = now - 92 * DAY;
  g_autoptr(RapportHistory) history = customer (now);
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *key = g_strdup_printf ("keep-in-touch:%" G_GINT64_FORMAT, last);
  RapportPlaybookItem *item;

  rapport_history_add_contact (history, last - 10 * DAY);
  rapport_history_add_contact (history, last);
  items = derive (history, now);

  item = expect (items, key, "keep_in_touch", last + 90 * DAY);
  g_assert_cmpint (item->overdue_at, ==, last + 135 * DAY);
  g_assert_cmpstr (item->reason, ==, "No contact for 92 days; bring them something new");

  /* Logging a contact restarts the cadence. */
  rapport_history_add_contact (history, now);
  g_clear_pointer (&items, g_ptr_array_unref);
  items = derive (history, now);
  g_assert_null (find (items, key));
  g_free (key);
  key = g_strdup_printf ("keep-in-touch:%" G_GINT64_FORMAT, now);
  expect (items, key, "keep_in_touch", now + 90 * DAY);
}

static void
test_keep_in_touch_skipped_cycle (void)
{
  gint64 now = monday ();
  gint64 last = now - 100 * DAY;
  g_autoptr(RapportHistory) history = customer (now);
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *key = g_strdup_printf ("keep-in-touch:%" G_GINT64_FORMAT, last);
  g_autofree char *next = g_strdup_printf ("keep-in-touch:%" G_GINT64_FORMAT ":2", last);

  rapport_history_add_contact (history, last);
  g_hash_table_add (history->closed_rules, g_strdup (key));
  items = derive (history, now);

  g_assert_null (find (items, key));
  expect (items, next, "keep_in_touch", last + 180 * DAY);
}

static void
test_cadence (void)
{
  gint64 now = monday ();
  g_autoptr(RapportHistory) history = customer (now);
  RapportCadence vip = { 30, 40 };
  RapportCadence partner = { 60, 35 };
  int ideal, latest;

  rapport_playbook_cadence (history, &settings, &ideal, &latest);
  g_assert_cmpint (ideal, ==, 90);
  g_assert_cmpint (latest, ==, 135);

  /* The shortest of the tags' intervals. */
  g_array_append_val (history->tag_cadences, vip);
  g_array_append_val (history->tag_cadences, partner);
  rapport_playbook_cadence (history, &settings, &ideal, &latest);
  g_assert_cmpint (ideal, ==, 30);
  g_assert_cmpint (latest, ==, 35);

  /* The customer's own wins over the tags. */
  history->cadence.ideal_days = 14;
  history->cadence.latest_days = 0;
  rapport_playbook_cadence (history, &settings, &ideal, &latest);
  g_assert_cmpint (ideal, ==, 14);
  g_assert_cmpint (latest, ==, 35);

  history->cadence.latest_days = 21;
  rapport_playbook_cadence (history, &settings, &ideal, &latest);
  g_assert_cmpint (latest, ==, 21);
}

static void
test_keep_in_touch_uses_tag_cadence (void)
{
  gint64 now = monday ();
  g_autoptr(RapportHistory) history = customer (now);
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *key = g_strdup_printf ("keep-in-touch:%" G_GINT64_FORMAT, now);
  RapportCadence vip = { 30, 40 };
  RapportPlaybookItem *item;

  g_array_append_val (history->tag_cadences, vip);
  rapport_history_add_contact (history, now);
  items = derive (history, now);

  item = expect (items, key, "keep_in_touch", now + 30 * DAY);
  g_assert_cmpint (item->overdue_at, ==, now + 40 * DAY);
}

static void
test_never_contacted (void)
{
  gint64 now = monday ();
  g_autoptr(RapportHistory) history = customer (now);
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *key = NULL;
  RapportPlaybookItem *item;

  history->created_at = now - 91 * DAY;
  key = g_strdup_printf ("keep-in-touch:%" G_GINT64_FORMAT, history->created_at);
  items = derive (history, now);

  item = expect (items, key, "keep_in_touch", now - DAY);
  g_assert_cmpstr (item->reason, ==, "No contact since they were added 91 days ago; bring them something new");
}

static void
test_done_items_are_not_recreated (void)
{
  gint64 now = monday ();
  g_autoptr(RapportHistory) history = customer (now);
  g_autoptr(GPtrArray) items = NULL;

  rapport_history_add_sale (history, 12, "Acme CRM", now - 4 * DAY, now - 4 * DAY, "no");
  g_hash_table_add (history->closed_rules, g_strdup ("sale:12:preposition"));
  g_hash_table_add (history->closed_rules, g_strdup ("sale:12:delivery:1"));
  items = derive (history, now);

  g_assert_null (find (items, "sale:12:preposition"));
  g_assert_null (find (items, "sale:12:delivery:1"));
  g_assert_nonnull (find (items, "sale:12:delivery:2"));
}

static void
test_recent_contact_postpones (void)
{
  gint64 now = monday ();
  g_autoptr(RapportHistory) history = customer (now);
  g_autoptr(GPtrArray) items = NULL;
  RapportPlaybookItem *item;

  /* Called yesterday afternoon; the referral arrives today. */
  rapport_history_add_contact (history, now - 18 * 3600);
  rapport_history_add_referral (history, 7, TRUE, "Grace Hopper", "promised", now);
  items = derive (history, now);

  /* Not before Wednesday (three days after Sunday's call), at 09:00. */
  item = expect (items, "referral:7:thank", "thank_referrer", now + 3 * DAY - DAY);
  g_assert_cmpint (item->postponed, ==, RAPPORT_POSTPONED_RECENT_CONTACT);
  g_assert_cmpstr (item->reason, ==,
                   "Referred Grace Hopper 2 days ago; thank them today "
                   "(postponed: you were in touch yesterday)");
}

static void
test_items_close_together_merge (void)
{
  gint64 now = monday ();
  g_autoptr(RapportHistory) history = customer (now);
  g_autoptr(GPtrArray) items = NULL;
  RapportPlaybookItem *thank, *use;

  rapport_history_add_referral (history, 7, TRUE, "Grace Hopper", "promised", now + 3600);
  rapport_history_add_reference_use (history, 3, "Initech", now + 2 * DAY);
  items = derive (history, now);

  thank = expect (items, "referral:7:thank", "thank_referrer", now + 3600);
  use = find (items, "reference-use:3:care");
  /* Two days apart, within the three-day gap: one check-in. */
  g_assert_cmpint (use->due_at, ==, thank->due_at);
}

static void
test_former_customer (void)
{
  gint64 now = monday ();
  g_autoptr(RapportHistory) history = customer (now);
  g_autoptr(GPtrArray) items = NULL;

  g_free (history->status);
  history->status = g_strdup ("former");
  rapport_history_add_contact (history, now - 200 * DAY);
  rapport_history_add_sale (history, 12, "Acme CRM", now, now, "no");
  rapport_history_add_referral (history, 7, TRUE, "Grace Hopper", "promised", now);
  items = derive (history, now);

  /* Nothing to sell or nurture, but a referral still deserves thanks. */
  g_assert_cmpuint (items->len, ==, 1);
  expect (items, "referral:7:thank", "thank_referrer", now);
}

static void
test_dst_keeps_the_hour (void)
{
  g_autoptr(GDateTime) delivered = NULL;
  g_autoptr(GDateTime) check_in = NULL;
  g_autoptr(RapportHistory) history = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  RapportPlaybookItem *item;

  g_setenv ("TZ", "Europe/Berlin", TRUE);
  tzset ();
  /* Delivered the Friday before clocks go back (25 Oct 2026). */
  delivered = g_date_time_new (berlin, 2026, 10, 23, 9, 0, 0);
  history = customer (g_date_time_to_unix (delivered));
  rapport_history_add_sale (history, 12, "Acme CRM", g_date_time_to_unix (delivered),
                            g_date_time_to_unix (delivered), "agreed");
  items = derive (history, g_date_time_to_unix (delivered));

  item = find (items, "sale:12:delivery:1");
  check_in = g_date_time_new_from_unix_local (item->due_at);
  g_assert_cmpint (g_date_time_get_day_of_month (check_in), ==, 26);
  g_assert_cmpint (g_date_time_get_hour (check_in), ==, 9);

  g_setenv ("TZ", "UTC", TRUE);
  tzset ();
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  rapport_playbook_settings_init_defaults (&settings);

  g_test_add_func ("/playbook/sale/closed", test_sale_closed);
  g_test_add_func ("/playbook/sale/prepositioned", test_sale_prepositioned);
  g_test_add_func ("/playbook/sale/delivered", test_sale_delivered);
  g_test_add_func ("/playbook/sale/closed-and-delivered", test_sale_closed_and_delivered_respects_window);
  g_test_add_func ("/playbook/sale/satisfaction-stops-check-ins", test_satisfaction_stops_check_ins);
  g_test_add_func ("/playbook/introduction/ask", test_introduction_ask);
  g_test_add_func ("/playbook/introduction/waits", test_introduction_waits_for_delivery_days);
  g_test_add_func ("/playbook/testimonial/ask", test_testimonial_ask);
  g_test_add_func ("/playbook/testimonial/waits", test_testimonial_waits_for_age);
  g_test_add_func ("/playbook/referral/received", test_referral_received);
  g_test_add_func ("/playbook/referral/progress", test_referral_progress);
  g_test_add_func ("/playbook/reference/care", test_reference_care);
  g_test_add_func ("/playbook/keep-in-touch/cadence-restarts", test_keep_in_touch);
  g_test_add_func ("/playbook/keep-in-touch/skipped-cycle", test_keep_in_touch_skipped_cycle);
  g_test_add_func ("/playbook/keep-in-touch/tag-cadence", test_keep_in_touch_uses_tag_cadence);
  g_test_add_func ("/playbook/keep-in-touch/never-contacted", test_never_contacted);
  g_test_add_func ("/playbook/cadence", test_cadence);
  g_test_add_func ("/playbook/closed-rules", test_done_items_are_not_recreated);
  g_test_add_func ("/playbook/pester/recent-contact", test_recent_contact_postpones);
  g_test_add_func ("/playbook/pester/merge", test_items_close_together_merge);
  g_test_add_func ("/playbook/former-customer", test_former_customer);
  g_test_add_func ("/playbook/dst", test_dst_keeps_the_hour);

  return g_test_run ();
}
