/* rapport-mail-draft.c: a draft email handed to the user's mail program
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every Draft Email button ends here: the core writes the mailto: URL
 * (rapport-drafts.c), and this opens it with whatever mail program the
 * desktop has for mailto:, never sending anything itself.
 */

#define G_LOG_DOMAIN "rapport-mail-draft"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-drafts.h"
#include "rapport-mail-draft.h"
#include "rapport-toast.h"

/**
 * rapport_mail_draft_overrides:
 *
 * Returns: (transfer full): the user's own wording of the drafts (the
 *   email-drafts setting), for rapport_drafts_mailto() and its kin
 */
GVariant *
rapport_mail_draft_overrides (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  return g_settings_get_value (settings, "email-drafts");
}

/* Without a mail program GTK would put up its own bare dialog; say it
 * the way the rest of the window reports problems. */
static void
on_draft_shown (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GtkWidget) widget = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (gtk_show_uri_full_finish (GTK_WINDOW (object), result, &error))
    return;
  message = g_strdup_printf (_("No mail program could open the draft: %s"), error->message);
  rapport_toast_error (widget, message);
}

/**
 * rapport_mail_draft_open:
 * @widget: the widget the draft was asked from; a failure is told there
 * @uri: a mailto: URL
 */
void
rapport_mail_draft_open (GtkWidget  *widget,
                         const char *uri)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (uri != NULL);

  gtk_show_uri_full (GTK_WINDOW (gtk_widget_get_root (widget)), uri, GDK_CURRENT_TIME, NULL,
                     on_draft_shown, g_object_ref (widget));
}
