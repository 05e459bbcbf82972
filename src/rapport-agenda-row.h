/* rapport-agenda-row.h
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rapport-calendar-entry.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_AGENDA_ROW (rapport_agenda_row_get_type ())

G_DECLARE_FINAL_TYPE (RapportAgendaRow, rapport_agenda_row, RAPPORT, AGENDA_ROW, GtkWidget)

GtkWidget            *rapport_agenda_row_new       (void);
void                  rapport_agenda_row_set_entry (RapportAgendaRow     *self,
                                                    RapportCalendarEntry *entry,
                                                    const char           *day_title,
                                                    gint64                now,
                                                    int                   due_soon_days);
RapportCalendarEntry *rapport_agenda_row_get_entry (RapportAgendaRow     *self);
void                  rapport_agenda_row_set_compact (RapportAgendaRow   *self,
                                                      gboolean            compact);

G_END_DECLS
