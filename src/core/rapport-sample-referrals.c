/* rapport-sample-referrals.c: the demo book's word of mouth
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Referrals with their history, the referrals the salesperson gave back,
 * testimonials and reference calls.
 */

#define G_LOG_DOMAIN "rapport-sample"

#include "config.h"

#include "rapport-sample-private.h"

static gboolean
write_stage_change (SampleBook  *book,
                    gint64       referral_id,
                    const char  *from,
                    const char  *to,
                    const char  *at,
                    GError     **error)
{
  g_autoptr(RapportStmt) stmt = NULL;

  stmt = rapport_store_prepare (book->store,
                                "INSERT INTO referral_stage_change (referral_id, from_stage,"
                                "  to_stage, changed_at) VALUES (?, ?, ?, ?)",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, referral_id);
  sqlite3_bind_text (stmt, 2, from, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, to, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, at, -1, SQLITE_STATIC);
  return rapport_store_step_done (book->store, stmt, error);
}

/* The stages a referral went through, and the day of each.  A won
 * referral ends on the day its prospect's first sale closed. */
static guint
plan_stages (SampleBook            *book,
             const SampleReferral  *referral,
             const char           **stages,
             int                   *days)
{
  const SamplePerson *prospect = sample_person (book, referral->prospect);
  guint length;
  const char * const *path = sample_referral_path (referral->type, &length);
  guint n = MIN (referral->reached, length);

  for (guint i = 0; i < n; i++)
    stages[i] = path[i];
  if (referral->lost)
    stages[n++] = "lost";

  days[0] = referral->created;
  for (guint i = 1; i < n; i++)
    {
      int span = referral->created - prospect->first_closed;

      if (referral->won)
        days[i] = referral->created - span * (int) i / (int) (n - 1);
      else
        days[i] = sample_later (book, days[i - 1], 1, 6);
    }
  return n;
}

static char *
stage_instant (SampleBook *book,
               int         days_ago,
               guint       nth)
{
  /* Fixed minutes keep two changes on one day in order. */
  return sample_instant_at (book, days_ago, 9 * 60 + 10 + (int) nth * 20);
}

static gboolean
write_referral_row (SampleBook            *book,
                    const SampleReferral  *referral,
                    const char            *stage,
                    const char            *created_at,
                    const char            *informed_at,
                    const char            *thanked_at,
                    const char            *thanked_how,
                    gint64                *id,
                    GError               **error)
{
  const SamplePerson *referrer = sample_person (book, referral->referrer);
  const SamplePerson *prospect = sample_person (book, referral->prospect);
  g_autoptr(RapportStmt) stmt = NULL;
  g_autofree char *notes = NULL;
  guint kind = g_str_equal (referral->type, "solicited") ? 0
             : g_str_equal (referral->type, "proactive") ? 1
             : 2;

  stmt = rapport_store_prepare (book->store,
                                "INSERT INTO referral (referrer_id, prospect_id, type, stage,"
                                "  notes, created_at, referrer_informed_at, thanked_at,"
                                "  thanked_how)"
                                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                error);
  if (stmt == NULL)
    return FALSE;

  notes = sample_expand (sample_referral_notes[kind], referrer, prospect->product, prospect);
  sqlite3_bind_int64 (stmt, 1, referrer->id);
  sqlite3_bind_int64 (stmt, 2, prospect->id);
  sqlite3_bind_text (stmt, 3, referral->type, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, stage, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, notes, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, created_at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, informed_at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, thanked_at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, thanked_how, -1, SQLITE_STATIC);
  if (!rapport_store_step_done (book->store, stmt, error))
    return FALSE;
  *id = sqlite3_last_insert_rowid (rapport_store_get_db (book->store));
  return TRUE;
}

/* What each stage meant in the salesperson's log: with the referrer when
 * asking for the introduction, with the prospect from the first call on. */
