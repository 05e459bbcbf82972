/* rapport-search-provider.c: customers in the desktop's search
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GNOME Shell's overview asks the application, on its own D-Bus name, for
 * the customers matching what the user types (org.gnome.Shell.SearchProvider2,
 * announced by the search-provider .ini file).  It asks on every
 * keystroke and waits for every provider, so the reads run in a worker on
 * a read-only connection of their own and the window's main loop never
 * waits on them, nor they on it.  Activating a result acts through the
 * same application action as a reminder's Open button.
 */

#define G_LOG_DOMAIN "rapport-search-provider"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-customer-search.h"
#include "rapport-reader.h"
#include "rapport-search-provider.h"
#include "rapport-time.h"
#include "rapport-window.h"

/* More ids than the desktop ever shows at once are not read. */
#define MAX_METAS 100
/* The window's search gets the start of an overlong search. */
#define MAX_SEARCH_BYTES 256

struct _RapportSearchProvider
{
  GObject             parent_instance;

  RapportApplication *application;  /* owns this provider */
  RapportReader      *reader;       /* made on the first search */
  GDBusConnection    *connection;
  guint               registration;
};

G_DEFINE_FINAL_TYPE (RapportSearchProvider, rapport_search_provider, G_TYPE_OBJECT)

static const char provider_xml[] =
  "<node>"
  "  <interface name='org.gnome.Shell.SearchProvider2'>"
  "    <method name='GetInitialResultSet'>"
  "      <arg type='as' name='terms' direction='in'/>"
  "      <arg type='as' name='results' direction='out'/>"
  "    </method>"
  "    <method name='GetSubsearchResultSet'>"
  "      <arg type='as' name='previous_results' direction='in'/>"
  "      <arg type='as' name='terms' direction='in'/>"
  "      <arg type='as' name='results' direction='out'/>"
  "    </method>"
  "    <method name='GetResultMetas'>"
  "      <arg type='as' name='identifiers' direction='in'/>"
  "      <arg type='aa{sv}' name='metas' direction='out'/>"
  "    </method>"
  "    <method name='ActivateResult'>"
  "      <arg type='s' name='identifier' direction='in'/>"
  "      <arg type='as' name='terms' direction='in'/>"
  "      <arg type='u' name='timestamp' direction='in'/>"
  "    </method>"
  "    <method name='LaunchSearch'>"
  "      <arg type='as' name='terms' direction='in'/>"
  "      <arg type='u' name='timestamp' direction='in'/>"
  "    </method>"
  "  </interface>"
  "</node>";

typedef struct
{
  char      *fts;    /* a search: the query */
  GArray    *ids;    /* a search's results, or the customers whose metas are read */
  GPtrArray *hits;   /* the metas read */
} Request;

static void
request_free (Request *request)
{
  g_free (request->fts);
  g_clear_pointer (&request->ids, g_array_unref);
  g_clear_pointer (&request->hits, g_ptr_array_unref);
  g_free (request);
}

/* Calls wait for their read; this keeps a D-Bus activated app (which
 * has no window) from quitting under one. */
typedef struct
{
  RapportApplication    *application;
  GDBusMethodInvocation *invocation;
  gint64                 started;
} Call;

static Call *
call_new (RapportSearchProvider *self,
          GDBusMethodInvocation *invocation)
{
  Call *call = g_new0 (Call, 1);

  call->application = g_object_ref (self->application);
  call->invocation = g_object_ref (invocation);
  call->started = g_get_monotonic_time ();
  g_application_hold (G_APPLICATION (call->application));
  return call;
}

static void
call_free (Call *call)
{
  g_application_release (G_APPLICATION (call->application));
  g_object_unref (call->application);
  g_object_unref (call->invocation);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Call, call_free)

static gboolean
search_thread (RapportStore  *reader,
               gpointer       data,
               GError       **error)
{
  Request *request = data;

  request->ids = rapport_customer_search (reader, request->fts, error);
  return request->ids != NULL;
}

static gboolean
metas_thread (RapportStore  *reader,
              gpointer       data,
              GError       **error)
{
  Request *request = data;

  request->hits = rapport_customer_search_hits (reader, (const gint64 *) request->ids->data,
                                                request->ids->len, error);
  return request->hits != NULL;
}

static void
search_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(Call) call = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariantBuilder) builder = g_variant_builder_new (G_VARIANT_TYPE ("as"));
  Request *request;

  request = rapport_reader_run_finish (RAPPORT_READER (object), result, &error);
  if (request == NULL)
    {
      g_dbus_method_invocation_return_gerror (g_object_ref (call->invocation), error);
      return;
    }

  for (guint i = 0; i < request->ids->len; i++)
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                             g_array_index (request->ids, gint64, i));
      g_variant_builder_add (builder, "s", id);
    }
  g_debug ("%u results for %s in %.1f ms", request->ids->len, request->fts,
           (g_get_monotonic_time () - call->started) / 1000.0);
  g_dbus_method_invocation_return_value (g_object_ref (call->invocation),
                                         g_variant_new ("(as)", builder));
}

