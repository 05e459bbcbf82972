/* rapport-sync-apply.c: one object from the server into the book
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each object is applied in a short transaction of its own, which also
 * records its ETag and body (the base of the next three-way merge).  The
 * triggers queue every write for the server, the engine's own too; so the
 * transaction takes off the queue what its own write queued, unless the
 * item was queued before: then the user changed it here too, the two are
 * merged field by field, and the merged item stays queued to go up.
 */

#define G_LOG_DOMAIN "rapport-sync-apply"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rapport-follow-ups.h"
#include "rapport-sync-card.h"
#include "rapport-sync-engine-private.h"
#include "rapport-sync-error.h"
#include "rapport-sync-journal.h"
#include "rapport-sync-merge.h"
#include "rapport-sync-task.h"
#include "rapport-time.h"

static gboolean
commit_or_rollback (RapportSyncContext  *ctx,
                    gboolean             ok,
                    GError             **error)
{
  if (ok && rapport_store_commit (ctx->store, error))
    return TRUE;
  rapport_store_rollback (ctx->store);
  return FALSE;
}

static gboolean
record (RapportSyncContext  *ctx,
        const char          *collection,
        const char          *href,
        const char          *uid,
        const char          *etag,
        const char          *kind,
        gint64               local_id,
        const char          *base,
        GError             **error)
{
  RapportSyncResource resource = {
    .collection = (char *) collection, .href = (char *) href, .uid = (char *) uid,
    .etag = (char *) etag, .kind = (char *) kind, .local_id = local_id, .base = (char *) base,
  };

  return rapport_sync_state_record (ctx->store, &resource, error);
}

/* An object the book cannot read keeps what was known of it but loses its
 * ETag, so the next sync asks for it again (a phone may have half-written
 * it); the sync says so when it ends. */
static gboolean
mark_unreadable (RapportSyncContext  *ctx,
                 const char          *collection,
                 const char          *href,
                 const GError        *why,
                 GError             **error)
{
  g_autoptr(RapportSyncResource) known = NULL;
  gboolean ok;

  g_message ("%s", why->message);
  g_ptr_array_add (ctx->unreadable, g_strdup (href));

  if (!rapport_store_begin (ctx->store, error))
    return FALSE;
  known = rapport_sync_state_find_by_href (ctx->store, collection, href, error);
  if (known == NULL && *error != NULL)
    return commit_or_rollback (ctx, FALSE, error);
  if (known != NULL)
    ok = record (ctx, collection, href, known->uid, NULL, known->kind, known->local_id, known->base, error);
  else
    ok = record (ctx, collection, href, NULL, NULL, "other", 0, NULL, error);
  return commit_or_rollback (ctx, ok, error);
}

