/* rapport-nudger.c: one timer, armed for the next due check-in
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The nudger sleeps until the next reminder is due and wakes for nothing
 * else: no polling, so an idle book costs no wakeups.  Its one timer is a
 * timerfd on CLOCK_REALTIME armed for the absolute due instant, because a
 * GLib timeout counts monotonic time and would fire late after a suspend or
 * a change of the wall clock; TFD_TIMER_CANCEL_ON_SET wakes it when the
 * clock is set, so it can re-arm.  It also plans again when the book
 * changes (here or in another process), when the quiet hours change, when
 * logind says the machine has resumed, and when a notification server
 * appears.  Nothing here waits for another process: the book is local,
 * and the notification server is spoken to asynchronously.
 */

#define G_LOG_DOMAIN "rapport-nudger"

#include "config.h"

#include <errno.h>
#include <glib-unix.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include "rapport-nudger-private.h"

/* After a failed read of the book, when to try again. */
#define RETRY_SECONDS 60

/* Outdated reads thrown away in a row before one is shown all the same. */
#define MAX_OUTDATED_READS 3

/* After a notification server did not answer, when to ask again: soon,
 * then less and less often, so a hung server is not flooded. */
#define SEND_RETRY_FIRST_SECONDS 10
#define SEND_RETRY_MAX_SECONDS   (10 * 60)

G_DEFINE_FINAL_TYPE (RapportNudger, rapport_nudger, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SETTINGS,
  PROP_ACTIONS,
  PROP_HOLD_LIMIT,
  N_PROPS
};

/* The longest a hold keeps reminders back (ms): a sync of a slow first
 * pull, or one waiting on a server that does not answer (each request
 * times out after 60 s), shows what is due every half minute at most. */
#define DEFAULT_HOLD_LIMIT_MS 30000

static GParamSpec *properties[N_PROPS];

static const char * const quiet_keys[] = {
  "quiet-hours-enabled", "quiet-hours-start", "quiet-hours-end", "working-days",
};

static gint64
now_usec (RapportNudger *self)
{
  return self->clock != NULL ? self->clock (self->clock_data) : g_get_real_time ();
}

static void
set_timer (RapportNudger *self,
           gint64         wake_at,
           gint64         now)
{
  struct itimerspec spec = { 0 };
  gint64 target;

  g_assert (RAPPORT_IS_NUDGER (self));

  if (self->timer_fd < 0)
    return;

  /* A fake clock is mapped onto the real one by its offset. */
  if (wake_at != 0)
    {
      target = wake_at * G_USEC_PER_SEC;
      if (self->clock != NULL)
        target += g_get_real_time () - now;
      spec.it_value.tv_sec = target / G_USEC_PER_SEC;
      spec.it_value.tv_nsec = (target % G_USEC_PER_SEC) * 1000;
    }

  if (timerfd_settime (self->timer_fd, TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET,
                       &spec, NULL) < 0)
    g_message ("Cannot arm the reminder timer: %s", g_strerror (errno));
}

/* Moved items come back in the next read, and the shown set, keyed on
 * the due time, lets them through. */
static void
mark_read (RapportNudger           *self,
           GPtrArray               *keys,
           const RapportAgendaMark *mark)
{
  g_assert (RAPPORT_IS_NUDGER (self));

  for (guint i = 0; keys != NULL && i < keys->len; i++)
    g_hash_table_add (self->shown, g_strdup (g_ptr_array_index (keys, i)));
  self->read = *mark;
}

static void queue_replan (RapportNudger *self);

static gboolean
retry_cb (gpointer user_data)
{
  RapportNudger *self = user_data;

  self->retry_source = 0;
  rapport_nudger_replan (self);
  return G_SOURCE_REMOVE;
}

/**
 * _rapport_nudger_sent:
 * @keys: the items the notification shows
 * @mark: what the plan that made it had read
 * @error: (nullable): why the server did not take it
 *
 * The server's answer to a notification: on screen, its items are read;
 * refused or unanswered, they stay unread and the server is asked again
 * after a while, with one timer.  A plan that waited for the answer runs.
 */
