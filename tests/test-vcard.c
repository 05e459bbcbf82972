/* test-vcard.c: reading vCard 2.1/3.0/4.0 files and writing vCard 4.0
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "rapport-vcard.h"

#define FILE_NAME "file.vcf"

static GPtrArray *
read_text (const char *text)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *contacts = rapport_vcard_read (FILE_NAME, text, strlen (text), NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (contacts);
  return contacts;
}

static RapportContact *
contact_at (GPtrArray *contacts,
            guint      index)
{
  g_assert_cmpuint (index, <, contacts->len);
  return g_ptr_array_index (contacts, index);
}

/* Reading @length bytes of @data fails with @code, and the message names
 * the file and @line ("file.vcf:LINE: …"). */
static void
assert_refused_len (const char *data,
                    gsize       length,
                    int         code,
                    guint       line)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) contacts = rapport_vcard_read (FILE_NAME, data, length, NULL, &error);
  g_autofree char *where = g_strdup_printf (FILE_NAME ":%u: ", line);

  g_assert_null (contacts);
  g_assert_error (error, RAPPORT_IMPORT_ERROR, code);
  if (!g_str_has_prefix (error->message, where))
    g_error ("expected “%s” at the start of “%s”", where, error->message);
  g_test_message ("%s", error->message);
}

static void
assert_refused (const char *text,
                int         code,
                guint       line)
{
  assert_refused_len (text, strlen (text), code, line);
}

static void
assert_tags (RapportContact *contact,
             const char     *first,
             ...)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) expected = NULL;
  va_list args;

  va_start (args, first);
  for (const char *tag = first; tag != NULL; tag = va_arg (args, const char *))
    g_strv_builder_add (builder, tag);
  va_end (args);
  expected = g_strv_builder_end (builder);
  g_assert_cmpstrv (contact->tags, expected);
}

/* ---- Real-world exports ----------------------------------------------- */

static void
test_read_google (void)
{
  /* As Google Contacts exports: 3.0, CRLF, repeated TYPE, "\:" in URLs. */
  const char *text =
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "FN:Ada Lovelace\r\n"
    "N:Lovelace;Ada;;;\r\n"
    "EMAIL;TYPE=INTERNET;TYPE=HOME:ada@home.example\r\n"
    "EMAIL;TYPE=INTERNET;TYPE=WORK;TYPE=pref:ada@engines.example\r\n"
    "TEL;TYPE=CELL:+44 20 7946 0018\r\n"
    "TEL;TYPE=WORK:+44 20 7946 0000\r\n"
    "ADR;TYPE=HOME:;;12 St James's Square;London;;SW1Y 4JH;GB\r\n"
    "ORG:Analytical Engines Ltd.\r\n"
    "TITLE:Analyst\r\n"
    "item1.URL:http\\://example.com/ada\r\n"
    "item1.X-ABLabel:PROFILE\r\n"
    "NOTE:Met at the Royal Society\\, 1843.\\nPrefers letters.\r\n"
    "CATEGORIES:myContacts,Mathematicians\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "FN:Charles Babbage\r\n"
    "N:Babbage;Charles;;;\r\n"
    "TEL;TYPE=HOME:020 7946 0999\r\n"
    "CATEGORIES:myContacts\r\n"
    "END:VCARD\r\n";
  g_autoptr(GPtrArray) contacts = read_text (text);
  RapportContact *ada, *charles;

  g_assert_cmpuint (contacts->len, ==, 2);
  ada = contact_at (contacts, 0);
  g_assert_cmpuint (ada->line, ==, 1);
  g_assert_cmpstr (ada->name, ==, "Ada Lovelace");
  g_assert_cmpstr (ada->company, ==, "Analytical Engines Ltd.");
  g_assert_cmpstr (ada->email, ==, "ada@engines.example");
  g_assert_cmpstr (ada->phone, ==, "+44 20 7946 0018");
  g_assert_cmpstr (ada->notes, ==, "Met at the Royal Society, 1843.\nPrefers letters.");
  assert_tags (ada, "myContacts", "Mathematicians", NULL);
  g_assert_cmpstr (ada->status, ==, "");
  g_assert_cmpstr (ada->satisfaction, ==, "");
  g_assert_null (ada->next_check_in);

  charles = contact_at (contacts, 1);
  g_assert_cmpuint (charles->line, ==, 17);
  g_assert_cmpstr (charles->name, ==, "Charles Babbage");
  g_assert_cmpstr (charles->company, ==, "");
  g_assert_cmpstr (charles->email, ==, "");
  g_assert_cmpstr (charles->phone, ==, "020 7946 0999");
  g_assert_cmpstr (charles->notes, ==, "");
}

/* Base64 as Apple folds a photo: 75-octet lines, each indented by one space. */
static char *
folded_photo (gsize octets)
{
  GString *photo = g_string_new ("PHOTO;ENCODING=b;TYPE=JPEG:");

  for (gsize i = 0; i < octets; i++)
    {
      if (i % 74 == 48)
        g_string_append (photo, "\n ");
      g_string_append_c (photo, "ABCDEFGHIJKLMNOPQRSTUVWXYZ+/"[i % 28]);
    }
  g_string_append_c (photo, '\n');
  return g_string_free (photo, FALSE);
}

