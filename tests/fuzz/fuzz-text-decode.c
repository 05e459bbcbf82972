/* fuzz-text-decode.c: a file's bytes decoded, and read the same whatever
 * its encoding or its delimiter
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * On arbitrary bytes, rapport_text_decode () either refuses with the
 * file's name, or gives UTF-8 that is the input without its byte order
 * mark, or the input's UTF-16 exactly, re-encoded.  When the input is
 * UTF-8 text, the CSV and vCard readers must read it as UTF-16 (either
 * endianness) to the same contacts, line numbers, notes and errors; and
 * a CSV with a blank line before its header (which the delimiter sniffing
 * skips) reads the same one line further down.
 */

#define G_LOG_DOMAIN "rapport-fuzz"

#include "config.h"

#include <string.h>

#include "fuzz-common.h"
#include "rapport-csv.h"
#include "rapport-text-decode.h"
#include "rapport-vcard.h"

#define NAME "fuzz.txt"

typedef GPtrArray *(*ReadFunc) (const char          *display_name,
                                const char          *data,
                                gsize                length,
                                RapportImportNotes  *notes,
                                GError             **error);

typedef struct
{
  GPtrArray          *contacts;
  GError             *error;
  RapportImportNotes *notes;
} Result;

static void
result_clear (Result *result)
{
  g_clear_pointer (&result->contacts, g_ptr_array_unref);
  g_clear_error (&result->error);
  g_clear_pointer (&result->notes, rapport_import_notes_free);
}

static void
read_into (Result     *result,
           ReadFunc    read,
           const char *data,
           gsize       length)
{
  result->notes = rapport_import_notes_new ();
  result->contacts = read (NAME, data, length, result->notes, &result->error);
  if (result->contacts == NULL &&
      (result->error == NULL || !g_str_has_prefix (result->error->message, NAME ":")))
    g_error ("a refusal must name the file: %s",
             result->error != NULL ? result->error->message : "(no error)");
  if (result->contacts != NULL)
    fuzz_check_contacts (result->contacts);
}

static char *
describe_values (RapportContact *contact)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < contact->values->len; i++)
    {
      RapportContactValue *value = g_ptr_array_index (contact->values, i);

      if (!g_utf8_validate (value->value, -1, NULL) || !g_utf8_validate (value->types, -1, NULL))
        g_error ("a value of contact “%s” is not UTF-8", contact->name);
      g_string_append_printf (out, "%d|%s|%s|%d\n", value->kind, value->value, value->types,
                              value->pref);
    }
  return g_string_free (out, FALSE);
}

/* @b is what @a should be, its lines @shift further down. */
static void
assert_same_result (Result     *a,
                    Result     *b,
                    guint       shift,
                    const char *how)
{
  if ((a->contacts == NULL) != (b->contacts == NULL))
    g_error ("%s: one read failed, the other did not: %s", how,
             a->error != NULL ? a->error->message : b->error->message);
  if (a->contacts == NULL)
    {
      /* Errors name their lines; with a shift only the kind must agree. */
      if (shift == 0 && !g_str_equal (a->error->message, b->error->message))
        g_error ("%s: “%s” became “%s”", how, a->error->message, b->error->message);
      if (a->error->code != b->error->code)
        g_error ("%s: error %d became %d", how, a->error->code, b->error->code);
      return;
    }

  fuzz_assert_same_contacts (a->contacts, b->contacts, how);
  for (guint i = 0; i < a->contacts->len; i++)
    {
      RapportContact *ca = g_ptr_array_index (a->contacts, i);
      RapportContact *cb = g_ptr_array_index (b->contacts, i);
      g_autofree char *values_a = describe_values (ca);
      g_autofree char *values_b = describe_values (cb);

      if (ca->line + shift != cb->line)
        g_error ("%s: contact %u on line %u became line %u", how, i, ca->line, cb->line);
      if (g_strcmp0 (ca->uid, cb->uid) != 0 || ca->is_org != cb->is_org)
        g_error ("%s: contact %u's uid or kind changed", how, i);
      if (!g_str_equal (values_a, values_b))
        g_error ("%s: contact %u's values changed", how, i);
    }
  if (shift == 0 && a->notes->warnings->len != b->notes->warnings->len)
    g_error ("%s: %u warnings became %u", how, a->notes->warnings->len, b->notes->warnings->len);
  for (guint i = 0; shift == 0 && i < a->notes->warnings->len; i++)
    if (!g_str_equal (g_ptr_array_index (a->notes->warnings, i),
                      g_ptr_array_index (b->notes->warnings, i)))
      g_error ("%s: warning “%s” became “%s”", how,
               (char *) g_ptr_array_index (a->notes->warnings, i),
               (char *) g_ptr_array_index (b->notes->warnings, i));
}

