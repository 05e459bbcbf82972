/* rapport-sync-task.h: a follow-up as one VTODO of a CalDAV task list
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rapport-playbook-settings.h"
#include "rapport-store.h"
#include "rapport-sync-ical.h"

G_BEGIN_DECLS

/* Times are Unix seconds (UTC); 0 is none. */
typedef struct
{
  char     *uid;
  char     *customer_uid;   /* NULL: the VTODO is not Rapport's (no customer named) */
  char     *customer_name;
  char     *kind;           /* a follow_up kind: "keep_in_touch" … */
  gint64    due_at;         /* 0: the VTODO has no DUE */
  gboolean  due_is_date;    /* the VTODO's DUE was a date without a time */
  char     *state;          /* "due", "snoozed", "done", "skipped" */
  gint64    snoozed_until;
  char     *reason;
  gint64    completed_at;
  char     *created_by;     /* "playbook", "user" */
} RapportSyncTask;

/* The task's fields by name, for the merge and for a conflict's values. */
extern const char * const rapport_sync_task_fields[];

RapportSyncTask *rapport_sync_task_new        (void);
RapportSyncTask *rapport_sync_task_copy       (const RapportSyncTask  *task);
void             rapport_sync_task_free       (RapportSyncTask        *task);
gboolean         rapport_sync_task_equal      (const RapportSyncTask  *a,
                                               const RapportSyncTask  *b);
char            *rapport_sync_task_get_field  (const RapportSyncTask  *task,
                                               const char             *field);
gboolean         rapport_sync_task_set_field  (RapportSyncTask        *task,
                                               const char             *field,
                                               const char             *value,
                                               GError                **error);

char            *rapport_sync_task_to_ical    (const RapportSyncTask  *task,
                                               const char             *previous);
RapportSyncTask *rapport_sync_task_from_ical  (const char             *display_name,
                                               const char             *data,
                                               gsize                   length,
                                               GError                **error);

RapportSyncTask *rapport_sync_task_read       (RapportStore           *store,
                                               gint64                  follow_up_id,
                                               GError                **error);
gboolean         rapport_sync_task_find       (RapportStore           *store,
                                               const char             *uid,
                                               gint64                 *follow_up_id,
                                               GError                **error);
gboolean         rapport_sync_task_apply      (RapportStore                   *store,
                                               const RapportSyncTask          *task,
                                               const RapportPlaybookSettings  *settings,
                                               gint64                          now,
                                               gint64                         *follow_up_id,
                                               RapportSyncApply               *outcome,
                                               GError                        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportSyncTask, rapport_sync_task_free)

G_END_DECLS
