/* test-sync-card.c: customers as the vCards of a CardDAV address book
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Cards as Apple, Google, Nextcloud and a phone write them go into the
 * book and come out meaning the same, with every property Rapport does not
 * know kept verbatim; Rapport's own fields travel as X-RAPPORT-* lines;
 * broken, truncated and hostile cards get a clear error or are bounded.
 */

#include "config.h"

#include <string.h>

#include "rapport-customer-card.h"
#include "rapport-store.h"
#include "rapport-sync-card.h"

static const char apple_card[] =
  "BEGIN:VCARD\r\n"
  "VERSION:3.0\r\n"
  "PRODID:-//Apple Inc.//iPhone OS 17.1//EN\r\n"
  "N:Hopper;Grace;Brewster;;\r\n"
  "FN:Grace Hopper\r\n"
  "ORG:US Navy;Computing Lab\r\n"
  "item1.EMAIL;type=INTERNET;type=pref:grace@navy.example\r\n"
  "item1.X-ABLabel:_$!<Work>!$_\r\n"
  "item2.TEL:+1 202 555 0100\r\n"
  "item2.X-ABLabel:Lab\\, direct\r\n"
  "TEL;type=CELL;type=VOICE:+1 202 555 0101\r\n"
  "item3.ADR;type=HOME;type=pref:;;1 Navy Yard;Washington;DC;20374;USA\r\n"
  "item3.X-ABADR:us\r\n"
  "X-SOCIALPROFILE;type=linkedin;x-user=grace:https://linkedin.example/grace\r\n"
  "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQ==\r\n"
  "UID:7E3B1B3A-1B57-4E4A-9D1C-1234567890AB\r\n"
  "END:VCARD\r\n";

static const char google_card[] =
  "BEGIN:VCARD\r\n"
  "VERSION:3.0\r\n"
  "FN:Alan Turing\r\n"
  "N:Turing;Alan;;;\r\n"
  "EMAIL;TYPE=INTERNET;TYPE=WORK:alan@bletchley.example\r\n"
  "TEL;TYPE=CELL:+44 20 7946 0000\r\n"
  "item1.URL:https\\://turing.example\r\n"
  "item1.X-ABLabel:PROFILE\r\n"
  "CATEGORIES:myContacts,Chess Club\r\n"
  "X-ANDROID-CUSTOM:vnd.android.cursor.item/nickname;Prof;1;;;;;;;;;;;;;\r\n"
  "UID:c0ffee01\r\n"
  "END:VCARD\r\n";

static const char nextcloud_card[] =
  "BEGIN:VCARD\r\n"
  "VERSION:4.0\r\n"
  "PRODID:-//Sabre//Sabre VObject 4.5.3//EN\r\n"
  "UID:3f1c9a2e-6b8d-4d0a-9f55-0e2b7c1d4a66\r\n"
  "FN:Ada Lovelace\r\n"
  "N:Lovelace;Ada;;;\r\n"
  "EMAIL;TYPE=HOME;PREF=1:ada@example.org\r\n"
  "TEL;TYPE=\"voice,work\";VALUE=text:+44 1632 960000\r\n"
  "X-NEXTCLOUD-GROUP;X-PARAM=\"a:b;c\":Analytical\r\n"
  "NOTE:Met at the engine demo\\nLikes poetry\r\n"
  "REV;VALUE=timestamp:20261120T101010Z\r\n"
  "END:VCARD\r\n";

