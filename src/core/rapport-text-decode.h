/* rapport-text-decode.h: a file's bytes as UTF-8 text, before a reader parses them
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  RAPPORT_TEXT_UTF8,      /* or any 8-bit text: left for the reader to check */
  RAPPORT_TEXT_UTF16LE,
  RAPPORT_TEXT_UTF16BE,
} RapportTextEncoding;

GBytes   *rapport_text_decode           (const char          *display_name,
                                         const char          *data,
                                         gsize                length,
                                         RapportTextEncoding *encoding,
                                         GError             **error);
gsize     rapport_text_line_end         (const char          *text,
                                         gsize                length);
guint     rapport_text_count_line_ends  (const char          *text,
                                         gsize                length);

G_END_DECLS