static gboolean
row_exists (RapportSyncContext  *ctx,
            const char          *sql,
            gint64               id)
{
  g_autoptr(RapportStmt) stmt = rapport_store_prepare (ctx->store, sql, NULL);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

static char *
customer_uid (RapportSyncContext  *ctx,
              gint64               customer_id)
{
  g_autoptr(RapportStmt) stmt = rapport_store_prepare (ctx->store,
                                                       "SELECT uid FROM customer WHERE id = ?", NULL);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static gint64
customer_of (RapportSyncContext  *ctx,
             const char          *sql,
             gint64               id)
{
  g_autoptr(RapportStmt) stmt = rapport_store_prepare (ctx->store, sql, NULL);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return 0;
  return sqlite3_column_int64 (stmt, 0);
}

static void
touch (RapportSyncContext *ctx,
       gint64              customer_id)
{
  if (customer_id != 0)
    g_hash_table_add (ctx->touched, g_memdup2 (&customer_id, sizeof customer_id));
}

static gboolean
record_conflicts (RapportSyncContext  *ctx,
                  const char          *kind,
                  gint64               local_id,
                  const char          *uid,
                  GPtrArray           *conflicts,
                  GError             **error)
{
  for (guint i = 0; conflicts != NULL && i < conflicts->len; i++)
    {
      RapportSyncFieldConflict *conflict = g_ptr_array_index (conflicts, i);

      if (!rapport_sync_state_add_conflict (ctx->store, kind, local_id, uid, conflict->field,
                                            conflict->local_value, conflict->remote_value,
                                            ctx->now, error))
        return FALSE;
      ctx->result.conflicts++;
    }
  return TRUE;
}

/* When the customer was added, and when their satisfaction was recorded,
 * travel as X-RAPPORT-CREATED and X-RAPPORT-SATISFACTION-AT (written by
 * rapport-sync-push.c): the playbook counts from them, so without them two
 * laptops would schedule the same customer's check-ins differently. */
static gboolean
apply_card_times (RapportSyncContext  *ctx,
                  gint64               customer_id,
                  const char          *data,
                  GError             **error)
{
  static const struct { const char *line; const char *sql; } times[] = {
    { "X-RAPPORT-CREATED:", "UPDATE customer SET created_at = ? WHERE id = ? AND created_at IS NOT ?1" },
    { "X-RAPPORT-SATISFACTION-AT:",
      "UPDATE customer SET satisfaction_recorded_at = ? WHERE id = ?"
      "   AND satisfaction_recorded_at IS NOT ?1" },
  };
  g_auto(GStrv) lines = g_strsplit (data, "\n", -1);
  gboolean seen[G_N_ELEMENTS (times)] = { FALSE, };

  for (guint i = 0; lines[i] != NULL; i++)
    for (guint t = 0; t < G_N_ELEMENTS (times); t++)
      {
        g_autoptr(RapportStmt) stmt = NULL;
        const char *value;
        gint64 when = 0;

        if (!g_str_has_prefix (lines[i], times[t].line))
          continue;
        seen[t] = TRUE;
        value = g_strstrip (lines[i] + strlen (times[t].line));
        if (!rapport_time_parse_utc (value, &when))
          continue;
        if ((stmt = rapport_store_prepare (ctx->store, times[t].sql, error)) == NULL)
          return FALSE;
        sqlite3_bind_text (stmt, 1, rapport_time_format_utc (when), -1, g_free);
        sqlite3_bind_int64 (stmt, 2, customer_id);
        if (!rapport_store_step_done (ctx->store, stmt, error))
          return FALSE;
      }

  /* A card from a Rapport that had no date for the satisfaction: none
   * here either (writing the card's satisfaction stamped it now). */
  if (seen[0] && !seen[1])
    {
      g_autoptr(RapportStmt) stmt = rapport_store_prepare (ctx->store,
                                                           "UPDATE customer SET satisfaction_recorded_at = NULL"
                                                           " WHERE id = ? AND satisfaction_recorded_at IS NOT NULL",
                                                           error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, customer_id);
      return rapport_store_step_done (ctx->store, stmt, error);
    }
  return TRUE;
}

/* The card without those two lines, for the card reader, which would keep
 * them as properties it does not know. */
static char *
strip_card_times (const char *data)
{
  g_auto(GStrv) lines = g_strsplit (data, "\n", -1);
  GString *text = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], "X-RAPPORT-CREATED:") ||
          g_str_has_prefix (lines[i], "X-RAPPORT-SATISFACTION-AT:"))
        continue;
      g_string_append (text, lines[i]);
      if (lines[i + 1] != NULL)
        g_string_append_c (text, '\n');
    }
  return g_string_free (text, FALSE);
}

static RapportSyncCard *
parse_card (const char  *href,
            const char  *data,
            GError     **error)
{
  g_autofree char *clean = strip_card_times (data);

  return rapport_sync_card_from_vcard (href, clean, strlen (clean), NULL, error);
}