static gboolean
write_stage_line (SampleBook            *book,
                  const SampleReferral  *referral,
                  const char            *stage,
                  const char            *at,
                  GError               **error)
{
  for (guint i = 0; i < sample_n_stage_lines; i++)
    {
      const SampleStageLine *line = &sample_stage_lines[i];
      guint spoken_to = line->with_referrer ? referral->referrer : referral->prospect;
      guint other = line->with_referrer ? referral->prospect : referral->referrer;
      guint product = sample_person (book, referral->prospect)->product;
      g_autofree char *summary = NULL;

      if (!g_str_equal (line->stage, stage))
        continue;
      summary = sample_expand (line->line.text, sample_person (book, spoken_to), product,
                               sample_person (book, other));
      return sample_write_interaction_at (book, spoken_to, at, line->line.kind, summary, error);
    }
  return TRUE;
}

static gboolean
write_referral_thanks (SampleBook            *book,
                       const SampleReferral  *referral,
                       const char            *thanked_at,
                       const char            *thanked_how,
                       const char            *informed_at,
                       GError               **error)
{
  const SamplePerson *referrer = sample_person (book, referral->referrer);
  const SamplePerson *prospect = sample_person (book, referral->prospect);
  g_autofree char *thanks = NULL;
  g_autofree char *update = NULL;

  if (thanked_at != NULL)
    {
      const SampleLine *line = &sample_thanks_lines[g_str_equal (thanked_how, "note") ? 0
                                                    : g_str_equal (thanked_how, "call") ? 1
                                                    : 2];

      thanks = sample_expand (line->text, referrer, prospect->product, prospect);
      if (!sample_write_interaction_at (book, referral->referrer, thanked_at, line->kind, thanks,
                                        error))
        return FALSE;
    }

  if (informed_at == NULL)
    return TRUE;
  update = sample_expand (sample_informed_line.text, referrer, prospect->product, prospect);
  return sample_write_interaction_at (book, referral->referrer, informed_at,
                                      sample_informed_line.kind, update, error);
}

static gboolean
write_referral (SampleBook            *book,
                const SampleReferral  *referral,
                GError               **error)
{
  const char *stages[8];
  int days[8];
  guint n = plan_stages (book, referral, stages, days);
  g_autofree char *created_at = stage_instant (book, days[0], 0);
  g_autofree char *informed_at = NULL;
  g_autofree char *thanked_at = NULL;
  const char *thanked_how = NULL;
  gint64 id = 0;

  /* Referrers were thanked the next day, and again when the prospect
   * became a customer; this week's are still owed their thanks. */
  if (referral->won)
    {
      thanked_at = sample_instant_at (book, days[n - 1], 17 * 60 + 45);
      thanked_how = sample_chance (book, 70) ? "gift" : "note";
    }
  else if (referral->created >= 7)
    {
      thanked_at = sample_instant_at (book, days[0] - 1, 17 * 60 + 30);
      thanked_how = sample_chance (book, 60) ? "note" : "call";
    }

  /* Told about each step within days; the latest news may not have
   * reached them yet. */
  if (n >= 2 && (days[n - 1] >= 5 || sample_chance (book, 50)))
    {
      informed_at = sample_instant_at (book, sample_later (book, days[n - 1], 0, 2), 17 * 60);
    }

  if (!write_referral_row (book, referral, stages[n - 1], created_at, informed_at, thanked_at,
                           thanked_how, &id, error))
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *at = i == 0 ? g_strdup (created_at) : stage_instant (book, days[i], i);

      if (!write_stage_change (book, id, i == 0 ? NULL : stages[i - 1], stages[i], at, error) ||
          !write_stage_line (book, referral, stages[i], at, error))
        return FALSE;
    }

  return write_referral_thanks (book, referral, thanked_at, thanked_how, informed_at, error);
}

gboolean
sample_write_referrals (SampleBook  *book,
                        GError     **error)
{
  for (guint i = 0; i < book->referrals->len; i++)
    if (!write_referral (book, &g_array_index (book->referrals, SampleReferral, i), error))
      return FALSE;
  return TRUE;
}

/* Reciprocity: the salesperson sends business to the people who send
 * business to them. */
