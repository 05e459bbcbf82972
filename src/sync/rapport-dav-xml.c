/* rapport-dav-xml.c: WebDAV request bodies and multistatus answers, through libxml2
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Elements are matched by namespace URI and local name, never by prefix:
 * servers choose their prefixes ("D:", "d:", none at all).  A server's
 * answer is untrusted: no DTD, no entities, no network, and a document
 * with a DOCTYPE is refused outright.
 */

#define G_LOG_DOMAIN "rapport-dav-xml"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <string.h>

#include "rapport-dav-xml-private.h"
#include "rapport-sync-error.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)

typedef struct
{
  xmlDoc *doc;
  xmlNs  *dav;
  xmlNs  *card;
  xmlNs  *cal;
  xmlNs  *cs;
} Builder;

/* A document whose root is NS:NAME, with the namespaces it may need
 * declared on the root. */
static xmlNode *
builder_init (Builder    *builder,
              const char *ns,
              const char *name)
{
  xmlNode *root;

  builder->doc = xmlNewDoc (BAD_CAST "1.0");
  root = xmlNewDocNode (builder->doc, NULL, BAD_CAST name, NULL);
  xmlDocSetRootElement (builder->doc, root);
  builder->dav = xmlNewNs (root, BAD_CAST RAPPORT_DAV_NS_DAV, BAD_CAST "D");
  builder->card = xmlNewNs (root, BAD_CAST RAPPORT_DAV_NS_CARDDAV, BAD_CAST "CR");
  builder->cal = xmlNewNs (root, BAD_CAST RAPPORT_DAV_NS_CALDAV, BAD_CAST "C");
  builder->cs = xmlNewNs (root, BAD_CAST RAPPORT_DAV_NS_CS, BAD_CAST "CS");
  if (g_str_equal (ns, RAPPORT_DAV_NS_DAV))
    xmlSetNs (root, builder->dav);
  else if (g_str_equal (ns, RAPPORT_DAV_NS_CARDDAV))
    xmlSetNs (root, builder->card);
  else
    xmlSetNs (root, builder->cal);
  return root;
}

static GBytes *
builder_finish (Builder *builder)
{
  xmlChar *text = NULL;
  int length = 0;
  GBytes *bytes;

  xmlDocDumpMemoryEnc (builder->doc, &text, &length, "UTF-8");
  bytes = g_bytes_new (text, length);
  xmlFree (text);
  xmlFreeDoc (builder->doc);
  return bytes;
}

static xmlNode *
add (xmlNode    *parent,
     xmlNs      *ns,
     const char *name,
     const char *text)
{
  /* xmlNewTextChild escapes the text; xmlNewChild would not. */
  return xmlNewTextChild (parent, ns, BAD_CAST name, text != NULL ? BAD_CAST text : NULL);
}

GBytes *
_rapport_dav_xml_propfind (RapportDavProps props)
{
  Builder b;
  xmlNode *root = builder_init (&b, RAPPORT_DAV_NS_DAV, "propfind");
  xmlNode *prop = add (root, b.dav, "prop", NULL);

  if (props & RAPPORT_DAV_PROP_RESOURCETYPE)
    add (prop, b.dav, "resourcetype", NULL);
  if (props & RAPPORT_DAV_PROP_DISPLAYNAME)
    add (prop, b.dav, "displayname", NULL);
  if (props & RAPPORT_DAV_PROP_GETETAG)
    add (prop, b.dav, "getetag", NULL);
  if (props & RAPPORT_DAV_PROP_GETCTAG)
    add (prop, b.cs, "getctag", NULL);
  if (props & RAPPORT_DAV_PROP_SYNC_TOKEN)
    add (prop, b.dav, "sync-token", NULL);
  if (props & RAPPORT_DAV_PROP_CURRENT_USER_PRINCIPAL)
    add (prop, b.dav, "current-user-principal", NULL);
  if (props & RAPPORT_DAV_PROP_ADDRESSBOOK_HOME_SET)
    add (prop, b.card, "addressbook-home-set", NULL);
  if (props & RAPPORT_DAV_PROP_CALENDAR_HOME_SET)
    add (prop, b.cal, "calendar-home-set", NULL);
  if (props & RAPPORT_DAV_PROP_SUPPORTED_COMPONENTS)
    add (prop, b.cal, "supported-calendar-component-set", NULL);
  return builder_finish (&b);
}

