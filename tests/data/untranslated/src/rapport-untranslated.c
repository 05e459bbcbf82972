/* rapport-untranslated.c: what check-translatable must catch (4) and let through
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Not compiled: build-aux/check-translatable reads it in the test
 * "translatable-catches".
 */

static void
caught (GtkLabel *label, AdwWindowTitle *title, AdwActionRow *row, GtkWidget *button)
{
  gtk_label_set_text (label, "No customers yet");
  adw_window_title_set_title (title,
                              "Follow-ups");
  adw_action_row_set_subtitle (row, count > 1 ? _("Several") : "One only");
  gtk_widget_set_tooltip_text (button, "Delete " "this customer");
}

static void
let_through (GtkLabel *label, AdwWindowTitle *title, AdwMessageDialog *dialog)
{
  gtk_label_set_text (label, _("No customers yet"));
  gtk_label_set_label (label, "%u");
  gtk_label_set_label (label, "%s · %s");
  /* gtk_label_set_text (label, "in a comment"); */
  adw_window_title_set_title (title, C_("view", "Follow-ups"));
  adw_window_title_set_subtitle (title, g_dngettext (GETTEXT_PACKAGE, "%u check-in",
                                                     "%u check-ins", n));
  adw_message_dialog_add_response (dialog, "delete", _("_Delete"));
  adw_toast_new (g_str_equal (kind, "backup") ? _("Backed up") : _("Exported"));
}
