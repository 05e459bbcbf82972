/* rapport-dav-xml-private.h: WebDAV request bodies and multistatus answers, through libxml2
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rapport-dav-client.h"

G_BEGIN_DECLS

#define RAPPORT_DAV_NS_DAV     "DAV:"
#define RAPPORT_DAV_NS_CARDDAV "urn:ietf:params:xml:ns:carddav"
#define RAPPORT_DAV_NS_CALDAV  "urn:ietf:params:xml:ns:caldav"
#define RAPPORT_DAV_NS_CS      "http://calendarserver.org/ns/"

GBytes    *_rapport_dav_xml_propfind          (RapportDavProps        props);
GBytes    *_rapport_dav_xml_sync_collection   (const char            *token);
GBytes    *_rapport_dav_xml_multiget          (RapportDavType         kind,
                                               const char * const    *paths);
GBytes    *_rapport_dav_xml_mkcol_addressbook (const char            *displayname);
GBytes    *_rapport_dav_xml_mkcalendar        (const char            *displayname,
                                               RapportDavComponents   components);

GPtrArray *_rapport_dav_xml_parse_multistatus (GBytes                *body,
                                               GUri                  *base,
                                               char                 **sync_token,
                                               GError               **error);
gboolean   _rapport_dav_xml_is_error          (GBytes                *body,
                                               const char            *ns,
                                               const char            *condition);

G_END_DECLS
