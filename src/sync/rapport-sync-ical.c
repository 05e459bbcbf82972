/* rapport-sync-ical.c: what the VTODO and VJOURNAL mappings share
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every calendar object goes through libical, never through hand-written
 * parsing: Thunderbird, GNOME, tasks.org and jtx each write iCalendar a
 * little differently (VTIMEZONEs, dates without a time, floating times,
 * alarms, relations), and a real parser reads them all.  An object written
 * before by another client is reused, so what Rapport does not own in it
 * (categories, priority, their alarms, unknown properties) is kept.
 */

#define G_LOG_DOMAIN "rapport-sync-ical"

#include "config.h"

#include <string.h>
#include <stdlib.h>
#include <glib/gi18n.h>

#include "rapport-time.h"
#include "rapport-sync-error.h"
#include "rapport-sync-ical.h"

#define PRODID "-//Rapport//Rapport " PACKAGE_VERSION "//EN"

static icalcomponent *
find_master (icalcomponent      *calendar,
             icalcomponent_kind  kind)
{
  icalcomponent *first = icalcomponent_get_first_component (calendar, kind);

  /* Recurring items may come with their exceptions: the master is the one
   * without a RECURRENCE-ID. */
  for (icalcomponent *c = first; c != NULL; c = icalcomponent_get_next_component (calendar, kind))
    if (icalcomponent_get_first_property (c, ICAL_RECURRENCEID_PROPERTY) == NULL)
      return c;
  return first;
}

/* The VCALENDAR of a parse: several objects in one text come as an XROOT. */
static icalcomponent *
take_calendar (icalcomponent *root)
{
  icalcomponent *calendar;

  if (icalcomponent_isa (root) == ICAL_VCALENDAR_COMPONENT)
    return root;
  calendar = icalcomponent_isa (root) == ICAL_XROOT_COMPONENT
             ? icalcomponent_get_first_component (root, ICAL_VCALENDAR_COMPONENT) : NULL;
  if (calendar != NULL)
    icalcomponent_remove_component (root, calendar);
  icalcomponent_free (root);
  return calendar;
}

static icalcomponent *
parse_text (const char *data,
            gsize       length)
{
  g_autofree char *text = g_utf8_make_valid (data, length);
  icalcomponent *root = icalparser_parse_string (text);

  return root != NULL ? take_calendar (root) : NULL;
}

static void
strip_errors (icalcomponent *component)
{
  rapport_sync_ical_remove_all (component, ICAL_XLICERROR_PROPERTY);
  for (icalcomponent *c = icalcomponent_get_first_component (component, ICAL_ANY_COMPONENT);
       c != NULL; c = icalcomponent_get_next_component (component, ICAL_ANY_COMPONENT))
    strip_errors (c);
}

/**
 * rapport_sync_ical_parse:
 * @display_name: where the text came from, for messages (its href)
 * @kind: ICAL_VTODO_COMPONENT or ICAL_VJOURNAL_COMPONENT
 * @master: (out): the calendar's main component of @kind
 *
 * Returns: (transfer full): the VCALENDAR, or %NULL with @error set
 *   (RAPPORT_SYNC_ERROR_TOO_LARGE, RAPPORT_SYNC_ERROR_PROTOCOL)
 */
