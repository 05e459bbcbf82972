/* rapport-dav-discovery.c: from a server address to Rapport's address book and task list
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a user types is rarely the collection: "https://dav.example.com",
 * "example.com", a Nextcloud's "/remote.php/dav".  RFC 6764's well-known
 * addresses (the client follows their redirects) lead to the user's
 * principal (RFC 5397), the principal to the homes of the address books
 * (RFC 6352) and calendars (RFC 4791), and the homes list the collections.
 * Rapport uses its own two, found by name or by address, and makes them
 * when they are missing, so every laptop of a team lands on the same ones.
 */

#define G_LOG_DOMAIN "rapport-dav-discovery"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rapport-dav-discovery.h"
#include "rapport-sync-error.h"

void
rapport_dav_collection_free (RapportDavCollection *collection)
{
  if (collection == NULL)
    return;
  g_free (collection->url);
  g_free (collection->displayname);
  g_free (collection);
}

void
rapport_dav_discovery_free (RapportDavDiscovery *discovery)
{
  if (discovery == NULL)
    return;
  g_free (discovery->principal);
  g_free (discovery->addressbook_home);
  g_free (discovery->calendar_home);
  g_clear_pointer (&discovery->addressbooks, g_ptr_array_unref);
  g_clear_pointer (&discovery->task_lists, g_ptr_array_unref);
  g_free (discovery);
}

/* Errors after which another address is worth a try: this one is no
 * DAV service.  A wrong password, a server that is down or a cancel end
 * the discovery. */
static gboolean
worth_another (GError *error)
{
  return g_error_matches (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_NOT_FOUND) ||
         g_error_matches (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_PROTOCOL) ||
         g_error_matches (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_GONE) ||
         g_error_matches (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_SERVER);
}

/* The addresses that may name the principal, in order: what the user
 * typed when it has a path, the two well-known ones, the root. */
static GPtrArray *
candidates (GUri *typed)
{
  GPtrArray *urls = g_ptr_array_new_with_free_func (g_free);
  const char *path = g_uri_get_path (typed);
  static const char *well_known[] = { "/.well-known/carddav", "/.well-known/caldav", "/" };

  if (path != NULL && *path != '\0' && !g_str_equal (path, "/"))
    g_ptr_array_add (urls, g_uri_to_string (typed));
  for (guint i = 0; i < G_N_ELEMENTS (well_known); i++)
    {
      g_autoptr(GUri) uri = g_uri_build (G_URI_FLAGS_ENCODED, g_uri_get_scheme (typed), NULL,
                                         g_uri_get_host (typed), g_uri_get_port (typed),
                                         well_known[i], NULL, NULL);

      g_ptr_array_add (urls, g_uri_to_string (uri));
    }
  return urls;
}

static char *
find_principal (RapportDavClient  *client,
                GUri              *typed,
                GCancellable      *cancellable,
                GError           **error)
{
  g_autoptr(GPtrArray) urls = candidates (typed);
  g_autoptr(GError) last_error = NULL;

  for (guint i = 0; i < urls->len; i++)
    {
      g_autoptr(GPtrArray) found = NULL;
      g_autoptr(GError) local_error = NULL;

      found = rapport_dav_client_propfind (client, g_ptr_array_index (urls, i), 0,
                                           RAPPORT_DAV_PROP_CURRENT_USER_PRINCIPAL |
                                           RAPPORT_DAV_PROP_RESOURCETYPE,
                                           cancellable, &local_error);
      if (found == NULL)
        {
          if (!worth_another (local_error))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
          g_debug ("no principal at %s: %s", (char *) g_ptr_array_index (urls, i), local_error->message);
          g_clear_error (&last_error);
          last_error = g_steal_pointer (&local_error);
          continue;
        }
      for (guint j = 0; j < found->len; j++)
        {
          RapportDavResource *resource = g_ptr_array_index (found, j);

          if (resource->principal != NULL)
            return g_strdup (resource->principal);
          /* A server that names no principal but was pointed at one. */
          if (resource->type & RAPPORT_DAV_TYPE_PRINCIPAL)
            return g_strdup (resource->href);
        }
    }
  {
    g_autofree char *shown = g_uri_to_string_partial (typed, G_URI_HIDE_USERINFO);

    if (last_error != NULL)
      g_set_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_PROTOCOL,
                   _("No CardDAV or CalDAV service found at %s (%s)"), shown, last_error->message);
    else
      g_set_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_PROTOCOL,
                   _("No CardDAV or CalDAV service found at %s"), shown);
  }
  return NULL;
}

static RapportDavCollection *
collection_new (RapportDavResource *resource)
{
  RapportDavCollection *collection = g_new0 (RapportDavCollection, 1);

  collection->url = g_strdup (resource->href);
  collection->displayname = g_strdup (resource->displayname);
  collection->components = resource->components;
  return collection;
}

