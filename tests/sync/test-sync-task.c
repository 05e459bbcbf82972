/* test-sync-task.c: check-ins as the VTODOs of a CalDAV task list
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * VTODOs as Thunderbird, GNOME, tasks.org and jtx Board write them are
 * read with libical (time zones, dates without a time, alarms, relations);
 * what they did to a check-in becomes what Rapport does (Done logs the
 * contact, a moved DUE moves it, cancelled skips it); what another client
 * put in a VTODO survives Rapport's next write; broken text is an error.
 */

#include "config.h"

#include <string.h>

#include "rapport-follow-ups.h"
#include "rapport-store.h"
#include "rapport-time.h"
#include "rapport-sync-card.h"
#include "rapport-sync-error.h"
#include "rapport-sync-task.h"
#include "sync-book.h"

#define CUSTOMER_UID "urn:uuid:0193a5b0-0000-7000-8000-00000000c001"

#define BERLIN \
  "BEGIN:VTIMEZONE\r\n" \
  "TZID:Europe/Berlin\r\n" \
  "BEGIN:DAYLIGHT\r\n" \
  "TZOFFSETFROM:+0100\r\n" \
  "TZOFFSETTO:+0200\r\n" \
  "TZNAME:CEST\r\n" \
  "DTSTART:19700329T020000\r\n" \
  "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r\n" \
  "END:DAYLIGHT\r\n" \
  "BEGIN:STANDARD\r\n" \
  "TZOFFSETFROM:+0200\r\n" \
  "TZOFFSETTO:+0100\r\n" \
  "TZNAME:CET\r\n" \
  "DTSTART:19701025T030000\r\n" \
  "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r\n" \
  "END:STANDARD\r\n" \
  "END:VTIMEZONE\r\n"

/* Completed in Thunderbird, which keeps Rapport's X- properties. */
static const char thunderbird[] =
  "BEGIN:VCALENDAR\r\n"
  "PRODID:-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN\r\n"
  "VERSION:2.0\r\n"
  BERLIN
  "BEGIN:VTODO\r\n"
  "CREATED:20261120T090000Z\r\n"
  "LAST-MODIFIED:20261125T121500Z\r\n"
  "DTSTAMP:20261125T121500Z\r\n"
  "UID:urn:uuid:task-thunderbird\r\n"
  "SUMMARY:Check in with Grace Hopper\r\n"
  "STATUS:COMPLETED\r\n"
  "DUE;TZID=Europe/Berlin:20261127T150000\r\n"
  "COMPLETED:20261125T121400Z\r\n"
  "PERCENT-COMPLETE:100\r\n"
  "DESCRIPTION:No contact for 92 days\r\n"
  "X-RAPPORT-KIND:keep_in_touch\r\n"
  "X-RAPPORT-CUSTOMER:" CUSTOMER_UID "\r\n"
  "CONTACT:Grace Hopper\r\n"
  "CATEGORIES:Work\r\n"
  "PRIORITY:1\r\n"
  "X-MOZ-GENERATION:3\r\n"
  "SEQUENCE:2\r\n"
  "BEGIN:VALARM\r\n"
  "ACTION:DISPLAY\r\n"
  "TRIGGER;VALUE=DURATION;RELATED=END:-PT15M\r\n"
  "DESCRIPTION:Default Mozilla Description\r\n"
  "END:VALARM\r\n"
  "END:VTODO\r\n"
  "END:VCALENDAR\r\n";

/* Made in GNOME (Evolution's backend): a date only, and linked to the
 * customer by RELATED-TO instead of Rapport's property. */
static const char gnome[] =
  "BEGIN:VCALENDAR\r\n"
  "VERSION:2.0\r\n"
  "PRODID:-//Ximian//NONSGML Evolution Calendar//EN\r\n"
  "BEGIN:VTODO\r\n"
  "UID:20261125T100000Z-4242-1000-1000-0@laptop\r\n"
  "DTSTAMP:20261125T100000Z\r\n"
  "CREATED:20261125T100000Z\r\n"
  "SUMMARY:Send the brochure\r\n"
  "DUE;VALUE=DATE:20261130\r\n"
  "STATUS:NEEDS-ACTION\r\n"
  "RELATED-TO:" CUSTOMER_UID "\r\n"
  "X-EVOLUTION-CALDAV-HREF:/tasks/x.ics\r\n"
  "END:VTODO\r\n"
  "END:VCALENDAR\r\n";

