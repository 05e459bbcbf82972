/* test-dav.c: the WebDAV client, discovery and keyring against a real Radicale and a real Secret Service
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One Radicale for the program, and the fault proxy in front of it for the
 * faults.  Each test works in collections of its own, so the order of the
 * tests does not matter.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>

#include "fault-proxy.h"
#include "keyring.h"
#include "radicale.h"
#include "rapport-dav-client.h"
#include "rapport-dav-discovery.h"
#include "rapport-sync-error.h"
#include "rapport-sync-secret.h"

static const char *users[] = {
  "alice:wonderland",
  "bob:builder",
  "carol:singer",
  "dave:diver",
  NULL
};

static Radicale *server;
static FaultProxy *proxy;
static Keyring *keyring;

#define VCARD_CT "text/vcard; charset=utf-8"
#define ICAL_CT "text/calendar; charset=utf-8"

static char *
card (const char *uid,
      const char *name)
{
  return g_strdup_printf ("BEGIN:VCARD\r\nVERSION:4.0\r\nUID:%s\r\nFN:%s\r\nEND:VCARD\r\n", uid, name);
}

static char *
todo (const char *uid,
      const char *summary)
{
  return g_strdup_printf ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Rapport//Test//EN\r\n"
                          "BEGIN:VTODO\r\nUID:%s\r\nDTSTAMP:20261201T100000Z\r\n"
                          "SUMMARY:%s\r\nDUE:20261210T090000Z\r\nEND:VTODO\r\nEND:VCALENDAR\r\n",
                          uid, summary);
}

static gboolean
skip_without_radicale (void)
{
  if (server != NULL)
    return FALSE;
  g_test_skip (radicale_missing () != NULL ? radicale_missing () : "radicale did not start");
  return TRUE;
}

static char *
url_at (const char *base,
        const char *path)
{
  return g_strconcat (base, path, NULL);
}

/* An address book of the test's own, made with the client. */
static char *
make_book (RapportDavClient *client,
           const char       *path)
{
  g_autoptr(GError) error = NULL;
  char *url = url_at (radicale_get_url (server), path);

  rapport_dav_client_make_addressbook (client, url, path, NULL, &error);
  g_assert_no_error (error);
  return url;
}

static void
put_new (RapportDavClient *client,
         const char       *url,
         const char       *body,
         char            **etag)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rapport_dav_client_put (client, url, body, VCARD_CT, NULL, etag, NULL, &error));
  g_assert_no_error (error);
}

/* Discovery */

