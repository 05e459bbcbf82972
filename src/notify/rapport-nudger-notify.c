/* rapport-nudger-notify.c: a nudge plan on screen, and the user's answer
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each notification offers Done, Snooze and Open.  They act back only
 * through the application's actions, so a click does exactly what the same
 * command in the window does.  The body is the customer's name and the
 * reason, which are the user's own text: escaped, because servers read
 * the body as markup, so "<b>Bob & Co</b>" shows as written.
 *
 * It speaks org.freedesktop.Notifications itself, asynchronously and with
 * a short timeout: libnotify's calls block until the server answers, so a
 * server that took the connection and hung froze the window for D-Bus's
 * 25 seconds.  A call that gets no answer leaves its items unread, and the
 * nudger asks again later.
 */

#define G_LOG_DOMAIN "rapport-nudger"

#include "config.h"

#include <glib/gi18n.h>
#include <unistd.h>

#include "rapport-nudger-private.h"

#define SERVER_NAME      "org.freedesktop.Notifications"
#define SERVER_PATH      "/org/freedesktop/Notifications"
#define SERVER_INTERFACE "org.freedesktop.Notifications"

/* Long enough for a busy desktop, short enough that a hung server costs
 * a reminder a few seconds, not the window. */
#define CALL_TIMEOUT_MS 5000

typedef struct
{
  RapportNudger      *nudger;        /* unowned: it frees its nudges first */
  guint32             server_id;     /* the server's id, 0 until it answered */
  RapportNudgeKind    kind;
  GArray             *follow_ups;    /* gint64 ids */
  GPtrArray          *keys;          /* rapport_nudge_item_key()s */
  gint64              customer_id;   /* the customer of a single */
  char               *title;
  char               *body;          /* escaped */

  /* A summary of a backlog read as its first few and a count stands for
   * every item due by backlog_until with an id up to backlog_last_id. */
  gint64              backlog_until;
  gint64              backlog_last_id;
} Nudge;

/* A notification on its way to the server. */
typedef struct
{
  RapportNudger     *nudger;       /* unowned: gone once cancellable is cancelled */
  GCancellable      *cancellable;  /* the nudger's, cancelled by its dispose */
  Nudge             *nudge;
  RapportAgendaMark  mark;         /* what the plan read */
} Send;

static void
nudge_free (Nudge *nudge)
{
  g_clear_pointer (&nudge->follow_ups, g_array_unref);
  g_clear_pointer (&nudge->keys, g_ptr_array_unref);
  g_free (nudge->title);
  g_free (nudge->body);
  g_free (nudge);
}

void
_rapport_nudger_notify_init (RapportNudger *self)
{
  self->nudges = g_ptr_array_new_with_free_func ((GDestroyNotify) nudge_free);
}

static void
activate (RapportNudger *self,
          const char    *name,
          GVariant      *parameter)
{
  g_autoptr(GVariant) owned = parameter != NULL ? g_variant_ref_sink (parameter) : NULL;

  if (self->actions == NULL || !g_action_group_has_action (self->actions, name))
    {
      g_message ("Cannot act on a reminder: no action %s", name);
      return;
    }
  g_action_group_activate_action (self->actions, name, owned);
}

/* A backlog's items are read when the user acts on them, not when it is
 * shown: those still open. */
static GArray *
dup_follow_ups (Nudge *nudge)
{
  RapportNudger *self = nudge->nudger;
  g_autoptr(GError) error = NULL;
  GArray *ids;

  if (nudge->backlog_until == 0)
    return g_array_ref (nudge->follow_ups);

  ids = rapport_agenda_list_due_ids (self->store, nudge->backlog_until, nudge->backlog_last_id,
                                     -1, &error);
  if (ids == NULL)
    {
      g_message ("Cannot read the overdue check-ins: %s", error->message);
      return g_array_new (FALSE, FALSE, sizeof (gint64));
    }
  return ids;
}

/* Done and Snooze on a digest or summary act on all its items; Open and a
 * click on the notification itself ("default") open. */