static gboolean
apply_card (RapportSyncContext  *ctx,
            const char          *href,
            const char          *etag,
            const char          *data,
            GError             **error)
{
  g_autoptr(RapportSyncCard) remote = NULL;
  g_autoptr(RapportSyncResource) known = NULL;
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autofree char *uid = NULL;
  gint64 local_id = 0;
  gint64 seq = 0;
  gboolean ok = FALSE;

  remote = parse_card (href, data, &parse_error);
  if (remote == NULL)
    return mark_unreadable (ctx, RAPPORT_SYNC_ADDRESSBOOK, href, parse_error, error);

  if (!rapport_store_begin (ctx->store, error))
    return FALSE;

  known = rapport_sync_state_find_by_href (ctx->store, RAPPORT_SYNC_ADDRESSBOOK, href, error);
  if (known == NULL && *error != NULL)
    goto out;
  if (known != NULL && g_strcmp0 (known->kind, "customer") == 0 &&
      row_exists (ctx, "SELECT 1 FROM customer WHERE id = ?", known->local_id))
    local_id = known->local_id;
  if (local_id == 0 && remote->contact->uid != NULL &&
      !rapport_sync_customer_find (ctx->store, remote->contact->uid, &local_id, error))
    goto out;
  uid = local_id != 0 ? customer_uid (ctx, local_id) : g_strdup (remote->contact->uid);
  if (uid != NULL && (seq = rapport_sync_state_outbox_seq (ctx->store, "customer", uid, error)) < 0)
    goto out;

  if (local_id != 0 && seq > 0)
    {
      /* Changed here too: both changes, field by field. */
      g_autoptr(RapportSyncCard) local = rapport_sync_card_read (ctx->store, local_id, error);
      g_autoptr(RapportSyncCard) base = NULL;
      g_autoptr(RapportSyncCard) merged = NULL;

      if (local == NULL)
        goto out;
      if (known != NULL && known->base != NULL)
        base = parse_card (href, known->base, NULL);
      merged = rapport_sync_merge_cards (base, local, remote, &conflicts);
      if (!rapport_sync_card_equal (merged, local) &&
          rapport_sync_card_write (ctx->store, merged, local_id, error) == 0)
        goto out;
      if (!record_conflicts (ctx, "customer", local_id, uid, conflicts, error))
        goto out;
    }
  else
    {
      if ((local_id = rapport_sync_card_write (ctx->store, remote, local_id, error)) == 0 ||
          !apply_card_times (ctx, local_id, data, error))
        goto out;
      g_free (uid);
      uid = customer_uid (ctx, local_id);
      if (!rapport_sync_state_outbox_drop_since (ctx->store, "customer", uid, 0, error))
        goto out;
    }

  ok = record (ctx, RAPPORT_SYNC_ADDRESSBOOK, href, uid, etag, "customer", local_id, data, error);

out:
  if (!commit_or_rollback (ctx, ok, error))
    return FALSE;
  touch (ctx, local_id);
  ctx->result.received++;
  return TRUE;
}

static gboolean
task_is_open (const RapportSyncTask *task)
{
  return g_strcmp0 (task->state, "due") == 0 || g_strcmp0 (task->state, "snoozed") == 0;
}

/* Whether the book's copy of a check-in is closed, while the server's is
 * open; %FALSE too when it cannot be read (the caller's apply reports it). */
static gboolean
closed_here (RapportSyncContext     *ctx,
             gint64                  local_id,
             const RapportSyncTask  *remote)
{
  g_autoptr(RapportSyncTask) local = NULL;

  if (local_id == 0 || !task_is_open (remote))
    return FALSE;
  local = rapport_sync_task_read (ctx->store, local_id, NULL);
  return local != NULL && !task_is_open (local);
}

/* Whether @remote is another Rapport's playbook item, open and due as that
 * playbook derived it, for a check-in both books' playbooks derive (a
 * shared UID: customer UID, "#", rule key) and this book's playbook still
 * owns (@local).  Its due time is that book's schedule, which lacks what
 * does not sync (sales, testimonials): taking it as a move would make the
 * check-in the user's here, and this playbook would derive the next cycle
 * beside it; applying it as the playbook's would bounce between the books.
 * This book keeps its own time. */
