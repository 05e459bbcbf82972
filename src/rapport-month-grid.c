/* rapport-month-grid.c: a month of days, each with its number of check-ins
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The grid always shows the month of its selected day, six weeks from the
 * locale's first weekday on.  Changing month moves the selection, so there
 * is one piece of state.  The 42 day cells are built once and relabelled.
 */

#define G_LOG_DOMAIN "rapport-month-grid"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#ifdef __GLIBC__
#include <langinfo.h>
#endif

#include "rapport-calendar-model.h"
#include "rapport-month-grid.h"
#include "rapport-time.h"

struct _RapportMonthGrid
{
  AdwBin           parent_instance;

  GDate            selected;
  GDate            today;
  GDate            first_day;                /* of the first cell */
  guint            counts[RAPPORT_MONTH_GRID_N_DAYS];
  GDateWeekday     week_start;
  gboolean         updating;

  GtkToggleButton *cells[RAPPORT_MONTH_GRID_N_DAYS];
  GtkLabel        *numbers[RAPPORT_MONTH_GRID_N_DAYS];
  GtkLabel        *badges[RAPPORT_MONTH_GRID_N_DAYS];

  GtkLabel        *month_label;
  GtkGrid         *days_grid;
  GtkLabel        *summary_label;
};

G_DEFINE_FINAL_TYPE (RapportMonthGrid, rapport_month_grid, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SELECTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  DAY_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* As GtkCalendar reads it: glibc knows each locale's first weekday. */
static GDateWeekday
locale_week_start (void)
{
#ifdef __GLIBC__
  union { unsigned int word; char *string; } langinfo;
  int first_weekday, week_1stday;

  langinfo.string = nl_langinfo (_NL_TIME_FIRST_WEEKDAY);
  first_weekday = langinfo.string[0];
  langinfo.string = nl_langinfo (_NL_TIME_WEEK_1STDAY);
  if (langinfo.word == 19971130)       /* a Sunday */
    week_1stday = 0;
  else if (langinfo.word == 19971201)  /* a Monday */
    week_1stday = 1;
  else
    return G_DATE_MONDAY;

  switch ((week_1stday + first_weekday - 1) % 7)
    {
    case 0: return G_DATE_SUNDAY;
    case 6: return G_DATE_SATURDAY;
    default: return (week_1stday + first_weekday - 1) % 7;
    }
#else
  return G_DATE_MONDAY;
#endif
}

static GDateTime *
date_time_of (const GDate *day)
{
  return g_date_time_new_utc (g_date_get_year (day), g_date_get_month (day),
                              g_date_get_day (day), 12, 0, 0);
}

static char *
format_day (const GDate *day,
            const char  *format)
{
  g_autoptr(GDateTime) dt = date_time_of (day);

  return g_date_time_format (dt, format);
}

static char *
describe_cell (RapportMonthGrid *self,
               const GDate      *day,
               guint             count)
{
  /* Translators: a day in the month grid, see g_date_time_format() */
  g_autofree char *name = format_day (day, _("%A %-d %B"));
  g_autofree char *what = NULL;

  if (count == 0)
    what = g_strdup (_("no check-ins"));
  else if (g_date_compare (day, &self->today) < 0)
    what = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u overdue check-in",
                                         "%'u overdue check-ins", count), count);
  else
    what = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u check-in", "%'u check-ins", count),
                            count);

  if (g_date_valid (&self->today) && g_date_compare (day, &self->today) == 0)
    /* Translators: "Today, Tuesday 3 December: 2 check-ins" */
    return g_strdup_printf (_("Today, %s: %s"), name, what);
  /* Translators: "Tuesday 3 December: 2 check-ins" */
  return g_strdup_printf (_("%s: %s"), name, what);
}

static void
set_class (GtkWidget  *widget,
           const char *css_class,
           gboolean    set)
{
  if (set)
    gtk_widget_add_css_class (widget, css_class);
  else
    gtk_widget_remove_css_class (widget, css_class);
}

