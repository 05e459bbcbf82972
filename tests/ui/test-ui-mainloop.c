/* test-ui-mainloop.c: the views read the book off the main thread
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Over a generated book of 3,000 customers, the real window opens
 * Follow-ups, Referrals and Testimonials through the actions Alt+2, 3 and
 * 4 trigger, moves months, filters and searches, while the store records
 * every statement the main thread runs.  None may be a view's read: those
 * belong to the views' workers.  What a user does may still write on the
 * main thread (a click on Done is one small transaction), but this test
 * only looks, so the main thread must run no statement at all once the
 * window is up — the one exception is named in allowed () below.
 *
 * The reminders are not a view: they plan on the main thread, with a few
 * bounded reads, when the book changes.  Nothing changes it here but the
 * daily run, ten seconds after start-up, so the test waits for that to
 * be over before it watches.
 *
 * No wall-clock timing is asserted: whether a statement ran on the main
 * thread is a fact, how long it took is a figure (tests/bench/bench-ui
 * views prints it over a book of 100,000 customers).
 */

#include "config.h"

#include <glib/gstdio.h>

#include "rapport-calendar-page.h"
#include "rapport-referral-row.h"
#include "rapport-referrals-page.h"
#include "rapport-testimonials-page.h"
#include "rapport-ui-test.h"

#define CUSTOMERS 3000
#define INTERACTIONS 30000

static const char *gen_book;
static RapportWindow *window;

/* A customer the Customers view shows is loaded by its id when its row is
 * bound: one row read by the primary key, a few per screen.  Coming back
 * to that view may do it; nothing else may run. */
static gboolean
allowed (const char *sql)
{
  return g_str_has_prefix (sql, "SELECT ") &&
         g_str_has_suffix (sql, "FROM customer WHERE id = ?");
}

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  return rapport_ui_test_find_nth (root, type, 0);
}

static GtkWidget *
page_of (GType type)
{
  GtkWidget *page = find_widget (GTK_WIDGET (window), type);

  g_assert_nonnull (page);
  return page;
}

/* A statement a view should have left to its worker. */
static gboolean
is_view_read (const char *sql)
{
  return !allowed (sql);
}

#define assert_no_main_thread_reads(what) \
  G_STMT_START { \
    g_autofree char *reads = rapport_ui_test_take_main_thread_sql (is_view_read); \
    if (*reads != '\0') \
      g_error ("%s ran statements on the main thread:\n%s", (what), reads); \
  } G_STMT_END

static void
show_view (const char *view)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", view));
  g_assert_cmpstr (rapport_window_get_view (window), ==, view);
}

static void
collect_drop_downs (GtkWidget *root,
                    GPtrArray *found)
{
  rapport_ui_test_collect (root, GTK_TYPE_DROP_DOWN, found);
}

static GListModel *
agenda_rows (GtkWidget *page)
{
  g_autoptr(GPtrArray) views = g_ptr_array_new ();

  rapport_ui_test_collect (page, GTK_TYPE_LIST_VIEW, views);
  g_assert_cmpuint (views->len, ==, 1);
  return G_LIST_MODEL (gtk_list_view_get_model (g_ptr_array_index (views, 0)));
}

static gboolean
all_rows_shown (gpointer page)
{
  GListModel *model = G_LIST_MODEL (rapport_calendar_page_get_model (page));

  return g_list_model_get_n_items (agenda_rows (page)) == g_list_model_get_n_items (model);
}

static void
check_follow_ups (void)
{
  RapportCalendarPage *page;
  RapportCalendarModel *model;
  GDate before, after;

  show_view ("follow-ups");
  page = RAPPORT_CALENDAR_PAGE (page_of (RAPPORT_TYPE_CALENDAR_PAGE));
  rapport_ui_test_wait_loaded (page);
  model = rapport_calendar_page_get_model (page);
  /* The book has open check-ins a month either side of today. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), >, 100);
  g_assert_cmpuint (rapport_calendar_model_get_total (model, RAPPORT_CALENDAR_SECTION_OVERDUE) +
                    rapport_calendar_model_get_total (model, RAPPORT_CALENDAR_SECTION_UPCOMING), >, 0);
  assert_no_main_thread_reads ("Opening Follow-ups");

  /* The agenda's first frame builds a screenful of rows, not the 200 GTK
   * would; the others come a few a frame, all in the end.  (Meanwhile the
   * reminders may plan again: the file monitor reports the daily run's
   * writes late.  They are not a view.) */
  g_assert_cmpuint (g_list_model_get_n_items (agenda_rows (GTK_WIDGET (page))), <=, 24);
  rapport_ui_test_wait_until (all_rows_shown, page);
  g_ptr_array_unref (rapport_store_take_main_thread_queries ());

  rapport_calendar_model_get_day (model, &before);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.next-month", NULL));
  rapport_ui_test_wait_loaded (page);
  rapport_calendar_model_get_day (model, &after);
  g_assert_cmpint (g_date_get_month (&after), ==, g_date_get_month (&before) % 12 + 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.previous-month", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.previous-month", NULL));
  rapport_ui_test_wait_loaded (page);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.today", NULL));
  rapport_ui_test_wait_loaded (page);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (rapport_calendar_page_get_month_grid (page)),
                                             "month.move", "i", 1));
  rapport_ui_test_wait_loaded (page);
  assert_no_main_thread_reads ("Moving months and days in Follow-ups");
}

