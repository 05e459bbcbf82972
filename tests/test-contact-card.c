/* test-contact-card.c: a customer as faithful as the address book
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Real programs' vCards read with everything they say, written back as
 * vCard 4.0 meaning the same (a round trip is the identity on every
 * field), hostile cards bounded, contacts matched and merged into the
 * book without doubling anyone, and a book of schema version 1 upgraded
 * without losing anything.
 */

#include "config.h"

#include <string.h>

#include "rapport-customer.h"
#include "rapport-customer-card.h"
#include "rapport-exporter.h"
#include "rapport-importer.h"
#include "rapport-schema.h"
#include "rapport-time.h"
#include "rapport-vcard.h"
#include "test-book.h"

static GPtrArray *
read_vcard (const char         *text,
            RapportImportNotes *notes)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *contacts = rapport_vcard_read ("file.vcf", text, strlen (text), notes, &error);

  g_assert_no_error (error);
  g_assert_nonnull (contacts);
  return contacts;
}

static const RapportContactValue *
value_at (RapportContact *contact,
          guint           index)
{
  g_assert_cmpuint (index, <, contact->values->len);
  return g_ptr_array_index (contact->values, index);
}

static void
assert_value (const RapportContactValue *value,
              RapportValueKind           kind,
              const char                *text,
              const char                *types,
              int                        pref,
              const char                *group)
{
  g_assert_cmpint (value->kind, ==, kind);
  g_assert_cmpstr (value->value, ==, text);
  g_assert_cmpstr (value->types, ==, types);
  g_assert_cmpint (value->pref, ==, pref);
  g_assert_cmpstr (value->group, ==, group);
}

/* An Apple Contacts card (grouped labels, TYPE=pref, an organisation's
 * card), a 4.0 card of a CardDAV server and a Google one. */
static const char real_cards[] =
  "BEGIN:VCARD\r\n"
  "VERSION:3.0\r\n"
  "PRODID:-//Apple Inc.//macOS 14.0//EN\r\n"
  "N:Hopper;Grace;Brewster Murray;Rear Admiral;PhD\r\n"
  "FN:Grace Hopper\r\n"
  "ORG:US Navy;Computing Lab\r\n"
  "TITLE:Rear Admiral\r\n"
  "item1.EMAIL;type=INTERNET;type=WORK;type=pref:grace@navy.example\r\n"
  "item1.X-ABLabel:_$!<Work>!$_\r\n"
  "EMAIL;type=INTERNET;type=HOME:amazing.grace@example.org\r\n"
  "TEL;type=CELL;type=VOICE:+1 202 555 0100\r\n"
  "TEL;type=WORK:+1 202 555 0199\r\n"
  "ADR;type=WORK:;;1 Navy Yard\\, Bldg 2;Washington;DC;20374;USA\r\n"
  "URL:https://navy.example/hopper\r\n"
  "BDAY:1906-12-09\r\n"
  "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQ==\r\n"
  "X-SOCIALPROFILE;type=linkedin:https://linkedin.example/grace\r\n"
  "UID:7E3B1B3A-1B57-4E4A-9D1C-1234567890AB\r\n"
  "END:VCARD\r\n"
  "BEGIN:VCARD\r\n"
  "VERSION:3.0\r\n"
  "N:;;;;\r\n"
  "FN:Acme Corp\r\n"
  "ORG:Acme Corp;\r\n"
  "X-ABShowAs:COMPANY\r\n"
  "TEL;type=MAIN:+44 20 7946 0000\r\n"
  "END:VCARD\r\n"
  "BEGIN:VCARD\r\n"
  "VERSION:4.0\r\n"
  "UID:urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1\r\n"
  "KIND:individual\r\n"
  "FN:Ada Lovelace\r\n"
  "N:Lovelace;Ada;;;\r\n"
  "EMAIL;TYPE=work;PREF=2:ada@engines.example\r\n"
  "EMAIL;TYPE=home;PREF=1:ada@home.example\r\n"
  "TEL;VALUE=uri;TYPE=work:tel:+44-20-7946-0018;ext=12\r\n"
  "IMPP;PREF=1:xmpp:ada@engines.example\r\n"
  "X-messaging/aim-All:ada_l\r\n"
  "END:VCARD\r\n";

