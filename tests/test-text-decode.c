/* test-text-decode.c: a file's bytes as UTF-8 text
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "rapport-contact.h"
#include "rapport-text-decode.h"

/* @text as UTF-16 code units, with a byte order mark if asked. */
static GBytes *
utf16 (const char *text,
       gboolean    big_endian,
       gboolean    mark)
{
  g_autofree gunichar2 *units = NULL;
  glong n = 0;
  GByteArray *out = g_byte_array_new ();

  units = g_utf8_to_utf16 (text, -1, NULL, &n, NULL);
  g_assert_nonnull (units);
  if (mark)
    g_byte_array_append (out, (const guint8 *) (big_endian ? "\xfe\xff" : "\xff\xfe"), 2);
  for (glong i = 0; i < n; i++)
    {
      guint8 pair[2] = { units[i] & 0xff, units[i] >> 8 };

      if (big_endian)
        pair[0] = units[i] >> 8, pair[1] = units[i] & 0xff;
      g_byte_array_append (out, pair, 2);
    }
  return g_byte_array_free_to_bytes (out);
}

static char *
decode (GBytes              *input,
        RapportTextEncoding  expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) text = NULL;
  RapportTextEncoding found = -1;
  char *copy;
  gsize length;
  const char *data = g_bytes_get_data (input, &length);

  text = rapport_text_decode ("contacts.csv", data, length, &found, &error);
  g_assert_no_error (error);
  g_assert_cmpint (found, ==, expected);
  data = g_bytes_get_data (text, &length);
  /* Not g_strndup (): a NUL in the text must come back too. */
  copy = g_malloc0 (length + 1);
  memcpy (copy, data, length);
  return copy;
}

static void
assert_refused (GBytes     *input,
                const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) text = NULL;
  gsize length;
  const char *data = g_bytes_get_data (input, &length);

  text = rapport_text_decode ("contacts.csv", data, length, NULL, &error);
  g_assert_null (text);
  g_assert_error (error, RAPPORT_IMPORT_ERROR, RAPPORT_IMPORT_ERROR_ENCODING);
  g_assert_cmpstr (error->message, ==, expected);
}

static void
test_utf8_untouched (void)
{
  const char *text = "name,email\r\nJos\xc3\xa9,jose@example.org\r\n";
  g_autoptr(GBytes) input = g_bytes_new_static (text, strlen (text));
  g_autofree char *decoded = decode (input, RAPPORT_TEXT_UTF8);

  g_assert_cmpstr (decoded, ==, text);
}

static void
test_utf8_bom_stripped (void)
{
  const char *text = "\xef\xbb\xbf" "BEGIN:VCARD\r\n";
  g_autoptr(GBytes) input = g_bytes_new_static (text, strlen (text));
  g_autofree char *decoded = decode (input, RAPPORT_TEXT_UTF8);

  g_assert_cmpstr (decoded, ==, "BEGIN:VCARD\r\n");
}

/* Bytes that are neither UTF-8 nor UTF-16 are the reader's to judge. */
static void
test_eight_bit_left_alone (void)
{
  const char *text = "FN;CHARSET=windows-1252:Jos\xe9\r\n";
  g_autoptr(GBytes) input = g_bytes_new_static (text, strlen (text));
  g_autofree char *decoded = decode (input, RAPPORT_TEXT_UTF8);

  g_assert_cmpstr (decoded, ==, text);
}

/* What Outlook's "Unicode" CSV and Windows' vCards are, with and without
 * a byte order mark, including a character outside the BMP. */
static void
test_utf16 (void)
{
  const char *text = "First Name,E-mail Address\r\nJos\xc3\xa9 \xf0\x9f\x98\x80,jose@example.org\r\n";

  for (guint big = 0; big <= 1; big++)
    for (guint mark = 0; mark <= 1; mark++)
      {
        g_autoptr(GBytes) input = utf16 (text, big, mark);
        g_autofree char *decoded = decode (input, big ? RAPPORT_TEXT_UTF16BE : RAPPORT_TEXT_UTF16LE);

        g_assert_cmpstr (decoded, ==, text);
      }
}

