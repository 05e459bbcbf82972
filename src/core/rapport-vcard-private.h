/* rapport-vcard-private.h: shared by the vCard reader and writer
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Marks an N that Rapport guessed from the display name. */
#define RAPPORT_VCARD_DERIVED_PARAM "X-RAPPORT-DERIVED=1"

void rapport_vcard_append_escaped     (GString    *out,
                                       const char *text);
void rapport_vcard_append_param_value (GString    *out,
                                       const char *value);
GStrv rapport_vcard_split_text        (const char *text,
                                       char        separator);

G_END_DECLS