static void
test_read_faithful (void)
{
  g_autoptr(GPtrArray) contacts = read_vcard (real_cards, NULL);
  RapportContact *grace, *acme, *ada;

  g_assert_cmpuint (contacts->len, ==, 3);
  grace = g_ptr_array_index (contacts, 0);
  g_assert_cmpstr (grace->uid, ==, "7E3B1B3A-1B57-4E4A-9D1C-1234567890AB");
  g_assert_cmpstr (grace->name, ==, "Grace Hopper");
  g_assert_cmpstr (grace->structured_name, ==, "Hopper;Grace;Brewster Murray;Rear Admiral;PhD");
  g_assert_false (grace->is_org);
  g_assert_cmpstr (grace->company, ==, "US Navy");
  g_assert_cmpstr (grace->title, ==, "Rear Admiral");
  g_assert_cmpstr (grace->birthday, ==, "1906-12-09");
  g_assert_cmpuint (grace->values->len, ==, 6);
  assert_value (value_at (grace, 0), RAPPORT_VALUE_EMAIL, "grace@navy.example", "internet,work", 1, "item1");
  assert_value (value_at (grace, 1), RAPPORT_VALUE_EMAIL, "amazing.grace@example.org", "internet,home", 0, "");
  assert_value (value_at (grace, 2), RAPPORT_VALUE_PHONE, "+1 202 555 0100", "cell,voice", 0, "");
  assert_value (value_at (grace, 3), RAPPORT_VALUE_PHONE, "+1 202 555 0199", "work", 0, "");
  assert_value (value_at (grace, 4), RAPPORT_VALUE_ADDRESS,
                ";;1 Navy Yard\\, Bldg 2;Washington;DC;20374;USA", "work", 0, "");
  assert_value (value_at (grace, 5), RAPPORT_VALUE_URL, "https://navy.example/hopper", "", 0, "");
  g_assert_cmpstr (grace->email, ==, "grace@navy.example");
  g_assert_cmpstr (grace->phone, ==, "+1 202 555 0100");
  g_assert_nonnull (grace->photo);
  g_assert_cmpstr (grace->photo_type, ==, "image/jpeg");
  /* What Rapport does not read is kept as written, group and all; so is an
   * ORG that names a department. */
  g_assert_true (g_ptr_array_find_with_equal_func (grace->extra, "item1.X-ABLabel:_$!<Work>!$_",
                                                   g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (grace->extra,
                                                   "X-SOCIALPROFILE;type=linkedin:https://linkedin.example/grace",
                                                   g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (grace->extra, "ORG:US Navy;Computing Lab",
                                                   g_str_equal, NULL));

  acme = g_ptr_array_index (contacts, 1);
  g_assert_true (acme->is_org);
  g_assert_cmpstr (acme->name, ==, "Acme Corp");
  g_assert_cmpstr (acme->structured_name, ==, ";;;;");

  ada = g_ptr_array_index (contacts, 2);
  g_assert_false (ada->is_org);
  g_assert_cmpstr (ada->email, ==, "ada@home.example");
  assert_value (value_at (ada, 2), RAPPORT_VALUE_PHONE, "+44-20-7946-0018 ext. 12", "work", 0, "");
  /* IMPP and a legacy Nokia name go through as written. */
  g_assert_true (g_ptr_array_find_with_equal_func (ada->extra, "IMPP;PREF=1:xmpp:ada@engines.example",
                                                   g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (ada->extra, "X-messaging/aim-All:ada_l",
                                                   g_str_equal, NULL));
}

static void
assert_same_contact (RapportContact *a,
                     RapportContact *b)
{
  g_assert_cmpstr (a->uid, ==, b->uid);
  g_assert_cmpstr (a->name, ==, b->name);
  g_assert_cmpstr (a->structured_name, ==, b->structured_name);
  g_assert_cmpint (a->is_org, ==, b->is_org);
  g_assert_cmpstr (a->company, ==, b->company);
  g_assert_cmpstr (a->title, ==, b->title);
  g_assert_cmpstr (a->role, ==, b->role);
  g_assert_cmpstr (a->birthday, ==, b->birthday);
  g_assert_cmpstr (a->anniversary, ==, b->anniversary);
  g_assert_cmpstr (a->email, ==, b->email);
  g_assert_cmpstr (a->phone, ==, b->phone);
  g_assert_cmpstr (a->notes, ==, b->notes);
  g_assert_cmpstr (a->status, ==, b->status);
  g_assert_cmpstr (a->satisfaction, ==, b->satisfaction);
  g_assert_true (g_strv_equal ((const char * const *) a->tags, (const char * const *) b->tags));
  g_assert_cmpuint (a->values->len, ==, b->values->len);
  for (guint i = 0; i < a->values->len; i++)
    {
      const RapportContactValue *va = g_ptr_array_index (a->values, i);
      const RapportContactValue *vb = g_ptr_array_index (b->values, i);

      assert_value (vb, va->kind, va->value, va->types, va->pref, va->group);
      g_assert_cmpstr (va->params, ==, vb->params);
    }
  g_assert_cmpuint (a->extra->len, ==, b->extra->len);
  for (guint i = 0; i < a->extra->len; i++)
    g_assert_cmpstr (g_ptr_array_index (a->extra, i), ==, g_ptr_array_index (b->extra, i));
  g_assert_true ((a->photo == NULL) == (b->photo == NULL));
  if (a->photo != NULL)
    {
      g_assert_true (g_bytes_equal (a->photo, b->photo));
      g_assert_cmpstr (a->photo_type, ==, b->photo_type);
    }
}

static void
assert_round_trip (GPtrArray *first)
{
  g_autofree char *written = rapport_vcard_write (first);
  g_autoptr(GPtrArray) second = read_vcard (written, NULL);

  g_assert_cmpuint (first->len, ==, second->len);
  for (guint i = 0; i < first->len; i++)
    assert_same_contact (g_ptr_array_index (first, i), g_ptr_array_index (second, i));
}

/* An N that stops early is completed to vCard 4.0's five components; one
 * with an escaped ';' keeps it inside its component. */
static void
test_read_short_n (void)
{
  g_autoptr(GPtrArray) contacts = read_vcard ("BEGIN:VCARD\r\nVERSION:2.1\r\nN:Müller;Jürgen\r\n"
                                              "END:VCARD\r\n"
                                              "BEGIN:VCARD\r\nVERSION:3.0\r\nN:A\\;B;C\r\n"
                                              "FN:C A;B\r\nEND:VCARD\r\n", NULL);

  g_assert_cmpstr (((RapportContact *) contacts->pdata[0])->structured_name, ==, "Müller;Jürgen;;;");
  g_assert_cmpstr (((RapportContact *) contacts->pdata[0])->name, ==, "Jürgen Müller");
  g_assert_cmpstr (((RapportContact *) contacts->pdata[1])->structured_name, ==, "A\\;B;C;;;");
  assert_round_trip (contacts);
}

/* Found by fuzz-vcard-roundtrip: a parameter value with a line end
 * (RFC 6868's ^n) was written raw, and the output did not read back. */
static void
test_round_trip_param_escapes (void)
{
  g_autoptr(GPtrArray) contacts = read_vcard ("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:A\r\n"
                                              "EMAIL;ALTID=\"a^nb\";X-Q=\"say ^'hi^' ^^\";X-C=a^b:x@example.org\r\n"
                                              "EMAIL;TYPE=x^^y,work:y@example.org\r\n"
                                              "END:VCARD\r\n", NULL);
  const RapportContactValue *v = value_at (g_ptr_array_index (contacts, 0), 0);

  g_assert_cmpstr (v->params, ==, "ALTID=\"a^nb\";X-Q=\"say ^'hi^' ^^\";X-C=\"a^^b\"");
  /* Found by fuzz-vcard-roundtrip too: carets in TYPE. */
  g_assert_cmpstr (value_at (g_ptr_array_index (contacts, 0), 1)->types, ==, "x^^y,work");
  assert_round_trip (contacts);
}

/* A birthday a person wrote in words is text, and says so on the way out:
 * "BDAY:circa 1815" would be a broken date to every other reader. */
static void
test_round_trip_text_dates (void)
{
  g_autoptr(GPtrArray) contacts = read_vcard ("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ada\r\n"
                                              "BDAY;VALUE=text:circa 1815\r\n"
                                              "ANNIVERSARY:--1210\r\n"
                                              "END:VCARD\r\n", NULL);
  RapportContact *ada = g_ptr_array_index (contacts, 0);
  g_autofree char *written = rapport_vcard_write (contacts);

  g_assert_cmpstr (ada->birthday, ==, "circa 1815");
  g_assert_cmpstr (ada->anniversary, ==, "--1210");
  g_assert_nonnull (strstr (written, "\r\nBDAY;VALUE=text:circa 1815\r\n"));
  g_assert_nonnull (strstr (written, "\r\nANNIVERSARY:--1210\r\n"));
  assert_round_trip (contacts);
}

/* Found by fuzz-vcard-roundtrip: an ORG naming a department, whose company
 * had an escape vCard 4.0 does not know ("\\R"), lost its department on the
 * way back.  The ORG is kept as 4.0 writes it. */
static void
test_round_trip_org_departments (void)
{
  g_autoptr(GPtrArray) contacts = read_vcard ("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ada\r\n"
                                              "ORG:Analytical Engines\\RX;R&D\\, Mills\r\n"
                                              "END:VCARD\r\n", NULL);
  RapportContact *ada = g_ptr_array_index (contacts, 0);
  g_autofree char *written = NULL;

  g_assert_cmpstr (ada->company, ==, "Analytical EnginesRX");
  g_assert_cmpstr (g_ptr_array_index (ada->extra, 0), ==, "ORG:Analytical EnginesRX;R&D\\, Mills");
  assert_round_trip (contacts);

  /* A company changed in Rapport wins over the kept ORG. */
  g_free (ada->company);
  ada->company = g_strdup ("Engines Ltd");
  written = rapport_vcard_write (contacts);
  g_assert_nonnull (strstr (written, "\r\nORG:Engines Ltd\r\n"));
  g_assert_null (strstr (written, "R&D"));
}

/* Found by fuzz-vcard-roundtrip: an unknown quoted-printable property whose
 * continuation line holds raw bytes that are no UTF-8. */
static void
test_round_trip_raw_8bit_unknown (void)
{
  static const char data[] =
    "BEGIN:VCARD\r\n"
    "VERSION:2.1\r\n"
    "N;CHARSET=windows-1252:M\374Ller;J\374rgen\r\n"
    "FN;CHARSET=ISO-8859-2:J\374rgen \243\363\277\r\n"
    "KINDNOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=windows-1252:\223q\224 =80 5 =\r\n"
    "et caf\377\377\377+\351\r\n"
    "ORG:S\370rensen A/S\r\n"
    "TITLE;ENCODING=QUOTED-PRT4IA+:-NAAA-\r\n"
    "end:vcard\r\n"
    "";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) contacts = rapport_vcard_read ("file.vcf", data, sizeof data - 1, NULL, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < contacts->len; i++)
    {
      RapportContact *contact = g_ptr_array_index (contacts, i);

      for (guint j = 0; j < contact->extra->len; j++)
        g_assert_true (g_utf8_validate (g_ptr_array_index (contact->extra, j), -1, NULL));
    }
  assert_round_trip (contacts);
}

static void
test_round_trip_real (void)
{
  g_autoptr(GPtrArray) contacts = read_vcard (real_cards, NULL);

  assert_round_trip (contacts);
}

static char *
random_text (GRand *rand)
{
  static const char * const pieces[] = {
    "a", "Zoë", "山田", ",", ";", "\\", ":", " ", "x", "\n", "é", "'", "\"", "=", "^", "42",
  };
  GString *text = g_string_new (NULL);
  guint n = g_rand_int_range (rand, 1, 12);

  for (guint i = 0; i < n; i++)
    g_string_append (text, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
  g_strstrip (text->str);
  if (text->str[0] == '\0')
    g_string_assign (text, "v");
  return g_string_free (text, FALSE);
}

/* Import → export → import is the identity on every field, including
 * unknown properties, for 300 generated contacts. */
static void
test_round_trip_property (void)
{
  static const char * const types[] = { "", "work", "home", "cell,voice", "internet,work" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261202);
  g_autoptr(GPtrArray) contacts = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_contact_free);
  g_autofree char *written = NULL;
  g_autoptr(GPtrArray) read_back = NULL;

  for (guint i = 0; i < 300; i++)
    {
      RapportContact *c = rapport_contact_new ();
      guint n_values = g_rand_int_range (rand, 0, 6);

      g_free (c->name);
      c->name = random_text (rand);
      c->uid = g_strdup_printf ("urn:uuid:%08u-0000-4000-8000-000000000000", i);
      if (g_rand_boolean (rand))
        c->structured_name = g_strdup ("Family\\, Jr.;Given;Middle,Other;Dr.;");
      g_free (c->company);
      c->company = g_rand_boolean (rand) ? random_text (rand) : g_strdup ("");
      g_free (c->title);
      c->title = g_rand_boolean (rand) ? random_text (rand) : g_strdup ("");
      g_free (c->notes);
      c->notes = g_rand_boolean (rand) ? random_text (rand) : g_strdup ("");
      g_free (c->birthday);
      c->birthday = g_strdup (g_rand_boolean (rand) ? "1980-04-02" : "");
      for (guint j = 0; j < n_values; j++)
        {
          RapportValueKind kind = g_rand_int_range (rand, 0, RAPPORT_N_VALUE_KINDS);
          g_autofree char *text = kind == RAPPORT_VALUE_ADDRESS
            ? g_strdup_printf (";;%u Main St\\, Apt %u;Town;;%u;Country", i, j, 1000 + j)
            : g_strdup_printf ("%c%u-%u@x.example", 'a' + kind, i, j);
          RapportContactValue *v = rapport_contact_value_new (kind, text,
                                                              types[g_rand_int_range (rand, 0, G_N_ELEMENTS (types))],
                                                              g_rand_int_range (rand, 0, 3));
          if (g_rand_int_range (rand, 0, 4) == 0)
            {
              g_free (v->group);
              v->group = g_strdup_printf ("item%u", j + 1);
            }
          if (g_rand_int_range (rand, 0, 4) == 0)
            {
              g_free (v->params);
              v->params = g_strdup ("X-SERVICE-TYPE=Skype;LABEL=\"Main St, Town\"");
            }
          g_ptr_array_add (c->values, v);
        }
      if (g_rand_boolean (rand))
        g_ptr_array_add (c->extra, g_strdup_printf ("item%u.X-ABLabel:Label %u", i, i));
      if (g_rand_boolean (rand))
        g_ptr_array_add (c->extra, g_strdup ("X-CUSTOM;X-PARAM=\"a:b\":value\\, with \\; escapes"));
      if (g_rand_int_range (rand, 0, 5) == 0)
        {
          c->photo = g_bytes_new ("\xff\xd8\xff\xe0 not really a jpeg", 23);
          c->photo_type = g_strdup ("image/jpeg");
        }
      rapport_contact_finish (c);
      g_ptr_array_add (contacts, c);
    }

  written = rapport_vcard_write (contacts);
  read_back = read_vcard (written, NULL);
  g_assert_cmpuint (read_back->len, ==, contacts->len);
  for (guint i = 0; i < contacts->len; i++)
    assert_same_contact (g_ptr_array_index (contacts, i), g_ptr_array_index (read_back, i));
  /* and once more from what was read */
  assert_round_trip (read_back);
}

/* A hostile card is trimmed with a note, never an out-of-memory. */
static void
test_hostile_bounds (void)
{
  g_autoptr(GString) card = g_string_new ("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Hostile\r\n");
  g_autoptr(RapportImportNotes) notes = rapport_import_notes_new ();
  g_autoptr(GPtrArray) contacts = NULL;
  g_autofree char *described = NULL;
  g_autofree char *big = g_strnfill (10 * 1024 * 1024, 'x');
  g_autofree char *photo = g_strnfill (3 * 1024 * 1024, 'A');
  RapportContact *contact;

  for (guint i = 0; i < 100000; i++)
    g_string_append_printf (card, "EMAIL:e%u@example.org\r\n", i);
  g_string_append_printf (card, "X-HUGE:%s\r\n", big);
  g_string_append_printf (card, "PHOTO:data:image/jpeg;base64,%s\r\n", photo);
  g_string_append (card, "a.b.c.d.EMAIL:nested@example.org\r\n");
  g_string_append (card, "END:VCARD\r\n");

  contacts = read_vcard (card->str, notes);
  contact = g_ptr_array_index (contacts, 0);
  g_assert_cmpuint (contact->values->len, ==, RAPPORT_CARD_MAX_VALUES);
  g_assert_null (contact->photo);
  g_assert_cmpuint (contact->extra->len, ==, 0);
  described = rapport_import_notes_describe (notes);
  g_assert_nonnull (described);
  g_test_message ("%s", described);
  g_assert_nonnull (strstr (described, "99900 × emails past the 100th of a card"));
  g_assert_nonnull (strstr (described, "1 × photos over 1 MB"));
  g_assert_nonnull (strstr (described, "1 × unknown vCard properties over 64 KiB"));
  g_assert_nonnull (strstr (described, "1 × properties with nested groups"));
}

/* ---- Into the book ---------------------------------------------------- */

static void
import_vcard (RapportStore         *store,
              const char           *text,
              RapportImportSummary *summary)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) contacts = read_vcard (text, NULL);

  g_assert_true (rapport_importer_import (store, contacts, NULL, NULL, NULL, summary, &error));
  g_assert_no_error (error);
}