static GBytes *
to_utf16 (const char *text,
          gsize       length,
          gboolean    big_endian)
{
  g_autofree gunichar2 *units = NULL;
  GByteArray *out = g_byte_array_new ();
  glong n = 0;

  units = g_utf8_to_utf16 (text, length, NULL, &n, NULL);
  g_assert (units != NULL);
  g_byte_array_append (out, (const guint8 *) (big_endian ? "\xfe\xff" : "\xff\xfe"), 2);
  for (glong i = 0; i < n; i++)
    {
      guint8 pair[2] = { units[i] & 0xff, units[i] >> 8 };

      if (big_endian)
        {
          pair[0] = units[i] >> 8;
          pair[1] = units[i] & 0xff;
        }
      g_byte_array_append (out, pair, 2);
    }
  return g_byte_array_free_to_bytes (out);
}

/* The decoder's own promises. */
static void
check_decoded (const guint8        *data,
               size_t               size,
               GBytes              *text,
               RapportTextEncoding  encoding)
{
  gsize length;
  const char *decoded = g_bytes_get_data (text, &length);
  gsize mark = 0;

  if (encoding == RAPPORT_TEXT_UTF8)
    {
      mark = size >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
      if (length != size - mark || (length > 0 && memcmp (decoded, data + mark, length) != 0))
        g_error ("8-bit text changed in decoding");
      return;
    }

  /* NUL characters are decoded, and refused later by the readers. */
  if (memchr (decoded, '\0', length) == NULL)
    {
      g_autoptr(GBytes) again = NULL;
      gsize again_length;
      const guint8 *again_data;

      if (!g_utf8_validate_len (decoded, length, NULL))
        g_error ("UTF-16 decoded to something that is not UTF-8");
      again = to_utf16 (decoded, length, encoding == RAPPORT_TEXT_UTF16BE);
      again_data = g_bytes_get_data (again, &again_length);
      mark = size >= 2 && (memcmp (data, "\xff\xfe", 2) == 0 || memcmp (data, "\xfe\xff", 2) == 0) ? 2 : 0;
      if (again_length - 2 != size - mark || memcmp (again_data + 2, data + mark, size - mark) != 0)
        g_error ("UTF-16 did not decode to the same characters");
    }
}

static void
compare_encodings (ReadFunc    read,
                   const char *text,
                   gsize       length,
                   const char *what)
{
  Result utf8 = { 0 };

  read_into (&utf8, read, text, length);
  for (guint big = 0; big <= 1; big++)
    {
      Result utf16 = { 0 };
      g_autoptr(GBytes) bytes = to_utf16 (text, length, big);
      gsize utf16_length;
      const char *utf16_data = g_bytes_get_data (bytes, &utf16_length);
      g_autofree char *how = g_strdup_printf ("%s read as UTF-16%s", what, big ? "BE" : "LE");

      read_into (&utf16, read, utf16_data, utf16_length);
      assert_same_result (&utf8, &utf16, 0, how);
      result_clear (&utf16);
    }

  /* The delimiter is sniffed past blank lines. */
  if (read == rapport_csv_read)
    {
      Result shifted = { 0 };
      g_autofree char *blank_first = g_strconcat ("\r\n", text, NULL);

      read_into (&shifted, read, blank_first, length + 2);
      assert_same_result (&utf8, &shifted, 1, "a blank line before the header");
      result_clear (&shifted);
    }
  result_clear (&utf8);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) text = NULL;
  RapportTextEncoding encoding = RAPPORT_TEXT_UTF8;
  const char *decoded;
  gsize length;

  text = rapport_text_decode (NAME, (const char *) data, size, &encoding, &error);
  if (text == NULL)
    {
      if (error == NULL || !g_str_has_prefix (error->message, NAME ":") ||
          !g_error_matches (error, RAPPORT_IMPORT_ERROR, RAPPORT_IMPORT_ERROR_ENCODING))
        g_error ("a refusal must name the file: %s", error != NULL ? error->message : "(no error)");
      if (encoding == RAPPORT_TEXT_UTF8)
        g_error ("8-bit text refused: %s", error->message);
      return 0;
    }
  check_decoded (data, size, text, encoding);

  decoded = g_bytes_get_data (text, &length);
  /* A second byte order mark would be text in UTF-16, but go in UTF-8. */
  if (decoded == NULL || memchr (decoded, '\0', length) != NULL ||
      !g_utf8_validate_len (decoded, length, NULL) ||
      (length >= 3 && memcmp (decoded, "\xef\xbb\xbf", 3) == 0))
    return 0;
  /* No NUL: the copy is a string, as the blank-line variant needs. */
  {
    g_autofree char *copy = g_strndup (decoded, length);

    compare_encodings (rapport_csv_read, copy, length, "CSV");
    compare_encodings (rapport_vcard_read, copy, length, "vCard");
  }
  return 0;
}
