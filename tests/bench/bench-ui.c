/* bench-ui.c: first frame, memory and search keystrokes of the real window
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-ui empty     an empty libadwaita window: the baseline
 *   bench-ui templates the same, with Rapport's resources (style sheets)
 *                      and its window's templates built, but no book:
 *                      what GTK spends on Rapport's widgets
 *   bench-ui bare      an empty libadwaita window holding a bare lazy
 *                      GtkListView of the names in $XDG_DATA_HOME's book
 *                      (a label a row, a query an item): issue 14's floor
 *   bench-ui start     Rapport's window over the book in $XDG_DATA_HOME,
 *                      until its first frame, then until it has built
 *                      what it left for later ("settled-rss-kb N")
 *   bench-ui rapport   the same, then ten search keystrokes
 *   bench-ui views [VIEW]  the same window, then Follow-ups, Referrals and
 *                      Testimonials in turn, and a few moves in each (or
 *                      only those of VIEW: follow-ups, referrals …)
 *   bench-ui search    the same window, ten search keystrokes, with the
 *                      main thread's statements and CPU time per keystroke
 *   bench-ui scroll [STEPS]  the same window, its customer list scrolled
 *                      from top to bottom in STEPS jumps (default 400,
 *                      each a screenful of rows never shown before), then
 *                      a page at a time through the first 200 screens
 *   bench-ui done      CHANGES THE BOOK (give it a copy): derives every
 *                      customer's playbook first, as the daily job would
 *                      (not timed), then, with the window up, Done on a
 *                      summary of the first 50,000 overdue check-ins
 *                      through the application's follow-ups-done action:
 *                      the longest main-loop iteration until the book
 *                      says it changed, and how long that took
 *
 * Prints "first-frame-ms N", "rss-kb N", the CPU time the process and its
 * main thread spent until then ("first-frame-cpu-ms", "main-thread-cpu-ms":
 * steadier than wall time on a loaded machine), when the application
 * started up and the window mapped ("startup-ms", "map-ms"), and, for
 * rapport, per keystroke
 * the longest main-loop stall and the time until the results are shown.
 * For views, per view and move: the time to the first frame after it, to
 * the first frame showing what it read, the longest main-loop iteration,
 * and how many statements the main thread ran on SQLite and the longest.
 * BENCH_UI_EXIT_AT_FIRST_FRAME set: exits right after the first frame's
 * lines, so that a profiler sees that work alone.
 * Run it under build-aux/headless-run (tests/bench/run-ui-bench does).
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "bench-bare-list.h"
#include "rapport-agenda.h"
#include "rapport-application.h"
#include "rapport-calendar-page.h"
#include "rapport-follow-ups.h"
#include "rapport-referrals-page.h"
#include "rapport-testimonials-page.h"
#include "rapport-time.h"
#include "rapport-window.h"

static gint64 started_at;
static gboolean start_only;
static gboolean rapport_mode;
static gboolean views_mode;
static gboolean search_mode;
static gboolean scroll_mode;
static gboolean done_mode;
static guint scroll_steps = 400;
static const char *only_view;  /* bench-ui views [VIEW]: the steps of one view */

static GtkWidget *find_page (GtkWidget *root,
                             GType      type);

static long
rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmRSS:");
  return line != NULL ? strtol (line + 6, NULL, 10) : -1;
}

static double
process_cpu_ms (void)
{
  struct rusage usage;

  if (getrusage (RUSAGE_SELF, &usage) != 0)
    return -1;
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3 +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3;
}

static double
thread_cpu_ms (void)
{
  struct timespec now;

  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now) != 0)
    return -1;
  return now.tv_sec * 1e3 + now.tv_nsec / 1e6;
}

/* BENCH_UI_SMAPS=1: the resident memory of each mapping (the heap, a
 * library, a font) over 300 kB, "smaps KB NAME": where the memory went. */
