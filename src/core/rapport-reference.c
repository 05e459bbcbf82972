/* rapport-reference.c: customers who vouch for the work, and how often they are asked
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A reference is a favour: every use is logged, the playbook turns each
 * into a "thank them" follow-up, and a customer given out more than twice
 * in 30 days is flagged before they are asked again.  The window counts
 * calendar days the way the playbook does (rapport_playbook_local_day), so
 * the warning here and the follow-up's reason agree.
 */

#define G_LOG_DOMAIN "rapport-reference"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-customer.h"
#include "rapport-follow-ups.h"
#include "rapport-limits.h"
#include "rapport-reference.h"
#include "rapport-time.h"

struct _RapportReference
{
  GObject  parent_instance;

  gint64   customer_id;
  char    *name;
  char    *company;
  char    *kind;
  int      recent_uses;    /* in the last RAPPORT_REFERENCE_WINDOW_DAYS */
  char    *last_used_on;   /* YYYY-MM-DD, or "" */
  char    *last_given_to;
};

G_DEFINE_FINAL_TYPE (RapportReference, rapport_reference, G_TYPE_OBJECT)

static void
rapport_reference_finalize (GObject *object)
{
  RapportReference *self = (RapportReference *)object;

  g_free (self->name);
  g_free (self->company);
  g_free (self->kind);
  g_free (self->last_used_on);
  g_free (self->last_given_to);

  G_OBJECT_CLASS (rapport_reference_parent_class)->finalize (object);
}

static void
rapport_reference_class_init (RapportReferenceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rapport_reference_finalize;
}

static void
rapport_reference_init (RapportReference *self)
{
}

/* The first day inside a window of @days ending today ("YYYY-MM-DD"). */
static char *
window_start (gint64 now,
              int    days)
{
  g_autoptr(GDateTime) today = g_date_time_new_from_unix_local (now);
  g_autoptr(GDateTime) start = NULL;

  if (today == NULL)
    return g_strdup ("0000-00-00");
  start = g_date_time_add_days (today, -(MAX (days, 1) - 1));
  return g_date_time_format (start != NULL ? start : today, "%Y-%m-%d");
}

/**
 * rapport_reference_list:
 * @now: the clock, for counting the recent uses
 *
 * Returns: (transfer full): a #GListModel of #RapportReference: every
 *   customer who is a reference or has been given as one, the most used
 *   lately first
 */
GListModel *
rapport_reference_list (RapportStore  *store,
                        gint64         now,
                        GError       **error)
{
  g_autoptr(GListStore) references = g_list_store_new (RAPPORT_TYPE_REFERENCE);
  g_autoptr(RapportStmt) stmt = NULL;
  g_autofree char *start = window_start (now, RAPPORT_REFERENCE_WINDOW_DAYS);
  int rc;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);

  stmt = rapport_store_prepare (store,
                                "SELECT c.id, c.name, c.company, c.reference_kind,"
                                "       (SELECT count (*) FROM reference_use u"
                                "         WHERE u.customer_id = c.id AND u.used_on >= ?1) AS recent,"
                                "       (SELECT max (used_on) FROM reference_use u"
                                "         WHERE u.customer_id = c.id),"
                                "       (SELECT given_to FROM reference_use u WHERE u.customer_id = c.id"
                                "         ORDER BY used_on DESC, id DESC LIMIT 1)"
                                "  FROM customer c"
                                " WHERE c.reference_kind <> 'none'"
                                "    OR EXISTS (SELECT 1 FROM reference_use u WHERE u.customer_id = c.id)"
                                " ORDER BY recent DESC, c.name COLLATE NOCASE, c.id",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, start, -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(RapportReference) reference = g_object_new (RAPPORT_TYPE_REFERENCE, NULL);

      reference->customer_id = sqlite3_column_int64 (stmt, 0);
      reference->name = rapport_stmt_column_dup (stmt, 1);
      reference->company = rapport_stmt_column_dup (stmt, 2);
      reference->kind = rapport_stmt_column_dup (stmt, 3);
      reference->recent_uses = sqlite3_column_int (stmt, 4);
      reference->last_used_on = rapport_stmt_column_dup (stmt, 5);
      reference->last_given_to = rapport_stmt_column_dup (stmt, 6);
      g_list_store_append (references, reference);
    }
  if (rc != SQLITE_DONE)
    {
      rapport_store_set_error (store, rc, error, _("Cannot read the references"));
      return NULL;
    }
  return G_LIST_MODEL (g_steal_pointer (&references));
}

