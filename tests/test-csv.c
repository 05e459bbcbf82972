/* test-csv.c: reading and writing customers as CSV
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "rapport-csv.h"

#define HEADER "name,company,email,phone,status,satisfaction,tags,notes,next_check_in\r\n"
#define EXPORT_HEADER "name,company,email,phone,status,satisfaction,tags,notes,next_check_in,emails,phones,uid\r\n"

static GPtrArray *
read_text (const char *text)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *contacts = rapport_csv_read ("customers.csv", text, strlen (text), NULL, &error);

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

/* Every refusal names the file and the line, and says what is wrong. */
static void
assert_refused (const char *data,
                gsize       length,
                int         code,
                guint       line,
                const char *message_part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autofree char *prefix = g_strdup_printf ("customers.csv:%u: ", line);

  contacts = rapport_csv_read ("customers.csv", data, length, NULL, &error);
  g_assert_null (contacts);
  g_assert_error (error, RAPPORT_IMPORT_ERROR, code);
  if (!g_str_has_prefix (error->message, prefix) || strstr (error->message, message_part) == NULL)
    g_error ("expected “%s…%s”, got “%s”", prefix, message_part, error->message);
  g_assert_null (strchr (error->message, '\n'));
}

static void
assert_text_refused (const char *text,
                     int         code,
                     guint       line,
                     const char *message_part)
{
  assert_refused (text, strlen (text), code, line, message_part);
}

static void
test_csv_all_columns (void)
{
  g_autoptr(GPtrArray) contacts = read_text (HEADER
    "Ada Lovelace,Analytical Engines Ltd,ada@example.org,+44 20 7946 0000,customer,delighted,"
    "vip;golf,Met at the fair,2026-12-01\r\n"
    "Grace Hopper,,grace@example.org,,prospect,,,,2026-12-02 14:30\r\n");
  RapportContact *ada = contact_at (contacts, 0);
  RapportContact *grace = contact_at (contacts, 1);

  g_assert_cmpuint (contacts->len, ==, 2);
  g_assert_cmpuint (ada->line, ==, 2);
  g_assert_cmpstr (ada->name, ==, "Ada Lovelace");
  g_assert_cmpstr (ada->company, ==, "Analytical Engines Ltd");
  g_assert_cmpstr (ada->email, ==, "ada@example.org");
  g_assert_cmpstr (ada->phone, ==, "+44 20 7946 0000");
  g_assert_cmpstr (ada->status, ==, "customer");
  g_assert_cmpstr (ada->satisfaction, ==, "delighted");
  g_assert_cmpuint (g_strv_length (ada->tags), ==, 2);
  g_assert_cmpstr (ada->tags[0], ==, "vip");
  g_assert_cmpstr (ada->tags[1], ==, "golf");
  g_assert_cmpstr (ada->notes, ==, "Met at the fair");
  g_assert_cmpstr (ada->next_check_in, ==, "2026-12-01");

  g_assert_cmpuint (grace->line, ==, 3);
  g_assert_cmpstr (grace->company, ==, "");
  g_assert_cmpstr (grace->satisfaction, ==, "");
  g_assert_cmpuint (g_strv_length (grace->tags), ==, 0);
  g_assert_cmpstr (grace->next_check_in, ==, "2026-12-02 14:30");
}

static void
test_csv_header_any_case_and_order (void)
{
  g_autoptr(GPtrArray) contacts = read_text ("EMAIL, Favourite Colour ,Name,STATUS,Satisfaction\n"
                                             "ada@example.org,blue,Ada,Customer,DELIGHTED\n");
  RapportContact *ada = contact_at (contacts, 0);

  g_assert_cmpstr (ada->name, ==, "Ada");
  g_assert_cmpstr (ada->email, ==, "ada@example.org");
  /* Words are read in any case and stored in the book's spelling. */
  g_assert_cmpstr (ada->status, ==, "customer");
  g_assert_cmpstr (ada->satisfaction, ==, "delighted");
  g_assert_cmpstr (ada->company, ==, "");
  g_assert_null (ada->next_check_in);
}

static void
test_csv_quoted_fields (void)
{
  g_autoptr(GPtrArray) contacts = read_text ("name,notes,company\r\n"
                                             "\"Lovelace, Ada\",\"She said \"\"call me\"\"\r\n"
                                             "on Mondays\nonly\",\"\"\r\n"
                                             "Grace,,Navy\r\n");
  RapportContact *ada = contact_at (contacts, 0);
  RapportContact *grace = contact_at (contacts, 1);

  g_assert_cmpstr (ada->name, ==, "Lovelace, Ada");
  g_assert_cmpstr (ada->notes, ==, "She said \"call me\"\r\non Mondays\nonly");
  g_assert_cmpstr (ada->company, ==, "");
  /* Lines inside quotes still count: Grace's record starts on line 5. */
  g_assert_cmpuint (grace->line, ==, 5);
  g_assert_cmpstr (grace->company, ==, "Navy");
}

static void
test_csv_line_ends (void)
{
  const char *files[] = {
    "name,email\r\nAda,ada@example.org\r\nGrace,grace@example.org\r\n",
    "name,email\nAda,ada@example.org\nGrace,grace@example.org\n",
    "name,email\rAda,ada@example.org\rGrace,grace@example.org\r",
    "name,email\nAda,ada@example.org\r\nGrace,grace@example.org",
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(GPtrArray) contacts = read_text (files[i]);

      g_assert_cmpuint (contacts->len, ==, 2);
      g_assert_cmpstr (contact_at (contacts, 1)->name, ==, "Grace");
      g_assert_cmpstr (contact_at (contacts, 1)->email, ==, "grace@example.org");
      g_assert_cmpuint (contact_at (contacts, 1)->line, ==, 3);
    }
}

