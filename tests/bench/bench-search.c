/* bench-search.c: how long the desktop's search waits for Rapport
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   build/tests/bench/bench-search BOOK [RUNS]   (RUNS default 20)
 *
 * BOOK is one from gen-book (100,000 customers).  On a read-only
 * connection, as the search provider's worker has, it times what one
 * keystroke in GNOME Shell's overview costs: the search for the terms
 * typed so far (GetInitialResultSet / GetSubsearchResultSet), then what
 * the shown results say (GetResultMetas), for a user typing a name, a
 * company, an email, and for hostile input.  It prints the median and
 * the slowest of RUNS runs per query; the D-Bus round trip (well under a
 * millisecond on a local bus) is not included.
 */

#include "config.h"

#include <stdlib.h>

#include "rapport-customer-search.h"

static const char *queries[] = {
  "e", "el", "ele", "elena", "elena f", "elena fischer",
  "h", "ha", "harbor", "harbor h",
  "farid.zh", "farid.zhang.0@example.com", "maple lane", "zhang harbor",
  "gr*", "\"elena\" OR NEAR(a b)", "name:elena", "zzzzqx",
};

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static void
time_query (RapportStore *reader,
            const char   *text,
            guint         runs)
{
  g_autofree gint64 *search_us = g_new0 (gint64, runs);
  g_autofree gint64 *metas_us = g_new0 (gint64, runs);
  const char *terms[] = { text, NULL };
  g_autofree char *fts = rapport_customer_search_query (terms);
  g_autofree char *shown = g_utf8_make_valid (text, MIN (strlen (text), 40));
  guint n_results = 0;

  for (guint run = 0; run < runs; run++)
    {
      g_autoptr(GArray) ids = NULL;
      g_autoptr(GPtrArray) hits = NULL;
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();

      ids = fts != NULL ? rapport_customer_search (reader, fts, &error)
                        : g_array_new (FALSE, FALSE, sizeof (gint64));
      if (ids == NULL)
        g_error ("%s: %s", text, error->message);
      search_us[run] = g_get_monotonic_time () - start;

      start = g_get_monotonic_time ();
      /* Shell shows the first few and asks what they say. */
      hits = rapport_customer_search_hits (reader, (const gint64 *) ids->data, MIN (ids->len, 5), &error);
      if (hits == NULL)
        g_error ("%s: %s", text, error->message);
      metas_us[run] = g_get_monotonic_time () - start;
      n_results = ids->len;
    }

  qsort (search_us, runs, sizeof (gint64), compare_gint64);
  qsort (metas_us, runs, sizeof (gint64), compare_gint64);
  g_print ("%-42s %3u results  search %6.2f ms (max %6.2f)  metas %5.2f ms (max %5.2f)\n",
           shown, n_results, search_us[runs / 2] / 1000.0, search_us[runs - 1] / 1000.0,
           metas_us[runs / 2] / 1000.0, metas_us[runs - 1] / 1000.0);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(RapportStore) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) long_text = g_string_new (NULL);
  guint runs = argc > 2 ? (guint) atoi (argv[2]) : 20;

  if (argc < 2 || runs == 0)
    {
      g_printerr ("usage: %s BOOK [RUNS]\n", argv[0]);
      return 2;
    }

  reader = rapport_store_open_reader (argv[1], &error);
  if (reader == NULL)
    {
      g_printerr ("%s: %s\n", argv[1], error->message);
      return 1;
    }

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    time_query (reader, queries[i], runs);

  /* 10,000 characters pasted into the overview. */
  while (long_text->len < 10000)
    g_string_append (long_text, "elena* OR \"fischer\" NEAR(");
  g_string_truncate (long_text, 10000);
  time_query (reader, long_text->str, runs);
  return 0;
}
