/* rapport-dav-client.h: a WebDAV, CardDAV and CalDAV client over libsoup 3
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What a PROPFIND asks for. */
typedef enum
{
  RAPPORT_DAV_PROP_RESOURCETYPE           = 1 << 0,
  RAPPORT_DAV_PROP_DISPLAYNAME            = 1 << 1,
  RAPPORT_DAV_PROP_GETETAG                = 1 << 2,
  RAPPORT_DAV_PROP_GETCTAG                = 1 << 3, /* calendarserver.org's, the fallback to sync tokens */
  RAPPORT_DAV_PROP_SYNC_TOKEN             = 1 << 4,
  RAPPORT_DAV_PROP_CURRENT_USER_PRINCIPAL = 1 << 5,
  RAPPORT_DAV_PROP_ADDRESSBOOK_HOME_SET   = 1 << 6,
  RAPPORT_DAV_PROP_CALENDAR_HOME_SET      = 1 << 7,
  RAPPORT_DAV_PROP_SUPPORTED_COMPONENTS   = 1 << 8,
} RapportDavProps;

typedef enum
{
  RAPPORT_DAV_TYPE_COLLECTION  = 1 << 0,
  RAPPORT_DAV_TYPE_ADDRESSBOOK = 1 << 1,
  RAPPORT_DAV_TYPE_CALENDAR    = 1 << 2,
  RAPPORT_DAV_TYPE_PRINCIPAL   = 1 << 3,
} RapportDavType;

typedef enum
{
  RAPPORT_DAV_COMPONENT_VEVENT   = 1 << 0,
  RAPPORT_DAV_COMPONENT_VTODO    = 1 << 1,
  RAPPORT_DAV_COMPONENT_VJOURNAL = 1 << 2,
} RapportDavComponents;

/* One <response> of a multistatus.  Every URL in it is absolute,
 * resolved against the request's; unset fields are NULL or 0. */
typedef struct
{
  char                 *href;
  guint                 status;           /* 200, or 404 for an item that is gone */
  char                 *etag;             /* verbatim, quotes and all, as If-Match wants it */
  char                 *data;             /* address-data or calendar-data of a multiget; lines may
                                           * end in LF alone (XML turns CR LF into LF) */
  char                 *displayname;
  RapportDavType        type;
  RapportDavComponents  components;       /* a calendar's supported ones; 0 if it does not say */
  char                 *ctag;
  char                 *sync_token;
  char                 *principal;        /* current-user-principal */
  char                 *addressbook_home;
  char                 *calendar_home;
} RapportDavResource;

void rapport_dav_resource_free (RapportDavResource *resource);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportDavResource, rapport_dav_resource_free)

/* What a REPORT sync-collection says changed since a token. */
typedef struct
{
  GPtrArray *changed;   /* RapportDavResource: href and etag */
  GPtrArray *removed;   /* char *: absolute URLs */
  char      *token;     /* the token to send next time */
  gboolean   truncated; /* the server sent part of the changes: ask again with token */
} RapportDavChanges;

void rapport_dav_changes_free (RapportDavChanges *changes);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportDavChanges, rapport_dav_changes_free)

#define RAPPORT_DAV_MAX_BODY_DEFAULT (32 * 1024 * 1024)

#define RAPPORT_TYPE_DAV_CLIENT (rapport_dav_client_get_type ())

G_DECLARE_FINAL_TYPE (RapportDavClient, rapport_dav_client, RAPPORT, DAV_CLIENT, GObject)

RapportDavClient  *rapport_dav_client_new                (const char            *user,
                                                          const char            *password);
const char        *rapport_dav_client_get_user           (RapportDavClient      *self);
gboolean           rapport_dav_client_get_accept_insecure (RapportDavClient     *self);
void               rapport_dav_client_set_accept_insecure (RapportDavClient     *self,
                                                          gboolean               accept_insecure);
gsize              rapport_dav_client_get_max_body       (RapportDavClient      *self);
void               rapport_dav_client_set_max_body       (RapportDavClient      *self,
                                                          gsize                  max_body);
guint              rapport_dav_client_get_requests       (RapportDavClient      *self);
guint64            rapport_dav_client_get_bytes_sent     (RapportDavClient      *self);
guint64            rapport_dav_client_get_bytes_received (RapportDavClient      *self);

gboolean           rapport_dav_url_is_local              (const char            *url);
gboolean           rapport_dav_client_check_url          (RapportDavClient      *self,
                                                          const char            *url,
                                                          GError               **error);

GPtrArray         *rapport_dav_client_propfind           (RapportDavClient      *self,
                                                          const char            *url,
                                                          guint                  depth,
                                                          RapportDavProps        props,
                                                          GCancellable          *cancellable,
                                                          GError               **error);
RapportDavChanges *rapport_dav_client_sync_collection    (RapportDavClient      *self,
                                                          const char            *collection_url,
                                                          const char            *token,
                                                          GCancellable          *cancellable,
                                                          GError               **error);
GPtrArray         *rapport_dav_client_multiget           (RapportDavClient      *self,
                                                          const char            *collection_url,
                                                          RapportDavType         kind,
                                                          const char * const    *hrefs,
                                                          GCancellable          *cancellable,
                                                          GError               **error);
char              *rapport_dav_client_get                (RapportDavClient      *self,
                                                          const char            *url,
                                                          char                 **etag,
                                                          GCancellable          *cancellable,
                                                          GError               **error);
gboolean           rapport_dav_client_put                (RapportDavClient      *self,
                                                          const char            *url,
                                                          const char            *body,
                                                          const char            *content_type,
                                                          const char            *if_match,
                                                          char                 **etag,
                                                          GCancellable          *cancellable,
                                                          GError               **error);
gboolean           rapport_dav_client_delete             (RapportDavClient      *self,
                                                          const char            *url,
                                                          const char            *if_match,
                                                          GCancellable          *cancellable,
                                                          GError               **error);
gboolean           rapport_dav_client_make_addressbook   (RapportDavClient      *self,
                                                          const char            *url,
                                                          const char            *displayname,
                                                          GCancellable          *cancellable,
                                                          GError               **error);
gboolean           rapport_dav_client_make_calendar      (RapportDavClient      *self,
                                                          const char            *url,
                                                          const char            *displayname,
                                                          RapportDavComponents   components,
                                                          GCancellable          *cancellable,
                                                          GError               **error);

G_END_DECLS