static void
on_action (Nudge      *nudge,
           const char *action)
{
  RapportNudger *self = nudge->nudger;
  g_autoptr(GArray) ids = NULL;
  const char *each = NULL;
  const char *all = NULL;

  if (g_str_equal (action, "done"))
    {
      each = "follow-up-done";
      all = "follow-ups-done";
    }
  else if (g_str_equal (action, "snooze"))
    {
      each = "follow-up-snooze";
      all = "follow-ups-snooze";
    }
  else if (!g_str_equal (action, "open") && !g_str_equal (action, "default"))
    return;
  else if (nudge->kind == RAPPORT_NUDGE_SINGLE)
    activate (self, "open-customer", g_variant_new_int64 (nudge->customer_id));
  else
    activate (self, "show-follow-ups", NULL);

  if (each == NULL)
    return;
  ids = dup_follow_ups (nudge);
  /* One transaction for them all, not one per item: a summary of 50,000
   * overdue check-ins is answered in a second, not in minutes. */
  if (ids->len > 1 && self->actions != NULL && g_action_group_has_action (self->actions, all))
    activate (self, all, g_variant_new_fixed_array (G_VARIANT_TYPE_INT64, ids->data, ids->len,
                                                    sizeof (gint64)));
  else
    for (guint i = 0; i < ids->len; i++)
      activate (self, each, g_variant_new_int64 (g_array_index (ids, gint64, i)));
}

static guint
find_nudge (RapportNudger *self,
            guint32        server_id)
{
  for (guint i = 0; i < self->nudges->len; i++)
    if (((Nudge *) g_ptr_array_index (self->nudges, i))->server_id == server_id)
      return i;
  return G_MAXUINT;
}

