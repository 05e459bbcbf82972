/* rapport-calendar-entry.c: one line of the follow-up agenda
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The agenda is one flat list (GTK 4.8's list views have no sections):
 * a header per section, its follow-ups, and a line saying how many were
 * left out.  Entries are immutable; a reload makes new ones.
 */

#define G_LOG_DOMAIN "rapport-calendar-entry"

#include "config.h"

#include "rapport-calendar-entry.h"

struct _RapportCalendarEntry
{
  GObject                   parent_instance;

  RapportCalendarEntryKind  kind;
  RapportCalendarSection    section;
  guint                     count;
  RapportDueItem           *item;
};

G_DEFINE_FINAL_TYPE (RapportCalendarEntry, rapport_calendar_entry, G_TYPE_OBJECT)

static void
rapport_calendar_entry_finalize (GObject *object)
{
  RapportCalendarEntry *self = (RapportCalendarEntry *)object;

  g_clear_pointer (&self->item, rapport_due_item_free);

  G_OBJECT_CLASS (rapport_calendar_entry_parent_class)->finalize (object);
}

static void
rapport_calendar_entry_class_init (RapportCalendarEntryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rapport_calendar_entry_finalize;
}

static void
rapport_calendar_entry_init (RapportCalendarEntry *self)
{
}

RapportCalendarEntry *
rapport_calendar_entry_new (RapportCalendarEntryKind kind,
                            RapportCalendarSection   section,
                            guint                    count)
{
  RapportCalendarEntry *self;

  g_return_val_if_fail (kind != RAPPORT_CALENDAR_ENTRY_ITEM, NULL);

  self = g_object_new (RAPPORT_TYPE_CALENDAR_ENTRY, NULL);
  self->kind = kind;
  self->section = section;
  self->count = count;
  return self;
}

/**
 * rapport_calendar_entry_new_item:
 * @item: (transfer full): the follow-up
 */
RapportCalendarEntry *
rapport_calendar_entry_new_item (RapportCalendarSection  section,
                                 RapportDueItem         *item)
{
  RapportCalendarEntry *self;

  g_return_val_if_fail (item != NULL, NULL);

  self = g_object_new (RAPPORT_TYPE_CALENDAR_ENTRY, NULL);
  self->kind = RAPPORT_CALENDAR_ENTRY_ITEM;
  self->section = section;
  self->item = item;
  return self;
}

RapportCalendarEntryKind
rapport_calendar_entry_get_kind (RapportCalendarEntry *self)
{
  g_return_val_if_fail (RAPPORT_IS_CALENDAR_ENTRY (self), RAPPORT_CALENDAR_ENTRY_EMPTY);

  return self->kind;
}

RapportCalendarSection
rapport_calendar_entry_get_section (RapportCalendarEntry *self)
{
  g_return_val_if_fail (RAPPORT_IS_CALENDAR_ENTRY (self), RAPPORT_CALENDAR_SECTION_DAY);

  return self->section;
}

guint
rapport_calendar_entry_get_count (RapportCalendarEntry *self)
{
  g_return_val_if_fail (RAPPORT_IS_CALENDAR_ENTRY (self), 0);

  return self->count;
}

/**
 * rapport_calendar_entry_get_item:
 *
 * Returns: (nullable): the follow-up of an item entry
 */
const RapportDueItem *
rapport_calendar_entry_get_item (RapportCalendarEntry *self)
{
  g_return_val_if_fail (RAPPORT_IS_CALENDAR_ENTRY (self), NULL);

  return self->item;
}

static gboolean
due_items_equal (const RapportDueItem *a,
                 const RapportDueItem *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return a->id == b->id &&
         a->customer_id == b->customer_id &&
         a->due_at == b->due_at &&
         a->overdue_at == b->overdue_at &&
         a->snoozed == b->snoozed &&
         a->by_playbook == b->by_playbook &&
         g_strcmp0 (a->customer_name, b->customer_name) == 0 &&
         g_strcmp0 (a->kind, b->kind) == 0 &&
         g_strcmp0 (a->reason, b->reason) == 0;
}

/**
 * rapport_calendar_entry_equal:
 *
 * Whether @a and @b would show the same, so a reload can keep rows that
 * did not change (and the list's scroll position with them).
 */
gboolean
rapport_calendar_entry_equal (RapportCalendarEntry *a,
                              RapportCalendarEntry *b)
{
  g_return_val_if_fail (RAPPORT_IS_CALENDAR_ENTRY (a), FALSE);
  g_return_val_if_fail (RAPPORT_IS_CALENDAR_ENTRY (b), FALSE);

  return a->kind == b->kind &&
         a->section == b->section &&
         a->count == b->count &&
         due_items_equal (a->item, b->item);
}
