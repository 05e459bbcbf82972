/* rapport-application-nudger.c: reminders, their Open actions and background mode
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The nudger lives as long as the application.  Its notifications act
 * back through the application's actions: Open here, Done and Snooze in
 * rapport-application-answers.c.  With "run-in-background" on, the
 * application outlives its last window (reminders keep coming) and starts
 * at login.
 */

#define G_LOG_DOMAIN "rapport-application"

#include "config.h"

#include "rapport-application-private.h"
#include "rapport-autostart.h"
#include "rapport-time.h"
#include "rapport-window.h"

/* Brings the window up (creating it if the app ran in the background). */
static RapportWindow *
present_window (RapportApplication *self)
{
  GtkWindow *window;

  g_application_activate (G_APPLICATION (self));
  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  return RAPPORT_IS_WINDOW (window) ? RAPPORT_WINDOW (window) : NULL;
}

static void
open_customer_action (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       user_data)
{
  RapportApplication *self = RAPPORT_APPLICATION (user_data);
  RapportWindow *window = present_window (self);

  if (window == NULL)
    return;

  rapport_window_set_view (window, "customers");
  /* Selected now, or as soon as the list shows the customer. */
  rapport_customers_page_select_customer (rapport_window_get_customers_page (window),
                                          g_variant_get_int64 (param));
}

static void
show_follow_ups_action (GSimpleAction *action,
                        GVariant      *param,
                        gpointer       user_data)
{
  RapportWindow *window = present_window (RAPPORT_APPLICATION (user_data));

  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "follow-ups");
}

static const GActionEntry nudger_actions[] = {
  { "open-customer", open_customer_action, "x" },
  { "show-follow-ups", show_follow_ups_action },
};

/* Held, the application outlives its last window, and reminders with it. */
static void
update_hold (RapportApplication *self)
{
  gboolean wanted = self->nudger != NULL &&
                    g_settings_get_boolean (self->settings, "run-in-background");

  if (wanted == self->held_for_reminders)
    return;

  self->held_for_reminders = wanted;
  if (wanted)
    g_application_hold (G_APPLICATION (self));
  else
    g_application_release (G_APPLICATION (self));
}

static void
on_run_in_background_changed (RapportApplication *self)
{
  g_autoptr(GError) error = NULL;

  g_assert (RAPPORT_IS_APPLICATION (self));

  update_hold (self);
  if (!rapport_autostart_set_enabled (g_settings_get_boolean (self->settings, "run-in-background"),
                                      &error))
    _rapport_application_report_error (self, error);
}

/* RAPPORT_FAKE_NOW fixes the day for tests and screenshots; the nudger
 * lives on that day too. */
static gint64
fake_clock (gpointer user_data)
{
  return rapport_time_now () * G_USEC_PER_SEC;
}

/* "Remind Me When Rapport Is Closed" is on from the start, so the login
 * entry must exist before anyone touches the switch, or reminders would stop
 * at the first log-out.  Quietly: nobody asked for anything just now. */
static void
install_missing_autostart (RapportApplication *self)
{
  g_autofree char *path = rapport_autostart_dup_path ();
  g_autoptr(GError) error = NULL;

  if (!g_settings_get_boolean (self->settings, "run-in-background") ||
      g_file_test (path, G_FILE_TEST_EXISTS))
    return;
  if (!rapport_autostart_set_enabled (TRUE, &error))
    g_debug ("Not starting at login: %s", error->message);
}

/**
 * _rapport_application_nudger_start:
 *
 * Starts reminding from the book the application has open, if any (again
 * after a restore replaced the book).
 */
void
_rapport_application_nudger_start (RapportApplication *self)
{
  g_assert (RAPPORT_IS_APPLICATION (self));

  g_clear_object (&self->nudger);
  if (self->store != NULL)
    self->nudger = rapport_nudger_new (self->store, self->settings, G_ACTION_GROUP (self),
                                       g_getenv ("RAPPORT_FAKE_NOW") != NULL ? fake_clock : NULL,
                                       NULL);
}

void
_rapport_application_nudger_init (RapportApplication *self)
{
  g_assert (RAPPORT_IS_APPLICATION (self));

  self->settings = g_settings_new (APP_ID);
  g_action_map_add_action_entries (G_ACTION_MAP (self), nudger_actions,
                                   G_N_ELEMENTS (nudger_actions), self);

  _rapport_application_nudger_start (self);
  install_missing_autostart (self);

  g_signal_connect_object (self->settings, "changed::run-in-background",
                           G_CALLBACK (on_run_in_background_changed), self,
                           G_CONNECT_SWAPPED);
  update_hold (self);
}