static void
test_import_merges_never_doubles (void)
{
  g_autoptr(RapportStore) store = open_book ("merge");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) exported = NULL;
  g_autofree char *written = NULL;
  RapportImportSummary summary;

  import_vcard (store, real_cards, &summary);
  g_assert_cmpuint (summary.added, ==, 3);
  /* The same file again, and Rapport's own export, add nobody. */
  import_vcard (store, real_cards, &summary);
  g_assert_cmpuint (summary.added, ==, 0);
  g_assert_cmpuint (summary.merged, ==, 3);
  exported = rapport_customer_card_read_all (store, &error);
  g_assert_no_error (error);
  written = rapport_vcard_write (exported);
  import_vcard (store, written, &summary);
  g_assert_cmpuint (summary.added, ==, 0);
  g_assert_cmpuint (summary.values_added, ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM customer"), ==, 3);

  /* By UID, whatever else changed; by any email; by name with phone, and
   * with company.  Each fills what was empty and adds what is new. */
  import_vcard (store,
                "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:7E3B1B3A-1B57-4E4A-9D1C-1234567890AB\r\n"
                "FN:G. Hopper\r\nEMAIL:grace@new.example\r\nROLE:Inventor\r\nEND:VCARD\r\n"
                "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Someone Else\r\nEMAIL:ADA@ENGINES.EXAMPLE\r\n"
                "TEL:+44 1234 567\r\nEND:VCARD\r\n"
                "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:acme corp\r\nTEL:+44 (20) 7946-0000\r\n"
                "NOTE:Main switchboard\r\nEND:VCARD\r\n"
                "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Grace Hopper\r\nORG:US Navy\r\n"
                "URL:https://grace.example\r\nEND:VCARD\r\n",
                &summary);
  g_assert_cmpuint (summary.added, ==, 0);
  g_assert_cmpuint (summary.merged, ==, 4);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM customer"), ==, 3);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM customer_value WHERE value = 'grace@new.example'"),
                   ==, 1);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM customer WHERE role = 'Inventor'"
                                     " AND name = 'Grace Hopper'"), ==, 1);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM customer_value WHERE value = '+44 1234 567'"),
                   ==, 1);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM customer WHERE name = 'Acme Corp'"
                                     " AND notes = 'Main switchboard'"), ==, 1);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM customer_value WHERE value = 'https://grace.example'"),
                   ==, 1);
  /* Names and other values already in the book were kept, and said so. */
  g_assert_cmpuint (summary.kept, >=, 2);

  /* Search covers every email and phone. */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM customer_fts WHERE customer_fts MATCH '\"amazing.grace\"'"),
                   ==, 1);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM customer_fts WHERE customer_fts MATCH '12025550199'"),
                   ==, 1);
}

