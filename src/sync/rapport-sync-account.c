/* rapport-sync-account.c: the book's one sync account
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Setting an account up is what turns sync on for a book: the same
 * transaction creates the triggers that queue every later change
 * (rapport_schema_sync_triggers) and queues what the book already holds,
 * so nothing written before or after is missed.  A book never set up has
 * neither, and pays nothing for sync.
 */

#define G_LOG_DOMAIN "rapport-sync-account"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-schema.h"
#include "rapport-sync-account.h"
#include "rapport-sync-error.h"
#include "rapport-sync-sql-private.h"
#include "rapport-time.h"

/* Contacts older than this go up only when they are a customer's latest:
 * what counts for the never-pester rule and the keep-in-touch cadence is
 * the last month or so and the last contact, not the whole history. */
#define PUSH_HISTORY_DAYS 180

void
rapport_sync_account_free (RapportSyncAccount *account)
{
  if (account == NULL)
    return;
  g_free (account->server_url);
  g_free (account->user_name);
  g_free (account->addressbook_url);
  g_free (account->tasks_url);
  g_free (account->addressbook_token);
  g_free (account->tasks_token);
  g_free (account->addressbook_ctag);
  g_free (account->tasks_ctag);
  g_free (account->last_error);
  g_free (account->author);
  g_free (account);
}

/**
 * rapport_sync_account_load:
 *
 * Returns: (transfer full): the account, or %NULL with
 *   %RAPPORT_SYNC_ERROR_NOT_SET_UP when the book has none (or another
 *   error when it cannot be read)
 */
RapportSyncAccount *
rapport_sync_account_load (RapportStore  *store,
                           GError       **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  g_autoptr(RapportSyncAccount) account = NULL;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);

  stmt = rapport_store_prepare (store,
                                "SELECT server_url, user_name, addressbook_url, tasks_url,"
                                "       addressbook_token, tasks_token, addressbook_ctag, tasks_ctag,"
                                "       insecure_accepted, last_sync_at, last_error, author"
                                "  FROM sync_account WHERE id = 1",
                                error);
  if (stmt == NULL)
    return NULL;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_NOT_SET_UP,
                   _("Sync is not set up for this book"));
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      rapport_store_set_error (store, rc, error, _("Cannot read the sync account"));
      return NULL;
    }

  account = g_new0 (RapportSyncAccount, 1);
  account->server_url = _rapport_sync_column_dup (stmt, 0);
  account->user_name = _rapport_sync_column_dup (stmt, 1);
  account->addressbook_url = _rapport_sync_column_dup (stmt, 2);
  account->tasks_url = _rapport_sync_column_dup (stmt, 3);
  account->addressbook_token = _rapport_sync_column_dup (stmt, 4);
  account->tasks_token = _rapport_sync_column_dup (stmt, 5);
  account->addressbook_ctag = _rapport_sync_column_dup (stmt, 6);
  account->tasks_ctag = _rapport_sync_column_dup (stmt, 7);
  account->insecure_accepted = sqlite3_column_int (stmt, 8) != 0;
  if (!rapport_time_parse_utc ((const char *) sqlite3_column_text (stmt, 9), &account->last_sync_at))
    account->last_sync_at = 0;
  account->last_error = _rapport_sync_column_dup (stmt, 10);
  account->author = _rapport_sync_column_dup (stmt, 11);
  return g_steal_pointer (&account);
}

/* Everything the book holds, queued for the server: every customer, every
 * open check-in, recent contacts and each customer's last one.  A shared
 * check-in (rapport_follow_up_rule_key_is_shared ()) this book closed goes
 * up too, when it still counts: another laptop, without this book's
 * history, derives the same UID, and must read it closed on the server
 * rather than send it up open.  A keep-in-touch counts while it was
 * closed since the customer's last contact (an older one names an older
 * contact, which no playbook derives again); a testimonial ask always. */