static void
update_cell (RapportMonthGrid *self,
             guint             i)
{
  GtkWidget *cell = GTK_WIDGET (self->cells[i]);
  g_autofree char *number = NULL;
  g_autofree char *badge = NULL;
  g_autofree char *label = NULL;
  gboolean past;
  GDate day = self->first_day;

  g_date_add_days (&day, i);
  past = g_date_valid (&self->today) && g_date_compare (&day, &self->today) < 0;

  number = g_strdup_printf ("%u", g_date_get_day (&day));
  gtk_label_set_label (self->numbers[i], number);
  set_class (cell, "other-month", g_date_get_month (&day) != g_date_get_month (&self->selected));
  set_class (cell, "today", g_date_valid (&self->today) && g_date_compare (&day, &self->today) == 0);
  gtk_toggle_button_set_active (self->cells[i], g_date_compare (&day, &self->selected) == 0);

  badge = g_strdup_printf ("%u", self->counts[i]);
  gtk_label_set_label (self->badges[i], badge);
  gtk_widget_set_visible (GTK_WIDGET (self->badges[i]), self->counts[i] > 0);
  /* Open check-ins on a past day are overdue: colour here, words below. */
  set_class (GTK_WIDGET (self->badges[i]), "overdue", past);

  label = describe_cell (self, &day, self->counts[i]);
  gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

/* "23 check-ins in November": the month at a glance. */
static void
update_summary (RapportMonthGrid *self)
{
  g_autofree char *month = NULL;
  g_autofree char *text = NULL;
  guint total = 0;
  GDate day = self->first_day;

  for (guint i = 0; i < RAPPORT_MONTH_GRID_N_DAYS; i++, g_date_add_days (&day, 1))
    if (g_date_get_month (&day) == g_date_get_month (&self->selected))
      total += self->counts[i];

  /* Translators: the month in "23 check-ins in November", see g_date_time_format() */
  month = format_day (&self->selected, _("%B"));
  if (total == 0)
    /* Translators: below the month grid, "No check-ins in November" */
    text = g_strdup_printf (_("No check-ins in %s"), month);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u check-in in %s", "%'u check-ins in %s", total),
                            total, month);
  gtk_label_set_label (self->summary_label, text);
}

static void
update_cells (RapportMonthGrid *self)
{
  g_autofree char *month = NULL;

  g_assert (RAPPORT_IS_MONTH_GRID (self));

  /* Translators: the month grid's title, see g_date_time_format() */
  month = format_day (&self->selected, _("%B %Y"));
  gtk_label_set_label (self->month_label, month);

  self->updating = TRUE;
  for (guint i = 0; i < RAPPORT_MONTH_GRID_N_DAYS; i++)
    update_cell (self, i);
  self->updating = FALSE;
  update_summary (self);
}

static void
first_day_for (RapportMonthGrid *self,
               const GDate      *day,
               GDate            *first)
{
  *first = *day;
  g_date_set_day (first, 1);
  g_date_subtract_days (first, (g_date_get_weekday (first) - self->week_start + 7) % 7);
}

static guint
cell_index (RapportMonthGrid *self,
            const GDate      *day)
{
  int offset = g_date_days_between (&self->first_day, day);

  if (offset < 0 || offset >= RAPPORT_MONTH_GRID_N_DAYS)
    return G_MAXUINT;
  return offset;
}

static gboolean
focus_is_on_a_day (RapportMonthGrid *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->days_grid));
}

/**
 * rapport_month_grid_select:
 *
 * Selects @day, showing its month; counts of another month are cleared
 * until rapport_month_grid_set_counts() gives the new ones.
 */
