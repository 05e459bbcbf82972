/* rapport-sample-plan.c: who is in the demo book, and what happened to them
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-sample"

#include "config.h"

#include <string.h>

#include "rapport-sample-private.h"
#include "rapport-sample.h"

static void
plan_story_people (SampleBook *book)
{
  for (guint i = 0; i < SAMPLE_N_STORY; i++)
    {
      const SampleStoryPerson *story = &sample_story_people[i];
      SamplePerson person = {
        .name = g_strdup (story->name),
        .first = g_strdup (story->first),
        .company = g_strdup (story->company),
        .email = g_strdup (story->email),
        .phone = g_strdup (story->phone),
        .notes = g_strdup (story->notes),
        .tags = g_strdup (story->tags),
        .industry = story->industry,
        .status = story->status,
        .satisfaction = story->satisfaction,
        .reference_kind = story->reference_kind,
        .channel = story->channel,
        .min_gap = story->min_gap,
        .ideal = SAMPLE_NONE,
        .latest = SAMPLE_NONE,
        .enterprise = strstr (story->tags, "enterprise") != NULL,
        .created = story->created,
        .satisfied_on = story->satisfied_on,
        .last_contact = story->last_contact,
        .first_closed = SAMPLE_NONE,
        .last_closed = SAMPLE_NONE,
        .last_delivered = SAMPLE_NONE,
        .product = story->interest,
      };

      g_hash_table_add (book->taken, g_strdup (story->name));
      g_hash_table_add (book->taken, g_strdup (story->email));
      g_array_append_val (book->people, person);
    }
}

static char *
plan_name (SampleBook  *book,
           const char **first)
{
  for (;;)
    {
      const char *given = sample_first_names[sample_pick (book, sample_n_first_names)];
      const char *family = sample_last_names[sample_pick (book, sample_n_last_names)];
      char *name = g_strdup_printf ("%s %s", given, family);

      if (g_hash_table_add (book->taken, g_strdup (name)))
        {
          *first = given;
          return name;
        }
      g_free (name);
    }
}

/* "Zoë Ångström" → "zoe.angstrom", unique in the book. */
static char *
plan_email (SampleBook *book,
            const char *name)
{
  g_autofree char *ascii = g_str_to_ascii (name, "C");
  g_autoptr(GString) local = g_string_new (NULL);
  const char *domain = sample_chance (book, 60) ? "example.com" : "example.org";

  for (const char *p = ascii; *p; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (local, g_ascii_tolower (*p));
      else if (*p == ' ' && local->len > 0)
        g_string_append_c (local, '.');
    }

  for (guint n = 1;; n++)
    {
      g_autofree char *email = n == 1 ? g_strdup_printf ("%s@%s", local->str, domain)
                                      : g_strdup_printf ("%s%u@%s", local->str, n, domain);

      if (g_hash_table_add (book->taken, g_strdup (email)))
        return g_steal_pointer (&email);
    }
}

static char *
plan_company (SampleBook           *book,
              const SampleIndustry *industry,
              const char           *name)
{
  guint n_suffixes = G_N_ELEMENTS (industry->suffixes);
  const char *suffix = industry->suffixes[sample_pick (book, n_suffixes)];
  const char *family = strrchr (name, ' ') + 1;
  const char *stem = sample_company_stems[sample_pick (book, sample_n_company_stems)];

  /* Small businesses often carry the owner's name. */
  return g_strdup_printf ("%s %s", sample_chance (book, 20) ? family : stem, suffix);
}

static char *
plan_tags (SampleBook         *book,
           const SamplePerson *person)
{
  g_autoptr(GString) tags = g_string_new (person->enterprise ? "enterprise;" : "smb;");

  g_string_append (tags, person->industry);
  if (g_str_equal (person->status, "customer") && sample_chance (book, 12))
    g_string_append (tags, ";vip");
  if (!g_str_equal (person->status, "prospect") && sample_chance (book, 6))
    g_string_append (tags, ";partner");
  return g_string_free (g_steal_pointer (&tags), FALSE);
}