static gboolean
queue_everything (RapportStore  *store,
                  GError       **error)
{
  g_autoptr(RapportStmt) customers = NULL;
  g_autoptr(RapportStmt) follow_ups = NULL;
  g_autoptr(RapportStmt) interactions = NULL;
  g_autofree char *cutoff = rapport_time_format_utc (rapport_time_now ()
                                                     - PUSH_HISTORY_DAYS * RAPPORT_SECONDS_PER_DAY);

  customers = rapport_store_prepare (store,
                                     "INSERT OR IGNORE INTO sync_outbox (kind, uid, local_id, op, queued_seq)"
                                     " SELECT 'customer', uid, id, 'put',"
                                     "        (SELECT coalesce (max (queued_seq), 0) FROM sync_outbox)"
                                     "        + row_number () OVER (ORDER BY id)"
                                     "   FROM customer WHERE uid IS NOT NULL",
                                     error);
  if (customers == NULL || !rapport_store_step_done (store, customers, error))
    return FALSE;

  follow_ups = rapport_store_prepare (store,
                                      "INSERT OR IGNORE INTO sync_outbox (kind, uid, local_id, op, queued_seq)"
                                      " SELECT 'follow_up', uid, id, 'put',"
                                      "        (SELECT coalesce (max (queued_seq), 0) FROM sync_outbox)"
                                      "        + row_number () OVER (ORDER BY id)"
                                      "   FROM follow_up f WHERE uid IS NOT NULL"
                                      "    AND (state IN ('due', 'snoozed')"
                                      "         OR uid LIKE '%#testimonial-ask'"
                                      "         OR (uid LIKE '%#keep-in-touch:%'"
                                      "             AND completed_at >= coalesce ((SELECT max (happened_at)"
                                      "                                              FROM interaction i"
                                      "                                             WHERE i.customer_id = f.customer_id),"
                                      "                                           '')))",
                                      error);
  if (follow_ups == NULL || !rapport_store_step_done (store, follow_ups, error))
    return FALSE;

  interactions = rapport_store_prepare (store,
                                        "INSERT OR IGNORE INTO sync_outbox (kind, uid, local_id, op, queued_seq)"
                                        " SELECT 'interaction', uid, id, 'put',"
                                        "        (SELECT coalesce (max (queued_seq), 0) FROM sync_outbox)"
                                        "        + row_number () OVER (ORDER BY id)"
                                        "   FROM interaction i WHERE uid IS NOT NULL"
                                        "    AND (happened_at >= ?"
                                        "         OR happened_at = (SELECT max (happened_at) FROM interaction j"
                                        "                            WHERE j.customer_id = i.customer_id))",
                                        error);
  if (interactions == NULL)
    return FALSE;
  sqlite3_bind_text (interactions, 1, cutoff, -1, SQLITE_TRANSIENT);
  return rapport_store_step_done (store, interactions, error);
}

static gboolean
same_collections (const RapportSyncAccount *old,
                  const RapportSyncAccount *account)
{
  return old != NULL &&
         g_strcmp0 (old->addressbook_url, account->addressbook_url) == 0 &&
         g_strcmp0 (old->tasks_url, account->tasks_url) == 0;
}

static gboolean
write_row (RapportStore              *store,
           const RapportSyncAccount  *account,
           gboolean                   keep_tokens,
           GError                   **error)
{
  g_autoptr(RapportStmt) stmt = NULL;

  stmt = rapport_store_prepare (store,
                                "INSERT INTO sync_account (id, server_url, user_name, addressbook_url,"
                                "  tasks_url, insecure_accepted, author)"
                                " VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6)"
                                " ON CONFLICT (id) DO UPDATE SET server_url = ?1, user_name = ?2,"
                                "  addressbook_url = ?3, tasks_url = ?4, insecure_accepted = ?5,"
                                "  author = ?6, last_error = NULL,"
                                "  addressbook_token = CASE WHEN ?7 THEN addressbook_token END,"
                                "  tasks_token = CASE WHEN ?7 THEN tasks_token END,"
                                "  addressbook_ctag = CASE WHEN ?7 THEN addressbook_ctag END,"
                                "  tasks_ctag = CASE WHEN ?7 THEN tasks_ctag END",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, account->server_url, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, account->user_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, account->addressbook_url, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, account->tasks_url, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 5, account->insecure_accepted ? 1 : 0);
  _rapport_sync_bind_text_or_null (stmt, 6, account->author);
  sqlite3_bind_int (stmt, 7, keep_tokens ? 1 : 0);
  return rapport_store_step_done (store, stmt, error);
}

/**
 * rapport_sync_account_save:
 *
 * Sets the book's account up, or changes it.  The first time (or when the
 * collections change) everything in the book is queued for the server and
 * what the book knew of the old collections is forgotten; the triggers
 * that queue later changes are created in the same transaction.
 */
