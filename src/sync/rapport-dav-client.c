/* rapport-dav-client.c: a WebDAV, CardDAV and CalDAV client over libsoup 3
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Blocking calls for the sync's worker thread: create the client in the
 * thread that uses it, and use it from that thread only.  Each call is one
 * HTTP exchange (plus the redirects it follows) and every failure is a
 * RAPPORT_SYNC_ERROR in words, or G_IO_ERROR_CANCELLED.
 *
 * The client reads answers itself, a chunk at a time, so a server can't
 * make it hold more than max-body bytes.  It follows redirects itself too:
 * it can then tell a loop in words, refuse a step down to plain HTTP, and
 * keep the password from a host the user never named.  The password goes
 * in a preemptive Basic Authorization header (one request per exchange,
 * not two); a server that wants Digest instead says so in its 401, and
 * libsoup answers that challenge and keeps the Digest for the next
 * requests.  The password never goes into a log line or an error.
 */

#define G_LOG_DOMAIN "rapport-dav-client"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <libxml/parser.h>
#include <string.h>

#include "rapport-dav-client.h"
#include "rapport-dav-xml-private.h"
#include "rapport-sync-error.h"

#define MAX_REDIRECTS 10
#define READ_CHUNK (64 * 1024)
#define TIMEOUT_SECONDS 60

struct _RapportDavClient
{
  GObject      parent_instance;

  SoupSession *session;
  char        *user;
  char        *password;
  char        *authorization;
  gsize        max_body;
  guint        requests;
  guint64      bytes_sent;
  guint64      bytes_received;
  guint        accept_insecure : 1;
};

G_DEFINE_FINAL_TYPE (RapportDavClient, rapport_dav_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_USER,
  PROP_PASSWORD,
  PROP_ACCEPT_INSECURE,
  PROP_MAX_BODY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  const char *method;
  const char *url;
  GBytes     *body;
  const char *content_type;
  const char *depth;
  const char *if_match;
  gboolean    if_none_match;
} Request;

typedef struct
{
  guint   status;
  GUri   *uri;   /* where the answer came from, after redirects */
  GBytes *body;
  char   *etag;
} Response;

static void
response_clear (Response *response)
{
  g_clear_pointer (&response->uri, g_uri_unref);
  g_clear_pointer (&response->body, g_bytes_unref);
  g_clear_pointer (&response->etag, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Response, response_clear)

void
rapport_dav_resource_free (RapportDavResource *resource)
{
  if (resource == NULL)
    return;
  g_free (resource->href);
  g_free (resource->etag);
  g_free (resource->data);
  g_free (resource->displayname);
  g_free (resource->ctag);
  g_free (resource->sync_token);
  g_free (resource->principal);
  g_free (resource->addressbook_home);
  g_free (resource->calendar_home);
  g_free (resource);
}

void
rapport_dav_changes_free (RapportDavChanges *changes)
{
  if (changes == NULL)
    return;
  g_clear_pointer (&changes->changed, g_ptr_array_unref);
  g_clear_pointer (&changes->removed, g_ptr_array_unref);
  g_free (changes->token);
  g_free (changes);
}

/* URLs and hosts */

static gboolean
host_is_local (const char *host)
{
  return host != NULL &&
         (g_ascii_strcasecmp (host, "localhost") == 0 ||
          g_str_equal (host, "127.0.0.1") ||
          g_str_equal (host, "::1") ||
          g_str_equal (host, "[::1]"));
}

/**
 * rapport_dav_url_is_local:
 *
 * Returns: whether @url names this machine (localhost, 127.0.0.1, ::1),
 *   where plain HTTP never leaves it
 */
gboolean
rapport_dav_url_is_local (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  return uri != NULL && host_is_local (g_uri_get_host (uri));
}

/* A name DNS could look up, or an address: "dav example com" is neither,
 * and is refused before it reaches a resolver. */
static gboolean
host_is_valid (const char *host)
{
  g_autofree char *ascii = NULL;

  if (host == NULL || *host == '\0')
    return FALSE;
  if (g_hostname_is_ip_address (host))
    return TRUE;
  if ((ascii = g_hostname_to_ascii (host)) == NULL)
    return FALSE;
  for (const char *c = ascii; *c != '\0'; c++)
    if (!g_ascii_isalnum (*c) && *c != '-' && *c != '.' && *c != '_')
      return FALSE;
  return TRUE;
}

/* The URL for a message: without user information, whatever the user typed. */
static char *
describe (GUri *uri)
{
  return g_uri_to_string_partial (uri, G_URI_HIDE_USERINFO | G_URI_HIDE_AUTH_PARAMS);
}

static gboolean
check_uri (RapportDavClient  *self,
           GUri              *uri,
           GError           **error)
{
  const char *scheme = g_uri_get_scheme (uri);
  g_autofree char *shown = describe (uri);

  if (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0)
    {
      g_set_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_PROTOCOL,
                   _("“%s” is not a web address (it should start with https://)"), shown);
      return FALSE;
    }
  if (!host_is_valid (g_uri_get_host (uri)))
    {
      g_set_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_PROTOCOL,
                   _("“%s” is not a web address: it names no server"), shown);
      return FALSE;
    }
  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return TRUE;
  if (host_is_local (g_uri_get_host (uri)) || self->accept_insecure)
    return TRUE;
  g_set_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_INSECURE,
               _("%s uses plain HTTP: the password and the book would cross the network unencrypted"),
               g_uri_get_host (uri));
  return FALSE;
}