static gboolean
other_playbooks_time (const RapportSyncTask  *local,
                      const RapportSyncTask  *remote,
                      const char             *data)
{
  size_t prefix;

  if (local == NULL || g_strcmp0 (local->created_by, "playbook") != 0 ||
      g_strcmp0 (remote->created_by, "playbook") != 0 ||
      !task_is_open (local) || g_strcmp0 (remote->state, "due") != 0 ||
      strstr (data, "PRODID:-//Rapport//") == NULL ||
      remote->customer_uid == NULL || remote->uid == NULL)
    return FALSE;
  prefix = strlen (remote->customer_uid);
  return strncmp (remote->uid, remote->customer_uid, prefix) == 0 && remote->uid[prefix] == '#' &&
         rapport_follow_up_rule_key_is_shared (remote->uid + prefix + 1);
}

static void
keep_due (RapportSyncTask        *task,
          const RapportSyncTask  *local)
{
  task->due_at = local->due_at;
  task->due_is_date = local->due_is_date;
}

/* Remembers a check-in or contact as @kind, or as "other" when the book
 * keeps nothing of it (ignored, or no row here). */
static gboolean
record_calendar_object (RapportSyncContext  *ctx,
                        const char          *href,
                        const char          *uid,
                        const char          *etag,
                        const char          *kind,
                        RapportSyncApply     outcome,
                        gint64               local_id,
                        const char          *data,
                        GError             **error)
{
  return record (ctx, RAPPORT_SYNC_TASKS, href, uid, etag,
                 outcome == RAPPORT_SYNC_APPLY_IGNORED || local_id == 0 ? "other" : kind,
                 local_id, data, error);
}

/* Ends the transaction a check-in's or contact's apply began; one the
 * book ignored is not counted as received. */
static gboolean
end_calendar_apply (RapportSyncContext  *ctx,
                    gboolean             ok,
                    RapportSyncApply     outcome,
                    GError             **error)
{
  if (!commit_or_rollback (ctx, ok, error))
    return FALSE;
  if (outcome != RAPPORT_SYNC_APPLY_IGNORED)
    ctx->result.received++;
  return TRUE;
}

static gboolean
apply_task (RapportSyncContext  *ctx,
            const char          *href,
            const char          *etag,
            const char          *data,
            GError             **error)
{
  g_autoptr(RapportSyncTask) remote = NULL;
  g_autoptr(RapportSyncResource) known = NULL;
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(RapportSyncTask) local = NULL;
  RapportSyncApply outcome = RAPPORT_SYNC_APPLY_UNCHANGED;
  gint64 local_id = 0;
  gint64 seq;
  gboolean ok = FALSE;

  remote = rapport_sync_task_from_ical (href, data, strlen (data), &parse_error);
  if (remote == NULL)
    return mark_unreadable (ctx, RAPPORT_SYNC_TASKS, href, parse_error, error);

  if (!rapport_store_begin (ctx->store, error))
    return FALSE;

  known = rapport_sync_state_find_by_href (ctx->store, RAPPORT_SYNC_TASKS, href, error);
  if (known == NULL && *error != NULL)
    goto out;
  if (!rapport_sync_task_find (ctx->store, remote->uid, &local_id, error) ||
      (seq = rapport_sync_state_outbox_seq (ctx->store, "follow_up", remote->uid, error)) < 0)
    goto out;

  /* Closed here, open on a server that never had it closed (no base):
   * another laptop, without this book's history, derived the same shared
   * check-in again.  Closing wins and goes up; a reopen the server did
   * have (its base closed) is a real one and is applied below. */
  if ((known == NULL || known->base == NULL) && closed_here (ctx, local_id, remote))
    {
      if (seq == 0 &&
          !rapport_sync_state_outbox_put (ctx->store, "follow_up", remote->uid, local_id, error))
        goto out;
    }
  else if (local_id != 0 && seq > 0)
    {
      g_autoptr(RapportSyncTask) base = NULL;
      g_autoptr(RapportSyncTask) merged = NULL;

      if ((local = rapport_sync_task_read (ctx->store, local_id, error)) == NULL)
        goto out;
      if (known != NULL && known->base != NULL)
        base = rapport_sync_task_from_ical (href, known->base, strlen (known->base), NULL);
      /* No common past (both books derived the same shared check-in): the
       * server's is taken, as a done or moved check-in must not bounce. */
      if (base == NULL)
        base = rapport_sync_task_copy (local);
      merged = rapport_sync_merge_tasks (base, local, remote, &conflicts);
      if (other_playbooks_time (local, remote, data))
        keep_due (merged, local);
      if (!rapport_sync_task_apply (ctx->store, merged, &ctx->settings, ctx->now, &local_id,
                                    &outcome, error) ||
          !record_conflicts (ctx, "follow_up", local_id, remote->uid, conflicts, error))
        goto out;
    }
  else
    {
      if (local_id != 0 && (local = rapport_sync_task_read (ctx->store, local_id, error)) == NULL)
        goto out;
      if (other_playbooks_time (local, remote, data))
        keep_due (remote, local);
      if (!rapport_sync_task_apply (ctx->store, remote, &ctx->settings, ctx->now, &local_id,
                                    &outcome, error) ||
          !rapport_sync_state_outbox_drop_since (ctx->store, "follow_up", remote->uid, seq, error))
        goto out;
      /* The playbook, run as a new check-in came in, closed it: a shared
       * one this book's playbook does not ask for.  The skip goes up. */
      if (closed_here (ctx, local_id, remote) &&
          !rapport_sync_state_outbox_put (ctx->store, "follow_up", remote->uid, local_id, error))
        goto out;
    }

  ok = record_calendar_object (ctx, href, remote->uid, etag, "follow_up", outcome, local_id, data,
                               error);

out:
  return end_calendar_apply (ctx, ok, outcome, error);
}

