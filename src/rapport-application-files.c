/* rapport-application-files.c: import, export and sample data from the UI
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-application-files"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-address-book-dialog.h"
#include "rapport-application-private.h"
#include "rapport-backup.h"
#include "rapport-exporter.h"
#include "rapport-follow-ups.h"
#include "rapport-import-dialog.h"
#include "rapport-sample.h"
#include "rapport-time.h"
#include "rapport-toast.h"

static GtkWidget *
active_window (RapportApplication *self)
{
  return GTK_WIDGET (gtk_application_get_active_window (GTK_APPLICATION (self)));
}

static void
add_file_filter (GtkFileChooser *chooser,
                 const char     *name,
                 const char     *pattern)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
on_import_chosen (GtkNativeDialog    *chooser,
                  int                 response,
                  RapportApplication *self)
{
  g_autoptr(GFile) file = NULL;
  RapportImportDialog *dialog;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    {
      dialog = rapport_import_dialog_new (self->store, file);
      gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (active_window (self)));
      gtk_window_present (GTK_WINDOW (dialog));
    }
  g_object_unref (chooser);
}

static void
import_action (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  RapportApplication *self = RAPPORT_APPLICATION (user_data);
  GtkFileChooserNative *chooser;

  _rapport_application_start_gtk (self);

  if (self->store == NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Import Customers"),
                                         GTK_WINDOW (active_window (self)),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Import"), _("_Cancel"));
  add_file_filter (GTK_FILE_CHOOSER (chooser), _("Customers (CSV or vCard)"), "*.[cCvV][sScC][vVfF]");
  add_file_filter (GTK_FILE_CHOOSER (chooser), _("All Files"), "*");
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_import_chosen), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
import_contacts_action (GSimpleAction *action,
                        GVariant      *param,
                        gpointer       user_data)
{
  RapportApplication *self = RAPPORT_APPLICATION (user_data);
  RapportAddressBookDialog *dialog;

  _rapport_application_start_gtk (self);

  if (self->store == NULL)
    return;

  dialog = rapport_address_book_dialog_new (self->store);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (active_window (self)));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* task data: { book path, destination path, "export" or "backup" } */
static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  const char * const *paths = task_data;
  g_autoptr(RapportStore) store = NULL;
  gboolean backup = g_str_equal (paths[2], "backup");
  GError *error = NULL;

  /* Its own connection: exporting a big book must not stall the window. */
  store = rapport_store_open (paths[0], &error);
  if (store == NULL ||
      !(backup ? rapport_backup_write (store, paths[1], &error)
               : rapport_exporter_write_file (store, paths[1], &error)))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
export_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  RapportApplication *self = RAPPORT_APPLICATION (object);
  const char * const *paths = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  GtkWidget *window = active_window (self);

  if (window == NULL)
    return;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    rapport_toast_error (window, error->message);
  else
    rapport_toast_show (window, adw_toast_new (g_str_equal (paths[2], "backup") ? _("Backed up")
                                                                               : _("Exported")));
}

static void
on_export_chosen (GtkNativeDialog    *chooser,
                  int                 response,
                  RapportApplication *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GTask) task = NULL;
  char **paths;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    {
      paths = g_new0 (char *, 4);
      paths[0] = g_strdup (rapport_store_get_path (self->store));
      paths[1] = g_file_get_path (file);
      paths[2] = g_strdup (g_object_get_data (G_OBJECT (chooser), "job"));
      task = g_task_new (self, NULL, export_done, NULL);
      g_task_set_task_data (task, paths, (GDestroyNotify) g_strfreev);
      g_task_run_in_thread (task, export_thread);
    }
  g_object_unref (chooser);
}