/* Cancelled in tasks.org (through DAVx5): the time zone after the task,
 * an alarm relative to DUE, a parent task. */
static const char tasks_org[] =
  "BEGIN:VCALENDAR\r\n"
  "VERSION:2.0\r\n"
  "PRODID:+//IDN tasks.org//android-130604//EN\r\n"
  "BEGIN:VTODO\r\n"
  "DTSTAMP:20261125T101010Z\r\n"
  "UID:urn:uuid:task-tasks-org\r\n"
  "CREATED:20261125T101010Z\r\n"
  "LAST-MODIFIED:20261125T101010Z\r\n"
  "SUMMARY:Check in with Grace Hopper\r\n"
  "PRIORITY:9\r\n"
  "STATUS:CANCELLED\r\n"
  "X-APPLE-SORT-ORDER:786543\r\n"
  "X-RAPPORT-CUSTOMER:" CUSTOMER_UID "\r\n"
  "X-RAPPORT-KIND:satisfaction_check\r\n"
  "DUE;TZID=Europe/Berlin:20261201T090000\r\n"
  "RELATED-TO;RELTYPE=PARENT:1234\r\n"
  "BEGIN:VALARM\r\n"
  "TRIGGER;RELATED=END:PT0S\r\n"
  "ACTION:DISPLAY\r\n"
  "DESCRIPTION:Default Tasks.org description\r\n"
  "END:VALARM\r\n"
  "END:VTODO\r\n"
  BERLIN
  "END:VCALENDAR\r\n";

/* Half done in jtx Board, which keeps dates only. */
static const char jtx[] =
  "BEGIN:VCALENDAR\r\n"
  "VERSION:2.0\r\n"
  "PRODID:+//IDN techbee.at//jtx Board v2.4.6.ose//EN\r\n"
  "BEGIN:VTODO\r\n"
  "UID:urn:uuid:task-jtx\r\n"
  "DTSTAMP:20261125T101500Z\r\n"
  "SUMMARY:Check in with Grace Hopper\r\n"
  "STATUS:IN-PROCESS\r\n"
  "PERCENT-COMPLETE:50\r\n"
  "DUE;VALUE=DATE:20261127\r\n"
  "X-RAPPORT-CUSTOMER:" CUSTOMER_UID "\r\n"
  "X-RAPPORT-KIND:keep_in_touch\r\n"
  "CONTACT:Grace Hopper\r\n"
  "END:VTODO\r\n"
  "END:VCALENDAR\r\n";

/* A plain to-do of someone's own: not Rapport's. */
static const char foreign[] =
  "BEGIN:VCALENDAR\r\n"
  "VERSION:2.0\r\n"
  "PRODID:-//Apple Inc.//iOS 17.1//EN\r\n"
  "BEGIN:VTODO\r\n"
  "UID:B0A1C2D3-E4F5\r\n"
  "DTSTAMP:20261125T101500Z\r\n"
  "SUMMARY:Buy milk\r\n"
  "END:VTODO\r\n"
  "END:VCALENDAR\r\n";

static gint64
utc (const char *text)
{
  gint64 t = 0;

  g_assert_true (rapport_time_parse_utc (text, &t));
  return t;
}

/* Long lines are folded; what they say is read unfolded. */
static char *
unfold (char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (p[0] == '\r' && p[1] == '\n' && (p[2] == ' ' || p[2] == '\t'))
        p += 2;
      else
        g_string_append_c (out, *p);
    }
  g_free (text);
  return g_string_free (out, FALSE);
}

static RapportSyncTask *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  RapportSyncTask *task = rapport_sync_task_from_ical ("tasks/x.ics", text, strlen (text), &error);

  g_assert_no_error (error);
  g_assert_nonnull (task);
  return task;
}

