/* rapport-application.c: application actions, command line and the book's lifetime
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-application"

#include "config.h"

#include <glib-unix.h>

#include <glib/gi18n.h>

#include "rapport-application-private.h"
#include "rapport-backup.h"
#include "rapport-cli.h"
#include "rapport-preferences-window.h"
#include "rapport-window.h"

G_DEFINE_FINAL_TYPE (RapportApplication, rapport_application, ADW_TYPE_APPLICATION)

RapportApplication *
rapport_application_new (void)
{
  return g_object_new (RAPPORT_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", "/io/github/rapportapp/Rapport",
                       NULL);
}

RapportStore *
rapport_application_get_store (RapportApplication *self)
{
  g_return_val_if_fail (RAPPORT_IS_APPLICATION (self), NULL);

  return self->store;
}

/* NULL while the book is closed (a restore) or could not be opened. */
RapportSyncScheduler *
rapport_application_get_sync_scheduler (RapportApplication *self)
{
  g_return_val_if_fail (RAPPORT_IS_APPLICATION (self), NULL);

  return self->sync_scheduler;
}

/* A failure nobody waits for (an answer to a notification, a setting):
 * logged, and told in the window if there is one. */
void
_rapport_application_report_error (RapportApplication *self,
                                   const GError       *error)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  g_message ("%s", error->message);
  if (RAPPORT_IS_WINDOW (window))
    rapport_window_add_toast (RAPPORT_WINDOW (window), adw_toast_new (error->message));
}

/* main.c runs these before loading the window's module; here for an
 * application that runs without it (the UI tests). */
static int
rapport_application_handle_local_options (GApplication *app,
                                          GVariantDict *options)
{
  RapportApplication *self = RAPPORT_APPLICATION (app);
  int status = rapport_cli_handle_local_options (options);

  /* If it is the first instance: see _rapport_application_start_gtk (). */
  self->gtk_deferred = status < 0 && g_variant_dict_contains (options, "background");
  return status;
}

/**
 * _rapport_application_start_gtk:
 *
 * `rapport --background` reminds without a window, which needs GIO, not
 * GTK: opening the display (and GL with it) cost most of its start, and
 * there may be no display at all.  So its startup is only GApplication's;
 * GTK's and libadwaita's come here, before the first window or dialog:
 * each action that opens one calls this first.
 */
void
_rapport_application_start_gtk (RapportApplication *self)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  /* The keys GTK gives a gtk/help-overlay.ui resource; Rapport's shortcuts
   * window is elsewhere, so that it is built only when asked for. */
  static const char *help_overlay_accels[] = { "<Control>question", NULL };
  GtkApplication *app = GTK_APPLICATION (self);

  g_assert (RAPPORT_IS_APPLICATION (self));

  if (self->gtk_started)
    return;
  self->gtk_started = TRUE;

  G_APPLICATION_CLASS (rapport_application_parent_class)->startup (G_APPLICATION (self));
  /* Within a call from another process: what GTK takes from it (the
   * activation token), now that it can. */
  if (self->emitting != NULL)
    G_APPLICATION_CLASS (rapport_application_parent_class)->before_emit (G_APPLICATION (self),
                                                                          self->emitting);

  gtk_application_set_accels_for_action (app, "app.quit", quit_accels);
  gtk_application_set_accels_for_action (app, "app.preferences", preferences_accels);
  gtk_application_set_accels_for_action (app, "win.show-help-overlay", help_overlay_accels);
  _rapport_application_files_set_accels (self);
}

/* Calls from other processes (a launch, an action) start GTK only if they
 * open a window: Quit, or the --background of a second login, needs none. */
static void
rapport_application_before_emit (GApplication *app,
                                 GVariant     *platform_data)
{
  RapportApplication *self = RAPPORT_APPLICATION (app);

  g_clear_pointer (&self->emitting, g_variant_unref);
  if (self->gtk_started)
    G_APPLICATION_CLASS (rapport_application_parent_class)->before_emit (app, platform_data);
  else
    self->emitting = g_variant_ref (platform_data);
}

static void
rapport_application_after_emit (GApplication *app,
                                GVariant     *platform_data)
{
  RapportApplication *self = RAPPORT_APPLICATION (app);

  g_clear_pointer (&self->emitting, g_variant_unref);
  if (self->gtk_started)
    G_APPLICATION_CLASS (rapport_application_parent_class)->after_emit (app, platform_data);
}

