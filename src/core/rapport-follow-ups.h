/* rapport-follow-ups.h: keeping the book's follow-ups in step with the playbook
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rapport-playbook-settings.h"
#include "rapport-store.h"

G_BEGIN_DECLS

/* Sync a customer after any change to them, their sales, interactions,
 * testimonials or reference uses; after a referral changes, sync both the
 * referrer and the prospect.  Sync the whole book at start-up, after an
 * import or a change of playbook settings, and once a day (reasons such as
 * "No contact for 92 days" are worded for the day).  Every function here
 * runs in its own transaction, or a savepoint inside the caller's. */
gboolean       rapport_follow_ups_sync_customer  (RapportStore                   *store,
                                                  gint64                          customer_id,
                                                  const RapportPlaybookSettings  *settings,
                                                  gint64                          now,
                                                  GError                        **error);
gboolean       rapport_follow_ups_sync_all       (RapportStore                   *store,
                                                  const RapportPlaybookSettings  *settings,
                                                  gint64                          now,
                                                  GError                        **error);

gboolean       rapport_follow_up_rule_key_is_shared (const char                  *rule_key);

gboolean       rapport_follow_ups_next_due_time  (RapportStore                   *store,
                                                  gint64                          after,
                                                  gint64                         *time,
                                                  GError                        **error);

/* Every follow-up kind is something done with its customer, so completing
 * one logs an interaction (restarting the cadence).  @settings may be NULL
 * to leave the customer's other follow-ups as they are; otherwise the
 * customer is synced in the same transaction. */
gboolean       rapport_follow_up_complete        (RapportStore                   *store,
                                                  gint64                          id,
                                                  const RapportPlaybookSettings  *settings,
                                                  gint64                          now,
                                                  GError                        **error);
gboolean       rapport_follow_ups_complete_many  (RapportStore                   *store,
                                                  const gint64                   *ids,
                                                  guint                           n_ids,
                                                  const RapportPlaybookSettings  *settings,
                                                  gint64                          now,
                                                  GError                        **error);
gboolean       rapport_follow_up_snooze          (RapportStore                   *store,
                                                  gint64                          id,
                                                  gint64                          until,
                                                  GError                        **error);
gboolean       rapport_follow_ups_snooze_many    (RapportStore                   *store,
                                                  const gint64                   *ids,
                                                  guint                           n_ids,
                                                  gint64                          until,
                                                  GError                        **error);
gboolean       rapport_follow_up_skip            (RapportStore                   *store,
                                                  gint64                          id,
                                                  const RapportPlaybookSettings  *settings,
                                                  gint64                          now,
                                                  GError                        **error);
gboolean       rapport_follow_up_reschedule      (RapportStore                   *store,
                                                  gint64                          id,
                                                  gint64                          due_at,
                                                  const RapportPlaybookSettings  *settings,
                                                  gint64                          now,
                                                  GError                        **error);
gint64         rapport_follow_up_add             (RapportStore                   *store,
                                                  gint64                          customer_id,
                                                  const char                     *kind,
                                                  gint64                          due_at,
                                                  const char                     *reason,
                                                  const RapportPlaybookSettings  *settings,
                                                  gint64                          now,
                                                  GError                        **error);

G_END_DECLS