static void
test_csv_bom (void)
{
  g_autoptr(GPtrArray) contacts = read_text ("\xef\xbb\xbfname,email\r\nZoë,zoe@example.org\r\n");

  g_assert_cmpuint (contacts->len, ==, 1);
  g_assert_cmpstr (contact_at (contacts, 0)->name, ==, "Zoë");
}

static void
test_csv_empty_rows (void)
{
  g_autoptr(GPtrArray) contacts = read_text ("name,email\r\n"
                                             "Ada,ada@example.org\r\n"
                                             "\r\n"
                                             ",\r\n"
                                             "Grace,\r\n");

  /* Empty rows come back as empty contacts so the importer can count them. */
  g_assert_cmpuint (contacts->len, ==, 4);
  g_assert_cmpstr (contact_at (contacts, 1)->name, ==, "");
  g_assert_cmpuint (contact_at (contacts, 1)->line, ==, 3);
  g_assert_cmpstr (contact_at (contacts, 2)->name, ==, "");
  g_assert_cmpuint (contact_at (contacts, 2)->line, ==, 4);
  g_assert_cmpstr (contact_at (contacts, 3)->name, ==, "Grace");
}

static void
test_csv_header_only (void)
{
  g_autoptr(GPtrArray) contacts = read_text (HEADER);

  g_assert_cmpuint (contacts->len, ==, 0);
}

static void
test_csv_values_trimmed_tags_split (void)
{
  g_autoptr(GPtrArray) contacts = read_text ("name,tags,notes\n"
                                             "  Ada  , VIP ;; golf ;,  indented note\n");
  RapportContact *ada = contact_at (contacts, 0);

  g_assert_cmpstr (ada->name, ==, "Ada");
  g_assert_cmpuint (g_strv_length (ada->tags), ==, 2);
  g_assert_cmpstr (ada->tags[0], ==, "VIP");
  g_assert_cmpstr (ada->tags[1], ==, "golf");
  /* Notes are kept exactly as written. */
  g_assert_cmpstr (ada->notes, ==, "  indented note");
}

static void
test_csv_google_contacts (void)
{
  g_autoptr(GPtrArray) contacts = read_text (
    "Name,Given Name,Additional Name,Family Name,Notes,Group Membership,"
    "E-mail 1 - Type,E-mail 1 - Value,Phone 1 - Type,Phone 1 - Value,Organization 1 - Name\r\n"
    ",Ada,King,Lovelace,Poet of science,* myContacts ::: Engines ::: VIP,"
    "* Work,ada@example.org ::: ada@home.example,Mobile,+44 7700 900000,Analytical Engines\r\n"
    "Grace Hopper,Grace,,Hopper,,,,,,,\r\n");
  RapportContact *ada = contact_at (contacts, 0);

  g_assert_cmpstr (ada->name, ==, "Ada King Lovelace");
  g_assert_cmpstr (ada->email, ==, "ada@example.org");
  g_assert_cmpstr (ada->phone, ==, "+44 7700 900000");
  g_assert_cmpstr (ada->company, ==, "Analytical Engines");
  g_assert_cmpstr (ada->notes, ==, "Poet of science");
  g_assert_cmpuint (g_strv_length (ada->tags), ==, 2);
  g_assert_cmpstr (ada->tags[0], ==, "Engines");
  g_assert_cmpstr (ada->tags[1], ==, "VIP");
  /* A full name beats its parts. */
  g_assert_cmpstr (contact_at (contacts, 1)->name, ==, "Grace Hopper");
}

static void
test_csv_outlook (void)
{
  g_autoptr(GPtrArray) contacts = read_text (
    "Title,First Name,Middle Name,Last Name,Company,Business Phone,Mobile Phone,"
    "Categories,E-mail Address,Notes\r\n"
    ",Grace,,Hopper,US Navy,,+1 555 0100,Navy;Compilers,grace@example.org,COBOL\r\n");
  RapportContact *grace = contact_at (contacts, 0);

  g_assert_cmpstr (grace->name, ==, "Grace Hopper");
  g_assert_cmpstr (grace->company, ==, "US Navy");
  /* No business phone: the mobile one is used. */
  g_assert_cmpstr (grace->phone, ==, "+1 555 0100");
  g_assert_cmpstr (grace->email, ==, "grace@example.org");
  g_assert_cmpuint (g_strv_length (grace->tags), ==, 2);
  g_assert_cmpstr (grace->notes, ==, "COBOL");
}

static void
test_csv_crm (void)
{
  g_autoptr(GPtrArray) hubspot = read_text ("Full Name,Company Name,Email,Phone,Tags\n"
                                            "Ada Lovelace,Engines,ada@example.org,123,vip\n");
  g_autoptr(GPtrArray) salesforce = read_text ("Full Name,Account Name,E-mail,Phone\n"
                                               "Grace Hopper,Navy,grace@example.org,456\n");

  g_assert_cmpstr (contact_at (hubspot, 0)->name, ==, "Ada Lovelace");
  g_assert_cmpstr (contact_at (hubspot, 0)->company, ==, "Engines");
  g_assert_cmpstr (contact_at (hubspot, 0)->tags[0], ==, "vip");
  g_assert_cmpstr (contact_at (salesforce, 0)->company, ==, "Navy");
  g_assert_cmpstr (contact_at (salesforce, 0)->email, ==, "grace@example.org");
  g_assert_cmpstr (contact_at (salesforce, 0)->phone, ==, "456");
}

static void
test_csv_refuses_bad_quoting (void)
{
  assert_text_refused ("name,notes\nAda,5\" screen\n",
                       RAPPORT_IMPORT_ERROR_SYNTAX, 2, "column \"notes\": stray quote");
  assert_text_refused ("name,notes\nAda,ok\nGrace,\"never closed\nBarbara,x\n",
                       RAPPORT_IMPORT_ERROR_SYNTAX, 3, "unterminated quoted field");
  assert_text_refused ("name,notes\nAda,\"quoted\" then text\n",
                       RAPPORT_IMPORT_ERROR_SYNTAX, 2, "text after the closing quote");
}

