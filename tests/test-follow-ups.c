/* test-follow-ups.c: the playbook applied to a real book
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <time.h>

#include "rapport-agenda.h"
#include "rapport-follow-ups.h"
#include "rapport-history.h"
#include "rapport-playbook.h"
#include "rapport-schema.h"
#include "rapport-sqlite.h"
#include "rapport-time.h"

#define DAY RAPPORT_SECONDS_PER_DAY

typedef struct
{
  RapportStore            *store;
  RapportPlaybookSettings  settings;
  gint64                   now;       /* Monday 2 November 2026, 09:00 UTC */
  gint64                   customer;
} Fixture;

static void
exec_sql (Fixture    *f,
          const char *sql)
{
  g_autoptr(GError) error = NULL;

  rapport_store_exec (f->store, sql, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "rapport", "rapport.db", NULL);
  g_autoptr(GDateTime) monday = g_date_time_new_utc (2026, 11, 2, 9, 0, 0);
  g_autoptr(GError) error = NULL;

  f->store = rapport_store_open (path, &error);
  g_assert_no_error (error);
  rapport_playbook_settings_init_defaults (&f->settings);
  f->now = g_date_time_to_unix (monday);

  /* A customer since January, last called on 1 October. */
  exec_sql (f, "INSERT INTO customer (id, name, created_at, updated_at)"
               " VALUES (1, 'Ada Lovelace', '2026-01-05T10:00:00Z', '2026-01-05T10:00:00Z');"
               "INSERT INTO interaction (customer_id, happened_at, kind)"
               " VALUES (1, '2026-10-01T14:00:00Z', 'call');");
  f->customer = 1;
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
}

static void
sync_book (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rapport_follow_ups_sync_customer (f->store, f->customer, &f->settings, f->now, &error));
  g_assert_no_error (error);
}

/* The fixture's customer referred Grace Hopper (referral 7) and was a
 * reference for Initech (use 3), all synced: items to thank and to care. */
static void
add_referral_and_reference_use (Fixture *f)
{
  exec_sql (f, "INSERT INTO customer (id, name, created_at, updated_at)"
               " VALUES (2, 'Grace Hopper', '2026-11-02T09:00:00Z', '2026-11-02T09:00:00Z');"
               "INSERT INTO referral (id, referrer_id, prospect_id, type, created_at)"
               " VALUES (7, 1, 2, 'solicited', '2026-11-02T09:00:00Z');"
               "INSERT INTO reference_use (id, customer_id, given_to, used_on)"
               " VALUES (3, 1, 'Initech', '2026-11-02');");
  sync_book (f);
}

static gint64
count (Fixture    *f,
       const char *where)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM follow_up WHERE %s", where);
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStmt) stmt = rapport_store_prepare (f->store, sql, &error);

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static gint64
int_query (Fixture    *f,
           const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStmt) stmt = rapport_store_prepare (f->store, sql, &error);

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

/* The due time of the open item with @rule_key, 0 if there is none. */
static gint64
due_of (Fixture    *f,
        const char *rule_key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStmt) stmt = NULL;
  gint64 due = 0;

  stmt = rapport_store_prepare (f->store,
                                "SELECT due_at FROM follow_up"
                                " WHERE rule_key = ? AND state IN ('due', 'snoozed')",
                                &error);
  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, rule_key, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    g_assert_true (rapport_time_parse_utc ((const char *) sqlite3_column_text (stmt, 0), &due));
  return due;
}

static gint64
id_of (Fixture    *f,
       const char *rule_key)
{
  g_autofree char *sql = g_strdup_printf ("SELECT coalesce (max (id), 0) FROM follow_up"
                                          " WHERE rule_key = '%s'", rule_key);

  return int_query (f, sql);
}

static void
test_sale_lifecycle (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* Record a sale today: pre-position the referral now, meet in 30 days. */
  exec_sql (f, "INSERT INTO sale (id, customer_id, product, closed_on, created_at)"
               " VALUES (12, 1, 'Acme CRM', '2026-11-02', '2026-11-02T09:00:00Z')");
  sync_book (f);
  g_assert_cmpint (due_of (f, "sale:12:preposition"), ==, f->now);
  g_assert_cmpint (due_of (f, "sale:12:meeting"), ==, f->now + 30 * DAY);
  g_assert_cmpint (count (f, "sale_id = 12 AND created_by = 'playbook'"), ==, 2);

  /* Syncing again changes nothing. */
  sync_book (f);
  g_assert_cmpint (count (f, "1"), ==, 3);  /* and keep-in-touch */

  /* Delivered two days later: three check-ins three days apart, then a
   * satisfaction check; the meeting moves to 30 days after delivery, and
   * three days more, since four check-ins already fill that month. */
  exec_sql (f, "UPDATE sale SET delivered_on = '2026-11-04', referral_prepositioned = 'agreed'"
               " WHERE id = 12");
  f->now += 2 * DAY;
  sync_book (f);
  g_assert_cmpint (due_of (f, "sale:12:preposition"), ==, 0);
  g_assert_cmpint (due_of (f, "sale:12:delivery:1"), ==, f->now + 3 * DAY);
  g_assert_cmpint (due_of (f, "sale:12:delivery:2"), ==, f->now + 6 * DAY);
  g_assert_cmpint (due_of (f, "sale:12:delivery:3"), ==, f->now + 9 * DAY);
  g_assert_cmpint (count (f, "kind = 'delivery_check_in'"), ==, 3);
  g_assert_cmpint (due_of (f, "sale:12:satisfaction"), ==, f->now + 12 * DAY);
  g_assert_cmpint (due_of (f, "sale:12:meeting"), ==, f->now + 33 * DAY);

  /* The first check-in is done; it logs a contact. */
  f->now += 3 * DAY;
  g_assert_true (rapport_follow_up_complete (f->store, id_of (f, "sale:12:delivery:1"),
                                             &f->settings, f->now, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f, "rule_key = 'sale:12:delivery:1' AND state = 'done'"), ==, 1);
  g_assert_cmpint (int_query (f, "SELECT count(*) FROM interaction"), ==, 2);

  /* Satisfaction recorded the next day: the remaining check-ins and the
   * satisfaction check go; the done one stays done. */
  exec_sql (f, "UPDATE customer SET satisfaction = 'satisfied',"
               " satisfaction_recorded_at = '2026-11-08T10:00:00Z' WHERE id = 1");
  f->now += DAY;
  sync_book (f);
  g_assert_cmpint (count (f, "kind = 'delivery_check_in' AND state = 'due'"), ==, 0);
  g_assert_cmpint (count (f, "kind = 'satisfaction_check'"), ==, 0);
  g_assert_cmpint (count (f, "kind = 'delivery_check_in' AND state = 'done'"), ==, 1);
  g_assert_cmpint (count (f, "rule_key = 'sale:12:meeting' AND state = 'due'"), ==, 1);
}