static void
test_read_apple (void)
{
  /* As Apple Contacts exports: item groups, lower-case parameters, a
   * quoted parameter holding ':' and ';', a photo far over the 64 KiB
   * limit (which binds only the properties that are read), LF ends. */
  g_autofree char *photo = folded_photo (200 * 1024);
  g_autofree char *text = g_strconcat (
    "BEGIN:VCARD\n"
    "VERSION:3.0\n"
    "PRODID:-//Apple Inc.//macOS 14.0//EN\n"
    "N:Hopper;Grace;Brewster Murray;Rear Admiral;\n"
    "FN:Grace Hopper\n"
    "ORG:US Navy;Computer Programming\n"
    "item1.EMAIL;type=INTERNET;type=HOME:grace@home.example\n"
    "item2.EMAIL;type=INTERNET;type=WORK;type=pref:grace@navy.example\n"
    "item2.X-ABLabel:_$!<Work>!$_\n"
    "TEL;type=HOME;type=VOICE:(555) 010-0100\n"
    "item3.TEL;type=CELL;type=VOICE;type=pref:(555) 010-0199\n"
    "item4.ADR;type=HOME;type=pref:;;1 Navy Way;Arlington;VA;22201;USA\n"
    "item4.X-ABADR:us\n"
    "X-SOCIALPROFILE;type=linkedin;x-user=\"grace:hopper;1906\":https://example.com/gh\n",
    photo,
    "CATEGORIES:Navy,COBOL\n"
    "END:VCARD\n", NULL);
  g_autoptr(GPtrArray) contacts = read_text (text);
  RapportContact *grace;

  g_assert_cmpuint (contacts->len, ==, 1);
  grace = contact_at (contacts, 0);
  g_assert_cmpstr (grace->name, ==, "Grace Hopper");
  g_assert_cmpstr (grace->company, ==, "US Navy");
  g_assert_cmpstr (grace->email, ==, "grace@navy.example");
  g_assert_cmpstr (grace->phone, ==, "(555) 010-0199");
  assert_tags (grace, "Navy", "COBOL", NULL);
}

static void
test_read_evolution (void)
{
  /* 4.0 as Evolution writes it: PREF=1, a TEL URI, quoted TYPE lists. */
  const char *text =
    "BEGIN:VCARD\r\n"
    "VERSION:4.0\r\n"
    "UID:urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1\r\n"
    "FN:Linus Åkesson\r\n"
    "N:Åkesson;Linus;;;\r\n"
    "X-EVOLUTION-FILE-AS:Åkesson\\, Linus\r\n"
    "EMAIL;TYPE=home;PREF=2:linus@home.example\r\n"
    "EMAIL;TYPE=work;PREF=1:linus@work.example\r\n"
    "EMAIL:linus@other.example\r\n"
    "TEL;VALUE=uri;TYPE=\"voice,cell\":tel:+46-8-555-0100\r\n"
    "ORG:Chipmusic AB;R&D\r\n"
    "NOTE:Prefers\\nemail\r\n"
    "CATEGORIES:Music,Sweden\r\n"
    "REV:20260101T000000Z\r\n"
    "END:VCARD\r\n";
  g_autoptr(GPtrArray) contacts = read_text (text);
  RapportContact *linus = contact_at (contacts, 0);

  g_assert_cmpstr (linus->name, ==, "Linus Åkesson");
  g_assert_cmpstr (linus->company, ==, "Chipmusic AB");
  g_assert_cmpstr (linus->email, ==, "linus@work.example");
  g_assert_cmpstr (linus->phone, ==, "+46-8-555-0100");
  g_assert_cmpstr (linus->notes, ==, "Prefers\nemail");
  assert_tags (linus, "Music", "Sweden", NULL);
}

static void
test_read_android_21 (void)
{
  /* vCard 2.1 as phones export it: bare parameters, quoted-printable with
   * a soft line break, and backslashes that are not escapes. */
  const char *text =
    "BEGIN:VCARD\r\n"
    "VERSION:2.1\r\n"
    "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=85kesson;Linus;;;\r\n"
    "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Linus =C3=85kesson\r\n"
    "TEL;HOME:+46 8 555 0199\r\n"
    "TEL;CELL;PREF:+46 8 555 0100\r\n"
    "EMAIL;HOME:linus@home.example\r\n"
    "ORG:Smith\\; Sons;Sales\r\n"
    "NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:First line=0D=0ASecond =\r\n"
    "line, C:\\new=3D\r\n"
    "END:VCARD\r\n";
  g_autoptr(GPtrArray) contacts = read_text (text);
  RapportContact *linus = contact_at (contacts, 0);

  g_assert_cmpstr (linus->name, ==, "Linus Åkesson");
  g_assert_cmpstr (linus->phone, ==, "+46 8 555 0100");
  g_assert_cmpstr (linus->email, ==, "linus@home.example");
  g_assert_cmpstr (linus->company, ==, "Smith; Sons");
  g_assert_cmpstr (linus->notes, ==, "First line\nSecond line, C:\\new=");
}

static void
test_read_quoted_printable (void)
{
  /* 3.0-era exports: quoted-printable in another charset, bare
   * QUOTED-PRINTABLE, and an N without FN. */
  const char *text =
    "BEGIN:VCARD\n"
    "VERSION:3.0\n"
    "N;ENCODING=QUOTED-PRINTABLE;CHARSET=ISO-8859-1:M=FCller;J=FCrgen;;;\n"
    "NOTE;QUOTED-PRINTABLE;CHARSET=windows-1252:Caf=E9 =80 5\n"
    "ORG;ENCODING=QUOTED-PRINTABLE:Gr=C3=BCn=3B GmbH;IT\n"
    "END:VCARD\n";
  g_autoptr(GPtrArray) contacts = read_text (text);
  RapportContact *juergen = contact_at (contacts, 0);

  g_assert_cmpstr (juergen->name, ==, "Jürgen Müller");
  g_assert_cmpstr (juergen->notes, ==, "Café € 5");
  /* "=3B" is a ';' that separates, as the exporter meant it. */
  g_assert_cmpstr (juergen->company, ==, "Grün");
}

/* ---- Syntax ----------------------------------------------------------- */

static void
test_read_folding (void)
{
  /* Folds with a space or a tab, inside an escape, and even inside a UTF-8
   * character (forbidden, but some exporters do it). */
  const char *text =
    "BEGIN:VCARD\r\n"
    "VERSION:4.0\r\n"
    "FN:Zo\xc3\r\n"
    " \xab Ja\r\n"
    "\tnssen\r\n"
    "EMAIL:zoe@exa\r\n"
    " mple.com\r\n"
    "NOTE:line one\\\r\n"
    " nline two\r\n"
    "CATEGORIES:one,tw\r\n"
    " o\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\n"
    "FN:Next\r\n"
    "END:VCARD\r\n";
  g_autoptr(GPtrArray) contacts = read_text (text);
  RapportContact *zoe = contact_at (contacts, 0);

  g_assert_cmpstr (zoe->name, ==, "Zoë Janssen");
  g_assert_cmpstr (zoe->email, ==, "zoe@example.com");
  g_assert_cmpstr (zoe->notes, ==, "line one\nline two");
  assert_tags (zoe, "one", "two", NULL);
  g_assert_cmpuint (contact_at (contacts, 1)->line, ==, 13);
}