/* RFC 6578: an empty token asks for everything. */
GBytes *
_rapport_dav_xml_sync_collection (const char *token)
{
  Builder b;
  xmlNode *root = builder_init (&b, RAPPORT_DAV_NS_DAV, "sync-collection");
  xmlNode *prop;

  add (root, b.dav, "sync-token", token != NULL ? token : "");
  add (root, b.dav, "sync-level", "1");
  prop = add (root, b.dav, "prop", NULL);
  add (prop, b.dav, "getetag", NULL);
  return builder_finish (&b);
}

GBytes *
_rapport_dav_xml_multiget (RapportDavType      kind,
                           const char * const *paths)
{
  gboolean card = (kind & RAPPORT_DAV_TYPE_ADDRESSBOOK) != 0;
  Builder b;
  xmlNode *root;
  xmlNode *prop;

  root = builder_init (&b, card ? RAPPORT_DAV_NS_CARDDAV : RAPPORT_DAV_NS_CALDAV,
                       card ? "addressbook-multiget" : "calendar-multiget");
  prop = add (root, b.dav, "prop", NULL);
  add (prop, b.dav, "getetag", NULL);
  if (card)
    add (prop, b.card, "address-data", NULL);
  else
    add (prop, b.cal, "calendar-data", NULL);
  for (guint i = 0; paths[i] != NULL; i++)
    add (root, b.dav, "href", paths[i]);
  return builder_finish (&b);
}

/* RFC 5689's extended MKCOL, as RFC 6352 creates an address book. */
GBytes *
_rapport_dav_xml_mkcol_addressbook (const char *displayname)
{
  Builder b;
  xmlNode *root = builder_init (&b, RAPPORT_DAV_NS_DAV, "mkcol");
  xmlNode *prop = add (add (root, b.dav, "set", NULL), b.dav, "prop", NULL);
  xmlNode *type = add (prop, b.dav, "resourcetype", NULL);

  add (type, b.dav, "collection", NULL);
  add (type, b.card, "addressbook", NULL);
  add (prop, b.dav, "displayname", displayname);
  return builder_finish (&b);
}

