/* rapport-referral-write.c: recording referrals and moving them along
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every write is one transaction that ends by syncing the follow-ups of
 * both customers a referral joins: the playbook (rapport-playbook.c) reads
 * the referral, its stage changes, referrer_informed_at and thanked_at to
 * thank the referrer, contact the prospect, keep the source informed and
 * thank them again when it is won.  Every stage change, the first one
 * included (from_stage NULL), is a referral_stage_change row.
 */

#define G_LOG_DOMAIN "rapport-referral"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-customer.h"
#include "rapport-follow-ups.h"
#include "rapport-interaction.h"
#include "rapport-limits.h"
#include "rapport-referral-private.h"
#include "rapport-time.h"

/* The two customers a referral joins, and where it stands. */
typedef struct
{
  gint64  referrer_id;
  gint64  prospect_id;
  char   *stage;
  char   *prospect_name;
} Parties;

static void
parties_clear (Parties *parties)
{
  g_clear_pointer (&parties->stage, g_free);
  g_clear_pointer (&parties->prospect_name, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Parties, parties_clear)

static gboolean
read_parties (RapportStore  *store,
              gint64         id,
              Parties       *parties,
              GError       **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  int rc;

  stmt = rapport_store_prepare (store,
                                "SELECT r.referrer_id, r.prospect_id, r.stage, p.name"
                                "  FROM referral r JOIN customer p ON p.id = r.prospect_id"
                                " WHERE r.id = ?",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return _rapport_referral_set_not_found (id, error);
  if (rc != SQLITE_ROW)
    return rapport_store_set_error (store, rc, error, _("Cannot read the referral"));

  parties->referrer_id = sqlite3_column_int64 (stmt, 0);
  parties->prospect_id = sqlite3_column_int64 (stmt, 1);
  parties->stage = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  parties->prospect_name = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  return TRUE;
}

static gboolean
sync_both (RapportStore                   *store,
           const Parties                  *parties,
           const RapportPlaybookSettings  *settings,
           gint64                          now,
           GError                        **error)
{
  return rapport_follow_ups_sync_customer (store, parties->referrer_id, settings, now, error) &&
         rapport_follow_ups_sync_customer (store, parties->prospect_id, settings, now, error);
}

static char *
format_now (gint64   now,
            GError **error)
{
  char *text = rapport_time_format_utc (now);

  if (text == NULL)
    g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID,
                 _("The time %lld is out of range"), (long long) now);
  return text;
}

static gboolean
log_contact (RapportStore  *store,
             gint64         customer_id,
             const char    *kind,
             gint64         at,
             const char    *summary,
             GError       **error)
{
  g_autoptr(RapportInteraction) interaction = rapport_interaction_new (customer_id, kind, at, summary);

  return rapport_interaction_save (interaction, store, error);
}

static gboolean
insert_change (RapportStore  *store,
               gint64         referral_id,
               const char    *from_stage,
               const char    *to_stage,
               const char    *at,
               GError       **error)
{
  g_autoptr(RapportStmt) stmt = NULL;

  stmt = rapport_store_prepare (store,
                                "INSERT INTO referral_stage_change (referral_id, from_stage,"
                                "  to_stage, changed_at) VALUES (?, ?, ?, ?)",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, referral_id);
  sqlite3_bind_text (stmt, 2, from_stage, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, to_stage, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, at, -1, SQLITE_TRANSIENT);
  return rapport_store_step_done (store, stmt, error);
}

static gboolean
need_customer (RapportStore  *store,
               gint64         id,
               GError       **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  int rc;

  stmt = rapport_store_prepare (store, "SELECT 1 FROM customer WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    return rapport_store_set_error (store, rc, error, _("Cannot read the customers"));
  g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_FOUND,
               _("There is no customer number %lld in the book"), (long long) id);
  return FALSE;
}

/* The book merges customers by email elsewhere (imports); here a second
 * customer with the same address would be a surprise, so say who has it. */
static gboolean
email_is_free (RapportStore  *store,
               const char    *email,
               GError       **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  int rc;

  if (*email == '\0')
    return TRUE;

  stmt = rapport_store_prepare (store,
                                "SELECT name FROM customer WHERE email <> '' AND lower (email) = lower (?)"
                                " LIMIT 1",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, email, -1, SQLITE_TRANSIENT);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    return rapport_store_set_error (store, rc, error, _("Cannot read the customers"));
  g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID,
               _("%s already has the email address %s; choose them as an existing customer"),
               (const char *) sqlite3_column_text (stmt, 0), email);
  return FALSE;
}

