/* rapport-playbook-settings.h: the numbers that parameterise the playbook
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A plain copy of the GSettings keys the playbook, never-pester rules and
 * quiet hours read, so the pure functions can be tested without GSettings. */
typedef struct
{
  int      min_gap_days;
  int      max_contacts_per_30_days;
  int      keep_in_touch_days;
  int      due_soon_days;
  int      delivery_check_in_days;
  int      delivery_check_ins_max;
  int      follow_up_meeting_days;
  int      introduction_ask_days;
  int      testimonial_min_days;
  gboolean quiet_hours_enabled;
  int      quiet_hours_start;      /* hour, 0–23 */
  int      quiet_hours_end;        /* hour, 0–23; before start when spanning midnight */
  guint    working_days;           /* bit (1 << GDateWeekday) set per working day */
} RapportPlaybookSettings;

#define RAPPORT_WORKING_DAY(weekday) (1u << (weekday))

void rapport_playbook_settings_init_defaults (RapportPlaybookSettings *settings);
void rapport_playbook_settings_load          (RapportPlaybookSettings *settings,
                                              GSettings               *gsettings);

G_END_DECLS