/**
 * rapport_dav_client_check_url:
 *
 * Returns: whether the client would talk to @url: an http:// or https://
 *   address, plain HTTP only to this machine unless accept-insecure is set
 *   (else %RAPPORT_SYNC_ERROR_INSECURE)
 */
gboolean
rapport_dav_client_check_url (RapportDavClient  *self,
                              const char        *url,
                              GError           **error)
{
  g_autoptr(GUri) uri = NULL;

  g_return_val_if_fail (RAPPORT_IS_DAV_CLIENT (self), FALSE);
  g_return_val_if_fail (url != NULL, FALSE);

  if ((uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL)) == NULL)
    {
      g_set_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_PROTOCOL,
                   _("“%s” is not a web address"), url);
      return FALSE;
    }
  return check_uri (self, uri, error);
}

static gboolean
same_origin (GUri *a,
             GUri *b)
{
  return g_ascii_strcasecmp (g_uri_get_scheme (a), g_uri_get_scheme (b)) == 0 &&
         g_ascii_strcasecmp (g_uri_get_host (a), g_uri_get_host (b)) == 0 &&
         g_uri_get_port (a) == g_uri_get_port (b);
}

/* Errors */

static void
set_transport_error (GUri    *uri,
                     GError  *cause,
                     GError **error)
{
  const char *host = g_uri_get_host (uri);

  g_debug ("%s: %s (%s %d)", host, cause->message, g_quark_to_string (cause->domain), cause->code);
  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, g_error_copy (cause));
  else if (cause->domain == G_TLS_ERROR)
    g_set_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_INSECURE,
                 _("The certificate of %s could not be verified: %s"), host, cause->message);
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT) ||
           g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED) ||
           g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE))
    g_set_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_UNREACHABLE,
                 _("The connection to %s broke off in the middle of an answer"), host);
  else if (cause->domain == SOUP_SESSION_ERROR)
    g_set_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_PROTOCOL,
                 _("%s gave an answer that is not HTTP: %s"), host, cause->message);
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    g_set_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_UNREACHABLE,
                 _("%s did not answer in time"), host);
  else
    g_set_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_UNREACHABLE,
                 _("Could not reach %s: %s"), host, cause->message);
}

/* Any status the caller has no better words for. */
static void
set_status_error (RapportDavClient  *self,
                  const Request     *request,
                  const Response    *response,
                  GError           **error)
{
  guint status = response->status;
  const char *host = g_uri_get_host (response->uri);
  g_autofree char *shown = describe (response->uri);

  if (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_PROXY_UNAUTHORIZED)
    g_set_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_AUTH,
                 _("%s refused the user name “%s” or its password"), host, self->user);
  else if (status == SOUP_STATUS_PRECONDITION_FAILED)
    g_set_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_CHANGED,
                 _("%s was changed on the server meanwhile"), shown);
  else if (status == SOUP_STATUS_NOT_FOUND)
    g_set_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_NOT_FOUND,
                 _("%s is not on the server"), shown);
  else if (status == SOUP_STATUS_GONE)
    g_set_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_GONE,
                 _("%s was deleted on the server"), shown);
  else if (status == SOUP_STATUS_FORBIDDEN)
    g_set_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_AUTH,
                 _("%s does not let “%s” %s %s"), host, self->user, request->method, shown);
  else if (SOUP_STATUS_IS_SERVER_ERROR (status))
    g_set_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_SERVER,
                 _("%s failed: it answered “%u %s”"), host, status, soup_status_get_phrase (status));
  else
    g_set_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_PROTOCOL,
                 _("%s answered “%u %s” to %s %s"), host, status,
                 soup_status_get_phrase (status), request->method, shown);
}

/* Exchanges */

static GBytes *
read_body (RapportDavClient  *self,
           SoupMessage       *message,
           GInputStream      *stream,
           GCancellable      *cancellable,
           GError           **error)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (message);
  goffset length = soup_message_headers_get_content_length (headers);
  const char *encoding = soup_message_headers_get_one (headers, "Content-Encoding");
  g_autoptr(GByteArray) body = g_byte_array_new ();
  GUri *uri = soup_message_get_uri (message);

  if (length > 0 && (guint64) length > self->max_body)
    goto too_large;
  while (TRUE)
    {
      g_autoptr(GError) local_error = NULL;
      gssize n;

      g_byte_array_set_size (body, body->len + READ_CHUNK);
      n = g_input_stream_read (stream, body->data + body->len - READ_CHUNK, READ_CHUNK,
                               cancellable, &local_error);
      if (n < 0)
        {
          set_transport_error (uri, local_error, error);
          return NULL;
        }
      g_byte_array_set_size (body, body->len - READ_CHUNK + n);
      self->bytes_received += n;
      if (n == 0)
        break;
      if (body->len > self->max_body)
        goto too_large;
    }
  /* libsoup takes the end of a connection it was told would close for
   * the end of the body, whatever Content-Length promised.  (A gzipped
   * body's length is that of the bytes before libsoup unzips them; a
   * compressed body can't be partly read and go unnoticed.) */
  if (length > 0 && encoding == NULL && body->len < (guint64) length)
    {
      g_set_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_UNREACHABLE,
                   _("The connection to %s broke off in the middle of an answer"), g_uri_get_host (uri));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&body));