static void
test_interaction_moves_keep_in_touch (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(GDateTime) october = g_date_time_new_utc (2026, 10, 1, 14, 0, 0);
  gint64 last = g_date_time_to_unix (october);
  g_autofree char *old_key = g_strdup_printf ("keep-in-touch:%" G_GINT64_FORMAT, last);
  g_autofree char *new_key = g_strdup_printf ("keep-in-touch:%" G_GINT64_FORMAT, f->now);

  sync_book (f);
  g_assert_cmpint (due_of (f, old_key), ==, last + 90 * DAY);

  exec_sql (f, "INSERT INTO interaction (customer_id, happened_at, kind)"
               " VALUES (1, '2026-11-02T09:00:00Z', 'email')");
  sync_book (f);
  g_assert_cmpint (due_of (f, old_key), ==, 0);
  g_assert_cmpint (due_of (f, new_key), ==, f->now + 90 * DAY);
  g_assert_cmpint (count (f, "kind = 'keep_in_touch'"), ==, 1);
}

static void
test_done_items_are_not_recreated (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  exec_sql (f, "INSERT INTO sale (id, customer_id, product, closed_on, created_at)"
               " VALUES (12, 1, 'Acme CRM', '2026-11-02', '2026-11-02T09:00:00Z')");
  sync_book (f);
  id = id_of (f, "sale:12:preposition");
  g_assert_true (rapport_follow_up_skip (f->store, id, &f->settings, f->now, &error));
  g_assert_no_error (error);

  sync_book (f);
  g_assert_cmpint (count (f, "rule_key = 'sale:12:preposition'"), ==, 1);
  g_assert_cmpint (count (f, "rule_key = 'sale:12:preposition' AND state = 'skipped'"), ==, 1);
  /* Skipping is not a contact. */
  g_assert_cmpint (int_query (f, "SELECT count(*) FROM interaction"), ==, 1);

  /* A second skip is refused with a reason, not a crash. */
  g_assert_false (rapport_follow_up_skip (f->store, id, &f->settings, f->now, &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID);
}

static void
test_user_items_are_left_alone (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 mine, meeting;

  mine = rapport_follow_up_add (f->store, 1, "follow_up_meeting", f->now + 5 * DAY,
                                "Lunch with Ada", &f->settings, f->now, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mine, >, 0);

  /* A rescheduled playbook item becomes the user's: it stays where they
   * put it and is not recreated beside it. */
  exec_sql (f, "INSERT INTO sale (id, customer_id, product, closed_on, created_at)"
               " VALUES (12, 1, 'Acme CRM', '2026-11-02', '2026-11-02T09:00:00Z')");
  sync_book (f);
  meeting = id_of (f, "sale:12:meeting");
  g_assert_true (rapport_follow_up_reschedule (f->store, meeting, f->now + 40 * DAY,
                                               &f->settings, f->now, &error));
  g_assert_no_error (error);
  sync_book (f);
  g_assert_cmpint (count (f, "rule_key = 'sale:12:meeting'"), ==, 1);
  g_assert_cmpint (due_of (f, "sale:12:meeting"), ==, f->now + 40 * DAY);
  g_assert_cmpint (count (f, "created_by = 'user'"), ==, 2);

  /* The user's lunch is still there, untouched. */
  g_assert_cmpint (count (f, "reason = 'Lunch with Ada' AND state = 'due'"), ==, 1);

  g_assert_cmpint (rapport_follow_up_add (f->store, 1, "lunch", f->now, "", NULL, f->now, &error), ==, 0);
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (rapport_follow_up_add (f->store, 99, "keep_in_touch", f->now, "", NULL, f->now, &error), ==, 0);
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_FOUND);
}