static void
test_csv_unterminated_exact_message (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  const char *text = "name\nAda\n\"Grace\n";

  contacts = rapport_csv_read ("customers.csv", text, strlen (text), NULL, &error);
  g_assert_error (error, RAPPORT_IMPORT_ERROR, RAPPORT_IMPORT_ERROR_SYNTAX);
  g_assert_cmpstr (error->message, ==, "customers.csv:3: unterminated quoted field");
}

static void
test_csv_refuses_wrong_column_count (void)
{
  assert_text_refused ("name,email\nAda,ada@example.org\nGrace,grace@example.org,extra\n",
                       RAPPORT_IMPORT_ERROR_SYNTAX, 3, "found 3 fields, but the header has 2 columns");
  assert_text_refused ("name,email,phone\nAda,ada@example.org\n",
                       RAPPORT_IMPORT_ERROR_SYNTAX, 2, "found 2 fields, but the header has 3 columns");
}

static void
test_csv_refuses_bad_encoding (void)
{
  static const char nul[] = "name,email\nAda,ada@example.org\nGr\0ce,g@example.org\n";
  /* "name\n" and half a surrogate pair. */
  static const char utf16[] = "\xff\xfen\0a\0m\0e\0\n\0\x3d\xd8";

  assert_text_refused ("name,email\nAda,ada@example.org\nZo\xeb,zoe@example.org\n",
                       RAPPORT_IMPORT_ERROR_ENCODING, 3,
                       "column \"name\": not valid UTF-8 text; save the file as UTF-8");
  assert_text_refused ("name,notes\nAda,\"one\r\ntwo\r\nthr\xe9" "e\"\n",
                       RAPPORT_IMPORT_ERROR_ENCODING, 4, "column \"notes\": not valid UTF-8 text");
  assert_refused (nul, sizeof nul - 1, RAPPORT_IMPORT_ERROR_ENCODING, 3, "column \"name\": contains a NUL byte");
  assert_refused (utf16, sizeof utf16 - 1, RAPPORT_IMPORT_ERROR_ENCODING, 2, "not valid UTF-16 text");
}

static void
test_csv_refuses_enormous (void)
{
  g_autofree char *long_field = g_strnfill (RAPPORT_CSV_MAX_FIELD + 1, 'x');
  g_autofree char *field_file = g_strconcat ("name,notes\nAda,", long_field, "\n", NULL);
  g_autofree char *quoted_file = g_strconcat ("name,notes\nAda,ok\nGrace,\"", long_field, "\"\n", NULL);
  g_autofree char *half = g_strnfill (RAPPORT_CSV_MAX_FIELD - 1, 'y');
  GString *record = g_string_new ("name");
  g_autofree char *record_file = NULL;

  assert_text_refused (field_file, RAPPORT_IMPORT_ERROR_INVALID_VALUE, 2,
                       "column \"notes\": a field is longer than the limit of 64 KiB");
  assert_text_refused (quoted_file, RAPPORT_IMPORT_ERROR_INVALID_VALUE, 3,
                       "a field is longer than the limit of 64 KiB (is a closing quote missing?)");

  /* Fields under the limit that add up to more than a record may hold. */
  for (guint i = 0; i < 20; i++)
    g_string_append_printf (record, ",c%u", i);
  g_string_append (record, "\nAda");
  for (guint i = 0; i < 20; i++)
    g_string_append_printf (record, ",%s", half);
  g_string_append (record, "\n");
  record_file = g_string_free (record, FALSE);
  assert_text_refused (record_file, RAPPORT_IMPORT_ERROR_INVALID_VALUE, 2,
                       "a record is longer than the limit of 1024 KiB");
}

static void
test_csv_refuses_empty (void)
{
  assert_refused ("", 0, RAPPORT_IMPORT_ERROR_EMPTY, 1, "the file is empty");
  assert_text_refused ("\xef\xbb\xbf", RAPPORT_IMPORT_ERROR_EMPTY, 1, "the file is empty");
  assert_text_refused ("\r\n\r\n", RAPPORT_IMPORT_ERROR_EMPTY, 1, "the file is empty");
}

static void
test_csv_refuses_missing_name (void)
{
  /* A file without a header row, or without any column naming someone. */
  assert_text_refused ("Ada Lovelace,ada@example.org\nGrace Hopper,grace@example.org\n",
                       RAPPORT_IMPORT_ERROR_MISSING_FIELD, 1, "no \"name\", \"company\" or \"email\" column");
  assert_text_refused ("phone,notes\n123,met at the fair\n",
                       RAPPORT_IMPORT_ERROR_MISSING_FIELD, 1, "no \"name\", \"company\" or \"email\" column");
}

