/* test-referral.c: recording referrals, their stages, the playbook's
 * follow-ups for them, the funnel, who is ready to ask, and referrals.csv
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "rapport-customer.h"
#include "rapport-follow-ups.h"
#include "rapport-referral.h"
#include "rapport-time.h"

#define DAY RAPPORT_SECONDS_PER_DAY

typedef struct
{
  RapportStore            *store;
  RapportPlaybookSettings  settings;
  gint64                   now;       /* Monday 2 November 2026, 09:00 UTC */
} Fixture;

static void
exec_sql (Fixture    *f,
          const char *sql)
{
  g_autoptr(GError) error = NULL;

  rapport_store_exec (f->store, sql, &error);
  g_assert_no_error (error);
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

static char *
text_query (Fixture    *f,
            const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStmt) stmt = rapport_store_prepare (f->store, sql, &error);

  g_assert_no_error (error);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
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

  /* Ada, last called a month ago, refers; Bob, called yesterday, is in
   * the book already. */
  exec_sql (f, "INSERT INTO customer (id, name, email, satisfaction, created_at, updated_at)"
               " VALUES (1, 'Ada Lovelace', 'ada@example.com', 'delighted',"
               "         '2026-01-05T10:00:00Z', '2026-01-05T10:00:00Z'),"
               "        (2, 'Bob Brown', 'bob@example.com', 'unknown',"
               "         '2026-01-05T10:00:00Z', '2026-01-05T10:00:00Z');"
               "INSERT INTO interaction (customer_id, happened_at, kind)"
               " VALUES (1, '2026-10-01T14:00:00Z', 'call'),"
               "        (2, '2026-11-01T09:00:00Z', 'call');");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
}

static gint64
record (Fixture    *f,
        gint64      referrer,
        gint64      prospect,
        const char *type,
        const char *stage)
{
  g_autoptr(RapportReferral) referral = rapport_referral_new (referrer, type);
  g_autoptr(GError) error = NULL;

  if (prospect != 0)
    rapport_referral_set_prospect_id (referral, prospect);
  else
    {
      static guint n;
      g_autofree char *name = g_strdup_printf ("Prospect %u", ++n);

      rapport_referral_set_new_prospect (referral, name, "", "");
    }
  rapport_referral_set_stage (referral, stage);
  g_assert_true (rapport_referral_create (referral, f->store, &f->settings, f->now, &error));
  g_assert_no_error (error);
  return rapport_referral_get_id (referral);
}

static void
move (Fixture    *f,
      gint64      id,
      const char *stage)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rapport_referral_change_stage (f->store, id, stage, &f->settings, f->now, &error));
  g_assert_no_error (error);
}

/* The open follow-up of @kind for @customer: its due time, 0 if none. */
static gint64
due_of (Fixture    *f,
        gint64      customer,
        const char *rule_key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStmt) stmt = NULL;
  gint64 due = 0;

  stmt = rapport_store_prepare (f->store,
                                "SELECT due_at FROM follow_up WHERE customer_id = ? AND rule_key = ?"
                                "   AND state IN ('due', 'snoozed')",
                                &error);
  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, customer);
  sqlite3_bind_text (stmt, 2, rule_key, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    g_assert_true (rapport_time_parse_utc ((const char *) sqlite3_column_text (stmt, 0), &due));
  return due;
}

static gint64
due_of_referral (Fixture    *f,
                 gint64      customer,
                 gint64      referral,
                 const char *rule)
{
  g_autofree char *key = g_strdup_printf ("referral:%" G_GINT64_FORMAT ":%s", referral, rule);

  return due_of (f, customer, key);
}

static gint64
open_kind (Fixture    *f,
           gint64      customer,
           const char *kind)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM follow_up WHERE customer_id = %"
                                          G_GINT64_FORMAT " AND kind = '%s'"
                                          " AND state IN ('due', 'snoozed')", customer, kind);

  return int_query (f, sql);
}