static void
test_complete_logs_one_contact_a_day (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 ids[2];

  add_referral_and_reference_use (f);
  ids[0] = id_of (f, "referral:7:thank");
  ids[1] = id_of (f, "reference-use:3:care");
  g_assert_cmpint (ids[0], >, 0);
  g_assert_cmpint (ids[1], >, 0);

  /* One check-in: both items due at the same instant. */
  g_assert_cmpint (due_of (f, "referral:7:thank"), ==, due_of (f, "reference-use:3:care"));

  g_assert_true (rapport_follow_ups_complete_many (f->store, ids, 2, &f->settings, f->now, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f, "state = 'done' AND completed_at = '2026-11-02T09:00:00Z'"), ==, 2);
  g_assert_cmpint (int_query (f, "SELECT count(*) FROM interaction WHERE customer_id = 1"), ==, 2);
  g_assert_cmpint (int_query (f, "SELECT count(*) FROM interaction WHERE summary ="
                                 " 'Thank the referrer, Thank the reference'"), ==, 1);

  /* Completing again is harmless; a missing item is an error. */
  g_assert_true (rapport_follow_up_complete (f->store, ids[0], &f->settings, f->now, &error));
  g_assert_cmpint (int_query (f, "SELECT count(*) FROM interaction WHERE customer_id = 1"), ==, 2);
  g_assert_false (rapport_follow_up_complete (f->store, 9999, &f->settings, f->now, &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_FOUND);
}

/* Snooze on a digest: every open item in one go; one done meanwhile
 * stays done. */
static void
test_snooze_many (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 ids[3];

  add_referral_and_reference_use (f);
  ids[0] = id_of (f, "referral:7:thank");
  ids[1] = id_of (f, "reference-use:3:care");
  ids[2] = 9999;  /* deleted meanwhile: nothing to snooze */
  g_assert_true (rapport_follow_up_complete (f->store, ids[1], &f->settings, f->now, &error));

  g_assert_true (rapport_follow_ups_snooze_many (f->store, ids, 3, f->now + 3600, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f, "state = 'snoozed' AND snoozed_until = '2026-11-02T10:00:00Z'"), ==, 1);
  g_assert_cmpint (count (f, "state = 'done' AND snoozed_until IS NULL"), ==, 1);

  g_assert_false (rapport_follow_ups_snooze_many (f->store, ids, 1, 0, &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID);
}

static void
test_snooze_and_next_due (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) due = NULL;
  RapportDueItem *item;
  gint64 next = 0, id;

  g_assert_false (rapport_follow_ups_next_due_time (f->store, f->now, &next, &error));
  g_assert_no_error (error);

  exec_sql (f, "INSERT INTO sale (id, customer_id, product, closed_on, created_at)"
               " VALUES (12, 1, 'Acme CRM', '2026-11-02', '2026-11-02T09:00:00Z')");
  sync_book (f);
  id = id_of (f, "sale:12:preposition");

  g_assert_true (rapport_follow_ups_next_due_time (f->store, f->now - 1, &next, &error));
  g_assert_cmpint (next, ==, f->now);
  g_assert_true (rapport_follow_ups_next_due_time (f->store, f->now, &next, &error));
  g_assert_cmpint (next, ==, f->now + 30 * DAY);

  /* Snoozed for an hour: due then, and the next time is the snooze's end. */
  g_assert_true (rapport_follow_up_snooze (f->store, id, f->now + 3600, &error));
  g_assert_no_error (error);
  g_assert_true (rapport_follow_ups_next_due_time (f->store, f->now, &next, &error));
  g_assert_cmpint (next, ==, f->now + 3600);

  due = rapport_agenda_list_due (f->store, f->now + 7200, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (due->len, ==, 1);
  item = g_ptr_array_index (due, 0);
  g_assert_cmpint (item->id, ==, id);
  g_assert_cmpint (item->due_at, ==, f->now + 3600);
  g_assert_true (item->snoozed);
  g_assert_true (item->by_playbook);

  /* A sync keeps the snooze. */
  sync_book (f);
  g_assert_cmpint (count (f, "state = 'snoozed' AND snoozed_until = '2026-11-02T10:00:00Z'"), ==, 1);
}

/* The nudger asks for the next due time after every change: it must be one
 * index lookup, not a scan of every follow-up ever written. */
static void
test_next_due_uses_the_index (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStmt) stmt = NULL;
  g_autoptr(GString) plan = g_string_new (NULL);

  stmt = rapport_store_prepare (f->store,
                                "EXPLAIN QUERY PLAN"
                                " SELECT min (coalesce (snoozed_until, due_at)) FROM follow_up"
                                " WHERE state IN ('due', 'snoozed')"
                                "   AND coalesce (snoozed_until, due_at) > ?",
                                &error);
  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (plan, "%s\n", sqlite3_column_text (stmt, 3));

  g_assert_nonnull (strstr (plan->str, "USING INDEX follow_up_open"));
  g_assert_null (strstr (plan->str, "SCAN follow_up\n"));
}

static void
test_sync_all (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  exec_sql (f, "INSERT INTO customer (id, name, created_at, updated_at)"
               " VALUES (2, 'Grace Hopper', '2026-11-02T09:00:00Z', '2026-11-02T09:00:00Z');"
               "INSERT INTO customer (id, name, status, created_at, updated_at)"
               " VALUES (3, 'Alan Turing', 'former', '2026-01-02T09:00:00Z', '2026-11-02T09:00:00Z');"
               "INSERT INTO referral (id, referrer_id, prospect_id, type, created_at)"
               " VALUES (7, 1, 2, 'solicited', '2026-11-02T09:00:00Z');");

  g_assert_true (rapport_follow_ups_sync_all (f->store, &f->settings, f->now, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f, "customer_id = 1 AND kind = 'thank_referrer'"), ==, 1);
  g_assert_cmpint (count (f, "customer_id = 2 AND kind = 'contact_referral'"
                             " AND overdue_at = '2026-11-03T09:00:00Z'"), ==, 1);
  g_assert_cmpint (count (f, "customer_id = 3"), ==, 0);

  /* The prospect was contacted: their first-contact item goes. */
  exec_sql (f, "UPDATE referral SET stage = 'contacted' WHERE id = 7");
  g_assert_true (rapport_follow_ups_sync_all (f->store, &f->settings, f->now, &error));
  g_assert_cmpint (count (f, "customer_id = 2 AND kind = 'contact_referral'"), ==, 0);
}

static void
fill_random_book (Fixture *f,
                  guint    n)
{
  static const char *stages[] = { "promised", "introduced", "contacted", "won", "lost" };
  static const char *moods[] = { "unknown", "satisfied", "delighted" };
  g_autoptr(GError) error = NULL;

  g_assert_true (rapport_store_begin (f->store, &error));
  rapport_store_exec (f->store, "INSERT INTO tag_cadence VALUES ('vip', 30, 40)", &error);
  g_assert_no_error (error);

  for (guint id = 2; id <= n; id++)
    {
      g_autofree char *sql = NULL;
      int day = g_test_rand_int_range (1, 28);

      sql = g_strdup_printf ("INSERT INTO customer (id, name, tags, satisfaction,"
                             " satisfaction_recorded_at, created_at, updated_at)"
                             " VALUES (%u, 'C%u', '%s', '%s', '2026-10-%02dT10:00:00Z',"
                             " '2025-%02d-01T09:00:00Z', '2026-01-01T00:00:00Z');"
                             "INSERT INTO interaction (customer_id, happened_at, kind)"
                             " VALUES (%u, '2026-10-%02dT15:00:00Z', 'call');",
                             id, id, g_test_rand_bit () ? "vip" : "",
                             moods[g_test_rand_int_range (0, 3)], day,
                             g_test_rand_int_range (1, 13), id, day);
      rapport_store_exec (f->store, sql, &error);
      g_assert_no_error (error);

      if (id % 3 == 0)
        {
          g_autofree char *sale = g_strdup_printf (
            "INSERT INTO sale (customer_id, product, closed_on, delivered_on,"
            " referral_prepositioned, created_at)"
            " VALUES (%u, 'Widget', '2026-10-%02d', %s, 'agreed', '2026-10-01T00:00:00Z')",
            id, day, id % 2 == 0 ? "'2026-10-28'" : "NULL");
          rapport_store_exec (f->store, sale, &error);
          g_assert_no_error (error);
        }
    }

  /* Referrals within a batch of the sync and across two batches. */
  for (guint id = 7; id <= n; id += 7)
    {
      g_autofree char *referral = NULL;

      referral = g_strdup_printf ("INSERT INTO referral (id, referrer_id, prospect_id, type, stage,"
                                  " created_at) VALUES (%u, %u, %u, 'solicited', '%s',"
                                  " '2026-10-%02dT11:00:00Z');"
                                  "INSERT INTO referral_stage_change (referral_id, from_stage,"
                                  " to_stage, changed_at)"
                                  " VALUES (%u, 'promised', 'introduced', '2026-10-30T12:00:00Z')",
                                  id, id % 2 ? id - 1 : n + 2 - id, id,
                                  stages[g_test_rand_int_range (0, 5)],
                                  g_test_rand_int_range (1, 28), id);
      rapport_store_exec (f->store, referral, &error);
      g_assert_no_error (error);
    }
  g_assert_true (rapport_store_commit (f->store, &error));
}

static GPtrArray *
snapshot (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStmt) stmt = NULL;
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);

  stmt = rapport_store_prepare (f->store,
                                "SELECT customer_id, rule_key, kind, due_at, overdue_at, reason,"
                                "       sale_id, referral_id"
                                "  FROM follow_up WHERE state = 'due' ORDER BY customer_id, rule_key",
                                &error);
  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (rows, g_strdup_printf ("%lld %s %s %s %s %s %lld %lld",
                                            sqlite3_column_int64 (stmt, 0),
                                            sqlite3_column_text (stmt, 1),
                                            sqlite3_column_text (stmt, 2),
                                            sqlite3_column_text (stmt, 3),
                                            sqlite3_column_text (stmt, 4),
                                            sqlite3_column_text (stmt, 5),
                                            sqlite3_column_int64 (stmt, 6),
                                            sqlite3_column_int64 (stmt, 7)));
  return rows;
}

