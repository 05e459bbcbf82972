/* rapport-nudge-plan.c: which reminder to show now, and when to look again (pure)
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The nudger asks this file two questions each time its one timer fires or
 * the book changes: what should be on screen now, and when must it look
 * again.  Nothing is shown twice for the same due time (the shown set is
 * keyed on follow-up id and due time, so a snoozed or moved item comes back
 * at its new time), nothing during quiet hours, and never a burst: all
 * that is waiting goes into a single notification, a summary when some of
 * it was missed while the machine slept or Rapport was not running.
 *
 * The plan sees only what the nudger has not read before (what came due,
 * was added or moved since it last looked), and of a long backlog at
 * start-up only the first few items and a count: its cost follows what is
 * new, not how much is overdue.
 */

#define G_LOG_DOMAIN "rapport-nudge-plan"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <sys/resource.h>

#include "rapport-nudge-plan.h"
#include "rapport-quiet.h"
#include "rapport-time.h"

GHashTable *
rapport_nudge_shown_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

char *
rapport_nudge_item_key (const RapportDueItem *item)
{
  g_return_val_if_fail (item != NULL, NULL);

  return g_strdup_printf ("%" G_GINT64_FORMAT "@%" G_GINT64_FORMAT, item->id, item->due_at);
}

gboolean
rapport_nudge_was_shown (GHashTable           *shown,
                         const RapportDueItem *item)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (shown != NULL, FALSE);
  g_return_val_if_fail (item != NULL, FALSE);

  key = rapport_nudge_item_key (item);
  return g_hash_table_contains (shown, key);
}

void
rapport_nudge_mark_shown (GHashTable           *shown,
                          const RapportDueItem *item)
{
  g_return_if_fail (shown != NULL);
  g_return_if_fail (item != NULL);

  g_hash_table_add (shown, rapport_nudge_item_key (item));
}

/* Shown at the first allowed instant from its due time, it is stale when
 * that instant came before we started or is long gone. */
static gboolean
is_stale (const RapportDueItem          *item,
          const RapportPlaybookSettings *settings,
          gint64                         now,
          gint64                         started_at)
{
  gint64 show_at = rapport_quiet_next_allowed (settings, item->due_at);

  return show_at < started_at || now - show_at > RAPPORT_NUDGE_STALE_AFTER;
}

/* Items come oldest first, and the unread ones after them: if any is
 * stale, one of @items is. */
static RapportNudgeKind
choose_kind (GPtrArray                     *items,
             guint                          n_items,
             const RapportPlaybookSettings *settings,
             gint64                         now,
             gint64                         started_at)
{
  if (n_items == 0)
    return RAPPORT_NUDGE_NONE;
  if (n_items == 1)
    return RAPPORT_NUDGE_SINGLE;

  for (guint i = 0; i < items->len; i++)
    if (is_stale (g_ptr_array_index (items, i), settings, now, started_at))
      return RAPPORT_NUDGE_SUMMARY;
  return RAPPORT_NUDGE_DIGEST;
}

static gint64
earliest (gint64 a,
          gint64 b)
{
  if (a == 0)
    return b;
  if (b == 0)
    return a;
  return MIN (a, b);
}

/**
 * rapport_nudge_plan_new:
 * @due: (element-type RapportDueItem): open items due at or before @now,
 *   oldest first: all of them (rapport_agenda_list_due()), those new since
 *   the last plan (rapport_agenda_list_due_since()), or the first few
 *   (rapport_agenda_list_due_first())
 * @n_unread: how many more are due but were not read: all due after those
 *   in @due, none of them shown yet
 * @next_due_at: the earliest due time after @now, 0 if none
 * @shown: what was already shown, from rapport_nudge_shown_new()
 * @started_at: when the nudger started; what was due before was missed
 *
 * Returns: (transfer full): what to show now and when to plan again.  The
 *   caller marks the items shown once they are on screen.
 */
RapportNudgePlan *
rapport_nudge_plan_new (GPtrArray                     *due,
                        guint                          n_unread,
                        gint64                         next_due_at,
                        GHashTable                    *shown,
                        const RapportPlaybookSettings *settings,
                        gint64                         now,
                        gint64                         started_at)
{
  g_autoptr(RapportNudgePlan) plan = g_new0 (RapportNudgePlan, 1);

  g_return_val_if_fail (due != NULL, NULL);
  g_return_val_if_fail (shown != NULL, NULL);
  g_return_val_if_fail (settings != NULL, NULL);

  plan->due = g_ptr_array_ref (due);
  plan->items = g_ptr_array_new ();
  for (guint i = 0; i < due->len; i++)
    {
      RapportDueItem *item = g_ptr_array_index (due, i);

      if (item->due_at <= now && !rapport_nudge_was_shown (shown, item))
        g_ptr_array_add (plan->items, item);
    }
  /* The unread ones are told of only beside some that can be named. */
  plan->n_items = plan->items->len > 0 ? plan->items->len + n_unread : 0;

  /* next_allowed() never goes backwards, so the first item due later is
   * also the first that may be shown later. */
  if (next_due_at > now)
    plan->wake_at = rapport_quiet_next_allowed (settings, next_due_at);

  if (plan->n_items > 0 && !rapport_quiet_is_allowed (settings, now))
    {
      plan->wake_at = earliest (plan->wake_at, rapport_quiet_next_allowed (settings, now));
      g_ptr_array_set_size (plan->items, 0);
      plan->n_items = 0;
      plan->held = TRUE;
    }

  plan->kind = choose_kind (plan->items, plan->n_items, settings, now, started_at);
  return g_steal_pointer (&plan);
}

