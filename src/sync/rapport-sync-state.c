/* rapport-sync-state.c: what the book knows of the server, and what waits for it
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three tables the engine reads and writes, always inside its own short
 * transactions: sync_resource (each object on the server with its ETag and
 * the body last agreed), sync_outbox (filled by triggers, emptied only in
 * the transaction that records the server's answer) and sync_conflict.
 */

#define G_LOG_DOMAIN "rapport-sync-state"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-sync-state.h"
#include "rapport-sync-sql-private.h"
#include "rapport-time.h"

void
rapport_sync_resource_free (RapportSyncResource *resource)
{
  if (resource == NULL)
    return;
  g_free (resource->collection);
  g_free (resource->href);
  g_free (resource->uid);
  g_free (resource->etag);
  g_free (resource->kind);
  g_free (resource->base);
  g_free (resource);
}

#define RESOURCE_COLUMNS "id, collection, href, uid, etag, kind, coalesce (local_id, 0), base"

static RapportSyncResource *
read_resource (RapportStore  *store,
               RapportStmt   *stmt,
               GError       **error)
{
  RapportSyncResource *resource;
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_DONE)
    return NULL;
  if (rc != SQLITE_ROW)
    {
      rapport_store_set_error (store, rc, error, _("Cannot read what the book knows of the server"));
      return NULL;
    }
  resource = g_new0 (RapportSyncResource, 1);
  resource->id = sqlite3_column_int64 (stmt, 0);
  resource->collection = _rapport_sync_column_dup (stmt, 1);
  resource->href = _rapport_sync_column_dup (stmt, 2);
  resource->uid = _rapport_sync_column_dup (stmt, 3);
  resource->etag = _rapport_sync_column_dup (stmt, 4);
  resource->kind = _rapport_sync_column_dup (stmt, 5);
  resource->local_id = sqlite3_column_int64 (stmt, 6);
  resource->base = _rapport_sync_column_dup (stmt, 7);
  return resource;
}

/**
 * rapport_sync_state_find_by_href:
 *
 * Returns: (transfer full) (nullable): the resource, or %NULL (with @error
 *   unset when there is none)
 */
RapportSyncResource *
rapport_sync_state_find_by_href (RapportStore  *store,
                                 const char    *collection,
                                 const char    *href,
                                 GError       **error)
{
  g_autoptr(RapportStmt) stmt = NULL;

  stmt = rapport_store_prepare (store,
                                "SELECT " RESOURCE_COLUMNS " FROM sync_resource"
                                " WHERE collection = ? AND href = ?",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, collection, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, href, -1, SQLITE_TRANSIENT);
  return read_resource (store, stmt, error);
}

RapportSyncResource *
rapport_sync_state_find_by_uid (RapportStore  *store,
                                const char    *kind,
                                const char    *uid,
                                GError       **error)
{
  g_autoptr(RapportStmt) stmt = NULL;

  stmt = rapport_store_prepare (store,
                                "SELECT " RESOURCE_COLUMNS " FROM sync_resource"
                                " WHERE kind = ? AND uid = ? ORDER BY id LIMIT 1",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, uid, -1, SQLITE_TRANSIENT);
  return read_resource (store, stmt, error);
}

/**
 * rapport_sync_state_etags:
 *
 * Returns: (transfer full): href → ETag of every object of @collection the
 *   book knows, for comparing with a listing when the server has no
 *   sync-collection
 */
