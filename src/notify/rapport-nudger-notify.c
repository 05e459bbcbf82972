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
 */

#define G_LOG_DOMAIN "rapport-nudger"

#include "config.h"

#include <glib/gi18n.h>
#include <libnotify/notify.h>

#include "rapport-nudger-private.h"

typedef struct
{
  RapportNudger      *nudger;        /* unowned: it frees its nudges first */
  NotifyNotification *notification;
  RapportNudgeKind    kind;
  GArray             *follow_ups;    /* gint64 ids */
  GPtrArray          *keys;          /* rapport_nudge_item_key()s */
  gint64              customer_id;   /* the customer of a single */
  gulong              closed_handler;

  /* A summary of a backlog read as its first few and a count stands for
   * every item due by backlog_until with an id up to backlog_last_id. */
  gint64              backlog_until;
  gint64              backlog_last_id;
} Nudge;

static void
nudge_free (Nudge *nudge)
{
  g_clear_signal_handler (&nudge->closed_handler, nudge->notification);
  notify_notification_clear_actions (nudge->notification);
  g_clear_object (&nudge->notification);
  g_clear_pointer (&nudge->follow_ups, g_array_unref);
  g_clear_pointer (&nudge->keys, g_ptr_array_unref);
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

/* Done and Snooze on a digest or summary act on all its items. */
static void
on_action (NotifyNotification *notification,
           char               *action,
           gpointer            user_data)
{
  Nudge *nudge = user_data;
  RapportNudger *self = nudge->nudger;
  g_autoptr(GArray) ids = NULL;
  const char *each = NULL;

  if (g_str_equal (action, "done"))
    each = "follow-up-done";
  else if (g_str_equal (action, "snooze"))
    each = "follow-up-snooze";
  else if (nudge->kind == RAPPORT_NUDGE_SINGLE)
    activate (self, "open-customer", g_variant_new_int64 (nudge->customer_id));
  else
    activate (self, "show-follow-ups", NULL);

  if (each == NULL)
    return;
  ids = dup_follow_ups (nudge);
  for (guint i = 0; i < ids->len; i++)
    activate (self, each, g_variant_new_int64 (g_array_index (ids, gint64, i)));
}

static void
on_closed (NotifyNotification *notification,
           Nudge              *nudge)
{
  /* Removing the nudge may drop the last reference to @notification,
   * which is still emitting this signal. */
  g_object_ref (notification);
  g_ptr_array_remove (nudge->nudger->nudges, nudge);
  g_object_unref (notification);
}

static Nudge *
nudge_new (RapportNudger           *self,
           const RapportNudgePlan  *plan,
           const RapportAgendaMark *mark,
           const char              *title,
           const char              *body)
{
  Nudge *nudge = g_new0 (Nudge, 1);

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

  nudge->notification = notify_notification_new (title, body, APP_ID);
  notify_notification_set_hint_string (nudge->notification, "desktop-entry", APP_ID);
  notify_notification_set_category (nudge->notification, "x-rapport.reminder");
  nudge->closed_handler = g_signal_connect (nudge->notification, "closed",
                                            G_CALLBACK (on_closed), nudge);
  return nudge;
}

static void
add_actions (Nudge *nudge)
{
  NotifyNotification *notification = nudge->notification;

  notify_notification_add_action (notification, "done", _("Done"), on_action, nudge, NULL);
  notify_notification_add_action (notification, "snooze", _("Snooze"), on_action, nudge, NULL);
  notify_notification_add_action (notification, "open", _("Open"), on_action, nudge, NULL);
  /* A click on the notification itself opens too. */
  notify_notification_add_action (notification, "default", _("Open"), on_action, nudge, NULL);
}

static gboolean
has_capability (GList      *caps,
                const char *cap)
{
  return g_list_find_custom (caps, cap, (GCompareFunc) g_strcmp0) != NULL;
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

/* libnotify would warn when there is none; a server that can be started
 * on demand is asked to start, and the nudger retries when it appears. */
static gboolean
check_server (RapportNudger  *self,
              GError        **error)
{
  g_autoptr(GDBusConnection) bus = NULL;

  if (self->server_present)
    return TRUE;

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  if (bus != NULL)
    g_dbus_connection_call (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                            "org.freedesktop.DBus", "StartServiceByName",
                            g_variant_new ("(su)", "org.freedesktop.Notifications", 0),
                            G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL,
                            on_server_started, NULL);
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       "no notification server is running");
  return FALSE;
}

/**
 * _rapport_nudger_show:
 * @mark: @plan was made of what was read up to @mark
 *
 * Puts @plan on screen as one notification.
 *
 * Returns: %FALSE with @error set when no notification server took it
 */
gboolean
_rapport_nudger_show (RapportNudger            *self,
                      const RapportNudgePlan   *plan,
                      const RapportAgendaMark  *mark,
                      GError                  **error)
{
  g_autofree char *title = rapport_nudge_plan_dup_title (plan);
  g_autofree char *body = rapport_nudge_plan_dup_body (plan);
  g_autofree char *escaped = NULL;
  GList *caps;
  Nudge *nudge;

  g_assert (RAPPORT_IS_NUDGER (self));

  if (!check_server (self, error))
    return FALSE;
  caps = notify_get_server_caps ();

  /* Escaped even when the server does not claim "body-markup": dunst,
   * for one, reads markup all the same. */
  escaped = g_markup_escape_text (body, -1);
  nudge = nudge_new (self, plan, mark, title, escaped);
  if (has_capability (caps, "actions"))
    add_actions (nudge);
  g_list_free_full (caps, g_free);

  if (!notify_notification_show (nudge->notification, error))
    {
      nudge_free (nudge);
      return FALSE;
    }
  g_ptr_array_add (self->nudges, nudge);
  return TRUE;
}

static gboolean
nudge_is_open (RapportNudger *self,
               Nudge         *nudge,
               GHashTable    *open)
{
  g_autoptr(GArray) backlog = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < nudge->keys->len; i++)
    if (g_hash_table_contains (open, g_ptr_array_index (nudge->keys, i)))
      return TRUE;
  if (nudge->backlog_until == 0)
    return FALSE;

  backlog = rapport_agenda_list_due_ids (self->store, nudge->backlog_until,
                                         nudge->backlog_last_id, 1, &error);
  return backlog == NULL || backlog->len > 0;
}

