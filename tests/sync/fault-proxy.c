/* fault-proxy.c: an HTTP proxy in front of Radicale that can misbehave on cue
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A SoupServer on 127.0.0.1 at a free port, in a thread of its own (the
 * sync code under test blocks its thread on the network), forwarding each
 * request to Radicale unchanged until a test injects a fault: then the
 * chosen request fails the way real servers and networks fail.  Faults are
 * matched by method and counted per fault, so a test can say "the third
 * PUT from now drops the connection" without counting the GETs around it.
 */

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "fault-proxy.h"

#define HUGE_CHUNK (1024 * 1024)

typedef struct
{
  FaultProxyFault  fault;
  char            *method;  /* NULL: any */
  guint            skip;    /* matching requests to let through first */
  guint            times;   /* how many it then fails; 0: all */
  guint            served;
  guint            status;        /* FAULT_PROXY_ANSWER's */
  char            *content_type;
  char            *body;
} Fault;

struct _FaultProxy
{
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  SoupServer   *server;
  SoupSession  *session;
  char         *upstream;
  char         *url;
  GTlsCertificate *certificate;
  GError       *start_error;

  GMutex        lock;
  GCond         started;
  gboolean      ready;
  GPtrArray    *faults;
  guint         requests;
  guint         faults_served;
  gint64        date_skew;
  char         *digest_user;     /* set once, with the domain, before a request needs them */
  char         *digest_password;
  SoupAuthDomain *digest;
};

static const char *hop_by_hop[] = {
  "Connection", "Keep-Alive", "Transfer-Encoding", "Content-Length", "Content-Encoding",
  "Host", "Accept-Encoding", "Proxy-Connection", "TE", "Trailer", "Upgrade",
};

static void
fault_free (Fault *fault)
{
  g_free (fault->method);
  g_free (fault->content_type);
  g_free (fault->body);
  g_free (fault);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Fault, fault_free)

