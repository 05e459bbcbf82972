/* rapport-calendar-page.c: the Follow-ups view: a month of check-ins and
 * the agenda of the selected day
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page reads the book through RapportCalendarModel, whose queries are
 * bounded, and reads it again whenever the store says it changed: after
 * Done, Snooze or Reschedule here, and after any edit elsewhere.  A read
 * (the month's counts and the agenda together) runs in a worker thread;
 * the page shows the last one until the next arrives, and a newer read
 * (another day, another month) interrupts an outdated one.
 *
 * GTK 4.8's list view builds up to 200 rows at once, however few are on
 * screen: the agenda's first show spent most of a second of the main
 * thread on rows nobody saw yet.  The view shows a slice of the agenda
 * that starts with a screenful and grows by a few rows each frame until
 * it holds all.
 */

#define G_LOG_DOMAIN "rapport-calendar-page"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-agenda-row.h"
#include "rapport-calendar-page.h"
#include "rapport-drafts.h"
#include "rapport-follow-ups.h"
#include "rapport-mail-draft.h"
#include "rapport-reader.h"
#include "rapport-slice-grower.h"
#include "rapport-time.h"
#include "rapport-toast.h"

/* Rows the agenda's slice grows by in a frame: some 2 ms each. */
#define ROWS_PER_FRAME 8
/* As many as GTK 4.8's list view builds: past them, the rest of the
 * agenda costs no row, and comes at once. */
#define ROWS_BUILT     200

struct _RapportCalendarPage
{
  AdwBin                parent_instance;

  RapportStore         *store;
  RapportCalendarModel *model;
  GtkSliceListModel    *shown;            /* the agenda's rows built so far */
  RapportSliceGrower   *grower;           /* growing it while on screen */
  RapportReader        *reader;
  GCancellable         *loading;          /* the read running, if any */
  GSettings            *settings;
  gint64                now;              /* of the last load */
  GDate                 today;            /* of the last load */
  gboolean              refreshing;
  gboolean              stale;            /* the book changed while hidden */
  gboolean              counts_stale;     /* the book changed since counting */
  guint                 changes;          /* times the book changed */
  GDate                 counted_first;    /* the first day of the counts shown */
  gboolean              midnight_passed;
  guint                 refresh_source;
  guint                 midnight_source;

  GtkStack             *stack;
  AdwLeaflet           *leaflet;
  RapportMonthGrid     *month_grid;
  GtkWidget            *agenda_pane;
  GtkWidget            *back_button;
  GtkListView          *agenda_view;
};

