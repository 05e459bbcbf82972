/* rapport-sync-error.h: what can go wrong talking to a CardDAV/CalDAV server
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RAPPORT_SYNC_ERROR (rapport_sync_error_quark ())

/* Each message is a sentence a user can act on; none carries a password. */
typedef enum
{
  RAPPORT_SYNC_ERROR_AUTH,        /* the server refused the user name or password */
  RAPPORT_SYNC_ERROR_UNREACHABLE, /* no connection: refused, no such host, timed out, dropped */
  RAPPORT_SYNC_ERROR_NO_KEYRING,  /* no Secret Service to keep the password in */
  RAPPORT_SYNC_ERROR_SERVER,      /* a 5xx, or another status the request can't go on after */
  RAPPORT_SYNC_ERROR_PROTOCOL,    /* a malformed or unexpected answer, a redirect loop */
  RAPPORT_SYNC_ERROR_TOO_LARGE,   /* an answer over the size Rapport reads */
  RAPPORT_SYNC_ERROR_INSECURE,    /* plain http:// to another machine, not accepted */
  RAPPORT_SYNC_ERROR_NOT_SET_UP,  /* no sync account in this book */
  RAPPORT_SYNC_ERROR_GONE,        /* a collection deleted on the server */
  /* What the WebDAV client reports and the engine acts on. */
  RAPPORT_SYNC_ERROR_CHANGED,     /* 412: the item changed on the server; fetch, merge, retry */
  RAPPORT_SYNC_ERROR_TOKEN,       /* the sync token is no longer valid: sync everything again */
  RAPPORT_SYNC_ERROR_UNSUPPORTED, /* the server lacks sync-collection: compare ETags instead */
  RAPPORT_SYNC_ERROR_NOT_FOUND,   /* 404: no such item (any more) */
} RapportSyncError;

GQuark rapport_sync_error_quark (void);

G_END_DECLS