static void
assert_same_rows (GPtrArray *a,
                  GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    g_assert_cmpstr (g_ptr_array_index (a, i), ==, g_ptr_array_index (b, i));
}

/* Syncing the whole book (a batch of customers at a time) gives exactly
 * what syncing each customer on their own gives, and syncing again
 * changes nothing. */
typedef struct
{
  Fixture *f;
  char    *path;
  guint    commits;
  gint64   synced_at_first;   /* customers with a derived item then */
  int      other_write;       /* another connection's write meanwhile */
} SyncWatch;

/* At each commit of the daily sync, another connection (the window's)
 * writes with no wait at all: it must find the book free. */
static void
on_sync_commit (SyncWatch *watch)
{
  sqlite3 *db = NULL;

  if (watch->commits++ > 0)
    return;
  watch->synced_at_first = int_query (watch->f, "SELECT count (DISTINCT customer_id) FROM follow_up"
                                                " WHERE kind = 'preposition_referral'");
  g_assert_cmpint (sqlite3_open (watch->path, &db), ==, SQLITE_OK);
  watch->other_write = sqlite3_exec (db, "INSERT INTO interaction (customer_id, happened_at, kind)"
                                         " VALUES (1, '2026-11-02T08:00:00Z', 'email')",
                                     NULL, NULL, NULL);
  sqlite3_close (db);
}

/* The daily sync of a big book holds the write lock a chunk at a time. */
static void
test_sync_all_in_chunks (Fixture       *f,
                         gconstpointer  data)
{
  SyncWatch watch = { f, g_build_filename (g_get_user_data_dir (), "rapport", "rapport.db", NULL) };
  g_autoptr(GError) error = NULL;

  /* 1,200 customers, each with a sale closed on Friday: three chunks. */
  exec_sql (f, "WITH RECURSIVE n (i) AS (SELECT 2 UNION ALL SELECT i + 1 FROM n WHERE i < 1201)"
               " INSERT INTO customer (id, name, created_at, updated_at)"
               " SELECT i, 'Customer ' || i, '2026-10-01T09:00:00Z', '2026-10-01T09:00:00Z' FROM n;"
               "INSERT INTO sale (customer_id, product, closed_on, created_at)"
               " SELECT id, 'Engine', '2026-10-30', '2026-10-30T09:00:00Z' FROM customer;");

  g_signal_connect_swapped (f->store, "changed", G_CALLBACK (on_sync_commit), &watch);
  g_assert_true (rapport_follow_ups_sync_all (f->store, &f->settings, f->now, &error));
  g_assert_no_error (error);
  g_signal_handlers_disconnect_by_func (f->store, on_sync_commit, &watch);

  g_assert_cmpuint (watch.commits, ==, 3);
  g_assert_cmpint (watch.synced_at_first, ==, 512);
  g_assert_cmpint (watch.other_write, ==, SQLITE_OK);
  g_assert_cmpint (count (f, "kind = 'preposition_referral'"), ==, 1201);
  g_free (watch.path);
}

/* Deriving a whole book writes far more than the WAL should keep: each
 * chunk waits for the checkpoint its commit queued, so the next one
 * starts the WAL over.  Without that the WAL held every chunk (1.6 GB on
 * deriving 100,000 customers), and a start after a crash reads it whole. */
static void
test_sync_all_starts_wal_over (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "rapport", "rapport.db", NULL);
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  int in_wal = -1, copied = -1;

  /* 16,000 customers with a sale each: 32 chunks of some 360 frames. */
  exec_sql (f, "WITH RECURSIVE n (i) AS (SELECT 2 UNION ALL SELECT i + 1 FROM n WHERE i < 16001)"
               " INSERT INTO customer (id, name, created_at, updated_at)"
               " SELECT i, 'Customer ' || i, '2026-10-01T09:00:00Z', '2026-10-01T09:00:00Z' FROM n;"
               "INSERT INTO sale (customer_id, product, closed_on, created_at)"
               " SELECT id, 'Engine', '2026-10-30', '2026-10-30T09:00:00Z' FROM customer;");
  g_assert_true (rapport_follow_ups_sync_all (f->store, &f->settings, f->now, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f, "kind = 'preposition_referral'"), ==, 16001);

  /* How many frames the WAL holds since it last started over. */
  g_assert_cmpint (rapport_sqlite_open (path, &db, SQLITE_OPEN_READWRITE), ==, SQLITE_OK);
  /* A connection finds the WAL as it first reads. */
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA schema_version", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_wal_checkpoint_v2 (db, "main", SQLITE_CHECKPOINT_PASSIVE, &in_wal, &copied),
                   ==, SQLITE_OK);
  sqlite3_close (db);
  g_test_message ("%d frames in the WAL after the run", in_wal);
  /* The commit hook's threshold (1,000 frames) and a chunk or two past
   * it; without the wait, 11,601. */
  g_assert_cmpint (in_wal, >, 0);
  g_assert_cmpint (in_wal, <, 2000);
}

