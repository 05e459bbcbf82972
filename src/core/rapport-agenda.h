/* rapport-agenda.h: open follow-ups, read from the book
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rapport-store.h"

G_BEGIN_DECLS

typedef struct
{
  gint64  id;
  gint64  customer_id;
  char   *customer_name;
  char   *kind;          /* as stored: "delivery_check_in" … */
  gint64  due_at;        /* effective: the snooze end if snoozed */
  char   *reason;
  gint64  overdue_at;    /* 0: the end of due_at's local day */
  gboolean snoozed;
  gboolean by_playbook;  /* created by the playbook, which may move it */
} RapportDueItem;

/* Where a reader of the agenda stopped: it has read every open follow-up
 * due by @until, and every one that opened or moved (in any process) up to
 * the book's move number @last_move.  @last_id, the highest follow-up id
 * then, bounds a backlog read as its first few items and a count. */
typedef struct
{
  gint64 until;
  gint64 last_id;
  gint64 last_move;
} RapportAgendaMark;

void        rapport_due_item_free          (RapportDueItem *item);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportDueItem, rapport_due_item_free)

typedef void (*RapportDueItemFunc) (const RapportDueItem *item,
                                    gpointer              user_data);

GPtrArray  *rapport_agenda_list_due        (RapportStore  *store,
                                            gint64         until,
                                            GError       **error);
gboolean    rapport_agenda_foreach_due     (RapportStore        *store,
                                            gint64               until,
                                            RapportDueItemFunc   func,
                                            gpointer             user_data,
                                            GError             **error);
GPtrArray  *rapport_agenda_list_due_first  (RapportStore  *store,
                                            gint64         until,
                                            int            limit,
                                            guint         *n_due,
                                            GError       **error);
GPtrArray  *rapport_agenda_list_due_since  (RapportStore             *store,
                                            const RapportAgendaMark  *mark,
                                            gint64                    until,
                                            GError                  **error);
GArray     *rapport_agenda_list_due_ids    (RapportStore  *store,
                                            gint64         until,
                                            gint64         last_id,
                                            int            limit,
                                            GError       **error);
GPtrArray  *rapport_agenda_list_open_among (RapportStore  *store,
                                            const gint64  *ids,
                                            guint          n_ids,
                                            GError       **error);
gboolean    rapport_agenda_get_mark        (RapportStore       *store,
                                            gint64              until,
                                            RapportAgendaMark  *mark,
                                            GError            **error);
GPtrArray  *rapport_agenda_list_open       (RapportStore  *store,
                                            GError       **error);
GPtrArray  *rapport_agenda_list_for_customer (RapportStore *store,
                                              gint64        customer_id,
                                              GError      **error);
gint64      rapport_agenda_end_of_today    (gint64         now);
const char *rapport_follow_up_kind_label   (const char    *kind);

G_END_DECLS