too_large:
  {
    g_autofree char *limit = g_format_size_full (self->max_body, G_FORMAT_SIZE_IEC_UNITS);

    g_set_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_TOO_LARGE,
                 _("%s sent an answer over %s, more than Rapport reads"),
                 g_uri_get_host (uri), limit);
    return NULL;
  }
}

/* A challenge the preemptive Basic did not meet (Digest, say): answered
 * once; a second 401 is the server's last word.  A Basic challenge means
 * the Basic sent was refused: sending it again would only count one more
 * failed login against the user (servers throttle those). */
static gboolean
on_authenticate (SoupMessage *message,
                 SoupAuth    *auth,
                 gboolean     retrying,
                 gpointer     user_data)
{
  RapportDavClient *self = user_data;

  if (retrying || soup_auth_is_for_proxy (auth) ||
      g_ascii_strcasecmp (soup_auth_get_scheme_name (auth), "Basic") == 0)
    return FALSE;
  soup_auth_authenticate (auth, self->user, self->password);
  return TRUE;
}

/* libsoup sends a message again after a challenge: one more request,
 * whose body must be given again (libsoup 3.2 sends the length of the
 * body it already read, and nothing). */
static void
on_restarted (SoupMessage *message,
              gpointer     user_data)
{
  RapportDavClient *self = user_data;
  GBytes *body = g_object_get_data (G_OBJECT (message), "rapport-body");

  self->requests++;
  if (body != NULL)
    {
      soup_message_set_request_body_from_bytes (message,
                                                 g_object_get_data (G_OBJECT (message), "rapport-content-type"),
                                                 body);
      self->bytes_sent += g_bytes_get_size (body);
    }
}

static SoupMessage *
make_message (RapportDavClient *self,
              const Request    *request,
              GUri             *uri,
              gboolean          authorize)
{
  SoupMessage *message = soup_message_new_from_uri (request->method, uri);
  SoupMessageHeaders *headers = soup_message_get_request_headers (message);

  soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);
  if (authorize)
    {
      soup_message_headers_replace (headers, "Authorization", self->authorization);
      g_signal_connect (message, "authenticate", G_CALLBACK (on_authenticate), self);
    }
  else
    soup_message_add_flags (message, SOUP_MESSAGE_DO_NOT_USE_AUTH_CACHE);
  g_signal_connect (message, "restarted", G_CALLBACK (on_restarted), self);
  if (request->depth != NULL)
    soup_message_headers_replace (headers, "Depth", request->depth);
  if (request->if_match != NULL)
    soup_message_headers_replace (headers, "If-Match", request->if_match);
  if (request->if_none_match)
    soup_message_headers_replace (headers, "If-None-Match", "*");
  if (request->body != NULL)
    {
      soup_message_set_request_body_from_bytes (message, request->content_type, request->body);
      self->bytes_sent += g_bytes_get_size (request->body);
      g_object_set_data_full (G_OBJECT (message), "rapport-body", g_bytes_ref (request->body),
                              (GDestroyNotify) g_bytes_unref);
      g_object_set_data_full (G_OBJECT (message), "rapport-content-type", g_strdup (request->content_type), g_free);
    }
  return message;
}

static gboolean
is_redirect (guint status)
{
  return status == SOUP_STATUS_MOVED_PERMANENTLY || status == SOUP_STATUS_FOUND ||
         status == SOUP_STATUS_SEE_OTHER || status == SOUP_STATUS_TEMPORARY_REDIRECT ||
         status == SOUP_STATUS_PERMANENT_REDIRECT;
}

/* Where a redirect leads, or NULL with @error set. */
static GUri *
follow (RapportDavClient  *self,
        SoupMessage       *message,
        GUri              *from,
        GHashTable        *visited,
        GError           **error)
{
  const char *location = soup_message_headers_get_one (soup_message_get_response_headers (message), "Location");
  g_autoptr(GUri) to = NULL;
  g_autofree char *key = NULL;

  if (location == NULL ||
      (to = g_uri_parse_relative (from, location, G_URI_FLAGS_ENCODED, NULL)) == NULL)
    {
      g_set_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_PROTOCOL,
                   _("%s redirects to no valid address"), g_uri_get_host (from));
      return NULL;
    }
  key = g_uri_to_string (to);
  if (g_hash_table_size (visited) >= MAX_REDIRECTS || g_hash_table_contains (visited, key))
    {
      g_set_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_PROTOCOL,
                   _("%s redirects in a loop; check the server address"), g_uri_get_host (from));
      return NULL;
    }
  if (g_ascii_strcasecmp (g_uri_get_scheme (from), "https") == 0 &&
      g_ascii_strcasecmp (g_uri_get_scheme (to), "https") != 0 &&
      !host_is_local (g_uri_get_host (to)) && !self->accept_insecure)
    {
      g_set_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_INSECURE,
                   _("%s redirects from HTTPS to plain HTTP"), g_uri_get_host (from));
      return NULL;
    }
  g_hash_table_add (visited, g_steal_pointer (&key));
  return g_steal_pointer (&to);
}