static void
test_discovery_creates (void)
{
  g_autoptr(RapportDavClient) client = NULL;
  g_autoptr(RapportDavDiscovery) first = NULL;
  g_autoptr(RapportDavDiscovery) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *book = NULL;
  g_autofree char *tasks = NULL;
  g_autofree char *book_again = NULL;
  g_autofree char *tasks_again = NULL;
  g_autofree char *principal = NULL;
  RapportDavCollection *found;

  if (skip_without_radicale ())
    return;
  client = rapport_dav_client_new ("dave", "diver");
  principal = url_at (radicale_get_url (server), "dave/");

  /* From the bare server address: RFC 6764's well-known addresses. */
  first = rapport_dav_discover (client, radicale_get_url (server), NULL, &error);
  g_assert_no_error (error);
  g_test_message ("discovery from the server's root: %u requests, %" G_GUINT64_FORMAT " bytes received",
                  rapport_dav_client_get_requests (client), rapport_dav_client_get_bytes_received (client));
  /* The well-known address and its redirect, the principal, its homes,
   * the one home's collections. */
  g_assert_cmpuint (rapport_dav_client_get_requests (client), <=, 5);
  g_assert_cmpstr (first->principal, ==, principal);
  g_assert_cmpstr (first->addressbook_home, ==, principal);
  g_assert_cmpstr (first->calendar_home, ==, principal);
  g_assert_cmpuint (first->addressbooks->len, ==, 0);
  g_assert_cmpuint (first->task_lists->len, ==, 0);
  g_assert_null (rapport_dav_discovery_find (first, RAPPORT_DAV_TYPE_ADDRESSBOOK));

  g_assert_true (rapport_dav_discovery_ensure (client, first, &book, &tasks, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (book, principal));
  g_assert_true (g_str_has_suffix (book, "/" RAPPORT_DAV_ADDRESSBOOK_SLUG "/"));
  g_assert_true (g_str_has_suffix (tasks, "/" RAPPORT_DAV_TASKS_SLUG "/"));

  /* Another laptop, from the principal's address this time, finds them
   * by name and makes nothing. */
  again = rapport_dav_discover (client, principal, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->addressbooks->len, ==, 1);
  g_assert_cmpuint (again->task_lists->len, ==, 1);
  found = rapport_dav_discovery_find (again, RAPPORT_DAV_TYPE_CALENDAR);
  g_assert_nonnull (found);
  g_assert_cmpstr (found->displayname, ==, RAPPORT_DAV_TASKS_NAME);
  g_assert_cmpuint (found->components, ==, RAPPORT_DAV_COMPONENT_VTODO | RAPPORT_DAV_COMPONENT_VJOURNAL);
  found = rapport_dav_discovery_find (again, RAPPORT_DAV_TYPE_ADDRESSBOOK);
  g_assert_cmpstr (found->displayname, ==, RAPPORT_DAV_ADDRESSBOOK_NAME);
  g_assert_true (rapport_dav_discovery_ensure (client, again, &book_again, &tasks_again, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (book_again, ==, book);
  g_assert_cmpstr (tasks_again, ==, tasks);
  g_assert_cmpuint (again->addressbooks->len, ==, 1);
}

/* The user's own collections are candidates too; a calendar for events
 * only is not a task list. */
static void
test_discovery_lists (void)
{
  g_autoptr(RapportDavClient) client = NULL;
  g_autoptr(RapportDavDiscovery) discovery = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *home = NULL;
  g_autofree char *personal = NULL;
  g_autofree char *events = NULL;
  g_autofree char *chores = NULL;

  if (skip_without_radicale ())
    return;
  client = rapport_dav_client_new ("bob", "builder");
  home = url_at (radicale_get_url (server), "bob/");
  personal = url_at (home, "personal/");
  events = url_at (home, "events/");
  chores = url_at (home, "chores/");
  /* Radicale makes the principal's collection at the first request. */
  g_assert_nonnull (rapport_dav_client_propfind (client, radicale_get_url (server), 0,
                                                 RAPPORT_DAV_PROP_CURRENT_USER_PRINCIPAL, NULL, &error));
  g_assert_true (rapport_dav_client_make_addressbook (client, personal, "Personal", NULL, &error));
  g_assert_true (rapport_dav_client_make_calendar (client, events, "Events", RAPPORT_DAV_COMPONENT_VEVENT,
                                                   NULL, &error));
  g_assert_true (rapport_dav_client_make_calendar (client, chores, "Chores <& more>",
                                                   RAPPORT_DAV_COMPONENT_VTODO, NULL, &error));
  g_assert_no_error (error);

  /* Typed without a scheme it would be HTTPS; typed at the home. */
  discovery = rapport_dav_discover (client, home, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (discovery->addressbooks->len, ==, 1);
  g_assert_cmpstr (((RapportDavCollection *) discovery->addressbooks->pdata[0])->displayname, ==, "Personal");
  g_assert_cmpuint (discovery->task_lists->len, ==, 1);
  g_assert_cmpstr (((RapportDavCollection *) discovery->task_lists->pdata[0])->url, ==, chores);
  g_assert_cmpstr (((RapportDavCollection *) discovery->task_lists->pdata[0])->displayname, ==, "Chores <& more>");
  g_assert_null (rapport_dav_discovery_find (discovery, RAPPORT_DAV_TYPE_CALENDAR));

  /* Making one twice: a clear error, not a second collection. */
  g_assert_false (rapport_dav_client_make_addressbook (client, personal, "Personal", NULL, &error));
  g_assert_nonnull (error);
  g_assert_true (error->domain == RAPPORT_SYNC_ERROR);
}

/* Items */

static void
test_put_get_delete (void)
{
  g_autoptr(RapportDavClient) client = rapport_dav_client_new ("alice", "wonderland");
  g_autoptr(GError) error = NULL;
  g_autofree char *book = NULL;
  g_autofree char *url = NULL;
  g_autofree char *body = NULL;
  g_autofree char *changed = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *etag2 = NULL;
  g_autofree char *got_etag = NULL;
  g_autofree char *got = NULL;

  if (skip_without_radicale ())
    return;
  book = make_book (client, "alice/items/");
  url = url_at (book, "ada.vcf");
  body = card ("ada", "Ada Lovelace");
  changed = card ("ada", "Ada King");

  put_new (client, url, body, &etag);
  g_assert_nonnull (etag);

  /* New means new: If-None-Match: * refuses to overwrite. */
  g_assert_false (rapport_dav_client_put (client, url, changed, VCARD_CT, NULL, NULL, NULL, &error));
  g_assert_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_CHANGED);
  g_clear_error (&error);

  got = rapport_dav_client_get (client, url, &got_etag, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (got, "FN:Ada Lovelace"));
  g_assert_cmpstr (got_etag, ==, etag);

  /* A write against the etag the item has goes through, and changes it. */
  g_assert_true (rapport_dav_client_put (client, url, changed, VCARD_CT, etag, &etag2, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (etag2);
  g_assert_cmpstr (etag2, !=, etag);

  /* The old etag no longer: 412, nothing written, nothing deleted. */
  g_assert_false (rapport_dav_client_put (client, url, body, VCARD_CT, etag, NULL, NULL, &error));
  g_assert_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_CHANGED);
  g_clear_error (&error);
  g_assert_false (rapport_dav_client_delete (client, url, etag, NULL, &error));
  g_assert_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_CHANGED);
  g_clear_error (&error);
  g_clear_pointer (&got, g_free);
  got = rapport_dav_client_get (client, url, NULL, NULL, &error);
  g_assert_nonnull (strstr (got, "FN:Ada King"));

  g_assert_true (rapport_dav_client_delete (client, url, etag2, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&got, g_free);
  got = rapport_dav_client_get (client, url, NULL, NULL, &error);
  g_assert_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_NOT_FOUND);
  g_assert_null (got);
  g_clear_error (&error);
  /* Deleting what is gone is what was asked. */
  g_assert_true (rapport_dav_client_delete (client, url, NULL, NULL, &error));
  g_assert_no_error (error);
}

static gboolean
has_href (GPtrArray  *resources,
          const char *href)
{
  for (guint i = 0; i < resources->len; i++)
    {
      RapportDavResource *resource = g_ptr_array_index (resources, i);

      if (g_str_equal (resource->href, href))
        return TRUE;
    }
  return FALSE;
}

static gboolean
has_string (GPtrArray  *strings,
            const char *string)
{
  for (guint i = 0; i < strings->len; i++)
    if (g_str_equal (g_ptr_array_index (strings, i), string))
      return TRUE;
  return FALSE;
}

static void
test_sync_collection (void)
{
  g_autoptr(RapportDavClient) client = rapport_dav_client_new ("alice", "wonderland");
  g_autoptr(RapportDavChanges) all = NULL;
  g_autoptr(RapportDavChanges) none = NULL;
  g_autoptr(RapportDavChanges) some = NULL;
  g_autoptr(RapportDavChanges) bad = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *book = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;
  g_autofree char *d = NULL;
  g_autofree char *etag_a = NULL;
  g_autofree char *etag_b = NULL;
  g_autofree char *body = NULL;
  guint requests;

  if (skip_without_radicale ())
    return;
  book = make_book (client, "alice/sync/");
  a = url_at (book, "a.vcf");
  b = url_at (book, "b.vcf");
  c = url_at (book, "c.vcf");
  d = url_at (book, "d.vcf");
  body = card ("a", "Anna");
  put_new (client, a, body, &etag_a);
  g_free (body);
  body = card ("b", "Bert");
  put_new (client, b, body, &etag_b);
  g_free (body);
  body = card ("c", "Cleo");
  put_new (client, c, body, NULL);

  all = rapport_dav_client_sync_collection (client, book, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->changed->len, ==, 3);
  g_assert_true (has_href (all->changed, a));
  g_assert_cmpstr (((RapportDavResource *) all->changed->pdata[0])->etag, !=, NULL);
  g_assert_cmpuint (all->removed->len, ==, 0);
  g_assert_nonnull (all->token);
  g_assert_false (all->truncated);

  /* Nothing new: one request, nothing in it. */
  requests = rapport_dav_client_get_requests (client);
  none = rapport_dav_client_sync_collection (client, book, all->token, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rapport_dav_client_get_requests (client), ==, requests + 1);
  g_assert_cmpuint (none->changed->len, ==, 0);
  g_assert_cmpuint (none->removed->len, ==, 0);
  g_assert_cmpstr (none->token, ==, all->token);

  /* One changed, one deleted, one added. */
  g_free (body);
  body = card ("a", "Anna Maria");
  g_assert_true (rapport_dav_client_put (client, a, body, VCARD_CT, etag_a, NULL, NULL, &error));
  g_assert_true (rapport_dav_client_delete (client, b, etag_b, NULL, &error));
  g_free (body);
  body = card ("d", "Dora");
  put_new (client, d, body, NULL);
  some = rapport_dav_client_sync_collection (client, book, none->token, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (some->changed->len, ==, 2);
  g_assert_true (has_href (some->changed, a));
  g_assert_true (has_href (some->changed, d));
  g_assert_cmpuint (some->removed->len, ==, 1);
  g_assert_true (has_string (some->removed, b));
  g_assert_cmpstr (some->token, !=, none->token);

  /* A token the server never gave: start over. */
  bad = rapport_dav_client_sync_collection (client, book, "http://radicale.org/ns/sync/0000", NULL, &error);
  g_assert_null (bad);
  g_assert_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_TOKEN);
}

static void
test_multiget (void)
{
  g_autoptr(RapportDavClient) client = rapport_dav_client_new ("alice", "wonderland");
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GPtrArray) todos = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *book = NULL;
  g_autofree char *tasks = NULL;
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;
  g_autofree char *gone = NULL;
  g_autofree char *t = NULL;
  g_autofree char *etag_x = NULL;
  g_autofree char *body = NULL;
  const char *hrefs[4];

  if (skip_without_radicale ())
    return;
  book = make_book (client, "alice/multiget/");
  x = url_at (book, "x.vcf");
  y = url_at (book, "y%20z.vcf");
  gone = url_at (book, "never.vcf");
  body = card ("x", "Xena");
  put_new (client, x, body, &etag_x);
  g_free (body);
  body = card ("y", "Yann; Zoe");
  put_new (client, y, body, NULL);

  hrefs[0] = x; hrefs[1] = y; hrefs[2] = gone; hrefs[3] = NULL;
  cards = rapport_dav_client_multiget (client, book, RAPPORT_DAV_TYPE_ADDRESSBOOK, hrefs, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cards->len, ==, 3);
  for (guint i = 0; i < cards->len; i++)
    {
      RapportDavResource *resource = g_ptr_array_index (cards, i);

      if (g_str_equal (resource->href, x))
        {
          g_assert_cmpuint (resource->status, ==, 200);
          g_assert_cmpstr (resource->etag, ==, etag_x);
          g_assert_nonnull (strstr (resource->data, "FN:Xena"));
        }
      else if (g_str_equal (resource->href, y))
        g_assert_nonnull (strstr (resource->data, "FN:Yann\\; Zoe"));
      else
        {
          g_assert_cmpstr (resource->href, ==, gone);
          g_assert_cmpuint (resource->status, ==, 404);
          g_assert_null (resource->data);
        }
    }

  /* A task list, a VTODO, a calendar-multiget. */
  tasks = url_at (radicale_get_url (server), "alice/multiget-tasks/");
  g_assert_true (rapport_dav_client_make_calendar (client, tasks, "Tasks",
                                                   RAPPORT_DAV_COMPONENT_VTODO | RAPPORT_DAV_COMPONENT_VJOURNAL,
                                                   NULL, &error));
  t = url_at (tasks, "call-ada.ics");
  g_free (body);
  body = todo ("call-ada", "Check in with Ada");
  g_assert_true (rapport_dav_client_put (client, t, body, ICAL_CT, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  hrefs[0] = t; hrefs[1] = NULL;
  todos = rapport_dav_client_multiget (client, tasks, RAPPORT_DAV_TYPE_CALENDAR, hrefs, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (todos->len, ==, 1);
  g_assert_nonnull (strstr (((RapportDavResource *) todos->pdata[0])->data, "SUMMARY:Check in with Ada"));
}

/* Failures */

static void
test_wrong_password (void)
{
  g_autoptr(RapportDavClient) client = rapport_dav_client_new ("alice", "queen-of-hearts");
  g_autoptr(RapportDavDiscovery) discovery = NULL;
  g_autoptr(GError) error = NULL;

  if (skip_without_radicale ())
    return;
  discovery = rapport_dav_discover (client, radicale_get_url (server), NULL, &error);
  g_assert_null (discovery);
  g_assert_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_AUTH);
  g_assert_nonnull (strstr (error->message, "alice"));
  g_assert_null (strstr (error->message, "queen-of-hearts"));
  /* One failed login, not one per address tried nor a second try of the
   * same password: servers lock accounts out for fewer. */
  g_assert_cmpuint (rapport_dav_client_get_requests (client), <=, 2);
}

static void
test_unreachable (void)
{
  g_autoptr(RapportDavClient) client = rapport_dav_client_new ("alice", "wonderland");
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(RapportDavDiscovery) discovery = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  /* A port bound but never listened on refuses connections. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_assert_true (g_socket_bind (socket, any, FALSE, &error));
  bound = g_socket_get_local_address (socket, &error);
  url = g_strdup_printf ("http://127.0.0.1:%u/", g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));

  discovery = rapport_dav_discover (client, url, NULL, &error);
  g_assert_null (discovery);
  g_assert_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_UNREACHABLE);
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));
}

static void
test_insecure (void)
{
  g_autoptr(RapportDavClient) client = rapport_dav_client_new ("alice", "wonderland");
  g_autoptr(RapportDavDiscovery) discovery = NULL;
  g_autoptr(GError) error = NULL;
  guint requests;

  /* Refused before a byte leaves: nothing reaches the network. */
  discovery = rapport_dav_discover (client, "http://dav.example.com/", NULL, &error);
  g_assert_null (discovery);
  g_assert_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_INSECURE);
  g_assert_nonnull (strstr (error->message, "dav.example.com"));
  g_clear_error (&error);
  g_assert_null (rapport_dav_client_get (client, "http://10.1.2.3/card.vcf", NULL, NULL, &error));
  g_assert_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_INSECURE);
  g_clear_error (&error);
  g_assert_cmpuint (rapport_dav_client_get_requests (client), ==, 0);
  /* Not an address at all. */
  discovery = rapport_dav_discover (client, "dav example com", NULL, &error);
  g_assert_null (discovery);
  g_assert_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (error->message, "not a web address"));
  g_clear_error (&error);

  /* This machine is fine, by name or by address; so is HTTPS; so is
   * another machine once the user accepted it. */
  g_assert_true (rapport_dav_client_check_url (client, "http://localhost:5232/", NULL));
  g_assert_true (rapport_dav_client_check_url (client, "http://[::1]:5232/", NULL));
  g_assert_true (rapport_dav_client_check_url (client, "https://dav.example.com/", NULL));
  g_assert_false (rapport_dav_client_check_url (client, "ftp://dav.example.com/", &error));
  g_assert_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_PROTOCOL);
  g_clear_error (&error);
  rapport_dav_client_set_accept_insecure (client, TRUE);
  g_assert_true (rapport_dav_client_check_url (client, "http://dav.example.com/", NULL));
  requests = rapport_dav_client_get_requests (client);
  g_assert_cmpuint (requests, ==, 0);
}