void
rapport_nudge_plan_free (RapportNudgePlan *plan)
{
  if (plan == NULL)
    return;
  g_clear_pointer (&plan->items, g_ptr_array_unref);
  g_clear_pointer (&plan->due, g_ptr_array_unref);
  g_free (plan);
}

/**
 * rapport_nudge_plan_dup_title:
 *
 * Returns: the notification's title, plain text
 */
char *
rapport_nudge_plan_dup_title (const RapportNudgePlan *plan)
{
  guint n;

  g_return_val_if_fail (plan != NULL, NULL);

  n = plan->n_items;
  switch (plan->kind)
    {
    case RAPPORT_NUDGE_SINGLE:
      {
        const RapportDueItem *item = g_ptr_array_index (plan->items, 0);

        return g_strdup (rapport_follow_up_kind_label (item->kind));
      }
    case RAPPORT_NUDGE_DIGEST:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u check-in due",
                                           "%'u check-ins due", n), n);
    case RAPPORT_NUDGE_SUMMARY:
      /* "Missed", not "overdue": the Follow-ups view's Overdue counts only
       * those past their grace (overdue_at), and a summary counts fewer or
       * more than that badge. */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u missed check-in",
                                           "%'u missed check-ins", n), n);
    case RAPPORT_NUDGE_NONE:
    default:
      return g_strdup ("");
    }
}

static void
append_single (GString              *body,
               const RapportDueItem *item)
{
  g_string_append (body, item->customer_name);
  if (item->reason != NULL && item->reason[0] != '\0')
    g_string_append_printf (body, "\n%s", item->reason);
}

static void
append_list (GString   *body,
             GPtrArray *items,
             guint      n_items)
{
  guint listed = n_items > RAPPORT_NUDGE_MAX_LISTED ? RAPPORT_NUDGE_MAX_LISTED - 1 : n_items;

  listed = MIN (listed, items->len);
  for (guint i = 0; i < listed; i++)
    {
      const RapportDueItem *item = g_ptr_array_index (items, i);

      if (i > 0)
        g_string_append_c (body, '\n');
      /* Translators: a line of a reminder listing several check-ins:
       * the customer, then what to do */
      g_string_append_printf (body, _("%s — %s"), item->customer_name,
                              rapport_follow_up_kind_label (item->kind));
    }

  if (listed < n_items)
    {
      guint more = n_items - listed;

      g_string_append_c (body, '\n');
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "and %'u more",
                                                 "and %'u more", more), more);
    }
}

/**
 * rapport_nudge_plan_dup_body:
 *
 * Returns: the notification's body, plain text (the caller escapes it for
 *   servers that read markup): the customer and reason of a single item,
 *   one line per item of a digest or summary
 */
char *
rapport_nudge_plan_dup_body (const RapportNudgePlan *plan)
{
  g_autoptr(GString) body = g_string_new (NULL);

  g_return_val_if_fail (plan != NULL, NULL);

  if (plan->kind == RAPPORT_NUDGE_SINGLE)
    append_single (body, g_ptr_array_index (plan->items, 0));
  else if (plan->kind != RAPPORT_NUDGE_NONE)
    append_list (body, plan->items, plan->n_items);

  return g_string_free (g_steal_pointer (&body), FALSE);
}

/**
 * rapport_nudge_snooze_until:
 *
 * Returns: when a reminder snoozed at @now comes back: an hour later, or
 *   at 09:00 local time the next day
 */
gint64
rapport_nudge_snooze_until (RapportSnoozeMode mode,
                            gint64            now)
{
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) nine = NULL;
  g_autoptr(GDateTime) tomorrow = NULL;

  if (mode != RAPPORT_SNOOZE_TOMORROW)
    return now + 60 * 60;

  local = g_date_time_new_from_unix_local (now);
  if (local == NULL)
    return now + RAPPORT_SECONDS_PER_DAY;
  tomorrow = g_date_time_add_days (local, 1);
  nine = g_date_time_new_local (g_date_time_get_year (tomorrow), g_date_time_get_month (tomorrow),
                                g_date_time_get_day_of_month (tomorrow), 9, 0, 0);
  return nine != NULL ? g_date_time_to_unix (nine) : now + RAPPORT_SECONDS_PER_DAY;
}

/**
 * rapport_nudge_plan_trace_first:
 *
 * With RAPPORT_TRACE_FIRST_PLAN=1 in the environment, prints once, on
 * standard error, the CPU time (user and system) the process spent until
 * its first plan of reminders ("first-plan-cpu-ms N"): what a start of
 * `rapport --due` or `--background` costs (tests/bench/run-ui-bench).
 */
void
rapport_nudge_plan_trace_first (void)
{
  static gboolean traced;
  struct rusage usage;

  if (traced || g_strcmp0 (g_getenv ("RAPPORT_TRACE_FIRST_PLAN"), "1") != 0 ||
      getrusage (RUSAGE_SELF, &usage) != 0)
    return;
  traced = TRUE;
  fprintf (stderr, "first-plan-cpu-ms %.1f\n",
           (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3 +
           (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3);
}