static void
test_csv_refuses_unknown_words (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  GString *text = g_string_new (HEADER);
  g_autofree char *data = NULL;

  for (guint i = 2; i < 12; i++)
    g_string_append_printf (text, "Customer %u,,,,customer,,,,\r\n", i);
  g_string_append (text, "Vera,,,,vip,,,,\r\n");
  data = g_string_free (text, FALSE);

  /* An unknown status is kept as a tag (test_csv_status_words ()), an
   * unknown satisfaction is refused. */
  contacts = rapport_csv_read ("customers.csv", data, strlen (data), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (contacts->len, ==, 11);

  assert_text_refused ("name,Satisfaction\nAda,ecstatic\n", RAPPORT_IMPORT_ERROR_INVALID_VALUE, 2,
                       "column \"Satisfaction\": unknown satisfaction \"ecstatic\" "
                       "(use unknown, unhappy, satisfied or delighted)");
}

static void
test_csv_refuses_bad_dates (void)
{
  assert_text_refused ("name,next_check_in\nAda,31/12/2026\n", RAPPORT_IMPORT_ERROR_INVALID_VALUE, 2,
                       "column \"next_check_in\": \"31/12/2026\" is not a date");
  assert_text_refused ("name,next_check_in\nAda,2026-02-30\n", RAPPORT_IMPORT_ERROR_INVALID_VALUE, 2,
                       "\"2026-02-30\" is not a date");
  assert_text_refused ("name,next_check_in\nAda,tomorrow\n", RAPPORT_IMPORT_ERROR_INVALID_VALUE, 2,
                       "is not a date");
}

static RapportContact *
make_contact (const char *name,
              const char *company,
              const char *email,
              const char *notes,
              const char *tags,
              const char *next_check_in)
{
  RapportContact *contact = rapport_contact_new ();

  g_free (contact->name);
  contact->name = g_strdup (name);
  g_free (contact->company);
  contact->company = g_strdup (company);
  g_free (contact->email);
  contact->email = g_strdup (email);
  g_free (contact->notes);
  contact->notes = g_strdup (notes);
  g_strfreev (contact->tags);
  contact->tags = g_strsplit (tags, ";", -1);
  contact->next_check_in = g_strdup (next_check_in);
  return contact;
}

static void
test_csv_write (void)
{
  g_autoptr(GPtrArray) contacts = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_contact_free);
  g_autofree char *text = NULL;

  g_ptr_array_add (contacts, make_contact ("Ada Lovelace", "Engines, Ltd", "ada@example.org",
                                           "Said \"hello\"\nTwice", "vip;golf", "2026-12-01 09:00"));
  g_ptr_array_add (contacts, make_contact ("Grace", "", "", "", "", NULL));
  g_free (((RapportContact *) contacts->pdata[1])->status);
  ((RapportContact *) contacts->pdata[1])->status = g_strdup ("prospect");

  text = rapport_csv_write (contacts);
  g_assert_cmpstr (text, ==,
                   EXPORT_HEADER
                   "Ada Lovelace,\"Engines, Ltd\",ada@example.org,,,,vip;golf,"
                   "\"Said \"\"hello\"\"\nTwice\",2026-12-01 09:00,,,\r\n"
                   "Grace,,,,prospect,,,,,,,\r\n");
}

static void
test_csv_round_trip (void)
{
  g_autoptr(GPtrArray) contacts = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_contact_free);
  g_autoptr(GPtrArray) again = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  g_ptr_array_add (contacts, make_contact ("Zoë \"Z\" Ångström", "A,B", "z@example.org",
                                           "line 1\r\nline 2\rline 3\n", "x;y", "2027-01-31 17:45"));
  g_ptr_array_add (contacts, make_contact ("Plain", "", "", "  spaced  ", "", NULL));

  first = rapport_csv_write (contacts);
  again = read_text (first);
  g_assert_cmpuint (again->len, ==, 2);
  g_assert_cmpstr (contact_at (again, 0)->name, ==, "Zoë \"Z\" Ångström");
  g_assert_cmpstr (contact_at (again, 0)->notes, ==, "line 1\r\nline 2\rline 3\n");
  g_assert_cmpstr (contact_at (again, 1)->notes, ==, "  spaced  ");
  second = rapport_csv_write (again);
  g_assert_cmpstr (first, ==, second);
}

/* A cell a spreadsheet would run as a formula is written with a single
 * quote in front (OWASP), and read back without it. */
static void
test_csv_formula_guard (void)
{
  g_autoptr(GPtrArray) contacts = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_contact_free);
  g_autoptr(GPtrArray) again = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  const char * const tags[] = { "-vip", "+1", NULL };
  RapportContact *evil;

  evil = make_contact ("=HYPERLINK(\"http://evil.example\",\"Click\")", "@SUM(A1)", "-x@example.org",
                       "\tindented\r\nnote", "-vip;+1", NULL);
  g_free (evil->phone);
  evil->phone = g_strdup ("+44 20 7946 0000");
  g_ptr_array_add (contacts, evil);
  /* Quotes already there before a formula character are kept: one more
   * goes in front, and comes off again. */
  g_ptr_array_add (contacts, make_contact ("'=already guarded", "''+two", "", "\rCR first", "", NULL));
  /* Nothing to guard: a quote before text, a formula sign inside. */
  g_ptr_array_add (contacts, make_contact ("'Tis Ada", "a=b", "", "'", "", NULL));

  first = rapport_csv_write (contacts);
  g_assert_cmpstr (first, ==,
                   EXPORT_HEADER
                   "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"Click\"\")\",'@SUM(A1),'-x@example.org,"
                   "'+44 20 7946 0000,,,'-vip;+1,\"'\tindented\r\nnote\",,,,\r\n"
                   "''=already guarded,'''+two,,,,,,\"'\rCR first\",,,,\r\n"
                   "'Tis Ada,a=b,,,,,,',,,,\r\n");

  again = read_text (first);
  g_assert_cmpuint (again->len, ==, 3);
  g_assert_cmpstr (contact_at (again, 0)->name, ==, "=HYPERLINK(\"http://evil.example\",\"Click\")");
  g_assert_cmpstr (contact_at (again, 0)->company, ==, "@SUM(A1)");
  g_assert_cmpstr (contact_at (again, 0)->email, ==, "-x@example.org");
  g_assert_cmpstr (contact_at (again, 0)->phone, ==, "+44 20 7946 0000");
  g_assert_cmpstr (contact_at (again, 0)->notes, ==, "\tindented\r\nnote");
  g_assert_cmpstrv (contact_at (again, 0)->tags, tags);
  g_assert_cmpstr (contact_at (again, 1)->name, ==, "'=already guarded");
  g_assert_cmpstr (contact_at (again, 1)->company, ==, "''+two");
  g_assert_cmpstr (contact_at (again, 1)->notes, ==, "\rCR first");
  g_assert_cmpstr (contact_at (again, 2)->name, ==, "'Tis Ada");
  g_assert_cmpstr (contact_at (again, 2)->company, ==, "a=b");
  g_assert_cmpstr (contact_at (again, 2)->notes, ==, "'");

  second = rapport_csv_write (again);
  g_assert_cmpstr (first, ==, second);
}

