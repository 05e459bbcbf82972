/* rapport-history.c: what the playbook needs to know about one customer
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The plain data the playbook rules read, and helpers to build it by hand
 * (as the tests do); rapport-history-load.c fills it from the book.
 */

#define G_LOG_DOMAIN "rapport-history"

#include "config.h"

#include "rapport-history.h"

static void
sale_free (RapportHistorySale *sale)
{
  g_free (sale->product);
  g_free (sale->prepositioned);
  g_free (sale);
}

static void
stage_change_free (RapportHistoryStageChange *change)
{
  g_free (change->from_stage);
  g_free (change->to_stage);
  g_free (change);
}

static void
referral_free (RapportHistoryReferral *referral)
{
  g_free (referral->other_name);
  g_free (referral->stage);
  g_ptr_array_unref (referral->stage_changes);
  g_free (referral);
}

static void
reference_use_free (RapportHistoryReferenceUse *use)
{
  g_free (use->given_to);
  g_free (use);
}

/**
 * rapport_history_new:
 *
 * An empty history: a customer with no sales, contacts or referrals, whose
 * settings all come from the playbook settings.  Tests fill it by hand.
 */
RapportHistory *
rapport_history_new (gint64      customer_id,
                     const char *name)
{
  RapportHistory *history = g_new0 (RapportHistory, 1);

  history->customer_id = customer_id;
  history->name = g_strdup (name != NULL ? name : "");
  history->status = g_strdup ("customer");
  history->satisfaction = g_strdup ("unknown");
  history->min_gap_days = -1;
  history->tag_cadences = g_array_new (FALSE, FALSE, sizeof (RapportCadence));
  history->contacts = g_array_new (FALSE, FALSE, sizeof (gint64));
  history->user_scheduled = g_array_new (FALSE, FALSE, sizeof (gint64));
  history->sales = g_ptr_array_new_with_free_func ((GDestroyNotify) sale_free);
  history->referrals = g_ptr_array_new_with_free_func ((GDestroyNotify) referral_free);
  history->reference_uses = g_ptr_array_new_with_free_func ((GDestroyNotify) reference_use_free);
  history->closed_rules = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return history;
}

void
rapport_history_free (RapportHistory *history)
{
  if (history == NULL)
    return;

  g_free (history->name);
  g_free (history->status);
  g_free (history->satisfaction);
  g_array_unref (history->tag_cadences);
  g_array_unref (history->contacts);
  g_array_unref (history->user_scheduled);
  g_ptr_array_unref (history->sales);
  g_ptr_array_unref (history->referrals);
  g_ptr_array_unref (history->reference_uses);
  g_hash_table_unref (history->closed_rules);
  g_free (history);
}

static int
compare_times (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/**
 * rapport_history_add_contact:
 *
 * Records a logged interaction at @at, keeping the contacts sorted and
 * last_contact up to date.
 */
void
rapport_history_add_contact (RapportHistory *history,
                             gint64          at)
{
  g_return_if_fail (history != NULL);

  g_array_append_val (history->contacts, at);
  if (history->contacts->len > 1 &&
      at < g_array_index (history->contacts, gint64, history->contacts->len - 2))
    g_array_sort (history->contacts, compare_times);
  history->last_contact = MAX (history->last_contact, at);
}

RapportHistorySale *
rapport_history_add_sale (RapportHistory *history,
                          gint64          sale_id,
                          const char     *product,
                          gint64          closed_at,
                          gint64          delivered_at,
                          const char     *prepositioned)
{
  RapportHistorySale *sale;

  g_return_val_if_fail (history != NULL, NULL);

  sale = g_new0 (RapportHistorySale, 1);
  sale->id = sale_id;
  sale->product = g_strdup (product != NULL ? product : "");
  sale->closed_at = closed_at;
  sale->delivered_at = delivered_at;
  sale->prepositioned = g_strdup (prepositioned != NULL ? prepositioned : "no");
  g_ptr_array_add (history->sales, sale);
  return sale;
}

RapportHistoryReferral *
rapport_history_add_referral (RapportHistory *history,
                              gint64          referral_id,
                              gboolean        is_referrer,
                              const char     *other_name,
                              const char     *stage,
                              gint64          created_at)
{
  RapportHistoryReferral *referral;

  g_return_val_if_fail (history != NULL, NULL);

  referral = g_new0 (RapportHistoryReferral, 1);
  referral->id = referral_id;
  referral->is_referrer = is_referrer;
  referral->other_name = g_strdup (other_name != NULL ? other_name : "");
  referral->stage = g_strdup (stage != NULL ? stage : "promised");
  referral->created_at = created_at;
  referral->stage_changes = g_ptr_array_new_with_free_func ((GDestroyNotify) stage_change_free);
  g_ptr_array_add (history->referrals, referral);
  return referral;
}

void
rapport_history_referral_add_change (RapportHistoryReferral *referral,
                                     gint64                  change_id,
                                     const char             *from_stage,
                                     const char             *to_stage,
                                     gint64                  changed_at)
{
  RapportHistoryStageChange *change;

  g_return_if_fail (referral != NULL);
  g_return_if_fail (to_stage != NULL);

  change = g_new0 (RapportHistoryStageChange, 1);
  change->id = change_id;
  change->from_stage = g_strdup (from_stage);
  change->to_stage = g_strdup (to_stage);
  change->changed_at = changed_at;
  g_ptr_array_add (referral->stage_changes, change);
}

RapportHistoryReferenceUse *
rapport_history_add_reference_use (RapportHistory *history,
                                   gint64          use_id,
                                   const char     *given_to,
                                   gint64          used_at)
{
  RapportHistoryReferenceUse *use;

  g_return_val_if_fail (history != NULL, NULL);

  use = g_new0 (RapportHistoryReferenceUse, 1);
  use->id = use_id;
  use->given_to = g_strdup (given_to != NULL ? given_to : "");
  use->used_at = used_at;
  g_ptr_array_add (history->reference_uses, use);
  return use;
}