/* A self-signed certificate for 127.0.0.1 (valid until 2126) and its key:
 * no authority vouches for it. */
static const char self_signed[] =
  "-----BEGIN CERTIFICATE-----\n"
  "MIIBmzCCAUGgAwIBAgIUTEXO6uleIa1S7tP4X139J5VlVwEwCgYIKoZIzj0EAwIw\n"
  "FDESMBAGA1UEAwwJMTI3LjAuMC4xMCAXDTI2MTIwMjE3MDUxM1oYDzIxMjYxMTA4\n"
  "MTcwNTEzWjAUMRIwEAYDVQQDDAkxMjcuMC4wLjEwWTATBgcqhkjOPQIBBggqhkjO\n"
  "PQMBBwNCAATqGCKdxGYX1UJtA7C9u+31LzeWIhQT1L1hre27Cgwj5LFNU78WFak1\n"
  "QEtTIQGcPyoUEI2CB5uHXuG68XC559cwo28wbTAdBgNVHQ4EFgQU4sIaQVdfl8Gs\n"
  "2CpGA/JRXYdlYQ8wHwYDVR0jBBgwFoAU4sIaQVdfl8Gs2CpGA/JRXYdlYQ8wDwYD\n"
  "VR0TAQH/BAUwAwEB/zAaBgNVHREEEzARhwR/AAABgglsb2NhbGhvc3QwCgYIKoZI\n"
  "zj0EAwIDSAAwRQIgSdE6T9nEs60t3C2LKUmmiwdKtX7sCey65tOr2tNtX2oCIQD5\n"
  "+gJ2GaCM1XqOFiVL0Si+1R8S/t56GP/SI3FUaEmBoQ==\n"
  "-----END CERTIFICATE-----\n"
  "-----BEGIN PRIVATE KEY-----\n"
  "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg8djgRBVg0/7bgDpS\n"
  "qs0mDF55kSsbGgOByJTN136ILXqhRANCAATqGCKdxGYX1UJtA7C9u+31LzeWIhQT\n"
  "1L1hre27Cgwj5LFNU78WFak1QEtTIQGcPyoUEI2CB5uHXuG68XC559cw\n"
  "-----END PRIVATE KEY-----\n"
  ;