/* Unknown properties survive the book: import, export, import elsewhere. */
static void
test_book_keeps_everything (void)
{
  g_autoptr(RapportStore) first = open_book ("first");
  g_autoptr(RapportStore) second = open_book ("second");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) original = read_vcard (real_cards, NULL);
  g_autoptr(GPtrArray) from_first = NULL;
  g_autoptr(GPtrArray) from_second = NULL;
  g_autofree char *written = NULL;
  RapportImportSummary summary;

  import_vcard (first, real_cards, &summary);
  from_first = rapport_customer_card_read_all (first, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < original->len; i++)
    {
      RapportContact *a = g_ptr_array_index (original, i);
      RapportContact *b = g_ptr_array_index (from_first, i);

      /* The book adds what Rapport keeps of its own, and a UID where the
       * card had none. */
      if (a->uid == NULL)
        a->uid = g_strdup (b->uid);
      g_free (a->status);
      a->status = g_strdup (b->status);
      g_free (a->satisfaction);
      a->satisfaction = g_strdup (b->satisfaction);
      assert_same_contact (a, b);
    }

  written = rapport_vcard_write (from_first);
  import_vcard (second, written, &summary);
  from_second = rapport_customer_card_read_all (second, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < from_first->len; i++)
    assert_same_contact (g_ptr_array_index (from_first, i), g_ptr_array_index (from_second, i));
}