/* The address books and task lists in @home join @discovery's. */
static gboolean
list_home (RapportDavClient     *client,
           const char           *home,
           RapportDavDiscovery  *discovery,
           GCancellable         *cancellable,
           GError              **error)
{
  g_autoptr(GPtrArray) found = NULL;

  found = rapport_dav_client_propfind (client, home, 1,
                                       RAPPORT_DAV_PROP_RESOURCETYPE | RAPPORT_DAV_PROP_DISPLAYNAME |
                                       RAPPORT_DAV_PROP_SUPPORTED_COMPONENTS,
                                       cancellable, error);
  if (found == NULL)
    return FALSE;
  for (guint i = 0; i < found->len; i++)
    {
      RapportDavResource *resource = g_ptr_array_index (found, i);

      if (resource->type & RAPPORT_DAV_TYPE_ADDRESSBOOK)
        g_ptr_array_add (discovery->addressbooks, collection_new (resource));
      /* A calendar that does not say what it holds takes anything. */
      else if ((resource->type & RAPPORT_DAV_TYPE_CALENDAR) &&
               (resource->components == 0 || (resource->components & RAPPORT_DAV_COMPONENT_VTODO)))
        g_ptr_array_add (discovery->task_lists, collection_new (resource));
    }
  return TRUE;
}

/**
 * rapport_dav_discover:
 * @client: logs in as the user, with accept-insecure set if the user
 *   accepted plain HTTP to another machine
 * @url: what the user typed: a server, a path on it, or a collection
 *
 * Finds the principal, the homes and every address book and task list in
 * them.  %RAPPORT_SYNC_ERROR_INSECURE for plain http:// to another
 * machine the client does not accept; %RAPPORT_SYNC_ERROR_AUTH,
 * %RAPPORT_SYNC_ERROR_UNREACHABLE as the client says.
 *
 * Returns: (transfer full): what the server holds for the user
 */
RapportDavDiscovery *
rapport_dav_discover (RapportDavClient  *client,
                      const char        *url,
                      GCancellable      *cancellable,
                      GError           **error)
{
  g_autoptr(RapportDavDiscovery) discovery = NULL;
  g_autoptr(GPtrArray) homes = NULL;
  g_autoptr(GUri) typed = NULL;
  g_autofree char *with_scheme = NULL;

  g_return_val_if_fail (RAPPORT_IS_DAV_CLIENT (client), NULL);
  g_return_val_if_fail (url != NULL, NULL);

  /* "dav.example.com" means HTTPS. */
  with_scheme = strstr (url, "://") == NULL ? g_strconcat ("https://", url, NULL) : g_strdup (url);
  if (!rapport_dav_client_check_url (client, with_scheme, error))
    return NULL;
  typed = g_uri_parse (with_scheme, G_URI_FLAGS_ENCODED, NULL);

  discovery = g_new0 (RapportDavDiscovery, 1);
  discovery->addressbooks = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_dav_collection_free);
  discovery->task_lists = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_dav_collection_free);
  if ((discovery->principal = find_principal (client, typed, cancellable, error)) == NULL)
    return NULL;

  homes = rapport_dav_client_propfind (client, discovery->principal, 0,
                                       RAPPORT_DAV_PROP_ADDRESSBOOK_HOME_SET |
                                       RAPPORT_DAV_PROP_CALENDAR_HOME_SET,
                                       cancellable, error);
  if (homes == NULL)
    return NULL;
  for (guint i = 0; i < homes->len; i++)
    {
      RapportDavResource *resource = g_ptr_array_index (homes, i);

      if (discovery->addressbook_home == NULL)
        discovery->addressbook_home = g_strdup (resource->addressbook_home);
      if (discovery->calendar_home == NULL)
        discovery->calendar_home = g_strdup (resource->calendar_home);
    }
  if (discovery->addressbook_home == NULL && discovery->calendar_home == NULL)
    {
      g_set_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_PROTOCOL,
                   _("The server keeps neither address books nor calendars for “%s”"),
                   rapport_dav_client_get_user (client));
      return NULL;
    }

  if (discovery->addressbook_home != NULL &&
      !list_home (client, discovery->addressbook_home, discovery, cancellable, error))
    return NULL;
  if (discovery->calendar_home != NULL &&
      g_strcmp0 (discovery->calendar_home, discovery->addressbook_home) != 0 &&
      !list_home (client, discovery->calendar_home, discovery, cancellable, error))
    return NULL;
  return g_steal_pointer (&discovery);
}

static gboolean
has_slug (const char *url,
          const char *slug)
{
  g_autofree char *trimmed = g_strdup (url);
  char *last;

  if (g_str_has_suffix (trimmed, "/"))
    trimmed[strlen (trimmed) - 1] = '\0';
  last = strrchr (trimmed, '/');
  return last != NULL && g_str_equal (last + 1, slug);
}