static guint
referral_rows (GtkWidget *page)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  rapport_ui_test_collect (page, RAPPORT_TYPE_REFERRAL_ROW, rows);
  return rows->len;
}

static gboolean
ten_rows_or_more (gpointer page)
{
  return referral_rows (page) >= 10;
}

static gboolean is_true (gpointer flag);

static void
on_painted (gboolean *painted)
{
  *painted = TRUE;
}

static void
check_referrals (void)
{
  g_autoptr(GPtrArray) drop_downs = g_ptr_array_new ();
  gboolean painted;
  gulong handler;
  GtkWidget *page;

  show_view ("referrals");
  page = page_of (RAPPORT_TYPE_REFERRALS_PAGE);
  /* Its read starts as it is shown, not in an idle after the first frame. */
  g_assert_true (rapport_referrals_page_get_loading (RAPPORT_REFERRALS_PAGE (page)));
  rapport_ui_test_wait_loaded (page);
  /* The frame that shows the read builds no section row yet; the rows
   * come a few a frame after it, ten for a section of the book's many
   * won referrals. */
  g_assert_cmpuint (referral_rows (page), ==, 0);
  /* Every 20th customer of the book referred someone. */
  g_assert_true (rapport_ui_test_has_label_with (page, "Won ("));
  assert_no_main_thread_reads ("Opening Referrals");
  /* Off screen they wait: another view's frames do not build them. */
  show_view ("customers");
  painted = 0;
  handler = g_signal_connect_swapped (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                                      G_CALLBACK (on_painted), &painted);
  rapport_ui_test_wait_until (is_true, &painted);
  g_signal_handler_disconnect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), handler);
  g_assert_cmpuint (referral_rows (page), ==, 0);
  show_view ("referrals");
  rapport_ui_test_wait_until (ten_rows_or_more, page);
  g_ptr_array_unref (rapport_store_take_main_thread_queries ());

  collect_drop_downs (page, drop_downs);
  g_assert_cmpuint (drop_downs->len, >=, 2);
  gtk_drop_down_set_selected (g_ptr_array_index (drop_downs, 1), 6);  /* All, promised, …, won */
  rapport_ui_test_wait_loaded (page);
  gtk_drop_down_set_selected (g_ptr_array_index (drop_downs, 0), 3);  /* All, …, unsolicited */
  rapport_ui_test_wait_loaded (page);
  gtk_drop_down_set_selected (g_ptr_array_index (drop_downs, 0), 0);
  gtk_drop_down_set_selected (g_ptr_array_index (drop_downs, 1), 0);
  rapport_ui_test_wait_loaded (page);
  assert_no_main_thread_reads ("Filtering Referrals");
}

static guint first_cards = G_MAXUINT;

static GListModel *
grid_cards (GtkWidget *page)
{
  g_autoptr(GPtrArray) grids = g_ptr_array_new ();

  rapport_ui_test_collect (page, GTK_TYPE_GRID_VIEW, grids);
  g_assert_cmpuint (grids->len, ==, 1);
  return G_LIST_MODEL (gtk_grid_view_get_model (g_ptr_array_index (grids, 0)));
}

/* The cards the grid holds when the library's first read arrives. */
static void
on_library_read (GtkWidget *page)
{
  if (first_cards == G_MAXUINT)
    first_cards = g_list_model_get_n_items (grid_cards (page));
}

/* How many cards the grid's last change added. */
static void
on_cards_changed (GListModel *cards,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *last_added)
{
  *last_added = added;
}

static gboolean
all_cards_shown (gpointer page)
{
  RapportTestimonialList *list = rapport_testimonials_page_get_list (page);

  return g_list_model_get_n_items (grid_cards (page)) == g_list_model_get_n_items (G_LIST_MODEL (list));
}