static gboolean
is_hop_by_hop (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (hop_by_hop); i++)
    if (g_ascii_strcasecmp (name, hop_by_hop[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_sync_collection (SoupServerMessage *message)
{
  g_autoptr(GBytes) body = NULL;
  gsize length = 0;
  const char *data;

  if (g_strcmp0 (soup_server_message_get_method (message), "REPORT") != 0)
    return FALSE;
  body = soup_message_body_flatten (soup_server_message_get_request_body (message));
  data = g_bytes_get_data (body, &length);
  return data != NULL && memmem (data, length, "sync-collection", strlen ("sync-collection")) != NULL;
}

/* The fault this request meets, if any: only faults that can act at
 * @early (before the body is read) or only those that can't.  @answer
 * gets a copy of a FAULT_PROXY_ANSWER's. */
static gboolean
take_fault (FaultProxy        *proxy,
            SoupServerMessage *message,
            gboolean           early,
            FaultProxyFault   *out,
            Fault            **answer)
{
  const char *method = soup_server_message_get_method (message);
  gboolean found = FALSE;

  g_mutex_lock (&proxy->lock);
  if (!early)
    proxy->requests++;
  for (guint i = 0; i < proxy->faults->len; i++)
    {
      Fault *fault = g_ptr_array_index (proxy->faults, i);

      if ((fault->fault == FAULT_PROXY_DROP_REQUEST) != early)
        continue;
      if (fault->method != NULL && g_ascii_strcasecmp (fault->method, method) != 0)
        continue;
      if (fault->fault == FAULT_PROXY_NO_SYNC_COLLECTION && !is_sync_collection (message))
        continue;
      if (fault->skip > 0)
        {
          fault->skip--;
          continue;
        }
      if (fault->times != 0 && fault->served >= fault->times)
        continue;
      fault->served++;
      proxy->faults_served++;
      *out = fault->fault;
      if (answer != NULL && fault->fault == FAULT_PROXY_ANSWER)
        {
          *answer = g_new0 (Fault, 1);
          (*answer)->status = fault->status;
          (*answer)->content_type = g_strdup (fault->content_type);
          (*answer)->body = g_strdup (fault->body);
        }
      found = TRUE;
      break;
    }
  g_mutex_unlock (&proxy->lock);
  return found;
}

static void
drop (SoupServerMessage *message,
      const char        *head,
      const void        *body,
      gsize              length)
{
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (message);
  GOutputStream *out = g_io_stream_get_output_stream (stream);

  if (head != NULL)
    g_output_stream_write_all (out, head, strlen (head), NULL, NULL, NULL);
  if (length > 0)
    g_output_stream_write_all (out, body, length, NULL, NULL, NULL);
  g_output_stream_flush (out, NULL, NULL);
  g_io_stream_close (stream, NULL, NULL);
}

static void
on_early (SoupServer        *server,
          SoupServerMessage *message,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  FaultProxy *proxy = user_data;
  FaultProxyFault fault;

  /* Mid-upload: the client is sending, or has sent, a body never read.
   * The socket is shut, not stolen, so the server cleans up as after any
   * network failure. */
  if (take_fault (proxy, message, TRUE, &fault, NULL))
    {
      g_object_set_data (G_OBJECT (message), "fault-proxy-dropped", GINT_TO_POINTER (TRUE));
      g_socket_shutdown (soup_server_message_get_socket (message), TRUE, TRUE, NULL);
    }
}

typedef struct
{
  gsize left;
} Huge;

static void
append_huge_chunk (SoupServerMessage *message,
                   Huge              *huge)
{
  SoupMessageBody *body = soup_server_message_get_response_body (message);
  gsize size = MIN (huge->left, HUGE_CHUNK);
  char *chunk;

  if (size == 0)
    {
      soup_message_body_complete (body);
      return;
    }
  /* Valid XML all along, so only the size can stop a reader. */
  chunk = g_malloc (size);
  memset (chunk, ' ', size);
  soup_message_body_append_take (body, (guchar *) chunk, size);
  huge->left -= size;
}

static void
serve_huge (SoupServerMessage *message,
            gboolean           chunked)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);
  SoupMessageBody *body = soup_server_message_get_response_body (message);
  static const char start[] = "<?xml version='1.0' encoding='utf-8'?><multistatus xmlns='DAV:'>";
  Huge *huge = g_new0 (Huge, 1);

  soup_server_message_set_status (message, SOUP_STATUS_MULTI_STATUS, NULL);
  soup_message_headers_set_content_type (headers, "text/xml; charset=utf-8", NULL);
  if (chunked)
    soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  else
    soup_message_headers_set_content_length (headers, FAULT_PROXY_HUGE_SIZE);
  soup_message_body_set_accumulate (body, FALSE);
  soup_message_body_append (body, SOUP_MEMORY_STATIC, start, strlen (start));
  huge->left = FAULT_PROXY_HUGE_SIZE - strlen (start);
  g_object_set_data_full (G_OBJECT (message), "fault-proxy-huge", huge, g_free);
  g_signal_connect (message, "wrote-chunk", G_CALLBACK (append_huge_chunk), huge);
  append_huge_chunk (message, huge);
}

static SoupMessage *
upstream_message (FaultProxy        *proxy,
                  SoupServerMessage *message)
{
  GUri *uri = soup_server_message_get_uri (message);
  g_autofree char *target = NULL;
  g_autoptr(GBytes) body = NULL;
  SoupMessageHeadersIter iter;
  const char *name;
  const char *value;
  SoupMessage *forward;

  target = g_strconcat (proxy->upstream, g_uri_get_path (uri),
                        g_uri_get_query (uri) != NULL ? "?" : "",
                        g_uri_get_query (uri) != NULL ? g_uri_get_query (uri) : "", NULL);
  forward = soup_message_new (soup_server_message_get_method (message), target);
  soup_message_add_flags (forward, SOUP_MESSAGE_NO_REDIRECT);
  soup_message_headers_iter_init (&iter, soup_server_message_get_request_headers (message));
  while (soup_message_headers_iter_next (&iter, &name, &value))
    if (!is_hop_by_hop (name))
      soup_message_headers_append (soup_message_get_request_headers (forward), name, value);
  body = soup_message_body_flatten (soup_server_message_get_request_body (message));
  if (g_bytes_get_size (body) > 0)
    soup_message_set_request_body_from_bytes (forward, NULL, body);
  /* Digest ends here; Radicale knows Basic only. */
  if (proxy->digest_user != NULL)
    {
      g_autofree char *credentials = g_strconcat (proxy->digest_user, ":", proxy->digest_password, NULL);
      g_autofree char *encoded = g_base64_encode ((const guchar *) credentials, strlen (credentials));
      g_autofree char *basic = g_strconcat ("Basic ", encoded, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (forward), "Authorization", basic);
    }
  return forward;
}

static void
copy_answer (FaultProxy        *proxy,
             SoupMessage       *forward,
             SoupServerMessage *message,
             GBytes            *body)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);
  SoupMessageHeadersIter iter;
  const char *name;
  const char *value;
  gint64 skew;

  soup_server_message_set_status (message, soup_message_get_status (forward), NULL);
  soup_message_headers_iter_init (&iter, soup_message_get_response_headers (forward));
  while (soup_message_headers_iter_next (&iter, &name, &value))
    if (!is_hop_by_hop (name))
      soup_message_headers_append (headers, name, value);
  g_mutex_lock (&proxy->lock);
  skew = proxy->date_skew;
  g_mutex_unlock (&proxy->lock);
  if (skew != 0)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autoptr(GDateTime) skewed = g_date_time_add_seconds (now, (gdouble) skew);
      g_autofree char *date = g_date_time_format (skewed, "%a, %d %b %Y %H:%M:%S GMT");

      soup_message_headers_replace (headers, "Date", date);
    }
  if (g_bytes_get_size (body) > 0)
    soup_message_body_append_bytes (soup_server_message_get_response_body (message), body);
}