/* A book written by the previous version (schema 1) opens with everything
 * kept: the email and phone become values, every customer gets a UID, and
 * search finds the phone. */
static void
test_migration_from_version_1 (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "old", NULL);
  g_autofree char *path = g_build_filename (dir, "rapport.db", NULL);
  g_autofree char *stamp = g_strdup_printf ("PRAGMA user_version = 1; PRAGMA application_id = %d;",
                                            RAPPORT_STORE_APPLICATION_ID);
  g_autoptr(RapportStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cards = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, rapport_schema_migrations[0], NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, stamp, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO customer (name, company, email, phone, notes, tags,"
                                 "  created_at, updated_at) VALUES"
                                 " ('Ada Lovelace', 'Engines', 'ada@example.org', '+44 (20) 7946-0018',"
                                 "  'Poet', 'vip', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),"
                                 " ('Nobody Reachable', '', '', '', '', '', '2026-01-01T00:00:00Z',"
                                 "  '2026-01-01T00:00:00Z');"
                                 "INSERT INTO interaction (customer_id, happened_at, kind, summary)"
                                 " VALUES (1, '2026-02-01T10:00:00Z', 'call', 'Kick-off');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = rapport_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rapport_store_get_schema_version (store), ==, RAPPORT_STORE_SCHEMA_VERSION);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM customer WHERE uid LIKE 'urn:uuid:%'"), ==, 2);
  g_assert_cmpint (query_int (store, "SELECT count(DISTINCT uid) FROM customer"), ==, 2);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM interaction"), ==, 1);
  cards = rapport_customer_card_read_all (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cards->len, ==, 2);
  {
    RapportContact *ada = g_ptr_array_index (cards, 0);

    g_assert_cmpstr (ada->name, ==, "Ada Lovelace");
    g_assert_cmpstr (ada->email, ==, "ada@example.org");
    g_assert_cmpstr (ada->phone, ==, "+44 (20) 7946-0018");
    g_assert_cmpstr (ada->notes, ==, "Poet");
    g_assert_cmpuint (ada->values->len, ==, 2);
  }
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM customer_fts WHERE customer_fts MATCH '442079460018'"),
                   ==, 1);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM customer_fts WHERE customer_fts MATCH 'poet'"), ==, 1);
  /* A customer added by another tool afterwards still gets a UID. */
  g_assert_true (rapport_store_exec (store, "INSERT INTO customer (name, created_at, updated_at)"
                                           " VALUES ('Late', '2026-03-01T00:00:00Z', '2026-03-01T00:00:00Z')",
                                     &error));
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM customer WHERE name = 'Late' AND uid IS NOT NULL"),
                   ==, 1);
}

