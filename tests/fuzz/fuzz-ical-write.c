/* fuzz-ical-write.c: rapport_ical_write () on follow-ups made of fuzz bytes
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The bytes become a list of due items: names, kinds and reasons of any
 * bytes (invalid UTF-8 and control characters included), times from
 * realistic to absurd.  Whatever they hold, the calendar must keep
 * RFC 5545's promises: CRLF line ends, no line over 75 octets, valid
 * UTF-8, one VTODO per dated item, DUE after DTSTART.
 */

#define G_LOG_DOMAIN "rapport-fuzz"

#include "config.h"

#include <string.h>

#include "fuzz-common.h"
#include "rapport-agenda.h"
#include "rapport-ical.h"

#define MAX_LINE_OCTETS 75
/* What the writer puts for a time GDateTime cannot hold. */
#define NO_TIME "19700101T000000Z"

static const char * const kinds[] = {
  "preposition_referral", "delivery_check_in", "satisfaction_check", "introduction_ask",
  "contact_referral", "keep_source_informed", "thank_referrer", "follow_up_meeting",
  "keep_in_touch", "testimonial_ask", "reference_care",
};

typedef struct
{
  const guint8 *data;
  size_t        left;
} Bytes;

static guint8
take_byte (Bytes *bytes)
{
  if (bytes->left == 0)
    return 0;
  bytes->left--;
  return *bytes->data++;
}

static guint64
take_u64 (Bytes *bytes)
{
  guint64 value = 0;

  for (guint i = 0; i < 8; i++)
    value = value << 8 | take_byte (bytes);
  return value;
}

/* Mostly times around now, where the real book's are, and sometimes the
 * far past, the far future and the ends of gint64. */
static gint64
take_time (Bytes *bytes)
{
  const gint64 base = 1798761600;  /* 2027-01-01 */
  guint8 how = take_byte (bytes);
  gint64 raw = (gint64) take_u64 (bytes);

  switch (how % 8)
    {
    case 0: return 0;
    case 1: return raw;
    case 2: return raw % ((gint64) 20000 * 366 * 86400);
    case 3: return raw == G_MININT64 ? G_MAXINT64 : -raw;
    default: return base + raw % ((gint64) 4 * 366 * 86400);
    }
}

/* A C string of up to 255 bytes as given: it ends early at a NUL. */
static char *
take_string (Bytes *bytes)
{
  guint8 length = take_byte (bytes);

  if (length == 255)
    return NULL;
  length = MIN (length, bytes->left);
  bytes->data += length;
  bytes->left -= length;
  return g_strndup ((const char *) bytes->data - length, length);
}

static RapportDueItem *
take_item (Bytes *bytes)
{
  RapportDueItem *item = g_new0 (RapportDueItem, 1);
  guint8 kind = take_byte (bytes);

  item->id = (gint64) take_u64 (bytes);
  item->customer_id = 1;
  item->customer_name = take_string (bytes);
  item->kind = kind < G_N_ELEMENTS (kinds) * 16 ? g_strdup (kinds[kind % G_N_ELEMENTS (kinds)])
                                                : take_string (bytes);
  item->due_at = take_time (bytes);
  item->overdue_at = take_byte (bytes) % 2 ? take_time (bytes) : 0;
  item->reason = take_string (bytes);
  item->snoozed = take_byte (bytes) % 2;
  return item;
}

static void
check_times (const char *dtstart,
             const char *due)
{
  if (dtstart == NULL || due == NULL)
    g_error ("a VTODO without DTSTART or DUE");
  if (strcmp (dtstart, NO_TIME) != 0 && strcmp (due, NO_TIME) != 0 && strcmp (due, dtstart) <= 0)
    g_error ("DUE %s is not after DTSTART %s", due, dtstart);
}

/* Checks the physical lines and returns the unfolded content lines. */
static GPtrArray *
unfold (const char *text)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  if (!g_utf8_validate (text, -1, NULL))
    g_error ("the calendar is not valid UTF-8");
  if (!g_str_has_suffix (text, "\r\n"))
    g_error ("the calendar does not end with CRLF");

  for (const char *p = text; *p != '\0'; )
    {
      const char *end = strstr (p, "\r\n");
      gsize length = end - p;

      if (memchr (p, '\n', length) != NULL || memchr (p, '\r', length) != NULL)
        g_error ("a line break that is not CRLF");
      if (length > MAX_LINE_OCTETS)
        g_error ("a line of %zu octets: %.*s", length, (int) length, p);
      if (!g_utf8_validate (p, length, NULL))
        g_error ("a fold splits a UTF-8 character");
      for (gsize i = 0; i < length; i++)
        if (((guchar) p[i] < 0x20 && p[i] != '\t') || p[i] == 0x7f)
          g_error ("a control character 0x%02x in a line", (guchar) p[i]);

      if (*p == ' ')
        {
          char *last;

          if (lines->len == 0)
            g_error ("the calendar starts with a continuation line");
          last = g_ptr_array_index (lines, lines->len - 1);
          g_ptr_array_index (lines, lines->len - 1) = g_strdup_printf ("%s%.*s", last,
                                                                       (int) length - 1, p + 1);
          g_free (last);
        }
      else
        g_ptr_array_add (lines, g_strndup (p, length));
      p = end + 2;
    }
  return g_steal_pointer (&lines);
}

static void
check_calendar (const char *text,
                guint       expected_todos)
{
  g_autoptr(GPtrArray) lines = unfold (text);
  const char *dtstart = NULL, *due = NULL;
  guint todos = 0;
  gboolean in_todo = FALSE;

  if (lines->len < 2 ||
      strcmp (g_ptr_array_index (lines, 0), "BEGIN:VCALENDAR") != 0 ||
      strcmp (g_ptr_array_index (lines, lines->len - 1), "END:VCALENDAR") != 0)
    g_error ("the calendar is not one VCALENDAR");

  for (guint i = 0; i < lines->len; i++)
    {
      const char *line = g_ptr_array_index (lines, i);

      if (strchr (line, ':') == NULL)
        g_error ("a content line without “:”: %s", line);
      if (strcmp (line, "BEGIN:VTODO") == 0)
        {
          if (in_todo)
            g_error ("a VTODO inside a VTODO");
          in_todo = TRUE;
          dtstart = due = NULL;
          todos++;
        }
      else if (strcmp (line, "END:VTODO") == 0)
        {
          if (!in_todo)
            g_error ("END:VTODO outside a VTODO");
          check_times (dtstart, due);
          in_todo = FALSE;
        }
      else if (g_str_has_prefix (line, "DTSTART:"))
        dtstart = line + strlen ("DTSTART:");
      else if (g_str_has_prefix (line, "DUE:"))
        due = line + strlen ("DUE:");
    }

  if (in_todo)
    g_error ("a VTODO without END:VTODO");
  if (todos != expected_todos)
    g_error ("%u VTODOs for %u dated items", todos, expected_todos);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_due_item_free);
  g_autofree char *text = NULL;
  Bytes bytes = { data, size };
  gint64 now = take_time (&bytes);
  guint dated = 0;

  while (bytes.left > 0 && items->len < 64)
    {
      RapportDueItem *item = take_item (&bytes);

      if (item->due_at > 0)
        dated++;
      g_ptr_array_add (items, item);
    }

  text = rapport_ical_write (items, now);
  check_calendar (text, dated);
  return 0;
}
