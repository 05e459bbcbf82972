/* rapport-sample-private.h: the demo book as it is planned, then written
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rapport-sample-data.h"
#include "rapport-store.h"

G_BEGIN_DECLS

/* Every moment is planned in days before `now`; this is the day of what
 * has not happened (yet). */
#define SAMPLE_NONE (-1)

typedef struct
{
  gint64      id;
  char       *name;
  char       *first;          /* how the salesperson writes to them */
  char       *company;
  char       *email;
  char       *phone;
  char       *notes;
  char       *tags;
  const char *industry;
  const char *status;
  const char *satisfaction;
  const char *reference_kind;
  const char *channel;
  int         min_gap;        /* SAMPLE_NONE: the default from settings */
  int         ideal;          /* SAMPLE_NONE: from the tags or settings */
  int         latest;
  gboolean    enterprise;
  gboolean    referred;       /* came in through a referral not yet won */
  int         created;        /* days ago, like every day below */
  int         satisfied_on;
  int         last_contact;
  int         first_closed;
  int         last_closed;
  int         last_delivered;
  guint       product;        /* the latest sale's, or a prospect's interest */
} SamplePerson;

typedef struct
{
  guint       person;
  guint       product;
  int         closed;
  int         delivered;
  gint64      amount_cents;
  const char *prepositioned;
} SampleSale;

typedef struct
{
  guint       referrer;
  guint       prospect;
  const char *type;
  guint       reached;        /* stages of the type's path passed through */
  gboolean    won;
  gboolean    lost;
  int         created;
} SampleReferral;

typedef struct
{
  RapportStore *store;
  GRand        *rand;
  gint64        now;
  GDateTime    *midnight;     /* the start of `now`'s local day */
  GArray       *people;       /* of SamplePerson, in insertion order */
  GArray       *sales;        /* of SampleSale */
  GArray       *referrals;    /* of SampleReferral */
  GHashTable   *taken;        /* names and emails already handed out */
} SampleBook;

static inline SamplePerson *
sample_person (SampleBook *book,
               guint       index)
{
  return &g_array_index (book->people, SamplePerson, index);
}

/* rapport-sample.c: chance and time */
G_GNUC_INTERNAL int        sample_between             (SampleBook          *book,
                                                       int                  lo,
                                                       int                  hi);
G_GNUC_INTERNAL guint      sample_pick                (SampleBook          *book,
                                                       guint                n);
G_GNUC_INTERNAL gboolean   sample_chance              (SampleBook          *book,
                                                       int                  percent);
G_GNUC_INTERNAL int        sample_later               (SampleBook          *book,
                                                       int                  days_ago,
                                                       int                  lo,
                                                       int                  hi);
G_GNUC_INTERNAL char      *sample_instant_at          (SampleBook          *book,
                                                       int                  days_ago,
                                                       int                  minute);
G_GNUC_INTERNAL char      *sample_instant             (SampleBook          *book,
                                                       int                  days_ago);
G_GNUC_INTERNAL char      *sample_date                (SampleBook          *book,
                                                       int                  days_ago);
G_GNUC_INTERNAL char      *sample_expand              (const char          *text,
                                                       const SamplePerson  *person,
                                                       guint                product,
                                                       const SamplePerson  *other);

/* rapport-sample-plan.c */
G_GNUC_INTERNAL void       sample_plan                (SampleBook          *book);
G_GNUC_INTERNAL const char * const *
                           sample_referral_path       (const char          *type,
                                                       guint               *length);

/* rapport-sample-write.c */
G_GNUC_INTERNAL gboolean   sample_bind_optional_int   (RapportStmt         *stmt,
                                                       int                  column,
                                                       int                  value);
G_GNUC_INTERNAL gboolean   sample_write_interaction_at (SampleBook         *book,
                                                        guint               index,
                                                        const char         *at,
                                                        const char         *kind,
                                                        const char         *summary,
                                                        GError            **error);
G_GNUC_INTERNAL gboolean   sample_write_interaction   (SampleBook          *book,
                                                       guint                index,
                                                       int                  days_ago,
                                                       const char          *kind,
                                                       const char          *summary,
                                                       GError             **error);
G_GNUC_INTERNAL gboolean   sample_write_people        (SampleBook          *book,
                                                       GError             **error);
G_GNUC_INTERNAL gboolean   sample_write_sales         (SampleBook          *book,
                                                       GError             **error);
G_GNUC_INTERNAL gboolean   sample_write_interactions  (SampleBook          *book,
                                                       GError             **error);

/* rapport-sample-referrals.c */
G_GNUC_INTERNAL gboolean   sample_write_referrals       (SampleBook        *book,
                                                         GError           **error);
G_GNUC_INTERNAL gboolean   sample_write_referrals_given (SampleBook        *book,
                                                         GError           **error);
G_GNUC_INTERNAL gboolean   sample_write_testimonials    (SampleBook        *book,
                                                         GError           **error);
G_GNUC_INTERNAL gboolean   sample_write_references      (SampleBook        *book,
                                                         GError           **error);

G_END_DECLS