static void
print_mappings (void)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GHashTable) kb = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *name = NULL;
  GHashTableIter iter;
  gpointer key, value;

  if (!g_file_get_contents ("/proc/self/smaps", &text, NULL, NULL))
    return;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit_set (lines[i], " ", 6);

      /* "start-end perms offset dev inode   name" opens each mapping. */
      if (g_strv_length (fields) >= 5 && strchr (fields[0], '-') != NULL && !g_str_has_suffix (fields[0], ":"))
        {
          const char *path = fields[5] != NULL ? g_strstrip (fields[5]) : "";

          g_free (name);
          name = g_strdup (*path != '\0' ? path : "[anon]");
        }
      else if (g_str_has_prefix (lines[i], "Rss:") && name != NULL)
        {
          guint sum = GPOINTER_TO_UINT (g_hash_table_lookup (kb, name)) + strtoul (lines[i] + 4, NULL, 10);

          g_hash_table_insert (kb, g_strdup (name), GUINT_TO_POINTER (sum));
        }
    }
  g_hash_table_iter_init (&iter, kb);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (GPOINTER_TO_UINT (value) > 300)
      printf ("smaps %u %s\n", GPOINTER_TO_UINT (value), (char *) key);
}

/* The main thread's CPU time, in µs: on a busy machine the wall clock
 * also counts the time other processes had the CPU. */
static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

/* The longest main-loop iteration, by the wall clock and by CPU time. */
typedef struct
{
  gint64 wall;
  gint64 cpu;
} Stall;

static void
iterate (Stall *longest)
{
  gint64 before = g_get_monotonic_time ();
  gint64 before_cpu = thread_cpu_us ();

  g_main_context_iteration (NULL, FALSE);
  longest->wall = MAX (longest->wall, g_get_monotonic_time () - before);
  longest->cpu = MAX (longest->cpu, thread_cpu_us () - before_cpu);
}

/* Runs the main loop until @list is loaded and a frame has been drawn
 * since, then returns the longest single iteration. */
static Stall
run_until_loaded (RapportCustomerList *list,
                  gint64              *latency)
{
  gint64 start = g_get_monotonic_time ();
  Stall longest = { 0, 0 };

  do
    {
      iterate (&longest);
      g_usleep (200);
    }
  while (rapport_customer_list_get_loading (list));

  *latency = g_get_monotonic_time () - start;
  return longest;
}

/* Statements the main thread ran since the last call: how many, the
 * longest, and their sum, in ms. */
static guint
take_queries (double *longest_ms,
              double *total_ms)
{
  g_autoptr(GPtrArray) queries = rapport_store_take_main_thread_queries ();

  *longest_ms = *total_ms = 0;
  for (guint i = 0; i < queries->len; i++)
    {
      RapportTracedQuery *query = g_ptr_array_index (queries, i);

      *longest_ms = MAX (*longest_ms, query->duration_ns / 1e6);
      *total_ms += query->duration_ns / 1e6;
      if (g_getenv ("BENCH_UI_SQL") != NULL)
        printf ("  %.2f ms: %.100s\n", query->duration_ns / 1e6, query->sql);
    }
  return queries->len;
}

/* Lets the main loop draw what the last change queued: a few frames. */
static Stall
run_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;
  Stall longest = { 0, 0 };

  while (g_get_monotonic_time () < end)
    {
      iterate (&longest);
      g_usleep (200);
    }
  return longest;
}

static void
bench_keystrokes (RapportWindow *window)
{
  RapportCustomerList *list = rapport_customers_page_get_list (rapport_window_get_customers_page (window));
  static const char *typed[] = { "a", "al", "ali", "alic", "alice", "alice s", "alice sm", "m", "ma", "mar" };
  gint64 latency;
  Stall worst = { 0, 0 };
  double longest_ms, total_ms;

  run_until_loaded (list, &latency);
  run_for (100);
  take_queries (&longest_ms, &total_ms);
  printf ("customers %u\n", g_list_model_get_n_items (G_LIST_MODEL (list)));

  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      gint64 set_start = g_get_monotonic_time ();
      gint64 set_cpu = thread_cpu_us ();
      Stall stall, drawn;
      guint n_queries;

      rapport_customer_list_set_search (list, typed[i]);
      stall.wall = g_get_monotonic_time () - set_start;
      stall.cpu = thread_cpu_us () - set_cpu;
      drawn = run_until_loaded (list, &latency);
      stall.wall = MAX (stall.wall, drawn.wall);
      stall.cpu = MAX (stall.cpu, drawn.cpu);
      /* The rows of the new results are bound in the frames that follow. */
      drawn = run_for (100);
      stall.wall = MAX (stall.wall, drawn.wall);
      stall.cpu = MAX (stall.cpu, drawn.cpu);
      worst.wall = MAX (worst.wall, stall.wall);
      worst.cpu = MAX (worst.cpu, stall.cpu);
      n_queries = take_queries (&longest_ms, &total_ms);
      printf ("keystroke \"%s\" matches %u main-thread-stall-ms %.2f stall-cpu-ms %.2f"
              " results-after-ms %.1f main-thread-queries %u longest-query-ms %.2f\n",
              typed[i], g_list_model_get_n_items (G_LIST_MODEL (list)),
              stall.wall / 1000.0, stall.cpu / 1000.0, latency / 1000.0, n_queries, longest_ms);
    }
  printf ("worst-keystroke-stall-ms %.2f\n", worst.wall / 1000.0);
  printf ("worst-keystroke-stall-cpu-ms %.2f\n", worst.cpu / 1000.0);
}

