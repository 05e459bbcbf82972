/* rapport-sync-scheduler.c: when the book syncs, and how it went
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A sync runs when the scheduler is enabled (an account exists), a few
 * seconds after the book changes (one more edit restarts the wait, so a
 * burst of edits is one sync), a while after the last sync (one timer,
 * armed again when each sync ends: nothing polls) and when the network
 * comes back.  Never two at once: whatever asks for a sync while one runs
 * gets exactly one more after it.  The header and Preferences show the
 * state, the time of the last sync and the last error from here.
 */

#define G_LOG_DOMAIN "rapport-sync-scheduler"

#include "config.h"

#include "rapport-sync-error.h"
#include "rapport-sync-scheduler.h"

#define DEFAULT_CHANGE_DELAY_MS (5 * 1000)
#define DEFAULT_INTERVAL_MS     (15 * 60 * 1000)

struct _RapportSyncScheduler
{
  GObject                     parent_instance;

  RapportStore               *store;
  GNetworkMonitor            *monitor;
  RapportSyncSchedulerRun     run;
  RapportSyncSchedulerFinish  finish;

  guint                       change_delay;  /* ms */
  guint                       interval;      /* ms */
  guint                       change_source;
  guint                       interval_source;
  gulong                      changed_handler;

  GCancellable               *cancellable;   /* of the sync that runs, or NULL */
  gboolean                    again;         /* asked for while one ran */
  gboolean                    enabled;
  RapportSyncState            state;
  gint64                      last_sync;     /* Unix seconds; 0: never */
  GError                     *error;
};

G_DEFINE_FINAL_TYPE (RapportSyncScheduler, rapport_sync_scheduler, G_TYPE_OBJECT)
G_DEFINE_ENUM_TYPE (RapportSyncState, rapport_sync_state,
  G_DEFINE_ENUM_VALUE (RAPPORT_SYNC_STATE_DISABLED, "disabled"),
  G_DEFINE_ENUM_VALUE (RAPPORT_SYNC_STATE_IDLE, "idle"),
  G_DEFINE_ENUM_VALUE (RAPPORT_SYNC_STATE_SYNCING, "syncing"),
  G_DEFINE_ENUM_VALUE (RAPPORT_SYNC_STATE_OFFLINE, "offline"),
  G_DEFINE_ENUM_VALUE (RAPPORT_SYNC_STATE_FAILED, "failed"))

enum {
  PROP_0,
  PROP_STORE,
  PROP_NETWORK_MONITOR,
  PROP_ENABLED,
  PROP_STATE,
  PROP_LAST_SYNC,
  PROP_ERROR,
  PROP_CHANGE_DELAY,
  PROP_INTERVAL,
  N_PROPS
};