/* What Rapport writes, as another laptop's Rapport wrote it. */
static const char rapport_card[] =
  "BEGIN:VCARD\r\n"
  "VERSION:4.0\r\n"
  "UID:urn:uuid:0193a5b0-0000-7000-8000-000000000001\r\n"
  "FN:Katherine Johnson\r\n"
  "N:Johnson;Katherine;;;\r\n"
  "ORG:NASA\r\n"
  "EMAIL;PREF=1:kj@nasa.example\r\n"
  "NOTE:Orbits\\, trajectories\r\n"
  "CATEGORIES:vip,space\r\n"
  "X-RAPPORT-STATUS:prospect\r\n"
  "X-RAPPORT-SATISFACTION:delighted\r\n"
  "X-RAPPORT-REFERENCE:personal_letter\r\n"
  "X-RAPPORT-CHANNEL:phone\r\n"
  "X-RAPPORT-MIN-GAP:7\r\n"
  "X-RAPPORT-IDEAL-INTERVAL:30\r\n"
  "X-RAPPORT-LATEST-INTERVAL:45\r\n"
  "X-RAPPORT-TAGS:vip,space\r\n"
  "X-RAPPORT-FROM-THE-FUTURE:kept\r\n"
  "END:VCARD\r\n";

static RapportSyncCard *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  RapportSyncCard *card = rapport_sync_card_from_vcard ("card.vcf", text, strlen (text), NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (card);
  return card;
}

static gboolean
has_extra (RapportSyncCard *card,
           const char      *line)
{
  for (guint i = 0; i < card->contact->extra->len; i++)
    if (g_str_equal (g_ptr_array_index (card->contact->extra, i), line))
      return TRUE;
  return FALSE;
}

/* Text → card → text → card: the same card, and the second text the same
 * as the first. */
static void
assert_round_trip (RapportSyncCard *card)
{
  g_autofree char *text = rapport_sync_card_to_vcard (card);
  g_autoptr(RapportSyncCard) again = parse (text);
  g_autofree char *text_again = rapport_sync_card_to_vcard (again);

  g_assert_true (rapport_sync_card_equal (card, again));
  g_assert_cmpstr (text, ==, text_again);
  for (guint i = 0; rapport_sync_card_fields[i] != NULL; i++)
    {
      g_autofree char *a = rapport_sync_card_get_field (card, rapport_sync_card_fields[i]);
      g_autofree char *b = rapport_sync_card_get_field (again, rapport_sync_card_fields[i]);

      g_assert_cmpstr (a, ==, b);
    }
  g_assert_cmpuint (card->contact->extra->len, ==, again->contact->extra->len);
  for (guint i = 0; i < card->contact->extra->len; i++)
    g_assert_cmpstr (g_ptr_array_index (card->contact->extra, i), ==,
                     g_ptr_array_index (again->contact->extra, i));
  g_assert_cmpuint (card->contact->values->len, ==, again->contact->values->len);
}

static void
test_apple (void)
{
  g_autoptr(RapportSyncCard) card = parse (apple_card);
  g_autofree char *text = NULL;
  RapportContactValue *email;

  g_assert_cmpstr (card->contact->uid, ==, "7E3B1B3A-1B57-4E4A-9D1C-1234567890AB");
  g_assert_cmpstr (card->contact->name, ==, "Grace Hopper");
  g_assert_cmpstr (card->contact->company, ==, "US Navy");
  /* A phone's card has no X-RAPPORT-*: a customer with the defaults. */
  g_assert_cmpstr (card->contact->status, ==, "customer");
  g_assert_cmpstr (card->contact->satisfaction, ==, "unknown");
  g_assert_cmpstr (card->reference_kind, ==, "none");
  g_assert_cmpstr (card->preferred_channel, ==, "any");
  g_assert_cmpint (card->min_gap_days, ==, -1);
  g_assert_cmpint (card->ideal_interval_days, ==, -1);
  g_assert_cmpuint (card->contact->values->len, ==, 4);
  email = g_ptr_array_index (card->contact->values, 0);
  g_assert_cmpstr (email->value, ==, "grace@navy.example");
  g_assert_cmpstr (email->group, ==, "item1");
  g_assert_nonnull (card->contact->photo);

  /* Apple's labels stay with their group, verbatim. */
  g_assert_true (has_extra (card, "item1.X-ABLabel:_$!<Work>!$_"));
  g_assert_true (has_extra (card, "item2.X-ABLabel:Lab\\, direct"));
  g_assert_true (has_extra (card, "item3.X-ABADR:us"));
  g_assert_true (has_extra (card, "X-SOCIALPROFILE;type=linkedin;x-user=grace:https://linkedin.example/grace"));

  text = rapport_sync_card_to_vcard (card);
  g_assert_true (g_str_has_prefix (text, "BEGIN:VCARD\r\nVERSION:4.0\r\n"));
  g_assert_nonnull (strstr (text, "\r\nitem1.EMAIL;TYPE=internet;PREF=1:grace@navy.example\r\n"));
  g_assert_nonnull (strstr (text, "\r\nitem1.X-ABLabel:_$!<Work>!$_\r\n"));
  g_assert_nonnull (strstr (text, "\r\nX-RAPPORT-STATUS:customer\r\n"));
  g_assert_nonnull (strstr (text, "\r\nX-RAPPORT-REFERENCE:none\r\n"));
  g_assert_null (strstr (text, "X-RAPPORT-MIN-GAP"));
  assert_round_trip (card);
}

