/* rapport-agenda-row.c: a line of the agenda: a section's title, a
 * follow-up with what can be done with it, or how many were left out
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The row acts through the page's actions (calendar.done, calendar.snooze,
 * calendar.reschedule, calendar.draft-email) and the window's win.open-customer, so the keyboard,
 * the tests and the buttons all take the same way.
 *
 * GTK 4.8's list view builds some 200 rows however few are on screen, so
 * a row builds its Snooze menu and its Reschedule popover when they are
 * first opened: with them, the agenda's first show built 18,000 widgets.
 */

#define G_LOG_DOMAIN "rapport-agenda-row"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "rapport-agenda-row.h"
#include "rapport-calendar-model.h"
#include "rapport-drafts.h"
#include "rapport-time.h"
#include "rapport-urgency.h"

struct _RapportAgendaRow
{
  GtkWidget             parent_instance;

  RapportCalendarEntry *entry;
  gint64                now;
  gboolean              compact;

  GtkStack             *stack;
  GtkLabel             *header_label;
  GtkLabel             *header_count;
  GtkLabel             *time_label;
  GtkLabel             *day_label;
  GtkLabel             *urgency_label;
  GtkButton            *customer_button;
  GtkLabel             *customer_label;
  GtkLabel             *kind_label;
  GtkLabel             *reason_label;
  GtkButton            *done_button;
  GtkButton            *draft_button;
  GtkMenuButton        *snooze_button;
  GMenuModel           *snooze_menu;
  GtkMenuButton        *reschedule_button;
  GtkEntry             *date_entry;         /* in the popover, once built */
  GtkEntry             *time_entry;
  GtkLabel             *reschedule_error;
  GtkLabel             *more_label;
  GtkWidget            *when_box;
  GtkWidget            *actions_box;
};

G_DEFINE_FINAL_TYPE (RapportAgendaRow, rapport_agenda_row, GTK_TYPE_WIDGET)

static const char *urgency_classes[] = { "overdue", "due-today", "due-soon" };

static const char *
section_title (RapportCalendarSection section,
               const char            *day_title)
{
  switch (section)
    {
    case RAPPORT_CALENDAR_SECTION_OVERDUE:  return _("Overdue");
    case RAPPORT_CALENDAR_SECTION_UPCOMING: return _("Upcoming");
    case RAPPORT_CALENDAR_SECTION_DAY:
    default:                                return day_title;
    }
}

static void
show_header (RapportAgendaRow *self,
             const char       *day_title)
{
  RapportCalendarSection section = rapport_calendar_entry_get_section (self->entry);
  g_autofree char *count = g_strdup_printf ("%u", rapport_calendar_entry_get_count (self->entry));

  gtk_label_set_label (self->header_label, section_title (section, day_title));
  gtk_label_set_label (self->header_count, count);
  gtk_widget_set_visible (GTK_WIDGET (self->header_count), rapport_calendar_entry_get_count (self->entry) > 0);
  /* The title says "Overdue" in words; the colour only repeats it. */
  if (section == RAPPORT_CALENDAR_SECTION_OVERDUE)
    gtk_widget_add_css_class (GTK_WIDGET (self->header_label), "overdue");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->header_label), "overdue");
  gtk_stack_set_visible_child_name (self->stack, "header");
}

static gint64
today_start (gint64 now)
{
  GDate today;

  rapport_calendar_local_day (now, &today);
  return rapport_calendar_day_start (&today);
}

static void
show_urgency (RapportAgendaRow     *self,
              const RapportDueItem *item,
              int                   due_soon_days)
{
  RapportUrgency urgency = rapport_urgency_compute (item->due_at, item->overdue_at, self->now,
                                                    due_soon_days);
  const char *css_class = rapport_urgency_css_class (urgency);
  const char *text = rapport_urgency_label (urgency);

  for (guint i = 0; i < G_N_ELEMENTS (urgency_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->urgency_label), urgency_classes[i]);
  if (css_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->urgency_label), css_class);

  /* Past its day but within its grace, as the customer list says it. */
  if (urgency == RAPPORT_URGENCY_DUE_TODAY && item->due_at < today_start (self->now))
    text = _("Due");
  else if (*text == '\0' && item->snoozed)
    text = _("Snoozed");
  gtk_label_set_label (self->urgency_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->urgency_label), *text != '\0');
}

