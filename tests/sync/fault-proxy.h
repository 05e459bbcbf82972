/* fault-proxy.h: an HTTP proxy in front of Radicale that can misbehave on cue
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  FAULT_PROXY_ERROR_500,          /* "500 Internal Server Error", nothing forwarded */
  FAULT_PROXY_DROP_REQUEST,       /* the connection closed before the request is read: nothing forwarded */
  FAULT_PROXY_DROP_RESPONSE,      /* forwarded, then the connection closed halfway through the answer */
  FAULT_PROXY_TRUNCATE,           /* forwarded; the answer's body cut in half, its length saying so */
  FAULT_PROXY_HUGE,               /* a 207 of 50 MB with its Content-Length, nothing forwarded */
  FAULT_PROXY_HUGE_CHUNKED,       /* the same sent chunked, its length known only at the end */
  FAULT_PROXY_REDIRECT_LOOP,      /* "301 Moved Permanently" to the same address */
  FAULT_PROXY_MALFORMED_XML,      /* forwarded; the answer's body replaced with broken XML */
  FAULT_PROXY_NO_SYNC_COLLECTION, /* REPORT sync-collection refused as a server without it */
  FAULT_PROXY_ANSWER,             /* an answer of the test's own (fault_proxy_inject_answer()) */
} FaultProxyFault;

#define FAULT_PROXY_HUGE_SIZE (50 * 1024 * 1024)

typedef struct _FaultProxy FaultProxy;

FaultProxy *fault_proxy_start             (const char      *upstream,
                                           GError         **error);
FaultProxy *fault_proxy_start_tls         (const char      *upstream,
                                           const char      *pem,
                                           GError         **error);
const char *fault_proxy_get_url           (FaultProxy      *proxy);
void        fault_proxy_inject            (FaultProxy      *proxy,
                                           FaultProxyFault  fault,
                                           const char      *method,
                                           guint            nth,
                                           guint            times);
void        fault_proxy_inject_answer     (FaultProxy      *proxy,
                                           const char      *method,
                                           guint            nth,
                                           guint            status,
                                           const char      *content_type,
                                           const char      *body);
void        fault_proxy_require_digest    (FaultProxy      *proxy,
                                           const char      *user,
                                           const char      *password);
void        fault_proxy_set_date_skew     (FaultProxy      *proxy,
                                           gint64           seconds);
void        fault_proxy_clear             (FaultProxy      *proxy);
guint       fault_proxy_get_requests      (FaultProxy      *proxy);
guint       fault_proxy_get_faults_served (FaultProxy      *proxy);
void        fault_proxy_stop              (FaultProxy      *proxy);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FaultProxy, fault_proxy_stop)

G_END_DECLS