static void
test_google_nextcloud (void)
{
  g_autoptr(RapportSyncCard) google = parse (google_card);
  g_autoptr(RapportSyncCard) nextcloud = parse (nextcloud_card);

  /* Google's groups are categories: the book's tags, lower case. */
  g_assert_cmpstrv (google->contact->tags, ((const char * const[]) { "mycontacts", "chess club", NULL }));
  g_assert_true (has_extra (google, "item1.X-ABLabel:PROFILE"));
  g_assert_true (has_extra (google, "X-ANDROID-CUSTOM:vnd.android.cursor.item/nickname;Prof;1;;;;;;;;;;;;;"));
  assert_round_trip (google);

  g_assert_cmpstr (nextcloud->contact->notes, ==, "Met at the engine demo\nLikes poetry");
  g_assert_true (has_extra (nextcloud, "X-NEXTCLOUD-GROUP;X-PARAM=\"a:b;c\":Analytical"));
  g_assert_true (has_extra (nextcloud, "REV;VALUE=timestamp:20261120T101010Z"));
  assert_round_trip (nextcloud);
}

static void
test_rapport_fields (void)
{
  g_autoptr(RapportSyncCard) card = parse (rapport_card);

  g_assert_cmpstr (card->contact->status, ==, "prospect");
  g_assert_cmpstr (card->contact->satisfaction, ==, "delighted");
  g_assert_cmpstr (card->reference_kind, ==, "personal_letter");
  g_assert_cmpstr (card->preferred_channel, ==, "phone");
  g_assert_cmpint (card->min_gap_days, ==, 7);
  g_assert_cmpint (card->ideal_interval_days, ==, 30);
  g_assert_cmpint (card->latest_interval_days, ==, 45);
  g_assert_cmpstr (card->contact->notes, ==, "Orbits, trajectories");
  g_assert_cmpstrv (card->contact->tags, ((const char * const[]) { "vip", "space", NULL }));
  /* Rapport's lines become fields; a later Rapport's line stays. */
  g_assert_cmpuint (card->contact->extra->len, ==, 1);
  g_assert_true (has_extra (card, "X-RAPPORT-FROM-THE-FUTURE:kept"));
  assert_round_trip (card);
}

static void
test_tags (void)
{
  /* A client that dropped CATEGORIES: X-RAPPORT-TAGS keeps the tags. */
  g_autoptr(RapportSyncCard) dropped =
    parse ("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:A\r\nX-RAPPORT-TAGS:Golf,vip\\,gold\r\nEND:VCARD\r\n");
  /* A client that edited CATEGORIES: they win. */
  g_autoptr(RapportSyncCard) edited =
    parse ("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:A\r\nCATEGORIES:golf,Tennis\r\n"
           "X-RAPPORT-TAGS:golf\r\nEND:VCARD\r\n");

  g_assert_cmpstrv (dropped->contact->tags, ((const char * const[]) { "golf", "vip", "gold", NULL }));
  g_assert_cmpstrv (edited->contact->tags, ((const char * const[]) { "golf", "tennis", NULL }));
}

