/* rapport-text-decode.c: a file's bytes as UTF-8 text, before a reader parses them
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Outlook and Windows' own address book save "Unicode" CSV and vCards as
 * UTF-16, with or without a byte order mark; everything else is UTF-8 or
 * an 8-bit character set that only the reader can judge (a vCard names it
 * per property).  So UTF-16 becomes UTF-8 here, a UTF-8 byte order mark
 * goes, and every other byte is left as it is.  Line ends are kept, so a
 * reader's line numbers are the file's.
 */

#define G_LOG_DOMAIN "rapport-text-decode"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "rapport-contact.h"
#include "rapport-text-decode.h"

/* How much of the start is looked at to recognise UTF-16 without a mark. */
#define SNIFF_BYTES 1024

/**
 * rapport_text_line_end:
 * @text: where a line may end
 * @length: the bytes available at @text
 *
 * Line ends are CRLF, LF, an old Mac's lone CR, and CR CR LF: what a
 * Windows program writes when it turns every LF of CRLF text into CRLF
 * once more.  Counting that as two lines would put every line number of
 * a message past the line the user sees in an editor.
 *
 * Returns: the length of the line end at @text (1 to 3), or 0 if none.
 */
gsize
rapport_text_line_end (const char *text,
                       gsize       length)
{
  if (length == 0)
    return 0;
  if (text[0] == '\n')
    return 1;
  if (text[0] != '\r')
    return 0;
  if (length >= 2 && text[1] == '\n')
    return 2;
  if (length >= 3 && text[1] == '\r' && text[2] == '\n')
    return 3;
  return 1;
}

/* Line ends in @text, counted as rapport_text_line_end () sees them. */
guint
rapport_text_count_line_ends (const char *text,
                              gsize       length)
{
  guint n = 0;

  for (gsize i = 0; i < length; )
    {
      gsize end = rapport_text_line_end (text + i, length - i);

      if (end == 0)
        i++;
      else
        {
          n++;
          i += end;
        }
    }
  return n;
}

static gboolean G_GNUC_PRINTF (4, 5)
decode_error (GError     **error,
              const char  *display_name,
              guint        line,
              const char  *format,
              ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, RAPPORT_IMPORT_ERROR, RAPPORT_IMPORT_ERROR_ENCODING, "%s:%u: %s",
               display_name, line, message);
  return FALSE;
}

/* Without a byte order mark, UTF-16 shows in its NUL bytes: the high byte
 * of every ASCII character, so in the header of a CSV or the BEGIN:VCARD
 * of a card, all on one side of each pair.  UTF-8 and 8-bit text have no
 * NUL at all; a file that has some on both sides is left for the reader
 * to refuse. */
static RapportTextEncoding
sniff (const guchar *data,
       gsize         length,
       gsize        *skip)
{
  gsize sample = MIN (length, SNIFF_BYTES) & ~(gsize) 1;
  gsize pairs = sample / 2;
  gsize nul_even = 0, nul_odd = 0;

  *skip = 0;
  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      *skip = 3;
      return RAPPORT_TEXT_UTF8;
    }
  if (length >= 2 && data[0] == 0xff && data[1] == 0xfe)
    {
      *skip = 2;
      return RAPPORT_TEXT_UTF16LE;
    }
  if (length >= 2 && data[0] == 0xfe && data[1] == 0xff)
    {
      *skip = 2;
      return RAPPORT_TEXT_UTF16BE;
    }

  for (gsize i = 0; i < sample; i += 2)
    {
      nul_even += data[i] == 0;
      nul_odd += data[i + 1] == 0;
    }
  if (pairs > 0 && nul_odd * 4 >= pairs && nul_even * 8 <= nul_odd)
    return RAPPORT_TEXT_UTF16LE;
  if (pairs > 0 && nul_even * 4 >= pairs && nul_odd * 8 <= nul_even)
    return RAPPORT_TEXT_UTF16BE;
  return RAPPORT_TEXT_UTF8;
}

static GBytes *
decode_utf16 (const char  *display_name,
              const guchar *data,
              gsize        length,
              gboolean     big_endian,
              GError     **error)
{
  g_autoptr(GString) out = g_string_sized_new (length / 2 * 3 + 1);
  gsize i;

  for (i = 0; i + 1 < length; i += 2)
    {
      gunichar c = big_endian ? (data[i] << 8 | data[i + 1]) : (data[i + 1] << 8 | data[i]);

      if (c >= 0xd800 && c < 0xdc00 && i + 3 < length)
        {
          gunichar low = big_endian ? (data[i + 2] << 8 | data[i + 3])
                                    : (data[i + 3] << 8 | data[i + 2]);

          if (low >= 0xdc00 && low < 0xe000)
            {
              c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
              i += 2;
            }
        }
      if (c >= 0xd800 && c < 0xe000)
        {
          decode_error (error, display_name,
                        1 + rapport_text_count_line_ends (out->str, out->len),
                        _("not valid UTF-16 text: a lone surrogate U+%04X (is the file damaged?)"),
                        c);
          return NULL;
        }
      g_string_append_unichar (out, c);
    }

  if (i < length)
    {
      decode_error (error, display_name, 1 + rapport_text_count_line_ends (out->str, out->len),
                    _("the file is UTF-16 text but ends in the middle of a character"));
      return NULL;
    }
  return g_string_free_to_bytes (g_steal_pointer (&out));
}

/**
 * rapport_text_decode:
 * @display_name: the file's name as shown in messages ("contacts.vcf")
 * @data: the file's bytes
 * @length: their number
 * @encoding: (out) (optional): what the file was found to be
 * @error: where undecodable UTF-16 is reported, naming file and line
 *
 * Turns UTF-16 (little or big endian, with or without a byte order mark)
 * into UTF-8 and drops a UTF-8 byte order mark.  Other bytes are not
 * checked: a CSV reader wants UTF-8, a vCard reader knows charsets.
 *
 * Returns: (transfer full): the text, which for UTF-8 points into @data
 *   (keep @data alive as long as the bytes), or %NULL with @error set.
 */
GBytes *
rapport_text_decode (const char          *display_name,
                     const char          *data,
                     gsize                length,
                     RapportTextEncoding *encoding,
                     GError             **error)
{
  const guchar *bytes;
  RapportTextEncoding found;
  gsize skip;

  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (data == NULL)
    data = "";
  bytes = (const guchar *) data;
  found = sniff (bytes, length, &skip);
  if (encoding != NULL)
    *encoding = found;

  if (found == RAPPORT_TEXT_UTF16LE && length >= 4 && memcmp (data, "\xff\xfe\0\0", 4) == 0)
    {
      decode_error (error, display_name, 1,
                    _("the file is UTF-32 text; save it as UTF-8 and try again"));
      return NULL;
    }

  if (found == RAPPORT_TEXT_UTF8)
    return g_bytes_new_static (data + skip, length - skip);
  return decode_utf16 (display_name, bytes + skip, length - skip,
                       found == RAPPORT_TEXT_UTF16BE, error);
}