static gboolean
apply_journal (RapportSyncContext  *ctx,
               const char          *href,
               const char          *etag,
               const char          *data,
               GError             **error)
{
  g_autoptr(RapportSyncJournal) remote = NULL;
  g_autoptr(GError) parse_error = NULL;
  RapportSyncApply outcome = RAPPORT_SYNC_APPLY_UNCHANGED;
  gint64 local_id = 0;
  gint64 seq;
  gboolean ok = FALSE;

  remote = rapport_sync_journal_from_ical (href, data, strlen (data), &parse_error);
  if (remote == NULL)
    return mark_unreadable (ctx, RAPPORT_SYNC_TASKS, href, parse_error, error);

  if (!rapport_store_begin (ctx->store, error))
    return FALSE;

  if (!rapport_sync_journal_find (ctx->store, remote->uid, &local_id, error) ||
      (seq = rapport_sync_state_outbox_seq (ctx->store, "interaction", remote->uid, error)) < 0)
    goto out;

  /* A contact edited here and there: this book's goes up (a contact is
   * one person's note of what happened; there is nothing to merge). */
  if (!(local_id != 0 && seq > 0) &&
      (!rapport_sync_journal_apply (ctx->store, remote, rapport_sync_account_get_author (ctx->account),
                                    &ctx->settings, ctx->now, &local_id, &outcome, error) ||
       !rapport_sync_state_outbox_drop_since (ctx->store, "interaction", remote->uid, seq, error)))
    goto out;

  ok = record_calendar_object (ctx, href, remote->uid, etag, "interaction", outcome, local_id, data,
                               error);

out:
  return end_calendar_apply (ctx, ok, outcome, error);
}

/* Neither a check-in nor a contact (an event, a task list's own entry):
 * remembered so it is not fetched again, never touched. */
static gboolean
apply_other (RapportSyncContext  *ctx,
             const char          *collection,
             const char          *href,
             const char          *etag,
             GError             **error)
{
  gboolean ok;

  if (!rapport_store_begin (ctx->store, error))
    return FALSE;
  ok = record (ctx, collection, href, NULL, etag, "other", 0, NULL, error);
  return commit_or_rollback (ctx, ok, error);
}

/**
 * _rapport_sync_apply:
 * @data: the object's text, as the server sent it
 *
 * Brings one object of @collection into the book.  An object the book
 * cannot read is not an error here: it is remembered, asked for again at
 * the next sync, and reported when the sync ends.
 */
