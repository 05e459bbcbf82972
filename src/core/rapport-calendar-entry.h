/* rapport-calendar-entry.h: one line of the follow-up agenda
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rapport-agenda.h"

G_BEGIN_DECLS

/* By the (snoozed) due time; the selected day's items are only in DAY. */
typedef enum
{
  RAPPORT_CALENDAR_SECTION_OVERDUE,   /* due before today */
  RAPPORT_CALENDAR_SECTION_DAY,       /* due on the selected day */
  RAPPORT_CALENDAR_SECTION_UPCOMING,  /* due from today on, for two weeks */
} RapportCalendarSection;

#define RAPPORT_CALENDAR_N_SECTIONS 3

typedef enum
{
  RAPPORT_CALENDAR_ENTRY_HEADER,  /* a section's title; count: its items */
  RAPPORT_CALENDAR_ENTRY_ITEM,    /* a follow-up */
  RAPPORT_CALENDAR_ENTRY_MORE,    /* count: items of the section left out */
  RAPPORT_CALENDAR_ENTRY_EMPTY,   /* the selected day has nothing */
} RapportCalendarEntryKind;

#define RAPPORT_TYPE_CALENDAR_ENTRY (rapport_calendar_entry_get_type ())

G_DECLARE_FINAL_TYPE (RapportCalendarEntry, rapport_calendar_entry, RAPPORT, CALENDAR_ENTRY, GObject)

RapportCalendarEntry     *rapport_calendar_entry_new         (RapportCalendarEntryKind    kind,
                                                              RapportCalendarSection      section,
                                                              guint                       count);
RapportCalendarEntry     *rapport_calendar_entry_new_item    (RapportCalendarSection      section,
                                                              RapportDueItem             *item);
RapportCalendarEntryKind  rapport_calendar_entry_get_kind    (RapportCalendarEntry       *self);
RapportCalendarSection    rapport_calendar_entry_get_section (RapportCalendarEntry       *self);
guint                     rapport_calendar_entry_get_count   (RapportCalendarEntry       *self);
const RapportDueItem     *rapport_calendar_entry_get_item    (RapportCalendarEntry       *self);
gboolean                  rapport_calendar_entry_equal       (RapportCalendarEntry       *a,
                                                              RapportCalendarEntry       *b);

G_END_DECLS
