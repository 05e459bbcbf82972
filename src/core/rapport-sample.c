/* rapport-sample.c: a demo book of business for first runs, screenshots and tests
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The book is planned in memory before anything is written, because its
 * parts lean on each other: a referral that was won made its prospect a
 * customer on the day the first sale closed, a satisfaction was recorded on
 * a call some days after a delivery, and nobody was contacted after their
 * last contact.  Then everything goes in in one transaction.
 *
 * A fixed seed, and dates counted back from `now`, make the same book every
 * time: screenshots and tests stay stable.  Names are fictional, emails are
 * at example.com/example.org and phones in the 555-01xx range set aside for
 * fiction.
 *
 * rapport-sample-plan.c decides who is in the book and what happened;
 * rapport-sample-write.c writes the customers, their sales and contacts;
 * rapport-sample-referrals.c the word of mouth: referrals, testimonials and
 * reference calls.  The words themselves are in rapport-sample-data.c.
 */

#define G_LOG_DOMAIN "rapport-sample"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-follow-ups.h"
#include "rapport-playbook.h"
#include "rapport-sample-private.h"
#include "rapport-sample.h"
#include "rapport-time.h"

#define SAMPLE_SEED 20261125

static void
person_clear (gpointer data)
{
  SamplePerson *person = data;

  g_free (person->name);
  g_free (person->first);
  g_free (person->company);
  g_free (person->email);
  g_free (person->phone);
  g_free (person->notes);
  g_free (person->tags);
}