/* Scrolling ----------------------------------------------------------- */

typedef struct
{
  gint64 started;      /* wall clock at the frame's first phase, 0 between frames */
  gint64 started_cpu;
  GArray *wall;        /* gint64 µs, one per frame */
  GArray *cpu;
} Frames;

static void
on_frame_begin (GdkFrameClock *clock,
                Frames        *frames)
{
  if (frames->started == 0)
    {
      frames->started = g_get_monotonic_time ();
      frames->started_cpu = thread_cpu_us ();
    }
}

static void
on_frame_end (GdkFrameClock *clock,
              Frames        *frames)
{
  gint64 wall = g_get_monotonic_time () - frames->started;
  gint64 cpu = thread_cpu_us () - frames->started_cpu;

  if (frames->started == 0)
    return;
  frames->started = 0;
  g_array_append_val (frames->wall, wall);
  g_array_append_val (frames->cpu, cpu);
}

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static void
print_frames (const char *what,
              GArray     *frames)
{
  guint over = 0;

  g_array_sort (frames, compare_int64);
  for (guint i = 0; i < frames->len; i++)
    over += g_array_index (frames, gint64, i) > 16000;
  printf ("scroll-frame-%s-ms median %.2f p95 %.2f worst %.2f over-16-ms %u of %u\n", what,
          g_array_index (frames, gint64, frames->len / 2) / 1000.0,
          g_array_index (frames, gint64, frames->len * 95 / 100) / 1000.0,
          g_array_index (frames, gint64, frames->len - 1) / 1000.0, over, frames->len);
}

/* One scroll position: set, then the main loop until it is drawn and the
 * rows bound (a frame with nothing queued after it). */
static void
scroll_to (GtkAdjustment *adjustment,
           double         value,
           Frames        *frames,
           Stall         *outside)
{
  guint before = frames->wall->len;
  gint64 deadline = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;

  gtk_adjustment_set_value (adjustment, value);
  while (frames->wall->len == before && g_get_monotonic_time () < deadline)
    {
      iterate (outside);
      g_usleep (100);
    }
}

/* The list of customers, not one of the drop-downs' lists. */
static GtkWidget *
find_customer_view (GtkWidget           *root,
                    RapportCustomerList *list)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkSelectionModel *model = GTK_IS_LIST_VIEW (child) ? gtk_list_view_get_model (GTK_LIST_VIEW (child)) : NULL;
      GtkWidget *found;

      if (GTK_IS_SINGLE_SELECTION (model) &&
          gtk_single_selection_get_model (GTK_SINGLE_SELECTION (model)) == G_LIST_MODEL (list))
        return child;
      if ((found = find_customer_view (child, list)) != NULL)
        return found;
    }
  return NULL;
}