static void
export_action (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  RapportApplication *self = RAPPORT_APPLICATION (user_data);
  GtkFileChooserNative *chooser;

  _rapport_application_start_gtk (self);

  if (self->store == NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Export"),
                                         GTK_WINDOW (active_window (self)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  /* The extension picks the format, as on the command line. */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "customers.csv");
  add_file_filter (GTK_FILE_CHOOSER (chooser), _("Customers as CSV"), "*.csv");
  add_file_filter (GTK_FILE_CHOOSER (chooser), _("Customers as vCard"), "*.vcf");
  add_file_filter (GTK_FILE_CHOOSER (chooser), _("Check-ins as iCalendar"), "*.ics");
  add_file_filter (GTK_FILE_CHOOSER (chooser), _("Testimonials as a web page"), "*.html");
  g_object_set_data (G_OBJECT (chooser), "job", (gpointer) "export");
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_export_chosen), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_restore_confirmed (AdwMessageDialog   *dialog,
                      const char         *response,
                      RapportApplication *self)
{
  const char *path = g_object_get_data (G_OBJECT (dialog), "backup-path");
  g_autofree char *kept = NULL;
  g_autofree char *message = NULL;
  g_autofree char *escaped = NULL;
  g_autoptr(GError) error = NULL;
  gboolean restored;
  GtkWidget *window;
  AdwToast *toast;

  if (g_strcmp0 (response, "restore") != 0)
    return;

  restored = rapport_application_restore (self, path, &kept, &error);
  window = active_window (self);
  if (window == NULL)
    return;
  if (!restored)
    {
      rapport_toast_error (window, error->message);
      return;
    }
  message = g_strdup_printf (_("Restored; the previous book is kept as %s"), kept);
  escaped = g_markup_escape_text (message, -1);
  toast = adw_toast_new (escaped);
  /* It says where the old book went: it stays until read. */
  adw_toast_set_timeout (toast, 0);
  rapport_toast_show (window, toast);
}

static void
on_restore_chosen (GtkNativeDialog    *chooser,
                   int                 response,
                   RapportApplication *self)
{
  g_autoptr(GFile) file = NULL;
  GtkWidget *dialog;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    {
      dialog = adw_message_dialog_new (GTK_WINDOW (active_window (self)),
                                       _("Replace Your Book With This Backup?"),
                                       _("Rapport checks the backup first. Your current book is "
                                         "kept among the backups, so nothing is lost."));
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "cancel", _("_Cancel"),
                                        "restore", _("_Restore"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore",
                                                  ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      g_object_set_data_full (G_OBJECT (dialog), "backup-path", g_file_get_path (file), g_free);
      g_signal_connect_object (dialog, "response", G_CALLBACK (on_restore_confirmed), self, 0);
      gtk_window_present (GTK_WINDOW (dialog));
    }
  g_object_unref (chooser);
}

static void
restore_action (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  RapportApplication *self = RAPPORT_APPLICATION (user_data);
  GtkFileChooserNative *chooser;

  _rapport_application_start_gtk (self);

  chooser = gtk_file_chooser_native_new (_("Restore a Backup"),
                                         GTK_WINDOW (active_window (self)),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Restore…"), _("_Cancel"));
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_restore_chosen), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
backup_action (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  RapportApplication *self = RAPPORT_APPLICATION (user_data);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *name = g_date_time_format (now, "rapport-backup-%Y-%m-%d.db");
  GtkFileChooserNative *chooser;

  _rapport_application_start_gtk (self);

  if (self->store == NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Back Up Your Book"),
                                         GTK_WINDOW (active_window (self)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Back Up"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_object_set_data (G_OBJECT (chooser), "job", (gpointer) "backup");
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_export_chosen), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
sample_data_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  RapportApplication *self = RAPPORT_APPLICATION (user_data);
  g_autoptr(GError) error = NULL;
  GtkWidget *window = active_window (self);

  if (self->store == NULL)
    return;

  if (!rapport_sample_fill (self->store, rapport_time_now (), &error))
    {
      if (window != NULL)
        rapport_toast_error (window, error->message);
      return;
    }
  if (window != NULL)
    rapport_toast_show (window, adw_toast_new (_("Added a sample book of business")));
}

static const GActionEntry file_actions[] = {
  { "import", import_action },
  { "import-contacts", import_contacts_action },
  { "export", export_action },
  { "sample-data", sample_data_action },
  { "backup", backup_action },
  { "restore", restore_action },
};

void
_rapport_application_files_init (RapportApplication *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), file_actions,
                                   G_N_ELEMENTS (file_actions), self);
}

/* Once GTK has started (see rapport-application.c). */
void
_rapport_application_files_set_accels (RapportApplication *self)
{
  static const char *import_accels[] = { "<Control>o", NULL };
  static const char *export_accels[] = { "<Control>e", NULL };

  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.import", import_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.export", export_accels);
}
