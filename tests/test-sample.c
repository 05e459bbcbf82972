/* test-sample.c: the demo book of business
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rapport-follow-ups.h"
#include "rapport-sample.h"
#include "rapport-time.h"
#include "test-book.h"

/* A Wednesday evening, so "this week" and "today" are unambiguous. */
#define NOW_TEXT "2026-11-25T18:00:00Z"
/* Sales and uses are dated by the local calendar. */
#define TODAY "date ('" NOW_TEXT "', 'localtime')"
#define DAYS_AGO(n) "date ('" NOW_TEXT "', 'localtime', '-" #n " days')"

static gint64
test_now (void)
{
  gint64 now = 0;

  g_assert_true (rapport_time_parse_utc (NOW_TEXT, &now));
  return now;
}

static RapportStore *
sample_book (const char *name)
{
  RapportStore *store = open_book (name);
  g_autoptr(GError) error = NULL;

  g_assert_true (rapport_sample_fill (store, test_now (), &error));
  g_assert_no_error (error);
  return store;
}

/* Every row of @sql as one line of text, to compare two books. */
static char *
dump (RapportStore *store,
      const char   *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStmt) stmt = rapport_store_prepare (store, sql, &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, i);

          g_string_append_printf (out, "%s|", text != NULL ? text : "NULL");
        }
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

static void
test_sample_people (void)
{
  g_autoptr(RapportStore) store = sample_book ("people");

  g_assert_cmpint (query_int (store, "SELECT count(*) FROM customer"), ==,
                   RAPPORT_SAMPLE_N_CUSTOMERS);
  g_assert_cmpint (RAPPORT_SAMPLE_N_CUSTOMERS, >=, 100);
  g_assert_cmpint (query_int (store, "SELECT count(DISTINCT status) FROM customer"), ==, 3);
  g_assert_cmpint (query_int (store, "SELECT count(DISTINCT satisfaction) FROM customer"), ==, 4);
  g_assert_cmpint (query_int (store, "SELECT count(DISTINCT reference_kind) FROM customer"), ==, 3);
  g_assert_cmpint (query_int (store, "SELECT count(DISTINCT preferred_channel) FROM customer"),
                   ==, 5);

  /* Names a real book has, and that break naive code. */
  g_assert_cmpint (query_int (store,
                              "SELECT count(*) FROM customer WHERE name IN ('Zoë Ångström',"
                              " 'José Núñez', 'Ngozi Okafor', 'Łukasz Wróbel', 'ليلى حداد',"
                              " '山田 花子')"),
                   ==, 6);

  /* Nobody real is ever mailed or called from a demo. */
  g_assert_cmpint (query_int (store,
                              "SELECT count(*) FROM customer WHERE email NOT LIKE '%@example.com'"
                              " AND email NOT LIKE '%@example.org'"),
                   ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(DISTINCT lower (email)) FROM customer"), ==,
                   RAPPORT_SAMPLE_N_CUSTOMERS);
  g_assert_cmpint (query_int (store,
                              "SELECT count(*) FROM customer WHERE phone <> ''"
                              " AND phone NOT GLOB '+1 [0-9][0-9][0-9] 555 01[0-9][0-9]'"),
                   ==, 0);

  /* Satisfaction has a date exactly when it is known. */
  g_assert_cmpint (query_int (store,
                              "SELECT count(*) FROM customer WHERE (satisfaction = 'unknown')"
                              " = (satisfaction_recorded_at IS NOT NULL)"),
                   ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM customer WHERE tags GLOB '*[A-Z ]*'"),
                   ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM customer WHERE tags LIKE '%vip%'"),
                   >, 3);
  g_assert_cmpint (query_int (store,
                              "SELECT count(*) FROM customer WHERE min_gap_days IS NOT NULL"),
                   >, 0);
  g_assert_cmpint (query_int (store,
                              "SELECT count(*) FROM customer WHERE ideal_interval_days IS NOT NULL"
                              " AND latest_interval_days > ideal_interval_days"),
                   >, 0);
  g_assert_cmpint (query_int (store,
                              "SELECT count(*) FROM tag_cadence WHERE tag = 'vip'"
                              " AND ideal_interval_days = 30 AND latest_interval_days = 45"),
                   ==, 1);
}