G_DEFINE_FINAL_TYPE (RapportCalendarPage, rapport_calendar_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* One read of the book: what the worker is asked, and what it found. */
typedef struct
{
  GDate                  day;
  gint64                 now;
  guint                  limit;
  GDate                  first;      /* of the month grid */
  gboolean               count;      /* whether the grid needs counts */
  gboolean               scroll;     /* a day was chosen: bring it up */
  guint                  changes;

  gboolean               has_open;
  guint                  counts[RAPPORT_MONTH_GRID_N_DAYS];
  RapportCalendarAgenda *agenda;
} Snapshot;

static void
snapshot_free (Snapshot *snapshot)
{
  g_clear_pointer (&snapshot->agenda, rapport_calendar_agenda_free);
  g_free (snapshot);
}

static void refresh (RapportCalendarPage *self,
                     gboolean             scroll);

static gboolean
on_midnight (gpointer data)
{
  RapportCalendarPage *self = data;

  self->midnight_source = 0;
  self->midnight_passed = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    refresh (self, FALSE);
  return G_SOURCE_REMOVE;
}

/* One timer, to the next local midnight, when "today" moves on. */
static void
arm_midnight (RapportCalendarPage *self,
              const GDate         *today)
{
  GDate tomorrow = *today;
  gint64 wait;

  g_clear_handle_id (&self->midnight_source, g_source_remove);
  g_date_add_days (&tomorrow, 1);
  wait = rapport_calendar_day_start (&tomorrow) - self->now + 1;
  self->midnight_source = g_timeout_add_seconds (CLAMP (wait, 1, 25 * 60 * 60), on_midnight, self);
}

static void
update_today (RapportCalendarPage *self,
              const GDate         *today)
{
  gboolean follow;
  GDate selected;

  /* Whoever looked at today at 23:59 wants to see the new today. */
  rapport_month_grid_get_selected (self->month_grid, &selected);
  follow = g_date_valid (&self->today) &&
           g_date_compare (&selected, &self->today) == 0 &&
           g_date_compare (&self->today, today) != 0;

  self->today = *today;
  rapport_month_grid_set_today (self->month_grid, today);
  if (follow)
    rapport_month_grid_select (self->month_grid, today);
}

static gboolean
read_thread (RapportStore  *reader,
             gpointer       data,
             GError       **error)
{
  Snapshot *snapshot = data;

  if (!rapport_calendar_has_open (reader, &snapshot->has_open, error) ||
      (snapshot->count &&
       !rapport_calendar_count_days (reader, &snapshot->first, G_N_ELEMENTS (snapshot->counts),
                                     snapshot->counts, error)))
    return FALSE;
  snapshot->agenda = rapport_calendar_agenda_read (reader, &snapshot->day, snapshot->now,
                                                   snapshot->limit, error);
  return snapshot->agenda != NULL;
}

static void scroll_to_day (RapportCalendarPage *self);

static void
read_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  RapportCalendarPage *self;
  Snapshot *snapshot;

  snapshot = rapport_reader_run_finish (RAPPORT_READER (object), result, &error);
  /* Replaced by a newer read, or the page is gone: do not touch it. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = RAPPORT_CALENDAR_PAGE (user_data);
  g_clear_object (&self->loading);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
  if (snapshot == NULL)
    {
      rapport_toast_error (GTK_WIDGET (self), error->message);
      return;
    }

  gtk_stack_set_visible_child_name (self->stack, snapshot->has_open ? "calendar" : "empty");
  if (snapshot->count)
    {
      GDate first;

      /* The month may have moved on since: those counts are not its. */
      rapport_month_grid_get_first_day (self->month_grid, &first);
      if (g_date_compare (&first, &snapshot->first) == 0)
        rapport_month_grid_set_counts (self->month_grid, snapshot->counts);
      self->counted_first = snapshot->first;
      if (snapshot->changes == self->changes)
        self->counts_stale = FALSE;
    }
  rapport_calendar_model_show (self->model, snapshot->agenda);
  if (snapshot->scroll)
    scroll_to_day (self);
}

/* Choosing another day of the month needs no new counts. */
static void
refresh (RapportCalendarPage *self,
         gboolean             scroll)
{
  Snapshot *snapshot;
  GDate today;

  g_assert (RAPPORT_IS_CALENDAR_PAGE (self));

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (self->store == NULL)
    return;
  self->stale = FALSE;
  self->midnight_passed = FALSE;

  self->now = rapport_time_now ();
  rapport_calendar_local_day (self->now, &today);
  arm_midnight (self, &today);

  /* Selecting the new today notifies; this load covers it. */
  self->refreshing = TRUE;
  update_today (self, &today);
  self->refreshing = FALSE;

  snapshot = g_new0 (Snapshot, 1);
  rapport_month_grid_get_selected (self->month_grid, &snapshot->day);
  rapport_month_grid_get_first_day (self->month_grid, &snapshot->first);
  snapshot->now = self->now;
  snapshot->limit = rapport_calendar_model_get_limit (self->model);
  snapshot->count = self->counts_stale || !g_date_valid (&self->counted_first) ||
                    g_date_compare (&snapshot->first, &self->counted_first) != 0;
  snapshot->scroll = scroll;
  snapshot->changes = self->changes;

  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  self->loading = g_cancellable_new ();
  rapport_reader_run_async (self->reader, read_thread, snapshot, (GDestroyNotify) snapshot_free,
                            self->loading, read_done, self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static gboolean
refresh_idle (gpointer data)
{
  RapportCalendarPage *self = data;

  self->refresh_source = 0;
  refresh (self, FALSE);
  return G_SOURCE_REMOVE;
}

/* A bulk edit elsewhere may commit many times: read the book once after,
 * and only when the page is on screen. */
static void
queue_refresh (RapportCalendarPage *self)
{
  self->counts_stale = TRUE;
  self->changes++;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->stale = TRUE;
  else if (self->refresh_source == 0)
    self->refresh_source = g_idle_add (refresh_idle, self);
}

static void
on_map (RapportCalendarPage *self)
{
  if (self->stale || self->midnight_passed)
    refresh (self, FALSE);
}

static guint
day_header_position (RapportCalendarPage *self)
{
  GListModel *model = G_LIST_MODEL (self->model);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(RapportCalendarEntry) entry = g_list_model_get_item (model, i);

      if (rapport_calendar_entry_get_kind (entry) == RAPPORT_CALENDAR_ENTRY_HEADER &&
          rapport_calendar_entry_get_section (entry) == RAPPORT_CALENDAR_SECTION_DAY)
        return i;
    }
  return 0;
}

/* How many rows the agenda shows at once, from a row on screen. */
static guint
rows_in_view (RapportCalendarPage *self)
{
  GtkWidget *view = GTK_WIDGET (self->agenda_view);
  GtkWidget *row = gtk_widget_get_first_child (view);
  int row_height = row != NULL ? gtk_widget_get_height (row) : 0;

  if (row_height <= 0)
    return 20;
  return MAX (1, gtk_widget_get_height (view) / row_height + 1);
}

/* The agenda's slice holds at least @n rows. */
static void
show_rows (RapportCalendarPage *self,
           guint                n)
{
  if (gtk_slice_list_model_get_size (self->shown) < n)
    gtk_slice_list_model_set_size (self->shown, n);
}

/* A chosen day's section may follow a long list of overdue check-ins:
 * bring it to the top.  GTK 4.8 scrolls an item only into view, so pass
 * a screenful below the header first and come back up to it: not the
 * list's end, whose rows GTK would build only to throw away.  Today
 * starts at the top, with what is overdue. */
static void
scroll_to_day (RapportCalendarPage *self)
{
  GtkWidget *view = GTK_WIDGET (self->agenda_view);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  guint header = day_header_position (self);
  GDate day;

  if (n == 0 || !rapport_calendar_model_get_day (self->model, &day))
    return;
  show_rows (self, MIN (n, header + rows_in_view (self) + 1));
  if (g_date_compare (&day, &self->today) == 0)
    header = 0;
  else
    gtk_widget_activate_action (view, "list.scroll-to-item", "u", MIN (n - 1, header + rows_in_view (self)));
  gtk_widget_activate_action (view, "list.scroll-to-item", "u", header);
}

static void
on_selected_changed (RapportCalendarPage *self)
{
  if (self->refreshing)
    return;
  refresh (self, TRUE);
}

/* Folded, the month and the agenda take turns. */
static void
on_day_activated (RapportCalendarPage *self)
{
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->agenda_pane);
}