static char *
describe_hit (const RapportCustomerHit *hit,
              gint64                    now)
{
  g_autofree char *check_in = NULL;

  if (hit->next_check_in != 0)
    {
      g_autofree char *day = rapport_time_describe_day (hit->next_check_in, now);

      if (hit->next_check_in < now)
        /* Translators: in the desktop's search results, %s is a day: "Yesterday", "12 Mar" */
        check_in = g_strdup_printf (_("Check-in overdue since %s"), day);
      else
        /* Translators: in the desktop's search results, %s is a day: "Today", "12 Mar" */
        check_in = g_strdup_printf (_("Next check-in: %s"), day);
    }
  else
    check_in = g_strdup (_("No check-in"));

  if (hit->company == NULL || *hit->company == '\0')
    return g_steal_pointer (&check_in);
  /* Translators: in the desktop's search results: company, then the next check-in */
  return g_strdup_printf (_("%s · %s"), hit->company, check_in);
}

static void
metas_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Call) call = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GIcon) icon = g_themed_icon_new ("avatar-default-symbolic");
  g_autofree char *icon_text = g_icon_to_string (icon);
  g_autoptr(GVariantBuilder) metas = g_variant_builder_new (G_VARIANT_TYPE ("aa{sv}"));
  gint64 now = rapport_time_now ();
  Request *request;

  request = rapport_reader_run_finish (RAPPORT_READER (object), result, &error);
  if (request == NULL)
    {
      g_dbus_method_invocation_return_gerror (g_object_ref (call->invocation), error);
      return;
    }

  for (guint i = 0; i < request->hits->len; i++)
    {
      const RapportCustomerHit *hit = g_ptr_array_index (request->hits, i);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, hit->id);
      g_autofree char *description = describe_hit (hit, now);
      GVariantBuilder meta;

      g_variant_builder_init (&meta, G_VARIANT_TYPE ("a{sv}"));
      g_variant_builder_add (&meta, "{sv}", "id", g_variant_new_string (id));
      g_variant_builder_add (&meta, "{sv}", "name",
                             g_variant_new_string (hit->name != NULL ? hit->name : ""));
      g_variant_builder_add (&meta, "{sv}", "description", g_variant_new_string (description));
      g_variant_builder_add (&meta, "{sv}", "gicon", g_variant_new_string (icon_text));
      g_variant_builder_add_value (metas, g_variant_builder_end (&meta));
    }
  g_dbus_method_invocation_return_value (g_object_ref (call->invocation),
                                         g_variant_new ("(aa{sv})", metas));
}

static RapportReader *
get_reader (RapportSearchProvider *self)
{
  RapportStore *store = rapport_application_get_store (self->application);

  if (self->reader == NULL && store != NULL)
    self->reader = rapport_reader_new (store);
  return self->reader;
}

static void
search (RapportSearchProvider *self,
        const char * const    *terms,
        GDBusMethodInvocation *invocation)
{
  g_autofree char *fts = rapport_customer_search_query (terms);
  RapportReader *reader = get_reader (self);
  Request *request;

  /* Nothing to search for, or no book: nothing found, at once. */
  if (fts == NULL || reader == NULL)
    {
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(as)", NULL));
      return;
    }

  request = g_new0 (Request, 1);
  request->fts = g_steal_pointer (&fts);
  rapport_reader_run_async (reader, search_thread, request, (GDestroyNotify) request_free,
                            NULL, search_done, call_new (self, invocation));
}

static void
get_result_metas (RapportSearchProvider *self,
                  const char * const    *identifiers,
                  GDBusMethodInvocation *invocation)
{
  RapportReader *reader = get_reader (self);
  Request *request;

  request = g_new0 (Request, 1);
  request->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; identifiers[i] != NULL && request->ids->len < MAX_METAS; i++)
    {
      gint64 id;

      /* Ids are ours; anything else is not a customer. */
      if (g_ascii_string_to_signed (identifiers[i], 10, 1, G_MAXINT64, &id, NULL))
        g_array_append_val (request->ids, id);
    }

  if (reader == NULL || request->ids->len == 0)
    {
      request_free (request);
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(aa{sv})", NULL));
      return;
    }
  rapport_reader_run_async (reader, metas_thread, request, (GDestroyNotify) request_free,
                            NULL, metas_done, call_new (self, invocation));
}

static void
activate_result (RapportSearchProvider *self,
                 const char            *identifier)
{
  gint64 id;

  if (g_ascii_string_to_signed (identifier, 10, 1, G_MAXINT64, &id, NULL))
    g_action_group_activate_action (G_ACTION_GROUP (self->application), "open-customer",
                                    g_variant_new_int64 (id));
  else
    g_debug ("Not a customer to open: %s", identifier);
}

