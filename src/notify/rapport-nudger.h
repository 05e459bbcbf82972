/* rapport-nudger.h: desktop notifications for due check-ins, at the right second
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rapport-store.h"

G_BEGIN_DECLS

/* The wall clock, in microseconds since the epoch, like g_get_real_time(). */
typedef gint64 (*RapportNudgerClock) (gpointer user_data);

#define RAPPORT_TYPE_NUDGER (rapport_nudger_get_type ())

G_DECLARE_FINAL_TYPE (RapportNudger, rapport_nudger, RAPPORT, NUDGER, GObject)

RapportNudger *rapport_nudger_new         (RapportStore       *store,
                                           GSettings          *settings,
                                           GActionGroup       *actions,
                                           RapportNudgerClock  clock,
                                           gpointer            clock_data);
void           rapport_nudger_replan      (RapportNudger      *self);
void           rapport_nudger_hold        (RapportNudger      *self);
void           rapport_nudger_release     (RapportNudger      *self);
gint64         rapport_nudger_get_wake_at (RapportNudger      *self);
guint          rapport_nudger_get_n_read  (RapportNudger      *self);
gboolean       rapport_nudger_is_sending  (RapportNudger      *self);
gboolean       rapport_nudger_is_planning (RapportNudger      *self);

G_END_DECLS
