/* rapport-time.h: the book's text formats for instants and calendar dates
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RAPPORT_SECONDS_PER_DAY ((gint64) 24 * 60 * 60)

char     *rapport_time_format_utc   (gint64       unix_time);
gboolean  rapport_time_parse_utc    (const char  *text,
                                     gint64      *unix_time);
char     *rapport_date_format       (GDate       *date);
gboolean  rapport_date_parse        (const char  *text,
                                     GDate       *date);
gboolean  rapport_time_parse_local  (const char  *text,
                                     gint64      *unix_time);
gint64    rapport_time_now          (void);
GTimeZone *rapport_time_local_zone  (void);
GDateTime *rapport_time_new_local   (gint64       unix_time);
char     *rapport_time_describe_day (gint64       t,
                                     gint64       now);
char     *rapport_time_describe_ago (gint64       t,
                                     gint64       now);
char     *rapport_time_format_clock (GDateTime   *dt);
char     *rapport_date_describe     (const char  *iso_date);

G_END_DECLS