static void
on_back_clicked (RapportCalendarPage *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
on_folded_changed (RapportCalendarPage *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  gtk_widget_set_visible (self->back_button, folded);

  /* The rows on screen; the others learn it when they are bound. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->agenda_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row = gtk_widget_get_first_child (child);

      if (row != NULL && RAPPORT_IS_AGENDA_ROW (row))
        rapport_agenda_row_set_compact (RAPPORT_AGENDA_ROW (row), folded);
    }
}

static char *
day_title (RapportCalendarPage *self)
{
  g_autoptr(GDateTime) dt = NULL;
  GDate day, today;

  if (!rapport_calendar_model_get_day (self->model, &day))
    return g_strdup ("");
  rapport_calendar_local_day (self->now, &today);
  if (g_date_compare (&day, &today) == 0)
    return g_strdup (_("Today"));

  dt = g_date_time_new_utc (g_date_get_year (&day), g_date_get_month (&day), g_date_get_day (&day),
                            12, 0, 0);
  /* Translators: the agenda's title for a chosen day, see g_date_time_format() */
  return g_date_time_format (dt, _("%A %-d %B"));
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item)
{
  gtk_list_item_set_child (item, rapport_agenda_row_new ());
  gtk_list_item_set_activatable (item, FALSE);
  /* Selectable, though the agenda's model selects nothing: GTK 4.8 lets
   * an item without a focusable child (a section's heading) take the
   * focus only if it is selectable, and where one cannot, Tab skips the
   * whole agenda and the check-ins' buttons are out of the keyboard's
   * reach (tests/ui/test-ui-keyboard.c). */
  gtk_list_item_set_selectable (item, TRUE);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          RapportCalendarPage      *self)
{
  RapportAgendaRow *row = RAPPORT_AGENDA_ROW (gtk_list_item_get_child (item));
  g_autofree char *title = day_title (self);

  rapport_agenda_row_set_compact (row, adw_leaflet_get_folded (self->leaflet));
  rapport_agenda_row_set_entry (row, gtk_list_item_get_item (item), title, self->now,
                                g_settings_get_int (self->settings, "due-soon-days"));
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *item)
{
  rapport_agenda_row_set_entry (RAPPORT_AGENDA_ROW (gtk_list_item_get_child (item)), NULL, NULL, 0, 0);
}

/* The name of the customer of a follow-up shown in the agenda. */
static char *
customer_of (RapportCalendarPage *self,
             gint64               id)
{
  GListModel *model = G_LIST_MODEL (self->model);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(RapportCalendarEntry) entry = g_list_model_get_item (model, i);
      const RapportDueItem *item = rapport_calendar_entry_get_item (entry);

      if (item != NULL && item->id == id)
        return g_markup_escape_text (item->customer_name, -1);
    }
  return g_strdup ("");
}