static gboolean
write_referral_given (SampleBook  *book,
                      guint        index,
                      const char  *given_to,
                      GError     **error)
{
  const SamplePerson *person = sample_person (book, index);
  const SampleIndustry *industry = sample_industry_for (person->industry);
  int days_ago = sample_between (book, 5, MIN (300, person->created));
  g_autoptr(RapportStmt) stmt = NULL;
  g_autofree char *given_on = sample_date (book, days_ago);
  g_autofree char *notes = NULL;
  g_autofree char *summary = NULL;

  notes = g_strdup_printf ("Was looking for %s; I told them about %s and vouched for %s.",
                           industry->need, person->company, person->first);
  summary = g_strdup_printf ("Introduced %s to %s, who needed %s.",
                             given_to, person->first, industry->need);

  stmt = rapport_store_prepare (book->store,
                                "INSERT INTO referral_given (customer_id, given_to, given_on,"
                                "  notes) VALUES (?, ?, ?, ?)",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, person->id);
  sqlite3_bind_text (stmt, 2, given_to, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, given_on, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, notes, -1, SQLITE_STATIC);
  if (!rapport_store_step_done (book->store, stmt, error))
    return FALSE;
  return sample_write_interaction (book, index, days_ago, "referral_given", summary, error);
}

gboolean
sample_write_referrals_given (SampleBook  *book,
                              GError     **error)
{
  g_autoptr(GHashTable) done = g_hash_table_new (NULL, NULL);
  guint n = 0;

  for (guint i = 0; i < book->referrals->len && n < 10; i++)
    {
      guint referrer = g_array_index (book->referrals, SampleReferral, i).referrer;

      if (!g_hash_table_add (done, GUINT_TO_POINTER (referrer + 1)))
        continue;
      if (!write_referral_given (book, referrer, sample_leads[n % sample_n_leads], error))
        return FALSE;
      n++;
    }
  return TRUE;
}

static gboolean
write_testimonial (SampleBook  *book,
                   guint        index,
                   guint        product,
                   const char  *quote,
                   int          rating,
                   int          days_ago,
                   const char  *source,
                   const char  *tags,
                   const char  *permission,
                   GError     **error)
{
  const SamplePerson *person = sample_person (book, index);
  g_autoptr(RapportStmt) stmt = NULL;
  g_autofree char *received_on = sample_date (book, days_ago);

  stmt = rapport_store_prepare (book->store,
                                "INSERT INTO testimonial (customer_id, quote, rating, received_on,"
                                "  source, tags, products, permission)"
                                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, person->id);
  sqlite3_bind_text (stmt, 2, quote, -1, SQLITE_STATIC);
  sample_bind_optional_int (stmt, 3, rating);
  sqlite3_bind_text (stmt, 4, received_on, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, source, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, tags, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, sample_products[product].name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, permission, -1, SQLITE_STATIC);
  return rapport_store_step_done (book->store, stmt, error);
}

static gboolean
write_generated_testimonial (SampleBook  *book,
                             guint        index,
                             guint        nth,
                             GError     **error)
{
  static const char *permissions[] = { "public_named", "internal", "public_anonymous",
                                       "private" };
  static const char *sources[] = { "email", "call", "review_site", "letter" };
  static const char *topics[] = { "support", "reliability", "value", "onboarding" };
  const SamplePerson *person = sample_person (book, index);
  gboolean delighted = g_str_equal (person->satisfaction, "delighted");
  int received = sample_later (book, person->last_delivered, 10, 30);
  const char *source = sources[sample_pick (book, G_N_ELEMENTS (sources))];
  int rating = delighted ? (sample_chance (book, 80) ? 5 : 4) : sample_between (book, 3, 4);
  const char *quote = nth % 2 == 0 ? sample_products[person->product].quote
                                   : sample_quotes[sample_pick (book, sample_n_quotes)];
  g_autofree char *tags = g_strdup_printf ("%s;%s", person->industry,
                                           topics[sample_pick (book, G_N_ELEMENTS (topics))]);

  /* Praise over the phone rarely comes with a number. */
  if (g_str_equal (source, "call") && sample_chance (book, 50))
    rating = SAMPLE_NONE;

  return write_testimonial (book, index, person->product, quote, rating, MAX (received, 1), source,
                            tags, permissions[nth % G_N_ELEMENTS (permissions)], error);
}

