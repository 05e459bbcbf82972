/* rapport-sync-state.h: what the book knows of the server, and what waits for it
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rapport-store.h"

G_BEGIN_DECLS

/* A sync_resource row: one object on the server as last agreed. */
typedef struct
{
  gint64  id;          /* 0: not stored yet */
  char   *collection;  /* "addressbook" or "tasks" */
  char   *href;
  char   *uid;
  char   *etag;
  char   *kind;        /* "customer", "follow_up", "interaction" or "other" */
  gint64  local_id;    /* 0: none (an object Rapport keeps but does not show) */
  char   *base;        /* the body both sides had then */
} RapportSyncResource;

void                 rapport_sync_resource_free   (RapportSyncResource *resource);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportSyncResource, rapport_sync_resource_free)

RapportSyncResource *rapport_sync_state_find_by_href  (RapportStore         *store,
                                                       const char           *collection,
                                                       const char           *href,
                                                       GError              **error);
RapportSyncResource *rapport_sync_state_find_by_uid   (RapportStore         *store,
                                                       const char           *kind,
                                                       const char           *uid,
                                                       GError              **error);
GHashTable          *rapport_sync_state_etags         (RapportStore         *store,
                                                       const char           *collection,
                                                       GError              **error);
gboolean             rapport_sync_state_record        (RapportStore         *store,
                                                       const RapportSyncResource *resource,
                                                       GError              **error);
gboolean             rapport_sync_state_forget        (RapportStore         *store,
                                                       const char           *collection,
                                                       const char           *href,
                                                       GError              **error);

/* A sync_outbox row: an item whose change waits for the server. */
typedef struct
{
  gint64  id;
  char   *kind;        /* "customer", "follow_up", "interaction" */
  char   *uid;
  gint64  local_id;    /* 0 for a deletion */
  gboolean delete;
  gint64  queued_seq;
} RapportSyncOutboxItem;

void       rapport_sync_outbox_item_free     (RapportSyncOutboxItem *item);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportSyncOutboxItem, rapport_sync_outbox_item_free)

GPtrArray *rapport_sync_state_outbox         (RapportStore         *store,
                                              guint                 limit,
                                              GError              **error);
guint      rapport_sync_state_outbox_count   (RapportStore         *store,
                                              GError              **error);
gint64     rapport_sync_state_outbox_seq     (RapportStore         *store,
                                              const char           *kind,
                                              const char           *uid,
                                              GError              **error);
gint64     rapport_sync_state_outbox_max_seq (RapportStore         *store,
                                              GError              **error);
gboolean   rapport_sync_state_outbox_done    (RapportStore         *store,
                                              const RapportSyncOutboxItem *item,
                                              GError              **error);
gboolean   rapport_sync_state_outbox_put     (RapportStore         *store,
                                              const char           *kind,
                                              const char           *uid,
                                              gint64                local_id,
                                              GError              **error);
gboolean   rapport_sync_state_outbox_drop_since (RapportStore      *store,
                                              const char           *kind,
                                              const char           *uid,
                                              gint64                after_seq,
                                              GError              **error);

/* A sync_conflict row: one field both sides changed differently. */
typedef struct
{
  gint64  id;
  char   *kind;
  gint64  local_id;
  char   *uid;
  char   *field;
  char   *local_value;
  char   *remote_value;
  gint64  created_at;
} RapportSyncConflict;

void       rapport_sync_conflict_free        (RapportSyncConflict *conflict);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportSyncConflict, rapport_sync_conflict_free)

gboolean   rapport_sync_state_add_conflict   (RapportStore         *store,
                                              const char           *kind,
                                              gint64                local_id,
                                              const char           *uid,
                                              const char           *field,
                                              const char           *local_value,
                                              const char           *remote_value,
                                              gint64                now,
                                              GError              **error);
GPtrArray *rapport_sync_state_conflicts      (RapportStore         *store,
                                              GError              **error);
guint      rapport_sync_state_conflict_count (RapportStore         *store,
                                              GError              **error);
RapportSyncConflict *rapport_sync_state_get_conflict (RapportStore   *store,
                                              gint64                id,
                                              GError              **error);
gboolean   rapport_sync_state_mark_resolved  (RapportStore         *store,
                                              gint64                id,
                                              gint64                now,
                                              GError              **error);

G_END_DECLS
