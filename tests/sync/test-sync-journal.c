/* test-sync-journal.c: logged contacts as the VJOURNALs of a CalDAV task list
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A teammate's contact arrives as an interaction like one logged here: it
 * is the customer's last contact, it restarts their cadence, and it says
 * who logged it.
 */

#include "config.h"

#include <string.h>

#include "rapport-follow-ups.h"
#include "rapport-playbook-settings.h"
#include "rapport-store.h"
#include "rapport-time.h"
#include "rapport-sync-card.h"
#include "rapport-sync-error.h"
#include "rapport-sync-journal.h"
#include "sync-book.h"

#define CUSTOMER_UID "urn:uuid:0193a5b0-0000-7000-8000-00000000c001"

/* Bob logged a call on his laptop. */
static const char bobs_call[] =
  "BEGIN:VCALENDAR\r\n"
  "VERSION:2.0\r\n"
  "PRODID:-//Rapport//Rapport 0.1.0//EN\r\n"
  "BEGIN:VJOURNAL\r\n"
  "UID:urn:uuid:journal-bob-1\r\n"
  "DTSTAMP:20261125T120000Z\r\n"
  "SUMMARY:Call with Grace Hopper\r\n"
  "DTSTART:20261125T113000Z\r\n"
  "DESCRIPTION:Asked about the second line\\; will order in January\r\n"
  "STATUS:FINAL\r\n"
  "X-RAPPORT-KIND:call\r\n"
  "X-RAPPORT-CUSTOMER:" CUSTOMER_UID "\r\n"
  "CONTACT:Grace Hopper\r\n"
  "ORGANIZER;CN=Bob Builder:urn:x-rapport:user:Bob%20Builder\r\n"
  "END:VJOURNAL\r\n"
  "END:VCALENDAR\r\n";

/* A diary entry of jtx Board's own: not Rapport's. */
static const char diary[] =
  "BEGIN:VCALENDAR\r\n"
  "VERSION:2.0\r\n"
  "PRODID:+//IDN techbee.at//jtx Board v2.4.6.ose//EN\r\n"
  "BEGIN:VJOURNAL\r\n"
  "UID:1702000000000-diary@at.techbee.jtx\r\n"
  "DTSTAMP:20261125T120000Z\r\n"
  "DTSTART;VALUE=DATE:20261125\r\n"
  "SUMMARY:Nice day\r\n"
  "END:VJOURNAL\r\n"
  "END:VCALENDAR\r\n";

static gint64
utc (const char *text)
{
  gint64 t = 0;

  g_assert_true (rapport_time_parse_utc (text, &t));
  return t;
}

static RapportSyncJournal *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  RapportSyncJournal *journal = rapport_sync_journal_from_ical ("tasks/j.ics", text, strlen (text), &error);

  g_assert_no_error (error);
  g_assert_nonnull (journal);
  return journal;
}

static void
test_round_trip (void)
{
  g_autoptr(RapportSyncJournal) bob = parse (bobs_call);
  g_autoptr(RapportSyncJournal) mine = rapport_sync_journal_copy (bob);
  g_autoptr(RapportSyncJournal) back = NULL;
  g_autoptr(RapportSyncJournal) diary_entry = parse (diary);
  g_autofree char *text = NULL;

  g_assert_cmpstr (bob->uid, ==, "urn:uuid:journal-bob-1");
  g_assert_cmpstr (bob->customer_uid, ==, CUSTOMER_UID);
  g_assert_cmpstr (bob->kind, ==, "call");
  g_assert_cmpint (bob->happened_at, ==, utc ("2026-11-25T11:30:00Z"));
  g_assert_cmpstr (bob->summary, ==, "Asked about the second line; will order in January");
  g_assert_cmpstr (bob->logged_by, ==, "Bob Builder");

  /* Bob's entry written again keeps Bob, not the author of this book. */
  text = rapport_sync_journal_to_ical (bob, "alice@example.org", bobs_call);
  back = parse (text);
  g_assert_true (rapport_sync_journal_equal (bob, back));

  /* Logged here: ORGANIZER is this book's author. */
  g_clear_pointer (&mine->logged_by, g_free);
  g_clear_pointer (&text, g_free);
  text = rapport_sync_journal_to_ical (mine, "alice@example.org", NULL);
  g_assert_nonnull (strstr (text, "ORGANIZER;CN=alice@example.org:mailto:alice@example.org\r\n"));
  g_assert_nonnull (strstr (text, "SUMMARY:Call with Grace Hopper\r\n"));
  g_assert_nonnull (strstr (text, "DTSTART:20261125T113000Z\r\n"));
  g_clear_pointer (&back, rapport_sync_journal_free);
  back = parse (text);
  g_assert_cmpstr (back->logged_by, ==, "alice@example.org");

  g_assert_null (diary_entry->customer_uid);
}

