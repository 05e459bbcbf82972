/* rapport-sync-pull.c: what changed on the server comes into the book
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One REPORT sync-collection with the last token says what changed; the
 * changed objects come in multigets of RAPPORT_SYNC_BATCH; each is applied
 * in a transaction of its own; the token is stored only after everything
 * it covers was applied, so a sync killed half-way reads the same changes
 * again and applying one twice changes nothing (the ETag is already
 * known).  A server without sync-collection is compared by ETags: its
 * CTag says whether anything changed at all.  Either way a sync with
 * nothing new costs one request per collection.
 */

#define G_LOG_DOMAIN "rapport-sync-pull"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-sync-engine-private.h"
#include "rapport-sync-error.h"

static RapportDavType
dav_type (const char *collection)
{
  return g_str_equal (collection, RAPPORT_SYNC_ADDRESSBOOK) ? RAPPORT_DAV_TYPE_ADDRESSBOOK
                                                            : RAPPORT_DAV_TYPE_CALENDAR;
}

static const char *
collection_name (const char *collection)
{
  return g_str_equal (collection, RAPPORT_SYNC_ADDRESSBOOK) ? _("The address book") : _("The task list");
}

/* A collection that answers 404 or 410 was deleted on the server: say so,
 * rather than creating everything again where nobody looks. */
static gboolean
check_gone (const char  *collection,
            const char  *url,
            GError     **error)
{
  if (!g_error_matches (*error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_NOT_FOUND) &&
      !g_error_matches (*error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_GONE))
    return FALSE;
  g_clear_error (error);
  /* Translators: "The address book https://… is gone from the server…" */
  g_set_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_GONE,
               _("%s %s is gone from the server; nothing was deleted in Rapport — "
                 "set sync up again to create it"),
               collection_name (collection), url);
  return TRUE;
}

/* Fetches @hrefs in batches and applies each answer. */
static gboolean
fetch_and_apply (RapportSyncContext  *ctx,
                 const char          *collection,
                 GPtrArray           *hrefs,
                 GError             **error)
{
  const char *url = _rapport_sync_collection_url (ctx, collection);

  for (guint start = 0; start < hrefs->len; start += RAPPORT_SYNC_BATCH)
    {
      g_autoptr(GPtrArray) batch = g_ptr_array_new ();
      g_autoptr(GPtrArray) answers = NULL;
      g_autoptr(GHashTable) answered = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = start; i < hrefs->len && i < start + RAPPORT_SYNC_BATCH; i++)
        g_ptr_array_add (batch, g_ptr_array_index (hrefs, i));
      g_ptr_array_add (batch, NULL);

      answers = rapport_dav_client_multiget (ctx->client, url, dav_type (collection),
                                             (const char * const *) batch->pdata,
                                             ctx->cancellable, error);
      if (answers == NULL)
        return FALSE;

      for (guint i = 0; i < answers->len; i++)
        {
          RapportDavResource *answer = g_ptr_array_index (answers, i);

          g_hash_table_add (answered, answer->href);
          if (answer->status == 404)
            {
              if (!_rapport_sync_apply_removed (ctx, collection, answer->href, error))
                return FALSE;
            }
          else if (answer->data == NULL)
            g_ptr_array_add (ctx->unreadable, g_strdup (answer->href));
          else if (!_rapport_sync_apply (ctx, collection, answer->href, answer->etag, answer->data, error))
            return FALSE;
          if (g_cancellable_set_error_if_cancelled (ctx->cancellable, error))
            return FALSE;
        }
    }
  return TRUE;
}

/* Objects the book could not read last time (etag NULL) are asked for
 * again: a card a phone half-wrote is read once it is whole. */
static gboolean
add_unread (RapportSyncContext  *ctx,
            const char          *collection,
            GPtrArray           *hrefs,
            GError             **error)
{
  g_autoptr(GHashTable) etags = rapport_sync_state_etags (ctx->store, collection, error);
  GHashTableIter iter;
  gpointer href, etag;

  if (etags == NULL)
    return FALSE;
  g_hash_table_iter_init (&iter, etags);
  while (g_hash_table_iter_next (&iter, &href, &etag))
    if (*(const char *) etag == '\0' && !g_ptr_array_find_with_equal_func (hrefs, href, g_str_equal, NULL))
      g_ptr_array_add (hrefs, g_strdup (href));
  return TRUE;
}

static gboolean
save_token (RapportSyncContext  *ctx,
            const char          *collection,
            const char          *token,
            const char          *ctag,
            GError             **error)
{
  if (!rapport_store_begin (ctx->store, error))
    return FALSE;
  if (!rapport_sync_account_set_token (ctx->store, collection, token, ctag, error) ||
      !rapport_store_commit (ctx->store, error))
    {
      rapport_store_rollback (ctx->store);
      return FALSE;
    }
  if (g_str_equal (collection, RAPPORT_SYNC_ADDRESSBOOK))
    {
      g_free (ctx->account->addressbook_token);
      ctx->account->addressbook_token = g_strdup (token);
      g_free (ctx->account->addressbook_ctag);
      ctx->account->addressbook_ctag = g_strdup (ctag);
    }
  else
    {
      g_free (ctx->account->tasks_token);
      ctx->account->tasks_token = g_strdup (token);
      g_free (ctx->account->tasks_ctag);
      ctx->account->tasks_ctag = g_strdup (ctag);
    }
  return TRUE;
}

/* Without sync-collection: the collection's CTag, and only when it moved,
 * every object's ETag compared with the book's. */