static void
test_read_escapes (void)
{
  const char *text =
    "BEGIN:VCARD\n"
    "VERSION:3.0\n"
    "FN:O'Brien\\, Conan\\; Jr.\n"
    "NOTE:a\\,b\\;c\\nd\\Ne\\\\f\\:g\\\\n end\\\n"
    "ORG:Smith\\; Sons\\, Ltd;Sales\\;Support\n"
    "CATEGORIES:a\\,b,c\\;d,back\\\\slash,,  spaced  \n"
    "CATEGORIES:second line\n"
    "END:VCARD\n";
  g_autoptr(GPtrArray) contacts = read_text (text);
  RapportContact *conan = contact_at (contacts, 0);

  g_assert_cmpstr (conan->name, ==, "O'Brien, Conan; Jr.");
  g_assert_cmpstr (conan->notes, ==, "a,b;c\nd\ne\\f:g\\n end\\");
  g_assert_cmpstr (conan->company, ==, "Smith; Sons, Ltd");
  assert_tags (conan, "a,b", "c;d", "back\\slash", "spaced", "second line", NULL);
}

static void
test_read_names (void)
{
  const char *text =
    "BEGIN:VCARD\n"
    "VERSION:3.0\n"
    "N:Lovelace;Ada;Augusta;Countess;\n"
    "END:VCARD\n"
    "BEGIN:VCARD\n"
    "VERSION:4.0\n"
    "FN:\n"
    "N:Doe;Jane,Mary;;Dr.;\n"
    "END:VCARD\n"
    "BEGIN:VCARD\n"
    "VERSION:4.0\n"
    "N:O\\,Brien\\;;Conan;;;\n"
    "FN: \n"
    "FN:Conan O'Brien\n"
    "END:VCARD\n"
    "BEGIN:VCARD\n"
    "VERSION:4.0\n"
    "N:Cher\n"
    "END:VCARD\n";
  g_autoptr(GPtrArray) contacts = read_text (text);

  g_assert_cmpuint (contacts->len, ==, 4);
  g_assert_cmpstr (contact_at (contacts, 0)->name, ==, "Ada Augusta Lovelace");
  g_assert_cmpstr (contact_at (contacts, 1)->name, ==, "Jane Mary Doe");
  g_assert_cmpstr (contact_at (contacts, 2)->name, ==, "Conan O'Brien");
  g_assert_cmpstr (contact_at (contacts, 3)->name, ==, "Cher");
}

static void
test_read_lenient (void)
{
  /* A BOM, lower case, blank lines between cards, a missing VERSION,
   * lone-CR line ends, trailing spaces after END:VCARD, several NOTEs,
   * and quoted parameter values with ':' ';' ',' and RFC 6868 escapes. */
  const char *text =
    "\xef\xbb\xbf"
    "begin:vcard\r"
    "version:3.0\r"
    "fn:Lower Case\r"
    "email;x-label=\"a:b;c,d\";type=work:lc@example.com\r"
    "x-thing;x-caret=\"^'quoted^' ^^ ^n\":ignored\r"
    "note:one\r"
    "Note:two\r"
    "End:VCard  \r"
    "\r"
    "\r"
    "BEGIN:VCARD\r"
    "FN:No Version\r"
    "END:VCARD\r";
  g_autoptr(GPtrArray) contacts = read_text (text);

  g_assert_cmpuint (contacts->len, ==, 2);
  g_assert_cmpstr (contact_at (contacts, 0)->name, ==, "Lower Case");
  g_assert_cmpstr (contact_at (contacts, 0)->email, ==, "lc@example.com");
  g_assert_cmpstr (contact_at (contacts, 0)->notes, ==, "one\ntwo");
  g_assert_cmpstr (contact_at (contacts, 1)->name, ==, "No Version");
  g_assert_cmpuint (contact_at (contacts, 1)->line, ==, 11);
}

static void
test_read_extensions (void)
{
  const char *text =
    "BEGIN:VCARD\n"
    "VERSION:4.0\n"
    "FN:Rapport Customer\n"
    "X-RAPPORT-STATUS:Customer\n"
    "X-RAPPORT-SATISFACTION:DELIGHTED\n"
    "X-RAPPORT-NEXT-CHECK-IN:2026-12-01T14:30:00\n"
    "END:VCARD\n"
    "BEGIN:VCARD\n"
    "VERSION:4.0\n"
    "FN:Rapport Prospect\n"
    "X-RAPPORT-STATUS:prospect\n"
    "X-RAPPORT-NEXT-CHECK-IN:2026-12-01\n"
    "END:VCARD\n";
  g_autoptr(GPtrArray) contacts = read_text (text);
  RapportContact *customer = contact_at (contacts, 0);
  RapportContact *prospect = contact_at (contacts, 1);

  g_assert_cmpstr (customer->status, ==, "customer");
  g_assert_cmpstr (customer->satisfaction, ==, "delighted");
  g_assert_cmpstr (customer->next_check_in, ==, "2026-12-01T14:30:00");
  g_assert_cmpstr (prospect->status, ==, "prospect");
  g_assert_cmpstr (prospect->satisfaction, ==, "");
  g_assert_cmpstr (prospect->next_check_in, ==, "2026-12-01");
}

/* ---- Bad input -------------------------------------------------------- */