/* One exchange, redirects followed, the answer read whole (within
 * max-body) whatever its status. */
static gboolean
send_request (RapportDavClient  *self,
              const Request     *request,
              Response          *response,
              GCancellable      *cancellable,
              GError           **error)
{
  g_autoptr(GHashTable) visited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GUri) first = NULL;
  g_autoptr(GUri) uri = NULL;

  if ((first = g_uri_parse (request->url, G_URI_FLAGS_ENCODED, NULL)) == NULL)
    {
      g_set_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_PROTOCOL,
                   _("“%s” is not a web address"), request->url);
      return FALSE;
    }
  uri = g_uri_ref (first);
  g_hash_table_add (visited, g_uri_to_string (uri));
  while (TRUE)
    {
      /* The password goes where the user pointed, and to HTTPS hosts it redirects to. */
      gboolean authorize = same_origin (uri, first) || g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0;
      g_autoptr(SoupMessage) message = NULL;
      g_autoptr(GInputStream) stream = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autofree char *shown = describe (uri);
      GUri *next;

      if (!check_uri (self, uri, error))
        return FALSE;
      message = make_message (self, request, uri, authorize);
      self->requests++;
      stream = soup_session_send (self->session, message, cancellable, &local_error);
      if (stream == NULL)
        {
          set_transport_error (uri, local_error, error);
          return FALSE;
        }
      g_debug ("%s %s: %u", request->method, shown, soup_message_get_status (message));
      if (is_redirect (soup_message_get_status (message)))
        {
          /* The body of a redirect is of no use; it is dropped with the stream. */
          if ((next = follow (self, message, uri, visited, error)) == NULL)
            return FALSE;
          g_uri_unref (uri);
          uri = next;
          continue;
        }
      response->status = soup_message_get_status (message);
      response->etag = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (message), "ETag"));
      response->uri = g_steal_pointer (&uri);
      response->body = read_body (self, message, stream, cancellable, error);
      if (response->body == NULL)
        {
          /* What is left of the answer goes with the connection. */
          g_input_stream_close (stream, NULL, NULL);
          return FALSE;
        }
      return TRUE;
    }
}

/* A multistatus answer, or an error for any other. */
static GPtrArray *
send_for_multistatus (RapportDavClient  *self,
                      const Request     *request,
                      char             **sync_token,
                      GCancellable      *cancellable,
                      GError           **error)
{
  g_auto(Response) response = { 0, };
  g_autoptr(GError) local_error = NULL;
  GPtrArray *resources;

  if (!send_request (self, request, &response, cancellable, error))
    return NULL;
  if (response.status != SOUP_STATUS_MULTI_STATUS)
    {
      set_status_error (self, request, &response, error);
      return NULL;
    }
  resources = _rapport_dav_xml_parse_multistatus (response.body, response.uri, sync_token, &local_error);
  if (resources == NULL)
    g_set_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_PROTOCOL,
                 _("%s: %s"), g_uri_get_host (response.uri), local_error->message);
  return resources;
}

/* The path of @href for a request body, when it is on the collection's host. */
static char *
path_of (GUri       *collection,
         const char *href)
{
  g_autoptr(GUri) uri = g_uri_parse_relative (collection, href, G_URI_FLAGS_ENCODED, NULL);

  if (uri == NULL)
    return g_strdup (href);
  if (!same_origin (uri, collection))
    return g_uri_to_string (uri);
  if (g_uri_get_query (uri) != NULL)
    return g_strconcat (g_uri_get_path (uri), "?", g_uri_get_query (uri), NULL);
  return g_strdup (g_uri_get_path (uri));
}

/* Public calls */

/**
 * rapport_dav_client_propfind:
 * @depth: 0 (the resource) or 1 (and its members)
 *
 * Returns: (transfer container) (element-type RapportDavResource): the
 *   resources and the properties of @props they have
 */
GPtrArray *
rapport_dav_client_propfind (RapportDavClient  *self,
                             const char        *url,
                             guint              depth,
                             RapportDavProps    props,
                             GCancellable      *cancellable,
                             GError           **error)
{
  g_autoptr(GBytes) body = _rapport_dav_xml_propfind (props);
  Request request = {
    .method = "PROPFIND", .url = url, .body = body,
    .content_type = "application/xml; charset=utf-8", .depth = depth == 0 ? "0" : "1",
  };

  g_return_val_if_fail (RAPPORT_IS_DAV_CLIENT (self), NULL);
  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (depth <= 1, NULL);

  return send_for_multistatus (self, &request, NULL, cancellable, error);
}