static void
test_sync_all_matches_one_by_one (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GPtrArray) one_by_one = NULL;
  const guint n = 1200;

  fill_random_book (f, n);
  g_assert_true (rapport_follow_ups_sync_all (f->store, &f->settings, f->now, &error));
  g_assert_no_error (error);
  all = snapshot (f);
  g_assert_cmpuint (all->len, >, n);

  g_assert_true (rapport_follow_ups_sync_all (f->store, &f->settings, f->now, &error));
  again = snapshot (f);
  assert_same_rows (all, again);

  exec_sql (f, "DELETE FROM follow_up");
  for (guint id = 1; id <= n; id++)
    {
      g_assert_true (rapport_follow_ups_sync_customer (f->store, id, &f->settings, f->now, &error));
      g_assert_no_error (error);
    }
  one_by_one = snapshot (f);
  assert_same_rows (all, one_by_one);
}

/* The ids of the open items matching @where, in the order @order. */
static GArray *
open_ids (Fixture    *f,
          const char *where,
          const char *order)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM follow_up"
                                          " WHERE state = 'due' AND (%s) ORDER BY %s", where, order);
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStmt) stmt = rapport_store_prepare (f->store, sql, &error);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  return ids;
}

/* Every follow-up and interaction, without the ids and UIDs a write may
 * number differently. */
static GPtrArray *
snapshot_all (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStmt) stmt = NULL;
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);

  stmt = rapport_store_prepare (f->store,
                                "SELECT 'f', customer_id, rule_key, kind, state, due_at, overdue_at,"
                                "       reason, completed_at, uid IS NULL"
                                "  FROM follow_up"
                                " UNION ALL"
                                " SELECT 'i', customer_id, NULL, kind, NULL, happened_at, NULL,"
                                "       summary, NULL, uid IS NULL"
                                "  FROM interaction"
                                " ORDER BY 1, 2, 3, 4, 5, 6, 8",
                                &error);
  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      GString *row = g_string_new (NULL);

      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        g_string_append_printf (row, "%s|", sqlite3_column_text (stmt, i));
      g_ptr_array_add (rows, g_string_free (row, FALSE));
    }
  return rows;
}

/* The customers of the items marked done at the fixture's now. */
static GArray *
completed_customers (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStmt) stmt = NULL;
  GArray *customers = g_array_new (FALSE, FALSE, sizeof (gint64));

  stmt = rapport_store_prepare (f->store,
                                "SELECT DISTINCT customer_id FROM follow_up"
                                " WHERE state = 'done' AND completed_at = '2026-11-02T09:00:00Z'",
                                &error);
  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (customers, id);
    }
  return customers;
}

/* Done on many items of many customers gives what the items marked done
 * and each customer synced on their own give: customers in between that
 * were not concerned are left as they are, though syncing them would
 * change them (a contact was logged behind the playbook's back). */
static void
test_complete_many_matches_one_by_one (Fixture       *f,
                                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GArray) customers = NULL;
  g_autoptr(GDateTime) logged = g_date_time_new_utc (2026, 10, 31, 10, 0, 0);
  g_autofree char *logged_key = NULL;
  g_autoptr(GPtrArray) one_by_one = NULL;
  g_autoptr(GPtrArray) together = NULL;
  gint64 done_before, twice;

  fill_random_book (f, 600);
  g_assert_true (rapport_follow_ups_sync_all (f->store, &f->settings, f->now, &error));
  g_assert_no_error (error);
  exec_sql (f, "INSERT INTO interaction (customer_id, happened_at, kind)"
               " SELECT id, '2026-10-31T10:00:00Z', 'email' FROM customer");

  /* Runs of near customers, lone ones far apart, two items of a customer
   * apart in the list, one given twice, one done already. */
  ids = open_ids (f, "customer_id % 3 = 1 AND customer_id < 300 OR customer_id IN (420, 599)",
                  "customer_id % 5, id DESC");
  g_assert_cmpuint (ids->len, >, 100);
  twice = g_array_index (ids, gint64, 7);
  g_array_append_val (ids, twice);
  done_before = g_array_index (ids, gint64, 3);
  g_assert_true (rapport_follow_up_complete (f->store, done_before, NULL, f->now - DAY, &error));
  g_assert_no_error (error);

  /* The same, one customer at a time, undone afterwards. */
  g_assert_true (rapport_store_begin (f->store, &error));
  g_assert_true (rapport_follow_ups_complete_many (f->store, (gint64 *) ids->data, ids->len,
                                                   NULL, f->now, &error));
  g_assert_no_error (error);
  customers = completed_customers (f);
  g_assert_cmpuint (customers->len, >, 50);
  for (guint i = 0; i < customers->len; i++)
    g_assert_true (rapport_follow_ups_sync_customer (f->store, g_array_index (customers, gint64, i),
                                                     &f->settings, f->now, &error));
  g_assert_no_error (error);
  one_by_one = snapshot_all (f);
  rapport_store_rollback (f->store);
  g_assert_false (rapport_store_in_transaction (f->store));

  g_assert_true (rapport_follow_ups_complete_many (f->store, (gint64 *) ids->data, ids->len,
                                                   &f->settings, f->now, &error));
  g_assert_no_error (error);
  together = snapshot_all (f);
  assert_same_rows (one_by_one, together);

  /* Those not concerned were not synced: none has the keep-in-touch the
   * contact logged behind the playbook's back would give. */
  logged_key = g_strdup_printf ("rule_key = 'keep-in-touch:%" G_GINT64_FORMAT "'",
                                g_date_time_to_unix (logged));
  g_assert_cmpint (count (f, logged_key), ==, 0);
  g_assert_cmpint (count (f, "state = 'done' AND completed_at = '2026-11-01T09:00:00Z'"), ==, 1);
}

/* Done on a digest of three customers' items: one contact each, naming
 * the items in their order, with the first item's UID; an item already
 * done stays as it was and logs nothing; a customer whose contact today
 * is logged gets no second one; the sync outbox and the nudger's moved
 * numbers see every write. */
