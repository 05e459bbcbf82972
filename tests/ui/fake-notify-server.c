/* fake-notify-server.c: a notification server on a private bus, in-process
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For tests and benchmarks that drive a RapportNudger in their own
 * process.  The server answers from a thread of its own, on a connection
 * of its own, so it answers whatever the test's main loop is doing (and a
 * client that blocked its main loop on a call would still be answered).
 * The bus is a private dbus-daemon (see private-bus.c).
 *
 * Hung (fake_notify_server_set_hung()), it plays a server that took the
 * connection and stopped answering: calls are kept, never answered.
 */

#include "config.h"

#include "fake-notify-server.h"
#include "private-bus.h"

#define SERVER_NAME "org.freedesktop.Notifications"
#define SERVER_PATH "/org/freedesktop/Notifications"

struct _FakeNotifyServer
{
  GSubprocess     *bus;
  char            *address;

  GThread         *thread;
  GMainContext    *context;     /* the server thread's */
  GMainLoop       *loop;
  GDBusConnection *connection;

  GMutex           lock;
  GCond            cond;
  gboolean         ready;       /* the name is ours, or it failed */
  gboolean         named;
  GPtrArray       *summaries;   /* what it was asked to show */
  GPtrArray       *bodies;
  guint            n_closed;
  gboolean         hung;
  GPtrArray       *unanswered;  /* the calls a hung server kept */
  guint            n_unanswered;
};

static const char server_xml[] =
  "<node>"
  "  <interface name='org.freedesktop.Notifications'>"
  "    <method name='GetCapabilities'><arg type='as' direction='out'/></method>"
  "    <method name='Notify'>"
  "      <arg type='s'/><arg type='u'/><arg type='s'/><arg type='s'/><arg type='s'/>"
  "      <arg type='as'/><arg type='a{sv}'/><arg type='i'/>"
  "      <arg type='u' direction='out'/>"
  "    </method>"
  "    <method name='CloseNotification'><arg type='u'/></method>"
  "    <method name='GetServerInformation'>"
  "      <arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "      <arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "    </method>"
  "    <signal name='NotificationClosed'><arg type='u'/><arg type='u'/></signal>"
  "    <signal name='ActionInvoked'><arg type='u'/><arg type='s'/></signal>"
  "  </interface>"
  "</node>";

static void
notify_call (FakeNotifyServer      *self,
             GVariant              *parameters,
             GDBusMethodInvocation *invocation)
{
  const char *summary, *body;
  guint32 id;

  g_variant_get (parameters, "(&su&s&s&s^a&s@a{sv}i)", NULL, NULL, NULL, &summary, &body,
                 NULL, NULL, NULL);
  g_mutex_lock (&self->lock);
  g_ptr_array_add (self->summaries, g_strdup (summary));
  g_ptr_array_add (self->bodies, g_strdup (body));
  id = self->summaries->len;
  g_mutex_unlock (&self->lock);
  g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", id));
}

static void
method_call (GDBusConnection       *connection,
             const char            *sender,
             const char            *path,
             const char            *interface,
             const char            *method,
             GVariant              *parameters,
             GDBusMethodInvocation *invocation,
             gpointer               user_data)
{
  FakeNotifyServer *self = user_data;

  g_mutex_lock (&self->lock);
  if (self->hung)
    {
      /* The array holds the reference an answer would have taken. */
      g_ptr_array_add (self->unanswered, invocation);
      self->n_unanswered++;
      g_mutex_unlock (&self->lock);
      return;
    }
  g_mutex_unlock (&self->lock);

  if (g_str_equal (method, "GetCapabilities"))
    {
      static const char *caps[] = { "actions", "body", NULL };

      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(^as)", caps));
    }
  else if (g_str_equal (method, "Notify"))
    notify_call (self, parameters, invocation);
  else if (g_str_equal (method, "CloseNotification"))
    {
      guint32 id;

      g_variant_get (parameters, "(u)", &id);
      g_mutex_lock (&self->lock);
      self->n_closed++;
      g_mutex_unlock (&self->lock);
      g_dbus_method_invocation_return_value (invocation, NULL);
      g_dbus_connection_emit_signal (connection, NULL, SERVER_PATH, SERVER_NAME,
                                     "NotificationClosed", g_variant_new ("(uu)", id, 3), NULL);
    }
  else
    g_dbus_method_invocation_return_value (invocation,
                                           g_variant_new ("(ssss)", "fake", "rapport", "1",
                                                          "1.2"));
}