static void
on_server_signal (GDBusConnection *connection,
                  const char      *sender,
                  const char      *path,
                  const char      *interface,
                  const char      *signal,
                  GVariant        *parameters,
                  gpointer         user_data)
{
  RapportNudger *self = RAPPORT_NUDGER (user_data);
  guint32 server_id = 0;
  const char *action = NULL;
  guint index;

  if (g_str_equal (signal, "ActionInvoked") &&
      g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(us)")))
    g_variant_get (parameters, "(u&s)", &server_id, &action);
  else if (g_str_equal (signal, "NotificationClosed") &&
           g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(uu)")))
    g_variant_get (parameters, "(uu)", &server_id, NULL);

  if (server_id == 0 || (index = find_nudge (self, server_id)) == G_MAXUINT)
    return;
  if (action != NULL)
    on_action (g_ptr_array_index (self->nudges, index), action);
  else
    g_ptr_array_remove_index (self->nudges, index);
}

/**
 * _rapport_nudger_notify_watch:
 *
 * Listens to the clicks and closings of our notifications on
 * @session_bus (once).
 */
void
_rapport_nudger_notify_watch (RapportNudger   *self,
                              GDBusConnection *session_bus)
{
  g_assert (RAPPORT_IS_NUDGER (self));

  if (session_bus == NULL || self->session_bus != NULL)
    return;

  self->session_bus = g_object_ref (session_bus);
  self->action_subscription =
    g_dbus_connection_signal_subscribe (session_bus, SERVER_NAME, SERVER_INTERFACE,
                                        "ActionInvoked", SERVER_PATH, NULL,
                                        G_DBUS_SIGNAL_FLAGS_NONE, on_server_signal, self, NULL);
  self->closed_subscription =
    g_dbus_connection_signal_subscribe (session_bus, SERVER_NAME, SERVER_INTERFACE,
                                        "NotificationClosed", SERVER_PATH, NULL,
                                        G_DBUS_SIGNAL_FLAGS_NONE, on_server_signal, self, NULL);
}

void
_rapport_nudger_notify_unwatch (RapportNudger *self)
{
  g_assert (RAPPORT_IS_NUDGER (self));

  if (self->session_bus == NULL)
    return;
  g_dbus_connection_signal_unsubscribe (self->session_bus, self->action_subscription);
  g_dbus_connection_signal_unsubscribe (self->session_bus, self->closed_subscription);
  self->action_subscription = self->closed_subscription = 0;
  g_clear_object (&self->session_bus);
}

/**
 * _rapport_nudger_server_gone:
 *
 * The server left, and our notifications with it; the next one may not
 * have the same capabilities, nor the same ids.
 */
void
_rapport_nudger_server_gone (RapportNudger *self)
{
  g_assert (RAPPORT_IS_NUDGER (self));

  g_ptr_array_set_size (self->nudges, 0);
  self->caps_known = FALSE;
  self->has_actions = FALSE;
}

static Nudge *
nudge_new (RapportNudger          *self,
           const RapportNudgePlan *plan,
           const RapportAgendaMark *mark)
{
  Nudge *nudge = g_new0 (Nudge, 1);
  g_autofree char *body = rapport_nudge_plan_dup_body (plan);

  nudge->nudger = self;
  nudge->kind = plan->kind;
  if (plan->n_items > plan->items->len)
    {
      nudge->backlog_until = mark->until;
      nudge->backlog_last_id = mark->last_id;
    }
  nudge->follow_ups = g_array_new (FALSE, FALSE, sizeof (gint64));
  nudge->keys = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < plan->items->len; i++)
    {
      const RapportDueItem *item = g_ptr_array_index (plan->items, i);

      g_array_append_val (nudge->follow_ups, item->id);
      g_ptr_array_add (nudge->keys, rapport_nudge_item_key (item));
      nudge->customer_id = item->customer_id;
    }

  nudge->title = rapport_nudge_plan_dup_title (plan);
  /* Escaped even when the server does not claim "body-markup": dunst,
   * for one, reads markup all the same. */
  nudge->body = g_markup_escape_text (body, -1);
  return nudge;
}

static void
send_free (Send *send)
{
  g_clear_pointer (&send->nudge, nudge_free);
  g_clear_object (&send->cancellable);
  g_free (send);
}

/* The answer, or its absence, goes back to the nudger; after dispose
 * nobody is listening. */
static void
send_finish (Send         *send,
             const GError *error)
{
  RapportNudger *self = send->nudger;

  if (!g_cancellable_is_cancelled (send->cancellable))
    {
      if (error == NULL)
        {
          g_ptr_array_add (self->nudges, send->nudge);
          _rapport_nudger_sent (self, send->nudge->keys, &send->mark, NULL);
          send->nudge = NULL;
        }
      else
        _rapport_nudger_sent (self, send->nudge->keys, &send->mark, error);
    }
  send_free (send);
}

/* app_name, replaces_id, app_icon, summary, body, actions, hints and
 * expire_timeout, as libnotify sent them. */
static GVariant *
notify_parameters (RapportNudger *self,
                   Nudge         *nudge)
{
  GVariantBuilder actions, hints;

  g_variant_builder_init (&actions, G_VARIANT_TYPE ("as"));
  if (self->has_actions)
    {
      const char *pairs[] = {
        "done", _("Done"),
        "snooze", _("Snooze"),
        "open", _("Open"),
        /* A click on the notification itself opens too. */
        "default", _("Open"),
      };

      for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
        g_variant_builder_add (&actions, "s", pairs[i]);
    }

  g_variant_builder_init (&hints, G_VARIANT_TYPE ("a{sv}"));
  g_variant_builder_add (&hints, "{sv}", "urgency", g_variant_new_byte (1));
  g_variant_builder_add (&hints, "{sv}", "desktop-entry", g_variant_new_string (APP_ID));
  g_variant_builder_add (&hints, "{sv}", "category",
                         g_variant_new_string ("x-rapport.reminder"));
  g_variant_builder_add (&hints, "{sv}", "sender-pid", g_variant_new_int64 (getpid ()));

  return g_variant_new ("(susssasa{sv}i)", "Rapport", 0, APP_ID, nudge->title, nudge->body,
                        &actions, &hints, -1);
}

static void
on_notify_reply (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Send *send = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  if (reply != NULL)
    g_variant_get (reply, "(u)", &send->nudge->server_id);
  send_finish (send, error);
}

static void
send_notify (Send *send)
{
  RapportNudger *self = send->nudger;

  g_dbus_connection_call (self->session_bus, SERVER_NAME, SERVER_PATH, SERVER_INTERFACE,
                          "Notify", notify_parameters (self, send->nudge),
                          G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NO_AUTO_START,
                          CALL_TIMEOUT_MS, self->cancellable, on_notify_reply, send);
}

/* Actions only for a server that draws them: some show a notification
 * with actions as a dialog that waits for an answer. */
static void
on_capabilities_reply (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  Send *send = user_data;
  RapportNudger *self = send->nudger;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree const char **caps = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  if (reply == NULL || g_cancellable_is_cancelled (send->cancellable))
    {
      send_finish (send, error);
      return;
    }
  g_variant_get (reply, "(^a&s)", &caps);
  self->caps_known = TRUE;
  self->has_actions = g_strv_contains (caps, "actions");
  send_notify (send);
}

static void
on_server_started (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  if (reply == NULL)
    g_message ("No notification server could be started: %s", error->message);
}

/* A server that can be started on demand is asked to start, and the
 * nudger retries when it appears. */
static gboolean
check_server (RapportNudger  *self,
              GError        **error)
{
  if (self->server_present && self->session_bus != NULL)
    return TRUE;

  if (self->session_bus != NULL)
    g_dbus_connection_call (self->session_bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                            "org.freedesktop.DBus", "StartServiceByName",
                            g_variant_new ("(su)", SERVER_NAME, 0),
                            G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1,
                            self->cancellable, on_server_started, NULL);
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       "no notification server is running");
  return FALSE;
}