static gint64
add_prospect (RapportReferral  *self,
              RapportStore     *store,
              GError          **error)
{
  g_autoptr(RapportCustomer) prospect = rapport_customer_new ();
  g_autofree char *email = g_strstrip (g_strdup (rapport_referral_get_prospect_email (self)));
  g_autofree char *company = g_strstrip (g_strdup (rapport_referral_get_prospect_company (self)));

  if (!email_is_free (store, email, error))
    return 0;

  rapport_customer_set_name (prospect, rapport_referral_get_prospect_name (self));
  rapport_customer_set_company (prospect, company);
  rapport_customer_set_email (prospect, email);
  rapport_customer_set_status (prospect, "prospect");
  if (!rapport_customer_save (prospect, store, error))
    return 0;
  return rapport_customer_get_id (prospect);
}

static gboolean
check_new (RapportReferral  *self,
           GError          **error)
{
  gint64 referrer_id = rapport_referral_get_referrer_id (self);
  gint64 prospect_id = rapport_referral_get_prospect_id (self);
  g_autofree char *name = g_strstrip (g_strdup (rapport_referral_get_prospect_name (self)));

  if (!rapport_referral_validate_type (rapport_referral_get_type_word (self), error) ||
      !rapport_referral_validate_stage (rapport_referral_get_stage (self), error))
    return FALSE;

  if (prospect_id != 0 && prospect_id == referrer_id)
    {
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID,
                   _("A customer cannot refer themselves: the referrer and the prospect must be "
                     "two different people"));
      return FALSE;
    }
  if (prospect_id == 0 && *name == '\0')
    {
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID,
                   _("Name the person who was referred, or choose a customer already in the book"));
      return FALSE;
    }
  return rapport_limit_check (RAPPORT_LIMIT_NOTES, rapport_referral_get_notes (self), error);
}