GHashTable *
rapport_sync_state_etags (RapportStore  *store,
                          const char    *collection,
                          GError       **error)
{
  g_autoptr(GHashTable) etags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(RapportStmt) stmt = NULL;
  int rc;

  stmt = rapport_store_prepare (store,
                                "SELECT href, coalesce (etag, '') FROM sync_resource WHERE collection = ?",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, collection, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (etags, _rapport_sync_column_dup (stmt, 0),
                         _rapport_sync_column_dup (stmt, 1));
  if (rc != SQLITE_DONE)
    {
      rapport_store_set_error (store, rc, error, _("Cannot read what the book knows of the server"));
      return NULL;
    }
  return g_steal_pointer (&etags);
}

/* Records what the server now holds at the resource's href. */
gboolean
rapport_sync_state_record (RapportStore               *store,
                           const RapportSyncResource  *resource,
                           GError                    **error)
{
  g_autoptr(RapportStmt) stmt = NULL;

  g_return_val_if_fail (resource != NULL && resource->collection != NULL &&
                        resource->href != NULL && resource->kind != NULL, FALSE);

  stmt = rapport_store_prepare (store,
                                "INSERT INTO sync_resource (collection, href, uid, etag, kind, local_id, base)"
                                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
                                " ON CONFLICT (collection, href) DO UPDATE SET uid = ?3, etag = ?4,"
                                "  kind = ?5, local_id = ?6, base = ?7",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, resource->collection, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, resource->href, -1, SQLITE_TRANSIENT);
  _rapport_sync_bind_text_or_null (stmt, 3, resource->uid);
  _rapport_sync_bind_text_or_null (stmt, 4, resource->etag);
  sqlite3_bind_text (stmt, 5, resource->kind, -1, SQLITE_TRANSIENT);
  if (resource->local_id != 0)
    sqlite3_bind_int64 (stmt, 6, resource->local_id);
  _rapport_sync_bind_text_or_null (stmt, 7, resource->base);
  return rapport_store_step_done (store, stmt, error);
}

gboolean
rapport_sync_state_forget (RapportStore  *store,
                           const char    *collection,
                           const char    *href,
                           GError       **error)
{
  g_autoptr(RapportStmt) stmt = NULL;

  stmt = rapport_store_prepare (store,
                                "DELETE FROM sync_resource WHERE collection = ? AND href = ?",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, collection, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, href, -1, SQLITE_TRANSIENT);
  return rapport_store_step_done (store, stmt, error);
}

void
rapport_sync_outbox_item_free (RapportSyncOutboxItem *item)
{
  if (item == NULL)
    return;
  g_free (item->kind);
  g_free (item->uid);
  g_free (item);
}

/**
 * rapport_sync_state_outbox:
 * @limit: how many at most; 0 for all
 *
 * Returns: (transfer full) (element-type RapportSyncOutboxItem): the queue,
 *   customers first (a check-in names its customer's card), oldest first
 */
GPtrArray *
rapport_sync_state_outbox (RapportStore  *store,
                           guint          limit,
                           GError       **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_sync_outbox_item_free);
  g_autoptr(RapportStmt) stmt = NULL;
  int rc;

  stmt = rapport_store_prepare (store,
                                "SELECT id, kind, uid, coalesce (local_id, 0), op, queued_seq"
                                "  FROM sync_outbox"
                                " ORDER BY kind <> 'customer', queued_seq LIMIT ?",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, limit == 0 ? G_MAXINT64 : (gint64) limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RapportSyncOutboxItem *item = g_new0 (RapportSyncOutboxItem, 1);

      item->id = sqlite3_column_int64 (stmt, 0);
      item->kind = _rapport_sync_column_dup (stmt, 1);
      item->uid = _rapport_sync_column_dup (stmt, 2);
      item->local_id = sqlite3_column_int64 (stmt, 3);
      item->delete = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 4), "delete") == 0;
      item->queued_seq = sqlite3_column_int64 (stmt, 5);
      g_ptr_array_add (items, item);
    }
  if (rc != SQLITE_DONE)
    {
      rapport_store_set_error (store, rc, error, _("Cannot read the changes waiting for the server"));
      return NULL;
    }
  return g_steal_pointer (&items);
}

