/* rapport-vcard-private.h: shared by the vCard reader and writer
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void rapport_vcard_append_escaped (GString    *out,
                                   const char *text);

G_END_DECLS
