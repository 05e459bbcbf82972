/* test-ui-german.c: the real window in German — the views, a button, the
 * month grid's title and first weekday as de_DE has them
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The catalogue is the one the build compiled (RAPPORT_LOCALEDIR points at
 * build/po).  The dates need the de_DE.UTF-8 locale (`build-aux/dev`
 * generates it); without it the messages are still checked, in C.UTF-8,
 * and the dates are skipped, saying so.
 */

#include "config.h"

#include <locale.h>
#include <time.h>

#include "rapport-calendar-page.h"
#include "rapport-locale.h"
#include "rapport-sample.h"
#include "rapport-time.h"
#include "rapport-ui-test.h"

static RapportWindow *window;
static gboolean have_german_dates;

static gpointer
find_widget (GtkWidget *root,
             gboolean (*match) (GtkWidget *, gconstpointer),
             gconstpointer data)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      gpointer found;

      if (match (child, data))
        return child;
      if ((found = find_widget (child, match, data)))
        return found;
    }
  return NULL;
}

static gboolean
is_button_labelled (GtkWidget     *widget,
                    gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static gboolean
has_tooltip (GtkWidget     *widget,
             gconstpointer  tooltip)
{
  return g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0;
}

static gboolean
is_weekday (GtkWidget     *widget,
            gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "weekday");
}

static gboolean
is_calendar_page (GtkWidget     *widget,
                  gconstpointer  data)
{
  return RAPPORT_IS_CALENDAR_PAGE (widget);
}

static gboolean
label_shown (gpointer text)
{
  return rapport_ui_test_has_label_with (GTK_WIDGET (window), text);
}

static void
seed_book (RapportStore *store)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rapport_sample_fill (store, rapport_time_now (), &error));
  g_assert_no_error (error);
}

static void
check_views_and_buttons (RapportStore *store)
{
  static const char *titles[] = { "Kunden", "Nachfassen", "Empfehlungen", "Kundenstimmen" };
  AdwViewStack *stack = rapport_ui_test_find_nth (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK, 0);
  g_autoptr(GListModel) pages = NULL;
  g_autofree char *count = NULL;

  g_assert_nonnull (stack);
  pages = G_LIST_MODEL (adw_view_stack_get_pages (stack));
  g_assert_cmpuint (g_list_model_get_n_items (pages), ==, G_N_ELEMENTS (titles));
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (pages, i);

      g_assert_cmpstr (adw_view_stack_page_get_title (page), ==, titles[i]);
    }

  /* Buttons of the templates, and a plural from C ("124 Kunden"). */
  g_assert_nonnull (find_widget (GTK_WIDGET (window), has_tooltip, "Neuer Kunde"));
  g_assert_nonnull (find_widget (GTK_WIDGET (window), has_tooltip, "Hauptmenü"));
  g_assert_null (find_widget (GTK_WIDGET (window), has_tooltip, "Main Menu"));
  count = g_strdup_printf ("%u Kunden", RAPPORT_SAMPLE_N_CUSTOMERS);
  rapport_ui_test_wait_until (label_shown, count);
}

static void
check_month_grid (RapportStore *store)
{
  RapportCalendarPage *page;
  GtkWidget *weekday;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "follow-ups"));
  page = find_widget (GTK_WIDGET (window), is_calendar_page, NULL);
  g_assert_nonnull (page);
  rapport_ui_test_wait_loaded (page);

  /* Words from the catalogue, whatever the dates look like. */
  g_assert_nonnull (find_widget (GTK_WIDGET (page), is_button_labelled, "_Heute"));
  rapport_ui_test_wait_until (label_shown, "Kontaktpunkte im ");

  if (!have_german_dates)
    {
      g_test_skip ("the de_DE.UTF-8 locale is not installed (localedef -i de_DE -f UTF-8 "
                   "de_DE.UTF-8); German month names and the Monday start are not checked");
      return;
    }

  /* RAPPORT_FAKE_NOW is in March: "März", which English would not write. */
  rapport_ui_test_wait_until (label_shown, "März 2026");
  g_assert_false (rapport_ui_test_has_label_with (GTK_WIDGET (window), "March"));

  /* de_DE's week starts on Monday (C's on Sunday), named as glibc names it. */
  weekday = find_widget (GTK_WIDGET (rapport_calendar_page_get_month_grid (page)), is_weekday, NULL);
  g_assert_nonnull (weekday);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (weekday)), ==, "Mo");
}

static void
test_views_and_buttons (void)
{
  rapport_ui_test_run_app (seed_book, check_views_and_buttons, &window);
}

static void
test_month_grid (void)
{
  rapport_ui_test_run_app (seed_book, check_month_grid, &window);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  tzset ();
  g_setenv ("RAPPORT_FAKE_NOW", "2026-03-10T10:00:00Z", TRUE);

  /* What a German desktop session sets, before GTK reads the locale. */
  g_setenv ("LANGUAGE", "de", TRUE);
  have_german_dates = setlocale (LC_ALL, "de_DE.UTF-8") != NULL;
  g_setenv ("LC_ALL", have_german_dates ? "de_DE.UTF-8" : "C.UTF-8", TRUE);
  rapport_locale_init ();
  g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "Customers"), ==, "Kunden");

  rapport_ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/german/views-and-buttons", test_views_and_buttons);
  g_test_add_func ("/ui/german/month-grid", test_month_grid);

  return g_test_run ();
}