static void
test_complete_many_customers (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 moved_before, outbox_before;
  gint64 ids[5];

  exec_sql (f, "INSERT INTO customer (id, name, created_at, updated_at)"
               " VALUES (2, 'Grace Hopper', '2026-11-02T09:00:00Z', '2026-11-02T09:00:00Z'),"
               "        (3, 'Alan Turing', '2026-01-02T09:00:00Z', '2026-01-02T09:00:00Z');"
               "INSERT INTO interaction (customer_id, happened_at, kind, summary)"
               " VALUES (3, '2026-11-02T08:30:00Z', 'call', 'Called this morning');"
               "INSERT INTO referral (id, referrer_id, prospect_id, type, created_at)"
               " VALUES (7, 1, 2, 'solicited', '2026-11-02T09:00:00Z');"
               "INSERT INTO reference_use (id, customer_id, given_to, used_on)"
               " VALUES (3, 1, 'Initech', '2026-11-02');");
  g_assert_true (rapport_follow_ups_sync_all (f->store, &f->settings, f->now, &error));
  g_assert_no_error (error);
  exec_sql (f, rapport_schema_sync_triggers);
  exec_sql (f, "UPDATE follow_up SET state = 'done', completed_at = '2026-10-30T09:00:00Z'"
               " WHERE customer_id = 2 AND kind <> 'contact_referral'");
  ids[0] = id_of (f, "reference-use:3:care");
  ids[1] = int_query (f, "SELECT id FROM follow_up WHERE customer_id = 2 AND state = 'done'"
                         " LIMIT 1");
  ids[2] = int_query (f, "SELECT id FROM follow_up WHERE customer_id = 3 AND state = 'due'"
                         " LIMIT 1");
  ids[3] = id_of (f, "referral:7:thank");
  ids[4] = ids[0];
  g_assert_cmpint (ids[1], >, 0);
  g_assert_cmpint (ids[2], >, 0);
  moved_before = int_query (f, "SELECT max (moved_seq) FROM follow_up");
  outbox_before = int_query (f, "SELECT count(*) FROM sync_outbox");

  g_assert_true (rapport_follow_ups_complete_many (f->store, ids, G_N_ELEMENTS (ids), &f->settings,
                                                   f->now, &error));
  g_assert_no_error (error);

  g_assert_cmpint (count (f, "state = 'done' AND completed_at = '2026-11-02T09:00:00Z'"), ==, 3);
  g_assert_cmpint (count (f, "customer_id = 2 AND state = 'done'"
                             " AND completed_at = '2026-10-30T09:00:00Z'"), ==, 1);
  g_assert_cmpint (int_query (f, "SELECT count(*) FROM interaction i JOIN follow_up f"
                                 "    ON i.uid = f.uid || '#done'"
                                 " WHERE f.rule_key = 'reference-use:3:care'"
                                 "   AND i.customer_id = 1 AND i.kind = 'thank_you_note'"
                                 "   AND i.happened_at = '2026-11-02T09:00:00Z'"
                                 "   AND i.summary = 'Thank the reference, Thank the referrer'"),
                   ==, 1);
  g_assert_cmpint (int_query (f, "SELECT count(*) FROM interaction WHERE customer_id = 1"), ==, 2);
  g_assert_cmpint (int_query (f, "SELECT count(*) FROM interaction WHERE customer_id = 2"), ==, 0);
  g_assert_cmpint (int_query (f, "SELECT count(*) FROM interaction WHERE customer_id = 3"), ==, 1);

  /* The contact restarted the cadence: a new keep-in-touch, numbered as
   * moved; the three done items and the new contact went to the outbox. */
  g_assert_cmpint (int_query (f, "SELECT moved_seq FROM follow_up"
                                 " WHERE customer_id = 1 AND rule_key = 'keep-in-touch:1793610000'"
                                 "   AND state = 'due' AND due_at = '2027-01-31T09:00:00Z'"),
                   >, moved_before);
  g_assert_cmpint (int_query (f, "SELECT count(*) FROM sync_outbox o JOIN follow_up f"
                                 "    ON o.kind = 'follow_up' AND o.uid = f.uid"
                                 " WHERE f.completed_at = '2026-11-02T09:00:00Z'"), ==, 3);
  g_assert_cmpint (int_query (f, "SELECT count(*) FROM sync_outbox o JOIN interaction i"
                                 "    ON o.kind = 'interaction' AND o.uid = i.uid"
                                 " WHERE i.happened_at = '2026-11-02T09:00:00Z'"), ==, 1);
  g_assert_cmpint (int_query (f, "SELECT count(*) FROM sync_outbox"), >, outbox_before);
}

static void
assert_same_history (Fixture              *f,
                     const RapportHistory *a,
                     const RapportHistory *b)
{
  g_autoptr(GPtrArray) wanted_a = rapport_playbook_derive (a, &f->settings, f->now);
  g_autoptr(GPtrArray) wanted_b = rapport_playbook_derive (b, &f->settings, f->now);

  g_assert_cmpint (a->customer_id, ==, b->customer_id);
  g_assert_cmpstr (a->name, ==, b->name);
  g_assert_cmpuint (a->tag_cadences->len, ==, b->tag_cadences->len);
  g_assert_cmpuint (a->n_testimonials, ==, b->n_testimonials);
  g_assert_cmpint (a->last_contact, ==, b->last_contact);
  g_assert_cmpuint (a->contacts->len, ==, b->contacts->len);
  g_assert_cmpuint (a->user_scheduled->len, ==, b->user_scheduled->len);
  g_assert_cmpuint (a->sales->len, ==, b->sales->len);
  g_assert_cmpuint (a->referrals->len, ==, b->referrals->len);
  for (guint i = 0; i < a->referrals->len; i++)
    {
      const RapportHistoryReferral *ra = g_ptr_array_index (a->referrals, i);
      const RapportHistoryReferral *rb = g_ptr_array_index (b->referrals, i);

      g_assert_cmpint (ra->id, ==, rb->id);
      g_assert_cmpint (ra->is_referrer, ==, rb->is_referrer);
      g_assert_cmpuint (ra->stage_changes->len, ==, rb->stage_changes->len);
    }
  g_assert_cmpuint (a->reference_uses->len, ==, b->reference_uses->len);
  g_assert_cmpuint (g_hash_table_size (a->closed_rules), ==, g_hash_table_size (b->closed_rules));

  g_assert_cmpuint (wanted_a->len, ==, wanted_b->len);
  for (guint i = 0; i < wanted_a->len; i++)
    {
      const RapportPlaybookItem *ia = g_ptr_array_index (wanted_a, i);
      const RapportPlaybookItem *ib = g_ptr_array_index (wanted_b, i);

      g_assert_cmpstr (ia->rule_key, ==, ib->rule_key);
      g_assert_cmpint (ia->due_at, ==, ib->due_at);
      g_assert_cmpstr (ia->reason, ==, ib->reason);
    }
}