static void
rapport_application_shutdown (GApplication *app)
{
  RapportApplication *self = RAPPORT_APPLICATION (app);

  g_clear_handle_id (&self->sigterm_source, g_source_remove);
  g_clear_handle_id (&self->sigint_source, g_source_remove);
  /* The answers are in (their "shutdown" handler ran first). */
  if (self->store != NULL)
    rapport_store_empty_wal (self->store);

  /* GtkApplication's would not chain up without its own startup. */
  if (!self->gtk_started)
    G_APPLICATION_CLASS (g_type_class_peek (G_TYPE_APPLICATION))->shutdown (app);
  else
    G_APPLICATION_CLASS (rapport_application_parent_class)->shutdown (app);
}

static int
rapport_application_command_line (GApplication            *app,
                                  GApplicationCommandLine *command_line)
{
  RapportApplication *self = RAPPORT_APPLICATION (app);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);

  if (g_variant_dict_contains (options, "background"))
    {
      if (!self->background)
        {
          self->background = TRUE;
          g_application_hold (app);
        }
      return 0;
    }

  g_application_activate (app);
  return 0;
}

static void
on_store_error_response (AdwMessageDialog *dialog,
                         const char       *response,
                         GApplication     *app)
{
  g_application_quit (app);
}

static void
present_store_error (RapportApplication *self)
{
  GtkWidget *dialog;

  g_assert (RAPPORT_IS_APPLICATION (self));

  dialog = adw_message_dialog_new (NULL, _("Cannot Open Your Book of Business"),
                                   self->store_error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "quit", _("_Quit"));
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_store_error_response),
                           self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
rapport_application_activate (GApplication *app)
{
  RapportApplication *self = RAPPORT_APPLICATION (app);
  GtkWindow *window;

  _rapport_application_start_gtk (self);

  if (self->store == NULL)
    {
      present_store_error (self);
      return;
    }

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window == NULL || !RAPPORT_IS_WINDOW (window))
    {
      window = GTK_WINDOW (rapport_window_new (ADW_APPLICATION (app), self->store));
      rapport_window_set_sync_scheduler (RAPPORT_WINDOW (window), self->sync_scheduler);
    }

  gtk_window_present (window);
}

static void
open_store (RapportApplication *self)
{
  g_autofree char *path = rapport_store_default_path ();

  g_assert (RAPPORT_IS_APPLICATION (self));

  self->store = rapport_store_open (path, &self->store_error);
  if (self->store == NULL)
    g_printerr ("rapport: %s\n", self->store_error->message);
}

/**
 * rapport_application_restore:
 * @backup_path: a backup of a book
 * @kept_path: (out) (optional): where the previous book was kept
 *
 * Replaces the book with @backup_path, keeping the current one among the
 * backups.  That needs every connection to the book closed, so the windows
 * close and the reminders stop; both come back on the book as it is
 * afterwards: the restored one, or the untouched one if the backup was
 * refused.
 */