/**
 * _rapport_nudger_show:
 * @mark: @plan was made of what was read up to @mark
 *
 * Sends @plan to the notification server as one notification, without
 * waiting: the server's answer (or a timeout) comes back through
 * _rapport_nudger_sent().
 *
 * Returns: %FALSE with @error set when there is no server to send it to
 */
gboolean
_rapport_nudger_show (RapportNudger            *self,
                      const RapportNudgePlan   *plan,
                      const RapportAgendaMark  *mark,
                      GError                  **error)
{
  Send *send;

  g_assert (RAPPORT_IS_NUDGER (self));

  if (!check_server (self, error))
    return FALSE;

  send = g_new0 (Send, 1);
  send->nudger = self;
  send->cancellable = g_object_ref (self->cancellable);
  send->nudge = nudge_new (self, plan, mark);
  send->mark = *mark;

  if (self->caps_known)
    send_notify (send);
  else
    g_dbus_connection_call (self->session_bus, SERVER_NAME, SERVER_PATH, SERVER_INTERFACE,
                            "GetCapabilities", NULL, G_VARIANT_TYPE ("(as)"),
                            G_DBUS_CALL_FLAGS_NO_AUTO_START, CALL_TIMEOUT_MS,
                            self->cancellable, on_capabilities_reply, send);
  return TRUE;
}

/* What the plan's worker reads about the notifications on screen: copied
 * from them on the main thread, read on the reader's connection. */
struct _RapportNudgerStale
{
  GArray     *ids;        /* gint64: every follow-up on screen */
  GArray     *backlogs;   /* Backlog: the summaries of a backlog */

  GHashTable *open;       /* the items on screen still open, after the read */
};

typedef struct
{
  gint64   until;
  gint64   last_id;
  gboolean open;          /* some item of it is still open, after the read */
} Backlog;

/**
 * _rapport_nudger_stale_new:
 *
 * Returns: (nullable): what the next plan must read to take down answered
 *   notifications, %NULL if none is on screen
 */
RapportNudgerStale *
_rapport_nudger_stale_new (RapportNudger *self)
{
  RapportNudgerStale *stale;

  g_assert (RAPPORT_IS_NUDGER (self));

  if (self->nudges->len == 0)
    return NULL;

  stale = g_new0 (RapportNudgerStale, 1);
  stale->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  stale->backlogs = g_array_new (FALSE, FALSE, sizeof (Backlog));
  for (guint i = 0; i < self->nudges->len; i++)
    {
      Nudge *nudge = g_ptr_array_index (self->nudges, i);
      Backlog backlog = { nudge->backlog_until, nudge->backlog_last_id, TRUE };

      g_array_append_vals (stale->ids, nudge->follow_ups->data, nudge->follow_ups->len);
      if (nudge->backlog_until != 0)
        g_array_append_val (stale->backlogs, backlog);
    }
  return stale;
}

