/* gen-book.c: writes a large book of business, for benchmarks at scale
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: gen-book [--seed S] PATH [CUSTOMERS [INTERACTIONS]]
 *        gen-book [--customers N] [--interactions M] [--seed S] PATH
 *        (defaults: 100,000 customers, 1,000,000 interactions)
 *
 * Creates PATH as Rapport would (same schema, through RapportStore), then
 * fills it in one transaction: N customers with one to three emails and
 * phones each (a third with an address, a quarter with a web site), M
 * interactions, about 1.5 sales and 1.5 follow-ups per customer, a
 * referral for every 20th customer, a testimonial for every 25th and a
 * reference customer in every 100 (so the Referrals and Testimonials views
 * have a book's worth to read too).  Same seed and day, same book (dates
 * are counted back from now; RAPPORT_FAKE_NOW fixes it).
 *
 * Speed: rows go in customer by customer, in the order of the indexes; the
 * search index is built once at the end rather than row by row by its
 * triggers (which are put back exactly as they were); and synchronous = OFF, as
 * a crash would only leave a useless fixture.  The app never does this.
 *
 * The book is for measuring the UI's first frame, memory and search
 * keystrokes against a book far bigger than any salesperson's.
 */

#define G_LOG_DOMAIN "gen-book"

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "rapport-contact.h"
#include "rapport-customer-card.h"
#include "rapport-sample-data.h"
#include "rapport-store.h"
#include "rapport-time.h"

#define DAY          ((gint64) 24 * 60 * 60)
#define HISTORY_DAYS (3 * 365)

typedef struct
{
  RapportStore *store;
  GRand        *rand;
  GRand        *values_rand;
  gint64        now;
  gint64        n_sales;
  gint64        n_follow_ups;
  gint64        n_referrals;
  gint64        n_testimonials;
  gint64        n_values;
} Generator;

static const char *statuses[] = { "prospect", "customer", "customer", "customer", "former" };
static const char *satisfactions[] = { "unknown", "unhappy", "satisfied", "delighted",
                                       "delighted" };
static const char *kinds[] = { "call", "call", "email", "email", "email", "meeting", "social",
                               "gift", "thank_you_note", "referral_given", "other" };
static const char *referral_types[] = { "solicited", "proactive", "unsolicited" };
static const char *referral_stages[] = { "promised", "introduction_requested", "introduced",
                                         "contacted", "meeting", "won", "won", "lost" };
static const char *permissions[] = { "private", "internal", "public_named", "public_anonymous" };
static const char *follow_up_kinds[] = { "delivery_check_in", "follow_up_meeting",
                                         "keep_in_touch", "keep_in_touch", "testimonial_ask",
                                         "introduction_ask", "preposition_referral" };

/* ISO 8601 UTC, as the book stores instants; gmtime_r is much cheaper
 * than a GDateTime per row. */