/* Histories read as a set (the customers of Done on a summary, scattered
 * over the book), given in any order, with an id twice and one not in the
 * book, are those read one customer at a time, by ascending id. */
static void
test_history_among_matches_one_by_one (Fixture       *f,
                                       gconstpointer  data)
{
  static const gint64 ids[] = { 590, 4, 300, 4, 9999, 6, 151, 1, 30 };
  static const gint64 expected[] = { 1, 4, 6, 30, 151, 300, 590 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) among = NULL;
  guint n_referrals = 0;

  fill_random_book (f, 600);
  g_assert_true (rapport_follow_ups_sync_all (f->store, &f->settings, f->now, &error));
  g_assert_no_error (error);
  exec_sql (f, "UPDATE follow_up SET state = 'done', completed_at = '2026-11-01T09:00:00Z'"
               " WHERE id % 3 = 0;"
               "INSERT INTO testimonial (customer_id, quote, received_on)"
               " VALUES (300, 'Splendid', '2026-10-01');"
               "INSERT INTO reference_use (customer_id, given_to, used_on)"
               " VALUES (151, 'Initech', '2026-10-02');");

  g_assert_true (rapport_store_begin (f->store, &error));
  among = rapport_history_load_among (f->store, ids, G_N_ELEMENTS (ids), &error);
  g_assert_no_error (error);
  g_assert_nonnull (among);
  g_assert_cmpuint (among->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < among->len; i++)
    {
      const RapportHistory *history = g_ptr_array_index (among, i);
      g_autoptr(RapportHistory) one = rapport_history_load (f->store, expected[i], &error);

      g_assert_no_error (error);
      g_assert_cmpint (history->customer_id, ==, expected[i]);
      assert_same_history (f, history, one);
      n_referrals += history->referrals->len;
    }
  g_assert_cmpuint (n_referrals, >, 0);
  rapport_store_rollback (f->store);
}

/* One sync writes its moves, deletions and new items as a batch: an item
 * whose kind a newer playbook changed is replaced under the same rule key
 * (the old row goes first, or the new one would not fit the key), one
 * moved behind the playbook's back is moved back and numbered as moved,
 * one that lost its referral gets it back, one the playbook no longer
 * wants is deleted; the outbox sees each. */
static void
test_sync_batch_writes (Fixture       *f,
                        gconstpointer  data)
{
  gint64 care, keep, keep_due, moved_before;

  add_referral_and_reference_use (f);
  exec_sql (f, rapport_schema_sync_triggers);
  g_assert_cmpint (count (f, "rule_key = 'referral:7:thank' AND referral_id = 7"), ==, 1);
  care = id_of (f, "reference-use:3:care");
  keep = int_query (f, "SELECT id FROM follow_up WHERE kind = 'keep_in_touch'");
  keep_due = int_query (f, "SELECT unixepoch (due_at) FROM follow_up WHERE kind = 'keep_in_touch'");
  g_assert_cmpint (care, >, 0);
  g_assert_cmpint (keep, >, 0);
  exec_sql (f, "UPDATE follow_up SET kind = 'preposition_referral' WHERE rule_key = 'reference-use:3:care';"
               "UPDATE follow_up SET referral_id = NULL WHERE rule_key = 'referral:7:thank';"
               "UPDATE follow_up SET due_at = '2030-01-01T09:00:00Z' WHERE kind = 'keep_in_touch';"
               "INSERT INTO follow_up (customer_id, kind, due_at, reason, created_by, rule_key,"
               "                       created_at)"
               " VALUES (1, 'delivery_check_in', '2026-12-01T09:00:00Z', 'Gone', 'playbook',"
               "         'sale:99:check-in', '2026-11-01T09:00:00Z');"
               "DELETE FROM sync_outbox;");
  moved_before = int_query (f, "SELECT max (moved_seq) FROM follow_up");

  sync_book (f);

  g_assert_cmpint (count (f, "rule_key = 'reference-use:3:care' AND kind = 'reference_care'"
                             " AND state = 'due'"), ==, 1);
  g_assert_cmpint (id_of (f, "reference-use:3:care"), >, care);
  g_assert_cmpint (count (f, "kind = 'preposition_referral' OR rule_key = 'sale:99:check-in'"), ==, 0);
  g_assert_cmpint (count (f, "rule_key = 'referral:7:thank' AND referral_id = 7"), ==, 1);
  g_assert_cmpint (int_query (f, "SELECT unixepoch (due_at) FROM follow_up WHERE kind = 'keep_in_touch'"),
                   ==, keep_due);
  g_assert_cmpint (int_query (f, "SELECT moved_seq FROM follow_up WHERE kind = 'keep_in_touch'"),
                   >, moved_before);
  g_assert_cmpint (int_query (f, "SELECT count(*) FROM sync_outbox WHERE op = 'delete'"), ==, 2);
  g_assert_cmpint (int_query (f, "SELECT count(*) FROM sync_outbox o JOIN follow_up f"
                                 "    ON o.uid = f.uid AND o.op = 'put'"
                                 " WHERE f.kind IN ('reference_care', 'keep_in_touch')"), ==, 2);
}

/* The playbook numbers what it moves and adds in its own statements, as
 * the moved_seq triggers would, so no row is written twice: a moved item
 * gets a new number, a reworded one or a snoozed one whose due time moves
 * under its snooze keeps its own, new items get distinct numbers. */