static void
test_refuse_encoding (void)
{
  static const char nul[] = "BEGIN:VCARD\nVERSION:3.0\nFN:A\nNOTE:a\0b\nEND:VCARD\n";
  /* A high surrogate with no low one after it, on the second line. */
  static const char utf16[] = "\xff\xfe" "B\0:\0\n\0" "\x3d\xd8" "E\0";

  /* 0x81 is a byte of neither UTF-8 nor Windows-1252. */
  assert_refused ("BEGIN:VCARD\nVERSION:3.0\nFN:Caf\x81\nEND:VCARD\n",
                  RAPPORT_IMPORT_ERROR_ENCODING, 3);
  assert_refused ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\nNOTE;CHARSET=UTF-8:\xc3\r\n\r\n",
                  RAPPORT_IMPORT_ERROR_ENCODING, 4);
  assert_refused_len (nul, sizeof nul - 1, RAPPORT_IMPORT_ERROR_ENCODING, 4);
  assert_refused_len (utf16, sizeof utf16 - 1, RAPPORT_IMPORT_ERROR_ENCODING, 2);
  /* Quoted-printable that decodes to something that is not text. */
  assert_refused ("BEGIN:VCARD\nFN;ENCODING=QUOTED-PRINTABLE:Caf=81\nEND:VCARD\n",
                  RAPPORT_IMPORT_ERROR_ENCODING, 2);
  assert_refused ("BEGIN:VCARD\nFN;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:Caf=E9\nEND:VCARD\n",
                  RAPPORT_IMPORT_ERROR_ENCODING, 2);
  assert_refused ("BEGIN:VCARD\nFN;ENCODING=QUOTED-PRINTABLE:A=00B\nEND:VCARD\n",
                  RAPPORT_IMPORT_ERROR_ENCODING, 2);
  assert_refused ("BEGIN:VCARD\nFN;ENCODING=QUOTED-PRINTABLE;CHARSET=X-NO-SUCH:A\nEND:VCARD\n",
                  RAPPORT_IMPORT_ERROR_ENCODING, 2);
}

static void
test_refuse_structure (void)
{
  /* Unterminated: the message names the BEGIN line. */
  assert_refused ("BEGIN:VCARD\nFN:A\nEND:VCARD\n\nBEGIN:VCARD\nFN:B\nEMAIL:b@example.com\n",
                  RAPPORT_IMPORT_ERROR_SYNTAX, 5);
  assert_refused ("BEGIN:VCARD\nFN:A\nEND:VCARD\nEND:VCARD\n",
                  RAPPORT_IMPORT_ERROR_SYNTAX, 4);
  assert_refused ("BEGIN:VCARD\nFN:A\nBEGIN:VCARD\nFN:B\nEND:VCARD\nEND:VCARD\n",
                  RAPPORT_IMPORT_ERROR_SYNTAX, 3);
  assert_refused ("BEGIN:VCARD\nFN:A\nthis line has no colon\nEND:VCARD\n",
                  RAPPORT_IMPORT_ERROR_SYNTAX, 3);
  assert_refused ("FN:Outside\nBEGIN:VCARD\nFN:A\nEND:VCARD\n",
                  RAPPORT_IMPORT_ERROR_SYNTAX, 1);
  assert_refused ("BEGIN:VCALENDAR\nEND:VCALENDAR\n",
                  RAPPORT_IMPORT_ERROR_SYNTAX, 1);
  assert_refused ("BEGIN:VCARD\nFN:A\nEND:VEVENT\n",
                  RAPPORT_IMPORT_ERROR_SYNTAX, 3);
  assert_refused ("BEGIN:VCARD\nFULL NAME:A\nEND:VCARD\n",
                  RAPPORT_IMPORT_ERROR_SYNTAX, 2);
  assert_refused ("BEGIN:VCARD\nFN:A\nEMAIL;TYPE=\"work:a@example.com\nEND:VCARD\n",
                  RAPPORT_IMPORT_ERROR_SYNTAX, 3);
  assert_refused ("BEGIN:VCARD\nFN:A\nEMAIL;=work:a@example.com\nEND:VCARD\n",
                  RAPPORT_IMPORT_ERROR_SYNTAX, 3);
  assert_refused ("BEGIN:VCARD\nFN;ENCODING=QUOTED-PRINTABLE:A=\n",
                  RAPPORT_IMPORT_ERROR_SYNTAX, 2);
  /* All or nothing: a good card before a bad one is not returned. */
  assert_refused ("BEGIN:VCARD\nFN:Good\nEND:VCARD\nBEGIN:VCARD\nEMAIL:x@example.com\n",
                  RAPPORT_IMPORT_ERROR_SYNTAX, 4);
}

static void
test_refuse_values (void)
{
  assert_refused ("BEGIN:VCARD\nVERSION:5.0\nFN:A\nEND:VCARD\n",
                  RAPPORT_IMPORT_ERROR_INVALID_VALUE, 2);
  assert_refused ("BEGIN:VCARD\nFN:A\nX-RAPPORT-STATUS:vip\nEND:VCARD\n",
                  RAPPORT_IMPORT_ERROR_INVALID_VALUE, 3);
  assert_refused ("BEGIN:VCARD\nFN:A\nX-RAPPORT-SATISFACTION:meh\nEND:VCARD\n",
                  RAPPORT_IMPORT_ERROR_INVALID_VALUE, 3);
  assert_refused ("BEGIN:VCARD\nFN:A\n\nX-RAPPORT-NEXT-CHECK-IN:2026-02-30\nEND:VCARD\n",
                  RAPPORT_IMPORT_ERROR_INVALID_VALUE, 4);
  assert_refused ("BEGIN:VCARD\nFN:A\nNOTE;ENCODING=QUOTED-PRINTABLE:bad=ZZ\nEND:VCARD\n",
                  RAPPORT_IMPORT_ERROR_INVALID_VALUE, 3);
  assert_refused ("BEGIN:VCARD\nFN:A\nNOTE;ENCODING=b:aGVsbG8=\nEND:VCARD\n",
                  RAPPORT_IMPORT_ERROR_INVALID_VALUE, 3);
}

static void
test_refuse_empty (void)
{
  assert_refused ("", RAPPORT_IMPORT_ERROR_EMPTY, 1);
  assert_refused ("\xef\xbb\xbf", RAPPORT_IMPORT_ERROR_EMPTY, 1);
  assert_refused ("\r\n\r\n   \r\n", RAPPORT_IMPORT_ERROR_EMPTY, 1);
}

/* A card whose NOTE is @octets long, folded, starting on line 3. */
static char *
card_with_note (gsize octets)
{
  GString *text = g_string_new ("BEGIN:VCARD\r\nFN:Long\r\nNOTE:");

  for (gsize i = 0; i < octets; i++)
    {
      if (i > 0 && i % 70 == 0)
        g_string_append (text, "\r\n ");
      g_string_append_c (text, 'a' + i % 26);
    }
  g_string_append (text, "\r\nEND:VCARD\r\n");
  return g_string_free (text, FALSE);
}

