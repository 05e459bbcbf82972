/* test-ical.c: the iCalendar export of open follow-ups
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <time.h>

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "rapport-agenda.h"
#include "rapport-exporter.h"
#include "rapport-follow-ups.h"
#include "rapport-ical.h"
#include "rapport-time.h"

static RapportDueItem *
due_item (gint64      id,
          const char *customer,
          const char *kind,
          gint64      due_at,
          gint64      overdue_at,
          const char *reason)
{
  RapportDueItem *item = g_new0 (RapportDueItem, 1);

  item->id = id;
  item->customer_id = 1;
  item->customer_name = g_strdup (customer);
  item->kind = g_strdup (kind);
  item->due_at = due_at;
  item->overdue_at = overdue_at;
  item->reason = g_strdup (reason);
  return item;
}

static gint64
utc (int year,
     int month,
     int day,
     int hour)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (year, month, day, hour, 0, 0);

  return g_date_time_to_unix (dt);
}

/* A tiny RFC 5545 reader, strict about what the writer promises: CRLF
 * only, no line over 75 octets, continuation lines start with one space,
 * folds never split a UTF-8 character, components nest properly.  Returns
 * the unfolded content lines. */
static GPtrArray *
parse_ical (const char *text)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) stack = g_ptr_array_new_with_free_func (g_free);
  const char *p = text;

  g_assert_true (g_str_has_suffix (text, "\r\n"));
  while (*p != '\0')
    {
      const char *end = strstr (p, "\r\n");
      g_autofree char *physical = NULL;

      g_assert_nonnull (end);
      physical = g_strndup (p, end - p);
      g_assert_null (strchr (physical, '\n'));
      g_assert_null (strchr (physical, '\r'));
      g_assert_cmpuint (strlen (physical), <=, 75);
      g_assert_true (g_utf8_validate (physical, -1, NULL));

      if (physical[0] == ' ')
        {
          char *last;

          g_assert_cmpuint (lines->len, >, 0);
          last = g_ptr_array_index (lines, lines->len - 1);
          g_ptr_array_index (lines, lines->len - 1) = g_strconcat (last, physical + 1, NULL);
          g_free (last);
        }
      else
        {
          g_assert_nonnull (strchr (physical, ':'));
          g_ptr_array_add (lines, g_steal_pointer (&physical));
        }
      p = end + 2;
    }

  for (guint i = 0; i < lines->len; i++)
    {
      const char *line = g_ptr_array_index (lines, i);

      if (g_str_has_prefix (line, "BEGIN:"))
        g_ptr_array_add (stack, g_strdup (line + 6));
      else if (g_str_has_prefix (line, "END:"))
        {
          g_assert_cmpuint (stack->len, >, 0);
          g_assert_cmpstr (g_ptr_array_index (stack, stack->len - 1), ==, line + 4);
          g_ptr_array_remove_index (stack, stack->len - 1);
        }
    }
  g_assert_cmpuint (stack->len, ==, 0);

  return g_steal_pointer (&lines);
}

static GPtrArray *
values_of (GPtrArray  *lines,
           const char *name)
{
  GPtrArray *values = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *prefix = g_strconcat (name, ":", NULL);

  for (guint i = 0; i < lines->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (lines, i), prefix))
      g_ptr_array_add (values, g_strdup ((char *) g_ptr_array_index (lines, i) + strlen (prefix)));
  return values;
}

static char *
unescape (const char *value)
{
  GString *out = g_string_new (NULL);

  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p != '\\')
        {
          g_assert_true (*p != ';' && *p != ',');
          g_string_append_c (out, *p);
          continue;
        }
      p++;
      switch (*p)
        {
        case 'n': case 'N': g_string_append_c (out, '\n'); break;
        case '\\': case ';': case ',': g_string_append_c (out, *p); break;
        default: g_error ("bad escape \\%c", *p);
        }
    }
  return g_string_free (out, FALSE);
}

