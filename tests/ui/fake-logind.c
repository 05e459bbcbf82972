/* fake-logind.c: logind's sleep signal, on a private system bus
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A machine does not suspend on a CI runner, and a container has no
 * logind.  This plays the one part of it Rapport listens to: it owns
 * org.freedesktop.login1 on a system bus of its own (see private-bus.c)
 * and emits org.freedesktop.login1.Manager.PrepareForSleep when told.
 */

#include "config.h"

#include "fake-logind.h"
#include "private-bus.h"

#define LOGIND_NAME "org.freedesktop.login1"
#define LOGIND_PATH "/org/freedesktop/login1"

struct _FakeLogind
{
  GSubprocess     *bus;
  char            *address;
  GDBusConnection *connection;
};

static gboolean
own_name (FakeLogind  *self,
          GError     **error)
{
  g_autoptr(GVariant) reply = NULL;
  guint32 result = 0;

  self->connection =
    g_dbus_connection_new_for_address_sync (self->address,
                                            G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                            G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                            NULL, NULL, error);
  if (self->connection == NULL)
    return FALSE;

  /* 4: DBUS_NAME_FLAG_DO_NOT_QUEUE; 1: it is ours. */
  reply = g_dbus_connection_call_sync (self->connection, "org.freedesktop.DBus",
                                       "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                       "RequestName", g_variant_new ("(su)", LOGIND_NAME, 4),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, 5000,
                                       NULL, error);
  if (reply == NULL)
    return FALSE;
  g_variant_get (reply, "(u)", &result);
  if (result != 1)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, "%s is taken (%u)", LOGIND_NAME, result);
      return FALSE;
    }
  return TRUE;
}

/**
 * fake_logind_start:
 *
 * Starts a private system bus, makes it this process's system bus
 * (DBUS_SYSTEM_BUS_ADDRESS: call this before anything connects to one)
 * and owns org.freedesktop.login1 on it.
 *
 * Returns: the fake, or %NULL with a message when there is no dbus-daemon
 */
FakeLogind *
fake_logind_start (void)
{
  FakeLogind *self = g_new0 (FakeLogind, 1);
  g_autoptr(GError) error = NULL;

  self->bus = private_bus_spawn ("system", &self->address, &error);
  if (self->bus != NULL)
    g_setenv ("DBUS_SYSTEM_BUS_ADDRESS", self->address, TRUE);
  if (self->bus == NULL || !own_name (self, &error))
    {
      g_printerr ("Cannot play logind on a private system bus: %s\n", error->message);
      fake_logind_stop (self);
      return NULL;
    }
  return self;
}

void
fake_logind_stop (FakeLogind *self)
{
  if (self == NULL)
    return;

  if (self->connection != NULL)
    g_dbus_connection_close_sync (self->connection, NULL, NULL);
  g_clear_object (&self->connection);
  private_bus_stop (g_steal_pointer (&self->bus));
  g_free (self->address);
  g_free (self);
}

/**
 * fake_logind_prepare_for_sleep:
 * @sleeping: %TRUE: the machine is about to sleep; %FALSE: it woke up
 */
void
fake_logind_prepare_for_sleep (FakeLogind *self,
                               gboolean    sleeping)
{
  g_autoptr(GError) error = NULL;

  g_dbus_connection_emit_signal (self->connection, NULL, LOGIND_PATH,
                                 "org.freedesktop.login1.Manager", "PrepareForSleep",
                                 g_variant_new ("(b)", sleeping), &error);
  if (error == NULL)
    g_dbus_connection_flush_sync (self->connection, NULL, &error);
  if (error != NULL)
    g_printerr ("fake logind: %s\n", error->message);
}