static gboolean
is_request_uri (RapportDavResource *resource,
                GUri               *collection)
{
  g_autofree char *a = NULL;
  g_autofree char *b = g_uri_to_string (collection);

  a = g_strdup (resource->href);
  /* "/book" and "/book/" are the same collection. */
  if (g_str_has_suffix (a, "/"))
    a[strlen (a) - 1] = '\0';
  if (g_str_has_suffix (b, "/"))
    b[strlen (b) - 1] = '\0';
  return g_str_equal (a, b);
}

/**
 * rapport_dav_client_sync_collection:
 * @token: (nullable): the token of the last sync, or %NULL for everything
 *
 * RFC 6578's REPORT sync-collection.  %RAPPORT_SYNC_ERROR_TOKEN: the
 * server no longer knows @token (sync everything again, with %NULL);
 * %RAPPORT_SYNC_ERROR_UNSUPPORTED: the server has no sync-collection
 * (compare ETags from a PROPFIND instead).
 *
 * Returns: (transfer full): what changed and what was removed
 */
RapportDavChanges *
rapport_dav_client_sync_collection (RapportDavClient  *self,
                                    const char        *collection_url,
                                    const char        *token,
                                    GCancellable      *cancellable,
                                    GError           **error)
{
  g_autoptr(GBytes) body = _rapport_dav_xml_sync_collection (token);
  Request request = {
    .method = "REPORT", .url = collection_url, .body = body,
    .content_type = "application/xml; charset=utf-8", .depth = "0",
  };
  g_auto(Response) response = { 0, };
  g_autoptr(GPtrArray) resources = NULL;
  g_autoptr(RapportDavChanges) changes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *new_token = NULL;

  g_return_val_if_fail (RAPPORT_IS_DAV_CLIENT (self), NULL);
  g_return_val_if_fail (collection_url != NULL, NULL);

  if (!send_request (self, &request, &response, cancellable, error))
    return NULL;
  if (response.status != SOUP_STATUS_MULTI_STATUS)
    {
      if ((response.status == SOUP_STATUS_FORBIDDEN || response.status == SOUP_STATUS_CONFLICT) &&
          _rapport_dav_xml_is_error (response.body, RAPPORT_DAV_NS_DAV, "valid-sync-token"))
        g_set_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_TOKEN,
                     _("%s no longer knows the last sync; everything is compared again"),
                     g_uri_get_host (response.uri));
      else if (response.status == SOUP_STATUS_NOT_IMPLEMENTED ||
               response.status == SOUP_STATUS_METHOD_NOT_ALLOWED ||
               response.status == SOUP_STATUS_FORBIDDEN ||
               response.status == SOUP_STATUS_BAD_REQUEST ||
               response.status == SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE)
        g_set_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_UNSUPPORTED,
                     _("%s does not report changes since the last sync (“%u %s”)"),
                     g_uri_get_host (response.uri), response.status,
                     soup_status_get_phrase (response.status));
      else
        set_status_error (self, &request, &response, error);
      return NULL;
    }
  resources = _rapport_dav_xml_parse_multistatus (response.body, response.uri, &new_token, &local_error);
  if (resources == NULL)
    {
      g_set_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_PROTOCOL,
                   _("%s: %s"), g_uri_get_host (response.uri), local_error->message);
      return NULL;
    }
  if (new_token == NULL || *new_token == '\0')
    {
      g_set_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_PROTOCOL,
                   _("%s reported changes without a sync token"), g_uri_get_host (response.uri));
      return NULL;
    }

  changes = g_new0 (RapportDavChanges, 1);
  changes->changed = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_dav_resource_free);
  changes->removed = g_ptr_array_new_with_free_func (g_free);
  changes->token = g_steal_pointer (&new_token);
  for (guint i = 0; i < resources->len; i++)
    {
      RapportDavResource *resource = g_ptr_array_index (resources, i);

      /* RFC 6578 3.6: the collection itself, 507, when the server truncated. */
      if (is_request_uri (resource, response.uri))
        {
          if (resource->status == SOUP_STATUS_INSUFFICIENT_STORAGE)
            changes->truncated = TRUE;
          continue;
        }
      if (resource->status == SOUP_STATUS_NOT_FOUND)
        g_ptr_array_add (changes->removed, g_strdup (resource->href));
      else if (SOUP_STATUS_IS_SUCCESSFUL (resource->status))
        g_ptr_array_add (changes->changed, g_steal_pointer (&resources->pdata[i]));
    }
  return g_steal_pointer (&changes);
}

/**
 * rapport_dav_client_multiget:
 * @kind: %RAPPORT_DAV_TYPE_ADDRESSBOOK or %RAPPORT_DAV_TYPE_CALENDAR
 * @hrefs: the items to fetch, absolute URLs
 *
 * RFC 6352's addressbook-multiget or RFC 4791's calendar-multiget.
 *
 * Returns: (transfer container) (element-type RapportDavResource): each
 *   item with its etag and data, or with status 404 if it is gone
 */