static void
toast (RapportCalendarPage *self,
       char                *title)
{
  rapport_toast_show (GTK_WIDGET (self), adw_toast_new (title));
  g_free (title);
}

/* "Tomorrow, 09:00": toasts say where an item went. */
static char *
describe_time (RapportCalendarPage *self,
               gint64               t)
{
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (t);
  g_autofree char *day = rapport_time_describe_day (t, rapport_time_now ());
  g_autofree char *time = rapport_time_format_clock (local);

  /* Translators: a day and a time, "Tomorrow, 09:00" */
  return g_strdup_printf (_("%s, %s"), day, time);
}

/* (customer id, follow-up kind): the playbook's email for it. */
static void
draft_email_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  RapportCalendarPage *self = RAPPORT_CALENDAR_PAGE (widget);
  g_autoptr(GVariant) overrides = g_settings_get_value (self->settings, "email-drafts");
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  const char *kind;
  gint64 customer_id;

  g_variant_get (param, "(x&s)", &customer_id, &kind);
  uri = rapport_drafts_for_customer (self->store, customer_id, kind, overrides, &error);
  if (uri == NULL)
    {
      rapport_toast_error (widget, error != NULL ? error->message
                                                 : _("There is no draft email for this check-in"));
      return;
    }
  rapport_mail_draft_open (widget, uri);
}

static void
done_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  RapportCalendarPage *self = RAPPORT_CALENDAR_PAGE (widget);
  gint64 id = g_variant_get_int64 (param);
  g_autofree char *name = customer_of (self, id);
  g_autoptr(GError) error = NULL;
  RapportPlaybookSettings settings;

  rapport_playbook_settings_load (&settings, self->settings);
  if (!rapport_follow_up_complete (self->store, id, &settings, rapport_time_now (), &error))
    {
      rapport_toast_error (widget, error->message);
      return;
    }
  /* Translators: a toast after the Done button of a check-in */
  toast (self, *name != '\0' ? g_strdup_printf (_("Check-in with %s marked done"), name)
                             : g_strdup (_("Marked done")));
}

static void
snooze_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  RapportCalendarPage *self = RAPPORT_CALENDAR_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *when = NULL;
  gint64 id, until;

  g_variant_get (param, "(xx)", &id, &until);
  if (!rapport_follow_up_snooze (self->store, id, until, &error))
    {
      rapport_toast_error (widget, error->message);
      return;
    }
  when = describe_time (self, until);
  /* Translators: a toast, "Snoozed until Tomorrow, 09:00" */
  toast (self, g_strdup_printf (_("Snoozed until %s"), when));
}

static void
reschedule_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  RapportCalendarPage *self = RAPPORT_CALENDAR_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *when = NULL;
  RapportPlaybookSettings settings;
  gint64 id, due_at;

  g_variant_get (param, "(xx)", &id, &due_at);
  rapport_playbook_settings_load (&settings, self->settings);
  if (!rapport_follow_up_reschedule (self->store, id, due_at, &settings, rapport_time_now (), &error))
    {
      rapport_toast_error (widget, error->message);
      return;
    }
  when = describe_time (self, due_at);
  /* Translators: a toast, "Moved to Friday, 14:30" */
  toast (self, g_strdup_printf (_("Moved to %s"), when));
}

