/* rapport-sync-push.c: what changed in the book goes up to the server
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every queued item is written with If-Match (the ETag the book knows) or
 * If-None-Match: * (a new one), at an href made from its UID, so a PUT
 * repeated after a crash lands on the same object.  A 412 means the
 * server's copy changed: it is fetched, merged with the book's (the item
 * is still queued, so applying it merges) and written again, once per
 * sync.  The server's answer is recorded, and the item taken off the
 * queue, in one transaction after the server answered, never before.
 */

#define G_LOG_DOMAIN "rapport-sync-push"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-sync-engine-private.h"
#include "rapport-sync-error.h"
#include "rapport-sync-journal.h"

#define VCARD_TYPE    "text/vcard; charset=utf-8"
#define CALENDAR_TYPE "text/calendar; charset=utf-8"

static const char *
collection_of (const char *kind)
{
  return g_str_equal (kind, "customer") ? RAPPORT_SYNC_ADDRESSBOOK : RAPPORT_SYNC_TASKS;
}

/* "urn:uuid:0190…" → COLLECTION/0190….vcf; anything outside RFC 3986's
 * unreserved characters is percent-encoded. */
static char *
href_for (RapportSyncContext *ctx,
          const char         *kind,
          const char         *uid)
{
  const char *url = _rapport_sync_collection_url (ctx, collection_of (kind));
  const char *name = g_str_has_prefix (uid, "urn:uuid:") ? uid + strlen ("urn:uuid:") : uid;
  g_autofree char *escaped = g_uri_escape_string (name, NULL, FALSE);

  return g_strconcat (url, g_str_has_suffix (url, "/") ? "" : "/", escaped,
                      g_str_equal (kind, "customer") ? ".vcf" : ".ics", NULL);
}