static char *
raw_head (SoupMessage *forward,
          gsize        length)
{
  GString *head = g_string_new (NULL);
  SoupMessageHeadersIter iter;
  const char *name;
  const char *value;

  g_string_append_printf (head, "HTTP/1.1 %u %s\r\n", soup_message_get_status (forward),
                          soup_message_get_reason_phrase (forward));
  soup_message_headers_iter_init (&iter, soup_message_get_response_headers (forward));
  while (soup_message_headers_iter_next (&iter, &name, &value))
    if (!is_hop_by_hop (name))
      g_string_append_printf (head, "%s: %s\r\n", name, value);
  /* The full length promised, so the client waits for bytes that never come. */
  g_string_append_printf (head, "Content-Length: %" G_GSIZE_FORMAT "\r\nConnection: close\r\n\r\n",
                          MAX (length, 2));
  return g_string_free (head, FALSE);
}

static void
on_request (SoupServer        *server,
            SoupServerMessage *message,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  static const char broken[] = "<?xml version='1.0' encoding='utf-8'?>\n"
                               "<multistatus xmlns='DAV:'><response><href>/broken</href>"
                               "<propstat><prop><getetag>\"x\"</getetag></prop><status>HTTP/1.1 200 OK"
                               "</propstat></response><</multistatus>";
  FaultProxy *proxy = user_data;
  g_autoptr(SoupMessage) forward = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(Fault) answer = NULL;
  g_autoptr(SoupAuthDomain) digest = NULL;
  FaultProxyFault fault;
  gboolean faulty;

  /* A body may have been read before the socket was shut: it stays unread. */
  if (g_object_get_data (G_OBJECT (message), "fault-proxy-dropped") != NULL)
    return;
  g_mutex_lock (&proxy->lock);
  digest = proxy->digest != NULL ? g_object_ref (proxy->digest) : NULL;
  g_mutex_unlock (&proxy->lock);
  if (digest != NULL)
    {
      g_autofree char *user = soup_auth_domain_accepts (digest, message);

      if (user == NULL)
        {
          soup_auth_domain_challenge (digest, message);
          return;
        }
    }
  faulty = take_fault (proxy, message, FALSE, &fault, &answer);
  if (faulty && fault == FAULT_PROXY_ANSWER)
    {
      soup_server_message_set_status (message, answer->status, NULL);
      soup_server_message_set_response (message, answer->content_type, SOUP_MEMORY_COPY,
                                        answer->body, strlen (answer->body));
      return;
    }

  if (faulty && fault == FAULT_PROXY_ERROR_500)
    {
      soup_server_message_set_status (message, SOUP_STATUS_INTERNAL_SERVER_ERROR, NULL);
      soup_server_message_set_response (message, "text/plain", SOUP_MEMORY_STATIC, "injected", 8);
      return;
    }
  if (faulty && fault == FAULT_PROXY_REDIRECT_LOOP)
    {
      g_autofree char *self = g_uri_to_string (soup_server_message_get_uri (message));

      soup_server_message_set_redirect (message, SOUP_STATUS_MOVED_PERMANENTLY, self);
      return;
    }
  if (faulty && fault == FAULT_PROXY_NO_SYNC_COLLECTION)
    {
      static const char refusal[] = "<?xml version='1.0' encoding='utf-8'?>\n"
                                    "<error xmlns='DAV:'><supported-report/></error>";

      soup_server_message_set_status (message, SOUP_STATUS_FORBIDDEN, NULL);
      soup_server_message_set_response (message, "text/xml; charset=utf-8", SOUP_MEMORY_STATIC,
                                        refusal, strlen (refusal));
      return;
    }
  if (faulty && (fault == FAULT_PROXY_HUGE || fault == FAULT_PROXY_HUGE_CHUNKED))
    {
      serve_huge (message, fault == FAULT_PROXY_HUGE_CHUNKED);
      return;
    }

  forward = upstream_message (proxy, message);
  body = soup_session_send_and_read (proxy->session, forward, NULL, &error);
  if (body == NULL)
    {
      soup_server_message_set_status (message, SOUP_STATUS_BAD_GATEWAY, error->message);
      return;
    }
  if (faulty && fault == FAULT_PROXY_DROP_RESPONSE)
    {
      g_autofree char *head = raw_head (forward, g_bytes_get_size (body));

      drop (message, head, g_bytes_get_data (body, NULL), g_bytes_get_size (body) / 2);
      return;
    }
  if (faulty && fault == FAULT_PROXY_TRUNCATE)
    {
      GBytes *half = g_bytes_new_from_bytes (body, 0, g_bytes_get_size (body) / 2);

      g_bytes_unref (body);
      body = half;
    }
  else if (faulty && fault == FAULT_PROXY_MALFORMED_XML)
    {
      g_bytes_unref (body);
      body = g_bytes_new_static (broken, strlen (broken));
    }
  copy_answer (proxy, forward, message, body);
}