/* Typing another of a customer's emails into the email field makes that
 * one preferred; typing a new one edits the preferred one; emptying it
 * removes it. */
static void
test_customer_preferred_email (void)
{
  g_autoptr(RapportStore) store = open_book ("preferred");
  g_autoptr(RapportCustomer) customer = rapport_customer_new ();
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_contact_value_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportCustomer) loaded = NULL;
  GPtrArray *stored;

  g_ptr_array_add (values, rapport_contact_value_new (RAPPORT_VALUE_EMAIL, "a@x.example", "work", 0));
  g_ptr_array_add (values, rapport_contact_value_new (RAPPORT_VALUE_EMAIL, "b@x.example", "home", 0));
  rapport_customer_set_name (customer, "Ada");
  rapport_customer_set_values (customer, values);
  g_assert_cmpstr (rapport_customer_get_email (customer), ==, "a@x.example");
  g_assert_true (rapport_customer_save (customer, store, &error));
  g_assert_no_error (error);

  rapport_customer_set_email (customer, "B@x.example");
  g_assert_true (rapport_customer_save (customer, store, &error));
  loaded = rapport_customer_load (store, rapport_customer_get_id (customer), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rapport_customer_get_email (loaded), ==, "b@x.example");
  g_assert_true (rapport_customer_load_values (loaded, store, &error));
  stored = rapport_customer_get_values (loaded);
  g_assert_cmpuint (stored->len, ==, 2);
  g_assert_cmpstr (((RapportContactValue *) stored->pdata[0])->value, ==, "b@x.example");
  g_assert_cmpstr (((RapportContactValue *) stored->pdata[0])->types, ==, "home");

  rapport_customer_set_email (loaded, "c@x.example");
  g_assert_true (rapport_customer_save (loaded, store, &error));
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM customer_value WHERE value = 'c@x.example'"
                                     " AND types = 'home'"), ==, 1);
  rapport_customer_set_email (loaded, "");
  g_assert_true (rapport_customer_save (loaded, store, &error));
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM customer_value WHERE kind = 'email'"), ==, 1);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM customer WHERE email = 'a@x.example'"), ==, 1);
}