void
rapport_month_grid_select (RapportMonthGrid *self,
                           const GDate      *day)
{
  gboolean had_focus;
  GDate first;
  guint index;

  g_return_if_fail (RAPPORT_IS_MONTH_GRID (self));
  g_return_if_fail (day != NULL && g_date_valid (day));

  if (g_date_valid (&self->selected) && g_date_compare (&self->selected, day) == 0)
    return;

  had_focus = focus_is_on_a_day (self);
  first_day_for (self, day, &first);
  if (!g_date_valid (&self->first_day) || g_date_compare (&first, &self->first_day) != 0)
    {
      self->first_day = first;
      memset (self->counts, 0, sizeof self->counts);
    }
  self->selected = *day;
  update_cells (self);

  /* Arrow keys carry the focus along, across months too. */
  index = cell_index (self, day);
  if (had_focus && index != G_MAXUINT)
    gtk_widget_grab_focus (GTK_WIDGET (self->cells[index]));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

void
rapport_month_grid_get_selected (RapportMonthGrid *self,
                                 GDate            *day)
{
  g_return_if_fail (RAPPORT_IS_MONTH_GRID (self));
  g_return_if_fail (day != NULL);

  *day = self->selected;
}

void
rapport_month_grid_select_today (RapportMonthGrid *self)
{
  g_return_if_fail (RAPPORT_IS_MONTH_GRID (self));

  if (g_date_valid (&self->today))
    rapport_month_grid_select (self, &self->today);
}

/**
 * rapport_month_grid_move_months:
 *
 * Shows another month, keeping the day of the month where it can (31
 * January goes to the last day of February).
 */
void
rapport_month_grid_move_months (RapportMonthGrid *self,
                                int               months)
{
  GDate day;

  g_return_if_fail (RAPPORT_IS_MONTH_GRID (self));

  day = self->selected;
  if (months > 0)
    g_date_add_months (&day, months);
  else
    g_date_subtract_months (&day, -months);
  rapport_month_grid_select (self, &day);
}

void
rapport_month_grid_set_today (RapportMonthGrid *self,
                              const GDate      *today)
{
  g_return_if_fail (RAPPORT_IS_MONTH_GRID (self));
  g_return_if_fail (today != NULL && g_date_valid (today));

  if (g_date_valid (&self->today) && g_date_compare (&self->today, today) == 0)
    return;
  self->today = *today;
  update_cells (self);
}

/**
 * rapport_month_grid_get_first_day:
 * @first: (out caller-allocates): the day of the first cell; the grid
 *   shows %RAPPORT_MONTH_GRID_N_DAYS days from it on
 */
void
rapport_month_grid_get_first_day (RapportMonthGrid *self,
                                  GDate            *first)
{
  g_return_if_fail (RAPPORT_IS_MONTH_GRID (self));
  g_return_if_fail (first != NULL);

  *first = self->first_day;
}

/**
 * rapport_month_grid_set_counts:
 * @counts: (array fixed-size=42): check-ins per day, from the first cell on
 */
void
rapport_month_grid_set_counts (RapportMonthGrid *self,
                               const guint      *counts)
{
  g_return_if_fail (RAPPORT_IS_MONTH_GRID (self));
  g_return_if_fail (counts != NULL);

  if (memcmp (self->counts, counts, sizeof self->counts) == 0)
    return;
  memcpy (self->counts, counts, sizeof self->counts);
  update_cells (self);
}

/**
 * rapport_month_grid_get_day_widget:
 *
 * Returns: (transfer none) (nullable): the cell showing @day, if shown
 */
GtkWidget *
rapport_month_grid_get_day_widget (RapportMonthGrid *self,
                                   const GDate      *day)
{
  guint index;

  g_return_val_if_fail (RAPPORT_IS_MONTH_GRID (self), NULL);
  g_return_val_if_fail (day != NULL && g_date_valid (day), NULL);

  index = cell_index (self, day);
  return index != G_MAXUINT ? GTK_WIDGET (self->cells[index]) : NULL;
}

static void
on_cell_toggled (GtkToggleButton  *cell,
                 RapportMonthGrid *self)
{
  GDate day = self->first_day;

  if (self->updating || !gtk_toggle_button_get_active (cell))
    return;
  g_date_add_days (&day, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (cell), "index")));
  rapport_month_grid_select (self, &day);
}

/* After "toggled" has selected the day; the selected day can be
 * activated again. */
static void
on_cell_clicked (RapportMonthGrid *self)
{
  g_signal_emit (self, signals[DAY_ACTIVATED], 0);
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  RapportMonthGrid *self = RAPPORT_MONTH_GRID (widget);
  int days = g_variant_get_int32 (param);
  GDate day = self->selected;

  if (days > 0)
    g_date_add_days (&day, days);
  else
    g_date_subtract_days (&day, -days);
  rapport_month_grid_select (self, &day);
}

static void
month_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  RapportMonthGrid *self = RAPPORT_MONTH_GRID (widget);

  if (g_str_equal (action_name, "month.today"))
    rapport_month_grid_select_today (self);
  else
    rapport_month_grid_move_months (self, g_str_equal (action_name, "month.next") ? 1 : -1);
}

static void
add_weekday_labels (RapportMonthGrid *self)
{
  for (guint column = 0; column < 7; column++)
    {
      /* 1 January 2024 was a Monday. */
      guint weekday = (self->week_start - 1 + column) % 7 + 1;
      g_autoptr(GDateTime) dt = g_date_time_new_utc (2024, 1, weekday, 12, 0, 0);
      g_autofree char *name = g_date_time_format (dt, "%a");
      GtkWidget *label = gtk_label_new (name);

      gtk_widget_add_css_class (label, "weekday");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "caption-heading");
      gtk_grid_attach (self->days_grid, label, column, 0, 1, 1);
    }
}