static void
test_malformed (void)
{
  static const char no_date[] =
    "BEGIN:VCALENDAR\r\nBEGIN:VJOURNAL\r\nUID:j\r\nX-RAPPORT-CUSTOMER:c\r\nEND:VJOURNAL\r\nEND:VCALENDAR\r\n";
  g_autofree char *truncated = g_strndup (bobs_call, 100);
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportSyncJournal) journal = NULL;

  journal = rapport_sync_journal_from_ical ("tasks/j.ics", truncated, strlen (truncated), &error);
  g_assert_null (journal);
  g_assert_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_PROTOCOL);
  g_clear_error (&error);
  journal = rapport_sync_journal_from_ical ("tasks/j.ics", no_date, strlen (no_date), &error);
  g_assert_null (journal);
  g_assert_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (error->message, "DTSTART"));
}

typedef struct
{
  RapportStore            *store;
  RapportPlaybookSettings  settings;
  gint64                   customer;
  gint64                   now;
} Book;

static char *
query_text (RapportStore *store,
            const char   *sql,
            gint64        id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStmt) stmt = rapport_store_prepare (store, sql, &error);

  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static void
book_set_up (Book          *book,
             gconstpointer  data)
{
  book->store = open_book_with_customer (CUSTOMER_UID, "Grace Hopper", &book->customer);
  rapport_playbook_settings_init_defaults (&book->settings);
  book->now = utc ("2026-11-25T13:00:00Z");
}

static void
book_tear_down (Book          *book,
                gconstpointer  data)
{
  g_clear_object (&book->store);
}

static RapportSyncApply
apply (Book               *book,
       RapportSyncJournal *journal,
       gint64             *id)
{
  g_autoptr(GError) error = NULL;
  RapportSyncApply outcome;

  g_assert_true (rapport_store_begin (book->store, &error));
  g_assert_true (rapport_sync_journal_apply (book->store, journal, "alice@example.org", &book->settings,
                                            book->now, id, &outcome, &error));
  g_assert_no_error (error);
  g_assert_true (rapport_store_commit (book->store, &error));
  return outcome;
}

/* Bob's call is Grace's last contact here too: her keep-in-touch check-in
 * moves to a full interval after it, and the timeline says Bob logged it. */
