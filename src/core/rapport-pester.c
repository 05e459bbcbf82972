/* rapport-pester.c: never pester — spacing a customer's follow-ups (pure)
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rules work on local calendar days, the way a salesperson thinks of
 * them ("I called on Monday, not again before Thursday"):
 *
 *  - nothing is due sooner than the minimum gap after the last logged
 *    contact;
 *  - items due within the gap of each other become one check-in: they share
 *    the first one's due time, so they arrive as one reminder and are one
 *    contact;
 *  - no 30-day window holds more than the allowed number of contacts, counting
 *    logged interactions, the user's own open follow-ups and the playbook's
 *    check-ins.
 *
 * Items are placed earliest-wanted first, each at the first day that keeps
 * every rule; the only way to satisfy them is to wait, so items only move
 * later — except that joining a check-in already planned within the gap may
 * bring an item a few days forward.
 */

#define G_LOG_DOMAIN "rapport-pester"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-pester.h"

#define WINDOW RAPPORT_PESTER_WINDOW_DAYS

/* The hour a postponed item is due on its new day. */
#define POSTPONED_HOUR 9

typedef struct
{
  int    day;
  gint64 at;
} Slot;

typedef struct
{
  int     spacing;    /* days between two check-ins, at least 1 */
  int     earliest;   /* the first day after the minimum gap */
  int     max_contacts;
  GArray *points;     /* int: the day of every contact that counts */
  GArray *slots;      /* Slot: planned check-ins, the user's and ours */
} Schedule;

static int
compare_wanted (gconstpointer a,
                gconstpointer b)
{
  const RapportPlaybookItem *x = *(RapportPlaybookItem * const *) a;
  const RapportPlaybookItem *y = *(RapportPlaybookItem * const *) b;

  if (x->wanted_at != y->wanted_at)
    return x->wanted_at < y->wanted_at ? -1 : 1;
  return g_strcmp0 (x->rule_key, y->rule_key);
}

static void
add_slot (Schedule *self,
          gint64    at)
{
  Slot slot = { rapport_playbook_local_day (at), at };

  g_array_append_val (self->slots, slot);
  g_array_append_val (self->points, slot.day);
}

static void
schedule_init (Schedule            *self,
               const RapportPester *pester)
{
  int gap = MAX (pester->min_gap_days, 0);

  self->spacing = MAX (gap, 1);
  self->earliest = pester->last_contact != 0
                   ? rapport_playbook_local_day (pester->last_contact) + gap
                   : G_MININT / 2;
  self->max_contacts = MAX (pester->max_contacts, 1);
  self->points = g_array_new (FALSE, FALSE, sizeof (int));
  self->slots = g_array_new (FALSE, FALSE, sizeof (Slot));

  for (guint i = 0; pester->contacts != NULL && i < pester->contacts->len; i++)
    {
      int day = rapport_playbook_local_day (g_array_index (pester->contacts, gint64, i));

      g_array_append_val (self->points, day);
    }

  /* Two of the user's items at the same instant are one contact. */
  for (guint i = 0; pester->user_scheduled != NULL && i < pester->user_scheduled->len; i++)
    {
      gint64 at = g_array_index (pester->user_scheduled, gint64, i);
      gboolean seen = FALSE;

      for (guint j = 0; j < self->slots->len && !seen; j++)
        seen = g_array_index (self->slots, Slot, j).at == at;
      if (!seen)
        add_slot (self, at);
    }
}

static void
schedule_clear (Schedule *self)
{
  g_clear_pointer (&self->points, g_array_unref);
  g_clear_pointer (&self->slots, g_array_unref);
}

/* The earliest planned check-in after the gap that @day could join. */
static const Slot *
find_joinable (Schedule *self,
               int       day)
{
  const Slot *best = NULL;

  for (guint i = 0; i < self->slots->len; i++)
    {
      const Slot *slot = &g_array_index (self->slots, Slot, i);

      if (slot->day >= self->earliest && ABS (slot->day - day) < self->spacing &&
          (best == NULL || slot->at < best->at))
        best = slot;
    }
  return best;
}

static gboolean
too_close (Schedule *self,
           int       day)
{
  for (guint i = 0; i < self->slots->len; i++)
    if (ABS (g_array_index (self->slots, Slot, i).day - day) < self->spacing)
      return TRUE;
  return FALSE;
}

/* Would one more contact on @day overfill any 30-day window holding it? */
static gboolean
window_full (Schedule *self,
             int       day)
{
  for (int start = day - WINDOW + 1; start <= day; start++)
    {
      int count = 1;

      for (guint i = 0; i < self->points->len; i++)
        {
          int point = g_array_index (self->points, int, i);

          if (point >= start && point < start + WINDOW)
            count++;
        }
      if (count > self->max_contacts)
        return TRUE;
    }
  return FALSE;
}