/* For screen readers, the row in one sentence. */
static char *
describe_item (const RapportDueItem *item,
               const char           *urgency,
               const char           *day,
               const char           *time)
{
  GString *text = g_string_new (item->customer_name);

  g_string_append_printf (text, ", %s", rapport_follow_up_kind_label (item->kind));
  if (*urgency != '\0')
    g_string_append_printf (text, ", %s", urgency);
  g_string_append (text, ", ");
  /* Translators: when a check-in is due, "Tomorrow at 09:00" */
  g_string_append_printf (text, _("%s at %s"), day, time);
  return g_string_free (text, FALSE);
}

static void
show_item (RapportAgendaRow *self,
           int               due_soon_days)
{
  const RapportDueItem *item = rapport_calendar_entry_get_item (self->entry);
  g_autoptr(GDateTime) due = g_date_time_new_from_unix_local (item->due_at);
  g_autofree char *time = rapport_time_format_clock (due);
  g_autofree char *day = rapport_time_describe_day (item->due_at, self->now);
  g_autofree char *description = NULL;

  gtk_label_set_label (self->time_label, time);
  gtk_label_set_label (self->day_label, day);
  show_urgency (self, item, due_soon_days);
  gtk_label_set_label (self->customer_label, item->customer_name);
  gtk_label_set_label (self->kind_label, rapport_follow_up_kind_label (item->kind));
  gtk_label_set_label (self->reason_label, item->reason);
  gtk_widget_set_visible (GTK_WIDGET (self->reason_label), item->reason != NULL && *item->reason != '\0');

  /* Target first: the action takes an id, and a button without one warns. */
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->done_button),
                                          g_variant_new_int64 (item->id));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->done_button), "calendar.done");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->customer_button),
                                          g_variant_new_int64 (item->customer_id));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->customer_button), "win.open-customer");
  gtk_widget_set_visible (GTK_WIDGET (self->draft_button), rapport_drafts_kind_has_draft (item->kind));
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->draft_button),
                                          g_variant_new ("(xs)", item->customer_id, item->kind));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->draft_button), "calendar.draft-email");

  description = describe_item (item, gtk_label_get_label (self->urgency_label), day, time);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);
  gtk_stack_set_visible_child_name (self->stack, "item");
}

static void
show_more (RapportAgendaRow *self)
{
  guint more = rapport_calendar_entry_get_count (self->entry);
  g_autofree char *text = NULL;

  /* Translators: below a list cut short, "and 40 more" */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "and %'u more", "and %'u more", more), more);
  gtk_label_set_label (self->more_label, text);
  gtk_stack_set_visible_child_name (self->stack, "more");
}

/**
 * rapport_agenda_row_set_entry:
 * @entry: (nullable): what to show
 * @day_title: the title of the selected day's section ("Today")
 */
void
rapport_agenda_row_set_entry (RapportAgendaRow     *self,
                              RapportCalendarEntry *entry,
                              const char           *day_title,
                              gint64                now,
                              int                   due_soon_days)
{
  g_return_if_fail (RAPPORT_IS_AGENDA_ROW (self));
  g_return_if_fail (entry == NULL || RAPPORT_IS_CALENDAR_ENTRY (entry));

  g_set_object (&self->entry, entry);
  self->now = now;
  if (entry == NULL)
    return;

  switch (rapport_calendar_entry_get_kind (entry))
    {
    case RAPPORT_CALENDAR_ENTRY_HEADER:
      show_header (self, day_title);
      break;
    case RAPPORT_CALENDAR_ENTRY_ITEM:
      show_item (self, due_soon_days);
      break;
    case RAPPORT_CALENDAR_ENTRY_MORE:
      show_more (self);
      break;
    case RAPPORT_CALENDAR_ENTRY_EMPTY:
    default:
      gtk_stack_set_visible_child_name (self->stack, "empty");
      break;
    }
}

static GtkGridLayoutChild *
grid_child (GtkWidget *child)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (gtk_widget_get_parent (child));

  return GTK_GRID_LAYOUT_CHILD (gtk_layout_manager_get_layout_child (layout, child));
}

/**
 * rapport_agenda_row_set_compact:
 *
 * At a phone's width the buttons go below the text, which keeps the
 * width to read by.
 */
void
rapport_agenda_row_set_compact (RapportAgendaRow *self,
                                gboolean          compact)
{
  GtkGridLayoutChild *actions;

  g_return_if_fail (RAPPORT_IS_AGENDA_ROW (self));

  compact = !!compact;
  if (self->compact == compact)
    return;
  self->compact = compact;

  actions = grid_child (self->actions_box);
  gtk_grid_layout_child_set_column (actions, compact ? 1 : 2);
  gtk_grid_layout_child_set_row (actions, compact ? 1 : 0);
  gtk_grid_layout_child_set_row_span (grid_child (self->when_box), compact ? 2 : 1);
  gtk_widget_set_valign (self->when_box, compact ? GTK_ALIGN_START : GTK_ALIGN_CENTER);
}