static void
check_testimonials (void)
{
  g_autoptr(GPtrArray) drop_downs = g_ptr_array_new ();
  RapportTestimonialList *list;
  GtkWidget *page;
  guint last_added = 0;
  guint all;

  show_view ("testimonials");
  page = page_of (RAPPORT_TYPE_TESTIMONIALS_PAGE);
  list = rapport_testimonials_page_get_list (RAPPORT_TESTIMONIALS_PAGE (page));
  g_signal_connect_swapped (list, "items-changed", G_CALLBACK (on_library_read), page);
  rapport_ui_test_wait_loaded (page);
  /* Every 25th customer of the book gave one. */
  all = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_assert_cmpuint (all, ==, CUSTOMERS / 25);
  assert_no_main_thread_reads ("Opening Testimonials");

  /* The grid's first frame builds a screenful of cards, four rows of
   * three, not the 30 rows GTK would; the others come a row a frame. */
  g_signal_handlers_disconnect_by_func (list, on_library_read, page);
  g_assert_cmpuint (first_cards, ==, 12);
  g_signal_connect (grid_cards (page), "items-changed", G_CALLBACK (on_cards_changed), &last_added);
  rapport_ui_test_wait_until (all_cards_shown, page);
  g_signal_handlers_disconnect_by_func (grid_cards (page), on_cards_changed, &last_added);
  /* Past the 96 cards GTK builds, the rest of the library (120) comes at
   * once, not a row a frame for as many frames as it has rows. */
  g_assert_cmpuint (last_added, >, 3);
  g_ptr_array_unref (rapport_store_take_main_thread_queries ());

  rapport_testimonial_list_set_search (list, "advice");
  rapport_ui_test_wait_loaded (page);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), <, all);
  rapport_testimonial_list_set_search (list, NULL);
  /* The tag, product, rating and permission filters, in that order. */
  collect_drop_downs (page, drop_downs);
  g_assert_cmpuint (drop_downs->len, ==, 4);
  gtk_drop_down_set_selected (g_ptr_array_index (drop_downs, 3), 3);  /* public with name */
  rapport_ui_test_wait_loaded (page);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), <, all);
  gtk_drop_down_set_selected (g_ptr_array_index (drop_downs, 3), 0);
  rapport_ui_test_wait_loaded (page);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, all);
  assert_no_main_thread_reads ("Searching and filtering Testimonials");
}

static void
on_changed (gboolean *changed)
{
  *changed = TRUE;
}

static gboolean
is_true (gpointer flag)
{
  return *(gboolean *) flag;
}

static void
check_views (RapportStore *store)
{
  RapportCustomerList *customers = rapport_customers_page_get_list (rapport_window_get_customers_page (window));
  gboolean changed = FALSE;

  /* The daily run re-derives the playbook in a worker, then says the book
   * changed; the reminders plan again in an idle. */
  g_signal_connect_swapped (store, "changed", G_CALLBACK (on_changed), &changed);
  rapport_ui_test_wait_until (is_true, &changed);
  g_signal_handlers_disconnect_by_func (store, on_changed, &changed);
  for (guint i = 0; i < 100; i++)
    g_main_context_iteration (NULL, FALSE);
  rapport_ui_test_wait_until (rapport_ui_test_loaded, customers);
  g_ptr_array_unref (rapport_store_take_main_thread_queries ());

  check_follow_ups ();
  check_referrals ();
  check_testimonials ();

  /* And once more, each view reading a book it has read before. */
  show_view ("customers");
  show_view ("follow-ups");
  rapport_ui_test_wait_loaded (page_of (RAPPORT_TYPE_CALENDAR_PAGE));
  assert_no_main_thread_reads ("Coming back to Follow-ups");
}

static void
test_views (void)
{
  g_autofree char *path = rapport_store_default_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *customers = g_strdup_printf ("%d", CUSTOMERS);
  g_autofree char *interactions = g_strdup_printf ("%d", INTERACTIONS);
  const char *argv[] = { gen_book, path, customers, interactions, NULL };
  g_autofree char *err = NULL;
  int status = 0;

  rapport_ui_test_restore_data_dirs ();
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                               NULL, &err, &status, NULL));
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("gen-book failed: %s", err);

  /* Before the app opens its connections: tracing follows those opened after. */
  rapport_store_trace_main_thread (TRUE);
  rapport_ui_test_run_app (NULL, check_views, &window);
  rapport_store_trace_main_thread (FALSE);
}

int
main (int   argc,
      char *argv[])
{
  rapport_ui_test_init (&argc, &argv);
  if (argc != 2)
    {
      g_printerr ("usage: test-ui-mainloop GEN-BOOK\n");
      return 2;
    }
  gen_book = argv[1];

  g_test_add_func ("/ui/mainloop/views-read-in-workers", test_views);

  return g_test_run ();
}