static gpointer
run (gpointer data)
{
  FaultProxy *proxy = data;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (proxy->context);
  proxy->server = soup_server_new ("server-header", "fault-proxy",
                                   "tls-certificate", proxy->certificate, NULL);
  proxy->session = soup_session_new_with_options ("proxy-resolver", NULL, "timeout", 120, NULL);
  soup_server_add_early_handler (proxy->server, NULL, on_early, proxy, NULL);
  soup_server_add_handler (proxy->server, NULL, on_request, proxy, NULL);
  if (soup_server_listen_local (proxy->server, 0,
                                SOUP_SERVER_LISTEN_IPV4_ONLY |
                                (proxy->certificate != NULL ? SOUP_SERVER_LISTEN_HTTPS : 0),
                                &error))
    {
      uris = soup_server_get_uris (proxy->server);
      proxy->url = g_strdup_printf ("%s://127.0.0.1:%d/", proxy->certificate != NULL ? "https" : "http",
                                    g_uri_get_port (uris->data));
      g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
    }
  g_mutex_lock (&proxy->lock);
  proxy->start_error = g_steal_pointer (&error);
  proxy->ready = TRUE;
  g_cond_signal (&proxy->started);
  g_mutex_unlock (&proxy->lock);

  if (proxy->url != NULL)
    g_main_loop_run (proxy->loop);

  soup_server_disconnect (proxy->server);
  g_clear_object (&proxy->server);
  g_clear_object (&proxy->session);
  g_main_context_pop_thread_default (proxy->context);
  return NULL;
}

