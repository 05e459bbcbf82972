/* rapport-calendar-model.h: the follow-up calendar, read from the book
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rapport-calendar-entry.h"
#include "rapport-store.h"

G_BEGIN_DECLS

/* Rows a section shows at most; the rest is counted ("and 40 more"). */
#define RAPPORT_CALENDAR_DEFAULT_LIMIT 200
/* How far ahead "Upcoming" looks, in days after today. */
#define RAPPORT_CALENDAR_UPCOMING_DAYS 14

typedef struct _RapportCalendarAgenda RapportCalendarAgenda;

RapportCalendarAgenda *rapport_calendar_agenda_read     (RapportStore           *store,
                                                         const GDate            *day,
                                                         gint64                  now,
                                                         guint                   limit,
                                                         GError                **error);
void                   rapport_calendar_agenda_free     (RapportCalendarAgenda  *agenda);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportCalendarAgenda, rapport_calendar_agenda_free)

#define RAPPORT_TYPE_CALENDAR_MODEL (rapport_calendar_model_get_type ())

G_DECLARE_FINAL_TYPE (RapportCalendarModel, rapport_calendar_model, RAPPORT, CALENDAR_MODEL, GObject)

RapportCalendarModel *rapport_calendar_model_new        (RapportStore           *store);
guint                 rapport_calendar_model_get_limit  (RapportCalendarModel   *self);
void                  rapport_calendar_model_set_limit  (RapportCalendarModel   *self,
                                                         guint                   limit);
void                  rapport_calendar_model_show       (RapportCalendarModel   *self,
                                                         RapportCalendarAgenda  *agenda);
gboolean              rapport_calendar_model_load       (RapportCalendarModel   *self,
                                                         const GDate            *day,
                                                         gint64                  now,
                                                         GError                **error);
gboolean              rapport_calendar_model_get_day    (RapportCalendarModel   *self,
                                                         GDate                  *day);
guint                 rapport_calendar_model_get_total  (RapportCalendarModel   *self,
                                                         RapportCalendarSection  section);

gboolean              rapport_calendar_count_days       (RapportStore           *store,
                                                         const GDate            *first,
                                                         guint                   n_days,
                                                         guint                  *counts,
                                                         GError                **error);
gboolean              rapport_calendar_has_open         (RapportStore           *store,
                                                         gboolean               *has_open,
                                                         GError                **error);
gint64                rapport_calendar_day_start        (const GDate            *day);
void                  rapport_calendar_local_day        (gint64                  t,
                                                         GDate                  *day);

G_END_DECLS