GPtrArray *
rapport_dav_client_multiget (RapportDavClient    *self,
                             const char          *collection_url,
                             RapportDavType       kind,
                             const char * const  *hrefs,
                             GCancellable        *cancellable,
                             GError             **error)
{
  g_autoptr(GUri) collection = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GBytes) body = NULL;
  Request request = {
    .method = "REPORT", .url = collection_url,
    .content_type = "application/xml; charset=utf-8",
  };

  g_return_val_if_fail (RAPPORT_IS_DAV_CLIENT (self), NULL);
  g_return_val_if_fail (collection_url != NULL, NULL);
  g_return_val_if_fail (hrefs != NULL, NULL);
  g_return_val_if_fail (kind == RAPPORT_DAV_TYPE_ADDRESSBOOK || kind == RAPPORT_DAV_TYPE_CALENDAR, NULL);

  if (!rapport_dav_client_check_url (self, collection_url, error))
    return NULL;
  collection = g_uri_parse (collection_url, G_URI_FLAGS_ENCODED, NULL);
  for (guint i = 0; hrefs[i] != NULL; i++)
    g_ptr_array_add (paths, path_of (collection, hrefs[i]));
  g_ptr_array_add (paths, NULL);
  request.body = body = _rapport_dav_xml_multiget (kind, (const char * const *) paths->pdata);
  return send_for_multistatus (self, &request, NULL, cancellable, error);
}

/**
 * rapport_dav_client_get:
 * @etag: (out) (optional): the item's ETag, if the server sent one
 *
 * Returns: (transfer full): the item's text; %RAPPORT_SYNC_ERROR_NOT_FOUND
 *   if it is not there
 */
char *
rapport_dav_client_get (RapportDavClient  *self,
                        const char        *url,
                        char             **etag,
                        GCancellable      *cancellable,
                        GError           **error)
{
  Request request = { .method = "GET", .url = url };
  g_auto(Response) response = { 0, };
  gsize length = 0;
  const char *data;

  g_return_val_if_fail (RAPPORT_IS_DAV_CLIENT (self), NULL);
  g_return_val_if_fail (url != NULL, NULL);

  if (!send_request (self, &request, &response, cancellable, error))
    return NULL;
  if (response.status != SOUP_STATUS_OK)
    {
      set_status_error (self, &request, &response, error);
      return NULL;
    }
  data = g_bytes_get_data (response.body, &length);
  if (memchr (data, '\0', length) != NULL)
    {
      g_set_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_PROTOCOL,
                   _("%s sent binary data where text was expected"), g_uri_get_host (response.uri));
      return NULL;
    }
  if (etag != NULL)
    *etag = g_steal_pointer (&response.etag);
  return g_strndup (data, length);
}

/**
 * rapport_dav_client_put:
 * @content_type: "text/vcard; charset=utf-8" or "text/calendar; charset=utf-8"
 * @if_match: (nullable): the ETag the item must still have, or %NULL for
 *   a new item (If-None-Match: *)
 * @etag: (out) (optional): the item's new ETag, or %NULL if the server
 *   sent none (it changed what it stored: GET it)
 *
 * %RAPPORT_SYNC_ERROR_CHANGED (412): the item changed on the server, or
 * a new one already exists there.
 */
gboolean
rapport_dav_client_put (RapportDavClient  *self,
                        const char        *url,
                        const char        *body,
                        const char        *content_type,
                        const char        *if_match,
                        char             **etag,
                        GCancellable      *cancellable,
                        GError           **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_auto(Response) response = { 0, };
  Request request = {
    .method = "PUT", .url = url, .content_type = content_type,
    .if_match = if_match, .if_none_match = if_match == NULL,
  };

  g_return_val_if_fail (RAPPORT_IS_DAV_CLIENT (self), FALSE);
  g_return_val_if_fail (url != NULL, FALSE);
  g_return_val_if_fail (body != NULL, FALSE);
  g_return_val_if_fail (content_type != NULL, FALSE);

  request.body = bytes = g_bytes_new (body, strlen (body));
  if (!send_request (self, &request, &response, cancellable, error))
    return FALSE;
  if (!SOUP_STATUS_IS_SUCCESSFUL (response.status))
    {
      set_status_error (self, &request, &response, error);
      return FALSE;
    }
  if (etag != NULL)
    *etag = g_steal_pointer (&response.etag);
  return TRUE;
}

/**
 * rapport_dav_client_delete:
 * @if_match: (nullable): the ETag the item must still have
 *
 * An item already gone is deleted: that is what was asked.
 * %RAPPORT_SYNC_ERROR_CHANGED (412): it changed on the server.
 */