void
_rapport_nudger_sent (RapportNudger           *self,
                      GPtrArray               *keys,
                      const RapportAgendaMark *mark,
                      const GError            *error)
{
  g_assert (RAPPORT_IS_NUDGER (self));

  self->sending = FALSE;
  if (error == NULL)
    {
      mark_read (self, keys, mark);
      self->unsent = FALSE;
      self->retry_seconds = 0;
      g_clear_handle_id (&self->retry_source, g_source_remove);
    }
  else
    {
      g_message ("Cannot show a reminder: %s", error->message);
      self->unsent = TRUE;
      self->retry_seconds = self->retry_seconds == 0 ? SEND_RETRY_FIRST_SECONDS
                                                     : MIN (self->retry_seconds * 2,
                                                            SEND_RETRY_MAX_SECONDS);
      g_clear_handle_id (&self->retry_source, g_source_remove);
      if (self->server_present)
        self->retry_source = g_timeout_add_seconds (self->retry_seconds, retry_cb, self);
    }

  if (self->replan_after_send)
    {
      self->replan_after_send = FALSE;
      queue_replan (self);
    }
}

/* What no server took is tried again when one appears or the retry is
 * due, not on every change in the meantime. */
static gboolean
show (RapportNudger           *self,
      const RapportNudgePlan  *plan,
      const RapportAgendaMark *mark)
{
  g_autoptr(GError) error = NULL;

  g_assert (RAPPORT_IS_NUDGER (self));

  if (self->unsent && (!self->server_present || self->retry_source != 0))
    return FALSE;
  if (!_rapport_nudger_show (self, plan, mark, &error))
    {
      /* The items stay unread; they are shown when a server appears. */
      g_message ("Cannot show a reminder: %s", error->message);
      self->unsent = TRUE;
      return FALSE;
    }
  self->sending = TRUE;
  return TRUE;
}

/* The reads of the last plan asked for are back: it shows what is due
 * now and arms the timer for what is due next. */