static void
test_sample_sales_and_contacts (void)
{
  g_autoptr(RapportStore) store = sample_book ("sales");

  g_assert_cmpint (query_int (store, "SELECT count(*) FROM sale"), >=, 100);
  g_assert_cmpint (query_int (store, "SELECT count(DISTINCT referral_prepositioned) FROM sale"),
                   ==, 3);
  /* Closed this week, not delivered: the referral is still to pre-position. */
  g_assert_cmpint (query_int (store,
                              "SELECT count(*) FROM sale WHERE delivered_on IS NULL"
                              " AND closed_on >= " DAYS_AGO (6)),
                   >=, 3);
  /* Delivered lately: delivery check-ins are live. */
  g_assert_cmpint (query_int (store,
                              "SELECT count(*) FROM sale WHERE delivered_on BETWEEN"
                              " " DAYS_AGO (10) " AND " DAYS_AGO (1)),
                   >=, 3);
  g_assert_cmpint (query_int (store,
                              "SELECT count(*) FROM sale WHERE closed_on < " DAYS_AGO (600)),
                   >, 0);
  g_assert_cmpint (query_int (store,
                              "SELECT count(*) FROM sale WHERE delivered_on < closed_on"
                              " OR closed_on > " TODAY),
                   ==, 0);

  g_assert_cmpint (query_int (store, "SELECT count(DISTINCT kind) FROM interaction"), ==, 8);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM interaction WHERE summary = ''"), ==, 0);
  g_assert_cmpint (query_int (store,
                              "SELECT count(*) FROM interaction WHERE summary LIKE '%{%'"),
                   ==, 0);
  g_assert_cmpint (query_int (store,
                              "SELECT count(*) FROM interaction"
                              " WHERE happened_at > '" NOW_TEXT "'"),
                   ==, 0);
  g_assert_cmpint (query_int (store,
                              "SELECT count(*) FROM interaction i JOIN customer c"
                              " ON c.id = i.customer_id WHERE i.happened_at < c.created_at"),
                   ==, 0);

  /* Some customers were spoken to this fortnight, some are overdue. */
  g_assert_cmpint (query_int (store,
                              "SELECT count(*) FROM (SELECT max (i.happened_at) AS last"
                              " FROM customer c JOIN interaction i ON i.customer_id = c.id"
                              " WHERE c.status = 'customer' GROUP BY c.id)"
                              " WHERE last >= datetime ('" NOW_TEXT "', '-14 days')"),
                   >=, 10);
  g_assert_cmpint (query_int (store,
                              "SELECT count(*) FROM (SELECT max (i.happened_at) AS last"
                              " FROM customer c JOIN interaction i ON i.customer_id = c.id"
                              " WHERE c.status = 'customer' GROUP BY c.id)"
                              " WHERE last < datetime ('" NOW_TEXT "', '-90 days')"),
                   >=, 10);
}

static void
test_sample_referrals (void)
{
  g_autoptr(RapportStore) store = sample_book ("referrals");

  g_assert_cmpint (query_int (store, "SELECT count(DISTINCT type) FROM referral"), ==, 3);
  g_assert_cmpint (query_int (store, "SELECT count(DISTINCT stage) FROM referral"), >=, 4);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM referral WHERE stage = 'won'"), >, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM referral WHERE thanked_at IS NOT NULL"),
                   >, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM referral WHERE thanked_at IS NULL"),
                   >, 0);
  g_assert_cmpint (query_int (store, "SELECT count(DISTINCT thanked_how) FROM referral"), ==, 3);
  g_assert_cmpint (query_int (store,
                              "SELECT count(*) FROM referral"
                              " WHERE referrer_informed_at IS NOT NULL"),
                   >, 0);

  /* Each referral's history starts from nothing, runs in order and ends
   * where the referral stands. */
  g_assert_cmpint (query_int (store,
                              "SELECT count(*) FROM referral r"
                              " WHERE r.stage IS NOT (SELECT to_stage"
                              " FROM referral_stage_change WHERE referral_id = r.id"
                              " ORDER BY changed_at DESC, id DESC LIMIT 1)"),
                   ==, 0);
  g_assert_cmpint (query_int (store,
                              "SELECT count(*) FROM referral r WHERE (SELECT count(*)"
                              " FROM referral_stage_change WHERE referral_id = r.id"
                              " AND from_stage IS NULL AND changed_at = r.created_at) <> 1"),
                   ==, 0);
  g_assert_cmpint (query_int (store,
                              "SELECT count(*) FROM referral_stage_change a"
                              " JOIN referral_stage_change b ON a.referral_id = b.referral_id"
                              " AND a.id < b.id AND a.changed_at > b.changed_at"),
                   ==, 0);
  /* A won referral's prospect is now a customer. */
  g_assert_cmpint (query_int (store,
                              "SELECT count(*) FROM referral r"
                              " JOIN customer c ON c.id = r.prospect_id"
                              " WHERE r.stage = 'won' AND c.status <> 'customer'"),
                   ==, 0);

  g_assert_cmpint (query_int (store, "SELECT count(*) FROM referral_given"), >, 0);
  g_assert_cmpint (query_int (store,
                              "SELECT count(*) FROM interaction WHERE kind = 'referral_given'"),
                   ==, query_int (store, "SELECT count(*) FROM referral_given"));
}