/* A name in Cyrillic has no NUL bytes, but the ASCII around it does. */
static void
test_utf16_sniffed_among_other_scripts (void)
{
  g_autoptr(GBytes) input = utf16 ("BEGIN:VCARD\r\nFN:\xd0\x98\xd0\xb2\xd0\xb0\xd0\xbd\r\nEND:VCARD\r\n",
                                   FALSE, FALSE);
  g_autofree char *decoded = decode (input, RAPPORT_TEXT_UTF16LE);

  g_assert_cmpstr (decoded, ==, "BEGIN:VCARD\r\nFN:\xd0\x98\xd0\xb2\xd0\xb0\xd0\xbd\r\nEND:VCARD\r\n");
}

/* Broken UTF-16 is named with its file and the line it is on. */
static void
test_utf16_refused (void)
{
  static const guint8 lone[] = {
    0xff, 0xfe, 'a', 0, '\r', 0, '\n', 0, 'b', 0, '\n', 0, 'c', 0, 0x3d, 0xd8, 'd', 0,
  };
  static const guint8 odd[] = { 0xff, 0xfe, 'a', 0, '\n', 0, 'b' };
  static const guint8 utf32[] = { 0xff, 0xfe, 0, 0, 'a', 0, 0, 0 };
  g_autoptr(GBytes) lone_bytes = g_bytes_new_static (lone, sizeof lone);
  g_autoptr(GBytes) odd_bytes = g_bytes_new_static (odd, sizeof odd);
  g_autoptr(GBytes) utf32_bytes = g_bytes_new_static (utf32, sizeof utf32);

  assert_refused (lone_bytes,
                  "contacts.csv:3: not valid UTF-16 text: a lone surrogate U+D83D (is the file damaged?)");
  assert_refused (odd_bytes,
                  "contacts.csv:2: the file is UTF-16 text but ends in the middle of a character");
  assert_refused (utf32_bytes,
                  "contacts.csv:1: the file is UTF-32 text; save it as UTF-8 and try again");
}

/* A stray NUL in UTF-8 text is not UTF-16: the reader reports it. */
static void
test_stray_nul_not_utf16 (void)
{
  static const char text[] = "name,email\nAda,ada@example.org\n\0\nGrace,grace@example.org\n";
  g_autoptr(GBytes) input = g_bytes_new_static (text, sizeof text - 1);
  g_autofree char *decoded = decode (input, RAPPORT_TEXT_UTF8);

  g_assert_cmpmem (decoded, sizeof text - 1, text, sizeof text - 1);
}

static void
test_line_ends (void)
{
  g_assert_cmpuint (rapport_text_line_end ("\r\r\nx", 4), ==, 3);
  g_assert_cmpuint (rapport_text_line_end ("\r\nx", 3), ==, 2);
  g_assert_cmpuint (rapport_text_line_end ("\nx", 2), ==, 1);
  g_assert_cmpuint (rapport_text_line_end ("\rx", 2), ==, 1);
  /* Two old-Mac line ends, not one CR CR LF. */
  g_assert_cmpuint (rapport_text_line_end ("\r\rx", 3), ==, 1);
  g_assert_cmpuint (rapport_text_line_end ("x\n", 2), ==, 0);
  g_assert_cmpuint (rapport_text_count_line_ends ("a\r\r\nb\r\nc\nd\re\r\rf", 15), ==, 6);
  /* A CR CR LF cut after its CRs is two line ends so far. */
  g_assert_cmpuint (rapport_text_count_line_ends ("a\r\r\nb", 3), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text-decode/utf8-untouched", test_utf8_untouched);
  g_test_add_func ("/text-decode/utf8-bom-stripped", test_utf8_bom_stripped);
  g_test_add_func ("/text-decode/eight-bit-left-alone", test_eight_bit_left_alone);
  g_test_add_func ("/text-decode/utf16", test_utf16);
  g_test_add_func ("/text-decode/utf16-among-other-scripts", test_utf16_sniffed_among_other_scripts);
  g_test_add_func ("/text-decode/utf16-refused", test_utf16_refused);
  g_test_add_func ("/text-decode/stray-nul-not-utf16", test_stray_nul_not_utf16);
  g_test_add_func ("/text-decode/line-ends", test_line_ends);

  return g_test_run ();
}