/* The items on screen, still open at the time they were shown for. */
static GHashTable *
read_open (RapportNudger  *self,
           GError        **error)
{
  g_autoptr(GHashTable) open = rapport_nudge_shown_new ();
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) items = NULL;

  for (guint i = 0; i < self->nudges->len; i++)
    {
      Nudge *nudge = g_ptr_array_index (self->nudges, i);

      g_array_append_vals (ids, nudge->follow_ups->data, nudge->follow_ups->len);
    }

  items = rapport_agenda_list_open_among (self->store, (const gint64 *) (gpointer) ids->data,
                                          ids->len, error);
  if (items == NULL)
    return NULL;
  for (guint i = 0; i < items->len; i++)
    rapport_nudge_mark_shown (open, g_ptr_array_index (items, i));
  return g_steal_pointer (&open);
}

/**
 * _rapport_nudger_close_stale:
 *
 * Takes down notifications whose items were all done, snoozed or moved
 * since (in the window, say), so no button acts on an answered reminder.
 * One query for the items on screen, however long the backlog.
 */
void
_rapport_nudger_close_stale (RapportNudger *self)
{
  g_autoptr(GHashTable) open = NULL;
  g_autoptr(GError) error = NULL;

  g_assert (RAPPORT_IS_NUDGER (self));

  if (self->nudges->len == 0)
    return;
  if ((open = read_open (self, &error)) == NULL)
    {
      g_message ("Cannot read the check-ins on screen: %s", error->message);
      return;
    }

  for (guint i = self->nudges->len; i > 0; i--)
    {
      Nudge *nudge = g_ptr_array_index (self->nudges, i - 1);
      g_autoptr(GError) close_error = NULL;

      if (nudge_is_open (self, nudge, open))
        continue;
      if (self->server_present && !notify_notification_close (nudge->notification, &close_error))
        g_debug ("Cannot close an answered reminder: %s", close_error->message);
      g_ptr_array_remove_index (self->nudges, i - 1);
    }
}