icalcomponent *
rapport_sync_ical_parse (const char          *display_name,
                         const char          *data,
                         gsize                length,
                         icalcomponent_kind   kind,
                         icalcomponent      **master,
                         GError             **error)
{
  g_autoptr(icalcomponent) calendar = NULL;

  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (master != NULL, NULL);

  if (length > RAPPORT_SYNC_ICAL_MAX)
    {
      g_set_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_TOO_LARGE,
                   _("%s is %.1f MB, more than the %d MB a check-in or contact may take"),
                   display_name, length / (1024.0 * 1024.0), RAPPORT_SYNC_ICAL_MAX / (1024 * 1024));
      return NULL;
    }
  if (length == 0 || memchr (data, '\0', length) != NULL)
    {
      g_set_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_PROTOCOL,
                   length == 0 ? _("%s is empty") : _("%s holds a NUL byte, so it is not iCalendar text"),
                   display_name);
      return NULL;
    }
  calendar = parse_text (data, length);
  if (calendar == NULL)
    {
      g_set_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_PROTOCOL,
                   _("%s is not a complete iCalendar object (BEGIN:VCALENDAR … END:VCALENDAR); it may be truncated"),
                   display_name);
      return NULL;
    }
  *master = find_master (calendar, kind);
  if (*master == NULL)
    {
      g_set_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_PROTOCOL,
                   _("%s holds no %s"), display_name, icalcomponent_kind_to_string (kind));
      return NULL;
    }
  if (icalcomponent_get_uid (*master) == NULL || *icalcomponent_get_uid (*master) == '\0')
    {
      g_set_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_PROTOCOL,
                   _("The %s of %s has no UID"), icalcomponent_kind_to_string (kind), display_name);
      return NULL;
    }
  return g_steal_pointer (&calendar);
}

/**
 * rapport_sync_ical_kind:
 *
 * Returns: whether the object holds a VTODO or a VJOURNAL (the first of
 *   them), or ICAL_NO_COMPONENT when it is neither or is not iCalendar
 */
icalcomponent_kind
rapport_sync_ical_kind (const char *data,
                        gsize       length)
{
  g_autoptr(icalcomponent) calendar = NULL;

  if (data == NULL || length > RAPPORT_SYNC_ICAL_MAX || memchr (data, '\0', length) != NULL)
    return ICAL_NO_COMPONENT;
  if ((calendar = parse_text (data, length)) == NULL)
    return ICAL_NO_COMPONENT;
  for (icalcomponent *c = icalcomponent_get_first_component (calendar, ICAL_ANY_COMPONENT);
       c != NULL; c = icalcomponent_get_next_component (calendar, ICAL_ANY_COMPONENT))
    if (icalcomponent_isa (c) == ICAL_VTODO_COMPONENT || icalcomponent_isa (c) == ICAL_VJOURNAL_COMPONENT)
      return icalcomponent_isa (c);
  return ICAL_NO_COMPONENT;
}

/**
 * rapport_sync_ical_reuse:
 * @previous: (nullable): the object as last agreed with the server
 * @master: (out): its main component of @kind
 *
 * Returns: (transfer full): the calendar to write into: @previous, so what
 *   another client put there stays, or a new one with a new @kind.
 */
icalcomponent *
rapport_sync_ical_reuse (const char          *previous,
                         icalcomponent_kind   kind,
                         icalcomponent      **master)
{
  icalcomponent *calendar = NULL;

  if (previous != NULL && strlen (previous) <= RAPPORT_SYNC_ICAL_MAX)
    calendar = parse_text (previous, strlen (previous));
  if (calendar != NULL && (*master = find_master (calendar, kind)) != NULL)
    {
      strip_errors (calendar);
      /* PRODID names the program that wrote the object: now Rapport. */
      rapport_sync_ical_replace (calendar, icalproperty_new_prodid (PRODID));
      rapport_sync_ical_replace (calendar, icalproperty_new_version ("2.0"));
      return calendar;
    }
  g_clear_pointer (&calendar, icalcomponent_free);

  calendar = icalcomponent_new (ICAL_VCALENDAR_COMPONENT);
  icalcomponent_add_property (calendar, icalproperty_new_prodid (PRODID));
  icalcomponent_add_property (calendar, icalproperty_new_version ("2.0"));
  *master = icalcomponent_new (kind);
  icalcomponent_add_component (calendar, *master);
  return calendar;
}

/* Returns: (transfer full): the calendar as text, CRLF and folded */
char *
rapport_sync_ical_to_string (icalcomponent *calendar)
{
  char *text = icalcomponent_as_ical_string_r (calendar);
  char *copy = g_strdup (text);

  free (text);
  return copy;
}

/* A property libical could not read is dropped with an X-LIC-ERROR in its
 * place: one Rapport needs is an error, not a silent default. */