static void
test_refuse_too_long (void)
{
  g_autofree char *limit = card_with_note (RAPPORT_VCARD_MAX_VALUE);
  g_autofree char *over = card_with_note (RAPPORT_VCARD_MAX_VALUE + 1);
  g_autoptr(GPtrArray) contacts = read_text (limit);
  g_autoptr(GString) escaped = g_string_new ("BEGIN:VCARD\nFN:A\nCATEGORIES:");

  g_assert_cmpuint (strlen (contact_at (contacts, 0)->notes), ==, RAPPORT_VCARD_MAX_VALUE);
  assert_refused (over, RAPPORT_IMPORT_ERROR_INVALID_VALUE, 3);

  /* The limit is on the value read, not its escaped form… */
  for (guint i = 0; i < RAPPORT_VCARD_MAX_VALUE; i++)
    g_string_append (escaped, "\\;");
  g_string_append (escaped, "\nEND:VCARD\n");
  g_clear_pointer (&contacts, g_ptr_array_unref);
  contacts = read_text (escaped->str);
  g_assert_cmpuint (strlen (contact_at (contacts, 0)->tags[0]), ==, RAPPORT_VCARD_MAX_VALUE);

  /* …and on several NOTEs together. */
  g_string_assign (escaped, "BEGIN:VCARD\nFN:A\n");
  for (guint i = 0; i < 2; i++)
    {
      g_string_append (escaped, "NOTE:");
      for (guint j = 0; j < RAPPORT_VCARD_MAX_VALUE / 2; j++)
        g_string_append_c (escaped, 'n');
      g_string_append_c (escaped, '\n');
    }
  g_string_append (escaped, "END:VCARD\n");
  assert_refused (escaped->str, RAPPORT_IMPORT_ERROR_INVALID_VALUE, 4);
}

/* ---- Writing ---------------------------------------------------------- */

static RapportContact *
contact_new (const char *name)
{
  RapportContact *contact = rapport_contact_new ();

  g_free (contact->name);
  contact->name = g_strdup (name);
  return contact;
}

static void
set_field (char       **field,
           const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

/* ---- Files in other encodings ------------------------------------------ */

static GPtrArray *
read_with_notes (const char          *data,
                 gsize                length,
                 RapportImportNotes  *notes)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *contacts = rapport_vcard_read (FILE_NAME, data, length, notes, &error);

  g_assert_no_error (error);
  g_assert_nonnull (contacts);
  return contacts;
}

static void
assert_refused_message (const char *text,
                        const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) contacts = rapport_vcard_read (FILE_NAME, text, strlen (text), NULL, &error);

  g_assert_null (contacts);
  g_assert_error (error, RAPPORT_IMPORT_ERROR, RAPPORT_IMPORT_ERROR_ENCODING);
  g_assert_cmpstr (error->message, ==, expected);
}

/* A Windows-era phone's vCard 2.1: 8-bit text in the CHARSET each
 * property names, raw and in quoted-printable, nothing to note. */
static void
test_decode_named_charsets (void)
{
  const char *text =
    "BEGIN:VCARD\r\n"
    "VERSION:2.1\r\n"
    "N;CHARSET=windows-1252:M\xfcller;J\xfcrgen\r\n"
    "FN;CHARSET=ISO-8859-2:J\xfcrgen M\xfcller \xa3\xf3\xbf\r\n"
    "ORG;CHARSET=ISO-8859-15:Caf\xe9 \xa4\r\n"
    "X-ASSISTANT;CHARSET=windows-1252;X-A=b:J\xfcrgen\r\n"
    "NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=windows-1252:\x93quoted\x94 =80 5 =\r\n"
    "et caf\xe9\r\n"
    "END:VCARD\r\n";
  g_autoptr(RapportImportNotes) notes = rapport_import_notes_new ();
  g_autoptr(GPtrArray) contacts = read_with_notes (text, strlen (text), notes);
  RapportContact *juergen = contact_at (contacts, 0);

  g_assert_cmpstr (juergen->name, ==, "Jürgen Müller Łóż");
  g_assert_cmpstr (juergen->company, ==, "Café €");
  g_assert_cmpstr (juergen->notes, ==, "“quoted” € 5 et café");
  /* Kept as written, but in UTF-8: its CHARSET is no longer true. */
  g_assert_true (g_ptr_array_find_with_equal_func (juergen->extra, "X-ASSISTANT;X-A=b:Jürgen",
                                                   g_str_equal, NULL));
  g_assert_cmpuint (notes->warnings->len, ==, 0);
}

/* Without a CHARSET, text that is not UTF-8 is read as Windows-1252, and
 * the user is told where, once for the file. */
static void
test_decode_unnamed_charset (void)
{
  const char *text =
    "BEGIN:VCARD\r\n"
    "VERSION:2.1\r\n"
    "FN:Fran\xe7ois Caf\xe9\r\n"
    "NOTE;ENCODING=QUOTED-PRINTABLE:=93Tr=E8s bien=94 =E2=82=AC\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\n"
    "VERSION:2.1\r\n"
    "FN;ENCODING=QUOTED-PRINTABLE:Ren=E9e\r\n"
    "ORG:S\xf8rensen A/S\r\n"
    "END:VCARD\r\n";
  g_autoptr(RapportImportNotes) notes = rapport_import_notes_new ();
  g_autoptr(GPtrArray) contacts = read_with_notes (text, strlen (text), notes);

  g_assert_cmpstr (contact_at (contacts, 0)->name, ==, "François Café");
  /* Windows-1252 throughout: the UTF-8 bytes of € are read as three
   * characters, as they are in the exporter's charset. */
  g_assert_cmpstr (contact_at (contacts, 0)->notes, ==, "“Très bien” â‚¬");
  g_assert_cmpstr (contact_at (contacts, 1)->name, ==, "Renée");
  g_assert_cmpstr (contact_at (contacts, 1)->company, ==, "Sørensen A/S");
  g_assert_cmpuint (notes->warnings->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (notes->warnings, 0), ==,
                   FILE_NAME ":3: 4 properties in no named character set were read as Windows-1252");
}