/**
 * rapport_reference_set_kind:
 * @kind: "none", "product_reference" or "personal_letter"
 * @settings: (nullable): to bring the customer's follow-ups up to date
 *
 * Says whether, and how, the customer vouches for the work.
 */
gboolean
rapport_reference_set_kind (RapportStore                   *store,
                            gint64                          customer_id,
                            const char                     *kind,
                            const RapportPlaybookSettings  *settings,
                            gint64                          now,
                            GError                        **error)
{
  g_autoptr(RapportCustomer) customer = NULL;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), FALSE);

  if (!rapport_customer_validate_enum ("reference_kind", kind, error))
    return FALSE;
  customer = rapport_customer_load (store, customer_id, error);
  if (customer == NULL)
    return FALSE;
  if (g_strcmp0 (rapport_customer_get_reference_kind (customer), kind) == 0)
    return TRUE;

  if (!rapport_store_begin (store, error))
    return FALSE;
  rapport_customer_set_reference_kind (customer, kind);
  if (!rapport_customer_save (customer, store, error) ||
      (settings != NULL &&
       !rapport_follow_ups_sync_customer (store, customer_id, settings, now, error)) ||
      !rapport_store_commit (store, error))
    {
      rapport_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

static gboolean
invalid (GError     **error,
         const char  *message)
{
  g_set_error_literal (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
validate_use (RapportStore  *store,
              gint64         customer_id,
              const char    *given_to,
              gint64         prospect_id,
              const char    *used_on,
              GError       **error)
{
  g_autofree char *to = g_strstrip (g_strdup (given_to != NULL ? given_to : ""));
  g_autoptr(RapportCustomer) customer = NULL;
  g_autoptr(RapportCustomer) prospect = NULL;
  GDate date;

  if (*to == '\0')
    return invalid (error, _("Say to whom the reference was given"));
  if (!rapport_limit_check (RAPPORT_LIMIT_GIVEN_TO, to, error))
    return FALSE;
  if (!rapport_date_parse (used_on, &date))
    {
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID,
                   _("“%s” is not a date; write when the reference was given as YYYY-MM-DD"),
                   used_on != NULL ? used_on : "");
      return FALSE;
    }
  if ((customer = rapport_customer_load (store, customer_id, error)) == NULL)
    return FALSE;
  if (prospect_id == customer_id)
    return invalid (error, _("A customer cannot be their own reference"));
  if (prospect_id != 0 && (prospect = rapport_customer_load (store, prospect_id, NULL)) == NULL)
    return invalid (error, _("The prospect is no longer in the book"));
  return TRUE;
}

/**
 * rapport_reference_record_use:
 * @given_to: whom the reference was given to (a name, a company)
 * @prospect_id: the prospect's customer id, or 0 when they are not in the book
 * @used_on: "YYYY-MM-DD"
 * @notes: (nullable): anything worth remembering
 * @settings: (nullable): to add the "thank them" follow-up at once
 *
 * Logs one use of the customer as a reference.  Check
 * rapport_reference_uses_in_window() first to warn about overuse: the use
 * is recorded either way, since it has already happened.
 *
 * Returns: the new use's id, or 0 with @error set
 */
gint64
rapport_reference_record_use (RapportStore                   *store,
                              gint64                          customer_id,
                              const char                     *given_to,
                              gint64                          prospect_id,
                              const char                     *used_on,
                              const char                     *notes,
                              const RapportPlaybookSettings  *settings,
                              gint64                          now,
                              GError                        **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  g_autofree char *to = NULL;
  gint64 id;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), 0);

  if (!validate_use (store, customer_id, given_to, prospect_id, used_on, error) ||
      !rapport_limit_check (RAPPORT_LIMIT_NOTES, notes, error) ||
      !rapport_store_begin (store, error))
    return 0;

  stmt = rapport_store_prepare (store,
                                "INSERT INTO reference_use (customer_id, prospect_id, given_to,"
                                "  used_on, notes) VALUES (?, ?, ?, ?, ?)",
                                error);
  if (stmt == NULL)
    goto failed;
  to = g_strstrip (g_strdup (given_to));
  sqlite3_bind_int64 (stmt, 1, customer_id);
  if (prospect_id != 0)
    sqlite3_bind_int64 (stmt, 2, prospect_id);
  sqlite3_bind_text (stmt, 3, to, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, used_on, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, notes != NULL ? notes : "", -1, SQLITE_TRANSIENT);
  if (!rapport_store_step_done (store, stmt, error))
    goto failed;
  id = sqlite3_last_insert_rowid (rapport_store_get_db (store));
  g_clear_pointer (&stmt, rapport_stmt_release);

  if ((settings != NULL &&
       !rapport_follow_ups_sync_customer (store, customer_id, settings, now, error)) ||
      !rapport_store_commit (store, error))
    goto failed;
  return id;

failed:
  rapport_store_rollback (store);
  return 0;
}