static void
bench_scroll (RapportWindow *window)
{
  RapportCustomersPage *page = rapport_window_get_customers_page (window);
  RapportCustomerList *list = rapport_customers_page_get_list (page);
  GtkWidget *view = find_customer_view (GTK_WIDGET (page), list);
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  GtkAdjustment *adjustment;
  Frames frames = { 0 };
  Stall outside = { 0, 0 };
  gulong begin_id, end_id;
  double end = 0, longest_ms, total_ms;
  gint64 start, start_cpu;
  guint n_queries;
  gint64 latency;

  run_until_loaded (list, &latency);
  run_for (200);
  take_queries (&longest_ms, &total_ms);
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  printf ("customers %u\n", g_list_model_get_n_items (G_LIST_MODEL (list)));

  frames.wall = g_array_new (FALSE, FALSE, sizeof (gint64));
  frames.cpu = g_array_new (FALSE, FALSE, sizeof (gint64));
  begin_id = g_signal_connect (clock, "before-paint", G_CALLBACK (on_frame_begin), &frames);
  end_id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_frame_end), &frames);

  /* End to end in jumps: every frame binds a screenful of new rows. */
  start = g_get_monotonic_time ();
  start_cpu = thread_cpu_us ();
  for (guint i = 1; i <= scroll_steps; i++)
    {
      end = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);
      scroll_to (adjustment, end * i / scroll_steps, &frames, &outside);
    }
  /* Then as a wheel or a page key would: a page at a time. */
  for (guint i = 1; i <= 200; i++)
    scroll_to (adjustment, gtk_adjustment_get_page_size (adjustment) * i, &frames, &outside);
  printf ("scroll-steps %u in %.0f ms (%.0f ms CPU) to %.0f px of %.0f\n", scroll_steps + 200,
          (g_get_monotonic_time () - start) / 1000.0, (thread_cpu_us () - start_cpu) / 1000.0,
          end, gtk_adjustment_get_upper (adjustment));
  g_signal_handler_disconnect (clock, begin_id);
  g_signal_handler_disconnect (clock, end_id);

  n_queries = take_queries (&longest_ms, &total_ms);
  print_frames ("wall", frames.wall);
  print_frames ("cpu", frames.cpu);
  printf ("scroll-longest-iteration-ms %.2f cpu %.2f\n", outside.wall / 1000.0, outside.cpu / 1000.0);
  printf ("scroll-main-thread-queries %u longest-query-ms %.2f total-ms %.1f\n",
          n_queries, longest_ms, total_ms);
  g_array_unref (frames.wall);
  g_array_unref (frames.cpu);
}

/* Views --------------------------------------------------------------- */

typedef struct
{
  guint frames;  /* painted since the step began */
} Painted;

static void
on_after_paint (GdkFrameClock *clock,
                Painted       *painted)
{
  painted->frames++;
}

/* A page that reads the book in a worker says so in its "loading". */
static gboolean
page_loading (GtkWidget *page)
{
  gboolean loading = FALSE;

  if (page != NULL && g_object_class_find_property (G_OBJECT_GET_CLASS (page), "loading") != NULL)
    g_object_get (page, "loading", &loading, NULL);
  return loading;
}

static GtkWidget *
find_page (GtkWidget *root,
           GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      if ((found = find_page (child, type)) != NULL)
        return found;
    }
  return NULL;
}

static void
count_widgets (GtkWidget  *root,
               GHashTable *counts)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      const char *name = G_OBJECT_TYPE_NAME (child);

      g_hash_table_insert (counts, (gpointer) name,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, name)) + 1));
      count_widgets (child, counts);
    }
}

static void
print_widget_counts (GtkWidget *window)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer key, value;
  guint total = 0;

  count_widgets (window, counts);
  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      total += GPOINTER_TO_UINT (value);
      if (GPOINTER_TO_UINT (value) >= 50)
        printf ("  widgets %s %u\n", (char *) key, GPOINTER_TO_UINT (value));
    }
  printf ("  widgets in all %u\n", total);
}

typedef void (*Step) (RapportWindow *window,
                      GtkWidget     *page);

/* Runs @step, then the main loop until a frame shows what the page read
 * (or ten seconds pass); prints what the user and the main thread saw. */