/* UTF-8 quoted-printable without a CHARSET stays UTF-8, unnoted. */
static void
test_decode_qp_utf8_unnamed (void)
{
  const char *text =
    "BEGIN:VCARD\r\nVERSION:2.1\r\nFN;ENCODING=QUOTED-PRINTABLE:Ren=C3=A9e\r\nEND:VCARD\r\n";
  g_autoptr(RapportImportNotes) notes = rapport_import_notes_new ();
  g_autoptr(GPtrArray) contacts = read_with_notes (text, strlen (text), notes);

  g_assert_cmpstr (contact_at (contacts, 0)->name, ==, "Renée");
  g_assert_cmpuint (notes->warnings->len, ==, 0);
}

/* What Windows' Contacts folder exports: UTF-16 little endian without a
 * byte order mark; and big endian with one. */
static void
test_decode_utf16 (void)
{
  const char *text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zo\xc3\xab \xf0\x9f\x8c\xbb\r\n"
                     "EMAIL:zoe@example.org\r\nEND:VCARD\r\n";
  glong n = 0;
  g_autofree gunichar2 *units = g_utf8_to_utf16 (text, -1, NULL, &n, NULL);
  g_autofree guint8 *le = g_new (guint8, n * 2);
  g_autofree guint8 *be = g_new (guint8, n * 2 + 2);

  be[0] = 0xfe;
  be[1] = 0xff;
  for (glong i = 0; i < n; i++)
    {
      le[2 * i] = units[i] & 0xff;
      le[2 * i + 1] = units[i] >> 8;
      be[2 * i + 2] = units[i] >> 8;
      be[2 * i + 3] = units[i] & 0xff;
    }

  for (guint big = 0; big <= 1; big++)
    {
      g_autoptr(GPtrArray) contacts = read_with_notes ((const char *) (big ? be : le),
                                                       big ? n * 2 + 2 : n * 2, NULL);

      g_assert_cmpstr (contact_at (contacts, 0)->name, ==, "Zoë 🌻");
      g_assert_cmpstr (contact_at (contacts, 0)->email, ==, "zoe@example.org");
    }
}

/* CR CR LF is one line end: the error on the fifth line says line 5, and
 * the cards' lines are where an editor shows them. */
static void
test_decode_cr_cr_lf (void)
{
  const char *good = "BEGIN:VCARD\r\r\nFN:A\r\r\nEND:VCARD\r\r\nBEGIN:VCARD\r\r\nFN:B\r\r\nEND:VCARD\r\r\n";
  g_autoptr(GPtrArray) contacts = read_text (good);

  g_assert_cmpuint (contacts->len, ==, 2);
  g_assert_cmpuint (contact_at (contacts, 1)->line, ==, 4);
  assert_refused ("BEGIN:VCARD\r\r\nVERSION:3.0\r\r\nFN:A\r\r\nEMAIL:a@example.org\r\r\n"
                  "this line has no colon\r\r\nEND:VCARD\r\r\n",
                  RAPPORT_IMPORT_ERROR_SYNTAX, 5);
  /* Folded lines too. */
  assert_refused ("BEGIN:VCARD\r\r\nFN:A\r\r\n long\r\r\nNOTE:x\r\r\nno colon\r\r\nEND:VCARD\r\r\n",
                  RAPPORT_IMPORT_ERROR_SYNTAX, 5);
}

/* Legacy property names and BEGIN/END in any case are read. */
static void
test_decode_legacy_names (void)
{
  const char *text =
    "begin:vCard\r\n"
    "VERSION:2.1\r\n"
    "FN:Ada\r\n"
    "X-messaging/aim-All:ada42\r\n"
    "item1.X-messaging/xmpp-All:ada@jabber.example\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\n"
    "FN:Grace\r\n"
    "end:vcard\r\n";
  g_autoptr(GPtrArray) contacts = read_text (text);

  g_assert_cmpuint (contacts->len, ==, 2);
  g_assert_cmpstr (contact_at (contacts, 0)->name, ==, "Ada");
  g_assert_cmpstr (contact_at (contacts, 1)->name, ==, "Grace");
}

/* What still cannot be read names file, line and property. */
static void
test_decode_refused (void)
{
  assert_refused_message ("BEGIN:VCARD\r\nFN:A\r\nitem2.NOTE:caf\x81\r\nEND:VCARD\r\n",
                          FILE_NAME ":3: NOTE is neither UTF-8 nor Windows-1252 text; "
                          "save the file as UTF-8 and try again");
  assert_refused_message ("BEGIN:VCARD\r\nFN;CHARSET=X-NO-SUCH:Caf\xe9\r\nEND:VCARD\r\n",
                          FILE_NAME ":2: FN is in the character set “X-NO-SUCH”, which is not known");
  assert_refused_message ("BEGIN:VCARD\r\nFN;CHARSET=\"../../x\":Caf\xe9\r\nEND:VCARD\r\n",
                          FILE_NAME ":2: FN is in the character set “../../x”, which is not known");
  assert_refused_message ("BEGIN:VCARD\r\nFN;CHARSET=utf-8:Caf\xe9\r\nEND:VCARD\r\n",
                          FILE_NAME ":2: FN is not valid UTF-8 text");
  /* Shift JIS has no 0x80: the byte is not in the charset named. */
  assert_refused_message ("BEGIN:VCARD\r\nFN;CHARSET=SHIFT_JIS:\x80\r\nEND:VCARD\r\n",
                          FILE_NAME ":2: FN is not valid text in the character set SHIFT_JIS");
  /* UTF-7 can spell a NUL without one in the file. */
  assert_refused_message ("BEGIN:VCARD\r\nFN;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-7:+AAA-\r\nEND:VCARD\r\n",
                          FILE_NAME ":2: FN is not valid text in the character set UTF-7");
}

/* Found by fuzz-vcard-read: a line that is not UTF-8 with nothing before
 * its ':' had its parameters looked for past their end. */