static void
test_sample_testimonials_and_references (void)
{
  g_autoptr(RapportStore) store = sample_book ("testimonials");

  g_assert_cmpint (query_int (store, "SELECT count(*) FROM testimonial"), >=, 10);
  g_assert_cmpint (query_int (store, "SELECT count(DISTINCT permission) FROM testimonial"), ==, 4);
  g_assert_cmpint (query_int (store, "SELECT count(DISTINCT source) FROM testimonial"), ==, 4);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM testimonial WHERE products = ''"),
                   ==, 0);
  /* Full-text search finds them, accents or not. */
  g_assert_cmpint (query_int (store,
                              "SELECT count(*) FROM testimonial_fts WHERE testimonial_fts MATCH"
                              " 'renders'"),
                   ==, 1);
  g_assert_cmpint (query_int (store,
                              "SELECT count(*) FROM customer_fts WHERE customer_fts MATCH"
                              " 'angstrom'"),
                   ==, 1);

  /* Only reference customers are used as references, and one of them
   * too often: more than twice in the last 30 days. */
  g_assert_cmpint (query_int (store,
                              "SELECT count(*) FROM reference_use u JOIN customer c"
                              " ON c.id = u.customer_id WHERE c.reference_kind = 'none'"),
                   ==, 0);
  g_assert_cmpint (query_int (store,
                              "SELECT count(*) FROM (SELECT customer_id FROM reference_use"
                              " WHERE used_on >= " DAYS_AGO (30)
                              " GROUP BY customer_id HAVING count(*) > 2)"),
                   ==, 1);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM reference_use"), >, 5);
}

static gint64
open_items_of (RapportStore *store,
               const char   *name,
               const char   *kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStmt) stmt = NULL;

  stmt = rapport_store_prepare (store,
                                "SELECT count(*) FROM follow_up f JOIN customer c"
                                " ON c.id = f.customer_id WHERE c.name = ? AND f.kind = ?"
                                " AND f.state = 'due'",
                                &error);
  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

/* The book arrives with its playbook, and with a believable day's work
 * waiting: some check-ins due, not the whole history at once. */
static void
test_sample_playbook (void)
{
  static const char *follow_ups =
    "SELECT customer_id, kind, due_at, overdue_at, state, reason, rule_key, sale_id,"
    " referral_id, completed_at FROM follow_up ORDER BY customer_id, rule_key";
  g_autoptr(RapportStore) store = sample_book ("playbook");
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  RapportPlaybookSettings settings;

  g_assert_cmpint (query_int (store,
                              "SELECT count(DISTINCT kind) FROM follow_up WHERE state = 'due'"),
                   >=, 8);
  g_assert_cmpint (query_int (store,
                              "SELECT count(*) FROM follow_up WHERE created_by <> 'playbook'"),
                   ==, 0);
  g_assert_cmpint (query_int (store,
                              "SELECT count(DISTINCT customer_id) FROM follow_up"
                              " WHERE state = 'due' AND due_at <= '" NOW_TEXT "'"),
                   >=, 10);
  g_assert_cmpint (query_int (store,
                              "SELECT count(*) FROM follow_up WHERE state = 'due'"
                              " AND due_at < datetime ('" NOW_TEXT "', '-30 days')"),
                   <, 30);
  /* The past was worked through: done items, none after now. */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM follow_up WHERE state = 'done'"),
                   >, 50);
  g_assert_cmpint (query_int (store,
                              "SELECT count(*) FROM follow_up WHERE completed_at > '" NOW_TEXT "'"),
                   ==, 0);

  /* The story: a sale that just closed, a delivery four days ago, a
   * referral not yet thanked, a reference used three times this month. */
  g_assert_cmpint (open_items_of (store, "Ngozi Okafor", "preposition_referral"), ==, 1);
  g_assert_cmpint (open_items_of (store, "José Núñez", "delivery_check_in"), >, 0);
  g_assert_cmpint (open_items_of (store, "ليلى حداد", "thank_referrer"), ==, 1);
  g_assert_cmpint (open_items_of (store, "Zoë Ångström", "reference_care"), ==, 1);
  g_assert_cmpint (open_items_of (store, "Łukasz Wróbel", "keep_in_touch"), ==, 0);

  /* Syncing again the same day finds nothing to change. */
  before = dump (store, follow_ups);
  rapport_playbook_settings_init_defaults (&settings);
  g_assert_true (rapport_follow_ups_sync_all (store, &settings, test_now (), &error));
  g_assert_no_error (error);
  after = dump (store, follow_ups);
  g_assert_cmpstr (before, ==, after);
}