/* Files from spreadsheets guard the same way: a phone saved as text. */
static void
test_csv_formula_guard_read (void)
{
  g_autoptr(GPtrArray) contacts = read_text ("Full Name,Mobile Phone,Notes\r\n"
                                             "  '=Ada  ,'+44 1,'@home\r\n"
                                             "Bob,+44 2,'plain\r\n");

  g_assert_cmpstr (contact_at (contacts, 0)->name, ==, "=Ada");
  g_assert_cmpstr (contact_at (contacts, 0)->phone, ==, "+44 1");
  g_assert_cmpstr (contact_at (contacts, 0)->notes, ==, "@home");
  g_assert_cmpstr (contact_at (contacts, 1)->phone, ==, "+44 2");
  g_assert_cmpstr (contact_at (contacts, 1)->notes, ==, "'plain");
}

/* ---- Found by fuzzing (tests/fuzz) ---------------------------------------- */

static void
test_csv_fuzz_google_markers (void)
{
  /* "* * odd" was read as "* odd", which wrote back and read as "odd". */
  g_autoptr(GPtrArray) contacts = read_text ("name,tags\r\nA,* * odd; * * myContacts\r\n");
  g_autofree char *written = rapport_csv_write (contacts);
  g_autoptr(GPtrArray) again = read_text (written);
  const char * const expected[] = { "odd", NULL };

  g_assert_cmpstrv (contact_at (contacts, 0)->tags, expected);
  g_assert_cmpstrv (contact_at (again, 0)->tags, expected);
}

static void
test_csv_fuzz_long_composed_name (void)
{
  /* First and last names within the limit made a name over it, which
   * exported fine and then refused to import. */
  g_autofree char *half = g_strnfill (RAPPORT_CSV_MAX_FIELD / 2 + 1, 'x');
  g_autofree char *text = g_strconcat ("first name,last name\r\n", half, ",", half, "\r\n", NULL);

  assert_text_refused (text, RAPPORT_IMPORT_ERROR_INVALID_VALUE, 2,
                       "the name is longer than the limit of 64 KiB");
}

/* ---- Files that real programs write ---------------------------------- */

/* @length -1: @data is a string. */
static GPtrArray *
read_with_notes (const char          *data,
                 gssize               length,
                 RapportImportNotes  *notes)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *contacts = rapport_csv_read ("customers.csv", data,
                                          length < 0 ? strlen (data) : (gsize) length, notes, &error);

  g_assert_no_error (error);
  g_assert_nonnull (contacts);
  return contacts;
}

/* The values of @kind of @contact as "types:value|types:value". */
static char *
values_of (RapportContact   *contact,
           RapportValueKind  kind)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < contact->values->len; i++)
    {
      RapportContactValue *value = g_ptr_array_index (contact->values, i);

      if (value->kind != kind)
        continue;
      g_string_append_printf (out, "%s%s:%s%s", out->len > 0 ? "|" : "", value->types,
                              value->value, value->pref > 0 ? "*" : "");
    }
  return g_string_free (out, FALSE);
}

static void
assert_values (RapportContact   *contact,
               RapportValueKind  kind,
               const char       *expected)
{
  g_autofree char *found = values_of (contact, kind);

  g_assert_cmpstr (found, ==, expected);
}

/* Outlook's "CSV (Unicode)": UTF-16 little endian with a byte order mark,
 * every email and phone column a value of the contact, with its type. */
static void
test_csv_outlook_utf16 (void)
{
  const char *text =
    "First Name,Last Name,Company,Business Phone,Business Phone 2,Home Phone,Mobile Phone,"
    "Business Fax,E-mail Address,E-mail Type,E-mail 2 Address,E-mail 3 Address\r\n"
    "Zo\xc3\xab,M\xc3\xbcller,Acme,+49 30 1234,+49 30 5678,+49 30 9999,+49 170 1111,+49 30 1235,"
    "zoe@acme.example,SMTP,zoe@home.example,\r\n";
  glong n = 0;
  g_autofree gunichar2 *units = g_utf8_to_utf16 (text, -1, NULL, &n, NULL);
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(GPtrArray) contacts = NULL;
  RapportContact *zoe;

  g_byte_array_append (bytes, (const guint8 *) "\xff\xfe", 2);
  for (glong i = 0; i < n; i++)
    {
      guint8 pair[2] = { units[i] & 0xff, units[i] >> 8 };

      g_byte_array_append (bytes, pair, 2);
    }
  contacts = read_with_notes ((const char *) bytes->data, bytes->len, NULL);
  zoe = contact_at (contacts, 0);

  g_assert_cmpuint (contacts->len, ==, 1);
  g_assert_cmpuint (zoe->line, ==, 2);
  g_assert_cmpstr (zoe->name, ==, "Zoë Müller");
  g_assert_cmpstr (zoe->email, ==, "zoe@acme.example");
  g_assert_cmpstr (zoe->phone, ==, "+49 30 1234");
  assert_values (zoe, RAPPORT_VALUE_EMAIL, ":zoe@acme.example|:zoe@home.example");
  assert_values (zoe, RAPPORT_VALUE_PHONE,
                 "work:+49 30 1234|work:+49 30 5678|home:+49 30 9999|cell:+49 170 1111|work,fax:+49 30 1235");
}

/* Excel where the decimal separator is a comma writes ";" between fields,
 * and ends every row with one; its "CSV UTF-8" has a byte order mark. */
