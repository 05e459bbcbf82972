/* rapport-mail-draft.h: a draft email handed to the user's mail program
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

GVariant *rapport_mail_draft_overrides (void);
void      rapport_mail_draft_open      (GtkWidget  *widget,
                                        const char *uri);

G_END_DECLS