static void
measure_step (RapportWindow *window,
              GType          page_type,
              const char    *name,
              Step           step)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  Painted painted = { 0 };
  g_autofree char *prefix = only_view != NULL ? g_strconcat (only_view, " ", NULL) : NULL;
  g_autoptr(GPtrArray) queries = NULL;
  gint64 start, first_frame = -1, loaded = -1, longest_iteration, deadline;
  gint64 start_cpu, first_frame_cpu = -1, longest_iteration_cpu;
  guint frames_when_loaded = G_MAXUINT;
  gulong handler;
  gint64 longest_ns = 0;
  const char *longest_sql = "";
  GtkWidget *page = NULL;

  if (prefix != NULL && !g_str_has_prefix (name, prefix))
    return;
  /* BENCH_UI_SETTLE_MS=N: the user looks for N ms before each step, and
   * the page builds what it left for later meanwhile. */
  if (g_getenv ("BENCH_UI_SETTLE_MS") != NULL)
    run_for (atoi (g_getenv ("BENCH_UI_SETTLE_MS")));
  g_ptr_array_unref (rapport_store_take_main_thread_queries ());
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &painted);

  start = g_get_monotonic_time ();
  start_cpu = thread_cpu_us ();
  step (window, find_page (GTK_WIDGET (window), page_type));
  longest_iteration = g_get_monotonic_time () - start;
  longest_iteration_cpu = thread_cpu_us () - start_cpu;
  deadline = start + 10 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      gint64 before = g_get_monotonic_time ();
      gint64 before_cpu = thread_cpu_us ();

      g_main_context_iteration (NULL, FALSE);
      longest_iteration = MAX (longest_iteration, g_get_monotonic_time () - before);
      longest_iteration_cpu = MAX (longest_iteration_cpu, thread_cpu_us () - before_cpu);
      if (painted.frames > 0 && first_frame < 0)
        {
          first_frame = g_get_monotonic_time () - start;
          first_frame_cpu = thread_cpu_us () - start_cpu;
        }

      /* Looked up once it exists: a walk of the window's 10,000 widgets
       * every 200 µs took half of the main thread's CPU time. */
      if (page == NULL)
        g_set_weak_pointer (&page, find_page (GTK_WIDGET (window), page_type));
      if (frames_when_loaded == G_MAXUINT && page != NULL && !page_loading (page))
        frames_when_loaded = painted.frames;
      if (frames_when_loaded != G_MAXUINT && painted.frames > frames_when_loaded)
        {
          loaded = g_get_monotonic_time () - start;
          break;
        }
      g_usleep (200);
    }
  g_signal_handler_disconnect (clock, handler);
  g_clear_weak_pointer (&page);

  queries = rapport_store_take_main_thread_queries ();
  for (guint i = 0; i < queries->len; i++)
    {
      RapportTracedQuery *query = g_ptr_array_index (queries, i);

      if (g_getenv ("BENCH_UI_SQL") != NULL)
        printf ("  %.2f ms: %s\n", query->duration_ns / 1e6, query->sql);
      if (query->duration_ns > longest_ns)
        {
          longest_ns = query->duration_ns;
          longest_sql = query->sql;
        }
    }
  printf ("%-28s first-frame-ms %6.1f first-frame-cpu-ms %6.1f loaded-frame-ms %6.1f"
          " longest-iteration-ms %6.1f cpu %6.1f main-thread-queries %4u longest-query-ms %6.2f %.60s\n",
          name, first_frame / 1000.0, first_frame_cpu / 1000.0, loaded / 1000.0,
          longest_iteration / 1000.0, longest_iteration_cpu / 1000.0,
          queries->len, longest_ns / 1e6, longest_sql);
  /* BENCH_UI_COUNT=1: the widgets in the window after the step, in all
   * and of the types most numerous. */
  if (g_getenv ("BENCH_UI_COUNT") != NULL)
    print_widget_counts (GTK_WIDGET (window));
  fflush (stdout);
}

static void
show_view (RapportWindow *window,
           const char    *view)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", view);
}

static void step_follow_ups (RapportWindow *w, GtkWidget *p) { show_view (w, "follow-ups"); }
static void step_referrals (RapportWindow *w, GtkWidget *p) { show_view (w, "referrals"); }
static void step_testimonials (RapportWindow *w, GtkWidget *p) { show_view (w, "testimonials"); }
static void step_customers (RapportWindow *w, GtkWidget *p) { show_view (w, "customers"); }

static void
step_next_month (RapportWindow *window,
                 GtkWidget     *page)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "win.next-month", NULL);
}

static void
step_previous_month (RapportWindow *window,
                     GtkWidget     *page)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "win.previous-month", NULL);
}

