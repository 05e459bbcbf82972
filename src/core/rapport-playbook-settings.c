/* rapport-playbook-settings.c: the numbers that parameterise the playbook
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-playbook-settings"

#include "config.h"

#include "rapport-playbook-settings.h"

/* The defaults here mirror io.github.rapportapp.Rapport.gschema.xml. */
void
rapport_playbook_settings_init_defaults (RapportPlaybookSettings *settings)
{
  g_return_if_fail (settings != NULL);

  *settings = (RapportPlaybookSettings) {
    .min_gap_days = 3,
    .max_contacts_per_30_days = 4,
    .keep_in_touch_days = 90,
    .due_soon_days = 2,
    .delivery_check_in_days = 3,
    .delivery_check_ins_max = 3,
    .follow_up_meeting_days = 30,
    .introduction_ask_days = 14,
    .testimonial_min_days = 180,
    .quiet_hours_enabled = TRUE,
    .quiet_hours_start = 20,
    .quiet_hours_end = 8,
    .working_days = RAPPORT_WORKING_DAY (G_DATE_MONDAY) |
                    RAPPORT_WORKING_DAY (G_DATE_TUESDAY) |
                    RAPPORT_WORKING_DAY (G_DATE_WEDNESDAY) |
                    RAPPORT_WORKING_DAY (G_DATE_THURSDAY) |
                    RAPPORT_WORKING_DAY (G_DATE_FRIDAY),
  };
}

static guint
parse_working_days (const char * const *days)
{
  static const char *names[] = { NULL, "mon", "tue", "wed", "thu", "fri", "sat", "sun" };
  guint mask = 0;

  for (guint i = 0; days != NULL && days[i] != NULL; i++)
    for (guint weekday = G_DATE_MONDAY; weekday <= G_DATE_SUNDAY; weekday++)
      if (g_ascii_strcasecmp (days[i], names[weekday]) == 0)
        mask |= RAPPORT_WORKING_DAY (weekday);

  return mask;
}

/**
 * rapport_playbook_settings_load:
 *
 * Copies the playbook keys of @gsettings (schema io.github.rapportapp.Rapport)
 * into @settings.
 */
void
rapport_playbook_settings_load (RapportPlaybookSettings *settings,
                                GSettings               *gsettings)
{
  g_auto(GStrv) days = NULL;

  g_return_if_fail (settings != NULL);
  g_return_if_fail (G_IS_SETTINGS (gsettings));

  settings->min_gap_days = g_settings_get_int (gsettings, "min-gap-days");
  settings->max_contacts_per_30_days = g_settings_get_int (gsettings, "max-contacts-per-30-days");
  settings->keep_in_touch_days = g_settings_get_int (gsettings, "keep-in-touch-days");
  settings->due_soon_days = g_settings_get_int (gsettings, "due-soon-days");
  settings->delivery_check_in_days = g_settings_get_int (gsettings, "delivery-check-in-days");
  settings->delivery_check_ins_max = g_settings_get_int (gsettings, "delivery-check-ins-max");
  settings->follow_up_meeting_days = g_settings_get_int (gsettings, "follow-up-meeting-days");
  settings->introduction_ask_days = g_settings_get_int (gsettings, "introduction-ask-days");
  settings->testimonial_min_days = g_settings_get_int (gsettings, "testimonial-min-days");
  settings->quiet_hours_enabled = g_settings_get_boolean (gsettings, "quiet-hours-enabled");
  settings->quiet_hours_start = g_settings_get_int (gsettings, "quiet-hours-start");
  settings->quiet_hours_end = g_settings_get_int (gsettings, "quiet-hours-end");

  days = g_settings_get_strv (gsettings, "working-days");
  settings->working_days = parse_working_days ((const char * const *) days);
}