/**
 * rapport_agenda_row_get_entry:
 *
 * Returns: (transfer none) (nullable): the entry shown
 */
RapportCalendarEntry *
rapport_agenda_row_get_entry (RapportAgendaRow *self)
{
  g_return_val_if_fail (RAPPORT_IS_AGENDA_ROW (self), NULL);

  return self->entry;
}

static const RapportDueItem *
shown_item (RapportAgendaRow *self)
{
  return self->entry != NULL ? rapport_calendar_entry_get_item (self->entry) : NULL;
}

static gint64
local_time (const GDate *day,
            int          hour,
            int          minute)
{
  g_autoptr(GDateTime) dt = g_date_time_new_local (g_date_get_year (day), g_date_get_month (day),
                                                   g_date_get_day (day), hour, minute, 0);

  return dt != NULL ? g_date_time_to_unix (dt) : 0;
}

static void
snooze_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  RapportAgendaRow *self = RAPPORT_AGENDA_ROW (widget);
  const RapportDueItem *item = shown_item (self);
  gint64 now = rapport_time_now ();
  gint64 until;
  GDate tomorrow;

  if (item == NULL)
    return;

  if (g_str_equal (g_variant_get_string (param, NULL), "hour"))
    until = now + 60 * 60;
  else
    {
      rapport_calendar_local_day (now, &tomorrow);
      g_date_add_days (&tomorrow, 1);
      until = local_time (&tomorrow, 9, 0);
    }
  gtk_widget_activate_action (widget, "calendar.snooze", "(xx)", item->id, until);
}

static gboolean
parse_time_of_day (const char *text,
                   int        *hour,
                   int        *minute)
{
  unsigned h, m;
  int consumed = 0;

  if (sscanf (text, "%2u:%2u%n", &h, &m, &consumed) != 2 || text[consumed] != '\0' ||
      h > 23 || m > 59)
    return FALSE;
  *hour = h;
  *minute = m;
  return TRUE;
}

static void
show_reschedule_error (RapportAgendaRow *self,
                       GtkEntry         *entry,
                       const char       *message)
{
  gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
  gtk_label_set_label (self->reschedule_error, message);
  gtk_widget_set_visible (GTK_WIDGET (self->reschedule_error), TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (entry));
}

static void
reschedule_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  RapportAgendaRow *self = RAPPORT_AGENDA_ROW (widget);
  const RapportDueItem *item = shown_item (self);
  g_autofree char *date_text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->date_entry))));
  g_autofree char *time_text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->time_entry))));
  int hour = 9, minute = 0;
  gint64 due_at;
  GDate day;

  if (item == NULL || self->date_entry == NULL)
    return;

  gtk_widget_remove_css_class (GTK_WIDGET (self->date_entry), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->time_entry), "error");
  if (!rapport_date_parse (date_text, &day))
    {
      show_reschedule_error (self, self->date_entry, _("Enter a real day as YYYY-MM-DD, like 2026-12-01"));
      return;
    }
  if (*time_text != '\0' && !parse_time_of_day (time_text, &hour, &minute))
    {
      show_reschedule_error (self, self->time_entry, _("Enter a time as HH:MM, like 14:30"));
      return;
    }
  if ((due_at = local_time (&day, hour, minute)) == 0)
    {
      show_reschedule_error (self, self->date_entry, _("That day cannot be scheduled"));
      return;
    }

  gtk_menu_button_popdown (self->reschedule_button);
  gtk_widget_activate_action (widget, "calendar.reschedule", "(xx)", item->id, due_at);
}

/* The popover opens on the item's current due time, ready to be edited. */
static void
on_reschedule_shown (RapportAgendaRow *self)
{
  const RapportDueItem *item = shown_item (self);
  g_autoptr(GDateTime) due = NULL;
  g_autofree char *date = NULL;
  g_autofree char *time = NULL;

  if (item == NULL)
    return;

  due = g_date_time_new_from_unix_local (item->due_at);
  date = g_date_time_format (due, "%Y-%m-%d");
  time = g_date_time_format (due, "%H:%M");
  gtk_editable_set_text (GTK_EDITABLE (self->date_entry), date);
  gtk_editable_set_text (GTK_EDITABLE (self->time_entry), time);
  gtk_widget_remove_css_class (GTK_WIDGET (self->date_entry), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->time_entry), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->reschedule_error), FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->date_entry));
}

static void
on_reschedule_entry_activate (RapportAgendaRow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "row.reschedule", NULL);
}