static void
test_fuzz_empty_head (void)
{
  assert_refused ("BEGIN:VCARD\r\nFN:A\r\n:Caf\xe9\r\nEND:VCARD\r\n", RAPPORT_IMPORT_ERROR_SYNTAX, 3);
  assert_refused ("BEGIN:VCARD\r\nFN:A\r\n\xe9\r\nEND:VCARD\r\n", RAPPORT_IMPORT_ERROR_SYNTAX, 3);
}

static void
test_write_card (void)
{
  g_autoptr(GPtrArray) contacts = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_contact_free);
  RapportContact *ada = contact_new ("Ada King Lovelace");
  const char *tags[] = { "vip", "a,b", NULL };
  g_autofree char *text = NULL;

  set_field (&ada->company, "Engines; Ltd");
  set_field (&ada->email, "ada@example.com");
  set_field (&ada->phone, "+44 20 7946 0018");
  set_field (&ada->notes, "Line one\nLine two, with \\ and ;");
  set_field (&ada->status, "customer");
  set_field (&ada->satisfaction, "delighted");
  set_field (&ada->next_check_in, "2026-12-01");
  g_strfreev (ada->tags);
  ada->tags = g_strdupv ((GStrv) tags);
  g_ptr_array_add (contacts, ada);
  g_ptr_array_add (contacts, contact_new ("Cher"));

  text = rapport_vcard_write (contacts);
  g_assert_cmpstr (text, ==,
                   "BEGIN:VCARD\r\n"
                   "VERSION:4.0\r\n"
                   "FN:Ada King Lovelace\r\n"
                   "N;X-RAPPORT-DERIVED=1:Lovelace;Ada King;;;\r\n"
                   "ORG:Engines\\; Ltd\r\n"
                   "EMAIL:ada@example.com\r\n"
                   "TEL;VALUE=text:+44 20 7946 0018\r\n"
                   "NOTE:Line one\\nLine two\\, with \\\\ and \\;\r\n"
                   "CATEGORIES:vip,a\\,b\r\n"
                   "X-RAPPORT-STATUS:customer\r\n"
                   "X-RAPPORT-SATISFACTION:delighted\r\n"
                   "X-RAPPORT-NEXT-CHECK-IN:2026-12-01\r\n"
                   "END:VCARD\r\n"
                   "BEGIN:VCARD\r\n"
                   "VERSION:4.0\r\n"
                   "FN:Cher\r\n"
                   "N;X-RAPPORT-DERIVED=1:Cher;;;;\r\n"
                   "END:VCARD\r\n");
}

/* Every line ends in CRLF, is at most 75 octets and valid UTF-8 on its
 * own (no character split), and no escape is split from its backslash. */
static void
assert_well_folded (const char *text)
{
  const char *line = text;
  const char *end;

  g_assert_true (g_str_has_suffix (text, "\r\n"));
  for (; *line != '\0'; line = end + 2)
    {
      end = strstr (line, "\r\n");
      g_assert_nonnull (end);
      g_assert_cmpint (end - line, <=, 75);
      g_assert_null (memchr (line, '\n', end - line));
      g_assert_null (memchr (line, '\r', end - line));
      g_assert_true (g_utf8_validate (line, end - line, NULL));
      if (end > line && end[-1] == '\\')
        {
          gsize run = 0;

          for (const char *p = end - 1; p >= line && *p == '\\'; p--)
            run++;
          g_assert_cmpuint (run % 2, ==, 0);
        }
    }
}

static void
test_write_folding (void)
{
  g_autoptr(GPtrArray) contacts = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_contact_free);
  /* "FN:" and 72 octets make 75: not folded; one more octet is. */
  g_autofree char *exact = g_strnfill (72, 'x');
  g_autofree char *over = g_strnfill (73, 'y');
  g_autofree char *unfolded = g_strdup_printf ("\r\nFN:%s\r\nN;", exact);
  g_autofree char *text = NULL;

  g_ptr_array_add (contacts, contact_new (exact));
  g_ptr_array_add (contacts, contact_new (over));
  text = rapport_vcard_write (contacts);
  assert_well_folded (text);
  g_assert_nonnull (strstr (text, unfolded));
  g_assert_nonnull (strstr (text, "yyyyyyyyyy\r\n y\r\nN;"));
}

/* ---- Round trips ------------------------------------------------------ */

static void
assert_same_contact (RapportContact *a,
                     RapportContact *b)
{
  g_assert_cmpstr (a->name, ==, b->name);
  g_assert_cmpstr (a->company, ==, b->company);
  g_assert_cmpstr (a->email, ==, b->email);
  g_assert_cmpstr (a->phone, ==, b->phone);
  g_assert_cmpstr (a->status, ==, b->status);
  g_assert_cmpstr (a->satisfaction, ==, b->satisfaction);
  g_assert_cmpstr (a->notes, ==, b->notes);
  g_assert_cmpstrv (a->tags, b->tags);
  g_assert_cmpstr (a->next_check_in, ==, b->next_check_in);
}

static char *
long_name (const char *piece,
           guint       characters)
{
  g_autoptr(GString) name = g_string_new (NULL);

  while (g_utf8_strlen (name->str, -1) < characters)
    g_string_append (name, piece);
  return g_utf8_substring (name->str, 0, characters);
}

