/* test-dav-xml.c: multistatus answers as other servers word them, and hostile ones
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Radicale is one server; the answers below are shaped as sabre/dav
 * (Nextcloud, Baïkal), iCloud and Google shape theirs: other prefixes or
 * none, absolute hrefs, a propstat per status, CDATA.  And answers no
 * server should send: a DOCTYPE with entities, the wrong root, nothing.
 * No server needed.
 */

#include "config.h"

#include <string.h>

#include "rapport-dav-xml-private.h"
#include "rapport-sync-error.h"

static GPtrArray *
parse (const char  *xml,
       const char  *base,
       char       **sync_token,
       GError     **error)
{
  g_autoptr(GBytes) body = g_bytes_new_static (xml, strlen (xml));
  g_autoptr(GUri) uri = g_uri_parse (base, G_URI_FLAGS_ENCODED, NULL);

  return _rapport_dav_xml_parse_multistatus (body, uri, sync_token, error);
}

static RapportDavResource *
find (GPtrArray  *resources,
      const char *href)
{
  for (guint i = 0; i < resources->len; i++)
    {
      RapportDavResource *resource = g_ptr_array_index (resources, i);

      if (g_str_equal (resource->href, href))
        return resource;
    }
  g_error ("no response for %s", href);
  return NULL;
}

/* sabre/dav: "d:" and "card:" prefixes, the user's email escaped in the
 * path, the properties it lacks in a 404 propstat. */