static void
create_snooze_menu (GtkMenuButton *button,
                    gpointer       user_data)
{
  RapportAgendaRow *self = RAPPORT_AGENDA_ROW (user_data);

  gtk_menu_button_set_menu_model (button, self->snooze_menu);
}

static void
create_reschedule_popover (GtkMenuButton *button,
                           gpointer       user_data)
{
  RapportAgendaRow *self = RAPPORT_AGENDA_ROW (user_data);
  g_autoptr(GtkBuilderScope) scope = gtk_builder_cscope_new ();
  g_autoptr(GtkBuilder) builder = gtk_builder_new ();
  g_autoptr(GError) error = NULL;

  gtk_builder_cscope_add_callback_symbol (GTK_BUILDER_CSCOPE (scope), "on_reschedule_shown",
                                          G_CALLBACK (on_reschedule_shown));
  gtk_builder_cscope_add_callback_symbol (GTK_BUILDER_CSCOPE (scope), "on_reschedule_entry_activate",
                                          G_CALLBACK (on_reschedule_entry_activate));
  gtk_builder_set_scope (builder, scope);
  gtk_builder_set_current_object (builder, G_OBJECT (self));
  if (!gtk_builder_add_from_resource (builder, "/io/github/rapportapp/Rapport/rapport-agenda-row-reschedule.ui",
                                      &error))
    g_error ("The Reschedule popover: %s", error->message);

  self->date_entry = GTK_ENTRY (gtk_builder_get_object (builder, "date_entry"));
  self->time_entry = GTK_ENTRY (gtk_builder_get_object (builder, "time_entry"));
  self->reschedule_error = GTK_LABEL (gtk_builder_get_object (builder, "reschedule_error"));
  gtk_menu_button_set_popover (button, GTK_WIDGET (gtk_builder_get_object (builder, "reschedule_popover")));
}

static void
rapport_agenda_row_dispose (GObject *object)
{
  RapportAgendaRow *self = (RapportAgendaRow *)object;

  g_clear_object (&self->entry);
  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_AGENDA_ROW);

  G_OBJECT_CLASS (rapport_agenda_row_parent_class)->dispose (object);
}

static void
rapport_agenda_row_class_init (RapportAgendaRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_agenda_row_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "agendarow");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rapportapp/Rapport/rapport-agenda-row.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportAgendaRow, stack);
  gtk_widget_class_bind_template_child (widget_class, RapportAgendaRow, header_label);
  gtk_widget_class_bind_template_child (widget_class, RapportAgendaRow, header_count);
  gtk_widget_class_bind_template_child (widget_class, RapportAgendaRow, time_label);
  gtk_widget_class_bind_template_child (widget_class, RapportAgendaRow, day_label);
  gtk_widget_class_bind_template_child (widget_class, RapportAgendaRow, urgency_label);
  gtk_widget_class_bind_template_child (widget_class, RapportAgendaRow, customer_button);
  gtk_widget_class_bind_template_child (widget_class, RapportAgendaRow, customer_label);
  gtk_widget_class_bind_template_child (widget_class, RapportAgendaRow, kind_label);
  gtk_widget_class_bind_template_child (widget_class, RapportAgendaRow, reason_label);
  gtk_widget_class_bind_template_child (widget_class, RapportAgendaRow, done_button);
  gtk_widget_class_bind_template_child (widget_class, RapportAgendaRow, draft_button);
  gtk_widget_class_bind_template_child (widget_class, RapportAgendaRow, snooze_button);
  gtk_widget_class_bind_template_child (widget_class, RapportAgendaRow, snooze_menu);
  gtk_widget_class_bind_template_child (widget_class, RapportAgendaRow, reschedule_button);
  gtk_widget_class_bind_template_child (widget_class, RapportAgendaRow, more_label);
  gtk_widget_class_bind_template_child (widget_class, RapportAgendaRow, when_box);
  gtk_widget_class_bind_template_child (widget_class, RapportAgendaRow, actions_box);

  gtk_widget_class_install_action (widget_class, "row.snooze", "s", snooze_action);
  gtk_widget_class_install_action (widget_class, "row.reschedule", NULL, reschedule_action);
}

static void
rapport_agenda_row_init (RapportAgendaRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_menu_button_set_create_popup_func (self->snooze_button, create_snooze_menu, self, NULL);
  gtk_menu_button_set_create_popup_func (self->reschedule_button, create_reschedule_popover, self, NULL);
}

GtkWidget *
rapport_agenda_row_new (void)
{
  return g_object_new (RAPPORT_TYPE_AGENDA_ROW, NULL);
}