gboolean
rapport_dav_client_delete (RapportDavClient  *self,
                           const char        *url,
                           const char        *if_match,
                           GCancellable      *cancellable,
                           GError           **error)
{
  Request request = { .method = "DELETE", .url = url, .if_match = if_match };
  g_auto(Response) response = { 0, };

  g_return_val_if_fail (RAPPORT_IS_DAV_CLIENT (self), FALSE);
  g_return_val_if_fail (url != NULL, FALSE);

  if (!send_request (self, &request, &response, cancellable, error))
    return FALSE;
  if (SOUP_STATUS_IS_SUCCESSFUL (response.status) ||
      response.status == SOUP_STATUS_NOT_FOUND || response.status == SOUP_STATUS_GONE)
    return TRUE;
  set_status_error (self, &request, &response, error);
  return FALSE;
}

static gboolean
make_collection (RapportDavClient  *self,
                 const Request     *request,
                 GCancellable      *cancellable,
                 GError           **error)
{
  g_auto(Response) response = { 0, };

  if (!send_request (self, request, &response, cancellable, error))
    return FALSE;
  if (response.status == SOUP_STATUS_CREATED || response.status == SOUP_STATUS_OK)
    return TRUE;
  if (response.status == SOUP_STATUS_METHOD_NOT_ALLOWED)
    {
      g_autofree char *shown = describe (response.uri);

      g_set_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_PROTOCOL,
                   _("%s already exists, or the server does not make collections there"), shown);
      return FALSE;
    }
  set_status_error (self, request, &response, error);
  return FALSE;
}

/**
 * rapport_dav_client_make_addressbook:
 *
 * Creates an address book at @url with RFC 5689's extended MKCOL.
 */
gboolean
rapport_dav_client_make_addressbook (RapportDavClient  *self,
                                     const char        *url,
                                     const char        *displayname,
                                     GCancellable      *cancellable,
                                     GError           **error)
{
  g_autoptr(GBytes) body = NULL;
  Request request = {
    .method = "MKCOL", .url = url, .content_type = "application/xml; charset=utf-8",
  };

  g_return_val_if_fail (RAPPORT_IS_DAV_CLIENT (self), FALSE);
  g_return_val_if_fail (url != NULL, FALSE);
  g_return_val_if_fail (displayname != NULL, FALSE);

  request.body = body = _rapport_dav_xml_mkcol_addressbook (displayname);
  return make_collection (self, &request, cancellable, error);
}

/**
 * rapport_dav_client_make_calendar:
 * @components: what the calendar holds (Rapport's: VTODO and VJOURNAL)
 *
 * Creates a calendar at @url with RFC 4791's MKCALENDAR.
 */
gboolean
rapport_dav_client_make_calendar (RapportDavClient      *self,
                                  const char            *url,
                                  const char            *displayname,
                                  RapportDavComponents   components,
                                  GCancellable          *cancellable,
                                  GError               **error)
{
  g_autoptr(GBytes) body = NULL;
  Request request = {
    .method = "MKCALENDAR", .url = url, .content_type = "application/xml; charset=utf-8",
  };

  g_return_val_if_fail (RAPPORT_IS_DAV_CLIENT (self), FALSE);
  g_return_val_if_fail (url != NULL, FALSE);
  g_return_val_if_fail (displayname != NULL, FALSE);

  request.body = body = _rapport_dav_xml_mkcalendar (displayname, components);
  return make_collection (self, &request, cancellable, error);
}

/* The object */

static void
set_password (RapportDavClient *self,
              const char       *password)
{
  g_autofree char *credentials = NULL;
  g_autofree char *encoded = NULL;

  if (self->authorization != NULL)
    explicit_bzero (self->authorization, strlen (self->authorization));
  g_clear_pointer (&self->authorization, g_free);
  if (self->password != NULL)
    explicit_bzero (self->password, strlen (self->password));
  g_clear_pointer (&self->password, g_free);
  self->password = g_strdup (password != NULL ? password : "");
  credentials = g_strconcat (self->user != NULL ? self->user : "", ":",
                             password != NULL ? password : "", NULL);
  encoded = g_base64_encode ((const guchar *) credentials, strlen (credentials));
  self->authorization = g_strconcat ("Basic ", encoded, NULL);
  explicit_bzero (credentials, strlen (credentials));
  explicit_bzero (encoded, strlen (encoded));
}

static void
rapport_dav_client_finalize (GObject *object)
{
  RapportDavClient *self = (RapportDavClient *) object;

  g_clear_object (&self->session);
  if (self->authorization != NULL)
    explicit_bzero (self->authorization, strlen (self->authorization));
  g_clear_pointer (&self->authorization, g_free);
  if (self->password != NULL)
    explicit_bzero (self->password, strlen (self->password));
  g_clear_pointer (&self->password, g_free);
  g_clear_pointer (&self->user, g_free);

  G_OBJECT_CLASS (rapport_dav_client_parent_class)->finalize (object);
}