static gboolean
pull_by_etags (RapportSyncContext  *ctx,
               const char          *collection,
               const char          *old_ctag,
               GError             **error)
{
  const char *url = _rapport_sync_collection_url (ctx, collection);
  g_autoptr(GPtrArray) top = NULL;
  g_autoptr(GPtrArray) listing = NULL;
  g_autoptr(GHashTable) known = NULL;
  g_autoptr(GPtrArray) fetch = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *ctag = NULL;
  GHashTableIter iter;
  gpointer href, etag;

  top = rapport_dav_client_propfind (ctx->client, url, 0, RAPPORT_DAV_PROP_GETCTAG,
                                     ctx->cancellable, error);
  if (top == NULL)
    return check_gone (collection, url, error), FALSE;
  for (guint i = 0; i < top->len && ctag == NULL; i++)
    ctag = g_strdup (((RapportDavResource *) g_ptr_array_index (top, i))->ctag);

  if (ctag != NULL && g_strcmp0 (ctag, old_ctag) == 0)
    {
      if (!add_unread (ctx, collection, fetch, error))
        return FALSE;
      return fetch_and_apply (ctx, collection, fetch, error);
    }

  listing = rapport_dav_client_propfind (ctx->client, url, 1,
                                         RAPPORT_DAV_PROP_GETETAG | RAPPORT_DAV_PROP_RESOURCETYPE,
                                         ctx->cancellable, error);
  if (listing == NULL)
    return check_gone (collection, url, error), FALSE;
  if ((known = rapport_sync_state_etags (ctx->store, collection, error)) == NULL)
    return FALSE;

  for (guint i = 0; i < listing->len; i++)
    {
      RapportDavResource *item = g_ptr_array_index (listing, i);
      const char *old;

      if ((item->type & RAPPORT_DAV_TYPE_COLLECTION) != 0 || item->etag == NULL)
        continue;
      g_hash_table_add (seen, item->href);
      old = g_hash_table_lookup (known, item->href);
      if (old == NULL || *old == '\0' || !g_str_equal (old, item->etag))
        g_ptr_array_add (fetch, g_strdup (item->href));
    }

  if (!fetch_and_apply (ctx, collection, fetch, error))
    return FALSE;

  g_hash_table_iter_init (&iter, known);
  while (g_hash_table_iter_next (&iter, &href, &etag))
    if (!g_hash_table_contains (seen, href) &&
        !_rapport_sync_apply_removed (ctx, collection, href, error))
      return FALSE;

  /* No token from now on: the next sync goes straight to the CTag. */
  return save_token (ctx, collection, NULL, ctag != NULL ? ctag : "", error);
}

/**
 * _rapport_sync_pull:
 * @collection: %RAPPORT_SYNC_ADDRESSBOOK or %RAPPORT_SYNC_TASKS
 *
 * Brings what changed in @collection since the last sync into the book.
 */
gboolean
_rapport_sync_pull (RapportSyncContext  *ctx,
                    const char          *collection,
                    GError             **error)
{
  gboolean addressbook = g_str_equal (collection, RAPPORT_SYNC_ADDRESSBOOK);
  const char *url = _rapport_sync_collection_url (ctx, collection);
  g_autofree char *token = g_strdup (addressbook ? ctx->account->addressbook_token
                                                 : ctx->account->tasks_token);
  const char *ctag = addressbook ? ctx->account->addressbook_ctag : ctx->account->tasks_ctag;
  gboolean retried = FALSE;

  /* A server known to lack sync-collection is not asked again. */
  if (token == NULL && ctag != NULL)
    return pull_by_etags (ctx, collection, ctag, error);

  for (;;)
    {
      g_autoptr(RapportDavChanges) changes = NULL;
      g_autoptr(GPtrArray) fetch = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GError) local_error = NULL;

      changes = rapport_dav_client_sync_collection (ctx->client, url, token, ctx->cancellable,
                                                    &local_error);
      if (changes == NULL)
        {
          if (g_error_matches (local_error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_TOKEN) && !retried)
            {
              /* Everything again: what is known already is skipped by ETag. */
              g_clear_pointer (&token, g_free);
              retried = TRUE;
              continue;
            }
          if (g_error_matches (local_error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_UNSUPPORTED))
            return pull_by_etags (ctx, collection, NULL, error);
          check_gone (collection, url, &local_error);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      for (guint i = 0; i < changes->changed->len; i++)
        {
          RapportDavResource *item = g_ptr_array_index (changes->changed, i);
          g_autoptr(RapportSyncResource) known = NULL;

          known = rapport_sync_state_find_by_href (ctx->store, collection, item->href, error);
          if (known == NULL && error != NULL && *error != NULL)
            return FALSE;
          /* Our own writes come back with the ETag the server gave us. */
          if (known != NULL && known->etag != NULL && g_strcmp0 (known->etag, item->etag) == 0)
            continue;
          g_ptr_array_add (fetch, g_strdup (item->href));
        }
      if (!add_unread (ctx, collection, fetch, error) ||
          !fetch_and_apply (ctx, collection, fetch, error))
        return FALSE;

      for (guint i = 0; i < changes->removed->len; i++)
        if (!_rapport_sync_apply_removed (ctx, collection, g_ptr_array_index (changes->removed, i), error))
          return FALSE;

      if (!save_token (ctx, collection, changes->token, NULL, error))
        return FALSE;
      if (!changes->truncated)
        return TRUE;
      g_free (token);
      token = g_strdup (changes->token);
    }
}
