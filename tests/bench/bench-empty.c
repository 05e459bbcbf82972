/* bench-empty.c: an empty libadwaita window from a program that links
 * only GTK and libadwaita
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bench-ui's "empty" window runs in a program linked like Rapport, so it
 * loads Rapport's libraries too (evolution-data-server's, for the address
 * books).  This one does not: the difference is what loading them costs.
 * Prints "first-frame-ms N", "first-frame-cpu-ms N" and "rss-kb N" as
 * bench-ui does.
 */

#include <adwaita.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

static gint64 started_at;

static void
on_first_frame (GdkFrameClock *clock,
                GtkWidget     *window)
{
  g_autofree char *status = NULL;
  const char *rss = NULL;
  struct rusage usage;

  g_signal_handlers_disconnect_by_func (clock, on_first_frame, window);
  getrusage (RUSAGE_SELF, &usage);
  if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    rss = strstr (status, "VmRSS:");
  printf ("first-frame-ms %.1f\n", (g_get_monotonic_time () - started_at) / 1000.0);
  printf ("first-frame-cpu-ms %.1f\n",
          (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3 +
          (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3);
  printf ("rss-kb %ld\n", rss != NULL ? strtol (rss + 6, NULL, 10) : -1);
  fflush (stdout);
  g_application_quit (g_application_get_default ());
}

static void
on_map (GtkWidget *window)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_first_frame), window);
}

static void
activate (GApplication *app)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  g_signal_connect (window, "map", G_CALLBACK (on_map), NULL);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;

  started_at = g_get_monotonic_time ();
  app = adw_application_new ("io.github.rapportapp.RapportBench", G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (activate), NULL);
  return g_application_run (G_APPLICATION (app), 1, argv);
}