static void
test_csv_semicolons (void)
{
  g_autoptr(GPtrArray) contacts = read_with_notes (
    "\xef\xbb\xbf" "Name;Company;Email;Phone;Notes;Tags\r\n"
    "J\xc3\xbcrgen Schmidt;Schmidt, Vogel & Co;js@example.de;+49 89 1234;\"Rabatt 2,5 %; bar\";vip, golf;\r\n"
    "Anna Vogel;;av@example.de;;;;\r\n", -1, NULL);
  RapportContact *juergen = contact_at (contacts, 0);

  g_assert_cmpuint (contacts->len, ==, 2);
  g_assert_cmpstr (juergen->name, ==, "Jürgen Schmidt");
  g_assert_cmpstr (juergen->company, ==, "Schmidt, Vogel & Co");
  g_assert_cmpstr (juergen->email, ==, "js@example.de");
  g_assert_cmpstr (juergen->notes, ==, "Rabatt 2,5 %; bar");
  g_assert_cmpuint (g_strv_length (juergen->tags), ==, 2);
  g_assert_cmpstr (juergen->tags[1], ==, "golf");
  g_assert_cmpstr (contact_at (contacts, 1)->email, ==, "av@example.de");

  /* The header's own trailing ";" is one more empty column. */
  g_clear_pointer (&contacts, g_ptr_array_unref);
  contacts = read_with_notes ("Name;Email;\nAda;ada@example.org\nGrace;grace@example.org;\n", -1, NULL);
  g_assert_cmpuint (contacts->len, ==, 2);
  g_assert_cmpstr (contact_at (contacts, 0)->email, ==, "ada@example.org");
  g_assert_cmpstr (contact_at (contacts, 1)->email, ==, "grace@example.org");

  /* One empty field more is forgiven, two are not. */
  assert_text_refused ("name,email\nAda,ada@example.org,,\n", RAPPORT_IMPORT_ERROR_SYNTAX, 2,
                       "found 4 fields, but the header has 2 columns");
  assert_text_refused ("name,email\nAda,ada@example.org,x\n", RAPPORT_IMPORT_ERROR_SYNTAX, 2,
                       "found 3 fields, but the header has 2 columns");
}

/* German Outlook's export, as German Excel saves it (";", "CSV UTF-8"). */
static void
test_csv_german_outlook (void)
{
  g_autoptr(GPtrArray) contacts = read_with_notes (
    "\xef\xbb\xbf" "Vorname;Weitere Vornamen;Nachname;Firma;Telefon gesch\xc3\xa4""ftlich;Telefon privat;"
    "Mobiltelefon;Fax gesch\xc3\xa4""ftlich;E-Mail-Adresse;E-Mail 2: Adresse;Kategorien;Notizen\r\n"
    "J\xc3\xbcrgen;Karl;Schmidt;Vogel GmbH;+49 89 1234;+49 89 5678;+49 170 1111;+49 89 1235;"
    "js@vogel.example;juergen@home.example;Kunden;Rabatt 2,5 %\r\n", -1, NULL);
  RapportContact *juergen = contact_at (contacts, 0);

  g_assert_cmpstr (juergen->name, ==, "Jürgen Karl Schmidt");
  g_assert_cmpstr (juergen->company, ==, "Vogel GmbH");
  g_assert_cmpstr (juergen->notes, ==, "Rabatt 2,5 %");
  g_assert_cmpstr (juergen->tags[0], ==, "Kunden");
  assert_values (juergen, RAPPORT_VALUE_EMAIL, ":js@vogel.example|:juergen@home.example");
  assert_values (juergen, RAPPORT_VALUE_PHONE,
                 "work:+49 89 1234|home:+49 89 5678|cell:+49 170 1111|work,fax:+49 89 1235");
}

/* A tab-separated export (a CRM's "TSV", a spreadsheet's "Text"), whose
 * fields hold commas and semicolons that are not delimiters. */
static void
test_csv_tabs (void)
{
  g_autoptr(GPtrArray) contacts = read_with_notes (
    "name\tcompany\temail\tnotes\n"
    "Lovelace, Ada\tEngines; Ltd\tada@example.org\t\"tab\there\"\n", -1, NULL);
  RapportContact *ada = contact_at (contacts, 0);

  g_assert_cmpstr (ada->name, ==, "Lovelace, Ada");
  g_assert_cmpstr (ada->company, ==, "Engines; Ltd");
  g_assert_cmpstr (ada->email, ==, "ada@example.org");
  g_assert_cmpstr (ada->notes, ==, "tab\there");
}

/* Google Contacts: numbered values with their types; "* " marks the
 * primary one, " ::: " joins several values of one kind. */
static void
test_csv_google_values (void)
{
  g_autoptr(GPtrArray) contacts = read_with_notes (
    "Name,E-mail 1 - Type,E-mail 1 - Value,E-mail 2 - Type,E-mail 2 - Value,"
    "Phone 1 - Type,Phone 1 - Value,Phone 2 - Type,Phone 2 - Value,Labels\r\n"
    "Ada Lovelace,Home,ada@home.example ::: ada@old.example,* Work,ada@engines.example,"
    "Mobile,+44 7700 900000,Work Fax,+44 20 7946 0001,VIP ::: * myContacts\r\n", -1, NULL);
  RapportContact *ada = contact_at (contacts, 0);

  assert_values (ada, RAPPORT_VALUE_EMAIL,
                 "home:ada@home.example|home:ada@old.example|work:ada@engines.example*");
  /* The one Google marks as primary is the preferred one. */
  g_assert_cmpstr (ada->email, ==, "ada@engines.example");
  assert_values (ada, RAPPORT_VALUE_PHONE, "cell:+44 7700 900000|work,fax:+44 20 7946 0001");
  g_assert_cmpstr (ada->phone, ==, "+44 7700 900000");
  g_assert_cmpuint (g_strv_length (ada->tags), ==, 1);
}

