/* rapport-referrals-page-actions.c: what the referrals page does with a referral
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page's actions (referrals.set-stage, .informed, .thanked,
 * .draft-email, .draft-referral, .export) and the Record Referral dialog.  Each writes
 * through the core, which syncs the follow-ups; the store's "changed"
 * signal then has the page read the book again.
 */

#define G_LOG_DOMAIN "rapport-referrals-page"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-drafts.h"
#include "rapport-mail-draft.h"
#include "rapport-referral-dialog.h"
#include "rapport-referrals-page-private.h"
#include "rapport-time.h"
#include "rapport-toast.h"

static void
load_settings (RapportReferralsPage    *self,
               RapportPlaybookSettings *settings)
{
  rapport_playbook_settings_load (settings, self->settings);
}

static void
report (RapportReferralsPage *self,
        gboolean              done,
        GError               *error,
        const char           *message)
{
  if (!done)
    rapport_toast_error (GTK_WIDGET (self), error->message);
  else
    rapport_toast_show (GTK_WIDGET (self), adw_toast_new (message));
}

static void
set_stage_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  RapportReferralsPage *self = RAPPORT_REFERRALS_PAGE (widget);
  RapportPlaybookSettings settings;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  const char *stage;
  gint64 id;
  gboolean done;

  g_variant_get (param, "(x&s)", &id, &stage);
  load_settings (self, &settings);
  done = rapport_referral_change_stage (self->store, id, stage, &settings, rapport_time_now (), &error);
  /* Translators: a toast after moving a referral to another stage */
  message = g_strdup_printf (_("Moved to “%s”"), rapport_referral_stage_label (stage));
  report (self, done, error, message);
}

static void
informed_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  RapportReferralsPage *self = RAPPORT_REFERRALS_PAGE (widget);
  RapportPlaybookSettings settings;
  g_autoptr(GError) error = NULL;
  gboolean done;

  load_settings (self, &settings);
  done = rapport_referral_mark_informed (self->store, g_variant_get_int64 (param), &settings,
                                         rapport_time_now (), &error);
  report (self, done, error, _("Referrer informed; logged as a contact"));
}

static void
thanked_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  RapportReferralsPage *self = RAPPORT_REFERRALS_PAGE (widget);
  RapportPlaybookSettings settings;
  g_autoptr(GError) error = NULL;
  const char *how;
  gint64 id;
  gboolean done;

  g_variant_get (param, "(x&s)", &id, &how);
  load_settings (self, &settings);
  done = rapport_referral_mark_thanked (self->store, id, how, &settings, rapport_time_now (), &error);
  report (self, done, error, _("Thanks recorded on the referrer’s timeline"));
}

static void
draft_email_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  RapportReferralsPage *self = RAPPORT_REFERRALS_PAGE (widget);
  g_autoptr(GVariant) overrides = rapport_mail_draft_overrides ();
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;

  uri = rapport_drafts_for_customer (self->store, g_variant_get_int64 (param), "introduction_ask",
                                     overrides, &error);
  if (uri == NULL)
    {
      rapport_toast_error (GTK_WIDGET (self), error->message);
      return;
    }
  rapport_mail_draft_open (widget, uri);
}

/* (referral id, script): "thank_referral", or "" for the news of the
 * referral's stage, to the referrer. */
static void
draft_referral_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  RapportReferralsPage *self = RAPPORT_REFERRALS_PAGE (widget);
  g_autoptr(GVariant) overrides = rapport_mail_draft_overrides ();
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  const char *script;
  gint64 id;

  g_variant_get (param, "(x&s)", &id, &script);
  uri = rapport_drafts_for_referral (self->store, id, *script != '\0' ? script : NULL, overrides, &error);
  if (uri == NULL)
    {
      rapport_toast_error (GTK_WIDGET (self), error->message);
      return;
    }
  rapport_mail_draft_open (widget, uri);
}

static void
export_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  char **paths = task_data;
  g_autoptr(RapportStore) store = NULL;
  g_autoptr(GError) error = NULL;

  /* A connection of its own: the main one stays with the main thread. */
  store = rapport_store_open (paths[0], &error);
  if (store == NULL || !rapport_referrals_write_csv (store, paths[1], &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
export_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  RapportReferralsPage *self = RAPPORT_REFERRALS_PAGE (object);
  char **paths = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      rapport_toast_error (GTK_WIDGET (self), error->message);
      return;
    }
  name = g_filename_display_basename (paths[1]);
  message = g_markup_printf_escaped (_("Referrals exported to %s"), name);
  rapport_toast_show (GTK_WIDGET (self), adw_toast_new (message));
}

static void
on_export_chosen (GtkNativeDialog      *chooser,
                  int                   response,
                  RapportReferralsPage *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GTask) task = NULL;
  char **paths;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    {
      paths = g_new0 (char *, 3);
      paths[0] = g_strdup (rapport_store_get_path (self->store));
      paths[1] = g_file_get_path (file);
      task = g_task_new (self, NULL, export_done, NULL);
      g_task_set_task_data (task, paths, (GDestroyNotify) g_strfreev);
      g_task_run_in_thread (task, export_thread);
    }
  g_object_unref (chooser);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  RapportReferralsPage *self = RAPPORT_REFERRALS_PAGE (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Export Referrals"),
                                         GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  /* Referrals go to a file of their own: customers.csv keeps one row per customer. */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "referrals.csv");
  gtk_file_filter_set_name (filter, _("Referrals as CSV"));
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_export_chosen), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
_rapport_referrals_page_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "referrals.set-stage", "(xs)", set_stage_action);
  gtk_widget_class_install_action (widget_class, "referrals.informed", "x", informed_action);
  gtk_widget_class_install_action (widget_class, "referrals.thanked", "(xs)", thanked_action);
  gtk_widget_class_install_action (widget_class, "referrals.draft-email", "x", draft_email_action);
  gtk_widget_class_install_action (widget_class, "referrals.draft-referral", "(xs)", draft_referral_action);
  gtk_widget_class_install_action (widget_class, "referrals.export", NULL, export_action);
}

static void
on_recorded (RapportReferralsPage *self,
             RapportReferral      *referral)
{
  /* The dialog's referral holds the ids; the book has the names. */
  g_autoptr(RapportReferral) stored = rapport_referral_load (self->store, rapport_referral_get_id (referral), NULL);
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (stored == NULL)
    return;
  /* Toast titles are markup in libadwaita 1.2; a name is text. */
  name = g_markup_escape_text (rapport_referral_get_referrer_name (stored), -1);
  /* Translators: a toast; the referrer's name */
  title = g_strdup_printf (_("Referral from %s recorded"), name);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Show"));
  adw_toast_set_detailed_action_name (toast, "win.show-view::referrals");
  rapport_toast_show (GTK_WIDGET (self), toast);
}

/**
 * rapport_referrals_page_record_referral:
 * @referrer: (nullable): the customer who gave it, if known
 *
 * Opens the Record Referral dialog.
 */
void
rapport_referrals_page_record_referral (RapportReferralsPage *self,
                                        RapportCustomer      *referrer)
{
  RapportReferralDialog *dialog;

  g_return_if_fail (RAPPORT_IS_REFERRALS_PAGE (self));
  g_return_if_fail (self->store != NULL);

  dialog = rapport_referral_dialog_new (self->store, referrer);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  g_signal_connect_object (dialog, "recorded", G_CALLBACK (on_recorded), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}