static GPtrArray *
hostile_contacts (void)
{
  GPtrArray *contacts = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_contact_free);
  const char *tags[] = { "a,b", "c;d", "back\\slash", "new\nline", "🎉 party", "עברית", NULL };
  RapportContact *contact;
  char *name;

  contact = contact_new ("O'Brien, Conan; \"Coco\" \\ Jr.");
  set_field (&contact->company, "Smith; Sons, Ltd \\ Co");
  set_field (&contact->email, "conan+tag;x,y@example.com");
  set_field (&contact->phone, "tel:+1 (555) 010-0100, ext. 7");
  set_field (&contact->notes, "Line one\nLine two;\n\\n is not a newline\\\n,;:\\\\\n\nend\\");
  set_field (&contact->status, "former");
  set_field (&contact->satisfaction, "unhappy");
  set_field (&contact->next_check_in, "2026-12-01T14:30:00");
  g_strfreev (contact->tags);
  contact->tags = g_strdupv ((GStrv) tags);
  g_ptr_array_add (contacts, contact);

  /* Right-to-left and emoji, with spaces around the name kept as they are. */
  contact = contact_new ("  שלום עולם 🎉👩‍👩‍👧‍👦 مرحبا  ");
  set_field (&contact->company, "🏢 شركة");
  set_field (&contact->notes, "🎉🎉🎉 עברית, العربية; ok");
  g_ptr_array_add (contacts, contact);

  /* 200 characters: ASCII, 2-, 3- and 4-octet ones, so folds fall at every
   * offset inside a character and next to escapes. */
  name = long_name ("Zoë \\,; 日本 🎉 ", 200);
  contact = contact_new (name);
  g_free (name);
  set_field (&contact->notes, contact->name);
  set_field (&contact->company, contact->name);
  g_strfreev (contact->tags);
  contact->tags = g_new0 (char *, 2);
  contact->tags[0] = g_strdup ("Zoë\\,;日本🎉Zoë\\,;日本🎉Zoë\\,;日本🎉Zoë\\,;日本🎉Zoë\\,;日本🎉Zoë\\,;日本🎉Zoë");
  g_ptr_array_add (contacts, contact);

  for (guint width = 60; width < 80; width++)
    {
      name = g_strnfill (width, 'w');
      contact = contact_new (name);
      g_free (name);
      name = g_strdup_printf ("%s\\,\\", contact->name);
      set_field (&contact->notes, name);
      g_free (name);
      g_ptr_array_add (contacts, contact);
    }

  /* A contact with nothing but a name. */
  g_ptr_array_add (contacts, contact_new ("Cher"));
  return contacts;
}

static void
test_round_trip (void)
{
  g_autoptr(GPtrArray) contacts = hostile_contacts ();
  g_autofree char *text = rapport_vcard_write (contacts);
  g_autoptr(GPtrArray) back = NULL;

  assert_well_folded (text);
  back = read_text (text);
  g_assert_cmpuint (back->len, ==, contacts->len);
  for (guint i = 0; i < contacts->len; i++)
    assert_same_contact (contact_at (contacts, i), contact_at (back, i));
}

static void
test_round_trip_twice (void)
{
  /* Writing what was read gives the same file again. */
  g_autoptr(GPtrArray) contacts = hostile_contacts ();
  g_autofree char *first = rapport_vcard_write (contacts);
  g_autoptr(GPtrArray) back = read_text (first);
  g_autofree char *second = rapport_vcard_write (back);

  g_assert_cmpstr (first, ==, second);
}

/* ---- Found by fuzzing (tests/fuzz) ------------------------------------ */

static void
test_fuzz_backslash_cr (void)
{
  /* Quoted-printable can put a CR after a backslash; "\\" + CR was read
   * as a CR, written as "\n" and read back as a LF. */
  g_autoptr(GPtrArray) contacts = read_text ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\n"
                                             "NOTE;ENCODING=QUOTED-PRINTABLE:Berlin\\=0D=0Aund\r\n"
                                             "END:VCARD\r\n");
  g_autofree char *written = rapport_vcard_write (contacts);
  g_autoptr(GPtrArray) again = read_text (written);

  g_assert_cmpstr (contact_at (contacts, 0)->notes, ==, "Berlin\\\nund");
  g_assert_cmpstr (contact_at (again, 0)->notes, ==, "Berlin\\\nund");
}

static void
test_fuzz_long_n (void)
{
  /* N's parts within the limit made a name over it, which exported fine
   * and then refused to import. */
  g_autofree char *half = g_strnfill (RAPPORT_VCARD_MAX_VALUE / 2 + 1, 'x');
  g_autofree char *card = g_strconcat ("BEGIN:VCARD\nVERSION:4.0\nN:", half, ";", half, ";;;\n"
                                       "END:VCARD\n", NULL);

  assert_refused (card, RAPPORT_IMPORT_ERROR_INVALID_VALUE, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/vcard/read/google", test_read_google);
  g_test_add_func ("/vcard/read/apple", test_read_apple);
  g_test_add_func ("/vcard/read/evolution", test_read_evolution);
  g_test_add_func ("/vcard/read/android-2.1", test_read_android_21);
  g_test_add_func ("/vcard/read/quoted-printable", test_read_quoted_printable);
  g_test_add_func ("/vcard/read/folding", test_read_folding);
  g_test_add_func ("/vcard/read/escapes", test_read_escapes);
  g_test_add_func ("/vcard/read/names", test_read_names);
  g_test_add_func ("/vcard/read/lenient", test_read_lenient);
  g_test_add_func ("/vcard/read/extensions", test_read_extensions);
  g_test_add_func ("/vcard/refuse/encoding", test_refuse_encoding);
  g_test_add_func ("/vcard/refuse/structure", test_refuse_structure);
  g_test_add_func ("/vcard/refuse/values", test_refuse_values);
  g_test_add_func ("/vcard/refuse/empty", test_refuse_empty);
  g_test_add_func ("/vcard/refuse/too-long", test_refuse_too_long);
  g_test_add_func ("/vcard/decode/named-charsets", test_decode_named_charsets);
  g_test_add_func ("/vcard/decode/unnamed-charset", test_decode_unnamed_charset);
  g_test_add_func ("/vcard/decode/qp-utf8-unnamed", test_decode_qp_utf8_unnamed);
  g_test_add_func ("/vcard/decode/utf16", test_decode_utf16);
  g_test_add_func ("/vcard/decode/cr-cr-lf", test_decode_cr_cr_lf);
  g_test_add_func ("/vcard/decode/legacy-names", test_decode_legacy_names);
  g_test_add_func ("/vcard/decode/refused", test_decode_refused);
  g_test_add_func ("/vcard/fuzz/empty-head", test_fuzz_empty_head);
  g_test_add_func ("/vcard/write/card", test_write_card);
  g_test_add_func ("/vcard/write/folding", test_write_folding);
  g_test_add_func ("/vcard/round-trip", test_round_trip);
  g_test_add_func ("/vcard/round-trip/twice", test_round_trip_twice);
  g_test_add_func ("/vcard/fuzz/backslash-cr", test_fuzz_backslash_cr);
  g_test_add_func ("/vcard/fuzz/long-n", test_fuzz_long_n);

  return g_test_run ();
}
