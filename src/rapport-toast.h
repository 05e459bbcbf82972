/* rapport-toast.h: toasts from anywhere in the window
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void rapport_toast_show  (GtkWidget  *widget,
                          AdwToast   *toast);
void rapport_toast_error (GtkWidget  *widget,
                          const char *message);

G_END_DECLS
