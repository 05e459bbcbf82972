/* rapport-follow-ups.c: keeping the book's follow-ups in step with the playbook
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The playbook says which follow-ups should exist; this file makes the
 * follow_up table agree, one customer at a time, and carries out what the
 * user does with an item.  The playbook owns its open items (created_by
 * 'playbook'): it inserts, moves, rewords and deletes them.  Done and
 * skipped items, the user's own, and playbook items the user rescheduled
 * (which become the user's) are never touched by a sync.
 */

#define G_LOG_DOMAIN "rapport-follow-ups"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rapport-agenda.h"
#include "rapport-contact.h"
#include "rapport-follow-ups.h"
#include "rapport-history.h"
#include "rapport-limits.h"
#include "rapport-playbook.h"
#include "rapport-time.h"

/**
 * rapport_follow_up_rule_key_is_shared:
 *
 * Whether a playbook item with @rule_key is the same item on every laptop
 * that syncs the customer: its key names no local row (a sale's or a
 * referral's number differs from book to book), so the item's UID is the
 * customer's UID, "#" and the key, and two laptops deriving the same
 * check-in write one VTODO.  Keep in step with migration_4.
 */
gboolean
rapport_follow_up_rule_key_is_shared (const char *rule_key)
{
  return rule_key != NULL &&
         (g_str_has_prefix (rule_key, "keep-in-touch:") || g_str_equal (rule_key, "testimonial-ask"));
}

/* Customers synced together by rapport_follow_ups_sync_all(): enough to
 * make per-statement costs vanish, few enough to keep memory small. */
#define SYNC_CHUNK 512

/* The customers a batch reads: a range of ids, or the set of ids
 * rapport_history_load_among() read them from (see sync_set ()). */
#define RANGE_OR_SET RAPPORT_HISTORY_RANGE_OR_SET

/* One open playbook row, as the book has it now. */
typedef struct
{
  gint64  id;
  char   *kind;
  gint64  due_at;
  gint64  overdue_at;
  char   *reason;
  gint64  sale_id;
  gint64  referral_id;
} Row;

static void
row_free (Row *row)
{
  g_free (row->kind);
  g_free (row->reason);
  g_free (row);
}

static gint64
column_time (RapportStmt *stmt,
             int          column)
{
  gint64 t = 0;

  if (!rapport_time_parse_utc ((const char *) sqlite3_column_text (stmt, column), &t))
    return 0;
  return t;
}

static void
bind_time (RapportStmt *stmt,
           int          index,
           gint64       t)
{
  if (t == 0)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, rapport_time_format_utc (t), -1, g_free);
}

static void
bind_id (RapportStmt *stmt,
         int          index,
         gint64       id)
{
  if (id == 0)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int64 (stmt, index, id);
}

static GHashTable *
new_rows_table (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) row_free);
}

/* One of @sql's two texts, for a range (@set %FALSE: the ids from
 * @first_id to @last_id) or for the set in temp.history_set. */
static RapportStmt *
prepare_batch (RapportStore       *store,
               const char * const  sql[2],
               gboolean            set,
               gint64              first_id,
               gint64              last_id,
               GError            **error)
{
  RapportStmt *stmt = rapport_store_prepare (store, sql[set ? 1 : 0], error);

  if (stmt != NULL && !set)
    {
      sqlite3_bind_int64 (stmt, 1, first_id);
      sqlite3_bind_int64 (stmt, 2, last_id);
    }
  return stmt;
}

/* The open playbook rows of a batch of customers:
 * customer id → (rule key → Row). */
static GHashTable *
load_open_rows (RapportStore  *store,
                gboolean       set,
                gint64         first_id,
                gint64         last_id,
                GError       **error)
{
  static const char * const sql[] =
    RANGE_OR_SET ("SELECT customer_id, id, rule_key, kind, due_at, overdue_at, reason,"
                  "       coalesce (sale_id, 0), coalesce (referral_id, 0)"
                  "  FROM follow_up WHERE customer_id",
                  "   AND created_by = 'playbook'"
                  "   AND state IN ('due', 'snoozed') AND rule_key IS NOT NULL");
  g_autoptr(GHashTable) customers = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                           (GDestroyNotify) g_hash_table_unref);
  g_autoptr(RapportStmt) stmt = NULL;
  int rc;

  stmt = prepare_batch (store, sql, set, first_id, last_id, error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 customer_id = sqlite3_column_int64 (stmt, 0);
      GHashTable *rows = g_hash_table_lookup (customers, &customer_id);
      Row *row = g_new0 (Row, 1);

      if (rows == NULL)
        {
          rows = new_rows_table ();
          g_hash_table_insert (customers, g_memdup2 (&customer_id, sizeof customer_id), rows);
        }

      row->id = sqlite3_column_int64 (stmt, 1);
      row->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      row->due_at = column_time (stmt, 4);
      row->overdue_at = column_time (stmt, 5);
      row->reason = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
      row->sale_id = sqlite3_column_int64 (stmt, 7);
      row->referral_id = sqlite3_column_int64 (stmt, 8);
      g_hash_table_insert (rows, g_strdup ((const char *) sqlite3_column_text (stmt, 2)), row);
    }
  if (rc != SQLITE_DONE)
    {
      rapport_store_set_error (store, rc, error, _("Cannot read the follow-ups"));
      return NULL;
    }

  return g_steal_pointer (&customers);
}

/* An open check-in of the customer's that came in by sync, whose UID is
 * the customer's shared UID for a rule key (another laptop's playbook
 * derived it), and that this book's playbook has not adopted. */
typedef struct
{
  gint64  id;
  char   *rule_key;
  gint64  at;       /* when it is due, snooze included */
} Received;

static void
received_free (Received *received)
{
  g_free (received->rule_key);
  g_free (received);
}

/* The received shared check-ins of a batch of customers:
 * customer id → GPtrArray of Received. */
