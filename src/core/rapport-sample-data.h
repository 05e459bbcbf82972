/* rapport-sample-data.h: the words and the story behind the demo book
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The people of the story, first in the book, in this order. */
enum
{
  SAMPLE_ZOE,
  SAMPLE_JOSE,
  SAMPLE_NGOZI,
  SAMPLE_LUKASZ,
  SAMPLE_LAYLA,
  SAMPLE_HANAKO,
  SAMPLE_N_STORY
};

/* The catalogue, in the order of sample_products. */
enum
{
  SAMPLE_WIFI,
  SAMPLE_BACKUP,
  SAMPLE_POS,
  SAMPLE_AUDIT,
  SAMPLE_SUPPORT,
  SAMPLE_TRAINING,
  SAMPLE_VOIP,
  SAMPLE_FLEET,
  SAMPLE_SCANNING,
  SAMPLE_SERVER,
  SAMPLE_LAPTOPS,
  SAMPLE_MIGRATION,
};

/* A line of the salesperson's log, with {first}, {company}, {product},
 * {other} and {other_first} filled in later. */
typedef struct
{
  const char *kind;
  const char *text;
} SampleLine;

typedef struct
{
  const char *name;
  gint64      cents;
  const char *quote;    /* what a happy buyer said about it */
} SampleProduct;

typedef struct
{
  const char *tag;
  const char *need;     /* what a friend who needs them is looking for */
  const char *suffixes[4];
} SampleIndustry;

typedef struct
{
  const char *feeling;
  SampleLine  line;
} SampleFeelingLine;

typedef struct
{
  const char *stage;
  gboolean    with_referrer;  /* else with the prospect */
  SampleLine  line;
} SampleStageLine;

typedef struct
{
  const char *name;
  const char *first;
  const char *company;
  const char *email;
  const char *phone;
  const char *industry;
  const char *tags;
  const char *status;
  const char *satisfaction;
  const char *reference_kind;
  const char *channel;
  int         min_gap;
  int         created;        /* days ago, like every day below */
  int         satisfied_on;
  int         last_contact;
  guint       interest;
  const char *notes;
} SampleStoryPerson;

typedef struct
{
  guint       person;
  guint       product;
  int         closed;
  int         delivered;
  const char *prepositioned;
} SampleStorySale;

typedef struct
{
  guint       person;
  int         days_ago;
  SampleLine  line;
} SampleStoryLine;

typedef struct
{
  guint       referrer;
  guint       prospect;
  const char *type;
  guint       reached;
  gboolean    won;
} SampleStoryReferral;

typedef struct
{
  guint       person;
  guint       product;
  int         days_ago;
  const char *source;
  int         rating;
  const char *permission;
  const char *tags;
  const char *quote;
} SampleStoryTestimonial;

/* Each table comes with its length. */
G_GNUC_INTERNAL extern const char * const sample_first_names[];
G_GNUC_INTERNAL extern const guint sample_n_first_names;
G_GNUC_INTERNAL extern const char * const sample_last_names[];
G_GNUC_INTERNAL extern const guint sample_n_last_names;
G_GNUC_INTERNAL extern const char * const sample_company_stems[];
G_GNUC_INTERNAL extern const guint sample_n_company_stems;
G_GNUC_INTERNAL extern const char * const sample_notes[];
G_GNUC_INTERNAL extern const guint sample_n_notes;
G_GNUC_INTERNAL extern const char * const sample_leads[];
G_GNUC_INTERNAL extern const guint sample_n_leads;
G_GNUC_INTERNAL extern const char * const sample_quotes[];
G_GNUC_INTERNAL extern const guint sample_n_quotes;
G_GNUC_INTERNAL extern const SampleProduct sample_products[];
G_GNUC_INTERNAL extern const guint sample_n_products;
G_GNUC_INTERNAL extern const SampleIndustry sample_industries[];
G_GNUC_INTERNAL extern const guint sample_n_industries;
G_GNUC_INTERNAL extern const SampleLine sample_first_lines[];
G_GNUC_INTERNAL extern const guint sample_n_first_lines;
G_GNUC_INTERNAL extern const SampleLine sample_prospect_lines[];
G_GNUC_INTERNAL extern const guint sample_n_prospect_lines;
G_GNUC_INTERNAL extern const SampleLine sample_customer_lines[];
G_GNUC_INTERNAL extern const guint sample_n_customer_lines;
G_GNUC_INTERNAL extern const SampleFeelingLine sample_satisfaction_lines[];
G_GNUC_INTERNAL extern const guint sample_n_satisfaction_lines;
G_GNUC_INTERNAL extern const SampleStageLine sample_stage_lines[];
G_GNUC_INTERNAL extern const guint sample_n_stage_lines;
G_GNUC_INTERNAL extern const SampleStoryPerson sample_story_people[];
G_GNUC_INTERNAL extern const guint sample_n_story_people;
G_GNUC_INTERNAL extern const SampleStorySale sample_story_sales[];
G_GNUC_INTERNAL extern const guint sample_n_story_sales;
G_GNUC_INTERNAL extern const SampleStoryLine sample_story_lines[];
G_GNUC_INTERNAL extern const guint sample_n_story_lines;
G_GNUC_INTERNAL extern const SampleStoryReferral sample_story_referrals[];
G_GNUC_INTERNAL extern const guint sample_n_story_referrals;
G_GNUC_INTERNAL extern const SampleStoryTestimonial sample_story_testimonials[];
G_GNUC_INTERNAL extern const guint sample_n_story_testimonials;

G_GNUC_INTERNAL extern const SampleLine sample_proposal_lines[2];
G_GNUC_INTERNAL extern const SampleLine sample_closing_lines[3];      /* agreed, declined, no */
G_GNUC_INTERNAL extern const SampleLine sample_delivery_line;
G_GNUC_INTERNAL extern const SampleLine sample_thanks_lines[3];       /* note, call, gift */
G_GNUC_INTERNAL extern const SampleLine sample_informed_line;
G_GNUC_INTERNAL extern const char * const sample_referral_notes[3];   /* by referral type */

G_GNUC_INTERNAL const SampleIndustry *sample_industry_for (const char *tag);

G_END_DECLS
