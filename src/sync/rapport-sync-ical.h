/* rapport-sync-ical.h: what the VTODO and VJOURNAL mappings share
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <libical/ical.h>

G_BEGIN_DECLS

/* The largest calendar object read: a check-in or a contact is a few
 * hundred bytes; anything this large is refused before it is parsed. */
#define RAPPORT_SYNC_ICAL_MAX (1024 * 1024)

/* What applying a server's item did to the book. */
typedef enum
{
  RAPPORT_SYNC_APPLY_UNCHANGED,  /* the book already said the same */
  RAPPORT_SYNC_APPLY_CHANGED,    /* an item of the book was changed */
  RAPPORT_SYNC_APPLY_ADDED,      /* a new item was added to the book */
  RAPPORT_SYNC_APPLY_IGNORED,    /* not Rapport's: no customer of the book */
} RapportSyncApply;

icalcomponent_kind  rapport_sync_ical_kind          (const char          *data,
                                                     gsize                length);

/* For rapport-sync-task.c and rapport-sync-journal.c. */
icalcomponent      *rapport_sync_ical_parse         (const char          *display_name,
                                                     const char          *data,
                                                     gsize                length,
                                                     icalcomponent_kind   kind,
                                                     icalcomponent      **master,
                                                     GError             **error);
icalcomponent      *rapport_sync_ical_reuse         (const char          *previous,
                                                     icalcomponent_kind   kind,
                                                     icalcomponent      **master);
char               *rapport_sync_ical_to_string     (icalcomponent       *calendar);
gboolean            rapport_sync_ical_check_error   (const char          *display_name,
                                                     icalcomponent       *master,
                                                     const char          *property,
                                                     GError             **error);
gint64              rapport_sync_ical_to_unix       (struct icaltimetype  t);
struct icaltimetype rapport_sync_ical_from_unix     (gint64               t);
const char         *rapport_sync_ical_get_x         (icalcomponent       *component,
                                                     const char          *name);
void                rapport_sync_ical_set_x         (icalcomponent       *component,
                                                     const char          *name,
                                                     const char          *value);
void                rapport_sync_ical_replace       (icalcomponent       *component,
                                                     icalproperty        *property);
void                rapport_sync_ical_remove_all    (icalcomponent       *component,
                                                     icalproperty_kind    kind);
void                rapport_sync_ical_stamp         (icalcomponent       *master,
                                                     const char          *uid);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (icalcomponent, icalcomponent_free)

G_END_DECLS