/* TLS is verified: a certificate nobody vouches for is refused, in words,
 * and discovery does not go on to other addresses over it. */
static void
test_tls_unverified (void)
{
  g_autoptr(RapportDavClient) client = rapport_dav_client_new ("alice", "wonderland");
  g_autoptr(RapportDavDiscovery) discovery = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *item = NULL;
  FaultProxy *tls;

  if (skip_without_radicale ())
    return;
  tls = fault_proxy_start_tls (radicale_get_url (server), self_signed, &error);
  g_assert_no_error (error);
  item = url_at (fault_proxy_get_url (tls), "alice/");
  g_assert_true (g_str_has_prefix (item, "https://127.0.0.1:"));

  g_assert_null (rapport_dav_client_propfind (client, item, 0, RAPPORT_DAV_PROP_RESOURCETYPE, NULL, &error));
  g_assert_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_INSECURE);
  g_assert_nonnull (strstr (error->message, "certificate"));
  g_clear_error (&error);
  discovery = rapport_dav_discover (client, fault_proxy_get_url (tls), NULL, &error);
  g_assert_null (discovery);
  g_assert_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_INSECURE);
  /* Refused during the handshake: nothing reached the server. */
  g_assert_cmpuint (fault_proxy_get_requests (tls), ==, 0);
  fault_proxy_stop (tls);
}