static void
test_create_with_new_prospect (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(RapportReferral) referral = rapport_referral_new (1, "solicited");
  g_autoptr(RapportReferral) loaded = NULL;
  g_autoptr(RapportCustomer) carol = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) error = NULL;
  RapportReferralChange *first;
  gint64 id;

  rapport_referral_set_new_prospect (referral, "  Carol Díaz ", "Díaz & Hijos", "carol@example.com");
  rapport_referral_set_notes (referral, "Met at the fair");
  g_assert_true (rapport_referral_create (referral, f->store, &f->settings, f->now, &error));
  g_assert_no_error (error);
  id = rapport_referral_get_id (referral);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (rapport_referral_get_prospect_id (referral), ==, 3);

  /* The prospect is a new customer, a prospect, named as typed (trimmed). */
  carol = rapport_customer_load (f->store, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rapport_customer_get_name (carol), ==, "Carol Díaz");
  g_assert_cmpstr (rapport_customer_get_company (carol), ==, "Díaz & Hijos");
  g_assert_cmpstr (rapport_customer_get_email (carol), ==, "carol@example.com");
  g_assert_cmpstr (rapport_customer_get_status (carol), ==, "prospect");

  loaded = rapport_referral_load (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rapport_referral_get_referrer_name (loaded), ==, "Ada Lovelace");
  g_assert_cmpstr (rapport_referral_get_prospect_name (loaded), ==, "Carol Díaz");
  g_assert_cmpstr (rapport_referral_get_type_word (loaded), ==, "solicited");
  g_assert_cmpstr (rapport_referral_get_stage (loaded), ==, "promised");
  g_assert_cmpstr (rapport_referral_get_notes (loaded), ==, "Met at the fair");
  g_assert_cmpint (rapport_referral_get_created_at (loaded), ==, f->now);
  g_assert_cmpint (rapport_referral_get_stage_changed_at (loaded), ==, f->now);
  g_assert_cmpint (rapport_referral_get_thanked_at (loaded), ==, 0);
  g_assert_null (rapport_referral_get_thanked_how (loaded));

  /* The stage it arrived in is the first row of its history. */
  changes = rapport_referral_list_changes (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 1);
  first = g_ptr_array_index (changes, 0);
  g_assert_null (first->from_stage);
  g_assert_cmpstr (first->to_stage, ==, "promised");
  g_assert_cmpint (first->changed_at, ==, f->now);

  /* On arrival: thank the referrer today, contact the prospect within 24 h. */
  g_assert_cmpint (due_of_referral (f, 1, id, "thank"), ==, f->now);
  g_assert_cmpint (due_of_referral (f, 3, id, "contact"), ==, f->now);
  g_assert_cmpint (int_query (f, "SELECT count(*) FROM follow_up WHERE kind = 'contact_referral'"
                                 " AND overdue_at = '2026-11-03T09:00:00Z'"), ==, 1);
}

static void
assert_nothing_written (Fixture *f)
{
  g_assert_cmpint (int_query (f, "SELECT count(*) FROM referral"), ==, 0);
  g_assert_cmpint (int_query (f, "SELECT count(*) FROM referral_stage_change"), ==, 0);
  g_assert_cmpint (int_query (f, "SELECT count(*) FROM customer"), ==, 2);
  g_assert_cmpint (int_query (f, "SELECT count(*) FROM follow_up"), ==, 0);
  g_assert_false (rapport_store_in_transaction (f->store));
}

static void
assert_refused (Fixture         *f,
                RapportReferral *referral,
                int              code,
                const char      *words)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (rapport_referral_create (referral, f->store, &f->settings, f->now, &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, code);
  g_assert_nonnull (strstr (error->message, words));
  g_assert_cmpint (rapport_referral_get_id (referral), ==, 0);
  assert_nothing_written (f);
}