static void
collect_drop_downs (GtkWidget *root,
                    GPtrArray *found)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_DROP_DOWN (child))
        g_ptr_array_add (found, child);
      collect_drop_downs (child, found);
    }
}

/* The page's filters are its drop-downs: type, then stage; "Won" and back. */
static void
step_referral_filter (RapportWindow *window,
                      GtkWidget     *page)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  GtkDropDown *stage;

  collect_drop_downs (page, found);
  g_assert (found->len >= 2);
  stage = g_ptr_array_index (found, 1);
  gtk_drop_down_set_selected (stage, gtk_drop_down_get_selected (stage) == 6 ? 0 : 6);
}

static void
step_testimonial_search (RapportWindow *window,
                         GtkWidget     *page)
{
  rapport_testimonial_list_set_search (rapport_testimonials_page_get_list (RAPPORT_TESTIMONIALS_PAGE (page)),
                                       "advice");
}

static void
bench_views (RapportWindow *window)
{
  RapportCustomerList *list = rapport_customers_page_get_list (rapport_window_get_customers_page (window));
  gint64 latency;

  run_until_loaded (list, &latency);
  measure_step (window, RAPPORT_TYPE_CALENDAR_PAGE, "follow-ups (Alt+2)", step_follow_ups);
  measure_step (window, RAPPORT_TYPE_CALENDAR_PAGE, "follow-ups next month", step_next_month);
  measure_step (window, RAPPORT_TYPE_CALENDAR_PAGE, "follow-ups previous month", step_previous_month);
  measure_step (window, RAPPORT_TYPE_REFERRALS_PAGE, "referrals (Alt+3)", step_referrals);
  measure_step (window, RAPPORT_TYPE_REFERRALS_PAGE, "referrals stage filter", step_referral_filter);
  measure_step (window, RAPPORT_TYPE_TESTIMONIALS_PAGE, "testimonials (Alt+4)", step_testimonials);
  measure_step (window, RAPPORT_TYPE_TESTIMONIALS_PAGE, "testimonials search", step_testimonial_search);
  measure_step (window, RAPPORT_TYPE_CUSTOMERS_PAGE, "customers (Alt+1)", step_customers);
  measure_step (window, RAPPORT_TYPE_CALENDAR_PAGE, "follow-ups again", step_follow_ups);
}

/* The check-ins Done on a summary stands for (bench-nudger's figure). */
#define DONE_SUMMARY_SIZE 50000

static void
on_book_changed (gboolean *changed)
{
  *changed = TRUE;
}

static void
activate_done (gpointer ids)
{
  g_action_group_activate_action (G_ACTION_GROUP (g_application_get_default ()), "follow-ups-done", ids);
  g_variant_unref (ids);
}

/* Done as a click on the summary's button asks for it: the application's
 * action, with the ids the notification holds.  The main loop keeps
 * running while the answer is written; the book's "changed" says it is in. */