/* See apply_card_times () in rapport-sync-apply.c. */
static char *
add_card_times (RapportSyncContext  *ctx,
                gint64               customer_id,
                char                *vcard)
{
  g_autoptr(RapportStmt) stmt = NULL;
  g_autoptr(GString) text = g_string_new (vcard);
  const char *created, *satisfied;
  char *end;

  g_free (vcard);
  stmt = rapport_store_prepare (ctx->store,
                                "SELECT created_at, satisfaction_recorded_at FROM customer WHERE id = ?",
                                NULL);
  if (stmt == NULL)
    return g_string_free (g_steal_pointer (&text), FALSE);
  sqlite3_bind_int64 (stmt, 1, customer_id);
  if (sqlite3_step (stmt) != SQLITE_ROW ||
      (end = strstr (text->str, "END:VCARD")) == NULL)
    return g_string_free (g_steal_pointer (&text), FALSE);

  created = (const char *) sqlite3_column_text (stmt, 0);
  satisfied = (const char *) sqlite3_column_text (stmt, 1);
  {
    g_autofree char *lines = g_strdup_printf ("%s%s%s%s%s",
                                              created != NULL ? "X-RAPPORT-CREATED:" : "",
                                              created != NULL ? created : "",
                                              created != NULL ? "\r\n" : "",
                                              satisfied != NULL ? "X-RAPPORT-SATISFACTION-AT:" : "",
                                              satisfied != NULL ? satisfied : "");

    g_string_insert (text, end - text->str, satisfied != NULL ? "\r\n" : "");
    g_string_insert (text, end - text->str, lines);
  }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The item's text as it goes up; %NULL with @error unset when the item is
 * no longer in the book. */
static char *
body_for (RapportSyncContext           *ctx,
          const RapportSyncOutboxItem  *item,
          const RapportSyncResource    *resource,
          GError                      **error)
{
  const char *previous = resource != NULL ? resource->base : NULL;
  g_autoptr(GError) local_error = NULL;
  char *body = NULL;

  if (g_str_equal (item->kind, "customer"))
    {
      g_autoptr(RapportSyncCard) card = rapport_sync_card_read (ctx->store, item->local_id, &local_error);

      if (card != NULL)
        body = add_card_times (ctx, item->local_id, rapport_sync_card_to_vcard (card));
    }
  else if (g_str_equal (item->kind, "follow_up"))
    {
      g_autoptr(RapportSyncTask) task = rapport_sync_task_read (ctx->store, item->local_id, &local_error);

      if (task != NULL)
        body = rapport_sync_task_to_ical (task, previous);
    }
  else
    {
      g_autoptr(RapportSyncJournal) journal = rapport_sync_journal_read (ctx->store, item->local_id,
                                                                         &local_error);

      if (journal != NULL)
        body = rapport_sync_journal_to_ical (journal, rapport_sync_account_get_author (ctx->account),
                                             previous);
    }

  if (body == NULL && local_error != NULL &&
      !g_error_matches (local_error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_NOT_FOUND))
    g_propagate_error (error, g_steal_pointer (&local_error));
  return body;
}

/* Whether the server's copy (the text last agreed) already says what the
 * book says, read as the book reads it: servers rewrite what they store
 * (Radicale puts properties in capitals and in its own order). */
static gboolean
same_as_server (RapportSyncContext           *ctx,
                const RapportSyncOutboxItem  *item,
                const RapportSyncResource    *resource)
{
  const char *base = resource->base;

  if (base == NULL)
    return FALSE;
  if (g_str_equal (item->kind, "follow_up"))
    {
      g_autoptr(RapportSyncTask) local = rapport_sync_task_read (ctx->store, item->local_id, NULL);
      g_autoptr(RapportSyncTask) server = rapport_sync_task_from_ical (resource->href, base, strlen (base), NULL);

      return local != NULL && server != NULL && rapport_sync_task_equal (local, server);
    }
  if (g_str_equal (item->kind, "interaction"))
    {
      g_autoptr(RapportSyncJournal) local = rapport_sync_journal_read (ctx->store, item->local_id, NULL);
      g_autoptr(RapportSyncJournal) server = rapport_sync_journal_from_ical (resource->href, base,
                                                                             strlen (base), NULL);

      return local != NULL && server != NULL && rapport_sync_journal_equal (local, server);
    }
  return FALSE;
}

static gboolean
finish_item (RapportSyncContext           *ctx,
             const RapportSyncOutboxItem  *item,
             const RapportSyncResource    *resource,
             gboolean                      forget,
             GError                      **error)
{
  gboolean ok;

  if (!rapport_store_begin (ctx->store, error))
    return FALSE;
  if (forget)
    ok = rapport_sync_state_forget (ctx->store, resource->collection, resource->href, error);
  else if (resource != NULL)
    ok = rapport_sync_state_record (ctx->store, resource, error);
  else
    ok = TRUE;
  ok = ok && rapport_sync_state_outbox_done (ctx->store, item, error);
  if (ok && rapport_store_commit (ctx->store, error))
    return TRUE;
  rapport_store_rollback (ctx->store);
  return FALSE;
}

static gboolean
push_delete (RapportSyncContext     *ctx,
             RapportSyncOutboxItem  *item,
             GError                **error)
{
  g_autoptr(RapportSyncResource) resource = NULL;
  g_autoptr(GError) local_error = NULL;

  resource = rapport_sync_state_find_by_uid (ctx->store, item->kind, item->uid, error);
  if (resource == NULL)
    return *error == NULL && finish_item (ctx, item, NULL, FALSE, error);

  if (rapport_dav_client_delete (ctx->client, resource->href, resource->etag, ctx->cancellable,
                                 &local_error))
    {
      ctx->result.sent++;
      return finish_item (ctx, item, resource, TRUE, error);
    }
  if (g_error_matches (local_error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_CHANGED))
    {
      /* Changed on the server after it was deleted here: the change wins,
       * and the next sync brings the item back (an unknown ETag is read
       * again). */
      g_free (resource->etag);
      resource->etag = NULL;
      return finish_item (ctx, item, resource, FALSE, error);
    }
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

static gboolean
push_put (RapportSyncContext     *ctx,
          RapportSyncOutboxItem  *item,
          GError                **error)
{
  const char *collection = collection_of (item->kind);

  for (guint attempt = 0; attempt < 2; attempt++)
    {
      g_autoptr(RapportSyncResource) resource = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autofree char *body = NULL;
      g_autofree char *href = NULL;
      g_autofree char *etag = NULL;
      g_autofree char *fetched = NULL;
      gint64 seq;

      resource = rapport_sync_state_find_by_uid (ctx->store, item->kind, item->uid, error);
      if (resource == NULL && *error != NULL)
        return FALSE;
      /* Read the queue number before the item: a change made while this
       * PUT runs keeps the item queued. */
      if ((seq = rapport_sync_state_outbox_seq (ctx->store, item->kind, item->uid, error)) < 0)
        return FALSE;
      if (seq == 0)
        return TRUE;
      item->queued_seq = seq;

      body = body_for (ctx, item, resource, error);
      if (body == NULL)
        return *error == NULL && finish_item (ctx, item, NULL, FALSE, error);

      /* What the server already holds needs no PUT: a check-in the
       * playbook touched without changing what its VTODO says. */
      if (resource != NULL && resource->etag != NULL && same_as_server (ctx, item, resource))
        return finish_item (ctx, item, NULL, FALSE, error);

      href = resource != NULL ? g_strdup (resource->href) : href_for (ctx, item->kind, item->uid);
      g_debug ("PUT %s (%s)", href, resource != NULL ? "changed" : "new");
      if (rapport_dav_client_put (ctx->client, href, body,
                                  g_str_equal (collection, RAPPORT_SYNC_ADDRESSBOOK) ? VCARD_TYPE : CALENDAR_TYPE,
                                  resource != NULL ? resource->etag : NULL, &etag,
                                  ctx->cancellable, &local_error))
        {
          RapportSyncResource done = {
            .collection = (char *) collection, .href = href, .uid = item->uid, .etag = etag,
            .kind = item->kind, .local_id = item->local_id, .base = body,
          };

          ctx->result.sent++;
          return finish_item (ctx, item, &done, FALSE, error);
        }

      if (g_error_matches (local_error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_NOT_FOUND) &&
          resource != NULL)
        {
          /* Deleted on the server while changed here: up again as new. */
          if (!finish_item (ctx, &(RapportSyncOutboxItem) { .kind = item->kind, .uid = item->uid,
                                                             .queued_seq = -1 },
                            resource, TRUE, error))
            return FALSE;
          continue;
        }
      if (!g_error_matches (local_error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_CHANGED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (attempt > 0)
        {
          g_message ("%s changed on the server again; it goes up at the next sync", href);
          return TRUE;
        }

      /* 412: the server's copy, merged into the book's, then again. */
      g_clear_error (&local_error);
      g_clear_pointer (&etag, g_free);
      fetched = rapport_dav_client_get (ctx->client, href, &etag, ctx->cancellable, &local_error);
      if (fetched == NULL)
        {
          if (!g_error_matches (local_error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_NOT_FOUND))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          continue;
        }
      if (!_rapport_sync_apply (ctx, collection, href, etag, fetched, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * _rapport_sync_push:
 *
 * Writes every queued change to the server.  A failure stops the push
 * with the rest still queued for the next sync.
 */
gboolean
_rapport_sync_push (RapportSyncContext  *ctx,
                    GError             **error)
{
  g_autoptr(GPtrArray) items = rapport_sync_state_outbox (ctx->store, 0, error);

  if (items == NULL)
    return FALSE;

  for (guint i = 0; i < items->len; i++)
    {
      RapportSyncOutboxItem *item = g_ptr_array_index (items, i);

      if (g_cancellable_set_error_if_cancelled (ctx->cancellable, error))
        return FALSE;
      if (!(item->delete ? push_delete (ctx, item, error) : push_put (ctx, item, error)))
        return FALSE;
    }
  return TRUE;
}