static void
rapport_calendar_page_dispose (GObject *object)
{
  RapportCalendarPage *self = (RapportCalendarPage *)object;

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_handle_id (&self->midnight_source, g_source_remove);
  g_clear_object (&self->grower);
  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  if (self->agenda_view != NULL)
    gtk_list_view_set_model (self->agenda_view, NULL);
  /* AdwBin holds its child itself: let it unparent it before the
   * template clears its pointers. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_CALENDAR_PAGE);
  g_clear_object (&self->shown);
  g_clear_object (&self->model);
  g_clear_object (&self->reader);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (rapport_calendar_page_parent_class)->dispose (object);
}

static void
rapport_calendar_page_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  RapportCalendarPage *self = RAPPORT_CALENDAR_PAGE (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, rapport_calendar_page_get_loading (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_calendar_page_class_init (RapportCalendarPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_calendar_page_dispose;
  object_class->get_property = rapport_calendar_page_get_property;

  /**
   * RapportCalendarPage:loading:
   *
   * Whether a read of the book is under way; the page shows the last one
   * meanwhile.
   */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (RAPPORT_TYPE_MONTH_GRID);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rapportapp/Rapport/rapport-calendar-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportCalendarPage, stack);
  gtk_widget_class_bind_template_child (widget_class, RapportCalendarPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, RapportCalendarPage, month_grid);
  gtk_widget_class_bind_template_child (widget_class, RapportCalendarPage, agenda_pane);
  gtk_widget_class_bind_template_child (widget_class, RapportCalendarPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, RapportCalendarPage, agenda_view);
  gtk_widget_class_bind_template_callback (widget_class, on_selected_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_day_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked);

  gtk_widget_class_install_action (widget_class, "calendar.done", "x", done_action);
  gtk_widget_class_install_action (widget_class, "calendar.draft-email", "(xs)", draft_email_action);
  gtk_widget_class_install_action (widget_class, "calendar.snooze", "(xx)", snooze_action);
  gtk_widget_class_install_action (widget_class, "calendar.reschedule", "(xx)", reschedule_action);
}

static void
rapport_calendar_page_init (RapportCalendarPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  g_date_clear (&self->today, 1);
  g_date_clear (&self->counted_first, 1);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_row), self, 0);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), NULL);
  gtk_list_view_set_factory (self->agenda_view, factory);

  g_signal_connect_object (self->leaflet, "notify::folded", G_CALLBACK (on_folded_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "map", G_CALLBACK (on_map), NULL);
  on_folded_changed (self);
}

void
rapport_calendar_page_set_store (RapportCalendarPage *self,
                                 RapportStore        *store)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  g_return_if_fail (RAPPORT_IS_CALENDAR_PAGE (self));
  g_return_if_fail (RAPPORT_IS_STORE (store));
  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  self->reader = rapport_reader_new (store);
  self->model = rapport_calendar_model_new (store);
  /* A screenful first, as many as a tall window shows. */
  self->shown = gtk_slice_list_model_new (g_object_ref (G_LIST_MODEL (self->model)), 0, 24);
  self->grower = rapport_slice_grower_new (GTK_WIDGET (self), self->shown, ROWS_PER_FRAME,
                                           ROWS_BUILT);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->shown)));
  gtk_list_view_set_model (self->agenda_view, GTK_SELECTION_MODEL (selection));

  g_signal_connect_object (store, "changed", G_CALLBACK (queue_refresh), self, G_CONNECT_SWAPPED);
  refresh (self, FALSE);
}

gboolean
rapport_calendar_page_get_loading (RapportCalendarPage *self)
{
  g_return_val_if_fail (RAPPORT_IS_CALENDAR_PAGE (self), FALSE);

  return self->loading != NULL;
}

/**
 * rapport_calendar_page_show_today:
 *
 * Selects today, and shows its agenda when the page is folded.
 */
void
rapport_calendar_page_show_today (RapportCalendarPage *self)
{
  GDate today;

  g_return_if_fail (RAPPORT_IS_CALENDAR_PAGE (self));

  rapport_calendar_local_day (rapport_time_now (), &today);
  rapport_month_grid_set_today (self->month_grid, &today);
  rapport_month_grid_select (self->month_grid, &today);
  on_day_activated (self);
}

void
rapport_calendar_page_move_months (RapportCalendarPage *self,
                                   int                  months)
{
  g_return_if_fail (RAPPORT_IS_CALENDAR_PAGE (self));

  rapport_month_grid_move_months (self->month_grid, months);
}

RapportCalendarModel *
rapport_calendar_page_get_model (RapportCalendarPage *self)
{
  g_return_val_if_fail (RAPPORT_IS_CALENDAR_PAGE (self), NULL);

  return self->model;
}

RapportMonthGrid *
rapport_calendar_page_get_month_grid (RapportCalendarPage *self)
{
  g_return_val_if_fail (RAPPORT_IS_CALENDAR_PAGE (self), NULL);

  return self->month_grid;
}
