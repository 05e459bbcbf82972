/* rapport-locale.h: the user's language, from the installed or the built catalogue
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *rapport_locale_init (void);

G_END_DECLS