static RapportSyncTask *
own_task (const char *state)
{
  RapportSyncTask *task = rapport_sync_task_new ();

  task->uid = g_strdup (CUSTOMER_UID "#keep-in-touch:3");
  task->customer_uid = g_strdup (CUSTOMER_UID);
  g_free (task->customer_name);
  task->customer_name = g_strdup ("Grace Hopper");
  task->due_at = utc ("2026-11-27T08:00:00Z");
  g_free (task->reason);
  task->reason = g_strdup ("No contact for 92 days; bring something new");
  g_free (task->created_by);
  task->created_by = g_strdup ("playbook");
  g_free (task->state);
  task->state = g_strdup (state);
  if (g_str_equal (state, "snoozed"))
    task->snoozed_until = utc ("2026-11-29T08:00:00Z");
  if (g_str_equal (state, "done"))
    task->completed_at = utc ("2026-11-26T16:30:00Z");
  if (g_str_equal (state, "skipped"))
    task->completed_at = 0;
  return task;
}

static void
test_round_trip (void)
{
  static const char * const states[] = { "due", "snoozed", "done", "skipped" };

  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    {
      g_autoptr(RapportSyncTask) task = own_task (states[i]);
      g_autofree char *text = unfold (rapport_sync_task_to_ical (task, NULL));
      g_autoptr(RapportSyncTask) back = parse (text);
      g_autofree char *again = unfold (rapport_sync_task_to_ical (back, text));

      g_assert_true (rapport_sync_task_equal (task, back));
      g_assert_true (g_str_has_prefix (text, "BEGIN:VCALENDAR\r\n"));
      g_assert_nonnull (strstr (text, "VERSION:2.0\r\n"));
      g_assert_nonnull (strstr (text, "PRODID:-//Rapport//"));
      g_assert_nonnull (strstr (text, "SUMMARY:Check in with Grace Hopper\r\n"));
      g_assert_nonnull (strstr (text, "DESCRIPTION:No contact for 92 days\\; bring something new\r\n"));
      g_assert_nonnull (strstr (text, "X-RAPPORT-CUSTOMER:" CUSTOMER_UID "\r\n"));
      g_assert_nonnull (strstr (text, "CONTACT;ALTREP=\"" CUSTOMER_UID "\":Grace Hopper\r\n"));
      g_assert_nonnull (strstr (text, "X-RAPPORT-KIND:keep_in_touch\r\n"));
      /* Rewriting its own text changes nothing but the stamps. */
      g_assert_cmpuint (strlen (again), ==, strlen (text));
      switch (i)
        {
        case 0:
          g_assert_nonnull (strstr (text, "DUE:20261127T080000Z\r\n"));
          g_assert_nonnull (strstr (text, "STATUS:NEEDS-ACTION\r\n"));
          /* Phones alarm at the due time. */
          g_assert_nonnull (strstr (text, "BEGIN:VALARM\r\nX-RAPPORT-ALARM:1\r\nACTION:DISPLAY\r\n"
                                          "TRIGGER;VALUE=DATE-TIME:20261127T080000Z\r\n"));
          break;
        case 1:
          /* A snooze moves DUE; the due time it had stays beside it. */
          g_assert_nonnull (strstr (text, "DUE:20261129T080000Z\r\n"));
          g_assert_nonnull (strstr (text, "X-RAPPORT-DUE:2026-11-27T08:00:00Z\r\n"));
          g_assert_nonnull (strstr (text, "TRIGGER;VALUE=DATE-TIME:20261129T080000Z\r\n"));
          break;
        case 2:
          g_assert_nonnull (strstr (text, "STATUS:COMPLETED\r\n"));
          g_assert_nonnull (strstr (text, "COMPLETED:20261126T163000Z\r\n"));
          g_assert_null (strstr (text, "BEGIN:VALARM"));
          break;
        case 3:
          g_assert_nonnull (strstr (text, "STATUS:CANCELLED\r\n"));
          g_assert_null (strstr (text, "BEGIN:VALARM"));
          break;
        }
    }
}