static void
bench_done (RapportWindow *window)
{
  RapportStore *store = rapport_application_get_store (RAPPORT_APPLICATION (g_application_get_default ()));
  RapportCustomerList *list = rapport_customers_page_get_list (rapport_window_get_customers_page (window));
  g_autoptr(GArray) overdue = NULL;
  g_autoptr(GPtrArray) open = NULL;
  g_autoptr(GError) error = NULL;
  gboolean changed = FALSE;
  Stall longest = { 0, 0 };
  Stall after;
  double longest_query, total_query;
  guint n, n_queries;
  gint64 start, latency;

  run_until_loaded (list, &latency);
  overdue = rapport_agenda_list_due_ids (store, rapport_time_now (), G_MAXINT64, -1, &error);
  if (overdue == NULL)
    g_error ("Cannot list the overdue check-ins: %s", error->message);
  n = MIN (overdue->len, DONE_SUMMARY_SIZE);
  run_for (300);
  take_queries (&longest_query, &total_query);

  g_signal_connect_swapped (store, "changed", G_CALLBACK (on_book_changed), &changed);
  start = g_get_monotonic_time ();
  /* From the main loop, as the notification server's call comes. */
  g_idle_add_once (activate_done, g_variant_ref_sink (g_variant_new_fixed_array (G_VARIANT_TYPE_INT64,
                                                                                overdue->data, n,
                                                                                sizeof (gint64))));
  /* A millisecond between iterations: this loop must not take the CPU
   * the answer's worker needs. */
  while (!changed)
    {
      iterate (&longest);
      g_usleep (1000);
    }
  latency = g_get_monotonic_time () - start;
  g_signal_handlers_disconnect_by_func (store, on_book_changed, &changed);
  n_queries = take_queries (&longest_query, &total_query);
  /* Then the views and the reminders read the changed book again. */
  after = run_for (1000);

  open = rapport_agenda_list_open_among (store, (const gint64 *) (gpointer) overdue->data, n, &error);
  if (open == NULL)
    g_error ("Cannot read the check-ins: %s", error->message);
  printf ("done-in-book-ms %.1f (%u of %u done, %u overdue)\n", latency / 1000.0, n - open->len, n,
          overdue->len);
  printf ("done-longest-iteration-ms %.1f wall, %.1f CPU\n", longest.wall / 1000.0, longest.cpu / 1000.0);
  printf ("done-main-thread-statements %u, longest %.1f ms, in all %.1f ms\n", n_queries, longest_query,
          total_query);
  printf ("done-then-longest-iteration-ms %.1f wall, %.1f CPU (the second after)\n", after.wall / 1000.0,
          after.cpu / 1000.0);
}

/* Before the application opens the book: its playbook derived, as in
 * every book the app keeps (gen-book's never was). */
static void
derive_playbook (void)
{
  g_autofree char *path = rapport_store_default_path ();
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(RapportStore) store = NULL;
  g_autoptr(GError) error = NULL;
  RapportPlaybookSettings playbook;

  store = rapport_store_open (path, &error);
  rapport_playbook_settings_load (&playbook, settings);
  if (store == NULL || !rapport_follow_ups_sync_all (store, &playbook, rapport_time_now (), &error))
    g_error ("Cannot derive the playbook of %s: %s", path, error->message);
}

/* After the first frame the window goes on building what it left for
 * later (the rows past the first screen): the memory it holds then. */
static void
print_settled (RapportWindow *window)
{
  RapportCustomerList *list = rapport_customers_page_get_list (rapport_window_get_customers_page (window));
  gint64 latency;
  gint64 until;

  if (list != NULL)
    run_until_loaded (list, &latency);
  until = g_get_monotonic_time () + 500 * 1000;
  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  printf ("settled-rss-kb %ld\n", rss_kb ());
}

/* Outside the frame clock's paint, as a user's keystrokes would be. */
static void
after_first_frame (gpointer window)
{
  if (start_only)
    print_settled (RAPPORT_WINDOW (window));
  else if (views_mode)
    bench_views (RAPPORT_WINDOW (window));
  else if (scroll_mode)
    bench_scroll (RAPPORT_WINDOW (window));
  else if (done_mode)
    bench_done (RAPPORT_WINDOW (window));
  else if (rapport_mode)
    bench_keystrokes (RAPPORT_WINDOW (window));
  g_application_quit (g_application_get_default ());
}

static void
on_first_frame (GdkFrameClock *clock,
                GtkWindow     *window)
{
  gint64 now = g_get_monotonic_time ();

  g_signal_handlers_disconnect_by_func (clock, on_first_frame, window);
  printf ("first-frame-ms %.1f\n", (now - started_at) / 1000.0);
  printf ("first-frame-cpu-ms %.1f\n", process_cpu_ms ());
  printf ("main-thread-cpu-ms %.1f\n", thread_cpu_ms ());
  printf ("rss-kb %ld\n", rss_kb ());
  if (g_getenv ("BENCH_UI_SMAPS") != NULL)
    print_mappings ();
  fflush (stdout);
  /* For a profiler: the first frame's work alone, nothing after it. */
  if (g_getenv ("BENCH_UI_EXIT_AT_FIRST_FRAME") != NULL)
    _exit (0);

  g_idle_add_once (after_first_frame, window);
}

static void
on_map (GtkWidget *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  printf ("map-ms %.1f\n", (g_get_monotonic_time () - started_at) / 1000.0);

  g_signal_connect (clock, "after-paint", G_CALLBACK (on_first_frame), window);
}