/**
 * fault_proxy_start:
 * @upstream: the server to forward to, "http://127.0.0.1:PORT/"
 *
 * Returns: the running proxy, forwarding everything until told otherwise
 */
FaultProxy *
fault_proxy_start (const char  *upstream,
                   GError     **error)
{
  return fault_proxy_start_tls (upstream, NULL, error);
}

/**
 * fault_proxy_start_tls:
 * @pem: (nullable): a certificate and its private key, PEM: the proxy
 *   speaks HTTPS with them
 *
 * Returns: the running proxy, at "https://127.0.0.1:PORT/" with @pem
 */
FaultProxy *
fault_proxy_start_tls (const char  *upstream,
                       const char  *pem,
                       GError     **error)
{
  FaultProxy *proxy = g_new0 (FaultProxy, 1);

  if (pem != NULL && (proxy->certificate = g_tls_certificate_new_from_pem (pem, -1, error)) == NULL)
    {
      g_free (proxy);
      return NULL;
    }

  proxy->upstream = g_strdup (upstream);
  if (g_str_has_suffix (proxy->upstream, "/"))
    proxy->upstream[strlen (proxy->upstream) - 1] = '\0';
  proxy->faults = g_ptr_array_new_with_free_func ((GDestroyNotify) fault_free);
  proxy->context = g_main_context_new ();
  proxy->loop = g_main_loop_new (proxy->context, FALSE);
  g_mutex_init (&proxy->lock);
  g_cond_init (&proxy->started);
  proxy->thread = g_thread_new ("fault-proxy", run, proxy);

  g_mutex_lock (&proxy->lock);
  while (!proxy->ready)
    g_cond_wait (&proxy->started, &proxy->lock);
  g_mutex_unlock (&proxy->lock);
  if (proxy->start_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&proxy->start_error));
      fault_proxy_stop (proxy);
      return NULL;
    }
  return proxy;
}

/**
 * fault_proxy_get_url:
 *
 * Returns: where clients connect, "http://127.0.0.1:PORT/"
 */
const char *
fault_proxy_get_url (FaultProxy *proxy)
{
  return proxy->url;
}

/**
 * fault_proxy_inject:
 * @method: (nullable): the requests it hits ("PUT", "REPORT"…), or %NULL for any;
 *   %FAULT_PROXY_NO_SYNC_COLLECTION hits REPORT sync-collection only
 * @nth: 1 for the next matching request, 2 for the one after…
 * @times: how many matching requests in a row it then hits; 0 for all
 *
 * Adds a fault; the first one added that matches a request wins.
 */
void
fault_proxy_inject (FaultProxy      *proxy,
                    FaultProxyFault  fault,
                    const char      *method,
                    guint            nth,
                    guint            times)
{
  Fault *added = g_new0 (Fault, 1);

  g_assert (nth >= 1);
  added->fault = fault;
  added->method = g_strdup (method);
  added->skip = nth - 1;
  added->times = times;
  g_mutex_lock (&proxy->lock);
  g_ptr_array_add (proxy->faults, added);
  g_mutex_unlock (&proxy->lock);
}

/**
 * fault_proxy_inject_answer:
 * @method: (nullable): as for fault_proxy_inject()
 * @nth: as for fault_proxy_inject()
 *
 * The @nth matching request from now gets this answer instead of the
 * server's, once: a server that words things its own way, or gets them
 * wrong.
 */
void
fault_proxy_inject_answer (FaultProxy *proxy,
                           const char *method,
                           guint       nth,
                           guint       status,
                           const char *content_type,
                           const char *body)
{
  Fault *added = g_new0 (Fault, 1);

  g_assert (nth >= 1);
  added->fault = FAULT_PROXY_ANSWER;
  added->method = g_strdup (method);
  added->skip = nth - 1;
  added->times = 1;
  added->status = status;
  added->content_type = g_strdup (content_type);
  added->body = g_strdup (body);
  g_mutex_lock (&proxy->lock);
  g_ptr_array_add (proxy->faults, added);
  g_mutex_unlock (&proxy->lock);
}