static void
test_clients (void)
{
  g_autoptr(RapportSyncTask) tb = parse (thunderbird);
  g_autoptr(RapportSyncTask) gn = parse (gnome);
  g_autoptr(RapportSyncTask) to = parse (tasks_org);
  g_autoptr(RapportSyncTask) jt = parse (jtx);
  g_autoptr(RapportSyncTask) other = parse (foreign);

  g_assert_cmpstr (tb->uid, ==, "urn:uuid:task-thunderbird");
  g_assert_cmpstr (tb->customer_uid, ==, CUSTOMER_UID);
  g_assert_cmpstr (tb->customer_name, ==, "Grace Hopper");
  g_assert_cmpstr (tb->state, ==, "done");
  g_assert_cmpint (tb->completed_at, ==, utc ("2026-11-25T12:14:00Z"));
  /* 15:00 in Berlin in November is 14:00 UTC, by the VTIMEZONE. */
  g_assert_cmpint (tb->due_at, ==, utc ("2026-11-27T14:00:00Z"));
  g_assert_false (tb->due_is_date);
  g_assert_cmpstr (tb->reason, ==, "No contact for 92 days");

  g_assert_cmpstr (gn->customer_uid, ==, CUSTOMER_UID);
  g_assert_cmpstr (gn->state, ==, "due");
  g_assert_cmpstr (gn->kind, ==, "keep_in_touch");
  g_assert_true (gn->due_is_date);
  g_assert_cmpint (gn->due_at, ==, utc ("2026-11-29T23:00:00Z"));  /* Berlin's midnight */

  g_assert_cmpstr (to->state, ==, "skipped");
  g_assert_cmpstr (to->kind, ==, "satisfaction_check");
  g_assert_cmpint (to->due_at, ==, utc ("2026-12-01T08:00:00Z"));

  g_assert_cmpstr (jt->state, ==, "due");
  g_assert_true (jt->due_is_date);

  g_assert_null (other->customer_uid);
  g_assert_cmpint (other->due_at, ==, 0);
}

/* What Thunderbird put in the VTODO stays when Rapport moves it. */
static void
test_keeps_other_clients (void)
{
  g_autoptr(RapportSyncTask) task = parse (thunderbird);
  g_autofree char *text = NULL;
  g_autoptr(RapportSyncTask) back = NULL;
  const char *p;
  guint dues = 0;

  g_free (task->state);
  task->state = g_strdup ("due");
  task->completed_at = 0;
  task->due_at = utc ("2026-12-02T09:00:00Z");
  text = unfold (rapport_sync_task_to_ical (task, thunderbird));

  g_assert_nonnull (strstr (text, "BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\n"));
  g_assert_nonnull (strstr (text, "CATEGORIES:Work\r\n"));
  g_assert_nonnull (strstr (text, "PRIORITY:1\r\n"));
  g_assert_nonnull (strstr (text, "X-MOZ-GENERATION:3\r\n"));
  g_assert_nonnull (strstr (text, "PRODID:-//Rapport//"));
  g_assert_null (strstr (text, "PRODID:-//Mozilla.org"));
  g_assert_nonnull (strstr (text, "CREATED:20261120T090000Z\r\n"));
  /* libical drops VALUE=DURATION, the default: the same alarm. */
  g_assert_nonnull (strstr (text, "TRIGGER;RELATED=END:-PT15M\r\nDESCRIPTION:Default Mozilla Description\r\n"));
  g_assert_null (strstr (text, "PERCENT-COMPLETE"));
  g_assert_null (strstr (text, "COMPLETED:"));
  for (p = text; (p = strstr (p, "\r\nDUE")) != NULL; p++)
    dues++;
  g_assert_cmpuint (dues, ==, 1);
  g_assert_nonnull (strstr (text, "DUE:20261202T090000Z\r\n"));
  back = parse (text);
  g_assert_true (rapport_sync_task_equal (task, back));
}