/**
 * rapport_dav_discovery_find:
 * @kind: %RAPPORT_DAV_TYPE_ADDRESSBOOK or %RAPPORT_DAV_TYPE_CALENDAR
 *
 * Returns: (transfer none) (nullable): Rapport's own address book ("Rapport
 *   customers") or task list ("Rapport check-ins"), by name or by the
 *   address Rapport gives them
 */
RapportDavCollection *
rapport_dav_discovery_find (RapportDavDiscovery *discovery,
                            RapportDavType       kind)
{
  gboolean card = kind == RAPPORT_DAV_TYPE_ADDRESSBOOK;
  GPtrArray *collections = card ? discovery->addressbooks : discovery->task_lists;
  const char *name = card ? RAPPORT_DAV_ADDRESSBOOK_NAME : RAPPORT_DAV_TASKS_NAME;
  const char *slug = card ? RAPPORT_DAV_ADDRESSBOOK_SLUG : RAPPORT_DAV_TASKS_SLUG;

  g_return_val_if_fail (discovery != NULL, NULL);

  for (guint i = 0; i < collections->len; i++)
    {
      RapportDavCollection *collection = g_ptr_array_index (collections, i);

      if (g_strcmp0 (collection->displayname, name) == 0)
        return collection;
    }
  for (guint i = 0; i < collections->len; i++)
    {
      RapportDavCollection *collection = g_ptr_array_index (collections, i);

      if (has_slug (collection->url, slug))
        return collection;
    }
  return NULL;
}

static char *
child_url (const char *home,
           const char *slug)
{
  return g_strconcat (home, g_str_has_suffix (home, "/") ? "" : "/", slug, "/", NULL);
}

/**
 * rapport_dav_discovery_ensure:
 * @addressbook_url: (out): Rapport's address book
 * @tasks_url: (out): Rapport's task list
 *
 * Finds Rapport's address book and task list in @discovery, and creates
 * those missing: "Rapport customers" with an extended MKCOL, "Rapport
 * check-ins" with MKCALENDAR for VTODO and VJOURNAL.  What it creates
 * joins @discovery.
 */
gboolean
rapport_dav_discovery_ensure (RapportDavClient     *client,
                              RapportDavDiscovery  *discovery,
                              char                **addressbook_url,
                              char                **tasks_url,
                              GCancellable         *cancellable,
                              GError              **error)
{
  RapportDavCollection *book;
  RapportDavCollection *tasks;

  g_return_val_if_fail (RAPPORT_IS_DAV_CLIENT (client), FALSE);
  g_return_val_if_fail (discovery != NULL, FALSE);

  if ((book = rapport_dav_discovery_find (discovery, RAPPORT_DAV_TYPE_ADDRESSBOOK)) == NULL)
    {
      g_autoptr(RapportDavCollection) made = g_new0 (RapportDavCollection, 1);

      if (discovery->addressbook_home == NULL)
        {
          g_set_error_literal (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_PROTOCOL,
                               _("The server keeps no address books (it has no CardDAV)"));
          return FALSE;
        }
      made->url = child_url (discovery->addressbook_home, RAPPORT_DAV_ADDRESSBOOK_SLUG);
      made->displayname = g_strdup (RAPPORT_DAV_ADDRESSBOOK_NAME);
      if (!rapport_dav_client_make_addressbook (client, made->url, made->displayname, cancellable, error))
        return FALSE;
      book = made;
      g_ptr_array_add (discovery->addressbooks, g_steal_pointer (&made));
    }
  if ((tasks = rapport_dav_discovery_find (discovery, RAPPORT_DAV_TYPE_CALENDAR)) == NULL)
    {
      g_autoptr(RapportDavCollection) made = g_new0 (RapportDavCollection, 1);

      if (discovery->calendar_home == NULL)
        {
          g_set_error_literal (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_PROTOCOL,
                               _("The server keeps no task lists (it has no CalDAV)"));
          return FALSE;
        }
      made->url = child_url (discovery->calendar_home, RAPPORT_DAV_TASKS_SLUG);
      made->displayname = g_strdup (RAPPORT_DAV_TASKS_NAME);
      made->components = RAPPORT_DAV_COMPONENT_VTODO | RAPPORT_DAV_COMPONENT_VJOURNAL;
      if (!rapport_dav_client_make_calendar (client, made->url, made->displayname, made->components,
                                             cancellable, error))
        return FALSE;
      tasks = made;
      g_ptr_array_add (discovery->task_lists, g_steal_pointer (&made));
    }
  if (addressbook_url != NULL)
    *addressbook_url = g_strdup (book->url);
  if (tasks_url != NULL)
    *tasks_url = g_strdup (tasks->url);
  return TRUE;
}
