/* rapport-toast.c: toasts from anywhere in the window
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Views report what they did (or why they could not) with a toast on the
 * window's overlay, never silently.
 */

#define G_LOG_DOMAIN "rapport-toast"

#include "config.h"

#include "rapport-toast.h"

/**
 * rapport_toast_show:
 * @toast: (transfer full): the toast
 */
void
rapport_toast_show (GtkWidget *widget,
                    AdwToast  *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);

  if (overlay == NULL)
    {
      g_message ("%s", adw_toast_get_title (toast));
      g_object_unref (toast);
      return;
    }
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

/* Errors stay until dismissed: they need reading. */
void
rapport_toast_error (GtkWidget  *widget,
                     const char *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, 0);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  rapport_toast_show (widget, toast);
}