static void
sample_book_init (SampleBook   *book,
                  RapportStore *store,
                  gint64        now)
{
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (now);

  book->store = store;
  book->rand = g_rand_new_with_seed (SAMPLE_SEED);
  book->now = now;
  book->midnight = g_date_time_new_local (g_date_time_get_year (local),
                                          g_date_time_get_month (local),
                                          g_date_time_get_day_of_month (local), 0, 0, 0);
  book->people = g_array_new (FALSE, TRUE, sizeof (SamplePerson));
  g_array_set_clear_func (book->people, person_clear);
  book->sales = g_array_new (FALSE, TRUE, sizeof (SampleSale));
  book->referrals = g_array_new (FALSE, TRUE, sizeof (SampleReferral));
  book->taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
sample_book_clear (SampleBook *book)
{
  g_clear_pointer (&book->rand, g_rand_free);
  g_clear_pointer (&book->midnight, g_date_time_unref);
  g_clear_pointer (&book->people, g_array_unref);
  g_clear_pointer (&book->sales, g_array_unref);
  g_clear_pointer (&book->referrals, g_array_unref);
  g_clear_pointer (&book->taken, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SampleBook, sample_book_clear)

/* Inclusive at both ends. */
int
sample_between (SampleBook *book,
                int         lo,
                int         hi)
{
  if (hi <= lo)
    return lo;
  return g_rand_int_range (book->rand, lo, hi + 1);
}

guint
sample_pick (SampleBook *book,
             guint       n)
{
  return g_rand_int_range (book->rand, 0, n);
}

gboolean
sample_chance (SampleBook *book,
               int         percent)
{
  return g_rand_int_range (book->rand, 0, 100) < percent;
}

/* A moment @minute minutes into the local day @days_ago days back.  Today's
 * moments still to come are moved into the past, keeping their order. */
char *
sample_instant_at (SampleBook *book,
                   int         days_ago,
                   int         minute)
{
  g_autoptr(GDateTime) day = g_date_time_add_days (book->midnight, -days_ago);
  g_autoptr(GDateTime) at = g_date_time_add_minutes (day, minute);
  gint64 unix_time = g_date_time_to_unix (at);

  if (unix_time > book->now)
    unix_time = book->now - (24 * 60 - minute);
  return rapport_time_format_utc (unix_time);
}

/* A day @lo to @hi days after @days_ago, but not after today.  (Not MAX ():
 * it would draw twice.) */
int
sample_later (SampleBook *book,
              int         days_ago,
              int         lo,
              int         hi)
{
  int day = days_ago - sample_between (book, lo, hi);

  return MAX (day, 0);
}

/* Somewhen in the working day. */
char *
sample_instant (SampleBook *book,
                int         days_ago)
{
  return sample_instant_at (book, days_ago, sample_between (book, 9 * 60, 18 * 60 - 1));
}

char *
sample_date (SampleBook *book,
             int         days_ago)
{
  g_autoptr(GDateTime) day = g_date_time_add_days (book->midnight, -days_ago);

  return g_date_time_format (day, "%Y-%m-%d");
}

/* Fills in a summary: {first}, {company}, {product}, and {other} and
 * {other_first} for the second person of a referral. */
char *
sample_expand (const char         *text,
               const SamplePerson *person,
               guint               product,
               const SamplePerson *other)
{
  GString *out = g_string_new (text);

  g_string_replace (out, "{first}", person->first, 0);
  g_string_replace (out, "{company}", person->company, 0);
  g_string_replace (out, "{product}", sample_products[product].name, 0);
  if (other != NULL)
    {
      g_string_replace (out, "{other_first}", other->first, 0);
      g_string_replace (out, "{other}", other->name, 0);
    }
  return g_string_free (out, FALSE);
}

static gboolean
write_done_follow_up (SampleBook                 *book,
                      gint64                      customer_id,
                      const RapportPlaybookItem  *item,
                      GError                    **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  g_autofree char *at = rapport_time_format_utc (item->wanted_at);

  stmt = rapport_store_prepare (book->store,
                                "INSERT INTO follow_up (customer_id, kind, due_at, state, reason,"
                                "  created_by, rule_key, sale_id, referral_id, created_at,"
                                "  completed_at)"
                                " VALUES (?, ?, ?, 'done', ?, 'playbook', ?, ?, ?, ?, ?)",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_text (stmt, 2, item->kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, item->reason, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, item->rule_key, -1, SQLITE_STATIC);
  if (item->sale_id != 0)
    sqlite3_bind_int64 (stmt, 6, item->sale_id);
  if (item->referral_id != 0)
    sqlite3_bind_int64 (stmt, 7, item->referral_id);
  sqlite3_bind_text (stmt, 8, at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, at, -1, SQLITE_STATIC);
  return rapport_store_step_done (book->store, stmt, error);
}

/* Whether the book itself says if it was done: a sale's pre-positioning,
 * a referral's thanks, news and first call, the date of the last contact. */
static gboolean
kept_by_the_book (const char *kind)
{
  static const char * const kinds[] = { "preposition_referral", "thank_referrer",
                                        "keep_source_informed", "contact_referral",
                                        "keep_in_touch", NULL };

  return g_strv_contains (kinds, kind);
}

/* The demo's salesperson keeps up with their playbook: whatever it asked
 * for before the day of a customer's last contact was done by then.  What
 * fell due since is left open, as in a real book. */
static gboolean
write_past_follow_ups (SampleBook                     *book,
                       gint64                          customer_id,
                       const RapportPlaybookSettings  *settings,
                       GError                        **error)
{
  g_autoptr(RapportHistory) history = rapport_history_load (book->store, customer_id, error);
  g_autoptr(GPtrArray) items = NULL;
  int last_contact_day;

  if (history == NULL)
    return FALSE;

  last_contact_day = rapport_playbook_local_day (history->last_contact);
  items = rapport_playbook_derive (history, settings, book->now);
  for (guint i = 0; i < items->len; i++)
    {
      const RapportPlaybookItem *item = g_ptr_array_index (items, i);

      if (history->last_contact != 0 && !kept_by_the_book (item->kind) &&
          rapport_playbook_local_day (item->wanted_at) < last_contact_day &&
          !write_done_follow_up (book, customer_id, item, error))
        return FALSE;
    }
  return TRUE;
}

/* The demo's check-ins come from the playbook, as a real book's do, with
 * the default settings: the app syncs again with the user's own. */
static gboolean
write_playbook (SampleBook  *book,
                GError     **error)
{
  RapportPlaybookSettings settings;

  rapport_playbook_settings_init_defaults (&settings);
  for (guint i = 0; i < book->people->len; i++)
    if (!write_past_follow_ups (book, sample_person (book, i)->id, &settings, error))
      return FALSE;
  return rapport_follow_ups_sync_all (book->store, &settings, book->now, error);
}

static gboolean
write_book (SampleBook  *book,
            GError     **error)
{
  return sample_write_people (book, error) &&
         sample_write_sales (book, error) &&
         sample_write_interactions (book, error) &&
         sample_write_referrals (book, error) &&
         sample_write_referrals_given (book, error) &&
         sample_write_testimonials (book, error) &&
         sample_write_references (book, error) &&
         write_playbook (book, error);
}

static gboolean
ensure_empty (RapportStore  *store,
              GError       **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  int n;
  int rc;

  stmt = rapport_store_prepare (store, "SELECT count(*) FROM customer", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return rapport_store_set_error (store, rc, error, "count customers");

  n = sqlite3_column_int (stmt, 0);
  if (n == 0)
    return TRUE;

  /* Mixing demo people into a real book would make both useless. */
  g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID,
               ngettext ("The book already has %d customer; sample data only goes into an "
                         "empty book",
                         "The book already has %d customers; sample data only goes into an "
                         "empty book",
                         n),
               n);
  return FALSE;
}

/**
 * rapport_sample_fill:
 * @now: the moment the book is made for; every date is counted back from it
 *
 * Fills an empty book with a demo book of business: %RAPPORT_SAMPLE_N_CUSTOMERS
 * customers with their sales, contacts, referrals, testimonials and
 * reference calls, the same every time for the same @now.  A book that
 * already has a customer is refused and left as it was.
 */
gboolean
rapport_sample_fill (RapportStore  *store,
                     gint64         now,
                     GError       **error)
{
  g_auto(SampleBook) book = { 0 };

  g_return_val_if_fail (RAPPORT_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  sample_book_init (&book, store, now);
  sample_plan (&book);

  if (!rapport_store_begin (store, error))
    return FALSE;
  if (!ensure_empty (store, error) ||
      !write_book (&book, error) ||
      !rapport_store_commit (store, error))
    {
      rapport_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}