/* Phones are the same when their digits are, a leading "+" counting;
 * without digits, when they are written the same. */
static void
test_contact_same_phone (void)
{
  static const struct {
    const char *stored;
    const char *incoming;
    gboolean    same;
  } cases[] = {
    { "+1 (555) 010-2000", "+15550102000", TRUE },
    { "+44 20 7946 0000", "+44 (0)20 7946 0000", FALSE },
    { "0044 20 7946 0000", "+44 20 7946 0000", FALSE },
    { "+44 20", "44 20", FALSE },
    { "44 20", "+44 20", FALSE },
    { "x + 44 20", "+4420", TRUE },
    { "4420 +", "4420", TRUE },
    { "020 7946", "020 79460", FALSE },
    { "020 79460", "020 7946", FALSE },
    { "ask Ada", "ask Ada", TRUE },
    { "ask Ada", "ask ada", FALSE },
    { "ask Ada", "ask Ada 1", FALSE },
    { "+", "+ ", TRUE },
    { "", "", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(RapportContact) contact = rapport_contact_new ();

      g_ptr_array_add (contact->values, rapport_contact_value_new (RAPPORT_VALUE_PHONE, cases[i].stored, "", 0));
      g_test_message ("\"%s\" against \"%s\"", cases[i].stored, cases[i].incoming);
      g_assert_cmpint (rapport_contact_has_value (contact, RAPPORT_VALUE_PHONE, cases[i].incoming), ==,
                       cases[i].same);
    }
}

/* What search finds besides the preferred email, and a UID's shape. */
static void
test_contact_search_text_and_uid (void)
{
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_contact_value_free);
  g_autofree char *text = NULL;
  g_autofree char *uid = NULL;
  g_autofree char *other = NULL;

  g_ptr_array_add (values, rapport_contact_value_new (RAPPORT_VALUE_EMAIL, "a@x.example", "", 0));
  g_ptr_array_add (values, rapport_contact_value_new (RAPPORT_VALUE_PHONE, "+44 20 7946 0000", "", 0));
  g_ptr_array_add (values, rapport_contact_value_new (RAPPORT_VALUE_EMAIL, "b@x.example", "", 2));
  g_ptr_array_add (values, rapport_contact_value_new (RAPPORT_VALUE_PHONE, "07700900123", "", 0));
  g_ptr_array_add (values, rapport_contact_value_new (RAPPORT_VALUE_URL, "https://x.example", "", 0));
  text = rapport_contact_search_text (values);
  g_assert_cmpstr (text, ==, "a@x.example +44 20 7946 0000 442079460000 07700900123");

  uid = rapport_uid_new ();
  other = rapport_uid_new ();
  g_assert_true (g_regex_match_simple ("^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$",
                                       uid, 0, 0));
  g_assert_cmpstr (uid, !=, other);
  /* Time first: made later, it sorts after (or within the same millisecond). */
  g_assert_cmpint (strncmp (uid, other, strlen ("urn:uuid:01234567-0123")), <=, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_setenv ("RAPPORT_FAKE_NOW", "2026-11-25T10:00:00Z", TRUE);

  g_test_add_func ("/contact-card/read/faithful", test_read_faithful);
  g_test_add_func ("/contact-card/read/short-n", test_read_short_n);
  g_test_add_func ("/contact-card/round-trip/real", test_round_trip_real);
  g_test_add_func ("/contact-card/round-trip/param-escapes", test_round_trip_param_escapes);
  g_test_add_func ("/contact-card/round-trip/text-dates", test_round_trip_text_dates);
  g_test_add_func ("/contact-card/round-trip/org-departments", test_round_trip_org_departments);
  g_test_add_func ("/contact-card/round-trip/raw-8bit-unknown", test_round_trip_raw_8bit_unknown);
  g_test_add_func ("/contact-card/round-trip/property", test_round_trip_property);
  g_test_add_func ("/contact-card/hostile-bounds", test_hostile_bounds);
  g_test_add_func ("/contact-card/import/merges-never-doubles", test_import_merges_never_doubles);
  g_test_add_func ("/contact-card/import/book-keeps-everything", test_book_keeps_everything);
  g_test_add_func ("/contact-card/migration-from-version-1", test_migration_from_version_1);
  g_test_add_func ("/contact-card/customer/preferred-email", test_customer_preferred_email);
  g_test_add_func ("/contact-card/contact/same-phone", test_contact_same_phone);
  g_test_add_func ("/contact-card/contact/search-text-and-uid", test_contact_search_text_and_uid);
  return g_test_run ();
}