static void
test_sync_numbers_moves_once (Fixture       *f,
                              gconstpointer  data)
{
  gint64 keep, moved_before, care_seq, thank_seq;

  add_referral_and_reference_use (f);
  keep = int_query (f, "SELECT id FROM follow_up WHERE kind = 'keep_in_touch'");
  exec_sql (f, "UPDATE follow_up SET due_at = '2030-01-01T09:00:00Z' WHERE kind = 'keep_in_touch';"
               "UPDATE follow_up SET reason = 'Old words' WHERE rule_key = 'reference-use:3:care';"
               "UPDATE follow_up SET state = 'snoozed', snoozed_until = '2026-12-24T09:00:00Z'"
               " WHERE rule_key = 'referral:7:thank';"
               "UPDATE follow_up SET due_at = '2031-01-01T09:00:00Z' WHERE rule_key = 'referral:7:thank';"
               "INSERT INTO sale (id, customer_id, product, closed_on, created_at)"
               " VALUES (12, 1, 'Acme CRM', '2026-11-02', '2026-11-02T09:00:00Z');"
               "CREATE TEMP TABLE writes (id INTEGER);"
               "CREATE TEMP TRIGGER count_writes AFTER UPDATE ON main.follow_up BEGIN"
               "  INSERT INTO writes VALUES (new.id);"
               "END;");
  moved_before = int_query (f, "SELECT max (moved_seq) FROM follow_up");
  care_seq = int_query (f, "SELECT moved_seq FROM follow_up WHERE rule_key = 'reference-use:3:care'");
  thank_seq = int_query (f, "SELECT moved_seq FROM follow_up WHERE rule_key = 'referral:7:thank'");

  sync_book (f);

  g_assert_cmpint (int_query (f, "SELECT count(*) FROM temp.writes WHERE id = (SELECT id FROM follow_up"
                                 "                                  WHERE kind = 'keep_in_touch')"), ==, 1);
  g_assert_cmpint (int_query (f, "SELECT count(*) FROM temp.writes"), ==,
                   int_query (f, "SELECT count(DISTINCT id) FROM temp.writes"));
  g_assert_cmpint (int_query (f, "SELECT count(*) FROM temp.writes w JOIN follow_up f ON f.id = w.id"
                                 " WHERE f.rule_key LIKE 'sale:12:%'"), ==, 0);
  g_assert_cmpint (int_query (f, "SELECT id FROM follow_up WHERE kind = 'keep_in_touch'"), ==, keep);
  g_assert_cmpint (int_query (f, "SELECT moved_seq FROM follow_up WHERE kind = 'keep_in_touch'"),
                   >, moved_before);
  g_assert_cmpint (count (f, "rule_key = 'reference-use:3:care' AND reason <> 'Old words'"), ==, 1);
  g_assert_cmpint (int_query (f, "SELECT moved_seq FROM follow_up WHERE rule_key = 'reference-use:3:care'"),
                   ==, care_seq);
  g_assert_cmpint (count (f, "rule_key = 'referral:7:thank' AND due_at < '2031-01-01T09:00:00Z'"), ==, 1);
  g_assert_cmpint (int_query (f, "SELECT moved_seq FROM follow_up WHERE rule_key = 'referral:7:thank'"),
                   ==, thank_seq);
  g_assert_cmpint (count (f, "rule_key LIKE 'sale:12:%'"), >=, 1);
  g_assert_cmpint (count (f, "rule_key LIKE 'sale:12:%' AND moved_seq > 0"), ==,
                   count (f, "rule_key LIKE 'sale:12:%'"));
  g_assert_cmpint (int_query (f, "SELECT min (moved_seq) FROM follow_up WHERE rule_key LIKE 'sale:12:%'"),
                   >, moved_before);
  g_assert_cmpint (count (f, "moved_seq > 0"), ==,
                   int_query (f, "SELECT count(DISTINCT moved_seq) FROM follow_up WHERE moved_seq > 0"));
  exec_sql (f, "DROP TRIGGER temp.count_writes; DROP TABLE temp.writes;");
}

/* An item gone from the book fails Done on the whole digest, and nothing
 * of it is written: not the items before it, nor a contact. */
static void
test_complete_many_rolls_back (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  gint64 outbox_before;
  gint64 ids[3];

  exec_sql (f, "INSERT INTO reference_use (id, customer_id, given_to, used_on)"
               " VALUES (3, 1, 'Initech', '2026-11-02');");
  sync_book (f);
  exec_sql (f, rapport_schema_sync_triggers);
  ids[0] = id_of (f, "reference-use:3:care");
  ids[1] = 9999;
  ids[2] = int_query (f, "SELECT id FROM follow_up WHERE kind = 'keep_in_touch'");
  before = snapshot_all (f);
  outbox_before = int_query (f, "SELECT count(*) FROM sync_outbox");

  g_assert_false (rapport_follow_ups_complete_many (f->store, ids, G_N_ELEMENTS (ids),
                                                    &f->settings, f->now, &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_FOUND);
  g_assert_false (rapport_store_in_transaction (f->store));
  after = snapshot_all (f);
  assert_same_rows (before, after);
  g_assert_cmpint (int_query (f, "SELECT count(*) FROM sync_outbox"), ==, outbox_before);

  /* Without the missing one, it goes through. */
  g_clear_error (&error);
  ids[1] = ids[0];
  g_assert_true (rapport_follow_ups_complete_many (f->store, ids, G_N_ELEMENTS (ids),
                                                   &f->settings, f->now, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f, "state = 'done'"), ==, 2);
  g_assert_cmpint (int_query (f, "SELECT count(*) FROM interaction"), ==, 2);
}

static void
test_unknown_customer (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (rapport_follow_ups_sync_customer (f->store, 42, &f->settings, f->now, &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_FOUND);
  g_assert_false (rapport_store_in_transaction (f->store));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  tzset ();
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/follow-ups/sale-lifecycle", test_sale_lifecycle);
  ADD ("/follow-ups/interaction-moves-keep-in-touch", test_interaction_moves_keep_in_touch);
  ADD ("/follow-ups/done-not-recreated", test_done_items_are_not_recreated);
  ADD ("/follow-ups/user-items", test_user_items_are_left_alone);
  ADD ("/follow-ups/complete", test_complete_logs_one_contact_a_day);
  ADD ("/follow-ups/snooze-and-next-due", test_snooze_and_next_due);
  ADD ("/follow-ups/snooze-many", test_snooze_many);
  ADD ("/follow-ups/next-due-uses-index", test_next_due_uses_the_index);
  ADD ("/follow-ups/sync-all", test_sync_all);
  ADD ("/follow-ups/sync-all-matches-one-by-one", test_sync_all_matches_one_by_one);
  ADD ("/follow-ups/sync-all-in-chunks", test_sync_all_in_chunks);
  ADD ("/follow-ups/sync-all-starts-wal-over", test_sync_all_starts_wal_over);
  ADD ("/follow-ups/complete-many-customers", test_complete_many_customers);
  ADD ("/follow-ups/complete-many-rolls-back", test_complete_many_rolls_back);
  ADD ("/follow-ups/complete-many-matches-one-by-one", test_complete_many_matches_one_by_one);
  ADD ("/follow-ups/history-among-matches-one-by-one", test_history_among_matches_one_by_one);
  ADD ("/follow-ups/sync-batch-writes", test_sync_batch_writes);
  ADD ("/follow-ups/sync-numbers-moves-once", test_sync_numbers_moves_once);
  ADD ("/follow-ups/unknown-customer", test_unknown_customer);

  return g_test_run ();
}