gboolean
rapport_sync_account_save (RapportStore              *store,
                           const RapportSyncAccount  *account,
                           GError                   **error)
{
  g_autoptr(RapportSyncAccount) old = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean same;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), FALSE);
  g_return_val_if_fail (account != NULL && account->server_url != NULL &&
                        account->user_name != NULL && account->addressbook_url != NULL &&
                        account->tasks_url != NULL, FALSE);

  if (!rapport_store_begin (store, error))
    return FALSE;

  old = rapport_sync_account_load (store, &local_error);
  if (old == NULL && !g_error_matches (local_error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_NOT_SET_UP))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      goto failed;
    }
  same = same_collections (old, account);

  if (!write_row (store, account, same, error))
    goto failed;
  if (!same &&
      (!rapport_store_exec (store,
                            "DELETE FROM sync_resource;",
                            error) ||
       !rapport_store_exec (store, rapport_schema_sync_triggers_drop, error) ||
       !rapport_store_exec (store, rapport_schema_sync_triggers, error) ||
       !queue_everything (store, error)))
    goto failed;

  return rapport_store_commit (store, error);

failed:
  rapport_store_rollback (store);
  return FALSE;
}

/**
 * rapport_sync_account_remove:
 *
 * Turns sync off for the book: the account, what it knew of the server and
 * the queue go, and so do the triggers.  The book's own data stays.
 */
gboolean
rapport_sync_account_remove (RapportStore  *store,
                             GError       **error)
{
  g_return_val_if_fail (RAPPORT_IS_STORE (store), FALSE);

  if (!rapport_store_begin (store, error))
    return FALSE;
  if (!rapport_store_exec (store, rapport_schema_sync_triggers_drop, error) ||
      !rapport_store_exec (store,
                           "DELETE FROM sync_outbox; DELETE FROM sync_resource;"
                           "DELETE FROM sync_conflict; DELETE FROM sync_account;",
                           error) ||
      !rapport_store_commit (store, error))
    {
      rapport_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

/**
 * rapport_sync_account_set_token:
 * @collection: "addressbook" or "tasks"
 * @token: (nullable): the collection's new sync token
 * @ctag: (nullable): its new CTag (servers without sync-collection)
 *
 * Records how far the book has read a collection.  Call it in the
 * transaction that applied what was read up to there, never before.
 */
gboolean
rapport_sync_account_set_token (RapportStore  *store,
                                const char    *collection,
                                const char    *token,
                                const char    *ctag,
                                GError       **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  gboolean tasks = g_strcmp0 (collection, "tasks") == 0;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), FALSE);
  g_return_val_if_fail (tasks || g_strcmp0 (collection, "addressbook") == 0, FALSE);

  stmt = rapport_store_prepare (store,
                                tasks ? "UPDATE sync_account SET tasks_token = ?, tasks_ctag = ?"
                                      : "UPDATE sync_account SET addressbook_token = ?, addressbook_ctag = ?",
                                error);
  if (stmt == NULL)
    return FALSE;
  _rapport_sync_bind_text_or_null (stmt, 1, token);
  _rapport_sync_bind_text_or_null (stmt, 2, ctag);
  return rapport_store_step_done (store, stmt, error);
}

/**
 * rapport_sync_account_record_result:
 * @last_error: (nullable): the failure in words, %NULL when it went through
 *
 * Remembers when the last sync ran and how it ended.
 */
gboolean
rapport_sync_account_record_result (RapportStore  *store,
                                    gint64         now,
                                    const char    *last_error,
                                    GError       **error)
{
  g_autoptr(RapportStmt) stmt = NULL;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), FALSE);

  stmt = rapport_store_prepare (store,
                                "UPDATE sync_account SET last_sync_at = ?, last_error = ?",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, rapport_time_format_utc (now), -1, g_free);
  _rapport_sync_bind_text_or_null (stmt, 2, last_error);
  return rapport_store_step_done (store, stmt, error);
}

const char *
rapport_sync_account_get_author (const RapportSyncAccount *account)
{
  g_return_val_if_fail (account != NULL, NULL);

  return account->author != NULL && *account->author != '\0' ? account->author : account->user_name;
}