static void
test_bad_input_writes_nothing (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(RapportReferral) self = rapport_referral_new (1, "proactive");
  g_autoptr(RapportReferral) hot = rapport_referral_new (1, "hot");
  g_autoptr(RapportReferral) stage = rapport_referral_new (1, "solicited");
  g_autoptr(RapportReferral) ghost = rapport_referral_new (99, "solicited");
  g_autoptr(RapportReferral) nameless = rapport_referral_new (1, "solicited");
  g_autoptr(RapportReferral) twin = rapport_referral_new (1, "solicited");
  g_autoptr(RapportReferral) late = rapport_referral_new (1, "unsolicited");

  rapport_referral_set_prospect_id (self, 1);
  assert_refused (f, self, RAPPORT_STORE_ERROR_INVALID, "cannot refer themselves");

  rapport_referral_set_prospect_id (hot, 2);
  assert_refused (f, hot, RAPPORT_STORE_ERROR_INVALID, "“hot” is not a referral type");

  rapport_referral_set_prospect_id (stage, 2);
  rapport_referral_set_stage (stage, "hot");
  assert_refused (f, stage, RAPPORT_STORE_ERROR_INVALID, "“hot” is not a referral stage");

  rapport_referral_set_prospect_id (ghost, 2);
  assert_refused (f, ghost, RAPPORT_STORE_ERROR_NOT_FOUND, "no customer number 99");

  rapport_referral_set_new_prospect (nameless, "   ", "Acme", "");
  assert_refused (f, nameless, RAPPORT_STORE_ERROR_INVALID, "Name the person");

  rapport_referral_set_new_prospect (twin, "Robert Brown", "", "BOB@example.com");
  assert_refused (f, twin, RAPPORT_STORE_ERROR_INVALID, "Bob Brown already has the email address");

  /* A failure after the new prospect was added takes the prospect back too. */
  exec_sql (f, "CREATE TEMP TRIGGER refuse BEFORE INSERT ON referral_stage_change"
               " BEGIN SELECT RAISE (ABORT, 'the disk is on fire'); END;");
  rapport_referral_set_new_prospect (late, "Dana Diaz", "", "dana@example.com");
  assert_refused (f, late, RAPPORT_STORE_ERROR_CONSTRAINT, "the disk is on fire");
  exec_sql (f, "DROP TRIGGER refuse");

  /* The schema refuses a self-referral too, whoever writes it. */
  g_assert_false (rapport_store_exec (f->store,
                                      "INSERT INTO referral (referrer_id, prospect_id, type, created_at)"
                                      " VALUES (1, 1, 'solicited', '2026-11-02T09:00:00Z')",
                                      NULL));
}