/* Columns other tools name after the kind and the type. */
static void
test_csv_typed_columns (void)
{
  g_autoptr(GPtrArray) contacts = read_with_notes (
    "name,email_work,Email Home,phone_work,Mobile Phone,Home Phone,Fax\n"
    "Ada,ada@engines.example,ada@home.example,'+44 20 7946 0000,+44 7700 900000,,+44 20 7946 0001\n"
    "Grace,,grace@home.example,,,555 0100,\n", -1, NULL);
  RapportContact *ada = contact_at (contacts, 0);
  RapportContact *grace = contact_at (contacts, 1);

  assert_values (ada, RAPPORT_VALUE_EMAIL, "work:ada@engines.example|home:ada@home.example");
  /* The first listed in README.md wins: Mobile Phone before phone_work. */
  assert_values (ada, RAPPORT_VALUE_PHONE,
                 "cell:+44 7700 900000|work:+44 20 7946 0000|fax:+44 20 7946 0001");
  g_assert_cmpstr (ada->phone, ==, "+44 7700 900000");
  g_assert_cmpstr (ada->email, ==, "ada@engines.example");
  g_assert_cmpstr (grace->email, ==, "grace@home.example");
  g_assert_cmpstr (grace->phone, ==, "555 0100");
  assert_values (grace, RAPPORT_VALUE_PHONE, "home:555 0100");
}

/* Rapport's own export: the preferred email and phone in "email" and
 * "phone", the others in "emails" and "phones", and the UID. */
static void
test_csv_rapport_lists (void)
{
  g_autoptr(GPtrArray) contacts = read_with_notes (
    "uid,name,email,phone,emails,phones\r\n"
    "urn:uuid:4f1c,Ada,ada@engines.example,'+44 20 7946 0000,ada@home.example;ada@old.example,"
    "'+44 7700 900000;+44 7700 900001\r\n"
    ",Grace,,,grace@home.example,\r\n", -1, NULL);
  RapportContact *ada = contact_at (contacts, 0);
  RapportContact *grace = contact_at (contacts, 1);

  g_assert_cmpstr (ada->uid, ==, "urn:uuid:4f1c");
  assert_values (ada, RAPPORT_VALUE_EMAIL, ":ada@engines.example|:ada@home.example|:ada@old.example");
  assert_values (ada, RAPPORT_VALUE_PHONE, ":+44 20 7946 0000|:+44 7700 900000|:+44 7700 900001");
  g_assert_cmpstr (ada->email, ==, "ada@engines.example");
  g_assert_null (grace->uid);
  g_assert_cmpstr (grace->email, ==, "grace@home.example");
}

/* Other CRMs' statuses: mapped when clear, else a tag and a warning. */
static void
test_csv_status_words (void)
{
  static const struct {
    const char *word;
    const char *status;
  } words[] = {
    { "Warm", "prospect" }, { "HOT LEAD", "prospect" }, { "qualified", "prospect" },
    { "Negotiation", "prospect" }, { "in-contract", "customer" }, { "In Contract", "customer" },
    { "closed_won", "customer" }, { "Client", "customer" }, { "churned", "former" },
    { "Cancelled", "former" }, { "Former", "former" }, { "", "" },
  };
  g_autoptr(RapportImportNotes) notes = rapport_import_notes_new ();
  g_autoptr(GPtrArray) contacts = NULL;
  RapportContact *vera;

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      g_autofree char *text = g_strdup_printf ("name,status,tags\nAda,%s,golf\n", words[i].word);
      g_autoptr(GPtrArray) read = read_with_notes (text, -1, notes);

      g_assert_cmpstr (contact_at (read, 0)->status, ==, words[i].status);
      g_assert_cmpuint (g_strv_length (contact_at (read, 0)->tags), ==, 1);
    }
  g_assert_cmpuint (notes->warnings->len, ==, 0);

  contacts = read_with_notes ("name,Lead Status,status,tags\nVera,x,Gold Partner,golf\n"
                              "Walt,x,Gold Partner,\n", -1, notes);
  vera = contact_at (contacts, 0);
  g_assert_cmpstr (vera->status, ==, "");
  g_assert_cmpuint (g_strv_length (vera->tags), ==, 2);
  g_assert_cmpstr (vera->tags[0], ==, "golf");
  g_assert_cmpstr (vera->tags[1], ==, "Gold Partner");
  g_assert_cmpstr (contact_at (contacts, 1)->tags[0], ==, "Gold Partner");
  /* Told once, not on every row. */
  g_assert_cmpuint (notes->warnings->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (notes->warnings, 0), ==,
                   "customers.csv:2: column \"status\": status \"Gold Partner\" is not prospect, "
                   "customer or former; kept as a tag");
}

/* A row without a name goes by its company, else its email or phone; one
 * with none of them is skipped, with a word, and so is an empty one. */
static void
test_csv_nameless_rows (void)
{
  g_autoptr(RapportImportNotes) notes = rapport_import_notes_new ();
  g_autoptr(GPtrArray) contacts = read_with_notes (
    "First Name,Last Name,Company,E-mail Address,Mobile Phone,Notes\n"
    ",,Acme Corp,info@acme.example,,\n"
    ",,,nameless@example.org,,\n"
    ",,,,+1 555 0100,\n"
    ",,,,,just a note\n"
    ",,,,,\n"
    ",,,,,another note\n", -1, notes);
  g_autofree char *summary = rapport_import_notes_describe (notes);

  g_assert_cmpuint (contacts->len, ==, 6);
  g_assert_cmpstr (contact_at (contacts, 0)->name, ==, "Acme Corp");
  g_assert_true (contact_at (contacts, 0)->is_org);
  g_assert_cmpstr (contact_at (contacts, 1)->name, ==, "nameless@example.org");
  g_assert_false (contact_at (contacts, 1)->is_org);
  g_assert_cmpstr (contact_at (contacts, 2)->name, ==, "+1 555 0100");
  g_assert_true (rapport_contact_is_empty (contact_at (contacts, 3)));
  g_assert_cmpuint (contact_at (contacts, 3)->line, ==, 5);
  g_assert_true (rapport_contact_is_empty (contact_at (contacts, 4)));
  g_assert_cmpuint (notes->warnings->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (notes->warnings, 0), ==,
                   "customers.csv:5: a row without a name, company, email or phone was skipped");
  g_assert_cmpstr (summary, ==, "not kept: 2 × rows without a name, company, email or phone");
}