static void
plan_read_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  RapportNudger *self = user_data;
  g_autoptr(RapportNudgePlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  RapportPlaybookSettings settings;
  RapportNudgerRead *read = g_task_get_task_data (G_TASK (result));

  /* Here, not with the task wherever it ends: the book's last reference
   * may close it. */
  g_clear_pointer (&read->book, _rapport_nudger_book_release);

  /* The nudger is gone: its dispose cancelled the reads, so @self is not
   * touched. */
  if (!g_task_propagate_boolean (G_TASK (result), &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->planning);

  /* The book changed while they read: read again, and the plan queued on
   * idle for that change is this one. */
  if (self->read_outdated && self->n_outdated < MAX_OUTDATED_READS)
    {
      self->n_outdated++;
      g_clear_handle_id (&self->replan_source, g_source_remove);
      rapport_nudger_replan (self);
      return;
    }
  self->read_outdated = FALSE;
  self->n_outdated = 0;

  if (error != NULL)
    {
      /* A busy or failing disk: look again in a minute rather than never. */
      gint64 now_us = now_usec (self);

      g_message ("Cannot read the due check-ins: %s", error->message);
      self->wake_at = now_us / G_USEC_PER_SEC + RETRY_SECONDS;
      set_timer (self, self->wake_at, now_us);
      return;
    }
  self->n_read = read->due->len;

  rapport_playbook_settings_load (&settings, self->settings);
  plan = rapport_nudge_plan_new (read->due, read->n_unread, read->next_due, self->shown,
                                 &settings, read->now, self->started_at);
  _rapport_nudger_close_stale (self, read->stale);

  /* Shown, the plan is read when the server answers. */
  if (plan->kind != RAPPORT_NUDGE_NONE)
    show (self, plan, &read->mark);
  else if (!plan->held)
    mark_read (self, NULL, &read->mark);

  self->wake_at = plan->wake_at;
  set_timer (self, plan->wake_at, now_usec (self));
  rapport_nudge_plan_trace_first ();
  g_debug ("%u read, %u to show, next wake-up at %" G_GINT64_FORMAT,
           self->n_read, plan->n_items, plan->wake_at);
}

static void plan (RapportNudger *self);

/**
 * rapport_nudger_replan:
 *
 * Shows what is due now and arms the timer for what is due next.  Called
 * when the timer fires and whenever something may have moved the next due
 * time; calling it again never repeats a reminder.  It reads only what is
 * new since the last plan (what came due, or was added or moved by any
 * process), so it is as quick on a book with 50,000 overdue check-ins as
 * on an empty one.  The reads run in a worker, on a connection of their
 * own, and the plan is made when they are back; a plan asked for before
 * then reads again once they are.  While a notification is on its way
 * to the server, the plan waits for the server's answer.
 */
void
rapport_nudger_replan (RapportNudger *self)
{
  g_return_if_fail (RAPPORT_IS_NUDGER (self));

  if (self->holds > 0)
    {
      self->replan_held = TRUE;
      return;
    }
  plan (self);
}

/* rapport_nudger_replan () past its holds: what the hold limit runs. */
static void
plan (RapportNudger *self)
{
  g_autoptr(GTask) task = NULL;
  RapportNudgerRead *read;

  if (self->sending)
    {
      self->replan_after_send = TRUE;
      return;
    }

  if (self->planning != NULL)
    {
      self->read_outdated = TRUE;
      return;
    }
  self->read_outdated = FALSE;
  self->planning = g_cancellable_new ();

  read = g_new0 (RapportNudgerRead, 1);
  read->book = g_atomic_rc_box_acquire (self->book);
  read->now = now_usec (self) / G_USEC_PER_SEC;
  read->since = self->read;
  read->stale = _rapport_nudger_stale_new (self);

  /* No source object: a read on its way must not keep the nudger alive,
   * whose dispose cancels it. */
  task = g_task_new (NULL, self->planning, plan_read_done, self);
  g_task_set_source_tag (task, rapport_nudger_replan);
  g_task_set_task_data (task, read, (GDestroyNotify) _rapport_nudger_read_free);
  g_task_run_in_thread (task, _rapport_nudger_read_in_thread);
}

/* A hold that lasts: plan what was asked for meanwhile, and go on holding. */
static gboolean
on_hold_limit (gpointer data)
{
  RapportNudger *self = data;

  if (self->replan_held)
    {
      self->replan_held = FALSE;
      plan (self);
    }
  return G_SOURCE_CONTINUE;
}

/**
 * rapport_nudger_hold:
 *
 * While the book is written in many commits in a row (the daily playbook
 * run commits every 512 customers), plans wait: the one plan after the
 * last commit shows what they moved in one notification, not one a
 * commit.  A reminder that comes due meanwhile waits too, but for
 * #RapportNudger:hold-limit at most: while a hold lasts longer, what was
 * asked for is planned at that interval.  Holds nest;
 * rapport_nudger_release () ends one.
 */
void
rapport_nudger_hold (RapportNudger *self)
{
  g_return_if_fail (RAPPORT_IS_NUDGER (self));

  if (self->holds++ == 0)
    self->hold_source = g_timeout_add (self->hold_limit, on_hold_limit, self);
}

/**
 * rapport_nudger_release:
 *
 * Ends a rapport_nudger_hold (); after the last, plans what was asked for
 * meanwhile, once.
 */
void
rapport_nudger_release (RapportNudger *self)
{
  g_return_if_fail (RAPPORT_IS_NUDGER (self));
  g_return_if_fail (self->holds > 0);

  if (--self->holds > 0)
    return;
  g_clear_handle_id (&self->hold_source, g_source_remove);
  if (self->replan_held)
    {
      self->replan_held = FALSE;
      queue_replan (self);
    }
}

/**
 * rapport_nudger_is_planning:
 *
 * For tests and benchmarks: the reads of a plan are on their way.
 *
 * Returns: whether rapport_nudger_replan() has not planned yet
 */
gboolean
rapport_nudger_is_planning (RapportNudger *self)
{
  g_return_val_if_fail (RAPPORT_IS_NUDGER (self), FALSE);

  return self->planning != NULL;
}

/**
 * rapport_nudger_is_sending:
 *
 * For tests and benchmarks: a plan waits for the server's answer.
 *
 * Returns: whether a notification is on its way to the server
 */
gboolean
rapport_nudger_is_sending (RapportNudger *self)
{
  g_return_val_if_fail (RAPPORT_IS_NUDGER (self), FALSE);

  return self->sending;
}

/**
 * rapport_nudger_get_n_read:
 *
 * For tests and benchmarks: it follows what is new, not the backlog.
 * (The few items on screen, read again to close answered reminders, are
 * not counted.)
 *
 * Returns: how many due follow-ups the last rapport_nudger_replan() read
 *   to plan
 */
guint
rapport_nudger_get_n_read (RapportNudger *self)
{
  g_return_val_if_fail (RAPPORT_IS_NUDGER (self), 0);

  return self->n_read;
}

/**
 * rapport_nudger_get_wake_at:
 *
 * Returns: the instant (Unix time) the timer is armed for, 0 if none
 */
gint64
rapport_nudger_get_wake_at (RapportNudger *self)
{
  g_return_val_if_fail (RAPPORT_IS_NUDGER (self), 0);

  return self->wake_at;
}

static gboolean
replan_cb (gpointer user_data)
{
  RapportNudger *self = user_data;

  self->replan_source = 0;
  rapport_nudger_replan (self);
  return G_SOURCE_REMOVE;
}

/* Several commits in a row (Done on a digest) plan once.  Reads on their
 * way are outdated now, not when the idle runs: they may be back first. */
static void
queue_replan (RapportNudger *self)
{
  g_assert (RAPPORT_IS_NUDGER (self));

  if (self->planning != NULL)
    self->read_outdated = TRUE;
  if (self->replan_source == 0)
    self->replan_source = g_idle_add (replan_cb, self);
}

/**
 * _rapport_nudger_clock_was_set:
 *
 * The wall clock was set (by hand, by NTP after a long sleep, a move
 * across a time zone is not one): what the new time made due is shown
 * now, and the timer, cancelled by the kernel, is armed again for the new
 * clock.  The timerfd's cancellation comes here; so do tests, which
 * cannot set the clock.
 */
void
_rapport_nudger_clock_was_set (RapportNudger *self)
{
  g_assert (RAPPORT_IS_NUDGER (self));

  g_debug ("The wall clock was set; planning again");
  rapport_nudger_replan (self);
}

static gboolean
on_timer (int           fd,
          GIOCondition  condition,
          gpointer      user_data)
{
  RapportNudger *self = user_data;
  guint64 expirations;

  g_assert (RAPPORT_IS_NUDGER (self));

  if (read (fd, &expirations, sizeof expirations) < 0 && errno == ECANCELED)
    _rapport_nudger_clock_was_set (self);
  else
    rapport_nudger_replan (self);
  return G_SOURCE_CONTINUE;
}

static void
on_prepare_for_sleep (GDBusConnection *connection,
                      const char      *sender,
                      const char      *path,
                      const char      *interface,
                      const char      *signal,
                      GVariant        *parameters,
                      gpointer         user_data)
{
  gboolean sleeping = FALSE;

  if (g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(b)")))
    g_variant_get (parameters, "(b)", &sleeping);
  if (!sleeping)
    queue_replan (RAPPORT_NUDGER (user_data));
}

static void
on_system_bus (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(RapportNudger) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) bus = g_bus_get_finish (result, &error);

  if (bus == NULL)
    {
      /* No system bus (a container, a CI runner): the timerfd still fires
       * after a resume, just without logind's word for it. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No system bus, not watching for resume: %s", error->message);
      return;
    }
  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  self->system_bus = g_steal_pointer (&bus);
  self->sleep_subscription =
    g_dbus_connection_signal_subscribe (self->system_bus, "org.freedesktop.login1",
                                        "org.freedesktop.login1.Manager", "PrepareForSleep",
                                        "/org/freedesktop/login1", NULL,
                                        G_DBUS_SIGNAL_FLAGS_NONE,
                                        on_prepare_for_sleep, self, NULL);
}

/* The first plan waits for the watch's first word, so what is overdue at
 * start goes to a server that is there.  What no server took while there
 * was none is shown when one appears. */
static void
on_server_appeared (GDBusConnection *connection,
                    const char      *name,
                    const char      *owner,
                    gpointer         user_data)
{
  RapportNudger *self = RAPPORT_NUDGER (user_data);

  _rapport_nudger_notify_watch (self, connection);
  self->server_present = TRUE;
  if (self->server_seen && !self->unsent)
    return;
  self->server_seen = TRUE;
  /* A new server: what the last one did not take goes now. */
  self->unsent = FALSE;
  self->retry_seconds = 0;
  g_clear_handle_id (&self->retry_source, g_source_remove);
  queue_replan (self);
}

static void
on_server_vanished (GDBusConnection *connection,
                    const char      *name,
                    gpointer         user_data)
{
  RapportNudger *self = RAPPORT_NUDGER (user_data);

  _rapport_nudger_notify_watch (self, connection);
  _rapport_nudger_server_gone (self);
  self->server_present = FALSE;
  if (self->server_seen)
    return;
  self->server_seen = TRUE;
  queue_replan (self);
}

/* A change of owner, mode or times is no write: SQLite running as root
 * gives each file it opens back to the book's owner (fchown), so every
 * connection opened, the nudger's own reads among them, would plan again,
 * and the first plan read the book twice. */
static void
on_book_file_changed (RapportNudger     *self,
                      GFile             *file,
                      GFile             *other_file,
                      GFileMonitorEvent  event,
                      GFileMonitor      *monitor)
{
  g_assert (RAPPORT_IS_NUDGER (self));

  if (event != G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED)
    queue_replan (self);
}

/* RapportStore::changed tells of this process's writes; `rapport --import`
 * in another process shows only as a change to the files. */
static void
watch_book (RapportNudger *self)
{
  static const char * const suffixes[] = { "", "-wal" };

  g_assert (RAPPORT_IS_NUDGER (self));

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (rapport_store_get_path (self->store), suffixes[i], NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      GFileMonitor *monitor = g_file_monitor_file (file, G_FILE_MONITOR_NONE, NULL, &error);

      if (monitor == NULL)
        {
          g_debug ("Not watching %s: %s", path, error->message);
          continue;
        }
      g_signal_connect_object (monitor, "changed", G_CALLBACK (on_book_file_changed), self,
                               G_CONNECT_SWAPPED);
      g_ptr_array_add (self->monitors, monitor);
    }
}

static void
create_timer (RapportNudger *self)
{
  g_assert (RAPPORT_IS_NUDGER (self));

  self->timer_fd = timerfd_create (CLOCK_REALTIME, TFD_CLOEXEC | TFD_NONBLOCK);
  if (self->timer_fd < 0)
    {
      g_message ("Cannot create the reminder timer: %s", g_strerror (errno));
      return;
    }
  self->timer_source = g_unix_fd_add (self->timer_fd, G_IO_IN, on_timer, self);
}

static void
rapport_nudger_constructed (GObject *object)
{
  RapportNudger *self = (RapportNudger *)object;

  G_OBJECT_CLASS (rapport_nudger_parent_class)->constructed (object);

  self->book = _rapport_nudger_book_new (self->store);
  create_timer (self);
  g_signal_connect_object (self->store, "changed", G_CALLBACK (queue_replan), self,
                           G_CONNECT_SWAPPED);
  watch_book (self);
  for (guint i = 0; i < G_N_ELEMENTS (quiet_keys); i++)
    {
      g_autofree char *signal = g_strconcat ("changed::", quiet_keys[i], NULL);

      g_signal_connect_object (self->settings, signal, G_CALLBACK (queue_replan), self,
                               G_CONNECT_SWAPPED);
    }
  g_bus_get (G_BUS_TYPE_SYSTEM, self->cancellable, on_system_bus, g_object_ref (self));
  self->server_watch = g_bus_watch_name (G_BUS_TYPE_SESSION, "org.freedesktop.Notifications",
                                         G_BUS_NAME_WATCHER_FLAGS_NONE,
                                         on_server_appeared, on_server_vanished, self, NULL);
}

static void
rapport_nudger_dispose (GObject *object)
{
  RapportNudger *self = (RapportNudger *)object;

  g_cancellable_cancel (self->cancellable);
  if (self->planning != NULL)
    g_cancellable_cancel (self->planning);
  g_clear_object (&self->planning);
  g_clear_handle_id (&self->replan_source, g_source_remove);
  g_clear_handle_id (&self->retry_source, g_source_remove);
  g_clear_handle_id (&self->hold_source, g_source_remove);
  g_clear_handle_id (&self->timer_source, g_source_remove);
  g_clear_handle_id (&self->server_watch, g_bus_unwatch_name);
  _rapport_nudger_notify_unwatch (self);
  if (self->sleep_subscription != 0)
    g_dbus_connection_signal_unsubscribe (self->system_bus, self->sleep_subscription);
  self->sleep_subscription = 0;
  if (self->timer_fd >= 0)
    close (self->timer_fd);
  self->timer_fd = -1;

  g_clear_pointer (&self->nudges, g_ptr_array_unref);
  g_clear_pointer (&self->monitors, g_ptr_array_unref);
  g_clear_object (&self->system_bus);
  if (self->book != NULL)
    _rapport_nudger_book_close (self->book);
  g_clear_pointer (&self->book, _rapport_nudger_book_release);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_weak_pointer (&self->actions);

  G_OBJECT_CLASS (rapport_nudger_parent_class)->dispose (object);
}

static void
rapport_nudger_finalize (GObject *object)
{
  RapportNudger *self = (RapportNudger *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->shown, g_hash_table_unref);

  G_OBJECT_CLASS (rapport_nudger_parent_class)->finalize (object);
}

static void
rapport_nudger_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  RapportNudger *self = RAPPORT_NUDGER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    case PROP_ACTIONS:
      /* Weak: the application owns the nudger. */
      g_set_weak_pointer (&self->actions, g_value_get_object (value));
      break;

    case PROP_HOLD_LIMIT:
      self->hold_limit = g_value_get_uint (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_nudger_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  RapportNudger *self = RAPPORT_NUDGER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case PROP_ACTIONS:
      g_value_set_object (value, self->actions);
      break;

    case PROP_HOLD_LIMIT:
      g_value_set_uint (value, self->hold_limit);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_nudger_class_init (RapportNudgerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = rapport_nudger_constructed;
  object_class->dispose = rapport_nudger_dispose;
  object_class->finalize = rapport_nudger_finalize;
  object_class->get_property = rapport_nudger_get_property;
  object_class->set_property = rapport_nudger_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, RAPPORT_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Where Done, Snooze and Open go: the application's actions. */
  properties[PROP_ACTIONS] =
    g_param_spec_object ("actions", NULL, NULL, G_TYPE_ACTION_GROUP,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* How long a hold keeps plans back at most, in ms (see rapport_nudger_hold ()). */
  properties[PROP_HOLD_LIMIT] =
    g_param_spec_uint ("hold-limit", NULL, NULL, 1, G_MAXUINT, DEFAULT_HOLD_LIMIT_MS,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rapport_nudger_init (RapportNudger *self)
{
  self->timer_fd = -1;
  self->cancellable = g_cancellable_new ();
  self->shown = rapport_nudge_shown_new ();
  self->monitors = g_ptr_array_new_with_free_func (g_object_unref);
  _rapport_nudger_notify_init (self);
}

/**
 * rapport_nudger_new:
 * @actions: the application: the nudger activates its follow-up-done,
 *   follow-up-snooze (x follow-up id), follow-ups-done, follow-ups-snooze
 *   (ax follow-up ids: a digest's or a summary's, in one go; each item
 *   through the former when missing), open-customer (x customer id) and
 *   show-follow-ups actions
 * @clock: (nullable): the wall clock, %NULL for g_get_real_time()
 *
 * Starts nudging: what is already overdue is shown as one summary once the
 * session bus says whether a notification server is there, then each
 * check-in at its due time.
 */
RapportNudger *
rapport_nudger_new (RapportStore       *store,
                    GSettings          *settings,
                    GActionGroup       *actions,
                    RapportNudgerClock  clock,
                    gpointer            clock_data)
{
  RapportNudger *self;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (G_IS_ACTION_GROUP (actions), NULL);

  self = g_object_new (RAPPORT_TYPE_NUDGER,
                       "store", store,
                       "settings", settings,
                       "actions", actions,
                       NULL);
  self->clock = clock;
  self->clock_data = clock_data;
  self->started_at = now_usec (self) / G_USEC_PER_SEC;
  return self;
}