static int
plan_created (SampleBook *book,
              const char *status)
{
  if (g_str_equal (status, "prospect"))
    return sample_between (book, 3, 150);
  if (g_str_equal (status, "former"))
    return sample_between (book, 420, 730);
  return sample_between (book, 30, 730);
}

/* When we last spoke, before sales are counted in: a third of the
 * customers lately, a quarter are overdue for a call. */
static int
plan_last_contact (SampleBook *book,
                   const char *status,
                   int         created)
{
  int roll = sample_between (book, 0, 99);
  int last;

  if (g_str_equal (status, "prospect"))
    last = sample_between (book, 0, MIN (created, 45));
  else if (g_str_equal (status, "former"))
    last = sample_between (book, 150, 400);
  else if (roll < 35)
    last = sample_between (book, 0, 14);
  else if (roll < 70)
    last = sample_between (book, 15, 80);
  else
    last = sample_between (book, 95, 320);
  return MIN (last, created);
}

/* 555-0100 to 555-0199 are set aside for fiction in every area code. */
static char *
plan_phone (SampleBook *book)
{
  static const int area_codes[] = { 212, 303, 312, 404, 415, 503, 512, 617, 702, 919 };
  int area = area_codes[sample_pick (book, G_N_ELEMENTS (area_codes))];

  return g_strdup_printf ("+1 %d 555 01%02u", area, sample_pick (book, 100));
}

static void
plan_generated_person (SampleBook *book,
                       const char *status,
                       guint       index)
{
  static const char *channels[] = { "any", "any", "any", "email", "email", "phone", "meeting",
                                    "social" };
  const SampleIndustry *industry = &sample_industries[sample_pick (book, sample_n_industries)];
  const char *note = sample_notes[sample_pick (book, sample_n_notes)];
  const char *first = NULL;
  SamplePerson person = { 0 };

  person.name = plan_name (book, &first);
  person.first = g_strdup (first);
  person.email = plan_email (book, person.name);
  person.company = plan_company (book, industry, person.name);
  person.phone = sample_chance (book, 92) ? plan_phone (book) : g_strdup ("");
  person.industry = industry->tag;
  person.status = status;
  person.enterprise = sample_chance (book, 30);
  person.tags = plan_tags (book, &person);
  person.satisfaction = "unknown";
  person.reference_kind = "none";
  person.channel = channels[sample_pick (book, G_N_ELEMENTS (channels))];
  person.notes = sample_expand (note, &person, 0, NULL);
  person.created = plan_created (book, status);
  person.last_contact = plan_last_contact (book, status, person.created);
  person.satisfied_on = SAMPLE_NONE;
  person.first_closed = person.last_closed = person.last_delivered = SAMPLE_NONE;
  person.product = sample_pick (book, sample_n_products);

  /* A few customers asked for their own rhythm. */
  person.min_gap = index % 23 == 7 ? 10 : index % 29 == 3 ? 5 : SAMPLE_NONE;
  person.ideal = index % 17 == 5 ? 14 : SAMPLE_NONE;
  person.latest = index % 17 == 5 ? 21 : SAMPLE_NONE;

  g_array_append_val (book->people, person);
}

static void
plan_generated_people (SampleBook *book)
{
  guint n = RAPPORT_SAMPLE_N_CUSTOMERS - SAMPLE_N_STORY;
  g_autofree const char **statuses = g_new (const char *, n);

  for (guint i = 0; i < n; i++)
    statuses[i] = i < 24 ? "prospect" : i < 36 ? "former" : "customer";
  for (guint i = n - 1; i > 0; i--)
    {
      guint j = sample_pick (book, i + 1);
      const char *swap = statuses[i];

      statuses[i] = statuses[j];
      statuses[j] = swap;
    }

  for (guint i = 0; i < n; i++)
    plan_generated_person (book, statuses[i], i);
}