/* A server that wants Digest: the preemptive Basic meets a challenge,
 * libsoup answers it, and the Digest is reused without a second round. */
static void
test_digest (void)
{
  g_autoptr(RapportDavClient) client = rapport_dav_client_new ("dave", "diver");
  g_autoptr(RapportDavClient) wrong = rapport_dav_client_new ("dave", "snorkel");
  g_autoptr(RapportDavDiscovery) discovery = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *principal = NULL;
  FaultProxy *digest;
  guint requests;

  if (skip_without_radicale ())
    return;
  digest = fault_proxy_start (radicale_get_url (server), &error);
  g_assert_no_error (error);
  fault_proxy_require_digest (digest, "dave", "diver");
  principal = url_at (fault_proxy_get_url (digest), "dave/");

  found = rapport_dav_client_propfind (client, principal, 0, RAPPORT_DAV_PROP_RESOURCETYPE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  /* Basic, its 401, Digest. */
  g_assert_cmpuint (rapport_dav_client_get_requests (client), ==, 2);
  requests = rapport_dav_client_get_requests (client);
  discovery = rapport_dav_discover (client, fault_proxy_get_url (digest), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (discovery->principal, ==, principal);
  /* No 401 on the way: each request went out once. */
  g_assert_cmpuint (rapport_dav_client_get_requests (client) - requests, <=, 5);

  g_assert_null (rapport_dav_client_propfind (wrong, principal, 0, RAPPORT_DAV_PROP_RESOURCETYPE, NULL, &error));
  g_assert_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_AUTH);
  fault_proxy_stop (digest);
}

/* Faults, through the proxy */

static RapportDavClient *
proxied_book (const char  *path,
              char       **book,
              char       **item)
{
  RapportDavClient *client = rapport_dav_client_new ("carol", "singer");
  g_autoptr(GError) error = NULL;
  g_autofree char *body = card (path, "Faulty Fred");

  *book = url_at (fault_proxy_get_url (proxy), path);
  rapport_dav_client_make_addressbook (client, *book, path, NULL, &error);
  g_assert_no_error (error);
  *item = url_at (*book, "fred.vcf");
  put_new (client, *item, body, NULL);
  fault_proxy_clear (proxy);
  return client;
}

static void
assert_sync_works (RapportDavClient *client,
                   const char       *book)
{
  g_autoptr(RapportDavChanges) changes = NULL;
  g_autoptr(GError) error = NULL;

  fault_proxy_clear (proxy);
  changes = rapport_dav_client_sync_collection (client, book, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->changed->len, ==, 1);
}

static void
test_fault_500 (void)
{
  g_autoptr(RapportDavClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *book = NULL;
  g_autofree char *item = NULL;
  g_autofree char *got = NULL;

  if (skip_without_radicale ())
    return;
  client = proxied_book ("carol/fault-500/", &book, &item);
  /* The second request fails; the first goes through. */
  fault_proxy_inject (proxy, FAULT_PROXY_ERROR_500, NULL, 2, 1);
  got = rapport_dav_client_get (client, item, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (rapport_dav_client_sync_collection (client, book, NULL, NULL, &error));
  g_assert_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_SERVER);
  g_assert_nonnull (strstr (error->message, "500"));
  g_assert_nonnull (strstr (error->message, "Internal Server Error"));
  g_assert_cmpuint (fault_proxy_get_faults_served (proxy), >=, 1);
  assert_sync_works (client, book);
}

static void
test_fault_drop_request (void)
{
  g_autoptr(RapportDavClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *book = NULL;
  g_autofree char *item = NULL;
  g_autofree char *body = NULL;
  g_autofree char *got = NULL;
  g_autofree char *etag = NULL;
  guint served = 0;

  if (skip_without_radicale ())
    return;
  client = proxied_book ("carol/fault-drop-request/", &book, &item);
  body = card ("carol/fault-drop-request/", "Fred Changed");
  got = rapport_dav_client_get (client, item, &etag, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&got, g_free);
  served = fault_proxy_get_faults_served (proxy);
  /* libsoup resends once on a new connection when a kept-alive one
   * closes before an answer: every attempt drops. */
  fault_proxy_inject (proxy, FAULT_PROXY_DROP_REQUEST, "PUT", 1, 0);
  g_assert_false (rapport_dav_client_put (client, item, body, VCARD_CT, etag, NULL, NULL, &error));
  g_assert_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_UNREACHABLE);
  g_clear_error (&error);
  g_assert_cmpuint (fault_proxy_get_faults_served (proxy), >, served);
  fault_proxy_clear (proxy);
  /* Nothing reached the server. */
  got = rapport_dav_client_get (client, item, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (got, "FN:Faulty Fred"));
  assert_sync_works (client, book);
}

/* A fault in the answer to a sync-collection REPORT: the sync fails with
 * the error a user can act on, and the next one, without the fault, works. */
typedef struct
{
  const char      *path;
  FaultProxyFault  fault;
  guint            times;
  int              code;  /* a RapportSyncError */
} SyncFault;

static const SyncFault drop_response = {
  "carol/fault-drop-response/", FAULT_PROXY_DROP_RESPONSE, 0, RAPPORT_SYNC_ERROR_UNREACHABLE
};
static const SyncFault truncated = {
  "carol/fault-truncated/", FAULT_PROXY_TRUNCATE, 1, RAPPORT_SYNC_ERROR_PROTOCOL
};

static void
test_fault_sync_fails (gconstpointer data)
{
  const SyncFault *fault = data;
  g_autoptr(RapportDavClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *book = NULL;
  g_autofree char *item = NULL;

  if (skip_without_radicale ())
    return;
  client = proxied_book (fault->path, &book, &item);
  fault_proxy_inject (proxy, fault->fault, "REPORT", 1, fault->times);
  g_assert_null (rapport_dav_client_sync_collection (client, book, NULL, NULL, &error));
  g_assert_error (error, RAPPORT_SYNC_ERROR, fault->code);
  assert_sync_works (client, book);
}

static void
test_fault_malformed (void)
{
  g_autoptr(RapportDavClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *book = NULL;
  g_autofree char *item = NULL;
  const char *hrefs[2] = { NULL, NULL };

  if (skip_without_radicale ())
    return;
  client = proxied_book ("carol/fault-malformed/", &book, &item);
  hrefs[0] = item;
  fault_proxy_inject (proxy, FAULT_PROXY_MALFORMED_XML, "REPORT", 1, 1);
  g_assert_null (rapport_dav_client_multiget (client, book, RAPPORT_DAV_TYPE_ADDRESSBOOK, hrefs, NULL, &error));
  g_assert_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (error->message, "XML"));
  assert_sync_works (client, book);
}

static void
test_fault_huge (gconstpointer data)
{
  FaultProxyFault fault = GPOINTER_TO_INT (data);
  g_autoptr(RapportDavClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *book = NULL;
  g_autofree char *item = NULL;
  guint64 received;

  if (skip_without_radicale ())
    return;
  client = proxied_book (fault == FAULT_PROXY_HUGE ? "carol/fault-huge/" : "carol/fault-huge-chunked/",
                         &book, &item);
  received = rapport_dav_client_get_bytes_received (client);
  fault_proxy_inject (proxy, fault, "REPORT", 1, 1);
  g_assert_null (rapport_dav_client_sync_collection (client, book, NULL, NULL, &error));
  g_assert_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_TOO_LARGE);
  /* g_format_size() puts a no-break space before the unit. */
  g_assert_nonnull (strstr (error->message, "32.0"));
  g_assert_nonnull (strstr (error->message, "MiB"));
  /* Refused from its length alone, or read no further than the limit. */
  g_assert_cmpuint (rapport_dav_client_get_bytes_received (client) - received, <=,
                    RAPPORT_DAV_MAX_BODY_DEFAULT + 64 * 1024);
  if (fault == FAULT_PROXY_HUGE)
    g_assert_cmpuint (rapport_dav_client_get_bytes_received (client), ==, received);
  assert_sync_works (client, book);
}

static void
test_fault_redirect_loop (void)
{
  g_autoptr(RapportDavClient) client = NULL;
  g_autoptr(RapportDavDiscovery) discovery = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *book = NULL;
  g_autofree char *item = NULL;

  if (skip_without_radicale ())
    return;
  client = proxied_book ("carol/fault-redirect/", &book, &item);
  fault_proxy_inject (proxy, FAULT_PROXY_REDIRECT_LOOP, NULL, 1, 0);
  g_assert_null (rapport_dav_client_get (client, item, NULL, NULL, &error));
  g_assert_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (error->message, "loop"));
  g_clear_error (&error);
  /* Discovery tries its addresses and says so in words. */
  discovery = rapport_dav_discover (client, fault_proxy_get_url (proxy), NULL, &error);
  g_assert_null (discovery);
  g_assert_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (error->message, "loop"));
  assert_sync_works (client, book);
}

static void
test_fault_no_sync_collection (void)
{
  g_autoptr(RapportDavClient) client = NULL;
  g_autoptr(GPtrArray) etags = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *book = NULL;
  g_autofree char *item = NULL;

  if (skip_without_radicale ())
    return;
  client = proxied_book ("carol/fault-no-sync/", &book, &item);
  fault_proxy_inject (proxy, FAULT_PROXY_NO_SYNC_COLLECTION, NULL, 1, 0);
  g_assert_null (rapport_dav_client_sync_collection (client, book, NULL, NULL, &error));
  g_assert_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_UNSUPPORTED);
  g_clear_error (&error);
  /* The fallback: every item's etag from a PROPFIND. */
  etags = rapport_dav_client_propfind (client, book, 1, RAPPORT_DAV_PROP_GETETAG | RAPPORT_DAV_PROP_GETCTAG,
                                       NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (etags->len, ==, 2);
  g_assert_true (has_href (etags, item));
  for (guint i = 0; i < etags->len; i++)
    {
      RapportDavResource *resource = g_ptr_array_index (etags, i);

      if (g_str_equal (resource->href, item))
        g_assert_nonnull (resource->etag);
      else
        g_assert_nonnull (resource->ctag);
    }
  assert_sync_works (client, book);
}

/* RFC 6578 3.6: a server that sends part of the changes says so with a
 * 507 for the collection itself; the rest comes with the next token. */
static void
test_sync_truncated (void)
{
  g_autoptr(RapportDavClient) client = NULL;
  g_autoptr(RapportDavChanges) changes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *book = NULL;
  g_autofree char *item = NULL;
  g_autofree char *answer = NULL;

  if (skip_without_radicale ())
    return;
  client = proxied_book ("carol/truncated-sync/", &book, &item);
  answer = g_strdup ("<?xml version='1.0'?><multistatus xmlns='DAV:'>"
                     "<response><href>/carol/truncated-sync/fred.vcf</href><propstat><prop>"
                     "<getetag>\"f1\"</getetag></prop><status>HTTP/1.1 200 OK</status></propstat></response>"
                     "<response><href>/carol/truncated-sync/</href>"
                     "<status>HTTP/1.1 507 Insufficient Storage</status></response>"
                     "<sync-token>http://example.com/sync/1</sync-token></multistatus>");
  fault_proxy_inject_answer (proxy, "REPORT", 1, 207, "application/xml; charset=utf-8", answer);
  changes = rapport_dav_client_sync_collection (client, book, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (changes->truncated);
  g_assert_cmpuint (changes->changed->len, ==, 1);
  g_assert_cmpstr (((RapportDavResource *) changes->changed->pdata[0])->href, ==, item);
  g_assert_cmpuint (changes->removed->len, ==, 0);
  g_assert_cmpstr (changes->token, ==, "http://example.com/sync/1");
  assert_sync_works (client, book);
}

/* As the sync uses the client: made in a worker thread, used there. */
static void
work_in_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  g_autoptr(RapportDavClient) client = rapport_dav_client_new ("alice", "wonderland");
  g_autoptr(GError) error = NULL;
  g_autofree char *book = make_book (client, "alice/thread/");
  g_autofree char *item = url_at (book, "t.vcf");
  g_autofree char *body = card ("t", "Theo Thread");
  RapportDavChanges *changes;

  put_new (client, item, body, NULL);
  changes = rapport_dav_client_sync_collection (client, book, NULL, cancellable, &error);
  if (changes == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, changes, (GDestroyNotify) rapport_dav_changes_free);
}

static void
test_worker_thread (void)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(RapportDavChanges) changes = NULL;
  g_autoptr(GError) error = NULL;

  if (skip_without_radicale ())
    return;
  task = g_task_new (NULL, NULL, NULL, NULL);
  g_task_run_in_thread_sync (task, work_in_thread);
  changes = g_task_propagate_pointer (task, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->changed->len, ==, 1);
}

