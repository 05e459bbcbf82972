/* fake-sync.c: a network monitor and syncs that tests control
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fake-sync.h"

struct _FakeMonitor
{
  GObject  parent_instance;
  gboolean available;
};

static void fake_monitor_initable_init (GInitableIface *iface);
static void fake_monitor_iface_init (GNetworkMonitorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FakeMonitor, fake_monitor, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, fake_monitor_initable_init)
                               G_IMPLEMENT_INTERFACE (G_TYPE_NETWORK_MONITOR, fake_monitor_iface_init))

enum { PROP_0, PROP_AVAILABLE, PROP_METERED, PROP_CONNECTIVITY };

static void
fake_monitor_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  FakeMonitor *self = FAKE_MONITOR (object);

  switch (prop_id)
    {
    case PROP_AVAILABLE:
      g_value_set_boolean (value, self->available);
      break;
    case PROP_METERED:
      g_value_set_boolean (value, FALSE);
      break;
    case PROP_CONNECTIVITY:
      g_value_set_enum (value, self->available ? G_NETWORK_CONNECTIVITY_FULL : G_NETWORK_CONNECTIVITY_LOCAL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fake_monitor_class_init (FakeMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = fake_monitor_get_property;
  g_object_class_override_property (object_class, PROP_AVAILABLE, "network-available");
  g_object_class_override_property (object_class, PROP_METERED, "network-metered");
  g_object_class_override_property (object_class, PROP_CONNECTIVITY, "connectivity");
}

static gboolean
fake_monitor_initable_init_fn (GInitable     *initable,
                               GCancellable  *cancellable,
                               GError       **error)
{
  return TRUE;
}

static void
fake_monitor_initable_init (GInitableIface *iface)
{
  iface->init = fake_monitor_initable_init_fn;
}

static void
fake_monitor_iface_init (GNetworkMonitorInterface *iface)
{
}

static void
fake_monitor_init (FakeMonitor *self)
{
  self->available = TRUE;
}

FakeMonitor *
fake_monitor_new (void)
{
  return g_object_new (FAKE_TYPE_MONITOR, NULL);
}

void
fake_monitor_set_available (FakeMonitor *self,
                            gboolean     available)
{
  self->available = available;
  g_object_notify (G_OBJECT (self), "network-available");
}

FakeSyncs fake_syncs;

void
fake_sync_reset (void)
{
  g_assert_true (g_queue_is_empty (&fake_syncs.running));
  memset (&fake_syncs, 0, sizeof fake_syncs);
  g_queue_init (&fake_syncs.running);
}

void
fake_sync_run (const char          *db_path,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  g_assert_nonnull (db_path);
  g_queue_push_tail (&fake_syncs.running, g_task_new (NULL, cancellable, callback, user_data));
  fake_syncs.started++;
  fake_syncs.most_at_once = MAX (fake_syncs.most_at_once, fake_syncs.running.length);
}

gboolean
fake_sync_finish (GAsyncResult  *result,
                  guint         *n_received,
                  GError       **error)
{
  gssize received = g_task_propagate_int (G_TASK (result), error);

  if (received < 0)
    return FALSE;
  *n_received = (guint) received;
  return TRUE;
}

/* Ends the oldest sync: with @error (taken), or @received changes. */
void
fake_sync_end (guint   received,
               GError *error)
{
  g_autoptr(GTask) task = g_queue_pop_head (&fake_syncs.running);

  g_assert_nonnull (task);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, received);
}
