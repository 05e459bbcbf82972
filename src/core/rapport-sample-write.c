/* rapport-sample-write.c: the demo book's customers, their sales and contacts
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-sample"

#include "config.h"

#include "rapport-customer-card.h"

#include "rapport-sample-private.h"

gboolean
sample_bind_optional_int (RapportStmt *stmt,
                          int          column,
                          int          value)
{
  if (value == SAMPLE_NONE)
    return sqlite3_bind_null (stmt, column) == SQLITE_OK;
  return sqlite3_bind_int (stmt, column, value) == SQLITE_OK;
}

/* The same sample book every time, down to the UIDs: a name-based UUID
 * (version 5 shape) of the sample's email. */
static char *
sample_uid (SamplePerson *person)
{
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA1, person->email, -1);

  return g_strdup_printf ("urn:uuid:%.8s-%.4s-5%.3s-a%.3s-%.12s", sha, sha + 8, sha + 13, sha + 17, sha + 20);
}

static gboolean
write_customer (SampleBook    *book,
                SamplePerson  *person,
                GError       **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  g_autofree char *created_at = NULL;
  g_autofree char *satisfied_at = NULL;
  g_autofree char *uid = NULL;
  g_autoptr(RapportContact) card = rapport_contact_new ();

  stmt = rapport_store_prepare (book->store,
                                "INSERT INTO customer (name, company, email, phone, notes, tags,"
                                "  status, satisfaction, satisfaction_recorded_at, reference_kind,"
                                "  preferred_channel, min_gap_days, ideal_interval_days,"
                                "  latest_interval_days, created_at, updated_at, uid)"
                                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                error);
  if (stmt == NULL)
    return FALSE;

  /* Early, so that nothing that day comes before it. */
  created_at = sample_instant_at (book, person->created, 8 * 60 + sample_between (book, 0, 29));
  if (person->satisfied_on != SAMPLE_NONE)
    satisfied_at = sample_instant_at (book, person->satisfied_on,
                                      16 * 60 + sample_between (book, 0, 59));

  sqlite3_bind_text (stmt, 1, person->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, person->company, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, person->email, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, person->phone, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, person->notes, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, person->tags, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, person->status, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, person->satisfaction, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, satisfied_at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, person->reference_kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 11, person->channel, -1, SQLITE_STATIC);
  sample_bind_optional_int (stmt, 12, person->min_gap);
  sample_bind_optional_int (stmt, 13, person->ideal);
  sample_bind_optional_int (stmt, 14, person->latest);
  sqlite3_bind_text (stmt, 15, created_at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 16, satisfied_at != NULL ? satisfied_at : created_at, -1,
                     SQLITE_STATIC);

  uid = sample_uid (person);
  sqlite3_bind_text (stmt, 17, uid, -1, SQLITE_STATIC);

  if (!rapport_store_step_done (book->store, stmt, error))
    return FALSE;
  person->id = sqlite3_last_insert_rowid (rapport_store_get_db (book->store));

  rapport_contact_add_value (card, RAPPORT_VALUE_EMAIL, person->email, "work", 0);
  rapport_contact_add_value (card, RAPPORT_VALUE_PHONE, person->phone, "work", 0);
  return rapport_customer_card_write_values (book->store, person->id, card->values, error);
}