static gint64
query_count (RapportStore  *store,
             const char    *sql,
             const char    *text1,
             const char    *text2,
             GError       **error)
{
  g_autoptr(RapportStmt) stmt = rapport_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return -1;
  if (text1 != NULL)
    sqlite3_bind_text (stmt, 1, text1, -1, SQLITE_TRANSIENT);
  if (text2 != NULL)
    sqlite3_bind_text (stmt, 2, text2, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  if (rc == SQLITE_DONE)
    return 0;
  rapport_store_set_error (store, rc, error, _("Cannot read the changes waiting for the server"));
  return -1;
}

guint
rapport_sync_state_outbox_count (RapportStore  *store,
                                 GError       **error)
{
  gint64 n = query_count (store, "SELECT count(*) FROM sync_outbox", NULL, NULL, error);

  return n < 0 ? 0 : (guint) n;
}

/* The queue number of an item waiting for the server; 0 when it is not
 * queued, -1 on error. */
gint64
rapport_sync_state_outbox_seq (RapportStore  *store,
                               const char    *kind,
                               const char    *uid,
                               GError       **error)
{
  return query_count (store, "SELECT queued_seq FROM sync_outbox WHERE kind = ? AND uid = ?",
                      kind, uid, error);
}

gint64
rapport_sync_state_outbox_max_seq (RapportStore  *store,
                                   GError       **error)
{
  return query_count (store, "SELECT coalesce (max (queued_seq), 0) FROM sync_outbox",
                      NULL, NULL, error);
}

/**
 * rapport_sync_state_outbox_done:
 *
 * Takes @item off the queue, unless it changed again since it was read
 * (its number grew): then the newer change still goes up.
 */
gboolean
rapport_sync_state_outbox_done (RapportStore                 *store,
                                const RapportSyncOutboxItem  *item,
                                GError                      **error)
{
  g_autoptr(RapportStmt) stmt = NULL;

  stmt = rapport_store_prepare (store,
                                "DELETE FROM sync_outbox WHERE kind = ? AND uid = ? AND queued_seq = ?",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, item->kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, item->uid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, item->queued_seq);
  return rapport_store_step_done (store, stmt, error);
}

/**
 * rapport_sync_state_outbox_put:
 *
 * Queues the book's copy of an item to go up, as the triggers do: for
 * when applying a received object leaves the book saying something else
 * (a check-in this book closed stays closed).
 */
gboolean
rapport_sync_state_outbox_put (RapportStore  *store,
                               const char    *kind,
                               const char    *uid,
                               gint64         local_id,
                               GError       **error)
{
  g_autoptr(RapportStmt) stmt = NULL;

  stmt = rapport_store_prepare (store,
                                "INSERT INTO sync_outbox (kind, uid, local_id, op, queued_seq)"
                                " VALUES (?1, ?2, ?3, 'put',"
                                "         coalesce ((SELECT max (queued_seq) FROM sync_outbox), 0) + 1)"
                                " ON CONFLICT (kind, uid) DO UPDATE SET local_id = excluded.local_id,"
                                "   op = excluded.op, queued_seq = excluded.queued_seq",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, uid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, local_id);
  return rapport_store_step_done (store, stmt, error);
}

/* Takes off the queue what the engine's own write of a received object
 * queued: anything of @kind and @uid numbered after @after_seq. */
gboolean
rapport_sync_state_outbox_drop_since (RapportStore  *store,
                                      const char    *kind,
                                      const char    *uid,
                                      gint64         after_seq,
                                      GError       **error)
{
  g_autoptr(RapportStmt) stmt = NULL;

  stmt = rapport_store_prepare (store,
                                "DELETE FROM sync_outbox WHERE kind = ? AND uid = ? AND queued_seq > ?",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, uid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, after_seq);
  return rapport_store_step_done (store, stmt, error);
}

void
rapport_sync_conflict_free (RapportSyncConflict *conflict)
{
  if (conflict == NULL)
    return;
  g_free (conflict->kind);
  g_free (conflict->uid);
  g_free (conflict->field);
  g_free (conflict->local_value);
  g_free (conflict->remote_value);
  g_free (conflict);
}

/**
 * rapport_sync_state_add_conflict:
 *
 * Keeps both values of a field both sides changed.  An open conflict on
 * the same field of the same item is replaced: the user chooses once,
 * between the latest values.
 */
gboolean
rapport_sync_state_add_conflict (RapportStore  *store,
                                 const char    *kind,
                                 gint64         local_id,
                                 const char    *uid,
                                 const char    *field,
                                 const char    *local_value,
                                 const char    *remote_value,
                                 gint64         now,
                                 GError       **error)
{
  g_autoptr(RapportStmt) drop = NULL;
  g_autoptr(RapportStmt) add = NULL;

  drop = rapport_store_prepare (store,
                                "DELETE FROM sync_conflict WHERE kind = ? AND local_id = ? AND field = ?"
                                "   AND resolved_at IS NULL",
                                error);
  if (drop == NULL)
    return FALSE;
  sqlite3_bind_text (drop, 1, kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (drop, 2, local_id);
  sqlite3_bind_text (drop, 3, field, -1, SQLITE_TRANSIENT);
  if (!rapport_store_step_done (store, drop, error))
    return FALSE;

  add = rapport_store_prepare (store,
                               "INSERT INTO sync_conflict (kind, local_id, uid, field, local_value,"
                               "  remote_value, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                               error);
  if (add == NULL)
    return FALSE;
  sqlite3_bind_text (add, 1, kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (add, 2, local_id);
  _rapport_sync_bind_text_or_null (add, 3, uid);
  sqlite3_bind_text (add, 4, field, -1, SQLITE_TRANSIENT);
  _rapport_sync_bind_text_or_null (add, 5, local_value);
  _rapport_sync_bind_text_or_null (add, 6, remote_value);
  sqlite3_bind_text (add, 7, rapport_time_format_utc (now), -1, g_free);
  return rapport_store_step_done (store, add, error);
}

#define CONFLICT_COLUMNS "id, kind, local_id, uid, field, local_value, remote_value, created_at"

static RapportSyncConflict *
read_conflict (RapportStmt *stmt)
{
  RapportSyncConflict *conflict = g_new0 (RapportSyncConflict, 1);

  conflict->id = sqlite3_column_int64 (stmt, 0);
  conflict->kind = _rapport_sync_column_dup (stmt, 1);
  conflict->local_id = sqlite3_column_int64 (stmt, 2);
  conflict->uid = _rapport_sync_column_dup (stmt, 3);
  conflict->field = _rapport_sync_column_dup (stmt, 4);
  conflict->local_value = _rapport_sync_column_dup (stmt, 5);
  conflict->remote_value = _rapport_sync_column_dup (stmt, 6);
  if (!rapport_time_parse_utc ((const char *) sqlite3_column_text (stmt, 7), &conflict->created_at))
    conflict->created_at = 0;
  return conflict;
}

/**
 * rapport_sync_state_conflicts:
 *
 * Returns: (transfer full) (element-type RapportSyncConflict): the open
 *   conflicts, oldest first
 */
GPtrArray *
rapport_sync_state_conflicts (RapportStore  *store,
                              GError       **error)
{
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_sync_conflict_free);
  g_autoptr(RapportStmt) stmt = NULL;
  int rc;

  stmt = rapport_store_prepare (store,
                                "SELECT " CONFLICT_COLUMNS " FROM sync_conflict"
                                " WHERE resolved_at IS NULL ORDER BY id",
                                error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (conflicts, read_conflict (stmt));
  if (rc != SQLITE_DONE)
    {
      rapport_store_set_error (store, rc, error, _("Cannot read the sync conflicts"));
      return NULL;
    }
  return g_steal_pointer (&conflicts);
}

guint
rapport_sync_state_conflict_count (RapportStore  *store,
                                   GError       **error)
{
  gint64 n = query_count (store, "SELECT count(*) FROM sync_conflict WHERE resolved_at IS NULL",
                          NULL, NULL, error);

  return n < 0 ? 0 : (guint) n;
}

RapportSyncConflict *
rapport_sync_state_get_conflict (RapportStore  *store,
                                 gint64         id,
                                 GError       **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  int rc;

  stmt = rapport_store_prepare (store,
                                "SELECT " CONFLICT_COLUMNS " FROM sync_conflict"
                                " WHERE id = ? AND resolved_at IS NULL",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return read_conflict (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_FOUND,
                 _("There is no open sync conflict number %lld"), (long long) id);
  else
    rapport_store_set_error (store, rc, error, _("Cannot read the sync conflicts"));
  return NULL;
}

gboolean
rapport_sync_state_mark_resolved (RapportStore  *store,
                                  gint64         id,
                                  gint64         now,
                                  GError       **error)
{
  g_autoptr(RapportStmt) stmt = NULL;

  stmt = rapport_store_prepare (store,
                                "UPDATE sync_conflict SET resolved_at = ? WHERE id = ?",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, rapport_time_format_utc (now), -1, g_free);
  sqlite3_bind_int64 (stmt, 2, id);
  return rapport_store_step_done (store, stmt, error);
}