gboolean
rapport_application_restore (RapportApplication  *self,
                             const char          *backup_path,
                             char               **kept_path,
                             GError             **error)
{
  g_autofree char *path = rapport_store_default_path ();
  g_autoptr(GList) windows = NULL;
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  RapportStore *store;
  gboolean restored;

  g_return_val_if_fail (RAPPORT_IS_APPLICATION (self), FALSE);
  g_return_val_if_fail (backup_path != NULL, FALSE);

  g_application_hold (G_APPLICATION (self));
  _rapport_application_answers_wait (self);

  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  g_clear_object (&self->nudger);
  _rapport_application_sync_stop (self);
  if (self->search_provider != NULL)
    rapport_search_provider_close_book (self->search_provider);

  /* The views' workers finish their queries and let go of the book. */
  store = self->store;
  if (store != NULL)
    g_object_add_weak_pointer (G_OBJECT (store), (gpointer *) &store);
  g_clear_object (&self->store);
  g_clear_error (&self->store_error);
  while (store != NULL && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  if (store != NULL)
    g_object_remove_weak_pointer (G_OBJECT (store), (gpointer *) &store);

  restored = rapport_backup_restore_full (path, backup_path, kept_path, error);

  open_store (self);
  _rapport_application_nudger_start (self);
  _rapport_application_sync_start (self);
  g_application_activate (G_APPLICATION (self));
  g_application_release (G_APPLICATION (self));
  return restored;
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  RapportPreferencesWindow *preferences;

  _rapport_application_start_gtk (RAPPORT_APPLICATION (app));
  preferences = rapport_preferences_window_new (RAPPORT_APPLICATION (app)->store,
                                                RAPPORT_APPLICATION (app)->sync_scheduler);

  gtk_window_set_transient_for (GTK_WINDOW (preferences),
                                gtk_application_get_active_window (app));
  /* Its rows reach app actions (app.refresh-playbook). */
  gtk_window_set_application (GTK_WINDOW (preferences), app);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  static const char *developers[] = { "The Rapport authors", NULL };

  _rapport_application_start_gtk (RAPPORT_APPLICATION (app));
  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", _("Rapport"),
                         "application-icon", APP_ID,
                         "developer-name", _("The Rapport authors"),
                         "version", PACKAGE_VERSION,
                         "comments", _("Earn referrals and repeat sales by keeping every customer relationship warm"),
                         "website", "https://github.com/rapportapp/rapport",
                         "issue-url", "https://github.com/rapportapp/rapport/issues",
                         "developers", developers,
                         "copyright", "© 2026 The Rapport authors",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

/* A session ends a --background Rapport with SIGTERM, a terminal with
 * SIGINT: quit as Quit does, so that an answer being written lands and
 * the book closes cleanly (its WAL copied back and emptied) rather than
 * the process dying mid-write.  A second signal, once quitting, kills. */
static gboolean
quit_on_signal (gpointer user_data)
{
  RapportApplication *self = user_data;

  g_clear_handle_id (&self->sigterm_source, g_source_remove);
  g_clear_handle_id (&self->sigint_source, g_source_remove);
  g_application_quit (G_APPLICATION (self));
  return G_SOURCE_REMOVE;
}

static const GActionEntry app_actions[] = {
  { "preferences", preferences_action },
  { "about", about_action },
  { "quit", quit_action },
};

static void
rapport_application_startup (GApplication *app)
{
  RapportApplication *self = RAPPORT_APPLICATION (app);

  if (self->gtk_deferred)
    G_APPLICATION_CLASS (g_type_class_peek (G_TYPE_APPLICATION))->startup (app);
  else
    _rapport_application_start_gtk (self);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  self->sigterm_source = g_unix_signal_add (SIGTERM, quit_on_signal, self);
  self->sigint_source = g_unix_signal_add (SIGINT, quit_on_signal, self);

  /* Started by D-Bus activation (the desktop's search) without a window:
   * stay a while for the next keystroke's search instead of starting again. */
  if (g_application_get_flags (app) & G_APPLICATION_IS_SERVICE)
    g_application_set_inactivity_timeout (app, 30 * 1000);

  open_store (self);
  _rapport_application_files_init (self);
  _rapport_application_nudger_init (self);
  _rapport_application_answers_init (self);
  _rapport_application_maintenance_init (self);
  _rapport_application_sync_init (self);
}

static gboolean
rapport_application_dbus_register (GApplication     *app,
                                   GDBusConnection  *connection,
                                   const char       *object_path,
                                   GError          **error)
{
  RapportApplication *self = RAPPORT_APPLICATION (app);
  g_autofree char *provider_path = g_strconcat (object_path, "/SearchProvider", NULL);

  if (!G_APPLICATION_CLASS (rapport_application_parent_class)->dbus_register (app, connection,
                                                                             object_path, error))
    return FALSE;

  if (self->search_provider == NULL)
    self->search_provider = rapport_search_provider_new (self);
  return rapport_search_provider_export (self->search_provider, connection, provider_path, error);
}

static void
rapport_application_dbus_unregister (GApplication    *app,
                                     GDBusConnection *connection,
                                     const char      *object_path)
{
  RapportApplication *self = RAPPORT_APPLICATION (app);

  if (self->search_provider != NULL)
    rapport_search_provider_unexport (self->search_provider);

  G_APPLICATION_CLASS (rapport_application_parent_class)->dbus_unregister (app, connection,
                                                                          object_path);
}

static void
rapport_application_finalize (GObject *object)
{
  RapportApplication *self = (RapportApplication *)object;

  g_clear_object (&self->search_provider);
  g_clear_object (&self->nudger);
  g_clear_object (&self->sync_scheduler);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_error (&self->store_error);
  g_clear_pointer (&self->emitting, g_variant_unref);

  G_OBJECT_CLASS (rapport_application_parent_class)->finalize (object);
}

static void
rapport_application_class_init (RapportApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = rapport_application_finalize;

  app_class->handle_local_options = rapport_application_handle_local_options;
  app_class->command_line = rapport_application_command_line;
  app_class->activate = rapport_application_activate;
  app_class->startup = rapport_application_startup;
  app_class->shutdown = rapport_application_shutdown;
  app_class->before_emit = rapport_application_before_emit;
  app_class->after_emit = rapport_application_after_emit;
  app_class->dbus_register = rapport_application_dbus_register;
  app_class->dbus_unregister = rapport_application_dbus_unregister;
}

static void
rapport_application_init (RapportApplication *self)
{
  rapport_cli_add_options (G_APPLICATION (self));
}