static void
test_sabre_home (void)
{
  static const char xml[] =
    "<?xml version=\"1.0\"?>\n"
    "<d:multistatus xmlns:d=\"DAV:\" xmlns:s=\"http://sabredav.org/ns\""
    " xmlns:card=\"urn:ietf:params:xml:ns:carddav\" xmlns:cs=\"http://calendarserver.org/ns/\">"
    " <d:response>"
    "  <d:href>/remote.php/dav/addressbooks/users/ann%40example.com/</d:href>"
    "  <d:propstat><d:prop><d:resourcetype><d:collection/></d:resourcetype></d:prop>"
    "   <d:status>HTTP/1.1 200 OK</d:status></d:propstat>"
    "  <d:propstat><d:prop><d:displayname/><cs:getctag/></d:prop>"
    "   <d:status>HTTP/1.1 404 Not Found</d:status></d:propstat>"
    " </d:response>"
    " <d:response>"
    "  <d:href>/remote.php/dav/addressbooks/users/ann%40example.com/contacts/</d:href>"
    "  <d:propstat><d:prop>"
    "   <d:resourcetype><d:collection/><card:addressbook/></d:resourcetype>"
    "   <d:displayname>Contacts</d:displayname>"
    "   <cs:getctag>http://sabre.io/ns/sync/42</cs:getctag>"
    "   <d:sync-token>http://sabre.io/ns/sync/42</d:sync-token>"
    "  </d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>"
    " </d:response>"
    "</d:multistatus>";
  g_autoptr(GPtrArray) resources = NULL;
  g_autoptr(GError) error = NULL;
  RapportDavResource *home;
  RapportDavResource *book;

  resources = parse (xml, "https://cloud.example.com/remote.php/dav/addressbooks/users/ann%40example.com/",
                     NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (resources->len, ==, 2);
  home = find (resources, "https://cloud.example.com/remote.php/dav/addressbooks/users/ann%40example.com/");
  g_assert_cmpuint (home->status, ==, 200);
  g_assert_cmpuint (home->type, ==, RAPPORT_DAV_TYPE_COLLECTION);
  /* Named in the 404 propstat: not there, not empty. */
  g_assert_null (home->displayname);
  g_assert_null (home->ctag);
  book = find (resources, "https://cloud.example.com/remote.php/dav/addressbooks/users/ann%40example.com/contacts/");
  g_assert_cmpuint (book->type, ==, RAPPORT_DAV_TYPE_COLLECTION | RAPPORT_DAV_TYPE_ADDRESSBOOK);
  g_assert_cmpstr (book->displayname, ==, "Contacts");
  g_assert_cmpstr (book->ctag, ==, "http://sabre.io/ns/sync/42");
  g_assert_cmpstr (book->sync_token, ==, "http://sabre.io/ns/sync/42");
}

/* iCloud: the default namespace, absolute hrefs on another host, the
 * principal and homes as absolute URLs. */
static void
test_icloud_principal (void)
{
  static const char xml[] =
    "<?xml version='1.0' encoding='UTF-8'?>"
    "<multistatus xmlns='DAV:'>"
    "<response><href>/123456/principal/</href>"
    "<propstat><prop>"
    "<current-user-principal><href>/123456/principal/</href></current-user-principal>"
    "<addressbook-home-set xmlns='urn:ietf:params:xml:ns:carddav'>"
    "<href xmlns='DAV:'>https://p42-contacts.icloud.com:443/123456/carddavhome/</href>"
    "</addressbook-home-set>"
    "<calendar-home-set xmlns='urn:ietf:params:xml:ns:caldav'>"
    "<href xmlns='DAV:'>https://p42-caldav.icloud.com:443/123456/calendars/</href>"
    "</calendar-home-set>"
    "<resourcetype><principal/></resourcetype>"
    "</prop><status>HTTP/1.1 200 OK</status></propstat>"
    "</response></multistatus>";
  g_autoptr(GPtrArray) resources = NULL;
  g_autoptr(GError) error = NULL;
  RapportDavResource *principal;

  resources = parse (xml, "https://contacts.icloud.com/", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (resources->len, ==, 1);
  principal = g_ptr_array_index (resources, 0);
  g_assert_cmpstr (principal->href, ==, "https://contacts.icloud.com/123456/principal/");
  g_assert_cmpstr (principal->principal, ==, "https://contacts.icloud.com/123456/principal/");
  g_assert_cmpstr (principal->addressbook_home, ==, "https://p42-contacts.icloud.com:443/123456/carddavhome/");
  g_assert_cmpstr (principal->calendar_home, ==, "https://p42-caldav.icloud.com:443/123456/calendars/");
  g_assert_true (principal->type & RAPPORT_DAV_TYPE_PRINCIPAL);
}

/* A calendar-multiget: one found (its data in CDATA), one with its CRs
 * as character references, one gone; a calendar's components. */
static void
test_multiget_answer (void)
{
  static const char xml[] =
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
    "<D:multistatus xmlns:D=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\">"
    "<D:response><D:href>/cal/tasks/a.ics</D:href><D:propstat><D:prop>"
    "<D:getetag>\"e1\"</D:getetag>"
    "<C:calendar-data><![CDATA[BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
    "BEGIN:VTODO\r\nUID:a\r\nSUMMARY:Call <Ada> & co\r\nEND:VTODO\r\nEND:VCALENDAR\r\n]]></C:calendar-data>"
    "</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>"
    "<D:response><D:href>/cal/tasks/b.ics</D:href><D:propstat><D:prop>"
    "<D:getetag>\"e2\"</D:getetag>"
    "<C:calendar-data>BEGIN:VCALENDAR&#13;\nEND:VCALENDAR&#13;\n</C:calendar-data>"
    "</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>"
    "<D:response><D:href>/cal/tasks/gone.ics</D:href><D:status>HTTP/1.1 404 Not Found</D:status></D:response>"
    "<D:response><D:href>/cal/tasks/</D:href><D:propstat><D:prop>"
    "<D:resourcetype><D:collection/><C:calendar/></D:resourcetype>"
    "<C:supported-calendar-component-set><C:comp name=\"VTODO\"/><C:comp name=\"VJOURNAL\"/>"
    "<C:comp name=\"VFREEBUSY\"/></C:supported-calendar-component-set>"
    "</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>"
    "</D:multistatus>";
  g_autoptr(GPtrArray) resources = NULL;
  g_autoptr(GError) error = NULL;
  RapportDavResource *a;
  RapportDavResource *b;
  RapportDavResource *gone;
  RapportDavResource *calendar;

  resources = parse (xml, "http://127.0.0.1:5232/cal/tasks/", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (resources->len, ==, 4);
  a = find (resources, "http://127.0.0.1:5232/cal/tasks/a.ics");
  g_assert_cmpstr (a->etag, ==, "\"e1\"");
  /* XML turns a raw CR LF into LF, even in CDATA; only &#13; keeps a CR. */
  g_assert_nonnull (strstr (a->data, "SUMMARY:Call <Ada> & co\nEND:VTODO"));
  b = find (resources, "http://127.0.0.1:5232/cal/tasks/b.ics");
  g_assert_cmpstr (b->data, ==, "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n");
  gone = find (resources, "http://127.0.0.1:5232/cal/tasks/gone.ics");
  g_assert_cmpuint (gone->status, ==, 404);
  g_assert_null (gone->data);
  calendar = find (resources, "http://127.0.0.1:5232/cal/tasks/");
  g_assert_cmpuint (calendar->type, ==, RAPPORT_DAV_TYPE_COLLECTION | RAPPORT_DAV_TYPE_CALENDAR);
  g_assert_cmpuint (calendar->components, ==, RAPPORT_DAV_COMPONENT_VTODO | RAPPORT_DAV_COMPONENT_VJOURNAL);
}

/* RFC 6578: the new token at the top, a removed member's 404. */
static void
test_sync_answer (void)
{
  static const char xml[] =
    "<?xml version=\"1.0\"?>"
    "<multistatus xmlns=\"DAV:\">"
    "<response><href>/book/new.vcf</href><propstat><prop><getetag>W/\"7\"</getetag></prop>"
    "<status>HTTP/1.1 200 OK</status></propstat></response>"
    "<response><href>/book/old.vcf</href><status>HTTP/1.1 404 Not Found</status></response>"
    "<sync-token>  data:,7  </sync-token>"
    "</multistatus>";
  g_autoptr(GPtrArray) resources = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;

  resources = parse (xml, "https://dav.example.com/book/", &token, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, "data:,7");
  g_assert_cmpuint (resources->len, ==, 2);
  g_assert_cmpstr (find (resources, "https://dav.example.com/book/new.vcf")->etag, ==, "W/\"7\"");
  g_assert_cmpuint (find (resources, "https://dav.example.com/book/old.vcf")->status, ==, 404);
}

static void
assert_refused (const char *xml,
                const char *words)
{
  g_autoptr(GPtrArray) resources = NULL;
  g_autoptr(GError) error = NULL;

  resources = parse (xml, "https://dav.example.com/", NULL, &error);
  g_assert_null (resources);
  g_assert_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_PROTOCOL);
  if (words != NULL)
    g_assert_nonnull (strstr (error->message, words));
}

/* An entity that would read a file: a DOCTYPE is refused before anything
 * is expanded.  One that would grow to gigabytes: libxml2 itself stops at
 * the loop of references. */
static void
test_hostile (void)
{
  assert_refused ("<?xml version='1.0'?>"
                  "<!DOCTYPE multistatus [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>"
                  "<multistatus xmlns='DAV:'><response><href>&x;</href></response></multistatus>",
                  "document type");
  assert_refused ("<?xml version='1.0'?>"
                  "<!DOCTYPE multistatus [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'>"
                  "<!ENTITY c '&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;'><!ENTITY d '&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;'>]>"
                  "<multistatus xmlns='DAV:'><response><href>&d;</href></response></multistatus>",
                  NULL);
  assert_refused ("<html><body>Log in</body></html>", "<html>");
  /* No namespace: not WebDAV's multistatus. */
  assert_refused ("<multistatus><response><href>/a</href></response></multistatus>", "<multistatus>");
  assert_refused ("<?xml version='1.0'?><multistatus xmlns='DAV:'><response>", "well-formed");
  assert_refused ("", "empty");
}

static void
test_error_body (void)
{
  static const char token[] = "<?xml version='1.0'?><D:error xmlns:D='DAV:'><D:valid-sync-token/></D:error>";
  static const char report[] = "<?xml version='1.0'?><error xmlns='DAV:'><supported-report/></error>";
  g_autoptr(GBytes) a = g_bytes_new_static (token, strlen (token));
  g_autoptr(GBytes) b = g_bytes_new_static (report, strlen (report));
  g_autoptr(GBytes) c = g_bytes_new_static ("Forbidden", 9);

  g_assert_true (_rapport_dav_xml_is_error (a, RAPPORT_DAV_NS_DAV, "valid-sync-token"));
  g_assert_false (_rapport_dav_xml_is_error (b, RAPPORT_DAV_NS_DAV, "valid-sync-token"));
  g_assert_true (_rapport_dav_xml_is_error (b, RAPPORT_DAV_NS_DAV, "supported-report"));
  g_assert_false (_rapport_dav_xml_is_error (c, RAPPORT_DAV_NS_DAV, "valid-sync-token"));
  g_assert_false (_rapport_dav_xml_is_error (NULL, RAPPORT_DAV_NS_DAV, "valid-sync-token"));
}

/* What Rapport sends: namespaced, escaped, well-formed. */
static void
test_requests (void)
{
  static const char *paths[] = { "/book/a%20b.vcf", "/book/<odd>&.vcf", NULL };
  g_autoptr(GBytes) mkcalendar = _rapport_dav_xml_mkcalendar ("Check-ins <& more>",
                                                              RAPPORT_DAV_COMPONENT_VTODO |
                                                              RAPPORT_DAV_COMPONENT_VJOURNAL);
  g_autoptr(GBytes) multiget = _rapport_dav_xml_multiget (RAPPORT_DAV_TYPE_ADDRESSBOOK, paths);
  g_autoptr(GBytes) sync = _rapport_dav_xml_sync_collection (NULL);
  g_autofree char *text = NULL;

  text = g_strndup (g_bytes_get_data (mkcalendar, NULL), g_bytes_get_size (mkcalendar));
  g_assert_nonnull (strstr (text, "<C:mkcalendar"));
  g_assert_nonnull (strstr (text, "xmlns:C=\"urn:ietf:params:xml:ns:caldav\""));
  g_assert_nonnull (strstr (text, "Check-ins &lt;&amp; more&gt;"));
  g_assert_nonnull (strstr (text, "<C:comp name=\"VTODO\"/><C:comp name=\"VJOURNAL\"/>"));
  g_assert_null (strstr (text, "VEVENT"));
  g_clear_pointer (&text, g_free);

  text = g_strndup (g_bytes_get_data (multiget, NULL), g_bytes_get_size (multiget));
  g_assert_nonnull (strstr (text, "<CR:addressbook-multiget"));
  g_assert_nonnull (strstr (text, "<D:href>/book/a%20b.vcf</D:href>"));
  g_assert_nonnull (strstr (text, "<D:href>/book/&lt;odd&gt;&amp;.vcf</D:href>"));
  g_assert_nonnull (strstr (text, "<CR:address-data/>"));
  g_clear_pointer (&text, g_free);

  text = g_strndup (g_bytes_get_data (sync, NULL), g_bytes_get_size (sync));
  g_assert_true (strstr (text, "<D:sync-token/>") != NULL ||
                 strstr (text, "<D:sync-token></D:sync-token>") != NULL);
  g_assert_nonnull (strstr (text, "<D:sync-level>1</D:sync-level>"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sync/dav-xml/sabre-home", test_sabre_home);
  g_test_add_func ("/sync/dav-xml/icloud-principal", test_icloud_principal);
  g_test_add_func ("/sync/dav-xml/multiget", test_multiget_answer);
  g_test_add_func ("/sync/dav-xml/sync-collection", test_sync_answer);
  g_test_add_func ("/sync/dav-xml/hostile", test_hostile);
  g_test_add_func ("/sync/dav-xml/error-body", test_error_body);
  g_test_add_func ("/sync/dav-xml/requests", test_requests);

  return g_test_run ();
}