/**
 * rapport_reference_uses_in_window:
 * @days: the window, today included (%RAPPORT_REFERENCE_WINDOW_DAYS)
 *
 * Returns: how many times the customer was given as a reference in the
 *   last @days calendar days, or -1 with @error set
 */
int
rapport_reference_uses_in_window (RapportStore  *store,
                                  gint64         customer_id,
                                  gint64         now,
                                  int            days,
                                  GError       **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  g_autofree char *start = window_start (now, days);
  int rc;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), -1);

  stmt = rapport_store_prepare (store,
                                "SELECT count (*) FROM reference_use"
                                " WHERE customer_id = ? AND used_on >= ?",
                                error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_text (stmt, 2, start, -1, SQLITE_STATIC);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      rapport_store_set_error (store, rc, error, _("Cannot read the references"));
      return -1;
    }
  return sqlite3_column_int (stmt, 0);
}

/**
 * rapport_reference_overuse_warning:
 * @uses_in_window: the uses in the last %RAPPORT_REFERENCE_WINDOW_DAYS days
 *
 * Returns: (nullable): why the customer needs a rest when one more use
 *   would make more than two in the window, else %NULL
 */
char *
rapport_reference_overuse_warning (const char *name,
                                   int         uses_in_window)
{
  if (uses_in_window < RAPPORT_REFERENCE_MAX_USES)
    return NULL;
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%s was given as a reference %d time in the last %d days; "
                                       "give them a rest",
                                       "%s was given as a reference %d times in the last %d days; "
                                       "give them a rest",
                                       uses_in_window),
                          name, uses_in_window, RAPPORT_REFERENCE_WINDOW_DAYS);
}

gint64
rapport_reference_get_customer_id (RapportReference *self)
{
  g_return_val_if_fail (RAPPORT_IS_REFERENCE (self), 0);
  return self->customer_id;
}

const char *
rapport_reference_get_name (RapportReference *self)
{
  g_return_val_if_fail (RAPPORT_IS_REFERENCE (self), NULL);
  return self->name;
}

const char *
rapport_reference_get_company (RapportReference *self)
{
  g_return_val_if_fail (RAPPORT_IS_REFERENCE (self), NULL);
  return self->company;
}

const char *
rapport_reference_get_kind (RapportReference *self)
{
  g_return_val_if_fail (RAPPORT_IS_REFERENCE (self), NULL);
  return self->kind;
}

int
rapport_reference_get_recent_uses (RapportReference *self)
{
  g_return_val_if_fail (RAPPORT_IS_REFERENCE (self), 0);
  return self->recent_uses;
}

const char *
rapport_reference_get_last_used_on (RapportReference *self)
{
  g_return_val_if_fail (RAPPORT_IS_REFERENCE (self), NULL);
  return self->last_used_on;
}

const char *
rapport_reference_get_last_given_to (RapportReference *self)
{
  g_return_val_if_fail (RAPPORT_IS_REFERENCE (self), NULL);
  return self->last_given_to;
}

/**
 * rapport_reference_get_warning:
 *
 * Returns: (nullable): the overuse warning for this reference, or %NULL
 */
char *
rapport_reference_get_warning (RapportReference *self)
{
  g_return_val_if_fail (RAPPORT_IS_REFERENCE (self), NULL);
  return rapport_reference_overuse_warning (self->name, self->recent_uses);
}