gboolean
_rapport_sync_apply (RapportSyncContext  *ctx,
                     const char          *collection,
                     const char          *href,
                     const char          *etag,
                     const char          *data,
                     GError             **error)
{
  if (g_str_equal (collection, RAPPORT_SYNC_ADDRESSBOOK))
    return apply_card (ctx, href, etag, data, error);

  switch ((int) rapport_sync_ical_kind (data, strlen (data)))
    {
    case ICAL_VTODO_COMPONENT:
      return apply_task (ctx, href, etag, data, error);
    case ICAL_VJOURNAL_COMPONENT:
      return apply_journal (ctx, href, etag, data, error);
    case ICAL_NO_COMPONENT:
      {
        g_autoptr(GError) why = g_error_new (RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_PROTOCOL,
                                             _("not an iCalendar object Rapport can read"));

        return mark_unreadable (ctx, collection, href, why, error);
      }
    default:
      return apply_other (ctx, collection, href, etag, error);
    }
}

static const char *
delete_sql (const char *kind)
{
  if (g_strcmp0 (kind, "customer") == 0)
    return "DELETE FROM customer WHERE id = ?";
  if (g_strcmp0 (kind, "follow_up") == 0)
    return "DELETE FROM follow_up WHERE id = ?";
  if (g_strcmp0 (kind, "interaction") == 0)
    return "DELETE FROM interaction WHERE id = ?";
  return NULL;
}

/**
 * _rapport_sync_apply_removed:
 *
 * An object deleted on the server is deleted from the book, unless it was
 * changed here since: then the change wins and goes up again as a new
 * object (nothing is lost; deleting it again is one click).
 */
gboolean
_rapport_sync_apply_removed (RapportSyncContext  *ctx,
                             const char          *collection,
                             const char          *href,
                             GError             **error)
{
  g_autoptr(RapportSyncResource) known = NULL;
  const char *sql;
  gint64 seq = 0;
  gint64 customer_id = 0;
  gboolean ok = FALSE;

  if (!rapport_store_begin (ctx->store, error))
    return FALSE;

  known = rapport_sync_state_find_by_href (ctx->store, collection, href, error);
  if (known == NULL)
    return commit_or_rollback (ctx, *error == NULL, error);

  sql = delete_sql (known->kind);
  if (sql != NULL && known->local_id != 0 && known->uid != NULL)
    {
      if ((seq = rapport_sync_state_outbox_seq (ctx->store, known->kind, known->uid, error)) < 0)
        goto out;
      if (g_str_equal (known->kind, "follow_up"))
        customer_id = customer_of (ctx, "SELECT customer_id FROM follow_up WHERE id = ?", known->local_id);
      else if (g_str_equal (known->kind, "interaction"))
        customer_id = customer_of (ctx, "SELECT customer_id FROM interaction WHERE id = ?", known->local_id);

      if (seq == 0)
        {
          g_autoptr(RapportStmt) stmt = rapport_store_prepare (ctx->store, sql, error);

          if (stmt == NULL)
            goto out;
          sqlite3_bind_int64 (stmt, 1, known->local_id);
          if (!rapport_store_step_done (ctx->store, stmt, error) ||
              !rapport_sync_state_outbox_drop_since (ctx->store, known->kind, known->uid, 0, error))
            goto out;
          ctx->result.received++;
        }
    }
  ok = rapport_sync_state_forget (ctx->store, collection, href, error);

out:
  if (!commit_or_rollback (ctx, ok, error))
    return FALSE;
  touch (ctx, customer_id);
  return TRUE;
}

/* The playbook again for every customer whose card, check-ins or contacts
 * came in: a contact a teammate logged postpones this book's check-in by
 * the never-pester rule, and the moves go up in this sync's push. */
gboolean
_rapport_sync_replay_playbook (RapportSyncContext  *ctx,
                               GError             **error)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, ctx->touched);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_autoptr(GError) local_error = NULL;

      if (!rapport_follow_ups_sync_customer (ctx->store, *(gint64 *) key, &ctx->settings, ctx->now,
                                             &local_error) &&
          !g_error_matches (local_error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }
  g_hash_table_remove_all (ctx->touched);
  return TRUE;
}