static void
launch_search (RapportSearchProvider *self,
               const char * const    *terms,
               guint32                timestamp)
{
  g_autofree char *text = g_strjoinv (" ", (char **) terms);
  GtkWindow *window;

  if (strlen (text) > MAX_SEARCH_BYTES)
    *g_utf8_find_prev_char (text, text + MAX_SEARCH_BYTES + 1) = '\0';

  g_application_activate (G_APPLICATION (self->application));
  window = gtk_application_get_active_window (GTK_APPLICATION (self->application));
  if (!RAPPORT_IS_WINDOW (window))
    return;  /* the book could not be opened: the app says so instead */

  rapport_window_set_view (RAPPORT_WINDOW (window), "customers");
  rapport_customers_page_search (rapport_window_get_customers_page (RAPPORT_WINDOW (window)),
                                 g_strstrip (text));
  gtk_window_present_with_time (window, timestamp);
}

static void
method_call (GDBusConnection       *connection,
             const char            *sender,
             const char            *object_path,
             const char            *interface_name,
             const char            *method_name,
             GVariant              *parameters,
             GDBusMethodInvocation *invocation,
             gpointer               user_data)
{
  RapportSearchProvider *self = user_data;
  g_autofree const char **terms = NULL;
  g_autofree const char **ids = NULL;
  const char *id;
  guint32 timestamp;

  g_assert (RAPPORT_IS_SEARCH_PROVIDER (self));

  if (g_str_equal (method_name, "GetInitialResultSet"))
    {
      g_variant_get (parameters, "(^a&s)", &terms);
      search (self, terms, invocation);
    }
  else if (g_str_equal (method_name, "GetSubsearchResultSet"))
    {
      /* The previous results were cut to the best few, so narrowing them
       * would lose better matches of the longer terms: search again. */
      g_variant_get (parameters, "(^a&s^a&s)", &ids, &terms);
      search (self, terms, invocation);
    }
  else if (g_str_equal (method_name, "GetResultMetas"))
    {
      g_variant_get (parameters, "(^a&s)", &ids);
      get_result_metas (self, ids, invocation);
    }
  else if (g_str_equal (method_name, "ActivateResult"))
    {
      g_variant_get (parameters, "(&s^a&su)", &id, &terms, &timestamp);
      activate_result (self, id);
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else if (g_str_equal (method_name, "LaunchSearch"))
    {
      g_variant_get (parameters, "(^a&su)", &terms, &timestamp);
      launch_search (self, terms, timestamp);
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else
    g_assert_not_reached ();  /* GDBus checks the introspection data */
}

static const GDBusInterfaceVTable provider_vtable = { method_call };

static void
rapport_search_provider_dispose (GObject *object)
{
  RapportSearchProvider *self = (RapportSearchProvider *)object;

  rapport_search_provider_unexport (self);
  g_clear_object (&self->reader);

  G_OBJECT_CLASS (rapport_search_provider_parent_class)->dispose (object);
}

static void
rapport_search_provider_class_init (RapportSearchProviderClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = rapport_search_provider_dispose;
}

static void
rapport_search_provider_init (RapportSearchProvider *self)
{
}

/**
 * rapport_search_provider_new:
 * @application: the application whose book is searched; it owns the provider
 */
RapportSearchProvider *
rapport_search_provider_new (RapportApplication *application)
{
  RapportSearchProvider *self;

  g_return_val_if_fail (RAPPORT_IS_APPLICATION (application), NULL);

  self = g_object_new (RAPPORT_TYPE_SEARCH_PROVIDER, NULL);
  self->application = application;
  return self;
}

/**
 * rapport_search_provider_export:
 *
 * Answers the desktop's search at @object_path on @connection, the
 * application's own (the .ini file names the path).
 */
gboolean
rapport_search_provider_export (RapportSearchProvider  *self,
                                GDBusConnection        *connection,
                                const char             *object_path,
                                GError                **error)
{
  g_autoptr(GDBusNodeInfo) info = NULL;

  g_return_val_if_fail (RAPPORT_IS_SEARCH_PROVIDER (self), FALSE);
  g_return_val_if_fail (G_IS_DBUS_CONNECTION (connection), FALSE);
  g_return_val_if_fail (self->registration == 0, FALSE);

  info = g_dbus_node_info_new_for_xml (provider_xml, error);
  if (info == NULL)
    return FALSE;
  self->registration = g_dbus_connection_register_object (connection, object_path,
                                                          info->interfaces[0], &provider_vtable,
                                                          self, NULL, error);
  if (self->registration == 0)
    return FALSE;
  self->connection = g_object_ref (connection);
  return TRUE;
}

void
rapport_search_provider_unexport (RapportSearchProvider *self)
{
  g_return_if_fail (RAPPORT_IS_SEARCH_PROVIDER (self));

  if (self->registration != 0)
    g_dbus_connection_unregister_object (self->connection, self->registration);
  self->registration = 0;
  g_clear_object (&self->connection);
}

/**
 * rapport_search_provider_close_book:
 *
 * Lets go of the book's file (a restore replaces it); the next search
 * opens it again.
 */
void
rapport_search_provider_close_book (RapportSearchProvider *self)
{
  g_return_if_fail (RAPPORT_IS_SEARCH_PROVIDER (self));

  g_clear_object (&self->reader);
}