static gint64
insert_referral (RapportReferral  *self,
                 RapportStore     *store,
                 gint64            prospect_id,
                 const char       *at,
                 GError          **error)
{
  g_autoptr(RapportStmt) stmt = NULL;

  stmt = rapport_store_prepare (store,
                                "INSERT INTO referral (referrer_id, prospect_id, type, stage, notes,"
                                "  created_at) VALUES (?, ?, ?, ?, ?, ?)",
                                error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, rapport_referral_get_referrer_id (self));
  sqlite3_bind_int64 (stmt, 2, prospect_id);
  sqlite3_bind_text (stmt, 3, rapport_referral_get_type_word (self), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, rapport_referral_get_stage (self), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, rapport_referral_get_notes (self), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, at, -1, SQLITE_TRANSIENT);
  if (!rapport_store_step_done (store, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (rapport_store_get_db (store));
}

/**
 * rapport_referral_create:
 * @settings: the playbook's parameters, for the follow-ups it brings
 * @now: when the referral arrived
 *
 * Records the referral, first adding its prospect as a customer if it
 * names a new one, in one transaction: on any error nothing is written.
 * A customer cannot refer themselves.
 */
gboolean
rapport_referral_create (RapportReferral                *self,
                         RapportStore                   *store,
                         const RapportPlaybookSettings  *settings,
                         gint64                          now,
                         GError                        **error)
{
  g_autofree char *at = NULL;
  Parties parties = { rapport_referral_get_referrer_id (self), rapport_referral_get_prospect_id (self) };
  gint64 id;

  g_return_val_if_fail (RAPPORT_IS_REFERRAL (self), FALSE);
  g_return_val_if_fail (RAPPORT_IS_STORE (store), FALSE);
  g_return_val_if_fail (settings != NULL, FALSE);
  g_return_val_if_fail (rapport_referral_get_id (self) == 0, FALSE);

  if (!check_new (self, error) ||
      (at = format_now (now, error)) == NULL ||
      !rapport_store_begin (store, error))
    return FALSE;

  if (!need_customer (store, parties.referrer_id, error))
    goto failed;
  if (parties.prospect_id != 0 ? !need_customer (store, parties.prospect_id, error)
                               : (parties.prospect_id = add_prospect (self, store, error)) == 0)
    goto failed;

  if ((id = insert_referral (self, store, parties.prospect_id, at, error)) == 0 ||
      !insert_change (store, id, NULL, rapport_referral_get_stage (self), at, error) ||
      !sync_both (store, &parties, settings, now, error) ||
      !rapport_store_commit (store, error))
    goto failed;

  _rapport_referral_set_created (self, id, parties.prospect_id, now);
  return TRUE;

failed:
  rapport_store_rollback (store);
  return FALSE;
}

static gboolean
update_stage (RapportStore  *store,
              gint64         id,
              const char    *stage,
              GError       **error)
{
  g_autoptr(RapportStmt) stmt = NULL;

  stmt = rapport_store_prepare (store, "UPDATE referral SET stage = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, stage, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, id);
  return rapport_store_step_done (store, stmt, error);
}

/**
 * rapport_referral_change_stage:
 * @stage: any stage: going back (a meeting that fell through) is allowed
 *
 * Moves the referral to @stage and records the change with its time.
 * Moving it to the stage it is in already changes nothing.
 */
gboolean
rapport_referral_change_stage (RapportStore                   *store,
                               gint64                          id,
                               const char                     *stage,
                               const RapportPlaybookSettings  *settings,
                               gint64                          now,
                               GError                        **error)
{
  g_auto(Parties) parties = { 0 };
  g_autofree char *at = NULL;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), FALSE);
  g_return_val_if_fail (settings != NULL, FALSE);

  if (!rapport_referral_validate_stage (stage, error) ||
      (at = format_now (now, error)) == NULL ||
      !rapport_store_begin (store, error))
    return FALSE;

  if (!read_parties (store, id, &parties, error))
    goto failed;
  if (g_str_equal (parties.stage, stage))
    {
      rapport_store_rollback (store);
      return TRUE;
    }

  if (!update_stage (store, id, stage, error) ||
      !insert_change (store, id, parties.stage, stage, at, error) ||
      !sync_both (store, &parties, settings, now, error) ||
      !rapport_store_commit (store, error))
    goto failed;
  return TRUE;

failed:
  rapport_store_rollback (store);
  return FALSE;
}

static const char *
interaction_kind_for_thanks (const char *how)
{
  if (g_strcmp0 (how, "note") == 0)
    return "thank_you_note";
  if (g_strcmp0 (how, "gift") == 0)
    return "gift";
  return "call";
}

/* Informing (@how NULL) and thanking the referrer: one UPDATE of the
 * referral and one contact logged with the referrer, then both customers
 * synced. */
static gboolean
touch_referrer (RapportStore                   *store,
                gint64                          id,
                const char                     *how,
                const RapportPlaybookSettings  *settings,
                gint64                          now,
                GError                        **error)
{
  g_auto(Parties) parties = { 0 };
  g_autoptr(RapportStmt) stmt = NULL;
  g_autofree char *at = NULL;
  g_autofree char *summary = NULL;

  if ((at = format_now (now, error)) == NULL || !rapport_store_begin (store, error))
    return FALSE;
  if (!read_parties (store, id, &parties, error))
    goto failed;

  stmt = rapport_store_prepare (store,
                                how == NULL
                                ? "UPDATE referral SET referrer_informed_at = ?1 WHERE id = ?3"
                                : "UPDATE referral SET thanked_at = ?1, thanked_how = ?2 WHERE id = ?3",
                                error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, how, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, id);
  if (!rapport_store_step_done (store, stmt, error))
    goto failed;
  g_clear_pointer (&stmt, rapport_stmt_release);

  if (how == NULL)
    /* Translators: logged on the referrer's timeline: "Bob Smith", "Meeting" */
    summary = g_strdup_printf (_("Told them how their referral %s is going: %s"),
                               parties.prospect_name, rapport_referral_stage_label (parties.stage));
  else
    /* Translators: logged on the referrer's timeline: "Bob Smith" */
    summary = g_strdup_printf (_("Thanked them for referring %s"), parties.prospect_name);

  if (!log_contact (store, parties.referrer_id, how == NULL ? "other" : interaction_kind_for_thanks (how),
                    now, summary, error) ||
      !sync_both (store, &parties, settings, now, error) ||
      !rapport_store_commit (store, error))
    goto failed;
  return TRUE;

failed:
  rapport_store_rollback (store);
  return FALSE;
}

/**
 * rapport_referral_mark_informed:
 *
 * Records that the referrer heard where their referral stands, which
 * settles the playbook's "keep the source informed" until the next stage
 * change.  Telling them is a contact, so it is logged as one.
 */
gboolean
rapport_referral_mark_informed (RapportStore                   *store,
                                gint64                          id,
                                const RapportPlaybookSettings  *settings,
                                gint64                          now,
                                GError                        **error)
{
  g_return_val_if_fail (RAPPORT_IS_STORE (store), FALSE);
  g_return_val_if_fail (settings != NULL, FALSE);

  return touch_referrer (store, id, NULL, settings, now, error);
}

/**
 * rapport_referral_mark_thanked:
 * @how: "note", "gift" or "call"
 *
 * Records the thanks on the referral and logs it on the referrer's
 * timeline (a thank-you note, a gift or a call), which restarts their
 * cadence.
 */
gboolean
rapport_referral_mark_thanked (RapportStore                   *store,
                               gint64                          id,
                               const char                     *how,
                               const RapportPlaybookSettings  *settings,
                               gint64                          now,
                               GError                        **error)
{
  g_return_val_if_fail (RAPPORT_IS_STORE (store), FALSE);
  g_return_val_if_fail (settings != NULL, FALSE);

  if (!g_strv_contains (rapport_referral_thanks, how != NULL ? how : ""))
    {
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID,
                   _("“%s” is not a way of thanking (use note, gift or call)"), how != NULL ? how : "");
      return FALSE;
    }

  return touch_referrer (store, id, how, settings, now, error);
}

