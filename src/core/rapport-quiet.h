/* rapport-quiet.h: when a reminder may be shown (pure)
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rapport-playbook-settings.h"

G_BEGIN_DECLS

gboolean rapport_quiet_is_allowed   (const RapportPlaybookSettings *settings,
                                     gint64                         t);
gint64   rapport_quiet_next_allowed (const RapportPlaybookSettings *settings,
                                     gint64                         t);

G_END_DECLS