/* Of two days ago, the later one; either may not have happened. */
static int
most_recent (int a,
             int b)
{
  if (a == SAMPLE_NONE)
    return b;
  if (b == SAMPLE_NONE)
    return a;
  return MIN (a, b);
}

static guint
plan_product (SampleBook         *book,
              const SamplePerson *person)
{
  for (;;)
    {
      guint product = sample_pick (book, sample_n_products);

      /* A two-chair practice does not buy a server room. */
      if (person->enterprise || sample_products[product].cents < 2000000)
        return product;
    }
}

static void
add_sale (SampleBook *book,
          guint       index,
          guint       product,
          int         closed,
          int         delivered,
          const char *prepositioned)
{
  SamplePerson *person = sample_person (book, index);
  int percent = person->enterprise ? sample_between (book, 100, 160)
                                    : sample_between (book, 60, 100);
  SampleSale sale = {
    .person = index,
    .product = product,
    .closed = closed,
    .delivered = delivered,
    .amount_cents = sample_products[product].cents * percent / 100 / 1000 * 1000,
    .prepositioned = prepositioned,
  };

  g_array_append_val (book->sales, sale);
  if (person->first_closed == SAMPLE_NONE || closed > person->first_closed)
    person->first_closed = closed;
  if (person->last_closed == SAMPLE_NONE || closed < person->last_closed)
    {
      person->last_closed = closed;
      person->product = product;
    }
  if (delivered != SAMPLE_NONE)
    person->last_delivered = most_recent (person->last_delivered, delivered);
}

static const char *
plan_prepositioned (SampleBook *book,
                    int         closed)
{
  int roll = sample_between (book, 0, 99);

  /* The newest sales have not had the conversation yet; by a month after
   * the close it has always been had. */
  if (closed < 7)
    return roll < 70 ? "no" : "agreed";
  if (closed < 30)
    return roll < 20 ? "no" : roll < 75 ? "agreed" : "declined";
  return roll < 65 ? "agreed" : "declined";
}

static void
plan_sale (SampleBook *book,
           guint       index,
           int         closed)
{
  const SamplePerson *person = sample_person (book, index);
  int delivered = closed - sample_between (book, 5, 25);

  add_sale (book, index, plan_product (book, person), closed,
            delivered >= 0 ? delivered : SAMPLE_NONE, plan_prepositioned (book, closed));
}

static void
plan_sales_of (SampleBook *book,
               guint       index,
               guint       nth_customer)
{
  const SamplePerson *person = sample_person (book, index);
  int first = person->created - sample_between (book, 7, 30);
  gboolean former = g_str_equal (person->status, "former");
  int n_more = person->enterprise ? sample_between (book, 0, 3) : sample_chance (book, 40);
  int quiet_since = MAX (person->last_contact, former ? 200 : 0);

  plan_sale (book, index, MAX (first, 0));
  for (int i = 0; i < n_more && quiet_since < first - 1; i++)
    plan_sale (book, index, sample_between (book, quiet_since, first - 1));

  /* Keep the playbook busy: some sales just closed, some just delivered. */
  if (former || person->last_contact > 80)
    return;
  if (nth_customer % 10 == 0)
    add_sale (book, index, plan_product (book, person), sample_between (book, 0, 5),
              SAMPLE_NONE, "no");
  else if (nth_customer % 10 == 5)
    add_sale (book, index, plan_product (book, person), sample_between (book, 15, 29),
              sample_between (book, 1, 10), plan_prepositioned (book, 20));
}

static void
plan_sales (SampleBook *book)
{
  guint nth_customer = 0;

  for (guint i = 0; i < sample_n_story_sales; i++)
    {
      const SampleStorySale *sale = &sample_story_sales[i];

      add_sale (book, sale->person, sale->product, sale->closed, sale->delivered,
                sale->prepositioned);
    }

  for (guint i = SAMPLE_N_STORY; i < book->people->len; i++)
    if (!g_str_equal (sample_person (book, i)->status, "prospect"))
      plan_sales_of (book, i, nth_customer++);
}

