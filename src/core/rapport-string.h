/* rapport-string.h: small string helpers GLib 2.74 lacks
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* g_set_str () arrived in GLib 2.76; Debian 12 has 2.74.
 * Returns: whether *@field changed */
static inline gboolean
rapport_set_str (char       **field,
                 const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

G_END_DECLS