/* A cancelled sync sends nothing and says it was cancelled, not that the
 * server failed. */
static void
test_cancelled (void)
{
  g_autoptr(RapportDavClient) client = rapport_dav_client_new ("alice", "wonderland");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *book = NULL;

  if (skip_without_radicale ())
    return;
  book = url_at (radicale_get_url (server), "alice/");
  g_cancellable_cancel (cancellable);
  g_assert_null (rapport_dav_client_sync_collection (client, book, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* A collection deleted on the server (by another client): 404, which the
 * engine reports as gone, never as "nothing changed". */
static void
test_collection_deleted (void)
{
  g_autoptr(RapportDavClient) client = rapport_dav_client_new ("alice", "wonderland");
  g_autoptr(RapportDavChanges) changes = NULL;
  g_autoptr(GPtrArray) listing = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *book = NULL;

  if (skip_without_radicale ())
    return;
  book = make_book (client, "alice/deleted/");
  changes = rapport_dav_client_sync_collection (client, book, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (rapport_dav_client_delete (client, book, NULL, NULL, &error));
  g_assert_null (rapport_dav_client_sync_collection (client, book, changes->token, NULL, &error));
  g_assert_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_NOT_FOUND);
  g_clear_error (&error);
  listing = rapport_dav_client_propfind (client, book, 1, RAPPORT_DAV_PROP_GETETAG, NULL, &error);
  g_assert_null (listing);
  g_assert_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_NOT_FOUND);
}

/* A server clock an hour ahead changes nothing the client does. */
static void
test_date_skew (void)
{
  g_autoptr(RapportDavClient) client = NULL;
  g_autoptr(RapportDavChanges) changes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *book = NULL;
  g_autofree char *item = NULL;
  g_autofree char *got = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *body = card ("carol/fault-skew/", "Fred Later");

  if (skip_without_radicale ())
    return;
  client = proxied_book ("carol/fault-skew/", &book, &item);
  fault_proxy_set_date_skew (proxy, 3600);
  {
    /* The proxy really says it is an hour later. */
    g_autoptr(SoupSession) session = soup_session_new ();
    g_autoptr(SoupMessage) message = soup_message_new ("OPTIONS", item);
    g_autoptr(GBytes) answer = NULL;
    g_autoptr(GDateTime) date = NULL;
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

    answer = soup_session_send_and_read (session, message, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (answer);
    date = soup_date_time_new_from_http_string (soup_message_headers_get_one (soup_message_get_response_headers (message), "Date"));
    g_assert_nonnull (date);
    g_assert_cmpint (g_date_time_difference (date, now) / G_TIME_SPAN_SECOND, >, 3000);
  }
  got = rapport_dav_client_get (client, item, &etag, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (rapport_dav_client_put (client, item, body, VCARD_CT, etag, NULL, NULL, &error));
  g_assert_no_error (error);
  changes = rapport_dav_client_sync_collection (client, book, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->changed->len, ==, 1);
  fault_proxy_clear (proxy);
}

/* The keyring */

static void
test_secret (void)
{
  g_autoptr(GError) error = NULL;
  char *found;

  if (keyring == NULL)
    {
      g_test_skip (keyring_missing () != NULL ? keyring_missing () : "gnome-keyring-daemon did not start");
      return;
    }
  g_assert_true (rapport_sync_secret_store ("https://dav.example.com/", "alice", "wonderland", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (rapport_sync_secret_store ("https://dav.example.com/", "bob", "builder", NULL, &error));
  found = rapport_sync_secret_lookup ("https://dav.example.com/", "alice", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found, ==, "wonderland");
  rapport_sync_secret_free (found);

  /* A new password replaces the old one. */
  g_assert_true (rapport_sync_secret_store ("https://dav.example.com/", "alice", "looking-glass", NULL, &error));
  found = rapport_sync_secret_lookup ("https://dav.example.com/", "alice", NULL, &error);
  g_assert_cmpstr (found, ==, "looking-glass");
  rapport_sync_secret_free (found);

  /* Another server, another user: nothing, and no error. */
  found = rapport_sync_secret_lookup ("https://other.example.com/", "alice", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (found);

  g_assert_true (rapport_sync_secret_clear ("https://dav.example.com/", "alice", NULL, &error));
  g_assert_no_error (error);
  found = rapport_sync_secret_lookup ("https://dav.example.com/", "alice", NULL, &error);
  g_assert_null (found);
  found = rapport_sync_secret_lookup ("https://dav.example.com/", "bob", NULL, &error);
  g_assert_cmpstr (found, ==, "builder");
  rapport_sync_secret_free (found);
  g_assert_no_error (error);
}

/* Without a Secret Service (a session bus with nobody on it), in a
 * process of its own: libsecret keeps its connection for the process. */
static void
test_no_keyring (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSubprocess) bus = NULL;
      g_autoptr(GDataInputStream) out = NULL;
      g_autofree char *dir = g_dir_make_tmp ("rapport-no-keyring-XXXXXX", NULL);
      g_autofree char *config = g_build_filename (dir, "bus.conf", NULL);
      g_autofree char *config_arg = g_strconcat ("--config-file=", config, NULL);
      g_autofree char *address = NULL;

      /* No service directory: nothing starts on demand. */
      g_file_set_contents (config,
                           "<busconfig><type>session</type><listen>unix:tmpdir=/tmp</listen>"
                           "<auth>EXTERNAL</auth><policy context='default'>"
                           "<allow send_destination='*' eavesdrop='true'/><allow eavesdrop='true'/>"
                           "<allow own='*'/></policy></busconfig>",
                           -1, &error);
      g_assert_no_error (error);
      bus = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, "dbus-daemon", config_arg,
                              "--nofork", "--print-address=1", NULL);
      g_assert_no_error (error);
      out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (bus));
      address = g_data_input_stream_read_line (out, NULL, NULL, &error);
      g_assert_nonnull (address);
      g_remove (config);
      g_rmdir (dir);
      g_setenv ("DBUS_SESSION_BUS_ADDRESS", address, TRUE);
      g_assert_false (rapport_sync_secret_store ("https://dav.example.com/", "alice", "wonderland", NULL, &error));
      g_assert_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_NO_KEYRING);
      g_assert_null (strstr (error->message, "wonderland"));
      g_printerr ("%s\n", error->message);
      g_subprocess_force_exit (bus);
      return;
    }
  if (keyring_missing () != NULL)
    {
      g_test_skip (keyring_missing ());
      return;
    }
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*keyring*");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  if (!g_test_subprocess ())
    {
      /* Before anything connects to the session bus. */
      if (keyring_missing () == NULL && (keyring = keyring_start (&error)) == NULL)
        g_error ("the keyring did not start: %s", error->message);
      if (radicale_missing () == NULL)
        {
          if ((server = radicale_start (users, &error)) == NULL)
            g_error ("radicale did not start: %s", error->message);
          if ((proxy = fault_proxy_start (radicale_get_url (server), &error)) == NULL)
            g_error ("the fault proxy did not start: %s", error->message);
        }
    }

  g_test_add_func ("/sync/dav/discovery/creates", test_discovery_creates);
  g_test_add_func ("/sync/dav/discovery/lists", test_discovery_lists);
  g_test_add_func ("/sync/dav/put-get-delete", test_put_get_delete);
  g_test_add_func ("/sync/dav/sync-collection", test_sync_collection);
  g_test_add_func ("/sync/dav/multiget", test_multiget);
  g_test_add_func ("/sync/dav/wrong-password", test_wrong_password);
  g_test_add_func ("/sync/dav/unreachable", test_unreachable);
  g_test_add_func ("/sync/dav/insecure", test_insecure);
  g_test_add_func ("/sync/dav/tls-unverified", test_tls_unverified);
  g_test_add_func ("/sync/dav/digest", test_digest);
  g_test_add_func ("/sync/dav/fault/500", test_fault_500);
  g_test_add_func ("/sync/dav/fault/drop-request", test_fault_drop_request);
  g_test_add_data_func ("/sync/dav/fault/drop-response", &drop_response, test_fault_sync_fails);
  g_test_add_data_func ("/sync/dav/fault/truncated", &truncated, test_fault_sync_fails);
  g_test_add_func ("/sync/dav/fault/malformed-xml", test_fault_malformed);
  g_test_add_data_func ("/sync/dav/fault/huge", GINT_TO_POINTER (FAULT_PROXY_HUGE), test_fault_huge);
  g_test_add_data_func ("/sync/dav/fault/huge-chunked", GINT_TO_POINTER (FAULT_PROXY_HUGE_CHUNKED),
                        test_fault_huge);
  g_test_add_func ("/sync/dav/fault/redirect-loop", test_fault_redirect_loop);
  g_test_add_func ("/sync/dav/fault/no-sync-collection", test_fault_no_sync_collection);
  g_test_add_func ("/sync/dav/fault/date-skew", test_date_skew);
  g_test_add_func ("/sync/dav/sync-truncated", test_sync_truncated);
  g_test_add_func ("/sync/dav/worker-thread", test_worker_thread);
  g_test_add_func ("/sync/dav/cancelled", test_cancelled);
  g_test_add_func ("/sync/dav/collection-deleted", test_collection_deleted);
  g_test_add_func ("/sync/dav/secret", test_secret);
  g_test_add_func ("/sync/dav/no-keyring", test_no_keyring);

  status = g_test_run ();

  fault_proxy_stop (proxy);
  radicale_stop (server);
  keyring_stop (keyring);
  return status;
}