static void
assert_error (const char *text,
              gsize       length,
              int         code,
              const char *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportSyncTask) task = rapport_sync_task_from_ical ("tasks/broken.ics", text, length, &error);

  g_assert_null (task);
  g_assert_error (error, RAPPORT_SYNC_ERROR, code);
  g_assert_nonnull (strstr (error->message, "tasks/broken.ics"));
  if (strstr (error->message, fragment) == NULL)
    g_error ("“%s” does not say “%s”", error->message, fragment);
}

static void
test_malformed (void)
{
  g_autofree char *truncated = g_strndup (thunderbird, strlen (thunderbird) / 2);
  g_autofree char *no_end = g_strndup (jtx, strlen (jtx) - strlen ("END:VCALENDAR\r\n"));
  g_autoptr(GString) huge = g_string_new ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VTODO\r\nUID:x\r\nX-BLOB:");
  g_autoptr(GString) large = NULL;
  g_autoptr(RapportSyncTask) task = NULL;
  g_autoptr(GError) error = NULL;

  assert_error (truncated, strlen (truncated), RAPPORT_SYNC_ERROR_PROTOCOL, "truncated");
  assert_error (no_end, strlen (no_end), RAPPORT_SYNC_ERROR_PROTOCOL, "END:VCALENDAR");
  assert_error ("", 0, RAPPORT_SYNC_ERROR_PROTOCOL, "empty");
  assert_error ("<html>502</html>", 16, RAPPORT_SYNC_ERROR_PROTOCOL, "not a complete iCalendar");
  assert_error ("BEGIN:VCALENDAR\0", 16, RAPPORT_SYNC_ERROR_PROTOCOL, "NUL");
  assert_error ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:e\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
                -1 + sizeof "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:e\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
                RAPPORT_SYNC_ERROR_PROTOCOL, "holds no VTODO");
  assert_error ("BEGIN:VCALENDAR\r\nBEGIN:VTODO\r\nSUMMARY:x\r\nEND:VTODO\r\nEND:VCALENDAR\r\n",
                strlen ("BEGIN:VCALENDAR\r\nBEGIN:VTODO\r\nSUMMARY:x\r\nEND:VTODO\r\nEND:VCALENDAR\r\n"),
                RAPPORT_SYNC_ERROR_PROTOCOL, "has no UID");
  assert_error ("BEGIN:VCALENDAR\r\nBEGIN:VTODO\r\nUID:x\r\nDUE:next tuesday\r\nEND:VTODO\r\nEND:VCALENDAR\r\n",
                strlen ("BEGIN:VCALENDAR\r\nBEGIN:VTODO\r\nUID:x\r\nDUE:next tuesday\r\nEND:VTODO\r\nEND:VCALENDAR\r\n"),
                RAPPORT_SYNC_ERROR_PROTOCOL, "DUE cannot be read");

  /* A reason longer than the book takes is an error, not cut. */
  {
    g_autoptr(GString) wordy = g_string_new ("BEGIN:VCALENDAR\r\nBEGIN:VTODO\r\nUID:w\r\nDESCRIPTION:");

    for (guint i = 0; i < 101; i++)
      g_string_append (wordy, "0123456789");
    g_string_append (wordy, "\r\nEND:VTODO\r\nEND:VCALENDAR\r\n");
    assert_error (wordy->str, wordy->len, RAPPORT_SYNC_ERROR_PROTOCOL, "Reason is too long: 1010 characters");
  }

  /* A 10 MB property is refused before it is parsed. */
  while (huge->len < 10 * 1024 * 1024)
    g_string_append (huge, "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
  g_string_append (huge, "\r\nEND:VTODO\r\nEND:VCALENDAR\r\n");
  assert_error (huge->str, huge->len, RAPPORT_SYNC_ERROR_TOO_LARGE, "10.0 MB");

  /* Under the limit, another client's large property is kept. */
  large = g_string_new ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VTODO\r\nUID:x\r\nX-RAPPORT-CUSTOMER:c\r\nX-BLOB:");
  while (large->len < 512 * 1024)
    g_string_append (large, "0123456789abcdef");
  g_string_append (large, "\r\nEND:VTODO\r\nEND:VCALENDAR\r\n");
  task = rapport_sync_task_from_ical ("tasks/large.ics", large->str, large->len, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (task->customer_uid, ==, "c");
}

/* ---- Into the book ----------------------------------------------------- */

typedef struct
{
  RapportStore *store;
  gint64        customer;
  gint64        follow_up;
  gint64        now;
} Book;

static gint64
query_int (RapportStore *store,
           const char   *sql,
           gint64        id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStmt) stmt = rapport_store_prepare (store, sql, &error);

  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
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

static void
book_set_up (Book          *book,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  book->store = open_book_with_customer (CUSTOMER_UID, "Grace Hopper", &book->customer);
  book->now = utc ("2026-11-25T13:00:00Z");
  book->follow_up = rapport_follow_up_add (book->store, book->customer, "keep_in_touch",
                                           utc ("2026-11-27T08:00:00Z"), "Bring the new catalogue",
                                           NULL, book->now, &error);
  g_assert_no_error (error);
}

static void
book_tear_down (Book          *book,
                gconstpointer  data)
{
  g_clear_object (&book->store);
}

static RapportSyncApply
apply (Book            *book,
       RapportSyncTask *task,
       gint64          *id)
{
  g_autoptr(GError) error = NULL;
  RapportSyncApply outcome;

  g_assert_true (rapport_store_begin (book->store, &error));
  g_assert_true (rapport_sync_task_apply (book->store, task, NULL, book->now, id, &outcome, &error));
  g_assert_no_error (error);
  g_assert_true (rapport_store_commit (book->store, &error));
  return outcome;
}

/* The book's own task, as the server sends it back after a client's edit. */
static RapportSyncTask *
read_task (Book *book)
{
  g_autoptr(GError) error = NULL;
  RapportSyncTask *task = rapport_sync_task_read (book->store, book->follow_up, &error);

  g_assert_no_error (error);
  return task;
}

static void
test_book_read (Book          *book,
                gconstpointer  data)
{
  g_autoptr(RapportSyncTask) task = read_task (book);
  g_autofree char *text = rapport_sync_task_to_ical (task, NULL);
  g_autoptr(RapportSyncTask) back = parse (text);
  gint64 id = 0;

  g_assert_nonnull (task->uid);
  g_assert_cmpstr (task->customer_uid, ==, CUSTOMER_UID);
  g_assert_cmpstr (task->customer_name, ==, "Grace Hopper");
  g_assert_cmpstr (task->state, ==, "due");
  g_assert_cmpint (task->due_at, ==, utc ("2026-11-27T08:00:00Z"));
  g_assert_cmpstr (task->reason, ==, "Bring the new catalogue");
  g_assert_true (rapport_sync_task_equal (task, back));
  g_assert_true (rapport_sync_task_find (book->store, task->uid, &id, NULL));
  g_assert_cmpint (id, ==, book->follow_up);

  /* Our own text back again: nothing to do. */
  g_assert_cmpint (apply (book, back, NULL), ==, RAPPORT_SYNC_APPLY_UNCHANGED);
}

/* Completed on the phone: done, and the contact it stands for is logged
 * when it was completed, as Done in Rapport logs it. */
static void
test_book_completed (Book          *book,
                     gconstpointer  data)
{
  g_autoptr(RapportSyncTask) task = parse (thunderbird);
  g_autofree char *state = NULL;
  g_autofree char *completed = NULL;
  g_autofree char *contact = NULL;

  g_free (task->uid);
  task->uid = query_text (book->store, "SELECT uid FROM follow_up WHERE id = ?1", book->follow_up);
  g_assert_cmpint (query_int (book->store, "SELECT count(*) FROM interaction WHERE customer_id = ?1",
                              book->customer), ==, 0);

  g_assert_cmpint (apply (book, task, NULL), ==, RAPPORT_SYNC_APPLY_CHANGED);
  state = query_text (book->store, "SELECT state FROM follow_up WHERE id = ?1", book->follow_up);
  completed = query_text (book->store, "SELECT completed_at FROM follow_up WHERE id = ?1", book->follow_up);
  contact = query_text (book->store, "SELECT max (happened_at) FROM interaction WHERE customer_id = ?1",
                        book->customer);
  g_assert_cmpstr (state, ==, "done");
  g_assert_cmpstr (completed, ==, "2026-11-25T12:14:00Z");
  g_assert_cmpstr (contact, ==, "2026-11-25T12:14:00Z");
  g_assert_cmpint (query_int (book->store, "SELECT count(*) FROM interaction WHERE customer_id = ?1",
                              book->customer), ==, 1);

  /* The same again changes nothing and logs nothing more. */
  g_assert_cmpint (apply (book, task, NULL), ==, RAPPORT_SYNC_APPLY_UNCHANGED);
  g_assert_cmpint (query_int (book->store, "SELECT count(*) FROM interaction WHERE customer_id = ?1",
                              book->customer), ==, 1);
}

static void
test_book_moved_snoozed_skipped (Book          *book,
                                 gconstpointer  data)
{
  g_autoptr(RapportSyncTask) task = read_task (book);
  g_autofree char *due = NULL;
  g_autofree char *by = NULL;
  g_autofree char *snoozed = NULL;
  g_autofree char *state = NULL;

  /* Moved on the phone: moved here, and the user's from now on. */
  task->due_at = utc ("2026-12-03T15:30:00Z");
  g_assert_cmpint (apply (book, task, NULL), ==, RAPPORT_SYNC_APPLY_CHANGED);
  due = query_text (book->store, "SELECT due_at FROM follow_up WHERE id = ?1", book->follow_up);
  by = query_text (book->store, "SELECT created_by FROM follow_up WHERE id = ?1", book->follow_up);
  g_assert_cmpstr (due, ==, "2026-12-03T15:30:00Z");
  g_assert_cmpstr (by, ==, "user");

  /* jtx keeps the date only: the same day moves nothing, another day
   * keeps the time of day. */
  task->due_at = utc ("2026-12-02T23:00:00Z");  /* 3 December in Berlin, as a date */
  task->due_is_date = TRUE;
  g_assert_cmpint (apply (book, task, NULL), ==, RAPPORT_SYNC_APPLY_UNCHANGED);
  task->due_at = utc ("2026-12-03T23:00:00Z");
  g_assert_cmpint (apply (book, task, NULL), ==, RAPPORT_SYNC_APPLY_CHANGED);
  g_clear_pointer (&due, g_free);
  due = query_text (book->store, "SELECT due_at FROM follow_up WHERE id = ?1", book->follow_up);
  g_assert_cmpstr (due, ==, "2026-12-04T15:30:00Z");

  /* Snoozed on another laptop. */
  task->due_is_date = FALSE;
  task->due_at = utc ("2026-12-04T15:30:00Z");
  g_free (task->state);
  task->state = g_strdup ("snoozed");
  task->snoozed_until = utc ("2026-12-06T08:00:00Z");
  g_assert_cmpint (apply (book, task, NULL), ==, RAPPORT_SYNC_APPLY_CHANGED);
  snoozed = query_text (book->store, "SELECT snoozed_until FROM follow_up WHERE id = ?1", book->follow_up);
  g_assert_cmpstr (snoozed, ==, "2026-12-06T08:00:00Z");

  /* Cancelled: skipped, and no contact. */
  g_free (task->state);
  task->state = g_strdup ("skipped");
  g_assert_cmpint (apply (book, task, NULL), ==, RAPPORT_SYNC_APPLY_CHANGED);
  state = query_text (book->store, "SELECT state FROM follow_up WHERE id = ?1", book->follow_up);
  g_assert_cmpstr (state, ==, "skipped");
  g_assert_cmpint (query_int (book->store, "SELECT count(*) FROM interaction WHERE customer_id = ?1",
                              book->customer), ==, 0);

  /* Reopened on the phone: open here again. */
  g_free (task->state);
  task->state = g_strdup ("due");
  g_assert_cmpint (apply (book, task, NULL), ==, RAPPORT_SYNC_APPLY_CHANGED);
  g_clear_pointer (&state, g_free);
  state = query_text (book->store, "SELECT state FROM follow_up WHERE id = ?1", book->follow_up);
  g_assert_cmpstr (state, ==, "due");
}

/* A VTODO the book has not seen: the user's own check-in when it names a
 * customer of the book, ignored when it does not. */
static void
test_book_new_tasks (Book          *book,
                     gconstpointer  data)
{
  g_autoptr(RapportSyncTask) gn = parse (gnome);
  g_autoptr(RapportSyncTask) other = parse (foreign);
  g_autoptr(RapportSyncTask) stranger = parse (jtx);
  g_autoptr(RapportSyncTask) sleepy = parse (jtx);
  g_autofree char *by = NULL;
  g_autofree char *uid = NULL;
  g_autofree char *due = NULL;
  gint64 id = -1;

  g_assert_cmpint (apply (book, gn, &id), ==, RAPPORT_SYNC_APPLY_ADDED);
  g_assert_cmpint (id, >, book->follow_up);
  by = query_text (book->store, "SELECT created_by FROM follow_up WHERE id = ?1", id);
  uid = query_text (book->store, "SELECT uid FROM follow_up WHERE id = ?1", id);
  due = query_text (book->store, "SELECT due_at FROM follow_up WHERE id = ?1", id);
  g_assert_cmpstr (by, ==, "user");
  g_assert_cmpstr (uid, ==, gn->uid);
  g_assert_cmpstr (due, ==, "2026-11-30T08:00:00Z");  /* 09:00 in Berlin */
  g_assert_cmpint (apply (book, gn, NULL), ==, RAPPORT_SYNC_APPLY_UNCHANGED);

  /* Snoozed without a time to wake up (set by hand): simply open. */
  g_free (sleepy->uid);
  sleepy->uid = g_strdup ("urn:uuid:task-snoozed-nowhere");
  g_free (sleepy->state);
  sleepy->state = g_strdup ("snoozed");
  g_assert_cmpint (apply (book, sleepy, &id), ==, RAPPORT_SYNC_APPLY_ADDED);
  g_clear_pointer (&by, g_free);
  by = query_text (book->store, "SELECT state || coalesce (snoozed_until, '') FROM follow_up WHERE id = ?1", id);
  g_assert_cmpstr (by, ==, "due");

  g_assert_cmpint (apply (book, other, &id), ==, RAPPORT_SYNC_APPLY_IGNORED);
  g_assert_cmpint (id, ==, 0);
  g_free (stranger->customer_uid);
  stranger->customer_uid = g_strdup ("urn:uuid:not-in-this-book");
  g_assert_cmpint (apply (book, stranger, &id), ==, RAPPORT_SYNC_APPLY_IGNORED);
  g_assert_cmpint (query_int (book->store, "SELECT count(*) FROM follow_up WHERE customer_id = ?1",
                              book->customer), ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  /* Dates without a time are local days: the tests live in Berlin. */
  g_setenv ("TZ", "Europe/Berlin", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_setenv ("RAPPORT_FAKE_NOW", "2026-11-25T13:00:00Z", TRUE);

  g_test_add_func ("/sync-task/round-trip", test_round_trip);
  g_test_add_func ("/sync-task/clients", test_clients);
  g_test_add_func ("/sync-task/keeps-other-clients", test_keeps_other_clients);
  g_test_add_func ("/sync-task/malformed", test_malformed);
  g_test_add ("/sync-task/book/read", Book, NULL, book_set_up, test_book_read, book_tear_down);
  g_test_add ("/sync-task/book/completed", Book, NULL, book_set_up, test_book_completed, book_tear_down);
  g_test_add ("/sync-task/book/moved-snoozed-skipped", Book, NULL, book_set_up,
              test_book_moved_snoozed_skipped, book_tear_down);
  g_test_add ("/sync-task/book/new-tasks", Book, NULL, book_set_up, test_book_new_tasks, book_tear_down);
  return g_test_run ();
}