static void
test_stage_changes_are_recorded (Fixture       *f,
                                 gconstpointer  data)
{
  static const char *expected[][2] = {
    { NULL, "promised" }, { "promised", "introduced" }, { "introduced", "contacted" },
    { "contacted", "meeting" }, { "meeting", "contacted" },
  };
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(RapportReferral) loaded = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = f->now;
  gint64 id = record (f, 1, 2, "proactive", "promised");

  for (guint i = 1; i < G_N_ELEMENTS (expected); i++)
    {
      f->now += DAY;
      move (f, id, expected[i][1]);
    }
  /* The same stage again is not a change. */
  f->now += DAY;
  move (f, id, "contacted");

  changes = rapport_referral_list_changes (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < changes->len; i++)
    {
      RapportReferralChange *change = g_ptr_array_index (changes, i);

      g_assert_cmpstr (change->from_stage, ==, expected[i][0]);
      g_assert_cmpstr (change->to_stage, ==, expected[i][1]);
      g_assert_cmpint (change->changed_at, ==, start + i * DAY);
    }

  /* The row says where it is now, and since when. */
  loaded = rapport_referral_load (f->store, id, &error);
  g_assert_cmpstr (rapport_referral_get_stage (loaded), ==, "contacted");
  g_assert_cmpint (rapport_referral_get_stage_changed_at (loaded), ==, start + 4 * DAY);

  g_assert_false (rapport_referral_change_stage (f->store, id, "hot", &f->settings, f->now, &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (rapport_referral_change_stage (f->store, 77, "won", &f->settings, f->now, &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_FOUND);
  g_assert_cmpint (int_query (f, "SELECT count(*) FROM referral_stage_change"), ==, 5);
  g_assert_false (rapport_store_in_transaction (f->store));
}

static void
test_playbook_follows_the_referral (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 arrived = f->now;
  gint64 id = record (f, 1, 2, "solicited", "promised");

  /* Arrival: Ada is thanked today; Bob, called yesterday, is contacted
   * once his three-day gap is over (never pester), not today. */
  g_assert_cmpint (due_of_referral (f, 1, id, "thank"), ==, arrived);
  g_assert_cmpint (due_of_referral (f, 2, id, "contact"), ==, arrived + 2 * DAY);

  /* Thanked with a note: the item goes, and the note is Ada's last contact. */
  g_assert_true (rapport_referral_mark_thanked (f->store, id, "note", &f->settings, f->now, &error));
  g_assert_no_error (error);
  g_assert_cmpint (open_kind (f, 1, "thank_referrer"), ==, 0);
  g_assert_cmpint (int_query (f, "SELECT count(*) FROM interaction WHERE customer_id = 1"
                                 " AND kind = 'thank_you_note' AND happened_at = '2026-11-02T09:00:00Z'"), ==, 1);

  /* Introduced the next day: keep Ada informed, three days after the note. */
  f->now += DAY;
  move (f, id, "introduced");
  g_assert_cmpint (open_kind (f, 1, "keep_source_informed"), ==, 1);
  g_assert_cmpint (int_query (f, "SELECT count(*) FROM follow_up WHERE customer_id = 1"
                                 " AND kind = 'keep_source_informed' AND state = 'due'"
                                 " AND due_at = '2026-11-05T09:00:00Z'"), ==, 1);

  /* Ada hears of it on the 5th: the item goes, the talk is logged. */
  f->now = arrived + 3 * DAY;
  g_assert_true (rapport_referral_mark_informed (f->store, id, &f->settings, f->now, &error));
  g_assert_no_error (error);
  g_assert_cmpint (open_kind (f, 1, "keep_source_informed"), ==, 0);
  g_assert_cmpint (int_query (f, "SELECT count(*) FROM referral WHERE referrer_informed_at ="
                                 " '2026-11-05T09:00:00Z'"), ==, 1);

  /* Bob is contacted; then, ten days in, won: Ada is told and thanked
   * again (a note or a gift), and Bob no longer needs a first contact. */
  f->now = arrived + 4 * DAY;
  move (f, id, "contacted");
  g_assert_cmpint (open_kind (f, 2, "contact_referral"), ==, 0);
  f->now = arrived + 10 * DAY;
  move (f, id, "won");
  g_assert_cmpint (open_kind (f, 1, "keep_source_informed"), ==, 1);
  g_assert_cmpint (due_of_referral (f, 1, id, "won-thanks"), ==, f->now);

  g_assert_true (rapport_referral_mark_thanked (f->store, id, "gift", &f->settings, f->now, &error));
  g_assert_no_error (error);
  g_assert_cmpint (due_of_referral (f, 1, id, "won-thanks"), ==, 0);
  g_assert_cmpint (int_query (f, "SELECT count(*) FROM interaction WHERE customer_id = 1 AND kind = 'gift'"), ==, 1);
  g_assert_cmpint (int_query (f, "SELECT count(*) FROM referral WHERE thanked_how = 'gift'"), ==, 1);

  /* Going back to a meeting (it was not quite won) asks to inform Ada again,
   * spaced from the gift. */
  f->now += DAY;
  move (f, id, "meeting");
  g_assert_cmpint (open_kind (f, 1, "keep_source_informed"), ==, 1);
  g_assert_cmpint (int_query (f, "SELECT count(*) FROM follow_up WHERE customer_id = 1"
                                 " AND kind = 'keep_source_informed' AND state = 'due'"
                                 " AND due_at = '2026-11-15T09:00:00Z'"), ==, 1);

  g_assert_false (rapport_referral_mark_thanked (f->store, id, "flowers", &f->settings, f->now, &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (rapport_referral_mark_informed (f->store, 77, &f->settings, f->now, &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_FOUND);
}

static void
test_funnel (Fixture       *f,
             gconstpointer  data)
{
  RapportReferralFunnel funnel;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 id;

  g_assert_true (rapport_referral_funnel_load (f->store, &funnel, &error));
  g_assert_cmpuint (funnel.total, ==, 0);
  g_assert_cmpfloat (rapport_referral_funnel_rate (&funnel, 5), ==, 0);
  text = rapport_referral_funnel_describe (&funnel);
  g_assert_cmpstr (text, ==, "Funnel: no referrals yet");
  g_clear_pointer (&text, g_free);

  record (f, 1, 0, "solicited", "promised");
  id = record (f, 1, 0, "solicited", "introduced");
  move (f, id, "contacted");
  move (f, id, "meeting");
  move (f, id, "lost");                /* lost after a meeting */
  id = record (f, 1, 0, "solicited", "meeting");
  move (f, id, "won");
  record (f, 1, 0, "proactive", "introduced");
  id = record (f, 1, 0, "proactive", "meeting");
  move (f, id, "contacted");           /* back from the meeting */
  id = record (f, 1, 0, "unsolicited", "introduced");
  move (f, id, "won");

  g_assert_true (rapport_referral_funnel_load (f->store, &funnel, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (funnel.total, ==, 6);
  g_assert_cmpuint (funnel.at_stage[0], ==, 1);
  g_assert_cmpuint (funnel.at_stage[2], ==, 1);
  g_assert_cmpuint (funnel.at_stage[3], ==, 1);
  g_assert_cmpuint (funnel.at_stage[5], ==, 2);
  g_assert_cmpuint (funnel.at_stage[6], ==, 1);
  g_assert_cmpuint (funnel.reached[0], ==, 6);
  g_assert_cmpuint (funnel.reached[1], ==, 5);
  g_assert_cmpuint (funnel.reached[2], ==, 5);
  g_assert_cmpuint (funnel.reached[3], ==, 4);
  g_assert_cmpuint (funnel.reached[4], ==, 4);
  g_assert_cmpuint (funnel.reached[5], ==, 2);
  g_assert_cmpuint (funnel.reached[6], ==, 1);
  g_assert_cmpuint (funnel.of_type[0], ==, 3);
  g_assert_cmpuint (funnel.won_of_type[0], ==, 1);
  g_assert_cmpfloat_with_epsilon (rapport_referral_funnel_rate (&funnel, 5), 2.0 / 6, 1e-9);
  g_assert_cmpfloat_with_epsilon (rapport_referral_funnel_won_rate (&funnel, 1), 0, 1e-9);
  g_assert_cmpfloat_with_epsilon (rapport_referral_funnel_won_rate (&funnel, 2), 1, 1e-9);

  text = rapport_referral_funnel_describe (&funnel);
  g_assert_cmpstr (text, ==,
                   "Funnel: 6 promised, 5 introduction requested, 5 introduced, 4 contacted, "
                   "4 meeting, 2 won (33 %); 1 lost. Won by type: solicited 1 of 3 (33 %), "
                   "proactive 0 of 2 (0 %), unsolicited 1 of 1 (100 %).");
}

static void
test_list_filters (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GListModel) all = NULL;
  g_autoptr(GListModel) won = NULL;
  g_autoptr(GListModel) proactive_won = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportReferral) first = NULL;
  g_autoptr(RapportReferral) last = NULL;

  record (f, 1, 0, "proactive", "won");
  record (f, 1, 2, "solicited", "promised");
  record (f, 1, 0, "unsolicited", "lost");
  record (f, 2, 0, "solicited", "won");

  all = rapport_referral_list (f->store, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, 4);
  /* Along the pipeline: promised first, lost last. */
  first = g_list_model_get_item (all, 0);
  last = g_list_model_get_item (all, 3);
  g_assert_cmpstr (rapport_referral_get_stage (first), ==, "promised");
  g_assert_cmpstr (rapport_referral_get_prospect_name (first), ==, "Bob Brown");
  g_assert_cmpstr (rapport_referral_get_stage (last), ==, "lost");

  won = rapport_referral_list (f->store, "won", NULL, &error);
  g_assert_cmpuint (g_list_model_get_n_items (won), ==, 2);
  proactive_won = rapport_referral_list (f->store, "won", "proactive", &error);
  g_assert_cmpuint (g_list_model_get_n_items (proactive_won), ==, 1);

  g_assert_null (rapport_referral_list (f->store, "warm", NULL, &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID);
}

static void
test_count_and_cascade (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  record (f, 1, 2, "solicited", "promised");
  record (f, 2, 0, "proactive", "introduced");
  g_assert_cmpint (rapport_customer_count_referrals (f->store, 1, &error), ==, 1);
  g_assert_cmpint (rapport_customer_count_referrals (f->store, 2, &error), ==, 2);
  g_assert_cmpint (rapport_customer_count_referrals (f->store, 99, &error), ==, 0);

  /* Deleting Bob deletes both referrals, their history and follow-ups. */
  g_assert_true (rapport_customer_delete (f->store, 2, &error));
  g_assert_no_error (error);
  g_assert_cmpint (int_query (f, "SELECT count(*) FROM referral"), ==, 0);
  g_assert_cmpint (int_query (f, "SELECT count(*) FROM referral_stage_change"), ==, 0);
  g_assert_cmpint (int_query (f, "SELECT count(*) FROM follow_up WHERE referral_id IS NOT NULL"), ==, 0);
}

static void
test_ready_to_ask (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GListModel) ready = NULL;
  g_autoptr(GListModel) first_only = NULL;
  g_autoptr(RapportCustomer) first = NULL;
  g_autoptr(RapportCustomer) second = NULL;
  g_autoptr(GError) error = NULL;
  guint n_ready = 0;

  /* Ada (1) has no sale yet, Bob (2) is not delighted. */
  exec_sql (f,
            "INSERT INTO customer (id, name, status, satisfaction, created_at, updated_at) VALUES"
            " (10, 'Hana Ready', 'customer', 'delighted', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),"
            " (11, 'Ivo Declined', 'customer', 'delighted', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),"
            " (12, 'Jo Undelivered', 'customer', 'delighted', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),"
            " (13, 'Kim Satisfied', 'customer', 'satisfied', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),"
            " (14, 'Lea Referred', 'customer', 'delighted', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),"
            " (15, 'Max Asked', 'customer', 'delighted', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),"
            " (16, 'Noa Former', 'former', 'delighted', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),"
            " (17, 'abe Due', 'customer', 'delighted', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');"
            /* Hana has been delighted since September, Abe since October. */
            "UPDATE customer SET satisfaction_recorded_at = '2026-09-20T10:00:00Z' WHERE id = 10;"
            "UPDATE customer SET satisfaction_recorded_at = '2026-10-20T10:00:00Z' WHERE id = 17;"
            "INSERT INTO sale (customer_id, product, closed_on, delivered_on, referral_prepositioned, created_at)"
            " VALUES (10, 'Loom', '2026-09-01', '2026-09-10', 'agreed', '2026-09-01T00:00:00Z'),"
            "        (10, 'Spindle', '2026-10-01', NULL, 'no', '2026-10-01T00:00:00Z'),"
            "        (11, 'Loom', '2026-09-01', '2026-09-10', 'declined', '2026-09-01T00:00:00Z'),"
            "        (12, 'Loom', '2026-09-01', NULL, 'agreed', '2026-09-01T00:00:00Z'),"
            "        (13, 'Loom', '2026-09-01', '2026-09-10', 'agreed', '2026-09-01T00:00:00Z'),"
            "        (14, 'Loom', '2026-09-01', '2026-09-10', 'agreed', '2026-09-01T00:00:00Z'),"
            "        (15, 'Loom', '2026-09-01', '2026-09-10', 'agreed', '2026-09-01T00:00:00Z'),"
            "        (16, 'Loom', '2026-09-01', '2026-09-10', 'agreed', '2026-09-01T00:00:00Z'),"
            "        (17, 'Loom', '2026-09-01', '2026-09-10', 'agreed', '2026-09-01T00:00:00Z');"
            "INSERT INTO follow_up (customer_id, kind, due_at, state, created_at) VALUES"
            " (15, 'introduction_ask', '2026-10-01T09:00:00Z', 'done', '2026-10-01T09:00:00Z'),"
            " (17, 'introduction_ask', '2026-11-01T09:00:00Z', 'due', '2026-10-01T09:00:00Z');");
  record (f, 14, 2, "solicited", "promised");

  /* Hana and Abe, whoever has waited longest first. */
  ready = rapport_referral_ready_to_ask (f->store, 0, &n_ready, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_ready, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (ready), ==, 2);
  first = g_list_model_get_item (ready, 0);
  second = g_list_model_get_item (ready, 1);
  g_assert_cmpstr (rapport_customer_get_name (first), ==, "Hana Ready");
  g_assert_cmpstr (rapport_customer_get_name (second), ==, "abe Due");

  /* A page of one still counts both. */
  first_only = rapport_referral_ready_to_ask (f->store, 1, &n_ready, &error);
  g_assert_cmpuint (g_list_model_get_n_items (first_only), ==, 1);
  g_assert_cmpuint (n_ready, ==, 2);
}

static void
test_mailto (void)
{
  g_autofree char *url = NULL;
  g_autofree char *bare = NULL;
  g_autofree char *odd = NULL;
  g_autofree char *ask = NULL;

  url = rapport_mailto_url ("ada@example.com", "Q&A? #1 re: 50%",
                            "Hi Zoë,\nline two & more\r\nsafe-._~ end");
  g_assert_cmpstr (url, ==,
                   "mailto:ada@example.com?subject=Q%26A%3F%20%231%20re%3A%2050%25"
                   "&body=Hi%20Zo%C3%AB%2C%0D%0Aline%20two%20%26%20more%0D%0Asafe-._~%20end");

  bare = rapport_mailto_url (NULL, "Hello", NULL);
  g_assert_cmpstr (bare, ==, "mailto:?subject=Hello");

  /* An address with characters that mean something in a URL stays one address. */
  odd = rapport_mailto_url ("a+b&c?d#e@example.com", NULL, "x");
  g_assert_cmpstr (odd, ==, "mailto:a%2Bb%26c%3Fd%23e@example.com?body=x");

  ask = rapport_referral_introduction_mailto ("Zoë Ångström", "zoe@example.se");
  g_assert_true (g_str_has_prefix (ask, "mailto:zoe@example.se?subject=A%20small%20favour&body=Hi%20Zo%C3%AB%2C%0D%0A%0D%0AWould%20you%20be%20willing"));
  g_assert_true (g_str_has_suffix (ask, "what%20we%20did%20for%20you%3F%0D%0A%0D%0AThank%20you%21%0D%0A"));
}

static void
test_referral_given (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *given_on = NULL;
  gint64 id;

  id = rapport_referral_given_add (f->store, 1, " Dana’s Bakery ", f->now - DAY, "Needs a bookkeeper",
                                   &f->settings, f->now, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  given_on = text_query (f, "SELECT given_on || '|' || given_to || '|' || notes FROM referral_given");
  g_assert_cmpstr (given_on, ==, "2026-11-01|Dana’s Bakery|Needs a bookkeeper");

  /* It shows on Ada's timeline, as a contact the day it happened. */
  g_assert_cmpint (int_query (f, "SELECT count(*) FROM interaction WHERE customer_id = 1"
                                 " AND kind = 'referral_given' AND happened_at = '2026-11-01T09:00:00Z'"
                                 " AND summary = 'Referred them to Dana’s Bakery'"), ==, 1);

  g_assert_cmpint (rapport_referral_given_add (f->store, 1, "  ", f->now, "", &f->settings, f->now, &error), ==, 0);
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (rapport_referral_given_add (f->store, 99, "Eve", f->now, "", &f->settings, f->now, &error), ==, 0);
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_FOUND);
  g_assert_cmpint (int_query (f, "SELECT count(*) FROM referral_given"), ==, 1);
  g_assert_cmpint (int_query (f, "SELECT count(*) FROM interaction WHERE kind = 'referral_given'"), ==, 1);
}

static void
test_csv (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "export", NULL);
  g_autofree char *path = g_build_filename (dir, "referrals.csv", NULL);
  g_autofree char *missing = g_build_filename (dir, "no", "such", "referrals.csv", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(RapportReferral) referral = rapport_referral_new (1, "unsolicited");
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  struct stat st;

  rapport_referral_set_new_prospect (referral, "Émile \"Mo\" Zola", "Zola, Fils & Cie", "emile@example.fr");
  rapport_referral_set_notes (referral, "Called me first;\nwants a demo");
  g_assert_true (rapport_referral_create (referral, f->store, &f->settings, f->now, &error));
  f->now += DAY;
  move (f, rapport_referral_get_id (referral), "contacted");
  g_assert_true (rapport_referral_mark_thanked (f->store, rapport_referral_get_id (referral), "call",
                                                &f->settings, f->now, &error));

  /* A name a spreadsheet would run as a formula is guarded (OWASP). */
  g_clear_object (&referral);
  referral = rapport_referral_new (1, "solicited");
  rapport_referral_set_new_prospect (referral, "=HYPERLINK(\"http://evil.example\")", "+1 Corp", "");
  rapport_referral_set_notes (referral, "@SUM(A1)");
  g_assert_true (rapport_referral_create (referral, f->store, &f->settings, f->now, &error));

  /* An existing, world-readable file is replaced by an owner-only one. */
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);

  g_assert_true (rapport_referrals_write_csv (f->store, path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\r\n", -1);
  g_assert_cmpstr (lines[0], ==,
                   "id,referrer,referrer_email,prospect,prospect_company,prospect_email,type,stage,"
                   "created_at,history,referrer_informed_at,thanked_at,thanked_how,notes");
  g_assert_cmpstr (lines[1], ==,
                   "1,Ada Lovelace,ada@example.com,\"Émile \"\"Mo\"\" Zola\",\"Zola, Fils & Cie\","
                   "emile@example.fr,unsolicited,contacted,2026-11-02T09:00:00Z,"
                   "2026-11-02T09:00:00Z promised; 2026-11-03T09:00:00Z contacted,,"
                   "2026-11-03T09:00:00Z,call,\"Called me first;\nwants a demo\"");
  g_assert_cmpstr (lines[2], ==,
                   "2,Ada Lovelace,ada@example.com,\"'=HYPERLINK(\"\"http://evil.example\"\")\",'+1 Corp,,"
                   "solicited,promised,2026-11-03T09:00:00Z,2026-11-03T09:00:00Z promised,,,,'@SUM(A1)");
  g_assert_cmpstr (lines[3], ==, "");
  g_assert_null (lines[4]);

  g_assert_false (rapport_referrals_write_csv (f->store, missing, &error));
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error->message, "Cannot export the referrals: "));
}

int
main (int   argc,
      char *argv[])
{
  /* The playbook works in local days; the expected times are written in UTC. */
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, func) \
  g_test_add ("/referral/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("create-with-new-prospect", test_create_with_new_prospect);
  ADD ("bad-input-writes-nothing", test_bad_input_writes_nothing);
  ADD ("stage-changes-are-recorded", test_stage_changes_are_recorded);
  ADD ("playbook-follows-the-referral", test_playbook_follows_the_referral);
  ADD ("funnel", test_funnel);
  ADD ("list-filters", test_list_filters);
  ADD ("count-and-cascade", test_count_and_cascade);
  ADD ("ready-to-ask", test_ready_to_ask);
  ADD ("referral-given", test_referral_given);
  ADD ("csv", test_csv);
  g_test_add_func ("/referral/mailto", test_mailto);

  return g_test_run ();
}