static void
rapport_dav_client_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  RapportDavClient *self = RAPPORT_DAV_CLIENT (object);

  switch (prop_id)
    {
    case PROP_USER:
      g_value_set_string (value, self->user);
      break;
    case PROP_ACCEPT_INSECURE:
      g_value_set_boolean (value, self->accept_insecure);
      break;
    case PROP_MAX_BODY:
      g_value_set_uint64 (value, self->max_body);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_dav_client_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  RapportDavClient *self = RAPPORT_DAV_CLIENT (object);

  switch (prop_id)
    {
    case PROP_USER:
      self->user = g_value_dup_string (value);
      break;
    case PROP_PASSWORD:
      /* Construct properties are set in order: the user first. */
      set_password (self, g_value_get_string (value));
      break;
    case PROP_ACCEPT_INSECURE:
      rapport_dav_client_set_accept_insecure (self, g_value_get_boolean (value));
      break;
    case PROP_MAX_BODY:
      rapport_dav_client_set_max_body (self, g_value_get_uint64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_dav_client_class_init (RapportDavClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rapport_dav_client_finalize;
  object_class->get_property = rapport_dav_client_get_property;
  object_class->set_property = rapport_dav_client_set_property;

  properties[PROP_USER] =
    g_param_spec_string ("user", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PASSWORD] =
    g_param_spec_string ("password", NULL, NULL, NULL,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACCEPT_INSECURE] =
    g_param_spec_boolean ("accept-insecure", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAX_BODY] =
    g_param_spec_uint64 ("max-body", NULL, NULL, 1, G_MAXSIZE, RAPPORT_DAV_MAX_BODY_DEFAULT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* libxml2 is then safe to use from any thread. */
  xmlInitParser ();
}

static void
rapport_dav_client_init (RapportDavClient *self)
{
  g_autofree char *user_agent = g_strdup_printf ("Rapport/%s", PACKAGE_VERSION);

  self->max_body = RAPPORT_DAV_MAX_BODY_DEFAULT;
  /* TLS certificates are verified against the system's: libsoup's default. */
  self->session = soup_session_new_with_options ("user-agent", user_agent,
                                                 "timeout", TIMEOUT_SECONDS,
                                                 NULL);
}

/**
 * rapport_dav_client_new:
 *
 * Returns: (transfer full): a client that logs in as @user with @password
 */
RapportDavClient *
rapport_dav_client_new (const char *user,
                        const char *password)
{
  g_return_val_if_fail (user != NULL, NULL);
  g_return_val_if_fail (password != NULL, NULL);

  return g_object_new (RAPPORT_TYPE_DAV_CLIENT, "user", user, "password", password, NULL);
}

const char *
rapport_dav_client_get_user (RapportDavClient *self)
{
  g_return_val_if_fail (RAPPORT_IS_DAV_CLIENT (self), NULL);

  return self->user;
}

gboolean
rapport_dav_client_get_accept_insecure (RapportDavClient *self)
{
  g_return_val_if_fail (RAPPORT_IS_DAV_CLIENT (self), FALSE);

  return self->accept_insecure;
}

/**
 * rapport_dav_client_set_accept_insecure:
 *
 * Lets the client use plain http:// to another machine: the user has
 * seen the warning and accepted it.
 */
void
rapport_dav_client_set_accept_insecure (RapportDavClient *self,
                                        gboolean          accept_insecure)
{
  g_return_if_fail (RAPPORT_IS_DAV_CLIENT (self));

  accept_insecure = !!accept_insecure;
  if (self->accept_insecure == accept_insecure)
    return;
  self->accept_insecure = accept_insecure;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCEPT_INSECURE]);
}

gsize
rapport_dav_client_get_max_body (RapportDavClient *self)
{
  g_return_val_if_fail (RAPPORT_IS_DAV_CLIENT (self), 0);

  return self->max_body;
}

/**
 * rapport_dav_client_set_max_body:
 *
 * The largest answer the client reads, in bytes; a larger one is
 * %RAPPORT_SYNC_ERROR_TOO_LARGE.
 */
void
rapport_dav_client_set_max_body (RapportDavClient *self,
                                 gsize             max_body)
{
  g_return_if_fail (RAPPORT_IS_DAV_CLIENT (self));
  g_return_if_fail (max_body > 0);

  if (self->max_body == max_body)
    return;
  self->max_body = max_body;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_BODY]);
}

/**
 * rapport_dav_client_get_requests:
 *
 * Returns: how many HTTP requests the client has sent (redirects count)
 */
guint
rapport_dav_client_get_requests (RapportDavClient *self)
{
  g_return_val_if_fail (RAPPORT_IS_DAV_CLIENT (self), 0);

  return self->requests;
}

/**
 * rapport_dav_client_get_bytes_sent:
 *
 * Returns: the bytes of request bodies sent so far
 */
guint64
rapport_dav_client_get_bytes_sent (RapportDavClient *self)
{
  g_return_val_if_fail (RAPPORT_IS_DAV_CLIENT (self), 0);

  return self->bytes_sent;
}

/**
 * rapport_dav_client_get_bytes_received:
 *
 * Returns: the bytes of answer bodies read so far
 */
guint64
rapport_dav_client_get_bytes_received (RapportDavClient *self)
{
  g_return_val_if_fail (RAPPORT_IS_DAV_CLIENT (self), 0);

  return self->bytes_received;
}