gboolean
rapport_sync_ical_check_error (const char     *display_name,
                               icalcomponent  *master,
                               const char     *property,
                               GError        **error)
{
  g_autofree char *needle = g_strdup_printf (" %s property", property);

  for (icalproperty *p = icalcomponent_get_first_property (master, ICAL_XLICERROR_PROPERTY);
       p != NULL; p = icalcomponent_get_next_property (master, ICAL_XLICERROR_PROPERTY))
    {
      const char *message = icalproperty_get_xlicerror (p);

      if (message != NULL && strstr (message, needle) != NULL)
        {
          g_set_error (error, RAPPORT_SYNC_ERROR, RAPPORT_SYNC_ERROR_PROTOCOL,
                       _("%s: %s cannot be read: %s"), display_name, property, message);
          return FALSE;
        }
    }
  return TRUE;
}

/* A date is its local midnight; a floating time is local time; a time with
 * a TZID is in that zone, from the object's VTIMEZONE or libical's own. */
gint64
rapport_sync_ical_to_unix (struct icaltimetype t)
{
  g_autoptr(GDateTime) local = NULL;

  if (icaltime_is_null_time (t) || !icaltime_is_valid_time (t))
    return 0;
  if (!t.is_date && icaltime_is_utc (t))
    return icaltime_as_timet (t);
  if (!t.is_date && t.zone != NULL)
    return icaltime_as_timet_with_zone (t, t.zone);
  local = g_date_time_new_local (t.year, t.month, t.day,
                                 t.is_date ? 0 : t.hour, t.is_date ? 0 : t.minute,
                                 t.is_date ? 0 : t.second);
  return local != NULL ? g_date_time_to_unix (local) : 0;
}

struct icaltimetype
rapport_sync_ical_from_unix (gint64 t)
{
  return icaltime_from_timet_with_zone ((time_t) t, 0, icaltimezone_get_utc_timezone ());
}

/* Returns: (transfer none) (nullable): the value of the first @name */
const char *
rapport_sync_ical_get_x (icalcomponent *component,
                         const char    *name)
{
  for (icalproperty *p = icalcomponent_get_first_property (component, ICAL_X_PROPERTY);
       p != NULL; p = icalcomponent_get_next_property (component, ICAL_X_PROPERTY))
    if (g_ascii_strcasecmp (icalproperty_get_x_name (p), name) == 0)
      return icalproperty_get_x (p);
  return NULL;
}

/* Replaces every @name by one with @value, or removes them when %NULL. */
void
rapport_sync_ical_set_x (icalcomponent *component,
                         const char    *name,
                         const char    *value)
{
  icalproperty *p = icalcomponent_get_first_property (component, ICAL_X_PROPERTY);

  while (p != NULL)
    {
      icalproperty *next = icalcomponent_get_next_property (component, ICAL_X_PROPERTY);

      if (g_ascii_strcasecmp (icalproperty_get_x_name (p), name) == 0)
        {
          icalcomponent_remove_property (component, p);
          icalproperty_free (p);
        }
      p = next;
    }
  if (value == NULL)
    return;
  p = icalproperty_new_x (value);
  icalproperty_set_x_name (p, name);
  icalcomponent_add_property (component, p);
}

void
rapport_sync_ical_remove_all (icalcomponent     *component,
                              icalproperty_kind  kind)
{
  icalproperty *p;

  while ((p = icalcomponent_get_first_property (component, kind)) != NULL)
    {
      icalcomponent_remove_property (component, p);
      icalproperty_free (p);
    }
}

/* Takes @property, in place of every property of its kind. */
void
rapport_sync_ical_replace (icalcomponent *component,
                           icalproperty  *property)
{
  rapport_sync_ical_remove_all (component, icalproperty_isa (property));
  icalcomponent_add_property (component, property);
}

/* UID, and the DTSTAMP and LAST-MODIFIED of a write now. */
void
rapport_sync_ical_stamp (icalcomponent *master,
                         const char    *uid)
{
  struct icaltimetype now = rapport_sync_ical_from_unix (rapport_time_now ());

  rapport_sync_ical_replace (master, icalproperty_new_uid (uid));
  rapport_sync_ical_replace (master, icalproperty_new_dtstamp (now));
  rapport_sync_ical_replace (master, icalproperty_new_lastmodified (now));
}