void
_rapport_nudger_stale_free (RapportNudgerStale *stale)
{
  if (stale == NULL)
    return;
  g_clear_pointer (&stale->ids, g_array_unref);
  g_clear_pointer (&stale->backlogs, g_array_unref);
  g_clear_pointer (&stale->open, g_hash_table_unref);
  g_free (stale);
}

/**
 * _rapport_nudger_stale_read:
 * @reader: the plan's read-only connection, in its worker thread
 *
 * Reads which items on screen are still open, at the time they were shown
 * for: one query for the items, however long the backlog, and one row per
 * backlog summary.  Touches nothing but @stale.
 */
gboolean
_rapport_nudger_stale_read (RapportNudgerStale  *stale,
                            RapportStore        *reader,
                            GError             **error)
{
  g_autoptr(GHashTable) open = rapport_nudge_shown_new ();
  g_autoptr(GPtrArray) items = NULL;

  items = rapport_agenda_list_open_among (reader, (const gint64 *) (gpointer) stale->ids->data,
                                          stale->ids->len, error);
  if (items == NULL)
    return FALSE;
  for (guint i = 0; i < items->len; i++)
    rapport_nudge_mark_shown (open, g_ptr_array_index (items, i));

  for (guint i = 0; i < stale->backlogs->len; i++)
    {
      Backlog *backlog = &g_array_index (stale->backlogs, Backlog, i);
      g_autoptr(GArray) ids = NULL;

      ids = rapport_agenda_list_due_ids (reader, backlog->until, backlog->last_id, 1, error);
      if (ids == NULL)
        return FALSE;
      backlog->open = ids->len > 0;
    }
  stale->open = g_steal_pointer (&open);
  return TRUE;
}

/* A notification shown after @stale was copied (none is: no plan reads
 * while one is on its way) counts as open. */
static gboolean
nudge_is_open (Nudge                    *nudge,
               const RapportNudgerStale *stale)
{
  for (guint i = 0; i < nudge->keys->len; i++)
    if (g_hash_table_contains (stale->open, g_ptr_array_index (nudge->keys, i)))
      return TRUE;
  if (nudge->backlog_until == 0)
    return FALSE;

  for (guint i = 0; i < stale->backlogs->len; i++)
    {
      const Backlog *backlog = &g_array_index (stale->backlogs, Backlog, i);

      if (backlog->until == nudge->backlog_until && backlog->last_id == nudge->backlog_last_id)
        return backlog->open;
    }
  return TRUE;
}

static void
on_close_reply (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  if (reply == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Cannot close an answered reminder: %s", error->message);
}

/**
 * _rapport_nudger_close_stale:
 * @stale: (nullable): what the plan's worker read of the notifications on
 *   screen (_rapport_nudger_stale_read())
 *
 * Takes down notifications whose items were all done, snoozed or moved
 * since (in the window, say), so no button acts on an answered reminder.
 * The server is told without waiting for its answer.
 */
void
_rapport_nudger_close_stale (RapportNudger            *self,
                             const RapportNudgerStale *stale)
{
  g_assert (RAPPORT_IS_NUDGER (self));

  if (stale == NULL || stale->open == NULL)
    return;

  for (guint i = self->nudges->len; i > 0; i--)
    {
      Nudge *nudge = g_ptr_array_index (self->nudges, i - 1);

      if (nudge_is_open (nudge, stale))
        continue;
      if (self->server_present && self->session_bus != NULL)
        g_dbus_connection_call (self->session_bus, SERVER_NAME, SERVER_PATH, SERVER_INTERFACE,
                                "CloseNotification", g_variant_new ("(u)", nudge->server_id),
                                NULL, G_DBUS_CALL_FLAGS_NO_AUTO_START, CALL_TIMEOUT_MS,
                                self->cancellable, on_close_reply, NULL);
      g_ptr_array_remove_index (self->nudges, i - 1);
    }
}
