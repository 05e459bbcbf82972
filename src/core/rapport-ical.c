/* rapport-ical.c: open follow-ups as an iCalendar (RFC 5545) to-do list
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One VTODO per open follow-up, so a calendar or task app can show the
 * check-ins.  UIDs come from the follow-up's id, so importing a newer
 * export updates the same to-dos instead of doubling them.
 */

#define G_LOG_DOMAIN "rapport-ical"

#include "config.h"

#include <string.h>

#include "rapport-agenda.h"
#include "rapport-ical.h"
#include "rapport-time.h"

#define MAX_LINE_OCTETS 75
#define UID_DOMAIN "rapport.rapportapp.github.io"

/* RFC 5545 §3.3.11: backslash, semicolon, comma and newlines are escaped;
 * other control characters are not allowed in TEXT and become spaces. */
static void
append_text (GString    *out,
             const char *text)
{
  for (const char *p = text != NULL ? text : ""; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '\\': g_string_append (out, "\\\\"); break;
        case ';':  g_string_append (out, "\\;"); break;
        case ',':  g_string_append (out, "\\,"); break;
        case '\r':
          if (p[1] == '\n')
            p++;
          G_GNUC_FALLTHROUGH;
        case '\n': g_string_append (out, "\\n"); break;
        case '\t': g_string_append_c (out, '\t'); break;
        default:
          g_string_append_c (out, (guchar) *p < 0x20 || *p == 0x7f ? ' ' : *p);
          break;
        }
    }
}

/* RFC 5545 §3.1: lines longer than 75 octets are folded with CRLF and a
 * space, never inside a UTF-8 sequence. */
static void
append_folded (GString    *out,
               const char *line)
{
  gsize length = strlen (line);
  gsize start = 0;
  gsize room = MAX_LINE_OCTETS;

  while (length - start > room)
    {
      gsize cut = start + room;

      /* Back up to the first byte of a character. */
      while (cut > start && ((guchar) line[cut] & 0xc0) == 0x80)
        cut--;
      g_string_append_len (out, line + start, cut - start);
      g_string_append (out, "\r\n ");
      start = cut;
      room = MAX_LINE_OCTETS - 1;  /* the leading space counts */
    }
  g_string_append (out, line + start);
  g_string_append (out, "\r\n");
}

static void
append_property (GString    *out,
                 const char *name,
                 const char *value)
{
  g_autofree char *line = g_strconcat (name, ":", value, NULL);

  append_folded (out, line);
}

static void
append_text_property (GString    *out,
                      const char *name,
                      const char *text)
{
  g_autoptr(GString) value = g_string_new (NULL);
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);

  append_text (value, valid);
  append_property (out, name, value->str);
}

static void
append_time_property (GString    *out,
                      const char *name,
                      gint64      t)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (t);
  g_autofree char *value = dt != NULL ? g_date_time_format (dt, "%Y%m%dT%H%M%SZ") : NULL;

  append_property (out, name, value != NULL ? value : "19700101T000000Z");
}

/* The first second after @t's local day, or @t itself past what GDateTime
 * holds (the year 9999), which is no real follow-up's but must not crash. */
static gint64
end_of_day (gint64 t)
{
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (t);
  g_autoptr(GDateTime) next_day = NULL;

  if (local == NULL || (next_day = g_date_time_add_days (local, 1)) == NULL)
    return t;
  return rapport_agenda_end_of_today (t) + 1;
}

static void
append_todo (GString              *out,
             const RapportDueItem *item,
             gint64                now)
{
  g_autofree char *uid = g_strdup_printf ("follow-up-%" G_GINT64_FORMAT "@" UID_DOMAIN, item->id);
  g_autofree char *summary = g_strdup_printf ("%s: %s", rapport_follow_up_kind_label (item->kind),
                                              item->customer_name != NULL ? item->customer_name : "");
  gint64 due = item->overdue_at;

  /* DUE must come after DTSTART; without an explicit overdue time an
   * item is due by the end of its day. */
  if (due <= item->due_at)
    due = end_of_day (item->due_at);

  append_property (out, "BEGIN", "VTODO");
  append_property (out, "UID", uid);
  append_time_property (out, "DTSTAMP", now);
  append_text_property (out, "SUMMARY", summary);
  if (item->reason != NULL && *item->reason != '\0')
    append_text_property (out, "DESCRIPTION", item->reason);
  append_time_property (out, "DTSTART", item->due_at);
  append_time_property (out, "DUE", due);
  append_property (out, "STATUS", "NEEDS-ACTION");
  append_property (out, "END", "VTODO");
}

/**
 * rapport_ical_write:
 * @items: (element-type RapportDueItem): open follow-ups, as from
 *   rapport_agenda_list_open()
 * @now: the export's time stamp (DTSTAMP)
 *
 * Returns: (transfer full): an RFC 5545 calendar with one VTODO per item
 */
char *
rapport_ical_write (GPtrArray *items,
                    gint64     now)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (items != NULL, NULL);

  append_property (out, "BEGIN", "VCALENDAR");
  append_property (out, "VERSION", "2.0");
  append_property (out, "PRODID", "-//Rapport//Rapport " PACKAGE_VERSION "//EN");
  append_property (out, "CALSCALE", "GREGORIAN");

  for (guint i = 0; i < items->len; i++)
    {
      const RapportDueItem *item = g_ptr_array_index (items, i);

      if (item->due_at > 0)
        append_todo (out, item, now);
    }

  append_property (out, "END", "VCALENDAR");
  return g_string_free (out, FALSE);
}

/**
 * rapport_ical_export:
 *
 * The exporter's ".ics" format: every open follow-up in the book, stamped
 * with the current time.
 *
 * Returns: (transfer full): the file's contents, or %NULL with @error set
 */
char *
rapport_ical_export (RapportStore  *store,
                     GError       **error)
{
  g_autoptr(GPtrArray) items = NULL;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);

  if ((items = rapport_agenda_list_open (store, error)) == NULL)
    return NULL;
  return rapport_ical_write (items, rapport_time_now ());
}