static GHashTable *
load_received_shared (RapportStore  *store,
                      gboolean       set,
                      gint64         first_id,
                      gint64         last_id,
                      GError       **error)
{
  static const char * const sql[] =
    RANGE_OR_SET ("SELECT f.customer_id, f.id, substr (f.uid, length (c.uid) + 2),"
                  "       coalesce (f.snoozed_until, f.due_at)"
                  "  FROM follow_up f JOIN customer c ON c.id = f.customer_id"
                  " WHERE f.customer_id",
                  "   AND f.created_by = 'user'"
                  "   AND f.state IN ('due', 'snoozed') AND f.rule_key IS NULL"
                  "   AND f.uid IS NOT NULL AND c.uid IS NOT NULL"
                  "   AND substr (f.uid, 1, length (c.uid) + 1) = c.uid || '#'");
  g_autoptr(GHashTable) customers = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                           (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(RapportStmt) stmt = NULL;
  int rc;

  stmt = prepare_batch (store, sql, set, first_id, last_id, error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 customer_id = sqlite3_column_int64 (stmt, 0);
      const char *rule_key = (const char *) sqlite3_column_text (stmt, 2);
      GPtrArray *list;
      Received *received;

      if (!rapport_follow_up_rule_key_is_shared (rule_key))
        continue;
      if ((list = g_hash_table_lookup (customers, &customer_id)) == NULL)
        {
          list = g_ptr_array_new_with_free_func ((GDestroyNotify) received_free);
          g_hash_table_insert (customers, g_memdup2 (&customer_id, sizeof customer_id), list);
        }
      received = g_new0 (Received, 1);
      received->id = sqlite3_column_int64 (stmt, 1);
      received->rule_key = g_strdup (rule_key);
      received->at = column_time (stmt, 3);
      g_ptr_array_add (list, received);
    }
  if (rc != SQLITE_DONE)
    {
      rapport_store_set_error (store, rc, error, _("Cannot read the follow-ups"));
      return NULL;
    }

  return g_steal_pointer (&customers);
}

/* "keep-in-touch:BASE" or "keep-in-touch:BASE:N" → BASE and N. */
static void
parse_keep_in_touch (const char *rule_key,
                     gint64     *base,
                     gint64     *cycle)
{
  const char *rest = rule_key + strlen ("keep-in-touch:");
  char *end = NULL;

  *base = g_ascii_strtoll (rest, &end, 10);
  *cycle = end != NULL && *end == ':' ? g_ascii_strtoll (end + 1, NULL, 10) : 1;
}

/* Whether this book's playbook, which derived @wanted, knows a received
 * shared check-in is not needed.  A keep-in-touch counts as stale only
 * when it is behind this book's (an older contact, or an earlier cycle):
 * one ahead names a contact or a skip this book has not received yet, and
 * skipping it would walk the other laptop through cycle after cycle. */
static gboolean
received_is_stale (const Received  *received,
                   GPtrArray       *wanted)
{
  gboolean keep_in_touch = g_str_has_prefix (received->rule_key, "keep-in-touch:");

  for (guint i = 0; i < wanted->len; i++)
    {
      const RapportPlaybookItem *item = g_ptr_array_index (wanted, i);
      gint64 base, cycle, wanted_base, wanted_cycle;

      if (g_strcmp0 (item->rule_key, received->rule_key) == 0)
        return FALSE;
      if (!keep_in_touch || !g_str_has_prefix (item->rule_key, "keep-in-touch:"))
        continue;
      parse_keep_in_touch (received->rule_key, &base, &cycle);
      parse_keep_in_touch (item->rule_key, &wanted_base, &wanted_cycle);
      return base < wanted_base || (base == wanted_base && cycle < wanted_cycle);
    }
  return TRUE;
}

static gboolean
skip_received (RapportStore          *store,
               const RapportHistory  *history,
               const Received        *received,
               gint64                 now,
               GError               **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  const char *reason;

  if (g_str_equal (received->rule_key, "testimonial-ask") && history->n_testimonials > 0)
    reason = _("Not needed here: a testimonial is on file");
  else
    reason = _("Not needed: this book's playbook does not ask for it");

  stmt = rapport_store_prepare (store,
                                "UPDATE follow_up SET state = 'skipped', completed_at = ?,"
                                "       snoozed_until = NULL, reason = ?"
                                " WHERE id = ?",
                                error);
  if (stmt == NULL)
    return FALSE;
  bind_time (stmt, 1, now);
  sqlite3_bind_text (stmt, 2, reason, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, received->id);
  return rapport_store_step_done (store, stmt, error);
}

/* Skips the received shared check-ins (@received, may be %NULL) this
 * book's playbook does not ask for: another laptop, lacking what does not
 * sync (sales, testimonials, referrals), derived them.  Skipped, not
 * deleted, so the skip goes up as STATUS:CANCELLED and that laptop's
 * playbook reads the rule closed and does not derive it again.  Returns
 * whether any was skipped; the skipped ones no longer take a slot of the
 * schedule (@history's user_scheduled). */
static gboolean
skip_stale_received (RapportStore          *store,
                     const RapportHistory  *history,
                     GPtrArray             *received,
                     GPtrArray             *wanted,
                     gint64                 now,
                     gboolean              *skipped,
                     GError               **error)
{
  *skipped = FALSE;
  for (guint i = 0; received != NULL && i < received->len; i++)
    {
      const Received *item = g_ptr_array_index (received, i);

      if (!received_is_stale (item, wanted))
        continue;
      if (!skip_received (store, history, item, now, error))
        return FALSE;
      for (guint j = 0; j < history->user_scheduled->len; j++)
        if (g_array_index (history->user_scheduled, gint64, j) == item->at)
          {
            g_array_remove_index (history->user_scheduled, j);
            break;
          }
      *skipped = TRUE;
    }
  return TRUE;
}

static gboolean
row_matches (const Row                 *row,
             const RapportPlaybookItem *item)
{
  return row->due_at == item->due_at &&
         row->overdue_at == item->overdue_at &&
         g_strcmp0 (row->reason, item->reason) == 0 &&
         row->sale_id == item->sale_id &&
         row->referral_id == item->referral_id;
}

/* The row gets the item's due time, reason and links when the batch is
 * written.  The kind is left alone: it belongs to the rule key, and
 * leaving it out spares SQLite the kind's CHECK on every reworded item. */
static gboolean
queue_update (RapportStore               *store,
              const Row                  *row,
              const RapportPlaybookItem  *item,
              GError                    **error)
{
  g_autoptr(RapportStmt) stmt = NULL;

  stmt = rapport_store_prepare (store,
                                "INSERT INTO temp.playbook_updates"
                                "  (id, due_at, overdue_at, reason, sale_id, referral_id, links)"
                                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, row->id);
  bind_time (stmt, 2, item->due_at);
  bind_time (stmt, 3, item->overdue_at);
  sqlite3_bind_text (stmt, 4, item->reason, -1, SQLITE_TRANSIENT);
  bind_id (stmt, 5, item->sale_id);
  bind_id (stmt, 6, item->referral_id);
  sqlite3_bind_int (stmt, 7, row->sale_id != item->sale_id || row->referral_id != item->referral_id);
  return rapport_store_step_done (store, stmt, error);
}

/* What a batch writes is gathered in temporary tables and written by one
 * statement each: SQLite builds the lookup tables for follow_up's
 * CHECK (… IN …) constraints once per statement, and doing that for every
 * row made the first sync of a big book three times slower; and every
 * statement that fires triggers opens and closes a statement journal,
 * which for the tens of thousands of items Done on a summary moves was
 * most of the cost of moving them. */
static gboolean
begin_inserts (RapportStore  *store,
               GError       **error)
{
  return rapport_store_exec (store,
                             "CREATE TEMP TABLE IF NOT EXISTS playbook_pending ("
                             "  customer_id INTEGER, kind TEXT, due_at TEXT, overdue_at TEXT,"
                             "  reason TEXT, rule_key TEXT, sale_id INTEGER, referral_id INTEGER,"
                             "  uid TEXT, shared INTEGER);"
                             "CREATE TEMP TABLE IF NOT EXISTS playbook_updates ("
                             "  position INTEGER PRIMARY KEY, id INTEGER UNIQUE, due_at TEXT,"
                             "  overdue_at TEXT, reason TEXT, sale_id INTEGER, referral_id INTEGER,"
                             "  links INTEGER);"
                             "CREATE TEMP TABLE IF NOT EXISTS playbook_deletes ("
                             "  id INTEGER PRIMARY KEY)",
                             error);
}

static gboolean
queue_insert (RapportStore               *store,
              gint64                      customer_id,
              const RapportPlaybookItem  *item,
              GError                    **error)
{
  g_autoptr(RapportStmt) stmt = NULL;

  stmt = rapport_store_prepare (store,
                                "INSERT INTO temp.playbook_pending"
                                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_text (stmt, 2, item->kind, -1, SQLITE_STATIC);
  bind_time (stmt, 3, item->due_at);
  bind_time (stmt, 4, item->overdue_at);
  sqlite3_bind_text (stmt, 5, item->reason, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, item->rule_key, -1, SQLITE_TRANSIENT);
  bind_id (stmt, 7, item->sale_id);
  bind_id (stmt, 8, item->referral_id);
  /* NULL: derived from the customer's UID as the batch is written. */
  if (!rapport_follow_up_rule_key_is_shared (item->rule_key))
    sqlite3_bind_text (stmt, 9, rapport_uid_new (), -1, g_free);
  return rapport_store_step_done (store, stmt, error);
}

/* A shared item (see rapport_follow_up_rule_key_is_shared ()) another
 * laptop derived may have come in by sync before this book derived it: the
 * playbook adopts that row instead of adding a second with the same UID. */
static gboolean
adopt_shared (RapportStore  *store,
              GError       **error)
{
  return rapport_store_exec (store,
                             "UPDATE temp.playbook_pending SET shared = 1,"
                             "  uid = (SELECT c.uid FROM customer c WHERE c.id = customer_id)"
                             "        || '#' || rule_key"
                             " WHERE uid IS NULL;"
                             "UPDATE follow_up SET created_by = 'playbook',"
                             "  rule_key = (SELECT p.rule_key FROM temp.playbook_pending p"
                             "               WHERE p.uid = follow_up.uid)"
                             " WHERE uid IN (SELECT uid FROM temp.playbook_pending WHERE shared = 1);"
                             "DELETE FROM temp.playbook_pending"
                             " WHERE shared = 1 AND uid IN (SELECT uid FROM follow_up);",
                             error);
}

/* The highest moved_seq in the book (see migration 2 in rapport-schema.c). */
static gboolean
last_moved_seq (RapportStore  *store,
                gint64        *seq,
                GError       **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  int rc;

  stmt = rapport_store_prepare (store, "SELECT coalesce (max (moved_seq), 0) FROM follow_up", error);
  if (stmt == NULL)
    return FALSE;
  if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
    return rapport_store_set_error (store, rc, error, _("Cannot read the follow-ups"));
  *seq = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/* The moves that keep their sale and referral (all but a handful) are
 * written without those columns, so no foreign key is checked, and OR
 * FAIL, so SQLite keeps no journal to undo the statement alone (see
 * mark_done ()).  Each row that moves takes the next number of moved_seq
 * here, as follow_up_moved_update would (same condition), so the trigger
 * does not write the row a second time.  Not UPDATE … FROM: without
 * statistics on the temporary table it reads all of follow_up. */
static gboolean
update_moved (RapportStore  *store,
              GError       **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  gint64 seq;

  if (!last_moved_seq (store, &seq, error))
    return FALSE;
  stmt = rapport_store_prepare (store,
                                "UPDATE OR FAIL follow_up SET (due_at, overdue_at, reason, moved_seq) ="
                                "  (SELECT u.due_at, u.overdue_at, u.reason,"
                                "          CASE WHEN follow_up.state IN ('due', 'snoozed')"
                                "                AND coalesce (follow_up.snoozed_until, u.due_at)"
                                "                    IS NOT coalesce (follow_up.snoozed_until, follow_up.due_at)"
                                "               THEN ? + u.position ELSE follow_up.moved_seq END"
                                "     FROM temp.playbook_updates u WHERE u.id = follow_up.id)"
                                " WHERE id IN (SELECT id FROM temp.playbook_updates WHERE NOT links)",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, seq);
  return rapport_store_step_done (store, stmt, error);
}

/* The new items are open, so each takes the next number of moved_seq
 * here rather than from follow_up_moved_insert, which would write it a
 * second time. */
static gboolean
insert_pending (RapportStore  *store,
                gint64         now,
                GError       **error)
{
  g_autoptr(RapportStmt) insert = NULL;
  gint64 seq;

  if (!last_moved_seq (store, &seq, error))
    return FALSE;
  insert = rapport_store_prepare (store,
                                  "INSERT INTO follow_up (customer_id, kind, due_at, overdue_at,"
                                  "                       reason, created_by, rule_key, sale_id,"
                                  "                       referral_id, created_at, uid, moved_seq)"
                                  " SELECT p.customer_id, p.kind, p.due_at, p.overdue_at, p.reason,"
                                  "        'playbook', p.rule_key, p.sale_id, p.referral_id, ?1,"
                                  "        p.uid, ?2 + p.rowid"
                                  "   FROM temp.playbook_pending p ORDER BY p.rowid",
                                  error);
  if (insert == NULL)
    return FALSE;
  bind_time (insert, 1, now);
  sqlite3_bind_int64 (insert, 2, seq);
  return rapport_store_step_done (store, insert, error);
}

/* Deletions run before the inserts, so a kind-changed item's new row
 * fits its key. */
static gboolean
flush_batch (RapportStore  *store,
             gint64         now,
             GError       **error)
{
  if (!update_moved (store, error) ||
      !rapport_store_exec (store,
                           "UPDATE follow_up SET (due_at, overdue_at, reason, sale_id, referral_id) ="
                           "  (SELECT u.due_at, u.overdue_at, u.reason, u.sale_id, u.referral_id"
                           "     FROM temp.playbook_updates u WHERE u.id = follow_up.id)"
                           " WHERE id IN (SELECT id FROM temp.playbook_updates WHERE links);"
                           "DELETE FROM follow_up WHERE id IN (SELECT id FROM temp.playbook_deletes);",
                           error) ||
      !adopt_shared (store, error) ||
      !insert_pending (store, now, error))
    return FALSE;

  return rapport_store_exec (store,
                             "DELETE FROM temp.playbook_pending;"
                             "DELETE FROM temp.playbook_updates;"
                             "DELETE FROM temp.playbook_deletes;",
                             error);
}

static gboolean
queue_delete (RapportStore  *store,
              const Row     *row,
              GError       **error)
{
  g_autoptr(RapportStmt) stmt = NULL;

  stmt = rapport_store_prepare (store, "INSERT INTO temp.playbook_deletes VALUES (?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, row->id);
  return rapport_store_step_done (store, stmt, error);
}

/* Makes one customer's open playbook items (@rows, consumed) what the
 * playbook wants now. */
static gboolean
apply_playbook (RapportStore                   *store,
                const RapportHistory           *history,
                GHashTable                     *rows,
                GPtrArray                      *received,
                const RapportPlaybookSettings  *settings,
                gint64                          now,
                GError                        **error)
{
  g_autoptr(GPtrArray) wanted = rapport_playbook_derive (history, settings, now);
  GHashTableIter iter;
  gpointer value;
  gboolean skipped = FALSE;

  if (!skip_stale_received (store, history, received, wanted, now, &skipped, error))
    return FALSE;
  /* The skipped ones made room in the schedule that is free now. */
  if (skipped)
    {
      g_ptr_array_unref (wanted);
      wanted = rapport_playbook_derive (history, settings, now);
    }

  for (guint i = 0; i < wanted->len; i++)
    {
      const RapportPlaybookItem *item = g_ptr_array_index (wanted, i);
      const Row *row = g_hash_table_lookup (rows, item->rule_key);

      /* A rule key whose kind changed (a newer playbook) is a new item. */
      if (row == NULL || g_strcmp0 (row->kind, item->kind) != 0)
        {
          if (!queue_insert (store, history->customer_id, item, error))
            return FALSE;
          continue;
        }
      if (!row_matches (row, item) && !queue_update (store, row, item, error))
        return FALSE;
      g_hash_table_remove (rows, item->rule_key);
    }

  /* What is left, the playbook no longer wants: a check-in after
   * satisfaction was recorded, a keep-in-touch a new contact replaced. */
  g_hash_table_iter_init (&iter, rows);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (!queue_delete (store, value, error))
      return FALSE;

  return TRUE;
}

/* Inside a transaction: syncs a batch of customers (@histories, read by
 * the caller), reading their rows a table at a time. */
static gboolean
sync_batch (RapportStore                   *store,
            GPtrArray                      *histories,
            gboolean                        set,
            gint64                          first_id,
            gint64                          last_id,
            const RapportPlaybookSettings  *settings,
            gint64                          now,
            GError                        **error)
{
  g_autoptr(GHashTable) open_rows = NULL;
  g_autoptr(GHashTable) received = NULL;

  if ((open_rows = load_open_rows (store, set, first_id, last_id, error)) == NULL ||
      (received = load_received_shared (store, set, first_id, last_id, error)) == NULL ||
      !begin_inserts (store, error))
    return FALSE;

  for (guint i = 0; i < histories->len; i++)
    {
      const RapportHistory *history = g_ptr_array_index (histories, i);
      GHashTable *rows = g_hash_table_lookup (open_rows, &history->customer_id);
      g_autoptr(GHashTable) none = NULL;

      if (rows == NULL)
        none = new_rows_table ();
      if (!apply_playbook (store, history, rows != NULL ? rows : none,
                           g_hash_table_lookup (received, &history->customer_id), settings, now, error))
        return FALSE;
    }

  return flush_batch (store, now, error);
}

/* Inside a transaction: syncs every customer whose id lies in the range. */
static gboolean
sync_range (RapportStore                   *store,
            gint64                          first_id,
            gint64                          last_id,
            const RapportPlaybookSettings  *settings,
            gint64                          now,
            guint                          *n_synced,
            GError                        **error)
{
  g_autoptr(GPtrArray) histories = NULL;

  if ((histories = rapport_history_load_range (store, first_id, last_id, error)) == NULL ||
      !sync_batch (store, histories, FALSE, first_id, last_id, settings, now, error))
    return FALSE;

  if (n_synced != NULL)
    *n_synced = histories->len;
  return TRUE;
}

/* Inside a transaction: syncs the customers among @ids, wherever they lie
 * in the book; they wait in the set their histories were read from. */
static gboolean
sync_set (RapportStore                   *store,
          const gint64                   *ids,
          guint                           n_ids,
          const RapportPlaybookSettings  *settings,
          gint64                          now,
          GError                        **error)
{
  g_autoptr(GPtrArray) histories = NULL;

  return (histories = rapport_history_load_among (store, ids, n_ids, error)) != NULL &&
         sync_batch (store, histories, TRUE, 0, 0, settings, now, error);
}

static gboolean
sync_one (RapportStore                   *store,
          gint64                          customer_id,
          const RapportPlaybookSettings  *settings,
          gint64                          now,
          GError                        **error)
{
  guint n_synced = 0;

  if (!sync_range (store, customer_id, customer_id, settings, now, &n_synced, error))
    return FALSE;
  if (n_synced == 0)
    {
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_FOUND,
                   _("There is no customer number %lld in the book"),
                   (long long) customer_id);
      return FALSE;
    }
  return TRUE;
}

/**
 * rapport_follow_ups_sync_customer:
 * @now: the clock; the schedule itself depends only on the book
 *
 * Brings one customer's playbook follow-ups in line with the playbook, in
 * one transaction: missing items are added, moved or reworded ones updated,
 * ones no longer wanted deleted.  Call it after any change to the customer,
 * their sales, interactions, referrals (for the referrer and the prospect),
 * testimonials or reference uses.
 */
gboolean
rapport_follow_ups_sync_customer (RapportStore                   *store,
                                  gint64                          customer_id,
                                  const RapportPlaybookSettings  *settings,
                                  gint64                          now,
                                  GError                        **error)
{
  g_return_val_if_fail (RAPPORT_IS_STORE (store), FALSE);
  g_return_val_if_fail (settings != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!rapport_store_begin (store, error))
    return FALSE;
  if (!sync_one (store, customer_id, settings, now, error) ||
      !rapport_store_commit (store, error))
    {
      rapport_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

static GArray *
all_customer_ids (RapportStore  *store,
                  GError       **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(RapportStmt) stmt = NULL;
  int rc;

  stmt = rapport_store_prepare (store, "SELECT id FROM customer ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      rapport_store_set_error (store, rc, error, _("Cannot read the customers"));
      return NULL;
    }
  return g_steal_pointer (&ids);
}

/**
 * rapport_follow_ups_sync_all:
 *
 * rapport_follow_ups_sync_customer() for every customer: at start-up,
 * after an import, after the playbook settings changed, and once a day so
 * reasons ("No contact for 92 days") stay true.
 *
 * One transaction per SYNC_CHUNK customers, each customer's items in one
 * of them, with a pause between them: the whole book took some 5 s at
 * 100,000 customers, and in one transaction every write of the window's
 * (a click on Done) waited for it, then failed as busy.  Now it waits for
 * one chunk.  Inside the caller's transaction the chunks are savepoints,
 * so all of it commits or none.
 */
gboolean
rapport_follow_ups_sync_all (RapportStore                   *store,
                             const RapportPlaybookSettings  *settings,
                             gint64                          now,
                             GError                        **error)
{
  g_autoptr(GArray) ids = NULL;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), FALSE);
  g_return_val_if_fail (settings != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((ids = all_customer_ids (store, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i += SYNC_CHUNK)
    {
      guint last = MIN (i + SYNC_CHUNK, ids->len) - 1;

      if (!rapport_store_begin (store, error))
        return FALSE;
      if (!sync_range (store, g_array_index (ids, gint64, i), g_array_index (ids, gint64, last),
                       settings, now, NULL, error) ||
          !rapport_store_commit (store, error))
        {
          rapport_store_rollback (store);
          return FALSE;
        }
      if (!rapport_store_in_transaction (store))
        {
          /* The checkpoint the commit queued (on_wal_commit ()) ends
           * before the next chunk starts, so that chunk starts the WAL
           * over.  Run beside it, the checkpoint never ended between two
           * chunks: the WAL grew by every one, to 1.6 GB on deriving
           * 100,000 customers, which a start after a crash reads whole. */
          rapport_store_finish_checkpoints (store);
          /* Long enough for a write waiting on another connection to
           * take the lock (rapport_sqlite_wait_when_busy () tries every
           * millisecond): some 0.4 s over 100,000 customers. */
          g_usleep (2000);
        }
    }
  return TRUE;
}

/**
 * rapport_follow_ups_next_due_time:
 * @after: only times strictly after this instant count
 * @time: (out): the earliest due (or snooze end) time of an open follow-up
 *
 * One indexed lookup, for arming the nudger's single timer.
 *
 * Returns: %TRUE when there is such a time; %FALSE with @error unset when
 *   nothing open is due after @after, or with @error set on failure
 */
gboolean
rapport_follow_ups_next_due_time (RapportStore  *store,
                                  gint64         after,
                                  gint64        *time,
                                  GError       **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), FALSE);
  g_return_val_if_fail (time != NULL, FALSE);

  stmt = rapport_store_prepare (store,
                                "SELECT min (coalesce (snoozed_until, due_at)) FROM follow_up"
                                " WHERE state IN ('due', 'snoozed')"
                                "   AND coalesce (snoozed_until, due_at) > ?",
                                error);
  if (stmt == NULL)
    return FALSE;
  bind_time (stmt, 1, after);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return rapport_store_set_error (store, rc, error, _("Cannot read the follow-ups"));
  if (sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    return FALSE;

  *time = column_time (stmt, 0);
  return TRUE;
}

static gboolean
set_not_found (GError **error)
{
  g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_FOUND,
               _("This follow-up is no longer in the book; it may have been deleted"));
  return FALSE;
}

/* Reads an item's customer and whether it is still open. */
static gboolean
lookup_item (RapportStore  *store,
             gint64         id,
             gint64        *customer_id,
             gboolean      *open,
             GError       **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  int rc;

  stmt = rapport_store_prepare (store,
                                "SELECT customer_id, state IN ('due', 'snoozed')"
                                "  FROM follow_up WHERE id = ?",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return set_not_found (error);
  if (rc != SQLITE_ROW)
    return rapport_store_set_error (store, rc, error, _("Cannot read the follow-up"));

  *customer_id = sqlite3_column_int64 (stmt, 0);
  *open = sqlite3_column_int (stmt, 1) != 0;
  return TRUE;
}

static const char *
interaction_kind_for (const char *follow_up_kind)
{
  if (g_strcmp0 (follow_up_kind, "follow_up_meeting") == 0)
    return "meeting";
  if (g_strcmp0 (follow_up_kind, "thank_referrer") == 0 ||
      g_strcmp0 (follow_up_kind, "reference_care") == 0)
    return "thank_you_note";
  return "other";
}

/* The contact one customer's done items log: the first item's kind, what
 * was done ("Delivery check-in, Follow-up meeting") and its UID. */
typedef struct
{
  gint64      customer_id;
  const char *kind;      /* the interaction's */
  GString    *summary;
  char       *uid;
} Contact;

static void
contact_free (Contact *contact)
{
  g_string_free (contact->summary, TRUE);
  g_free (contact->uid);
  g_free (contact);
}

/* Done on a summary may stand for 50,000 items: the ids wait in a
 * temporary table, and a few statements mark them done and log the
 * contacts, where a lookup, an update and a contact check per item took
 * most of a minute. */
static gboolean
begin_done (RapportStore  *store,
            GError       **error)
{
  return rapport_store_exec (store,
                             "CREATE TEMP TABLE IF NOT EXISTS done_pending ("
                             "  position INTEGER PRIMARY KEY, id INTEGER);"
                             "CREATE TEMP TABLE IF NOT EXISTS contact_pending ("
                             "  customer_id INTEGER, kind TEXT, summary TEXT, uid TEXT);"
                             "DELETE FROM temp.done_pending;"
                             "DELETE FROM temp.contact_pending;",
                             error);
}

static gboolean
end_done (RapportStore  *store,
          GError       **error)
{
  return rapport_store_exec (store,
                             "DELETE FROM temp.done_pending;"
                             "DELETE FROM temp.contact_pending;",
                             error);
}

static gboolean
queue_ids (RapportStore  *store,
           const gint64  *ids,
           guint          n_ids,
           GError       **error)
{
  g_autoptr(RapportStmt) stmt = NULL;

  stmt = rapport_store_prepare (store, "INSERT INTO temp.done_pending (id) VALUES (?)", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < n_ids; i++)
    {
      sqlite3_bind_int64 (stmt, 1, ids[i]);
      if (!rapport_store_step_done (store, stmt, error))
        return FALSE;
      sqlite3_reset (stmt);
    }
  return TRUE;
}

static void
add_to_contact (GPtrArray   *contacts,
                GHashTable  *by_customer,
                gint64       customer_id,
                const char  *kind,
                const char  *uid)
{
  Contact *contact = g_hash_table_lookup (by_customer, &customer_id);

  if (contact != NULL)
    {
      g_string_append_printf (contact->summary, ", %s", rapport_follow_up_kind_label (kind));
      return;
    }

  contact = g_new0 (Contact, 1);
  contact->customer_id = customer_id;
  contact->kind = interaction_kind_for (kind);
  contact->summary = g_string_new (rapport_follow_up_kind_label (kind));
  /* The check-in's UID and "#done": a check-in done on a phone, which every
   * laptop then completes, logs one contact on the server, not one each. */
  contact->uid = uid != NULL ? g_strconcat (uid, "#done", NULL) : rapport_uid_new ();
  g_ptr_array_add (contacts, contact);
  g_hash_table_insert (by_customer, &contact->customer_id, contact);
}

/* The open items among the queued ids, in their order, as one Contact per
 * customer (@contacts, in the order met; @customers gets their ids).  An
 * id not in the book is an error; one already done or skipped, from
 * another window perhaps, or given twice, is passed over. */
static gboolean
gather_contacts (RapportStore  *store,
                 GPtrArray     *contacts,
                 GHashTable    *customers,
                 GError       **error)
{
  g_autoptr(GHashTable) by_customer = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(RapportStmt) stmt = NULL;
  int rc;

  stmt = rapport_store_prepare (store,
                                "SELECT d.id, f.id IS NULL, f.state IN ('due', 'snoozed'),"
                                "       f.customer_id, f.kind, f.uid"
                                "  FROM temp.done_pending d LEFT JOIN follow_up f ON f.id = d.id"
                                " ORDER BY d.position",
                                error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gint64 customer_id = sqlite3_column_int64 (stmt, 3);

      if (sqlite3_column_int (stmt, 1) != 0)
        return set_not_found (error);
      if (sqlite3_column_int (stmt, 2) == 0 || g_hash_table_contains (seen, &id))
        continue;
      g_hash_table_add (seen, g_memdup2 (&id, sizeof id));
      if (!g_hash_table_contains (customers, &customer_id))
        g_hash_table_add (customers, g_memdup2 (&customer_id, sizeof customer_id));
      add_to_contact (contacts, by_customer, customer_id,
                      (const char *) sqlite3_column_text (stmt, 4),
                      (const char *) sqlite3_column_text (stmt, 5));
    }
  if (rc != SQLITE_DONE)
    return rapport_store_set_error (store, rc, error, _("Cannot read the follow-up"));
  return TRUE;
}

static gboolean
mark_done (RapportStore  *store,
           gint64         now,
           GError       **error)
{
  g_autoptr(RapportStmt) stmt = NULL;

  /* OR FAIL: whatever fails, the caller rolls the whole transaction back,
   * so the statement needs no journal to undo itself alone; with the
   * default ABORT, SQLite writes every page it changes into one (to a
   * temporary file past 64 kB), which for 50,000 items was a tenth of
   * Done's time. */
  stmt = rapport_store_prepare (store,
                                "UPDATE OR FAIL follow_up SET state = 'done', completed_at = ?,"
                                "       snoozed_until = NULL"
                                " WHERE id IN (SELECT id FROM temp.done_pending)"
                                "   AND state IN ('due', 'snoozed')",
                                error);
  if (stmt == NULL)
    return FALSE;
  bind_time (stmt, 1, now);
  return rapport_store_step_done (store, stmt, error);
}

/* One contact per customer and day: if the user already logged today's
 * call (or another laptop this check-in's), completing the check-in must
 * not count it twice. */
static gboolean
log_contacts (RapportStore  *store,
              GPtrArray     *contacts,
              gint64         now,
              GError       **error)
{
  g_autoptr(RapportStmt) queue = NULL;
  g_autoptr(RapportStmt) insert = NULL;
  gint64 today = rapport_playbook_day_at (rapport_playbook_local_day (now), 0);

  queue = rapport_store_prepare (store, "INSERT INTO temp.contact_pending VALUES (?, ?, ?, ?)", error);
  if (queue == NULL)
    return FALSE;
  for (guint i = 0; i < contacts->len; i++)
    {
      const Contact *contact = g_ptr_array_index (contacts, i);

      sqlite3_bind_int64 (queue, 1, contact->customer_id);
      sqlite3_bind_text (queue, 2, contact->kind, -1, SQLITE_STATIC);
      sqlite3_bind_text (queue, 3, contact->summary->str, contact->summary->len, SQLITE_STATIC);
      sqlite3_bind_text (queue, 4, contact->uid, -1, SQLITE_STATIC);
      if (!rapport_store_step_done (store, queue, error))
        return FALSE;
      sqlite3_reset (queue);
    }

  insert = rapport_store_prepare (store,
                                  "INSERT INTO interaction (customer_id, happened_at, kind, summary, uid)"
                                  " SELECT p.customer_id, ?1, p.kind, p.summary, p.uid"
                                  "   FROM temp.contact_pending p"
                                  "  WHERE NOT EXISTS (SELECT 1 FROM interaction i"
                                  "                     WHERE i.customer_id = p.customer_id"
                                  "                       AND i.happened_at >= ?2 AND i.happened_at <= ?1)"
                                  "    AND NOT EXISTS (SELECT 1 FROM interaction i WHERE i.uid = p.uid)"
                                  "  ORDER BY p.rowid",
                                  error);
  if (insert == NULL)
    return FALSE;
  bind_time (insert, 1, now);
  bind_time (insert, 2, MIN (today, now));
  return rapport_store_step_done (store, insert, error);
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* Syncs @customers, a set of ids, as sync_all does the book: SYNC_CHUNK
 * of them at a time, so each table is read once per chunk rather than
 * once per customer.  They are read as a set, not as runs of near ids:
 * the customers of 50,000 overdue check-ins lie all over the book, and
 * runs of them took thousands of batches of a dozen statements each. */
static gboolean
sync_customers (RapportStore                   *store,
                GHashTable                     *customers,
                const RapportPlaybookSettings  *settings,
                gint64                          now,
                GError                        **error)
{
  g_autoptr(GArray) ids = NULL;
  GHashTableIter iter;
  gpointer key;

  if (settings == NULL)
    return TRUE;

  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), g_hash_table_size (customers));
  g_hash_table_iter_init (&iter, customers);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_array_append_val (ids, *(gint64 *) key);
  g_array_sort (ids, compare_ids);

  for (guint i = 0; i < ids->len; i += SYNC_CHUNK)
    if (!sync_set (store, &g_array_index (ids, gint64, i), MIN (SYNC_CHUNK, ids->len - i),
                   settings, now, error))
      return FALSE;
  return TRUE;
}

/* Marks the items done and logs one contact per customer. */
static gboolean
complete_items (RapportStore  *store,
                const gint64  *ids,
                guint          n_ids,
                gint64         now,
                GHashTable    *customers,
                GError       **error)
{
  g_autoptr(GPtrArray) contacts = g_ptr_array_new_with_free_func ((GDestroyNotify) contact_free);

  return begin_done (store, error) &&
         queue_ids (store, ids, n_ids, error) &&
         gather_contacts (store, contacts, customers, error) &&
         mark_done (store, now, error) &&
         log_contacts (store, contacts, now, error) &&
         end_done (store, error);
}

/**
 * rapport_follow_ups_complete_many:
 * @ids: (array length=n_ids): follow-ups to mark done, of one or many customers
 * @settings: (nullable): the playbook settings, to sync the customers
 *
 * Marks the items done in one transaction.  Every kind of follow-up is
 * something done with the customer, so each customer concerned gets one
 * logged interaction at @now (not a second one if one is already logged
 * today), which restarts their keep-in-touch cadence.  Items already done
 * or skipped are left as they are.
 */
gboolean
rapport_follow_ups_complete_many (RapportStore                   *store,
                                  const gint64                   *ids,
                                  guint                           n_ids,
                                  const RapportPlaybookSettings  *settings,
                                  gint64                          now,
                                  GError                        **error)
{
  g_autoptr(GHashTable) customers = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  g_return_val_if_fail (RAPPORT_IS_STORE (store), FALSE);
  g_return_val_if_fail (ids != NULL || n_ids == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!rapport_store_begin (store, error))
    return FALSE;
  if (!complete_items (store, ids, n_ids, now, customers, error) ||
      !sync_customers (store, customers, settings, now, error) ||
      !rapport_store_commit (store, error))
    {
      rapport_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

gboolean
rapport_follow_up_complete (RapportStore                   *store,
                            gint64                          id,
                            const RapportPlaybookSettings  *settings,
                            gint64                          now,
                            GError                        **error)
{
  return rapport_follow_ups_complete_many (store, &id, 1, settings, now, error);
}

/* Runs @sql (binding @id last) on an open item, then syncs its customer. */
static gboolean
change_open_item (RapportStore                   *store,
                  gint64                          id,
                  const char                     *sql,
                  gint64                          time_arg,
                  const RapportPlaybookSettings  *settings,
                  gint64                          now,
                  GError                        **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  gint64 customer_id = 0;
  gboolean open = FALSE;

  if (!lookup_item (store, id, &customer_id, &open, error))
    return FALSE;
  if (!open)
    {
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID,
                   _("This follow-up is already done or skipped"));
      return FALSE;
    }

  if ((stmt = rapport_store_prepare (store, sql, error)) == NULL)
    return FALSE;
  bind_time (stmt, 1, time_arg);
  sqlite3_bind_int64 (stmt, 2, id);
  if (!rapport_store_step_done (store, stmt, error))
    return FALSE;

  return settings == NULL || sync_one (store, customer_id, settings, now, error);
}

static gboolean
change_in_transaction (RapportStore                   *store,
                       gint64                          id,
                       const char                     *sql,
                       gint64                          time_arg,
                       const RapportPlaybookSettings  *settings,
                       gint64                          now,
                       GError                        **error)
{
  if (!rapport_store_begin (store, error))
    return FALSE;
  if (!change_open_item (store, id, sql, time_arg, settings, now, error) ||
      !rapport_store_commit (store, error))
    {
      rapport_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

/**
 * rapport_follow_up_snooze:
 * @until: when to show it again
 *
 * Hides an open item until @until; its due time is kept, and a sync may
 * still move or reword it.
 */
gboolean
rapport_follow_up_snooze (RapportStore  *store,
                          gint64         id,
                          gint64         until,
                          GError       **error)
{
  g_return_val_if_fail (RAPPORT_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (until <= 0)
    {
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID,
                   _("A follow-up can only be snoozed until a real date"));
      return FALSE;
    }

  return change_in_transaction (store, id,
                                "UPDATE follow_up SET state = 'snoozed', snoozed_until = ?"
                                " WHERE id = ?",
                                until, NULL, 0, error);
}

/**
 * rapport_follow_ups_snooze_many:
 * @ids: (array length=n_ids): follow-ups to snooze, of one or many customers
 *
 * Snoozes the items until @until in one transaction; items already done
 * or skipped are left as they are.
 */
gboolean
rapport_follow_ups_snooze_many (RapportStore  *store,
                                const gint64  *ids,
                                guint          n_ids,
                                gint64         until,
                                GError       **error)
{
  g_autoptr(RapportStmt) stmt = NULL;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), FALSE);
  g_return_val_if_fail (ids != NULL || n_ids == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (until <= 0)
    {
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID,
                   _("A follow-up can only be snoozed until a real date"));
      return FALSE;
    }

  if (!rapport_store_begin (store, error))
    return FALSE;
  stmt = rapport_store_prepare (store,
                                "UPDATE follow_up SET state = 'snoozed', snoozed_until = ?"
                                " WHERE id = ? AND state IN ('due', 'snoozed')",
                                error);
  if (stmt == NULL)
    goto failed;
  for (guint i = 0; i < n_ids; i++)
    {
      bind_time (stmt, 1, until);
      sqlite3_bind_int64 (stmt, 2, ids[i]);
      if (!rapport_store_step_done (store, stmt, error))
        goto failed;
      sqlite3_reset (stmt);
    }
  g_clear_pointer (&stmt, rapport_stmt_release);
  if (rapport_store_commit (store, error))
    return TRUE;

failed:
  g_clear_pointer (&stmt, rapport_stmt_release);
  rapport_store_rollback (store);
  return FALSE;
}

/**
 * rapport_follow_up_skip:
 * @settings: (nullable): the playbook settings, to sync the customer
 *
 * Closes an item without a contact: nothing is logged, and the playbook
 * never recreates it.
 */
gboolean
rapport_follow_up_skip (RapportStore                   *store,
                        gint64                          id,
                        const RapportPlaybookSettings  *settings,
                        gint64                          now,
                        GError                        **error)
{
  g_return_val_if_fail (RAPPORT_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return change_in_transaction (store, id,
                                "UPDATE follow_up SET state = 'skipped', completed_at = ?,"
                                "       snoozed_until = NULL"
                                " WHERE id = ?",
                                now, settings, now, error);
}

/**
 * rapport_follow_up_reschedule:
 * @due_at: the new due time
 * @settings: (nullable): the playbook settings, to sync the customer
 *
 * Moves an open item to @due_at and clears any snooze.  A playbook item the
 * user moves becomes the user's: the playbook will neither move it back nor
 * create it again, and makes room for it as for any planned contact.
 */
gboolean
rapport_follow_up_reschedule (RapportStore                   *store,
                              gint64                          id,
                              gint64                          due_at,
                              const RapportPlaybookSettings  *settings,
                              gint64                          now,
                              GError                        **error)
{
  g_return_val_if_fail (RAPPORT_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (due_at <= 0)
    {
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID,
                   _("A follow-up can only be moved to a real date"));
      return FALSE;
    }

  return change_in_transaction (store, id,
                                "UPDATE follow_up SET due_at = ?, overdue_at = NULL, state = 'due',"
                                "       snoozed_until = NULL, created_by = 'user'"
                                " WHERE id = ?",
                                due_at, settings, now, error);
}

static gboolean
is_follow_up_kind (const char *kind)
{
  static const char * const kinds[] = {
    "preposition_referral", "delivery_check_in", "satisfaction_check", "introduction_ask",
    "contact_referral", "keep_source_informed", "thank_referrer", "follow_up_meeting",
    "keep_in_touch", "testimonial_ask", "reference_care",
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kind, kinds[i]) == 0)
      return TRUE;
  return FALSE;
}

static gint64
insert_user_item (RapportStore  *store,
                  gint64         customer_id,
                  const char    *kind,
                  gint64         due_at,
                  const char    *reason,
                  gint64         now,
                  GError       **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  int rc;

  stmt = rapport_store_prepare (store,
                                "INSERT INTO follow_up (customer_id, kind, due_at, reason,"
                                "                       created_by, created_at, uid)"
                                " VALUES (?, ?, ?, ?, 'user', ?, ?)",
                                error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 6, rapport_uid_new (), -1, g_free);
  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_TRANSIENT);
  bind_time (stmt, 3, due_at);
  sqlite3_bind_text (stmt, 4, reason != NULL ? reason : "", -1, SQLITE_TRANSIENT);
  bind_time (stmt, 5, now);

  rc = sqlite3_step (stmt);
  if ((rc & 0xff) == SQLITE_CONSTRAINT)
    {
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_FOUND,
                   _("There is no customer number %lld in the book"),
                   (long long) customer_id);
      return 0;
    }
  if (rc != SQLITE_DONE)
    {
      rapport_store_set_error (store, rc, error, _("Cannot add the follow-up"));
      return 0;
    }
  return sqlite3_last_insert_rowid (rapport_store_get_db (store));
}

/**
 * rapport_follow_up_add:
 * @kind: one of the follow_up kinds ("keep_in_touch" …)
 * @settings: (nullable): the playbook settings, to make room for it
 *
 * Adds a follow-up of the user's own; the playbook never moves or deletes it.
 *
 * Returns: the new item's id, or 0 with @error set
 */
gint64
rapport_follow_up_add (RapportStore                   *store,
                       gint64                          customer_id,
                       const char                     *kind,
                       gint64                          due_at,
                       const char                     *reason,
                       const RapportPlaybookSettings  *settings,
                       gint64                          now,
                       GError                        **error)
{
  gint64 id;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (!is_follow_up_kind (kind))
    {
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID,
                   _("“%s” is not a kind of follow-up"), kind != NULL ? kind : "");
      return 0;
    }
  if (due_at <= 0)
    {
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID,
                   _("A follow-up needs a due date"));
      return 0;
    }
  if (!rapport_limit_check (RAPPORT_LIMIT_REASON, reason, error))
    return 0;

  if (!rapport_store_begin (store, error))
    return 0;
  if ((id = insert_user_item (store, customer_id, kind, due_at, reason, now, error)) == 0 ||
      (settings != NULL && !sync_one (store, customer_id, settings, now, error)) ||
      !rapport_store_commit (store, error))
    {
      rapport_store_rollback (store);
      return 0;
    }
  return id;
}
