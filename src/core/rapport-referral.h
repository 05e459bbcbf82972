/* rapport-referral.h: referrals received, their stages, and referrals given back
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rapport-playbook-settings.h"
#include "rapport-store.h"

G_BEGIN_DECLS

#define RAPPORT_REFERRAL_N_TYPES  3
#define RAPPORT_REFERRAL_N_STAGES 7

/* The words the book stores, in the order the UI offers them; the stages
 * run along the pipeline and end with "won" and "lost". */
extern const char * const rapport_referral_types[RAPPORT_REFERRAL_N_TYPES + 1];
extern const char * const rapport_referral_stages[RAPPORT_REFERRAL_N_STAGES + 1];
extern const char * const rapport_referral_thanks[4];

#define RAPPORT_TYPE_REFERRAL (rapport_referral_get_type ())

G_DECLARE_FINAL_TYPE (RapportReferral, rapport_referral, RAPPORT, REFERRAL, GObject)

/* A referral to record: the prospect is either a customer already in the
 * book or, with rapport_referral_set_new_prospect(), created with it. */
RapportReferral *rapport_referral_new                 (gint64                          referrer_id,
                                                       const char                     *type);
void             rapport_referral_set_prospect_id     (RapportReferral                *self,
                                                       gint64                          prospect_id);
void             rapport_referral_set_new_prospect    (RapportReferral                *self,
                                                       const char                     *name,
                                                       const char                     *company,
                                                       const char                     *email);
void             rapport_referral_set_stage           (RapportReferral                *self,
                                                       const char                     *stage);
void             rapport_referral_set_notes           (RapportReferral                *self,
                                                       const char                     *notes);
gboolean         rapport_referral_create              (RapportReferral                *self,
                                                       RapportStore                   *store,
                                                       const RapportPlaybookSettings  *settings,
                                                       gint64                          now,
                                                       GError                        **error);
RapportReferral *rapport_referral_load                (RapportStore                   *store,
                                                       gint64                          id,
                                                       GError                        **error);

/* Each is one transaction that also brings the referrer's and the
 * prospect's follow-ups in line with the playbook. */
gboolean         rapport_referral_change_stage        (RapportStore                   *store,
                                                       gint64                          id,
                                                       const char                     *stage,
                                                       const RapportPlaybookSettings  *settings,
                                                       gint64                          now,
                                                       GError                        **error);
gboolean         rapport_referral_mark_informed       (RapportStore                   *store,
                                                       gint64                          id,
                                                       const RapportPlaybookSettings  *settings,
                                                       gint64                          now,
                                                       GError                        **error);
gboolean         rapport_referral_mark_thanked        (RapportStore                   *store,
                                                       gint64                          id,
                                                       const char                     *how,
                                                       const RapportPlaybookSettings  *settings,
                                                       gint64                          now,
                                                       GError                        **error);

GListModel      *rapport_referral_list                (RapportStore                   *store,
                                                       const char                     *stage,
                                                       const char                     *type,
                                                       GError                        **error);
GPtrArray       *rapport_referral_list_changes        (RapportStore                   *store,
                                                       gint64                          id,
                                                       GError                        **error);
gint64           rapport_customer_count_referrals     (RapportStore                   *store,
                                                       gint64                          customer_id,
                                                       GError                        **error);

gint64           rapport_referral_get_id              (RapportReferral                *self);
gint64           rapport_referral_get_referrer_id     (RapportReferral                *self);
const char      *rapport_referral_get_referrer_name   (RapportReferral                *self);
gint64           rapport_referral_get_prospect_id     (RapportReferral                *self);
const char      *rapport_referral_get_prospect_name   (RapportReferral                *self);
const char      *rapport_referral_get_prospect_company (RapportReferral               *self);
const char      *rapport_referral_get_prospect_email  (RapportReferral                *self);
const char      *rapport_referral_get_type_word       (RapportReferral                *self);
const char      *rapport_referral_get_stage           (RapportReferral                *self);
const char      *rapport_referral_get_notes           (RapportReferral                *self);
gint64           rapport_referral_get_created_at      (RapportReferral                *self);
gint64           rapport_referral_get_stage_changed_at (RapportReferral               *self);
gint64           rapport_referral_get_informed_at     (RapportReferral                *self);
gint64           rapport_referral_get_thanked_at      (RapportReferral                *self);
const char      *rapport_referral_get_thanked_how     (RapportReferral                *self);

/* One row of a referral's history; from_stage is NULL for the stage it
 * was recorded in. */
typedef struct
{
  char   *from_stage;
  char   *to_stage;
  gint64  changed_at;
} RapportReferralChange;

void             rapport_referral_change_free         (RapportReferralChange          *change);

gboolean         rapport_referral_validate_type       (const char                     *type,
                                                       GError                        **error);
gboolean         rapport_referral_validate_stage      (const char                     *stage,
                                                       GError                        **error);
int              rapport_referral_stage_index         (const char                     *stage);
int              rapport_referral_type_index          (const char                     *type);
const char      *rapport_referral_next_stage          (const char                     *stage);
const char      *rapport_referral_type_label          (const char                     *type);
const char      *rapport_referral_type_explanation    (const char                     *type);
const char      *rapport_referral_stage_label         (const char                     *stage);
const char      *rapport_referral_thanks_label        (const char                     *how);

/* The funnel, from one GROUP BY query.  "Reached" counts the referrals
 * that got to a stage or further along the pipeline at some point (a
 * referral lost after a meeting reached the meeting); for "lost" it is
 * the referrals lost now. */
typedef struct
{
  guint total;
  guint at_stage[RAPPORT_REFERRAL_N_STAGES];
  guint reached[RAPPORT_REFERRAL_N_STAGES];
  guint of_type[RAPPORT_REFERRAL_N_TYPES];
  guint won_of_type[RAPPORT_REFERRAL_N_TYPES];
} RapportReferralFunnel;

gboolean         rapport_referral_funnel_load         (RapportStore                   *store,
                                                       RapportReferralFunnel          *funnel,
                                                       GError                        **error);
double           rapport_referral_funnel_rate         (const RapportReferralFunnel    *funnel,
                                                       guint                           stage);
double           rapport_referral_funnel_won_rate     (const RapportReferralFunnel    *funnel,
                                                       guint                           type);
char            *rapport_referral_funnel_describe     (const RapportReferralFunnel    *funnel);

/* Who to ask for a personal introduction now: see rapport-referral-report.c
 * for the exact rule. */
GListModel      *rapport_referral_ready_to_ask        (RapportStore                   *store,
                                                       guint                           limit,
                                                       guint                          *n_ready,
                                                       GError                        **error);
const char      *rapport_referral_introduction_script (void);
char            *rapport_referral_introduction_mailto (const char                     *name,
                                                       const char                     *email);
char            *rapport_mailto_url                   (const char                     *email,
                                                       const char                     *subject,
                                                       const char                     *body);

gboolean         rapport_referrals_write_csv          (RapportStore                   *store,
                                                       const char                     *path,
                                                       GError                        **error);

/* Reciprocity: a referral the salesperson gave one of their customers. */
gint64           rapport_referral_given_add           (RapportStore                   *store,
                                                       gint64                          customer_id,
                                                       const char                     *given_to,
                                                       gint64                          given_at,
                                                       const char                     *notes,
                                                       const RapportPlaybookSettings  *settings,
                                                       gint64                          now,
                                                       GError                        **error);

G_END_DECLS
