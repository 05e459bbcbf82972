/* rapport-history.h: what the playbook needs to know about one customer
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rapport-store.h"

G_BEGIN_DECLS

/* Instants are Unix seconds; 0 means "never" / "not recorded".  Calendar
 * dates from the book (closed_on, delivered_on, used_on) become 09:00 local
 * time on that day, the moment a reminder about them makes sense. */

typedef struct
{
  gint64  id;
  char   *product;
  gint64  closed_at;
  gint64  delivered_at;      /* 0: not delivered yet */
  char   *prepositioned;     /* "no", "agreed", "declined" */
} RapportHistorySale;

typedef struct
{
  gint64  id;
  char   *from_stage;        /* NULL for the stage the referral was created in */
  char   *to_stage;
  gint64  changed_at;
} RapportHistoryStageChange;

typedef struct
{
  gint64     id;
  gboolean   is_referrer;    /* this customer gave the referral; else they are the prospect */
  char      *other_name;     /* the prospect's name, or the referrer's */
  char      *stage;
  gint64     created_at;
  gint64     referrer_informed_at;
  gint64     thanked_at;
  GPtrArray *stage_changes;  /* RapportHistoryStageChange, oldest first */
} RapportHistoryReferral;

typedef struct
{
  gint64  id;
  char   *given_to;
  gint64  used_at;
} RapportHistoryReferenceUse;

typedef struct
{
  int ideal_days;
  int latest_days;
} RapportCadence;

typedef struct
{
  gint64      customer_id;
  char       *name;
  char       *status;                    /* "prospect", "customer", "former" */
  char       *satisfaction;              /* "unknown", "unhappy", "satisfied", "delighted" */
  gint64      satisfaction_recorded_at;
  gint64      created_at;
  int         min_gap_days;              /* -1: the setting applies */
  RapportCadence cadence;                /* the customer's own; 0: not set */
  GArray     *tag_cadences;              /* RapportCadence of each tag that has one */
  guint       n_testimonials;

  gint64      last_contact;              /* the latest logged interaction; 0: none */
  GArray     *contacts;                  /* gint64, ascending: every logged interaction from
                                          * 30 days before last_contact on */
  GArray     *user_scheduled;            /* gint64: when each open follow-up the playbook
                                          * does not own is due (snooze included) */
  GPtrArray  *sales;                     /* RapportHistorySale */
  GPtrArray  *referrals;                 /* RapportHistoryReferral */
  GPtrArray  *reference_uses;            /* RapportHistoryReferenceUse, oldest first */
  GHashTable *closed_rules;              /* rule_key set: done, skipped or taken over by the
                                          * user; the playbook never recreates these */
} RapportHistory;

RapportHistory             *rapport_history_new              (gint64          customer_id,
                                                              const char     *name);
void                        rapport_history_free             (RapportHistory *history);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportHistory, rapport_history_free)

void                        rapport_history_add_contact      (RapportHistory *history,
                                                              gint64          at);
RapportHistorySale         *rapport_history_add_sale         (RapportHistory *history,
                                                              gint64          sale_id,
                                                              const char     *product,
                                                              gint64          closed_at,
                                                              gint64          delivered_at,
                                                              const char     *prepositioned);
RapportHistoryReferral     *rapport_history_add_referral     (RapportHistory *history,
                                                              gint64          referral_id,
                                                              gboolean        is_referrer,
                                                              const char     *other_name,
                                                              const char     *stage,
                                                              gint64          created_at);
void                        rapport_history_referral_add_change (RapportHistoryReferral *referral,
                                                              gint64          change_id,
                                                              const char     *from_stage,
                                                              const char     *to_stage,
                                                              gint64          changed_at);
RapportHistoryReferenceUse *rapport_history_add_reference_use (RapportHistory *history,
                                                              gint64          use_id,
                                                              const char     *given_to,
                                                              gint64          used_at);

RapportHistory             *rapport_history_load             (RapportStore   *store,
                                                              gint64          customer_id,
                                                              GError        **error);
GPtrArray                  *rapport_history_load_range       (RapportStore   *store,
                                                              gint64          first_id,
                                                              gint64          last_id,
                                                              GError        **error);
/* The temporary table rapport_history_load_among() leaves its ids in, for
 * the caller's own statements over the same customers. */
#define RAPPORT_HISTORY_SET "history_set"

/* The filter on the customer id of a statement over a batch: a range (?1
 * to ?2), or the set in temp.history_set; and both texts of a statement,
 * for a `static const char * const sql[2]` indexed by "is it the set". */
#define RAPPORT_HISTORY_IN_RANGE " BETWEEN ?1 AND ?2"
#define RAPPORT_HISTORY_IN_SET   " IN (SELECT id FROM temp." RAPPORT_HISTORY_SET ")"
#define RAPPORT_HISTORY_RANGE_OR_SET(before, after) \
  { before RAPPORT_HISTORY_IN_RANGE after, before RAPPORT_HISTORY_IN_SET after }

GPtrArray                  *rapport_history_load_among       (RapportStore   *store,
                                                              const gint64   *ids,
                                                              guint           n_ids,
                                                              GError        **error);

G_END_DECLS
