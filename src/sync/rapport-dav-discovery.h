/* rapport-dav-discovery.h: from a server address to Rapport's address book and task list
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rapport-dav-client.h"

G_BEGIN_DECLS

/* The names Rapport gives the collections it creates, and looks for.  Not
 * translated: every laptop of a team must find the same ones. */
#define RAPPORT_DAV_ADDRESSBOOK_NAME "Rapport customers"
#define RAPPORT_DAV_TASKS_NAME       "Rapport check-ins"
#define RAPPORT_DAV_ADDRESSBOOK_SLUG "rapport-customers"
#define RAPPORT_DAV_TASKS_SLUG       "rapport-check-ins"

typedef struct
{
  char                 *url;
  char                 *displayname;   /* may be NULL */
  RapportDavComponents  components;    /* a calendar's; 0 if the server does not say */
} RapportDavCollection;

typedef struct
{
  char      *principal;
  char      *addressbook_home;   /* NULL: the server has no CardDAV */
  char      *calendar_home;      /* NULL: the server has no CalDAV */
  GPtrArray *addressbooks;       /* RapportDavCollection */
  GPtrArray *task_lists;         /* RapportDavCollection: calendars that can hold VTODOs */
} RapportDavDiscovery;

void rapport_dav_collection_free (RapportDavCollection *collection);
void rapport_dav_discovery_free  (RapportDavDiscovery  *discovery);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportDavCollection, rapport_dav_collection_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportDavDiscovery, rapport_dav_discovery_free)

RapportDavDiscovery  *rapport_dav_discover                 (RapportDavClient     *client,
                                                            const char           *url,
                                                            GCancellable         *cancellable,
                                                            GError              **error);
RapportDavCollection *rapport_dav_discovery_find           (RapportDavDiscovery  *discovery,
                                                            RapportDavType        kind);
gboolean              rapport_dav_discovery_ensure         (RapportDavClient     *client,
                                                            RapportDavDiscovery  *discovery,
                                                            char                **addressbook_url,
                                                            char                **tasks_url,
                                                            GCancellable         *cancellable,
                                                            GError              **error);

G_END_DECLS