enum {
  FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void start_sync (RapportSyncScheduler *self);

static void
set_state (RapportSyncScheduler *self,
           RapportSyncState      state)
{
  g_assert (RAPPORT_IS_SYNC_SCHEDULER (self));

  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_error (RapportSyncScheduler *self,
           GError               *error)
{
  g_assert (RAPPORT_IS_SYNC_SCHEDULER (self));

  if (self->error == NULL && error == NULL)
    return;
  g_clear_error (&self->error);
  self->error = error;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static gboolean
network_available (RapportSyncScheduler *self)
{
  return g_network_monitor_get_network_available (self->monitor);
}

/* What a failed sync leaves: offline when the server could not be
 * reached (the changes wait), failed when it answered with a refusal. */
static RapportSyncState
state_for_error (const GError *error)
{
  if (g_error_matches (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_UNREACHABLE) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return RAPPORT_SYNC_STATE_OFFLINE;
  return RAPPORT_SYNC_STATE_FAILED;
}

static void
clear_source (guint *id)
{
  if (*id != 0)
    g_source_remove (*id);
  *id = 0;
}

/* Replaces the timer in *@id with one that calls @func after @ms. */
static void
rearm_source (guint       *id,
              guint        ms,
              GSourceFunc  func,
              gpointer     data)
{
  clear_source (id);
  *id = g_timeout_add_full (G_PRIORITY_LOW, ms, func, data, NULL);
}

/* Off the network, what waits stays queued in the book; the network's
 * return sends it. */
static void
sync_if_online (RapportSyncScheduler *self)
{
  if (network_available (self))
    start_sync (self);
  else
    set_state (self, RAPPORT_SYNC_STATE_OFFLINE);
}

static gboolean
on_interval (gpointer data)
{
  RapportSyncScheduler *self = data;

  self->interval_source = 0;
  sync_if_online (self);
  return G_SOURCE_REMOVE;
}

static void
arm_interval (RapportSyncScheduler *self)
{
  g_assert (RAPPORT_IS_SYNC_SCHEDULER (self));

  rearm_source (&self->interval_source, self->interval, on_interval, self);
}

static void
on_sync_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(RapportSyncScheduler) self = user_data;
  g_autoptr(GError) error = NULL;
  guint n_received = 0;
  gboolean ok;

  ok = self->finish (result, &n_received, &error);
  g_clear_object (&self->cancellable);

  if (ok)
    {
      self->last_sync = g_get_real_time () / G_USEC_PER_SEC;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SYNC]);
      set_error (self, NULL);
      /* The engine wrote through a connection of its own: views learn of
       * it here, and the scheduler does not take its own news for an edit. */
      if (n_received > 0)
        {
          g_signal_handler_block (self->store, self->changed_handler);
          rapport_store_notify_changed (self->store);
          g_signal_handler_unblock (self->store, self->changed_handler);
        }
      g_signal_emit (self, signals[FINISHED], 0, n_received);
    }

  if (!self->enabled)
    return;  /* disabled meanwhile: the state says so already */

  if (ok || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    set_state (self, RAPPORT_SYNC_STATE_IDLE);
  else if (g_error_matches (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_NOT_SET_UP))
    {
      /* The account was forgotten (another window, the command line). */
      rapport_sync_scheduler_set_enabled (self, FALSE);
      return;
    }
  else
    {
      g_debug ("Sync did not go through: %s", error->message);
      set_state (self, state_for_error (error));
      set_error (self, g_steal_pointer (&error));
    }

  if (self->again)
    {
      self->again = FALSE;
      start_sync (self);
    }
  else
    arm_interval (self);
}

static void
start_sync (RapportSyncScheduler *self)
{
  g_assert (RAPPORT_IS_SYNC_SCHEDULER (self));

  if (!self->enabled)
    return;
  if (self->cancellable != NULL)
    {
      self->again = TRUE;
      return;
    }

  /* Whatever this sync sends, the change timer would have sent; the
   * interval counts again from its end. */
  clear_source (&self->change_source);
  clear_source (&self->interval_source);
  self->cancellable = g_cancellable_new ();
  set_state (self, RAPPORT_SYNC_STATE_SYNCING);
  self->run (rapport_store_get_path (self->store), self->cancellable,
             on_sync_done, g_object_ref (self));
}

static gboolean
on_change_delay (gpointer data)
{
  RapportSyncScheduler *self = data;

  self->change_source = 0;
  sync_if_online (self);
  return G_SOURCE_REMOVE;
}

static void
on_store_changed (RapportSyncScheduler *self)
{
  g_assert (RAPPORT_IS_SYNC_SCHEDULER (self));

  if (!self->enabled)
    return;
  rearm_source (&self->change_source, self->change_delay, on_change_delay, self);
}

static void
on_network_changed (RapportSyncScheduler *self)
{
  g_assert (RAPPORT_IS_SYNC_SCHEDULER (self));

  if (!self->enabled)
    return;
  if (!network_available (self))
    {
      if (self->state != RAPPORT_SYNC_STATE_SYNCING)
        set_state (self, RAPPORT_SYNC_STATE_OFFLINE);
      return;
    }
  /* Whatever waited for the network goes now. */
  if (self->state == RAPPORT_SYNC_STATE_OFFLINE)
    start_sync (self);
}

static void
rapport_sync_scheduler_constructed (GObject *object)
{
  RapportSyncScheduler *self = (RapportSyncScheduler *)object;

  G_OBJECT_CLASS (rapport_sync_scheduler_parent_class)->constructed (object);

  g_assert (RAPPORT_IS_STORE (self->store));
  if (self->monitor == NULL)
    self->monitor = g_object_ref (g_network_monitor_get_default ());

  self->changed_handler = g_signal_connect_object (self->store, "changed",
                                                   G_CALLBACK (on_store_changed), self,
                                                   G_CONNECT_SWAPPED);
  g_signal_connect_object (self->monitor, "notify::network-available",
                           G_CALLBACK (on_network_changed), self, G_CONNECT_SWAPPED);
}

static void
rapport_sync_scheduler_dispose (GObject *object)
{
  RapportSyncScheduler *self = (RapportSyncScheduler *)object;

  clear_source (&self->change_source);
  clear_source (&self->interval_source);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->monitor);

  G_OBJECT_CLASS (rapport_sync_scheduler_parent_class)->dispose (object);
}

static void
rapport_sync_scheduler_finalize (GObject *object)
{
  RapportSyncScheduler *self = (RapportSyncScheduler *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (rapport_sync_scheduler_parent_class)->finalize (object);
}

static void
rapport_sync_scheduler_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  RapportSyncScheduler *self = RAPPORT_SYNC_SCHEDULER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_NETWORK_MONITOR:
      g_value_set_object (value, self->monitor);
      break;
    case PROP_ENABLED:
      g_value_set_boolean (value, self->enabled);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_LAST_SYNC:
      g_value_set_int64 (value, self->last_sync);
      break;
    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    case PROP_CHANGE_DELAY:
      g_value_set_uint (value, self->change_delay);
      break;
    case PROP_INTERVAL:
      g_value_set_uint (value, self->interval);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_sync_scheduler_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  RapportSyncScheduler *self = RAPPORT_SYNC_SCHEDULER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_NETWORK_MONITOR:
      self->monitor = g_value_dup_object (value);
      break;
    case PROP_ENABLED:
      rapport_sync_scheduler_set_enabled (self, g_value_get_boolean (value));
      break;
    case PROP_LAST_SYNC:
      rapport_sync_scheduler_set_last_sync (self, g_value_get_int64 (value));
      break;
    case PROP_CHANGE_DELAY:
      self->change_delay = g_value_get_uint (value);
      break;
    case PROP_INTERVAL:
      self->interval = g_value_get_uint (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_sync_scheduler_class_init (RapportSyncSchedulerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = rapport_sync_scheduler_constructed;
  object_class->dispose = rapport_sync_scheduler_dispose;
  object_class->finalize = rapport_sync_scheduler_finalize;
  object_class->get_property = rapport_sync_scheduler_get_property;
  object_class->set_property = rapport_sync_scheduler_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         RAPPORT_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* NULL: the system's. */
  properties[PROP_NETWORK_MONITOR] =
    g_param_spec_object ("network-monitor", NULL, NULL,
                         G_TYPE_NETWORK_MONITOR,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ENABLED] =
    g_param_spec_boolean ("enabled", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       RAPPORT_TYPE_SYNC_STATE, RAPPORT_SYNC_STATE_DISABLED,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_SYNC] =
    g_param_spec_int64 ("last-sync", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL,
                        G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Milliseconds; tests shorten them. */
  properties[PROP_CHANGE_DELAY] =
    g_param_spec_uint ("change-delay", NULL, NULL,
                       0, G_MAXUINT, DEFAULT_CHANGE_DELAY_MS,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS);
  properties[PROP_INTERVAL] =
    g_param_spec_uint ("interval", NULL, NULL,
                       1, G_MAXUINT, DEFAULT_INTERVAL_MS,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RapportSyncScheduler::finished:
   * @n_received: how many changes the sync brought in
   *
   * Emitted after each sync that went through.
   */
  signals[FINISHED] = g_signal_new ("finished",
                                    G_TYPE_FROM_CLASS (klass),
                                    G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL,
                                    G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
rapport_sync_scheduler_init (RapportSyncScheduler *self)
{
}

/**
 * rapport_sync_scheduler_new:
 * @store: the book that syncs
 * @monitor: (nullable): the network monitor; NULL: the system's
 * @run: starts one sync (the engine's, or a test's)
 * @finish: its result
 *
 * The scheduler starts disabled; enable it when the book has an account.
 */
RapportSyncScheduler *
rapport_sync_scheduler_new (RapportStore               *store,
                            GNetworkMonitor            *monitor,
                            RapportSyncSchedulerRun     run,
                            RapportSyncSchedulerFinish  finish)
{
  RapportSyncScheduler *self;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);
  g_return_val_if_fail (monitor == NULL || G_IS_NETWORK_MONITOR (monitor), NULL);
  g_return_val_if_fail (run != NULL && finish != NULL, NULL);

  self = g_object_new (RAPPORT_TYPE_SYNC_SCHEDULER,
                       "store", store,
                       "network-monitor", monitor,
                       NULL);
  self->run = run;
  self->finish = finish;
  return self;
}

/**
 * rapport_sync_scheduler_set_enabled:
 *
 * Enabled (the book has an account), a sync starts now when the network
 * is there, and the timers run; disabled, a running sync is cancelled
 * and nothing is scheduled.
 */
void
rapport_sync_scheduler_set_enabled (RapportSyncScheduler *self,
                                    gboolean              enabled)
{
  g_return_if_fail (RAPPORT_IS_SYNC_SCHEDULER (self));
  g_return_if_fail (self->run != NULL);

  enabled = !!enabled;
  if (self->enabled == enabled)
    return;
  self->enabled = enabled;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENABLED]);

  if (enabled)
    {
      if (network_available (self))
        start_sync (self);
      else
        set_state (self, RAPPORT_SYNC_STATE_OFFLINE);
      return;
    }

  clear_source (&self->change_source);
  clear_source (&self->interval_source);
  self->again = FALSE;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  set_error (self, NULL);
  set_state (self, RAPPORT_SYNC_STATE_DISABLED);
}

gboolean
rapport_sync_scheduler_get_enabled (RapportSyncScheduler *self)
{
  g_return_val_if_fail (RAPPORT_IS_SYNC_SCHEDULER (self), FALSE);

  return self->enabled;
}

/**
 * rapport_sync_scheduler_sync_now:
 *
 * What Sync Now does: a sync now, whatever the network monitor believes
 * (it can be wrong about a server on this machine or the local network),
 * or one more right after the one that runs.
 */
void
rapport_sync_scheduler_sync_now (RapportSyncScheduler *self)
{
  g_return_if_fail (RAPPORT_IS_SYNC_SCHEDULER (self));

  start_sync (self);
}

RapportSyncState
rapport_sync_scheduler_get_state (RapportSyncScheduler *self)
{
  g_return_val_if_fail (RAPPORT_IS_SYNC_SCHEDULER (self), RAPPORT_SYNC_STATE_DISABLED);

  return self->state;
}

/* Unix seconds; 0: never. */
gint64
rapport_sync_scheduler_get_last_sync (RapportSyncScheduler *self)
{
  g_return_val_if_fail (RAPPORT_IS_SYNC_SCHEDULER (self), 0);

  return self->last_sync;
}

/* What the book remembers of an earlier run of Rapport. */
void
rapport_sync_scheduler_set_last_sync (RapportSyncScheduler *self,
                                      gint64                last_sync)
{
  g_return_if_fail (RAPPORT_IS_SYNC_SCHEDULER (self));

  if (self->last_sync == last_sync)
    return;
  self->last_sync = last_sync;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SYNC]);
}

/* Why the last sync did not go through; NULL when it did. */
const GError *
rapport_sync_scheduler_get_error (RapportSyncScheduler *self)
{
  g_return_val_if_fail (RAPPORT_IS_SYNC_SCHEDULER (self), NULL);

  return self->error;
}
