/* bench-ui.c: first frame, memory and search keystrokes of the real window
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-ui empty     an empty libadwaita window: the baseline
 *   bench-ui rapport   Rapport's window over the book in $XDG_DATA_HOME
 *
 * Prints "first-frame-ms N", "rss-kb N" and, for rapport, per keystroke
 * the longest main-loop stall and the time until the results are shown.
 * Run it under build-aux/headless-run (tests/bench/run-ui-bench does).
 */

#include "config.h"

#include <stdio.h>

#include "rapport-application.h"
#include "rapport-window.h"

static gint64 started_at;
static gboolean rapport_mode;

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

/* Runs the main loop until @done, returning the longest single iteration. */
static gint64
run_until_loaded (RapportCustomerList *list,
                  gint64              *latency)
{
  gint64 start = g_get_monotonic_time ();
  gint64 longest = 0;

  do
    {
      gint64 before = g_get_monotonic_time ();

      g_main_context_iteration (NULL, FALSE);
      longest = MAX (longest, g_get_monotonic_time () - before);
      g_usleep (200);
    }
  while (rapport_customer_list_get_loading (list));

  *latency = g_get_monotonic_time () - start;
  return longest;
}

static void
bench_keystrokes (RapportWindow *window)
{
  RapportCustomerList *list = rapport_customers_page_get_list (rapport_window_get_customers_page (window));
  static const char *typed[] = { "a", "al", "ali", "alic", "alice", "alice s", "alice sm", "m", "ma", "mar" };
  gint64 latency;
  gint64 worst_stall = 0;

  run_until_loaded (list, &latency);
  printf ("customers %u\n", g_list_model_get_n_items (G_LIST_MODEL (list)));

  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      gint64 set_start = g_get_monotonic_time ();
      gint64 set_time, stall;

      rapport_customer_list_set_search (list, typed[i]);
      set_time = g_get_monotonic_time () - set_start;
      stall = MAX (set_time, run_until_loaded (list, &latency));
      worst_stall = MAX (worst_stall, stall);
      printf ("keystroke \"%s\" matches %u main-thread-stall-ms %.2f results-after-ms %.1f\n",
              typed[i], g_list_model_get_n_items (G_LIST_MODEL (list)),
              stall / 1000.0, latency / 1000.0);
    }
  printf ("worst-keystroke-stall-ms %.2f\n", worst_stall / 1000.0);
}

/* Outside the frame clock's paint, as a user's keystrokes would be. */
static void
after_first_frame (gpointer window)
{
  if (rapport_mode)
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
  printf ("rss-kb %ld\n", rss_kb ());
  fflush (stdout);

  g_idle_add_once (after_first_frame, window);
}

static void
on_map (GtkWidget *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  g_signal_connect (clock, "after-paint", G_CALLBACK (on_first_frame), window);
}

static void
watch_window (GtkApplication *app,
              GtkWindow      *window)
{
  g_signal_connect (window, "map", G_CALLBACK (on_map), NULL);
}

static void
activate_empty (GApplication *app)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GApplication) app = NULL;

  started_at = g_get_monotonic_time ();

  if (argc < 2 || (g_strcmp0 (argv[1], "empty") != 0 && g_strcmp0 (argv[1], "rapport") != 0))
    {
      fprintf (stderr, "usage: bench-ui empty|rapport\n");
      return 2;
    }
  rapport_mode = g_str_equal (argv[1], "rapport");

  if (rapport_mode)
    {
      app = G_APPLICATION (rapport_application_new ());
      g_application_set_flags (app, G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
    }
  else
    {
      app = G_APPLICATION (adw_application_new ("io.github.rapportapp.RapportBench",
                                                G_APPLICATION_NON_UNIQUE));
      g_signal_connect (app, "activate", G_CALLBACK (activate_empty), NULL);
    }
  g_signal_connect (app, "window-added", G_CALLBACK (watch_window), NULL);

  return g_application_run (app, 1, argv);
}