/* CR CR LF ends one line: the error on the fifth line says line 5, also
 * inside a quoted field. */
static void
test_csv_cr_cr_lf (void)
{
  g_autoptr(GPtrArray) contacts = read_text ("name,notes\r\r\nAda,\"one\r\r\ntwo\"\r\r\nGrace,x\r\r\n");

  g_assert_cmpuint (contacts->len, ==, 2);
  g_assert_cmpstr (contact_at (contacts, 0)->notes, ==, "one\r\r\ntwo");
  g_assert_cmpuint (contact_at (contacts, 1)->line, ==, 4);
  assert_text_refused ("name,email\r\r\nA,a@x\r\r\nB,b@x\r\r\nC,c@x\r\r\nD,\"d\r\r\n", RAPPORT_IMPORT_ERROR_SYNTAX, 5,
                       "unterminated quoted field");
  assert_text_refused ("name,email\r\r\nA,a@x\r\r\nB,b@x\r\r\nC,c@x\r\r\nD,d@x,x\r\r\n",
                       RAPPORT_IMPORT_ERROR_SYNTAX, 5, "found 3 fields");
}

/* Found by fuzz-csv-roundtrip: an email cell holding "a; b" was one value,
 * written to the emails column, which reads back as two.  A ";" in an
 * email or phone cell always separates values (Outlook writes them so). */
static void
test_csv_semicolon_in_email_cell (void)
{
  g_autoptr(GPtrArray) contacts = read_text ("Name,Email,Mobile Phone\r\n"
                                             "Mark,mark@a.example; mark@b.example,+34 600 1; +34 600 2\r\n");
  RapportContact *mark = g_ptr_array_index (contacts, 0);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(GPtrArray) again = NULL;

  g_assert_cmpstr (mark->email, ==, "mark@a.example");
  g_assert_cmpuint (mark->values->len, ==, 4);
  first = rapport_csv_write (contacts);
  again = read_text (first);
  second = rapport_csv_write (again);
  g_assert_cmpstr (first, ==, second);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/csv/all-columns", test_csv_all_columns);
  g_test_add_func ("/csv/header-any-case-and-order", test_csv_header_any_case_and_order);
  g_test_add_func ("/csv/quoted-fields", test_csv_quoted_fields);
  g_test_add_func ("/csv/line-ends", test_csv_line_ends);
  g_test_add_func ("/csv/bom", test_csv_bom);
  g_test_add_func ("/csv/empty-rows", test_csv_empty_rows);
  g_test_add_func ("/csv/header-only", test_csv_header_only);
  g_test_add_func ("/csv/values-trimmed-tags-split", test_csv_values_trimmed_tags_split);
  g_test_add_func ("/csv/google-contacts", test_csv_google_contacts);
  g_test_add_func ("/csv/outlook", test_csv_outlook);
  g_test_add_func ("/csv/crm", test_csv_crm);
  g_test_add_func ("/csv/refuses/bad-quoting", test_csv_refuses_bad_quoting);
  g_test_add_func ("/csv/refuses/unterminated-exact-message", test_csv_unterminated_exact_message);
  g_test_add_func ("/csv/refuses/wrong-column-count", test_csv_refuses_wrong_column_count);
  g_test_add_func ("/csv/refuses/bad-encoding", test_csv_refuses_bad_encoding);
  g_test_add_func ("/csv/refuses/enormous", test_csv_refuses_enormous);
  g_test_add_func ("/csv/refuses/empty", test_csv_refuses_empty);
  g_test_add_func ("/csv/refuses/missing-name", test_csv_refuses_missing_name);
  g_test_add_func ("/csv/refuses/unknown-words", test_csv_refuses_unknown_words);
  g_test_add_func ("/csv/refuses/bad-dates", test_csv_refuses_bad_dates);
  g_test_add_func ("/csv/write", test_csv_write);
  g_test_add_func ("/csv/round-trip", test_csv_round_trip);
  g_test_add_func ("/csv/formula-guard", test_csv_formula_guard);
  g_test_add_func ("/csv/formula-guard-read", test_csv_formula_guard_read);
  g_test_add_func ("/csv/fuzz/google-markers", test_csv_fuzz_google_markers);
  g_test_add_func ("/csv/fuzz/long-composed-name", test_csv_fuzz_long_composed_name);
  g_test_add_func ("/csv/real/outlook-utf16", test_csv_outlook_utf16);
  g_test_add_func ("/csv/real/semicolons", test_csv_semicolons);
  g_test_add_func ("/csv/real/tabs", test_csv_tabs);
  g_test_add_func ("/csv/real/german-outlook", test_csv_german_outlook);
  g_test_add_func ("/csv/real/google-values", test_csv_google_values);
  g_test_add_func ("/csv/real/typed-columns", test_csv_typed_columns);
  g_test_add_func ("/csv/real/rapport-lists", test_csv_rapport_lists);
  g_test_add_func ("/csv/real/status-words", test_csv_status_words);
  g_test_add_func ("/csv/real/nameless-rows", test_csv_nameless_rows);
  g_test_add_func ("/csv/real/cr-cr-lf", test_csv_cr_cr_lf);
  g_test_add_func ("/csv/fuzz/semicolon-in-email-cell", test_csv_semicolon_in_email_cell);

  return g_test_run ();
}