static void
assert_parse_error (const char *text,
                    int         code,
                    const char *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportSyncCard) card = rapport_sync_card_from_vcard ("addressbook/x.vcf", text, strlen (text),
                                                                  NULL, &error);

  g_assert_null (card);
  g_assert_error (error, RAPPORT_IMPORT_ERROR, code);
  g_assert_nonnull (strstr (error->message, "addressbook/x.vcf"));
  if (strstr (error->message, fragment) == NULL)
    g_error ("“%s” does not say “%s”", error->message, fragment);
}

static void
test_malformed (void)
{
  g_autofree char *truncated = g_strndup (nextcloud_card, strlen (nextcloud_card) - strlen ("END:VCARD\r\n"));
  g_autofree char *cut = g_strndup (nextcloud_card, 200);
  g_autofree char *two = g_strconcat (google_card, apple_card, NULL);

  assert_parse_error (truncated, RAPPORT_IMPORT_ERROR_SYNTAX, "no END:VCARD");
  assert_parse_error (cut, RAPPORT_IMPORT_ERROR_SYNTAX, "");
  assert_parse_error ("", RAPPORT_IMPORT_ERROR_EMPTY, "empty");
  assert_parse_error ("<html>502 Bad Gateway</html>", RAPPORT_IMPORT_ERROR_SYNTAX, "");
  assert_parse_error (two, RAPPORT_IMPORT_ERROR_SYNTAX, "holds 2 cards");
  assert_parse_error ("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:A\r\nX-RAPPORT-MIN-GAP:soon\r\nEND:VCARD\r\n",
                      RAPPORT_IMPORT_ERROR_INVALID_VALUE, "X-RAPPORT-MIN-GAP “soon” is not a number of days");
  assert_parse_error ("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:A\r\nX-RAPPORT-IDEAL-INTERVAL:0\r\nEND:VCARD\r\n",
                      RAPPORT_IMPORT_ERROR_INVALID_VALUE, "X-RAPPORT-IDEAL-INTERVAL");
  assert_parse_error ("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:A\r\nX-RAPPORT-CHANNEL:pigeon\r\nEND:VCARD\r\n",
                      RAPPORT_IMPORT_ERROR_INVALID_VALUE, "pigeon");
  assert_parse_error ("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:A\r\nX-RAPPORT-STATUS:warm\r\nEND:VCARD\r\n",
                      RAPPORT_IMPORT_ERROR_INVALID_VALUE, "warm");
  /* What the book would refuse is refused on reading, naming the card. */
  assert_parse_error ("BEGIN:VCARD\r\nVERSION:4.0\r\nNOTE:who?\r\nEND:VCARD\r\n",
                      RAPPORT_IMPORT_ERROR_INVALID_VALUE, "no name, company or email");
}

/* A contact saved on a phone with a number only is named by it; notes
 * over the book's limit are an error, not cut. */
static void
test_phone_only_and_limits (void)
{
  g_autoptr(RapportSyncCard) card =
    parse ("BEGIN:VCARD\r\nVERSION:3.0\r\nTEL;TYPE=CELL:+49 151 2345678\r\nEND:VCARD\r\n");
  g_autoptr(GString) text = g_string_new ("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Long\r\nNOTE:");

  g_assert_cmpstr (card->contact->name, ==, "+49 151 2345678");
  g_assert_cmpstr (card->contact->status, ==, "customer");

  for (guint i = 0; i < 1700; i++)
    g_string_append (text, "0123456789");
  g_string_append (text, "\r\nEND:VCARD\r\n");
  assert_parse_error (text->str, RAPPORT_IMPORT_ERROR_INVALID_VALUE, "Notes are too long: 17000 characters");
}