GBytes *
_rapport_dav_xml_mkcalendar (const char           *displayname,
                             RapportDavComponents  components)
{
  static const struct { RapportDavComponents flag; const char *name; } names[] = {
    { RAPPORT_DAV_COMPONENT_VEVENT, "VEVENT" },
    { RAPPORT_DAV_COMPONENT_VTODO, "VTODO" },
    { RAPPORT_DAV_COMPONENT_VJOURNAL, "VJOURNAL" },
  };
  Builder b;
  xmlNode *root = builder_init (&b, RAPPORT_DAV_NS_CALDAV, "mkcalendar");
  xmlNode *prop = add (add (root, b.dav, "set", NULL), b.dav, "prop", NULL);
  xmlNode *set;

  add (prop, b.dav, "displayname", displayname);
  set = add (prop, b.cal, "supported-calendar-component-set", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (components & names[i].flag)
      xmlNewProp (add (set, b.cal, "comp", NULL), BAD_CAST "name", BAD_CAST names[i].name);
  return builder_finish (&b);
}

/* Parsing */

static gboolean
is (xmlNode    *node,
    const char *ns,
    const char *name)
{
  return node != NULL && node->type == XML_ELEMENT_NODE && node->ns != NULL &&
         g_strcmp0 ((const char *) node->ns->href, ns) == 0 &&
         g_strcmp0 ((const char *) node->name, name) == 0;
}

static xmlNode *
child (xmlNode    *parent,
       const char *ns,
       const char *name)
{
  for (xmlNode *node = parent->children; node != NULL; node = node->next)
    if (is (node, ns, name))
      return node;
  return NULL;
}

static char *
text_of (xmlNode *node)
{
  xmlChar *content = xmlNodeGetContent (node);
  char *text = g_strdup ((const char *) content);

  xmlFree (content);
  return text;
}

static char *
trimmed_text_of (xmlNode *node)
{
  return g_strstrip (text_of (node));
}

/* An href, resolved against the request's URL: servers answer with paths. */
static char *
resolve (GUri    *base,
         xmlNode *href)
{
  g_autofree char *text = NULL;
  g_autoptr(GUri) uri = NULL;

  if (href == NULL)
    return NULL;
  text = trimmed_text_of (href);
  if (*text == '\0')
    return NULL;
  uri = g_uri_parse_relative (base, text, G_URI_FLAGS_ENCODED, NULL);
  return uri != NULL ? g_uri_to_string (uri) : NULL;
}

static guint
status_of (xmlNode *node)
{
  g_autofree char *line = NULL;
  guint status = 0;

  if (node == NULL)
    return 0;
  line = trimmed_text_of (node);
  if (!soup_headers_parse_status_line (line, NULL, &status, NULL))
    return 0;
  return status;
}

static void
take (char **field,
      char  *value)
{
  g_free (*field);
  *field = value;
}

static void
read_prop (RapportDavResource *resource,
           GUri               *base,
           xmlNode            *prop)
{
  for (xmlNode *p = prop->children; p != NULL; p = p->next)
    {
      if (is (p, RAPPORT_DAV_NS_DAV, "getetag"))
        take (&resource->etag, trimmed_text_of (p));
      else if (is (p, RAPPORT_DAV_NS_DAV, "displayname"))
        take (&resource->displayname, trimmed_text_of (p));
      else if (is (p, RAPPORT_DAV_NS_CS, "getctag"))
        take (&resource->ctag, trimmed_text_of (p));
      else if (is (p, RAPPORT_DAV_NS_DAV, "sync-token"))
        take (&resource->sync_token, trimmed_text_of (p));
      else if (is (p, RAPPORT_DAV_NS_CARDDAV, "address-data") ||
               is (p, RAPPORT_DAV_NS_CALDAV, "calendar-data"))
        take (&resource->data, text_of (p));
      else if (is (p, RAPPORT_DAV_NS_DAV, "current-user-principal"))
        take (&resource->principal, resolve (base, child (p, RAPPORT_DAV_NS_DAV, "href")));
      else if (is (p, RAPPORT_DAV_NS_CARDDAV, "addressbook-home-set"))
        take (&resource->addressbook_home, resolve (base, child (p, RAPPORT_DAV_NS_DAV, "href")));
      else if (is (p, RAPPORT_DAV_NS_CALDAV, "calendar-home-set"))
        take (&resource->calendar_home, resolve (base, child (p, RAPPORT_DAV_NS_DAV, "href")));
      else if (is (p, RAPPORT_DAV_NS_DAV, "resourcetype"))
        {
          if (child (p, RAPPORT_DAV_NS_DAV, "collection"))
            resource->type |= RAPPORT_DAV_TYPE_COLLECTION;
          if (child (p, RAPPORT_DAV_NS_CARDDAV, "addressbook"))
            resource->type |= RAPPORT_DAV_TYPE_ADDRESSBOOK;
          if (child (p, RAPPORT_DAV_NS_CALDAV, "calendar"))
            resource->type |= RAPPORT_DAV_TYPE_CALENDAR;
          if (child (p, RAPPORT_DAV_NS_DAV, "principal"))
            resource->type |= RAPPORT_DAV_TYPE_PRINCIPAL;
        }
      else if (is (p, RAPPORT_DAV_NS_CALDAV, "supported-calendar-component-set"))
        {
          for (xmlNode *comp = p->children; comp != NULL; comp = comp->next)
            {
              xmlChar *name;

              if (!is (comp, RAPPORT_DAV_NS_CALDAV, "comp"))
                continue;
              name = xmlGetProp (comp, BAD_CAST "name");
              if (g_strcmp0 ((const char *) name, "VEVENT") == 0)
                resource->components |= RAPPORT_DAV_COMPONENT_VEVENT;
              else if (g_strcmp0 ((const char *) name, "VTODO") == 0)
                resource->components |= RAPPORT_DAV_COMPONENT_VTODO;
              else if (g_strcmp0 ((const char *) name, "VJOURNAL") == 0)
                resource->components |= RAPPORT_DAV_COMPONENT_VJOURNAL;
              xmlFree (name);
            }
        }
    }
}

static RapportDavResource *
read_response (xmlNode *response,
               GUri    *base)
{
  g_autoptr(RapportDavResource) resource = g_new0 (RapportDavResource, 1);
  guint first_status = 0;
  gboolean found = FALSE;

  if ((resource->href = resolve (base, child (response, RAPPORT_DAV_NS_DAV, "href"))) == NULL)
    return NULL;
  resource->status = status_of (child (response, RAPPORT_DAV_NS_DAV, "status"));

  /* Only the properties the server found: a 404 propstat lists those it
   * does not have. */
  for (xmlNode *node = response->children; node != NULL; node = node->next)
    {
      xmlNode *prop;
      guint status;

      if (!is (node, RAPPORT_DAV_NS_DAV, "propstat"))
        continue;
      status = status_of (child (node, RAPPORT_DAV_NS_DAV, "status"));
      if (first_status == 0)
        first_status = status;
      if (!SOUP_STATUS_IS_SUCCESSFUL (status) || (prop = child (node, RAPPORT_DAV_NS_DAV, "prop")) == NULL)
        continue;
      found = TRUE;
      read_prop (resource, base, prop);
    }
  if (resource->status == 0)
    resource->status = found ? SOUP_STATUS_OK : first_status;
  return g_steal_pointer (&resource);
}

static xmlDoc *
parse (GBytes  *body,
       GError **error)
{
  gsize length = 0;
  const char *data = g_bytes_get_data (body, &length);
  xmlDoc *doc;

  if (length == 0 || length > G_MAXINT)
    {
      g_set_error_literal (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_PROTOCOL,
                           _("The server's answer is empty"));
      return NULL;
    }
  doc = xmlReadMemory (data, (int) length, NULL, NULL,
                       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == NULL)
    {
      const xmlError *last = xmlGetLastError ();

      g_set_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_PROTOCOL,
                   _("The server's answer is not well-formed XML (line %d)"),
                   last != NULL ? last->line : 0);
      return NULL;
    }
  if (doc->intSubset != NULL || xmlDocGetRootElement (doc) == NULL)
    {
      g_set_error_literal (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_PROTOCOL,
                           _("The server's answer declares a document type, which WebDAV never does"));
      xmlFreeDoc (doc);
      return NULL;
    }
  return doc;
}