static int
latest_settled_delivery (SampleBook *book,
                         guint       index)
{
  int latest = SAMPLE_NONE;

  /* Satisfaction is asked a week or two after a delivery. */
  for (guint i = 0; i < book->sales->len; i++)
    {
      const SampleSale *sale = &g_array_index (book->sales, SampleSale, i);

      if (sale->person == index && sale->delivered >= 14 &&
          (latest == SAMPLE_NONE || sale->delivered < latest))
        latest = sale->delivered;
    }
  return latest;
}

static void
plan_satisfaction (SampleBook *book,
                   guint       index)
{
  SamplePerson *person = sample_person (book, index);
  int delivered = latest_settled_delivery (book, index);
  int roll = sample_between (book, 0, 99);

  if (delivered == SAMPLE_NONE)
    return;

  if (g_str_equal (person->status, "former"))
    person->satisfaction = roll < 55 ? "unhappy" : roll < 90 ? "satisfied" : "unknown";
  else
    person->satisfaction = roll < 6 ? "unknown" : roll < 14 ? "unhappy"
                         : roll < 58 ? "satisfied" : "delighted";

  /* Recorded a few days after the delivery, and not today. */
  if (!g_str_equal (person->satisfaction, "unknown"))
    {
      int recorded = sample_later (book, delivered, 3, 10);

      person->satisfied_on = MAX (recorded, 1);
    }
}

/* Closing a sale or asking how it went is a contact too. */
static void
settle_last_contact (SamplePerson *person)
{
  int last = most_recent (person->last_contact, person->last_closed);

  last = most_recent (last, person->satisfied_on);
  person->last_contact = MIN (last, person->created);
}

static void
plan_references (SampleBook *book)
{
  guint n = 0;

  for (guint i = SAMPLE_N_STORY; i < book->people->len && n < 10; i++)
    {
      SamplePerson *person = sample_person (book, i);

      if (g_str_equal (person->satisfaction, "delighted") && person->created >= 180)
        person->reference_kind = n++ < 8 ? "product_reference" : "personal_letter";
    }
}

static void
plan_feelings (SampleBook *book)
{
  /* The story's people have theirs written down already. */
  for (guint i = SAMPLE_N_STORY; i < book->people->len; i++)
    {
      plan_satisfaction (book, i);
      settle_last_contact (sample_person (book, i));
    }
  plan_references (book);
}

const char * const *
sample_referral_path (const char *type,
                      guint      *length)
{
  static const char * const solicited[] = { "promised", "introduction_requested", "introduced",
                                            "contacted", "meeting", "won" };
  static const char * const proactive[] = { "introduced", "contacted", "meeting", "won" };
  static const char * const unsolicited[] = { "contacted", "meeting", "won" };

  if (g_str_equal (type, "solicited"))
    {
      *length = G_N_ELEMENTS (solicited);
      return solicited;
    }
  if (g_str_equal (type, "proactive"))
    {
      *length = G_N_ELEMENTS (proactive);
      return proactive;
    }
  *length = G_N_ELEMENTS (unsolicited);
  return unsolicited;
}

/* Happy customers who were already customers when the prospect came in;
 * the delighted ones twice, as they refer more. */
static guint
plan_referrer (SampleBook *book,
               guint       prospect,
               int         created)
{
  g_autoptr(GArray) eligible = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < book->people->len; i++)
    {
      const SamplePerson *person = sample_person (book, i);
      gboolean delighted = g_str_equal (person->satisfaction, "delighted");

      if (i == prospect || !g_str_equal (person->status, "customer") ||
          person->created < created + 30 ||
          !(delighted || g_str_equal (person->satisfaction, "satisfied")))
        continue;
      g_array_append_val (eligible, i);
      if (delighted)
        g_array_append_val (eligible, i);
    }

  g_assert (eligible->len > 0);
  return g_array_index (eligible, guint, sample_pick (book, eligible->len));
}