/* A 10 MB property from a server: an unknown one is left out and counted,
 * a NOTE is refused, and neither takes the reader down. */
static void
test_huge_property (void)
{
  gsize size = 10 * 1024 * 1024;
  g_autoptr(GString) text = g_string_new ("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Big\r\nX-BLOB:");
  g_autoptr(RapportImportNotes) notes = rapport_import_notes_new ();
  g_autoptr(RapportSyncCard) card = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *described = NULL;

  for (gsize i = 0; i < size / 64; i++)
    g_string_append (text, "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
  g_string_append (text, "\r\nX-SMALL:kept\r\nEND:VCARD\r\n");
  card = rapport_sync_card_from_vcard ("big.vcf", text->str, text->len, notes, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (card->contact->name, ==, "Big");
  g_assert_cmpuint (card->contact->extra->len, ==, 1);
  g_assert_true (has_extra (card, "X-SMALL:kept"));
  described = rapport_import_notes_describe (notes);
  g_assert_nonnull (strstr (described, "over 64 KiB"));

  g_string_overwrite (text, strlen ("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Big\r\n"), "NOTE:  ");
  g_clear_pointer (&card, rapport_sync_card_free);
  card = rapport_sync_card_from_vcard ("big.vcf", text->str, text->len, NULL, &error);
  g_assert_null (card);
  g_assert_error (error, RAPPORT_IMPORT_ERROR, RAPPORT_IMPORT_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "NOTE is longer than the limit"));
}

static RapportStore *
open_book (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "rapport.db", NULL);
  g_autoptr(GError) error = NULL;
  RapportStore *store = rapport_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static gint64
write_card (RapportStore    *store,
            RapportSyncCard *card,
            gint64           id)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rapport_store_begin (store, &error));
  id = rapport_sync_card_write (store, card, id, &error);
  g_assert_no_error (error);
  g_assert_true (rapport_store_commit (store, &error));
  return id;
}

static char *
query_text (RapportStore *store,
            const char   *sql,
            gint64        id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStmt) stmt = rapport_store_prepare (store, sql, &error);

  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

/* Into the book and out again: the identity on every field, and an update
 * that changes nothing writes nothing. */
static void
test_book (void)
{
  g_autoptr(RapportStore) store = open_book ();
  g_autoptr(RapportSyncCard) apple = parse (apple_card);
  g_autoptr(RapportSyncCard) rapport = parse (rapport_card);
  g_autoptr(RapportSyncCard) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *updated = NULL;
  g_autofree char *updated_again = NULL;
  g_autofree char *recorded = NULL;
  gint64 apple_id, rapport_id, found;

  apple_id = write_card (store, apple, 0);
  rapport_id = write_card (store, rapport, 0);
  g_assert_cmpint (apple_id, >, 0);
  g_assert_cmpint (rapport_id, !=, apple_id);

  back = rapport_sync_card_read (store, apple_id, &error);
  g_assert_no_error (error);
  g_assert_true (rapport_sync_card_equal (apple, back));
  g_clear_pointer (&back, rapport_sync_card_free);
  back = rapport_sync_card_read (store, rapport_id, &error);
  g_assert_no_error (error);
  g_assert_true (rapport_sync_card_equal (rapport, back));
  g_assert_cmpint (back->min_gap_days, ==, 7);
  g_assert_cmpstr (back->preferred_channel, ==, "phone");

  g_assert_true (rapport_sync_customer_find (store, "7E3B1B3A-1B57-4E4A-9D1C-1234567890AB", &found, &error));
  g_assert_cmpint (found, ==, apple_id);
  g_assert_true (rapport_sync_customer_find (store, "no-such-uid", &found, &error));
  g_assert_cmpint (found, ==, 0);

  /* The same card again a day later: the row is not touched. */
  updated = query_text (store, "SELECT updated_at FROM customer WHERE id = ?1", rapport_id);
  g_setenv ("RAPPORT_FAKE_NOW", "2026-11-26T10:00:00Z", TRUE);
  write_card (store, back, rapport_id);
  updated_again = query_text (store, "SELECT updated_at FROM customer WHERE id = ?1", rapport_id);
  g_assert_cmpstr (updated, ==, updated_again);

  /* A change is written, and a new satisfaction says when. */
  g_assert_true (rapport_sync_card_set_field (back, "satisfaction", "satisfied", &error));
  g_assert_true (rapport_sync_card_set_field (back, "min-gap", "", &error));
  g_assert_true (rapport_sync_card_set_field (back, "photo", "data:image/png;base64,iVBORw0KGgo=", &error));
  write_card (store, back, rapport_id);
  recorded = query_text (store, "SELECT satisfaction_recorded_at FROM customer WHERE id = ?1", rapport_id);
  g_assert_cmpstr (recorded, ==, "2026-11-26T10:00:00Z");
  g_clear_pointer (&rapport, rapport_sync_card_free);
  rapport = rapport_sync_card_read (store, rapport_id, &error);
  g_assert_true (rapport_sync_card_equal (rapport, back));
  g_assert_cmpint (rapport->min_gap_days, ==, -1);
  g_assert_cmpstr (rapport->contact->photo_type, ==, "image/png");
  g_setenv ("RAPPORT_FAKE_NOW", "2026-11-25T10:00:00Z", TRUE);
}