static void
test_ical_structure (void)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_due_item_free);
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GPtrArray) starts = NULL;
  g_autoptr(GPtrArray) dues = NULL;
  g_autoptr(GPtrArray) summaries = NULL;
  g_autoptr(GPtrArray) statuses = NULL;
  g_autofree char *text = NULL;

  g_ptr_array_add (items, due_item (5, "Ada Lovelace", "delivery_check_in",
                                    utc (2026, 11, 5, 9), 0, "Delivered Acme CRM 3 days ago"));
  g_ptr_array_add (items, due_item (9, "Grace Hopper", "contact_referral",
                                    utc (2026, 11, 2, 15), utc (2026, 11, 3, 15), "Referred by Ada"));
  text = rapport_ical_write (items, utc (2026, 11, 2, 9));
  lines = parse_ical (text);

  g_assert_true (g_str_has_prefix (text, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Rapport//"));
  g_assert_cmpstr (g_ptr_array_index (lines, lines->len - 1), ==, "END:VCALENDAR");

  summaries = values_of (lines, "SUMMARY");
  g_assert_cmpuint (summaries->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (summaries, 0), ==, "Delivery check-in: Ada Lovelace");

  starts = values_of (lines, "DTSTART");
  dues = values_of (lines, "DUE");
  g_assert_cmpstr (g_ptr_array_index (starts, 0), ==, "20261105T090000Z");
  /* Without an overdue time, due by the end of its (UTC) day. */
  g_assert_cmpstr (g_ptr_array_index (dues, 0), ==, "20261106T000000Z");
  g_assert_cmpstr (g_ptr_array_index (starts, 1), ==, "20261102T150000Z");
  g_assert_cmpstr (g_ptr_array_index (dues, 1), ==, "20261103T150000Z");

  statuses = values_of (lines, "STATUS");
  g_assert_cmpuint (statuses->len, ==, 2);
  g_assert_nonnull (strstr (text, "\r\nSTATUS:NEEDS-ACTION\r\n"));
  g_assert_nonnull (strstr (text, "\r\nDTSTAMP:20261102T090000Z\r\n"));
  g_assert_nonnull (strstr (text, "\r\nUID:follow-up-9@rapport.rapportapp.github.io\r\n"));
}

static void
test_ical_escaping (void)
{
  const char *reason = "Line one; with, commas\\and a backslash\nline two\r\nline three";
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_due_item_free);
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GPtrArray) descriptions = NULL;
  g_autoptr(GPtrArray) summaries = NULL;
  g_autofree char *text = NULL;
  g_autofree char *back = NULL;
  g_autofree char *name = NULL;

  g_ptr_array_add (items, due_item (1, "Smith, Jones; & Co", "keep_in_touch",
                                    utc (2026, 11, 5, 9), 0, reason));
  text = rapport_ical_write (items, utc (2026, 11, 2, 9));
  lines = parse_ical (text);

  descriptions = values_of (lines, "DESCRIPTION");
  g_assert_cmpstr (g_ptr_array_index (descriptions, 0), ==,
                   "Line one\\; with\\, commas\\\\and a backslash\\nline two\\nline three");
  back = unescape (g_ptr_array_index (descriptions, 0));
  g_assert_cmpstr (back, ==, "Line one; with, commas\\and a backslash\nline two\nline three");

  summaries = values_of (lines, "SUMMARY");
  name = unescape (g_ptr_array_index (summaries, 0));
  g_assert_cmpstr (name, ==, "Keep in touch: Smith, Jones; & Co");
}

/* A reason of 300+ bytes, mostly four-byte emoji: every fold must land
 * between characters, and unfolding must give back the exact text. */
static void
test_ical_folding (void)
{
  g_autoptr(GString) reason = g_string_new ("Delighted 🎉");
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_due_item_free);
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GPtrArray) descriptions = NULL;
  g_autofree char *text = NULL;
  g_autofree char *back = NULL;
  guint n_folds = 0;

  while (reason->len < 300)
    g_string_append (reason, "😀é🚀 ü");
  g_ptr_array_add (items, due_item (1, "Zoë 🌟", "testimonial_ask", utc (2026, 11, 5, 9), 0, reason->str));
  text = rapport_ical_write (items, utc (2026, 11, 2, 9));
  lines = parse_ical (text);

  for (const char *p = text; (p = strstr (p, "\r\n ")) != NULL; p += 3)
    n_folds++;
  g_assert_cmpuint (n_folds, >=, 4);

  descriptions = values_of (lines, "DESCRIPTION");
  back = unescape (g_ptr_array_index (descriptions, 0));
  g_assert_cmpstr (back, ==, reason->str);
}

/* Exporting twice gives the same UIDs, so a calendar updates its to-dos
 * instead of doubling them. */