static void
add_referral (SampleBook *book,
              guint       referrer,
              guint       prospect,
              const char *type,
              guint       reached,
              gboolean    won,
              gboolean    lost)
{
  SampleReferral referral = {
    .referrer = referrer,
    .prospect = prospect,
    .type = type,
    .reached = reached,
    .won = won,
    .lost = lost,
    .created = sample_person (book, prospect)->created,
  };

  sample_person (book, prospect)->referred = !won;
  g_array_append_val (book->referrals, referral);
}

static const char *
plan_referral_type (SampleBook *book)
{
  int roll = sample_between (book, 0, 99);

  return roll < 45 ? "solicited" : roll < 75 ? "proactive" : "unsolicited";
}

/* Where the open referrals stand, so every stage shows up in the funnel. */
static const struct
{
  const char *type;
  guint       reached;
  gboolean    lost;
} open_referrals[] = {
  { "solicited", 1, FALSE },    /* promised */
  { "solicited", 2, FALSE },    /* introduction requested */
  { "proactive", 1, FALSE },    /* introduced */
  { "solicited", 4, FALSE },    /* contacted */
  { "unsolicited", 2, FALSE },  /* meeting */
  { "proactive", 2, FALSE },
  { "solicited", 3, FALSE },
  { "unsolicited", 1, TRUE },   /* lost after the first call */
  { "proactive", 3, FALSE },
  { "solicited", 5, FALSE },
  { "unsolicited", 1, FALSE },
  { "solicited", 4, TRUE },
  { "proactive", 1, FALSE },
  { "solicited", 2, FALSE },
  { "unsolicited", 2, TRUE },   /* lost after the meeting */
  { "solicited", 1, FALSE },
  { "proactive", 2, FALSE },
  { "solicited", 3, FALSE },
};

static gboolean
awaits_first_call (const char *type,
                   guint       reached)
{
  guint length;
  const char *stage = sample_referral_path (type, &length)[MIN (reached, length) - 1];

  return g_str_equal (stage, "promised") || g_str_equal (stage, "introduction_requested") ||
         g_str_equal (stage, "introduced");
}

/* The playbook wants a referred prospect called within a day, so the ones
 * nobody has called yet came in days ago, not months. */
static void
make_recent (SampleBook *book,
             guint       index)
{
  SamplePerson *person = sample_person (book, index);

  person->created = sample_between (book, 0, 4);
  person->last_contact = MIN (person->last_contact, person->created);
}

static void
plan_referrals (SampleBook *book)
{
  guint n_prospects = 0;
  guint n_open = 0;
  guint n_won = 0;

  for (guint i = 0; i < sample_n_story_referrals; i++)
    {
      const SampleStoryReferral *story = &sample_story_referrals[i];

      add_referral (book, story->referrer, story->prospect, story->type, story->reached,
                    story->won, FALSE);
    }

  /* Three prospects in four came through a referral; eight customers too. */
  for (guint i = SAMPLE_N_STORY; i < book->people->len; i++)
    {
      const SamplePerson *person = sample_person (book, i);

      if (g_str_equal (person->status, "prospect") && n_prospects++ % 4 != 3)
        {
          guint k = n_open++ % G_N_ELEMENTS (open_referrals);

          if (!open_referrals[k].lost &&
              awaits_first_call (open_referrals[k].type, open_referrals[k].reached))
            make_recent (book, i);
          add_referral (book, plan_referrer (book, i, person->created), i,
                        open_referrals[k].type, open_referrals[k].reached, FALSE,
                        open_referrals[k].lost);
        }
      else if (g_str_equal (person->status, "customer") && n_won < 8 &&
               person->created >= 45 && person->created <= 400)
        {
          const char *type = plan_referral_type (book);
          guint length;

          sample_referral_path (type, &length);
          add_referral (book, plan_referrer (book, i, person->created), i, type, length,
                        TRUE, FALSE);
          n_won++;
        }
    }
}

void
sample_plan (SampleBook *book)
{
  plan_story_people (book);
  plan_generated_people (book);
  plan_sales (book);
  plan_feelings (book);
  plan_referrals (book);
}