static void
test_teammate_contact (Book          *book,
                       gconstpointer  data)
{
  g_autoptr(RapportSyncJournal) bob = parse (bobs_call);
  g_autoptr(RapportSyncJournal) read = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *due_before = NULL;
  g_autofree char *due_after = NULL;
  g_autofree char *logged_by = NULL;
  gint64 id = 0, before, after;

  /* Her last contact here was 80 days ago: keep in touch is due soon. */
  g_assert_cmpint (book->customer, ==, 1);
  g_assert_true (rapport_store_exec (book->store,
                                     "INSERT INTO interaction (customer_id, happened_at, kind, summary)"
                                     " VALUES (1, '2026-09-06T09:00:00Z', 'call', '')", &error));
  g_assert_true (rapport_follow_ups_sync_customer (book->store, book->customer, &book->settings,
                                                   book->now, &error));
  g_assert_no_error (error);
  due_before = query_text (book->store, "SELECT min (due_at) FROM follow_up"
                           " WHERE customer_id = ?1 AND state = 'due' AND kind = 'keep_in_touch'",
                           book->customer);
  g_assert_nonnull (due_before);
  g_assert_true (rapport_time_parse_utc (due_before, &before));
  g_assert_cmpint (before, <, book->now + 15 * RAPPORT_SECONDS_PER_DAY);

  g_assert_cmpint (apply (book, bob, &id), ==, RAPPORT_SYNC_APPLY_ADDED);
  logged_by = query_text (book->store, "SELECT logged_by FROM interaction WHERE id = ?1", id);
  g_assert_cmpstr (logged_by, ==, "Bob Builder");
  due_after = query_text (book->store, "SELECT min (due_at) FROM follow_up"
                          " WHERE customer_id = ?1 AND state = 'due' AND kind = 'keep_in_touch'",
                          book->customer);
  g_assert_nonnull (due_after);
  g_assert_true (rapport_time_parse_utc (due_after, &after));
  g_assert_cmpint (after, >=, bob->happened_at + (book->settings.keep_in_touch_days - 1) * RAPPORT_SECONDS_PER_DAY);

  read = rapport_sync_journal_read (book->store, id, &error);
  g_assert_no_error (error);
  g_assert_true (rapport_sync_journal_equal (read, bob));

  /* Again: nothing changes. An edit on the server changes the row. */
  g_assert_cmpint (apply (book, bob, NULL), ==, RAPPORT_SYNC_APPLY_UNCHANGED);
  g_free (bob->summary);
  bob->summary = g_strdup ("Will order in February");
  g_assert_cmpint (apply (book, bob, NULL), ==, RAPPORT_SYNC_APPLY_CHANGED);
}

/* Our own entry coming back (a new laptop of Alice's) is not "logged by";
 * a contact the book logged at the same moment is not doubled; an entry
 * for no customer of the book is ignored. */
static void
test_own_twin_foreign (Book          *book,
                       gconstpointer  data)
{
  g_autoptr(RapportSyncJournal) mine = parse (bobs_call);
  g_autoptr(RapportSyncJournal) twin = NULL;
  g_autoptr(RapportSyncJournal) diary_entry = parse (diary);
  g_autofree char *logged_by = NULL;
  gint64 id = 0, twin_id = 0;

  g_free (mine->logged_by);
  mine->logged_by = g_strdup ("alice@example.org");
  g_assert_cmpint (apply (book, mine, &id), ==, RAPPORT_SYNC_APPLY_ADDED);
  logged_by = query_text (book->store, "SELECT logged_by FROM interaction WHERE id = ?1", id);
  g_assert_null (logged_by);

  twin = rapport_sync_journal_copy (mine);
  g_free (twin->uid);
  twin->uid = g_strdup ("urn:uuid:journal-from-the-other-laptop");
  g_assert_cmpint (apply (book, twin, &twin_id), ==, RAPPORT_SYNC_APPLY_UNCHANGED);
  g_assert_cmpint (twin_id, ==, id);

  g_assert_cmpint (apply (book, diary_entry, &id), ==, RAPPORT_SYNC_APPLY_IGNORED);
  g_assert_cmpint (id, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "Europe/Berlin", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_setenv ("RAPPORT_FAKE_NOW", "2026-11-25T13:00:00Z", TRUE);

  g_test_add_func ("/sync-journal/round-trip", test_round_trip);
  g_test_add_func ("/sync-journal/malformed", test_malformed);
  g_test_add ("/sync-journal/book/teammate-contact", Book, NULL, book_set_up, test_teammate_contact,
              book_tear_down);
  g_test_add ("/sync-journal/book/own-twin-foreign", Book, NULL, book_set_up, test_own_twin_foreign,
              book_tear_down);
  return g_test_run ();
}