/**
 * _rapport_dav_xml_parse_multistatus:
 * @base: the request's URL, which hrefs are resolved against
 * @sync_token: (out) (optional): the multistatus's own sync-token (RFC 6578)
 *
 * Returns: (element-type RapportDavResource): every response with an href
 */
GPtrArray *
_rapport_dav_xml_parse_multistatus (GBytes  *body,
                                    GUri    *base,
                                    char   **sync_token,
                                    GError **error)
{
  g_autoptr(xmlDoc) doc = parse (body, error);
  g_autoptr(GPtrArray) resources = NULL;
  xmlNode *root;

  if (doc == NULL)
    return NULL;
  root = xmlDocGetRootElement (doc);
  if (!is (root, RAPPORT_DAV_NS_DAV, "multistatus"))
    {
      g_set_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_PROTOCOL,
                   _("The server answered with <%s> where WebDAV has <multistatus>"), root->name);
      return NULL;
    }
  resources = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_dav_resource_free);
  for (xmlNode *node = root->children; node != NULL; node = node->next)
    {
      RapportDavResource *resource;

      if (is (node, RAPPORT_DAV_NS_DAV, "response") && (resource = read_response (node, base)) != NULL)
        g_ptr_array_add (resources, resource);
      else if (is (node, RAPPORT_DAV_NS_DAV, "sync-token") && sync_token != NULL)
        {
          g_free (*sync_token);
          *sync_token = trimmed_text_of (node);
        }
    }
  return g_steal_pointer (&resources);
}

/**
 * _rapport_dav_xml_is_error:
 *
 * Returns: whether @body is a DAV:error naming the precondition
 *   NS:CONDITION (RFC 4918 section 16), such as DAV:valid-sync-token
 */
gboolean
_rapport_dav_xml_is_error (GBytes     *body,
                           const char *ns,
                           const char *condition)
{
  g_autoptr(xmlDoc) doc = NULL;
  xmlNode *root;

  if (body == NULL || g_bytes_get_size (body) == 0 || (doc = parse (body, NULL)) == NULL)
    return FALSE;
  root = xmlDocGetRootElement (doc);
  return is (root, RAPPORT_DAV_NS_DAV, "error") && child (root, ns, condition) != NULL;
}