static void
watch_window (GtkApplication *app,
              GtkWindow      *window)
{
  g_signal_connect (window, "map", G_CALLBACK (on_map), NULL);
}

static void
on_startup (GApplication *app)
{
  printf ("startup-ms %.1f\n", (g_get_monotonic_time () - started_at) / 1000.0);
}

static void
activate_empty (GApplication *app)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_window_present (GTK_WINDOW (window));
}

static void
setup_bare_row (GtkListItemFactory *factory,
                GtkListItem        *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_list_item_set_child (item, label);
}

static void
bind_bare_row (GtkListItemFactory *factory,
               GtkListItem        *item)
{
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      gtk_string_object_get_string (gtk_list_item_get_item (item)));
}

/* The floor: the empty window, and in it a lazy list of the book's names. */
static void
activate_bare (GApplication *app)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "rapport", "rapport.db", NULL);
  g_autoptr(GError) error = NULL;
  BenchBareList *names = bench_bare_list_new (path, &error);
  GtkWidget *window, *scrolled, *list;
  GtkListItemFactory *factory;

  if (names == NULL)
    {
      fprintf (stderr, "bench-ui bare: %s\n", error->message);
      exit (1);
    }
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_bare_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_bare_row), NULL);
  list = gtk_list_view_new (GTK_SELECTION_MODEL (gtk_single_selection_new (G_LIST_MODEL (names))), factory);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  window = adw_application_window_new (GTK_APPLICATION (app));
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), scrolled);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_window_present (GTK_WINDOW (window));
}

/* Rapport's window without a book: its templates, style sheets and
 * widgets, none of its data. */
static void
activate_templates (GApplication *app)
{
  GtkWidget *window = g_object_new (RAPPORT_TYPE_WINDOW, "application", app, NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_window_present (GTK_WINDOW (window));
}

static const char * const modes[] = { "empty", "bare", "templates", "start", "rapport", "views", "search", "scroll", "done", NULL };

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GApplication) app = NULL;

  started_at = g_get_monotonic_time ();

  if (argc < 2 || !g_strv_contains (modes, argv[1]))
    {
      fprintf (stderr, "usage: bench-ui empty|bare|templates|start|rapport|views [VIEW]|search|scroll [STEPS]|done\n");
      return 2;
    }
  views_mode = g_str_equal (argv[1], "views");
  if (views_mode && argc > 2)
    only_view = argv[2];
  search_mode = g_str_equal (argv[1], "search");
  scroll_mode = g_str_equal (argv[1], "scroll");
  if (scroll_mode && argc > 2)
    scroll_steps = MAX (1, atoi (argv[2]));
  done_mode = g_str_equal (argv[1], "done");
  start_only = g_str_equal (argv[1], "start");
  rapport_mode = views_mode || start_only || search_mode || scroll_mode || done_mode ||
                 g_str_equal (argv[1], "rapport");
  if (done_mode)
    {
      derive_playbook ();
      /* The daily job would derive it again meanwhile. */
      g_setenv ("RAPPORT_DAILY_DELAY", "86400", TRUE);
    }
  if (views_mode || search_mode || scroll_mode || done_mode)
    rapport_store_trace_main_thread (TRUE);

  if (rapport_mode)
    {
      app = G_APPLICATION (rapport_application_new ());
      g_application_set_flags (app, G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
    }
  else
    {
      gboolean templates = g_str_equal (argv[1], "templates");
      GCallback activate = G_CALLBACK (activate_empty);

      app = G_APPLICATION (adw_application_new ("io.github.rapportapp.RapportBench",
                                                G_APPLICATION_NON_UNIQUE));
      /* Rapport's style sheets load from its resource base path. */
      if (templates)
        g_application_set_resource_base_path (app, "/io/github/rapportapp/Rapport");
      if (templates)
        activate = G_CALLBACK (activate_templates);
      else if (g_str_equal (argv[1], "bare"))
        activate = G_CALLBACK (activate_bare);
      g_signal_connect (app, "activate", activate, NULL);
    }
  g_signal_connect (app, "startup", G_CALLBACK (on_startup), NULL);
  g_signal_connect (app, "window-added", G_CALLBACK (watch_window), NULL);

  return g_application_run (app, 1, argv);
}