static gboolean
write_tag_cadence (SampleBook  *book,
                   GError     **error)
{
  static const struct { const char *tag; int ideal; int latest; } cadences[] = {
    { "vip", 30, 45 },
    { "partner", 45, 60 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cadences); i++)
    {
      g_autoptr(RapportStmt) stmt = NULL;

      stmt = rapport_store_prepare (book->store,
                                    "INSERT INTO tag_cadence (tag, ideal_interval_days,"
                                    "  latest_interval_days) VALUES (?, ?, ?)",
                                    error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, cadences[i].tag, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 2, cadences[i].ideal);
      sqlite3_bind_int (stmt, 3, cadences[i].latest);
      if (!rapport_store_step_done (book->store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
sample_write_interaction_at (SampleBook  *book,
                             guint        index,
                             const char  *at,
                             const char  *kind,
                             const char  *summary,
                             GError     **error)
{
  g_autoptr(RapportStmt) stmt = NULL;

  stmt = rapport_store_prepare (book->store,
                                "INSERT INTO interaction (customer_id, happened_at, kind, summary, uid)"
                                " VALUES (?, ?, ?, ?, ?)",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 5, rapport_uid_new (), -1, g_free);
  sqlite3_bind_int64 (stmt, 1, sample_person (book, index)->id);
  sqlite3_bind_text (stmt, 2, at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, summary, -1, SQLITE_STATIC);
  return rapport_store_step_done (book->store, stmt, error);
}

gboolean
sample_write_interaction (SampleBook  *book,
                          guint        index,
                          int          days_ago,
                          const char  *kind,
                          const char  *summary,
                          GError     **error)
{
  g_autofree char *at = sample_instant (book, days_ago);

  return sample_write_interaction_at (book, index, at, kind, summary, error);
}

/* Writes @line about @index's customer, unless it would fall after their
 * last contact: the plan says they have not heard from us since. */
static gboolean
write_line (SampleBook        *book,
            guint              index,
            int                days_ago,
            const SampleLine  *line,
            guint              product,
            GError           **error)
{
  const SamplePerson *person = sample_person (book, index);
  g_autofree char *summary = NULL;

  if (days_ago < 0 || days_ago > person->created ||
      (person->last_contact != SAMPLE_NONE && days_ago < person->last_contact))
    return TRUE;

  summary = sample_expand (line->text, person, product, NULL);
  return sample_write_interaction (book, index, days_ago, line->kind, summary, error);
}

static gboolean
write_sale (SampleBook        *book,
            const SampleSale  *sale,
            GError           **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  g_autofree char *closed_on = sample_date (book, sale->closed);
  g_autofree char *delivered_on = NULL;
  g_autofree char *created_at = sample_instant (book, sale->closed);

  stmt = rapport_store_prepare (book->store,
                                "INSERT INTO sale (customer_id, product, amount_cents, closed_on,"
                                "  delivered_on, referral_prepositioned, created_at)"
                                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                                error);
  if (stmt == NULL)
    return FALSE;

  if (sale->delivered != SAMPLE_NONE)
    delivered_on = sample_date (book, sale->delivered);

  sqlite3_bind_int64 (stmt, 1, sample_person (book, sale->person)->id);
  sqlite3_bind_text (stmt, 2, sample_products[sale->product].name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, sale->amount_cents);
  sqlite3_bind_text (stmt, 4, closed_on, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, delivered_on, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, sale->prepositioned, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, created_at, -1, SQLITE_STATIC);
  return rapport_store_step_done (book->store, stmt, error);
}

/* The proposal, the signature (where the referral is pre-positioned) and
 * the first call after delivery. */
static const SampleLine *
closing_line (const char *prepositioned)
{
  if (g_str_equal (prepositioned, "agreed"))
    return &sample_closing_lines[0];
  if (g_str_equal (prepositioned, "declined"))
    return &sample_closing_lines[1];
  return &sample_closing_lines[2];
}

static gboolean
write_sale_story (SampleBook        *book,
                  const SampleSale  *sale,
                  GError           **error)
{
  const SamplePerson *person = sample_person (book, sale->person);
  const SampleLine *proposal_line = &sample_proposal_lines[sample_pick (book, 2)];
  int proposal = sale->closed + sample_between (book, 5, 15);
  int check_in = sale->delivered - sample_between (book, 1, 3);

  if (!write_line (book, sale->person, MIN (proposal, person->created), proposal_line,
                   sale->product, error) ||
      !write_line (book, sale->person, sale->closed, closing_line (sale->prepositioned),
                   sale->product, error))
    return FALSE;

  if (sale->delivered == SAMPLE_NONE || check_in == person->satisfied_on)
    return TRUE;
  return write_line (book, sale->person, check_in, &sample_delivery_line, sale->product, error);
}

gboolean
sample_write_sales (SampleBook  *book,
                    GError     **error)
{
  for (guint i = 0; i < book->sales->len; i++)
    {
      const SampleSale *sale = &g_array_index (book->sales, SampleSale, i);

      if (!write_sale (book, sale, error) ||
          !write_sale_story (book, sale, error))
        return FALSE;
    }
  return TRUE;
}

static const SampleLine *
pick_line (SampleBook       *book,
           const SampleLine *lines,
           guint             n_lines)
{
  return &lines[sample_pick (book, n_lines)];
}

/* The everyday contacts between arriving in the book and the last one. */
static gboolean
write_everyday (SampleBook  *book,
                guint        index,
                GError     **error)
{
  const SamplePerson *person = sample_person (book, index);
  gboolean prospect = g_str_equal (person->status, "prospect");
  const SampleLine *lines = prospect ? sample_prospect_lines : sample_customer_lines;
  guint n_lines = prospect ? sample_n_prospect_lines : sample_n_customer_lines;
  int n = 1 + person->created / 120 + sample_between (book, 0, 2);

  if (prospect &&
      !write_line (book, index, person->created,
                   pick_line (book, sample_first_lines, sample_n_first_lines),
                   person->product, error))
    return FALSE;

  for (int i = 0; i < n; i++)
    {
      int day = sample_between (book, person->last_contact + 1, person->created);

      if (!write_line (book, index, day, pick_line (book, lines, n_lines), person->product, error))
        return FALSE;
    }

  return write_line (book, index, person->last_contact, pick_line (book, lines, n_lines),
                     person->product, error);
}

static gboolean
write_satisfaction_call (SampleBook  *book,
                         guint        index,
                         GError     **error)
{
  const SamplePerson *person = sample_person (book, index);
  const SampleLine *line = NULL;

  if (person->satisfied_on == SAMPLE_NONE)
    return TRUE;

  for (guint i = 0; i < sample_n_satisfaction_lines; i++)
    if (g_str_equal (sample_satisfaction_lines[i].feeling, person->satisfaction))
      line = &sample_satisfaction_lines[i].line;

  g_assert (line != NULL);
  return write_line (book, index, person->satisfied_on, line, person->product, error);
}

gboolean
sample_write_interactions (SampleBook  *book,
                           GError     **error)
{
  for (guint i = 0; i < sample_n_story_lines; i++)
    {
      const SampleStoryLine *story = &sample_story_lines[i];

      if (!write_line (book, story->person, story->days_ago, &story->line,
                       sample_person (book, story->person)->product, error))
        return FALSE;
    }

  for (guint i = 0; i < book->people->len; i++)
    {
      /* Referred prospects only hear from us as their referral moves on. */
      if (i >= SAMPLE_N_STORY && !sample_person (book, i)->referred &&
          !write_everyday (book, i, error))
        return FALSE;
      if (!write_satisfaction_call (book, i, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
sample_write_people (SampleBook  *book,
                     GError     **error)
{
  if (!write_tag_cadence (book, error))
    return FALSE;
  for (guint i = 0; i < book->people->len; i++)
    if (!write_customer (book, sample_person (book, i), error))
      return FALSE;
  return TRUE;
}
