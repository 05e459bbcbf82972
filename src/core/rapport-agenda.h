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

void        rapport_due_item_free          (RapportDueItem *item);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportDueItem, rapport_due_item_free)

GPtrArray  *rapport_agenda_list_due        (RapportStore  *store,
                                            gint64         until,
                                            GError       **error);
GPtrArray  *rapport_agenda_list_due_first  (RapportStore  *store,
                                            gint64         until,
                                            int            limit,
                                            guint         *n_due,
                                            GError       **error);
GPtrArray  *rapport_agenda_list_due_since  (RapportStore  *store,
                                            gint64         after,
                                            gint64         after_id,
                                            gint64         until,
                                            GError       **error);
GArray     *rapport_agenda_list_due_ids    (RapportStore  *store,
                                            gint64         until,
                                            gint64         last_id,
                                            int            limit,
                                            GError       **error);
GPtrArray  *rapport_agenda_list_open_among (RapportStore  *store,
                                            const gint64  *ids,
                                            guint          n_ids,
                                            GError       **error);
gboolean    rapport_agenda_get_last_id     (RapportStore  *store,
                                            gint64        *id,
                                            GError       **error);
gboolean    rapport_agenda_track_moves     (RapportStore  *store,
                                            GError       **error);
gboolean    rapport_agenda_forget_moves    (RapportStore  *store,
                                            GError       **error);
GPtrArray  *rapport_agenda_list_open       (RapportStore  *store,
                                            GError       **error);
GPtrArray  *rapport_agenda_list_for_customer (RapportStore *store,
                                              gint64        customer_id,
                                              GError      **error);
gint64      rapport_agenda_end_of_today    (gint64         now);
const char *rapport_follow_up_kind_label   (const char    *kind);

G_END_DECLS