static void
add_cells (RapportMonthGrid *self)
{
  for (guint i = 0; i < RAPPORT_MONTH_GRID_N_DAYS; i++)
    {
      GtkWidget *cell = gtk_toggle_button_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *number = gtk_label_new (NULL);
      GtkWidget *badge = gtk_label_new (NULL);

      gtk_widget_add_css_class (cell, "day");
      gtk_widget_add_css_class (cell, "flat");
      gtk_widget_add_css_class (number, "day-number");
      gtk_widget_add_css_class (badge, "count-badge");
      gtk_widget_set_halign (badge, GTK_ALIGN_CENTER);
      gtk_widget_set_valign (box, GTK_ALIGN_START);
      gtk_box_append (GTK_BOX (box), number);
      gtk_box_append (GTK_BOX (box), badge);
      gtk_button_set_child (GTK_BUTTON (cell), box);
      if (i > 0)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (cell), self->cells[0]);

      g_object_set_data (G_OBJECT (cell), "index", GUINT_TO_POINTER (i));
      g_signal_connect_object (cell, "toggled", G_CALLBACK (on_cell_toggled), self, 0);
      g_signal_connect_object (cell, "clicked", G_CALLBACK (on_cell_clicked), self, G_CONNECT_SWAPPED);
      gtk_grid_attach (self->days_grid, cell, i % 7, 1 + i / 7, 1, 1);

      self->cells[i] = GTK_TOGGLE_BUTTON (cell);
      self->numbers[i] = GTK_LABEL (number);
      self->badges[i] = GTK_LABEL (badge);
    }
}

/* Arrow keys move the selected day only while a day has the focus, so
 * they still move between the header's buttons. */
static void
add_arrow_keys (RapportMonthGrid *self)
{
  static const struct { guint key; int days; } keys[] = {
    { GDK_KEY_Left, -1 }, { GDK_KEY_Right, 1 }, { GDK_KEY_Up, -7 }, { GDK_KEY_Down, 7 },
    { GDK_KEY_KP_Left, -1 }, { GDK_KEY_KP_Right, 1 }, { GDK_KEY_KP_Up, -7 }, { GDK_KEY_KP_Down, 7 },
  };
  GtkEventController *controller = gtk_shortcut_controller_new ();
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      int days = keys[i].days;

      if (rtl && (days == 1 || days == -1))
        days = -days;
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                            gtk_shortcut_new_with_arguments (gtk_keyval_trigger_new (keys[i].key, 0),
                                                                             gtk_named_action_new ("month.move"),
                                                                             "i", days));
    }
  gtk_widget_add_controller (GTK_WIDGET (self->days_grid), controller);
}

static void
rapport_month_grid_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  RapportMonthGrid *self = RAPPORT_MONTH_GRID (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      g_value_set_boxed (value, g_date_valid (&self->selected) ? &self->selected : NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_month_grid_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  RapportMonthGrid *self = RAPPORT_MONTH_GRID (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      if (g_value_get_boxed (value) != NULL)
        rapport_month_grid_select (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_month_grid_dispose (GObject *object)
{
  RapportMonthGrid *self = (RapportMonthGrid *)object;

  /* AdwBin holds its child itself: let it unparent it before the
   * template clears its pointers. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_MONTH_GRID);

  G_OBJECT_CLASS (rapport_month_grid_parent_class)->dispose (object);
}

static void
rapport_month_grid_class_init (RapportMonthGridClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_month_grid_dispose;
  object_class->get_property = rapport_month_grid_get_property;
  object_class->set_property = rapport_month_grid_set_property;

  properties[PROP_SELECTED] =
    g_param_spec_boxed ("selected", NULL, NULL,
                        G_TYPE_DATE,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RapportMonthGrid::day-activated:
   *
   * The user clicked a day (or pressed Space or Enter on it), which is
   * now the selected day.
   */
  signals[DAY_ACTIVATED] = g_signal_new ("day-activated",
                                         G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rapportapp/Rapport/rapport-month-grid.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportMonthGrid, month_label);
  gtk_widget_class_bind_template_child (widget_class, RapportMonthGrid, days_grid);
  gtk_widget_class_bind_template_child (widget_class, RapportMonthGrid, summary_label);

  gtk_widget_class_install_action (widget_class, "month.move", "i", move_action);
  gtk_widget_class_install_action (widget_class, "month.previous", NULL, month_action);
  gtk_widget_class_install_action (widget_class, "month.next", NULL, month_action);
  gtk_widget_class_install_action (widget_class, "month.today", NULL, month_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0, "month.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0, "month.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Page_Up, 0, "month.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Page_Down, 0, "month.next", NULL);
}

static void
rapport_month_grid_init (RapportMonthGrid *self)
{
  GDate today;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->week_start = locale_week_start ();
  g_date_clear (&self->selected, 1);
  g_date_clear (&self->today, 1);
  g_date_clear (&self->first_day, 1);

  add_weekday_labels (self);
  add_cells (self);
  add_arrow_keys (self);

  /* Until the page says otherwise. */
  rapport_calendar_local_day (rapport_time_now (), &today);
  self->today = today;
  rapport_month_grid_select (self, &today);
}