static gint64
insert_given (RapportStore  *store,
              gint64         customer_id,
              const char    *given_to,
              const char    *given_on,
              const char    *notes,
              GError       **error)
{
  g_autoptr(RapportStmt) stmt = NULL;

  stmt = rapport_store_prepare (store,
                                "INSERT INTO referral_given (customer_id, given_to, given_on, notes)"
                                " VALUES (?, ?, ?, ?)",
                                error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_text (stmt, 2, given_to, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, given_on, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, notes != NULL ? notes : "", -1, SQLITE_TRANSIENT);
  if (!rapport_store_step_done (store, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (rapport_store_get_db (store));
}

/**
 * rapport_referral_given_add:
 * @customer_id: the customer the salesperson sent business to
 * @given_to: who they were introduced to
 * @given_at: when; its local day is the given_on date
 *
 * Records a referral given (reciprocity) and logs it on the customer's
 * timeline as a "referral given" contact, in one transaction.
 *
 * Returns: the new record's id, or 0 with @error set
 */
gint64
rapport_referral_given_add (RapportStore                   *store,
                            gint64                          customer_id,
                            const char                     *given_to,
                            gint64                          given_at,
                            const char                     *notes,
                            const RapportPlaybookSettings  *settings,
                            gint64                          now,
                            GError                        **error)
{
  g_autofree char *to = g_strstrip (g_strdup (given_to != NULL ? given_to : ""));
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (given_at);
  g_autofree char *given_on = NULL;
  g_autofree char *summary = NULL;
  gint64 id;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), 0);
  g_return_val_if_fail (settings != NULL, 0);

  if (*to == '\0')
    {
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID,
                   _("Say who you referred the customer to"));
      return 0;
    }
  if (!rapport_limit_check (RAPPORT_LIMIT_GIVEN_TO, to, error) ||
      !rapport_limit_check (RAPPORT_LIMIT_NOTES, notes, error))
    return 0;
  if (local == NULL || (given_on = g_date_time_format (local, "%Y-%m-%d")) == NULL)
    {
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID,
                   _("The date of the referral is out of range"));
      return 0;
    }

  if (!rapport_store_begin (store, error))
    return 0;

  /* Translators: logged on the customer's timeline; the name of a person or business */
  summary = g_strdup_printf (_("Referred them to %s"), to);
  if (!need_customer (store, customer_id, error) ||
      (id = insert_given (store, customer_id, to, given_on, notes, error)) == 0 ||
      !log_contact (store, customer_id, "referral_given", given_at, summary, error) ||
      !rapport_follow_ups_sync_customer (store, customer_id, settings, now, error) ||
      !rapport_store_commit (store, error))
    {
      rapport_store_rollback (store);
      return 0;
    }
  return id;
}