static void
test_sample_sound (void)
{
  g_autoptr(RapportStore) store = sample_book ("sound");
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStmt) check = NULL;
  g_autoptr(RapportStmt) keys = NULL;

  check = rapport_store_prepare (store, "PRAGMA integrity_check", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (check), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (check, 0), ==, "ok");

  keys = rapport_store_prepare (store, "PRAGMA foreign_key_check", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (keys), ==, SQLITE_DONE);

  g_assert_true (rapport_store_exec (store,
                                     "INSERT INTO customer_fts (customer_fts)"
                                     " VALUES ('integrity-check');"
                                     "INSERT INTO testimonial_fts (testimonial_fts)"
                                     " VALUES ('integrity-check');",
                                     &error));
  g_assert_no_error (error);
}

static void
test_sample_deterministic (void)
{
  static const char *tables[] = {
    "SELECT * FROM customer ORDER BY id",
    "SELECT * FROM sale ORDER BY id",
    /* Contacts and check-ins get random UIDs, as in any book. */
    "SELECT id, customer_id, happened_at, kind, summary, logged_by FROM interaction ORDER BY id",
    "SELECT * FROM referral ORDER BY id",
    "SELECT * FROM referral_stage_change ORDER BY id",
    "SELECT * FROM testimonial ORDER BY id",
    "SELECT * FROM reference_use ORDER BY id",
    "SELECT id, customer_id, kind, due_at, overdue_at, state, snoozed_until, reason, created_by,"
    "       rule_key, sale_id, referral_id, created_at, completed_at, moved_seq"
    "  FROM follow_up ORDER BY id",
  };
  g_autoptr(RapportStore) one = sample_book ("one");
  g_autoptr(RapportStore) two = sample_book ("two");

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *first = dump (one, tables[i]);
      g_autofree char *second = dump (two, tables[i]);

      g_assert_cmpuint (strlen (first), >, 0);
      g_assert_cmpstr (first, ==, second);
    }
}

/* The same book a week later: every date moved by exactly seven days. */
static void
test_sample_relative_to_now (void)
{
  g_autoptr(RapportStore) now = sample_book ("relative-now");
  g_autoptr(RapportStore) later = open_book ("relative-later");
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *actual = NULL;

  g_assert_true (rapport_sample_fill (later, test_now () + 7 * RAPPORT_SECONDS_PER_DAY, &error));
  g_assert_no_error (error);

  expected = dump (now, "SELECT customer_id, product, date (closed_on, '+7 days'),"
                        " date (delivered_on, '+7 days') FROM sale ORDER BY id");
  actual = dump (later, "SELECT customer_id, product, closed_on, delivered_on"
                        " FROM sale ORDER BY id");
  g_assert_cmpstr (expected, ==, actual);
}

static void
test_sample_refuses_non_empty (void)
{
  static const char *counts =
    "SELECT (SELECT count(*) FROM customer), (SELECT count(*) FROM sale),"
    " (SELECT count(*) FROM interaction), (SELECT count(*) FROM referral),"
    " (SELECT count(*) FROM testimonial), (SELECT count(*) FROM reference_use),"
    " (SELECT count(*) FROM tag_cadence), (SELECT count(*) FROM referral_given),"
    " (SELECT count(*) FROM follow_up)";
  g_autoptr(RapportStore) store = open_book ("non-empty");
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  for (int i = 0; i < 12; i++)
    g_assert_true (rapport_store_exec (store,
                                       "INSERT INTO customer (name, created_at, updated_at)"
                                       " VALUES ('Ada', '2026-01-01T00:00:00Z',"
                                       " '2026-01-01T00:00:00Z')",
                                       &error));
  before = dump (store, counts);

  g_assert_false (rapport_sample_fill (store, test_now (), &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "The book already has 12 customers; sample data only goes into an empty book");
  g_assert_false (rapport_store_in_transaction (store));

  after = dump (store, counts);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpstr (after, ==, "12|0|0|0|0|0|0|0|0|\n");
}

/* A second fill of a sample book is refused the same way. */
static void
test_sample_refuses_twice (void)
{
  g_autoptr(RapportStore) store = sample_book ("twice");
  g_autoptr(GError) error = NULL;

  g_assert_false (rapport_sample_fill (store, test_now (), &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM customer"), ==,
                   RAPPORT_SAMPLE_N_CUSTOMERS);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/sample/people", test_sample_people);
  g_test_add_func ("/sample/sales-and-contacts", test_sample_sales_and_contacts);
  g_test_add_func ("/sample/referrals", test_sample_referrals);
  g_test_add_func ("/sample/testimonials-and-references", test_sample_testimonials_and_references);
  g_test_add_func ("/sample/playbook", test_sample_playbook);
  g_test_add_func ("/sample/sound", test_sample_sound);
  g_test_add_func ("/sample/deterministic", test_sample_deterministic);
  g_test_add_func ("/sample/relative-to-now", test_sample_relative_to_now);
  g_test_add_func ("/sample/refuses-non-empty", test_sample_refuses_non_empty);
  g_test_add_func ("/sample/refuses-twice", test_sample_refuses_twice);

  return g_test_run ();
}