static const GDBusInterfaceVTable vtable = { method_call };

static void
set_ready (FakeNotifyServer *self,
           gboolean          named)
{
  g_mutex_lock (&self->lock);
  self->ready = TRUE;
  self->named = named;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);
}

static void
on_name_acquired (GDBusConnection *connection,
                  const char      *name,
                  gpointer         user_data)
{
  set_ready (user_data, TRUE);
}

static void
on_name_lost (GDBusConnection *connection,
              const char      *name,
              gpointer         user_data)
{
  set_ready (user_data, FALSE);
}

static gpointer
serve (gpointer data)
{
  FakeNotifyServer *self = data;
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (server_xml, NULL);
  g_autoptr(GError) error = NULL;
  guint registration = 0, owner = 0;

  g_main_context_push_thread_default (self->context);
  self->connection =
    g_dbus_connection_new_for_address_sync (self->address,
                                            G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                            G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                            NULL, NULL, &error);
  if (self->connection != NULL)
    registration = g_dbus_connection_register_object (self->connection, SERVER_PATH,
                                                      info->interfaces[0], &vtable, self,
                                                      NULL, &error);
  if (registration == 0)
    {
      g_printerr ("fake notification server: %s\n", error->message);
      set_ready (self, FALSE);
    }
  else
    {
      owner = g_bus_own_name_on_connection (self->connection, SERVER_NAME,
                                            G_BUS_NAME_OWNER_FLAGS_NONE, on_name_acquired,
                                            on_name_lost, self, NULL);
      g_main_loop_run (self->loop);
      g_bus_unown_name (owner);
      g_dbus_connection_unregister_object (self->connection, registration);
    }

  if (self->connection != NULL)
    g_dbus_connection_close_sync (self->connection, NULL, NULL);
  g_clear_object (&self->connection);
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

/**
 * fake_notify_server_start:
 *
 * Starts a private session bus, makes it this process's session bus
 * (DBUS_SESSION_BUS_ADDRESS: call this before anything connects to one)
 * and serves org.freedesktop.Notifications on it.
 *
 * Returns: the server, or %NULL with a message when there is no dbus-daemon
 */
FakeNotifyServer *
fake_notify_server_start (void)
{
  FakeNotifyServer *self = g_new0 (FakeNotifyServer, 1);
  g_autoptr(GError) error = NULL;
  gboolean named;

  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->summaries = g_ptr_array_new_with_free_func (g_free);
  self->bodies = g_ptr_array_new_with_free_func (g_free);
  self->unanswered = g_ptr_array_new_with_free_func (g_object_unref);

  self->bus = private_bus_spawn ("session", &self->address, &error);
  if (self->bus == NULL)
    {
      g_printerr ("Cannot start a private bus: %s\n", error != NULL ? error->message : "no address");
      fake_notify_server_stop (self);
      return NULL;
    }
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", self->address, TRUE);

  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->thread = g_thread_new ("fake-notify-server", serve, self);

  g_mutex_lock (&self->lock);
  while (!self->ready)
    g_cond_wait (&self->cond, &self->lock);
  named = self->named;
  g_mutex_unlock (&self->lock);

  if (!named)
    {
      fake_notify_server_stop (self);
      return NULL;
    }
  return self;
}

void
fake_notify_server_stop (FakeNotifyServer *self)
{
  if (self == NULL)
    return;

  if (self->thread != NULL)
    {
      g_main_loop_quit (self->loop);
      g_thread_join (self->thread);
    }
  g_clear_pointer (&self->loop, g_main_loop_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  private_bus_stop (g_steal_pointer (&self->bus));
  g_free (self->address);
  g_ptr_array_unref (self->unanswered);
  g_ptr_array_unref (self->summaries);
  g_ptr_array_unref (self->bodies);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_free (self);
}

guint
fake_notify_server_count (FakeNotifyServer *self)
{
  guint count;

  g_mutex_lock (&self->lock);
  count = self->summaries->len;
  g_mutex_unlock (&self->lock);
  return count;
}

guint
fake_notify_server_count_closed (FakeNotifyServer *self)
{
  guint count;

  g_mutex_lock (&self->lock);
  count = self->n_closed;
  g_mutex_unlock (&self->lock);
  return count;
}

static char *
dup_at (FakeNotifyServer *self,
        GPtrArray        *texts,
        guint             index)
{
  char *text = NULL;

  g_mutex_lock (&self->lock);
  if (index < texts->len)
    text = g_strdup (g_ptr_array_index (texts, index));
  g_mutex_unlock (&self->lock);
  return text;
}

char *
fake_notify_server_dup_summary (FakeNotifyServer *self,
                                guint             index)
{
  return dup_at (self, self->summaries, index);
}

char *
fake_notify_server_dup_body (FakeNotifyServer *self,
                             guint             index)
{
  return dup_at (self, self->bodies, index);
}

static gboolean
tick (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/**
 * fake_notify_server_wait:
 *
 * Runs the caller's main context until the server was asked to show
 * @count notifications in all, or @timeout_ms passed.
 *
 * Returns: whether it has
 */
gboolean
fake_notify_server_wait (FakeNotifyServer *self,
                         guint             count,
                         guint             timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + timeout_ms * (gint64) 1000;
  guint ticker = g_timeout_add (5, tick, NULL);
  gboolean ok;

  while (!(ok = fake_notify_server_count (self) >= count) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (ticker);
  return ok;
}

/**
 * fake_notify_server_invoke:
 * @index: which notification, counted from 0 in the order they came
 *
 * The user clicks @action ("done", "snooze", "open") on a notification.
 */
void
fake_notify_server_invoke (FakeNotifyServer *self,
                           guint             index,
                           const char       *action)
{
  g_autoptr(GError) error = NULL;

  g_dbus_connection_emit_signal (self->connection, NULL, SERVER_PATH, SERVER_NAME,
                                 "ActionInvoked", g_variant_new ("(us)", index + 1, action),
                                 &error);
  if (error != NULL)
    g_printerr ("fake notification server: %s\n", error->message);
}

/**
 * fake_notify_server_set_hung:
 * @hung: %TRUE: keep every call unanswered from now on; %FALSE: answer
 *   again (the calls kept get an error: their callers gave up long ago)
 */
void
fake_notify_server_set_hung (FakeNotifyServer *self,
                             gboolean          hung)
{
  g_autoptr(GPtrArray) kept = NULL;

  g_mutex_lock (&self->lock);
  self->hung = hung;
  if (!hung)
    {
      kept = g_steal_pointer (&self->unanswered);
      self->unanswered = g_ptr_array_new_with_free_func (g_object_unref);
    }
  g_mutex_unlock (&self->lock);

  if (kept != NULL)
    g_ptr_array_set_free_func (kept, NULL);
  for (guint i = 0; kept != NULL && i < kept->len; i++)
    g_dbus_method_invocation_return_dbus_error (g_ptr_array_index (kept, i),
                                                "org.freedesktop.DBus.Error.Failed",
                                                "The server was hung");
}

/**
 * fake_notify_server_count_unanswered:
 *
 * Returns: how many calls the server left unanswered while hung, in all
 */
guint
fake_notify_server_count_unanswered (FakeNotifyServer *self)
{
  guint count;

  g_mutex_lock (&self->lock);
  count = self->n_unanswered;
  g_mutex_unlock (&self->lock);
  return count;
}