static void
format_instant (gint64  unix_time,
                char   *out,
                gsize   size)
{
  time_t t = (time_t) unix_time;
  struct tm tm;

  gmtime_r (&t, &tm);
  strftime (out, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void
format_date (gint64  unix_time,
             char   *out,
             gsize   size)
{
  time_t t = (time_t) unix_time;
  struct tm tm;

  gmtime_r (&t, &tm);
  strftime (out, size, "%Y-%m-%d", &tm);
}

static gint64
days_ago (Generator *self,
          int        lo,
          int        hi)
{
  int days = g_rand_int_range (self->rand, lo, hi + 1);

  return self->now - days * DAY - g_rand_int_range (self->rand, 0, (int) DAY);
}

static const char *
pick (Generator          *self,
      const char * const *words,
      guint               n)
{
  return words[g_rand_int_range (self->rand, 0, n)];
}

/* One to three emails and phones, and for some customers an address and a
 * web site, written as the app writes a contact's (customer_value, the
 * preferred ones and the search text on the customer's row).  They come
 * from a random sequence of their own, so that everything else in the
 * book is the same as before customers had them. */
static gboolean
insert_values (Generator   *self,
               gint64       id,
               gint64       index,
               const char  *ascii,
               const char  *email,
               const char  *phone,
               GError     **error)
{
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_contact_value_free);
  GRand *r = self->values_rand;
  int n_emails = g_rand_int_range (r, 1, 4);
  int n_phones = g_rand_int_range (r, 1, 4);
  g_autofree char *work_email = g_ascii_strdown (email, -1);
  g_autofree char *home_email = g_ascii_strdown (ascii, -1);
  g_autofree char *other_email = NULL;
  g_autofree char *cell = NULL;
  g_autofree char *home = NULL;
  g_autofree char *address = NULL;
  g_autofree char *url = NULL;

  g_ptr_array_add (values, rapport_contact_value_new (RAPPORT_VALUE_EMAIL, work_email, "work", 1));
  if (n_emails > 1)
    {
      other_email = g_strdup_printf ("%s.%" G_GINT64_FORMAT "@mail.example.org", home_email, index);
      g_ptr_array_add (values, rapport_contact_value_new (RAPPORT_VALUE_EMAIL, other_email, "home", 0));
    }
  if (n_emails > 2)
    {
      g_free (other_email);
      other_email = g_strdup_printf ("%s@%" G_GINT64_FORMAT ".example.net", home_email, index);
      g_ptr_array_add (values, rapport_contact_value_new (RAPPORT_VALUE_EMAIL, other_email, "", 0));
    }
  g_ptr_array_add (values, rapport_contact_value_new (RAPPORT_VALUE_PHONE, phone, "work", 1));
  if (n_phones > 1)
    {
      cell = g_strdup_printf ("+1 %03d 555 02%02d", g_rand_int_range (r, 201, 990),
                              g_rand_int_range (r, 0, 100));
      g_ptr_array_add (values, rapport_contact_value_new (RAPPORT_VALUE_PHONE, cell, "cell", 0));
    }
  if (n_phones > 2)
    {
      home = g_strdup_printf ("+1 %03d 555 03%02d", g_rand_int_range (r, 201, 990),
                              g_rand_int_range (r, 0, 100));
      g_ptr_array_add (values, rapport_contact_value_new (RAPPORT_VALUE_PHONE, home, "home", 0));
    }
  if (g_rand_int_range (r, 0, 3) == 0)
    {
      address = g_strdup_printf (";;%d Market Street;Springfield;IL;627%02d;USA",
                                 g_rand_int_range (r, 1, 2000), g_rand_int_range (r, 0, 100));
      g_ptr_array_add (values, rapport_contact_value_new (RAPPORT_VALUE_ADDRESS, address, "work", 0));
    }
  if (g_rand_int_range (r, 0, 4) == 0)
    {
      url = g_strdup_printf ("https://www.example.com/people/%" G_GINT64_FORMAT, index);
      g_ptr_array_add (values, rapport_contact_value_new (RAPPORT_VALUE_URL, url, "", 0));
    }

  self->n_values += values->len;
  return rapport_customer_card_write_values (self->store, id, values, error);
}

static gboolean
insert_customer (Generator    *self,
                 gint64        index,
                 gint64        created,
                 gint64       *id_out,
                 const char  **first_out,
                 char        **company_out,
                 GError      **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  const char *first = pick (self, sample_first_names, sample_n_first_names);
  const char *last = pick (self, sample_last_names, sample_n_last_names);
  const SampleIndustry *industry = &sample_industries[g_rand_int_range (self->rand, 0,
                                                                          sample_n_industries)];
  g_autofree char *name = g_strdup_printf ("%s %s", first, last);
  g_autofree char *ascii = g_str_to_ascii (name, "C");
  g_autofree char *company = g_strdup_printf ("%s %s",
                                              pick (self, sample_company_stems,
                                                    sample_n_company_stems),
                                              industry->suffixes[index % 4]);
  g_autofree char *email = NULL;
  g_autofree char *phone = g_strdup_printf ("+1 %03d 555 01%02d",
                                            g_rand_int_range (self->rand, 201, 990),
                                            g_rand_int_range (self->rand, 0, 100));
  g_autofree char *tags = g_strdup_printf ("%s;%s%s", index % 3 == 0 ? "enterprise" : "smb",
                                           industry->tag, index % 10 == 0 ? ";vip" : "");
  g_autoptr(GString) notes = g_string_new (pick (self, sample_notes, sample_n_notes));
  char at[32];

  g_strdelimit (ascii, " '", '.');
  g_string_replace (notes, "{first}", first, 0);
  g_string_replace (notes, "{company}", company, 0);
  email = g_strdup_printf ("%s.%" G_GINT64_FORMAT "@example.com", ascii, index);
  format_instant (created, at, sizeof at);

  stmt = rapport_store_prepare (self->store,
                                "INSERT INTO customer (name, company, email, phone, notes, tags,"
                                "  status, satisfaction, created_at, updated_at)"
                                " VALUES (?, ?, lower (?), ?, ?, ?, ?, ?, ?, ?)",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, company, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, email, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, phone, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, notes->str, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, tags, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, pick (self, statuses, G_N_ELEMENTS (statuses)), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, pick (self, satisfactions, G_N_ELEMENTS (satisfactions)), -1,
                     SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, at, -1, SQLITE_STATIC);
  if (!rapport_store_step_done (self->store, stmt, error))
    return FALSE;
  *id_out = sqlite3_last_insert_rowid (rapport_store_get_db (self->store));
  if (!insert_values (self, *id_out, index, ascii, email, phone, error))
    return FALSE;

  *first_out = first;
  *company_out = g_steal_pointer (&company);
  return TRUE;
}

static int
compare_times (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* A customer's contacts, oldest first, so the (customer, time) index only
 * ever grows at its end. */
static gboolean
insert_interactions (Generator   *self,
                     gint64       customer_id,
                     gint64       created,
                     const char  *first,
                     const char  *company,
                     guint        n,
                     GError     **error)
{
  g_autofree gint64 *times = g_new (gint64, MAX (n, 1));
  g_autoptr(GString) summary = g_string_new (NULL);
  int age = (int) ((self->now - created) / DAY);

  for (guint i = 0; i < n; i++)
    times[i] = days_ago (self, 0, MAX (age - 1, 0));
  qsort (times, n, sizeof (gint64), compare_times);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RapportStmt) stmt = NULL;
      const SampleLine *line = &sample_customer_lines[g_rand_int_range (self->rand, 0,
                                                                         sample_n_customer_lines)];
      const SampleProduct *product = &sample_products[g_rand_int_range (self->rand, 0,
                                                                          sample_n_products)];
      char at[32];

      format_instant (times[i], at, sizeof at);
      g_string_assign (summary, line->text);
      g_string_replace (summary, "{first}", first, 0);
      g_string_replace (summary, "{company}", company, 0);
      g_string_replace (summary, "{product}", product->name, 0);

      stmt = rapport_store_prepare (self->store,
                                    "INSERT INTO interaction (customer_id, happened_at, kind,"
                                    "  summary) VALUES (?, ?, ?, ?)",
                                    error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, customer_id);
      sqlite3_bind_text (stmt, 2, at, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, pick (self, kinds, G_N_ELEMENTS (kinds)), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, summary->str, -1, SQLITE_STATIC);
      if (!rapport_store_step_done (self->store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
insert_sale (Generator  *self,
             gint64      customer_id,
             gint64      created,
             GError    **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  const SampleProduct *product = &sample_products[g_rand_int_range (self->rand, 0,
                                                                      sample_n_products)];
  int age = (int) ((self->now - created) / DAY);
  gint64 closed = days_ago (self, 0, MAX (age - 1, 0));
  gint64 delivered = closed + g_rand_int_range (self->rand, 5, 26) * DAY;
  char closed_on[16], delivered_on[16], at[32];

  format_date (closed, closed_on, sizeof closed_on);
  format_date (delivered, delivered_on, sizeof delivered_on);
  format_instant (closed, at, sizeof at);

  stmt = rapport_store_prepare (self->store,
                                "INSERT INTO sale (customer_id, product, amount_cents, closed_on,"
                                "  delivered_on, referral_prepositioned, created_at)"
                                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_text (stmt, 2, product->name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, product->cents * g_rand_int_range (self->rand, 60, 160) / 100);
  sqlite3_bind_text (stmt, 4, closed_on, -1, SQLITE_STATIC);
  if (delivered < self->now)
    sqlite3_bind_text (stmt, 5, delivered_on, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, g_rand_boolean (self->rand) ? "agreed" : "declined", -1,
                     SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, at, -1, SQLITE_STATIC);
  if (!rapport_store_step_done (self->store, stmt, error))
    return FALSE;
  self->n_sales++;
  return TRUE;
}

/* One open item per customer, due within a month either side of now (so
 * the agenda has overdue, today's and coming ones), and a done one for
 * every other customer. */
static gboolean
insert_follow_up (Generator   *self,
                  gint64       customer_id,
                  gboolean     open,
                  GError     **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  gint64 due = open ? self->now + g_rand_int_range (self->rand, -30, 31) * DAY
                    : days_ago (self, 31, HISTORY_DAYS);
  char at[32];

  format_instant (due, at, sizeof at);
  stmt = rapport_store_prepare (self->store,
                                "INSERT INTO follow_up (customer_id, kind, due_at, state, reason,"
                                "  created_by, rule_key, created_at, completed_at)"
                                " VALUES (?, ?, ?, ?, 'Generated for a benchmark', 'playbook',"
                                "  ?, ?, ?)",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_text (stmt, 2, pick (self, follow_up_kinds, G_N_ELEMENTS (follow_up_kinds)), -1,
                     SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, open ? "due" : "done", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, open ? "bench:open" : "bench:done", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, at, -1, SQLITE_STATIC);
  if (!open)
    sqlite3_bind_text (stmt, 7, at, -1, SQLITE_STATIC);
  if (!rapport_store_step_done (self->store, stmt, error))
    return FALSE;
  self->n_follow_ups++;
  return TRUE;
}

/* The customer just written refers the one before, at some stage of the
 * pipeline, with the stage change that brought it there. */
static gboolean
insert_referral (Generator  *self,
                 gint64      referrer_id,
                 GError    **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  const char *stage = pick (self, referral_stages, G_N_ELEMENTS (referral_stages));
  gint64 created = days_ago (self, 0, 720);
  char at[32], moved[32];
  gint64 id;

  format_instant (created, at, sizeof at);
  format_instant (created + g_rand_int_range (self->rand, 0, 30) * DAY, moved, sizeof moved);
  stmt = rapport_store_prepare (self->store,
                                "INSERT INTO referral (referrer_id, prospect_id, type, stage,"
                                "  created_at) VALUES (?, ?, ?, ?, ?)",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, referrer_id);
  sqlite3_bind_int64 (stmt, 2, referrer_id - 1);
  sqlite3_bind_text (stmt, 3, pick (self, referral_types, G_N_ELEMENTS (referral_types)), -1,
                     SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, stage, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, at, -1, SQLITE_STATIC);
  if (!rapport_store_step_done (self->store, stmt, error))
    return FALSE;
  id = sqlite3_last_insert_rowid (rapport_store_get_db (self->store));
  g_clear_pointer (&stmt, rapport_stmt_release);

  stmt = rapport_store_prepare (self->store,
                                "INSERT INTO referral_stage_change (referral_id, from_stage,"
                                "  to_stage, changed_at) VALUES (?, NULL, ?, ?)",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, stage, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, moved, -1, SQLITE_STATIC);
  if (!rapport_store_step_done (self->store, stmt, error))
    return FALSE;
  self->n_referrals++;
  return TRUE;
}

static gboolean
insert_testimonial (Generator  *self,
                    gint64      customer_id,
                    GError    **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  const SampleProduct *product = &sample_products[g_rand_int_range (self->rand, 0,
                                                                      sample_n_products)];
  char on[16];

  format_date (days_ago (self, 0, HISTORY_DAYS), on, sizeof on);
  stmt = rapport_store_prepare (self->store,
                                "INSERT INTO testimonial (customer_id, quote, rating, received_on,"
                                "  tags, products, permission) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_text (stmt, 2, pick (self, sample_quotes, sample_n_quotes), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, g_rand_int_range (self->rand, 3, 6));
  sqlite3_bind_text (stmt, 4, on, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, g_rand_boolean (self->rand) ? "service" : "value;support", -1,
                     SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, product->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, pick (self, permissions, G_N_ELEMENTS (permissions)), -1,
                     SQLITE_STATIC);
  if (!rapport_store_step_done (self->store, stmt, error))
    return FALSE;
  self->n_testimonials++;
  return TRUE;
}

/* A reference customer, given to a prospect a few weeks ago. */
static gboolean
insert_reference (Generator  *self,
                  gint64      customer_id,
                  GError    **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  char on[16];

  if (!rapport_store_write_id (self->store,
                               "UPDATE customer SET reference_kind = 'product_reference'"
                               " WHERE id = ?",
                               customer_id, error))
    return FALSE;

  format_date (days_ago (self, 0, 60), on, sizeof on);
  stmt = rapport_store_prepare (self->store,
                                "INSERT INTO reference_use (customer_id, given_to, used_on)"
                                " VALUES (?, 'A prospect', ?)",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_text (stmt, 2, on, -1, SQLITE_STATIC);
  return rapport_store_step_done (self->store, stmt, error);
}

static gboolean
insert_customer_and_history (Generator  *self,
                             gint64      index,
                             guint       n_interactions,
                             GError    **error)
{
  gint64 created = days_ago (self, 1, HISTORY_DAYS);
  int n_sales = g_rand_int_range (self->rand, 0, 4);
  g_autofree char *company = NULL;
  const char *first = NULL;
  gint64 id = 0;

  if (!insert_customer (self, index, created, &id, &first, &company, error))
    return FALSE;

  if (!insert_interactions (self, id, created, first, company, n_interactions, error))
    return FALSE;
  for (int i = 0; i < n_sales; i++)
    if (!insert_sale (self, id, created, error))
      return FALSE;
  return insert_follow_up (self, id, TRUE, error) &&
         (index % 2 != 0 || insert_follow_up (self, id, FALSE, error)) &&
         (index % 20 != 19 || insert_referral (self, id, error)) &&
         (index % 25 != 24 || insert_testimonial (self, id, error)) &&
         (index % 100 != 50 || insert_reference (self, id, error));
}

/* A trigger of the search index, as the schema wrote it. */
static char *
trigger_sql (Generator   *self,
             const char  *name,
             GError     **error)
{
  g_autoptr(RapportStmt) stmt = NULL;

  stmt = rapport_store_prepare (self->store,
                                "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_FAILED,
                   "the schema has no %s trigger", name);
      return NULL;
    }
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static gboolean
insert_all (Generator  *self,
            gint64      n_customers,
            const guint *counts,
            GError    **error)
{
  /* The customer's contact values update the row it was inserted as. */
  g_autofree char *on_insert = trigger_sql (self, "customer_fts_insert", error);
  g_autofree char *on_update = on_insert != NULL ? trigger_sql (self, "customer_fts_update", error) : NULL;

  if (on_update == NULL ||
      !rapport_store_exec (self->store, "DROP TRIGGER customer_fts_insert", error) ||
      !rapport_store_exec (self->store, "DROP TRIGGER customer_fts_update", error))
    return FALSE;

  for (gint64 i = 0; i < n_customers; i++)
    if (!insert_customer_and_history (self, i, counts[i], error))
      return FALSE;

  return rapport_store_exec (self->store,
                             "INSERT INTO customer_fts (customer_fts) VALUES ('rebuild')",
                             error) &&
         rapport_store_exec (self->store, on_insert, error) &&
         rapport_store_exec (self->store, on_update, error);
}

static gboolean
generate (Generator  *self,
          gint64      n_customers,
          gint64      n_interactions,
          GError    **error)
{
  g_autofree guint *counts = g_new0 (guint, n_customers);

  /* Spread the contacts unevenly: some customers are talked to a lot. */
  for (gint64 i = 0; i < n_interactions; i++)
    {
      gint64 a = (gint64) (g_rand_double (self->rand) * n_customers);
      gint64 b = (gint64) (g_rand_double (self->rand) * n_customers);

      counts[MIN (a, b)]++;
    }

  if (!rapport_store_exec (self->store, "PRAGMA synchronous = OFF", error) ||
      !rapport_store_begin (self->store, error))
    return FALSE;

  if (!insert_all (self, n_customers, counts, error))
    {
      rapport_store_rollback (self->store);
      return FALSE;
    }

  return rapport_store_commit (self->store, error) &&
         rapport_store_exec (self->store, "PRAGMA wal_checkpoint (TRUNCATE);", error);
}

/* A count given after PATH, as tests/bench/run-ui-bench passes them. */
static gboolean
parse_count (const char  *text,
             gint64       min,
             gint64      *count,
             GError     **error)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, min, G_MAXINT64, &value, error))
    return FALSE;
  *count = (gint64) value;
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  gint64 n_customers = 100000;
  gint64 n_interactions = 1000000;
  gint64 seed = 20261125;
  GOptionEntry entries[] = {
    { "customers", 'c', 0, G_OPTION_ARG_INT64, &n_customers, "Customers (100000)", "N" },
    { "interactions", 'i', 0, G_OPTION_ARG_INT64, &n_interactions, "Interactions (1000000)",
      "M" },
    { "seed", 's', 0, G_OPTION_ARG_INT64, &seed, "Random seed", "S" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("PATH [CUSTOMERS [INTERACTIONS]]"
                                                            " — write a large book");
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStore) store = NULL;
  g_autoptr(GRand) rand = NULL;
  g_autoptr(GRand) values_rand = NULL;
  Generator self = { 0 };
  GStatBuf st;
  gint64 start;
  clock_t cpu_start;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) ||
      (argc > 2 && !parse_count (argv[2], 1, &n_customers, &error)) ||
      (argc > 3 && !parse_count (argv[3], 0, &n_interactions, &error)))
    {
      g_printerr ("gen-book: %s\n", error->message);
      return 1;
    }
  if (argc < 2 || argc > 4 || n_customers < 1 || n_customers > G_MAXINT || n_interactions < 0)
    {
      g_printerr ("gen-book: give one PATH, at least 1 customer and no negative counts\n");
      return 1;
    }
  /* Never write over a book, least of all someone's real one. */
  if (g_file_test (argv[1], G_FILE_TEST_EXISTS))
    {
      g_printerr ("gen-book: %s already exists; remove it or choose another path\n", argv[1]);
      return 1;
    }

  start = g_get_monotonic_time ();
  cpu_start = clock ();
  store = rapport_store_open (argv[1], &error);
  rand = g_rand_new_with_seed ((guint32) seed);
  values_rand = g_rand_new_with_seed ((guint32) seed ^ 0x5eedu);
  self = (Generator) { store, rand, values_rand, rapport_time_now (), 0, 0, 0, 0, 0 };

  if (store == NULL || !generate (&self, n_customers, n_interactions, &error))
    {
      g_printerr ("gen-book: %s\n", error->message);
      return 1;
    }

  if (g_stat (argv[1], &st) != 0)
    st.st_size = 0;
  g_print ("Wrote %s: %" G_GINT64_FORMAT " customers, %" G_GINT64_FORMAT " interactions, %"
           G_GINT64_FORMAT " sales, %" G_GINT64_FORMAT " follow-ups, %" G_GINT64_FORMAT
           " referrals, %" G_GINT64_FORMAT " testimonials, %" G_GINT64_FORMAT
           " emails, phones, addresses and web sites in %.1f s (%.1f s of CPU), %.0f MB\n",
           argv[1], n_customers, n_interactions, self.n_sales, self.n_follow_ups,
           self.n_referrals, self.n_testimonials, self.n_values,
           (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC,
           (clock () - cpu_start) / (double) CLOCKS_PER_SEC,
           st.st_size / (1024.0 * 1024.0));
  return 0;
}