static void
test_ical_stable_uids (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "rapport", "rapport.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStore) store = rapport_store_open (path, &error);
  g_autoptr(GPtrArray) first_uids = NULL;
  g_autoptr(GPtrArray) second_uids = NULL;
  g_autoptr(GPtrArray) first_lines = NULL;
  g_autoptr(GPtrArray) second_lines = NULL;
  g_autoptr(GPtrArray) stamps = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  RapportPlaybookSettings settings;

  g_assert_no_error (error);
  rapport_playbook_settings_init_defaults (&settings);
  rapport_store_exec (store,
                      "INSERT INTO customer (id, name, created_at, updated_at)"
                      " VALUES (1, 'Ada', '2026-01-05T10:00:00Z', '2026-01-05T10:00:00Z');"
                      "INSERT INTO sale (id, customer_id, product, closed_on, delivered_on, created_at)"
                      " VALUES (12, 1, 'Acme CRM', '2026-11-01', '2026-11-01', '2026-11-01T09:00:00Z');",
                      &error);
  g_assert_no_error (error);
  g_assert_true (rapport_follow_ups_sync_all (store, &settings, utc (2026, 11, 2, 9), &error));

  g_setenv ("RAPPORT_FAKE_NOW", "2026-11-02T09:00:00Z", TRUE);
  first = rapport_ical_export (store, &error);
  g_assert_no_error (error);
  /* Another sync (a day later) rewords items but keeps their ids. */
  g_assert_true (rapport_follow_ups_sync_all (store, &settings, utc (2026, 11, 3, 9), &error));
  g_setenv ("RAPPORT_FAKE_NOW", "2026-11-03T09:00:00Z", TRUE);
  second = rapport_ical_export (store, &error);
  g_assert_no_error (error);
  g_unsetenv ("RAPPORT_FAKE_NOW");

  first_lines = parse_ical (first);
  second_lines = parse_ical (second);
  first_uids = values_of (first_lines, "UID");
  second_uids = values_of (second_lines, "UID");
  g_assert_cmpuint (first_uids->len, >=, 5);
  g_assert_cmpuint (first_uids->len, ==, second_uids->len);
  for (guint i = 0; i < first_uids->len; i++)
    {
      g_assert_true (g_str_has_prefix (g_ptr_array_index (first_uids, i), "follow-up-"));
      g_assert_true (g_str_has_suffix (g_ptr_array_index (first_uids, i), "@rapport.rapportapp.github.io"));
      g_assert_cmpstr (g_ptr_array_index (first_uids, i), ==, g_ptr_array_index (second_uids, i));
    }
  stamps = values_of (second_lines, "DTSTAMP");
  g_assert_cmpstr (g_ptr_array_index (stamps, 0), ==, "20261103T090000Z");
}

/* --export FILE.ics goes through the exporter's table: written whole,
 * private to the user. */
static void
test_ical_export_file (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "rapport", "rapport.db", NULL);
  g_autofree char *target = g_build_filename (g_get_user_data_dir (), "check-ins.ics", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStore) store = rapport_store_open (path, &error);
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GPtrArray) summaries = NULL;
  g_autofree char *text = NULL;
  RapportPlaybookSettings settings;
  GStatBuf st;

  g_assert_no_error (error);
  rapport_playbook_settings_init_defaults (&settings);
  rapport_store_exec (store,
                      "INSERT INTO customer (id, name, created_at, updated_at)"
                      " VALUES (1, 'Ada', '2026-01-05T10:00:00Z', '2026-01-05T10:00:00Z');",
                      &error);
  g_assert_no_error (error);
  g_assert_true (rapport_follow_ups_sync_all (store, &settings, utc (2026, 11, 2, 9), &error));

  g_assert_true (rapport_exporter_write_file (store, target, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (target, &text, NULL, &error));
  lines = parse_ical (text);
  summaries = values_of (lines, "SUMMARY");
  g_assert_cmpuint (summaries->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (summaries, 0), ==, "Keep in touch: Ada");
  g_assert_cmpint (g_stat (target, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 0777, ==, 0600);
}

static void
test_ical_empty (void)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  g_autofree char *text = rapport_ical_write (items, utc (2026, 11, 2, 9));
  g_autoptr(GPtrArray) lines = parse_ical (text);

  g_assert_null (strstr (text, "VTODO"));
  g_assert_cmpstr (g_ptr_array_index (lines, 0), ==, "BEGIN:VCALENDAR");
}

/* ---- Found by fuzzing (tests/fuzz) ------------------------------------ */

static void
test_ical_fuzz_far_future (void)
{
  /* Past the year 9999, where GDateTime ends, the end of the due day was
   * a critical (an abort under G_DEBUG=fatal-criticals), not a calendar. */
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_due_item_free);
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GPtrArray) summaries = NULL;
  g_autofree char *text = NULL;

  g_ptr_array_add (items, due_item (1, "Ada", "keep_in_touch", G_MAXINT64, 0, NULL));
  g_ptr_array_add (items, due_item (2, "Grace", "keep_in_touch", utc (9999, 12, 31, 23), 0, NULL));
  g_ptr_array_add (items, due_item (3, "Linus", "keep_in_touch", utc (2026, 11, 5, 9), 0, NULL));
  text = rapport_ical_write (items, G_MAXINT64);
  lines = parse_ical (text);

  summaries = values_of (lines, "SUMMARY");
  g_assert_cmpuint (summaries->len, ==, 3);
  g_assert_nonnull (strstr (text, "\r\nDTSTART:20261105T090000Z\r\nDUE:20261106T000000Z\r\n"));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  tzset ();
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ical/structure", test_ical_structure);
  g_test_add_func ("/ical/escaping", test_ical_escaping);
  g_test_add_func ("/ical/folding", test_ical_folding);
  g_test_add_func ("/ical/stable-uids", test_ical_stable_uids);
  g_test_add_func ("/ical/export-file", test_ical_export_file);
  g_test_add_func ("/ical/empty", test_ical_empty);
  g_test_add_func ("/ical/fuzz/far-future", test_ical_fuzz_far_future);

  return g_test_run ();
}