static char *
digest_password (SoupAuthDomain    *domain,
                 SoupServerMessage *message,
                 const char        *user,
                 gpointer           user_data)
{
  FaultProxy *proxy = user_data;

  if (g_strcmp0 (user, proxy->digest_user) != 0)
    return NULL;
  return soup_auth_domain_digest_encode_password (user, soup_auth_domain_get_realm (domain),
                                                  proxy->digest_password);
}

/**
 * fault_proxy_require_digest:
 *
 * From now on the proxy wants HTTP Digest authentication (RFC 7616), as
 * some servers (older Baïkal) do, for @user with @password, and passes
 * the request on to Radicale with Basic.  Call once.
 */
void
fault_proxy_require_digest (FaultProxy *proxy,
                            const char *user,
                            const char *password)
{
  SoupAuthDomain *digest;

  g_assert (proxy->digest_user == NULL);
  proxy->digest_user = g_strdup (user);
  proxy->digest_password = g_strdup (password);
  /* Checked by on_request() once the body is read, not by the server
   * before (which answers before reading the body). */
  digest = soup_auth_domain_digest_new ("realm", "Rapport test",
                                        "auth-callback", digest_password,
                                        "auth-data", proxy, NULL);
  g_mutex_lock (&proxy->lock);
  proxy->digest = digest;
  g_mutex_unlock (&proxy->lock);
}

/**
 * fault_proxy_set_date_skew:
 *
 * Every answer's Date header from now on is @seconds off (as from a
 * server whose clock is wrong); 0 puts it right.
 */
void
fault_proxy_set_date_skew (FaultProxy *proxy,
                           gint64      seconds)
{
  g_mutex_lock (&proxy->lock);
  proxy->date_skew = seconds;
  g_mutex_unlock (&proxy->lock);
}

/**
 * fault_proxy_clear:
 *
 * Removes every fault and the date skew: the proxy forwards faithfully.
 */
void
fault_proxy_clear (FaultProxy *proxy)
{
  g_mutex_lock (&proxy->lock);
  g_ptr_array_set_size (proxy->faults, 0);
  proxy->date_skew = 0;
  g_mutex_unlock (&proxy->lock);
}

/**
 * fault_proxy_get_requests:
 *
 * Returns: how many requests reached the proxy with their body (those
 *   dropped before it are not counted)
 */
guint
fault_proxy_get_requests (FaultProxy *proxy)
{
  guint requests;

  g_mutex_lock (&proxy->lock);
  requests = proxy->requests;
  g_mutex_unlock (&proxy->lock);
  return requests;
}

/**
 * fault_proxy_get_faults_served:
 *
 * Returns: how many requests met a fault, so a test knows its fault happened
 */
guint
fault_proxy_get_faults_served (FaultProxy *proxy)
{
  guint served;

  g_mutex_lock (&proxy->lock);
  served = proxy->faults_served;
  g_mutex_unlock (&proxy->lock);
  return served;
}

static gboolean
quit (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
fault_proxy_stop (FaultProxy *proxy)
{
  if (proxy == NULL)
    return;
  if (proxy->thread != NULL)
    {
      g_main_context_invoke (proxy->context, quit, proxy->loop);
      g_thread_join (proxy->thread);
    }
  g_clear_error (&proxy->start_error);
  g_clear_object (&proxy->certificate);
  g_main_loop_unref (proxy->loop);
  g_main_context_unref (proxy->context);
  g_ptr_array_unref (proxy->faults);
  g_mutex_clear (&proxy->lock);
  g_cond_clear (&proxy->started);
  g_free (proxy->upstream);
  g_free (proxy->url);
  g_clear_object (&proxy->digest);
  g_free (proxy->digest_user);
  g_free (proxy->digest_password);
  g_free (proxy);
}