gboolean
sample_write_testimonials (SampleBook  *book,
                           GError     **error)
{
  guint n_delighted = 0;
  guint n_satisfied = 0;

  for (guint i = 0; i < sample_n_story_testimonials; i++)
    {
      const SampleStoryTestimonial *story = &sample_story_testimonials[i];

      if (!write_testimonial (book, story->person, story->product, story->quote, story->rating,
                              story->days_ago, story->source, story->tags, story->permission,
                              error))
        return FALSE;
    }

  for (guint i = SAMPLE_N_STORY; i < book->people->len; i++)
    {
      const SamplePerson *person = sample_person (book, i);
      gboolean delighted = g_str_equal (person->satisfaction, "delighted");

      gboolean satisfied = g_str_equal (person->satisfaction, "satisfied");

      /* Mostly from delighted customers, a few from satisfied ones. */
      if (person->last_delivered < 20 || g_str_equal (person->status, "former") ||
          (delighted && n_delighted >= 14) || (!delighted && (!satisfied || n_satisfied >= 3)))
        continue;
      if (!write_generated_testimonial (book, i, n_delighted + n_satisfied, error))
        return FALSE;
      if (delighted)
        n_delighted++;
      else
        n_satisfied++;
    }
  return TRUE;
}

static gboolean
write_reference_use (SampleBook          *book,
                     guint                index,
                     int                  days_ago,
                     const SamplePerson  *prospect,
                     const char          *given_to,
                     GError             **error)
{
  const SamplePerson *person = sample_person (book, index);
  g_autoptr(RapportStmt) stmt = NULL;
  g_autofree char *used_on = sample_date (book, days_ago);
  g_autofree char *notes = NULL;
  g_autofree char *thanks = NULL;

  notes = g_strdup_printf ("Gave %s's number to %s, who wanted to hear about the %s from a real "
                           "customer.", person->first, given_to,
                           sample_products[person->product].name);
  thanks = g_strdup_printf ("Thank-you note to %s for taking a call from %s.",
                            person->first, given_to);

  stmt = rapport_store_prepare (book->store,
                                "INSERT INTO reference_use (customer_id, prospect_id, given_to,"
                                "  used_on, notes) VALUES (?, ?, ?, ?, ?)",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, person->id);
  if (prospect != NULL)
    sqlite3_bind_int64 (stmt, 2, prospect->id);
  sqlite3_bind_text (stmt, 3, given_to, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, used_on, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, notes, -1, SQLITE_STATIC);
  if (!rapport_store_step_done (book->store, stmt, error))
    return FALSE;

  /* The recent uses are left for the playbook's "thank the reference". */
  if (days_ago <= 30)
    return TRUE;
  return sample_write_interaction (book, index, days_ago - 2, "thank_you_note", thanks, error);
}

/* Zoë is everyone's favourite reference: three prospects in a month, one
 * too many.  The prospects are leads already in the book. */
static gboolean
write_story_references (SampleBook  *book,
                        GError     **error)
{
  static const int recent[] = { 24, 11, 3 };
  guint used = 0;

  for (guint i = SAMPLE_N_STORY; i < book->people->len && used < G_N_ELEMENTS (recent); i++)
    {
      const SamplePerson *lead = sample_person (book, i);
      g_autofree char *given_to = NULL;

      if (!g_str_equal (lead->status, "prospect") || lead->referred)
        continue;
      given_to = g_strdup_printf ("%s at %s", lead->name, lead->company);
      if (!write_reference_use (book, SAMPLE_ZOE, MIN (recent[used], lead->created), lead,
                                given_to, error))
        return FALSE;
      used++;
    }

  return write_reference_use (book, SAMPLE_ZOE, 75, NULL, sample_leads[0], error) &&
         write_reference_use (book, SAMPLE_LAYLA, 90, NULL, sample_leads[1], error);
}

gboolean
sample_write_references (SampleBook  *book,
                         GError     **error)
{
  guint n = 0;

  if (!write_story_references (book, error))
    return FALSE;

  /* Uses far enough apart that nobody else is overused. */
  for (guint i = SAMPLE_N_STORY; i < book->people->len; i++)
    {
      const SamplePerson *person = sample_person (book, i);
      int day = sample_between (book, 40, 160);

      if (g_str_equal (person->reference_kind, "none"))
        continue;
      for (int use = sample_between (book, 0, 2); use > 0 && day < person->created - 10; use--)
        {
          if (!write_reference_use (book, i, day, NULL, sample_leads[n++ % sample_n_leads],
                                    error))
            return FALSE;
          day += sample_between (book, 45, 120);
        }
    }
  return TRUE;
}