static void
assert_write_refused (RapportStore    *store,
                      RapportSyncCard *card,
                      const char      *fragment)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rapport_store_begin (store, NULL));
  g_assert_cmpint (rapport_sync_card_write (store, card, 0, &error), ==, 0);
  rapport_store_rollback (store);
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID);
  if (strstr (error->message, fragment) == NULL)
    g_error ("“%s” does not say “%s”", error->message, fragment);
}

/* The book's limits hold for cards from a server too. */
static void
test_limits (void)
{
  g_autoptr(RapportStore) store = open_book ();
  g_autoptr(RapportSyncCard) card = parse (google_card);
  g_autoptr(RapportSyncCard) nameless = rapport_sync_card_new ();
  g_autoptr(GString) long_notes = g_string_new (NULL);

  for (guint i = 0; i < 101; i++)
    {
      g_autofree char *email = g_strdup_printf ("a%u@example.org", i);

      rapport_contact_add_value (card->contact, RAPPORT_VALUE_EMAIL, email, "", 0);
    }
  assert_write_refused (store, card, "more than 100 values");

  g_clear_pointer (&card, rapport_sync_card_free);
  card = parse (google_card);
  g_string_append_len (long_notes, "", 0);
  for (guint i = 0; i < 1700; i++)
    g_string_append (long_notes, "0123456789");
  g_assert_true (rapport_sync_card_set_field (card, "notes", long_notes->str, NULL));
  assert_write_refused (store, card, "Notes are too long");

  assert_write_refused (store, nameless, "no name");
  g_assert_cmpint (rapport_sync_card_set_field (nameless, "status", "warm", NULL), ==, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_setenv ("RAPPORT_FAKE_NOW", "2026-11-25T10:00:00Z", TRUE);

  g_test_add_func ("/sync-card/apple", test_apple);
  g_test_add_func ("/sync-card/google-nextcloud", test_google_nextcloud);
  g_test_add_func ("/sync-card/rapport-fields", test_rapport_fields);
  g_test_add_func ("/sync-card/tags", test_tags);
  g_test_add_func ("/sync-card/malformed", test_malformed);
  g_test_add_func ("/sync-card/phone-only-and-limits", test_phone_only_and_limits);
  g_test_add_func ("/sync-card/huge-property", test_huge_property);
  g_test_add_func ("/sync-card/book", test_book);
  g_test_add_func ("/sync-card/limits", test_limits);
  return g_test_run ();
}