/* Whether a day is allowed only changes where a contact leaves a window or
 * a check-in's spacing ends, so those are the only days worth trying. */
static int
next_candidate (Schedule *self,
                int       day)
{
  int next = G_MAXINT;

  for (guint i = 0; i < self->points->len; i++)
    {
      int leave = g_array_index (self->points, int, i) + WINDOW;

      if (leave > day)
        next = MIN (next, leave);
    }
  for (guint i = 0; i < self->slots->len; i++)
    {
      int clear = g_array_index (self->slots, Slot, i).day + self->spacing;

      if (clear > day)
        next = MIN (next, clear);
    }
  return next != G_MAXINT ? next : day + 1;
}

static void
settle (RapportPlaybookItem *item,
        gint64               at,
        RapportPostponed     why)
{
  gint64 delay = at - item->wanted_at;

  item->due_at = at;
  item->postponed = RAPPORT_POSTPONED_NOT;
  if (delay > 0)
    {
      item->postponed = why != RAPPORT_POSTPONED_NOT ? why : RAPPORT_POSTPONED_MERGED;
      /* A postponed item keeps its window before it turns overdue. */
      if (item->overdue_at != 0)
        item->overdue_at += delay;
    }
  if (item->overdue_at != 0 && item->overdue_at <= item->due_at)
    item->overdue_at = 0;
}

static void
place (Schedule            *self,
       RapportPlaybookItem *item)
{
  int wanted = rapport_playbook_local_day (item->wanted_at);
  int day = MAX (wanted, self->earliest);
  RapportPostponed why = day > wanted ? RAPPORT_POSTPONED_RECENT_CONTACT : RAPPORT_POSTPONED_NOT;

  for (;;)
    {
      const Slot *slot = find_joinable (self, day);
      gboolean close, full;

      if (slot != NULL)
        {
          settle (item, slot->at, why);
          return;
        }

      close = too_close (self, day);
      full = !close && window_full (self, day);
      if (!close && !full)
        {
          gint64 at = day == wanted ? item->wanted_at
                                    : rapport_playbook_day_at (day, POSTPONED_HOUR);

          add_slot (self, at);
          settle (item, at, why);
          return;
        }

      if (why == RAPPORT_POSTPONED_NOT)
        why = full ? RAPPORT_POSTPONED_TOO_MANY : RAPPORT_POSTPONED_RECENT_CONTACT;
      day = next_candidate (self, day);
    }
}

/**
 * rapport_pester_apply:
 * @items: (element-type RapportPlaybookItem): one customer's items, with
 *   wanted_at set
 *
 * Sets each item's due_at (and moves overdue_at along) so the schedule
 * keeps the never-pester rules, and records why an item was postponed.
 */
void
rapport_pester_apply (const RapportPester *pester,
                      GPtrArray           *items)
{
  Schedule schedule;

  g_return_if_fail (pester != NULL);
  g_return_if_fail (items != NULL);

  g_ptr_array_sort (items, compare_wanted);

  schedule_init (&schedule, pester);
  for (guint i = 0; i < items->len; i++)
    place (&schedule, g_ptr_array_index (items, i));
  schedule_clear (&schedule);
}

/**
 * rapport_pester_explain:
 *
 * Returns: (nullable): why @item is due later than its rule wanted, to be
 *   shown with its reason, or %NULL when it was not postponed
 */
char *
rapport_pester_explain (const RapportPester       *pester,
                        const RapportPlaybookItem *item)
{
  g_return_val_if_fail (pester != NULL, NULL);
  g_return_val_if_fail (item != NULL, NULL);

  switch (item->postponed)
    {
    case RAPPORT_POSTPONED_RECENT_CONTACT:
      if (pester->last_contact != 0)
        {
          int days = rapport_playbook_local_day (pester->now) -
                     rapport_playbook_local_day (pester->last_contact);
          g_autofree char *when = rapport_playbook_format_days_ago (MAX (days, 0));

          return g_strdup_printf (_("postponed: you were in touch %s"), when);
        }
      return g_strdup (_("postponed: you planned another check-in close to it"));

    case RAPPORT_POSTPONED_TOO_MANY:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "postponed: at most %d contact in 30 days",
                                           "postponed: at most %d contacts in 30 days",
                                           pester->max_contacts),
                              pester->max_contacts);

    case RAPPORT_POSTPONED_MERGED:
      return g_strdup (_("moved to go with another check-in"));

    case RAPPORT_POSTPONED_NOT:
    default:
      return NULL;
    }
}
