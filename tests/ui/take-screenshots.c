/* take-screenshots.c: pictures of the four views for the README and metainfo
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   take-screenshots OUTPUT_DIR
 *
 * Fills an empty book (in $XDG_DATA_HOME) with the sample data, then
 * renders the real window, for each view, in the light and dark styles,
 * at a laptop's size (1280×800) and a phone's width (360×720), to
 * OUTPUT_DIR/<view>-<style>-<size>.png, then a customer's detail with
 * several emails, phones and an address to OUTPUT_DIR/detail-<style>-<size>.png,
 * then a customer's detail beside the list and the Preferences in the light
 * style.  `build-aux/dev screenshots` runs it.
 * In the language of the environment: LANGUAGE=de LC_ALL=de_DE.UTF-8 and
 * RAPPORT_LOCALEDIR=build/po show the German translation as built.
 */

#include "config.h"

#include <stdio.h>

#include "rapport-application.h"
#include "rapport-customer-card.h"
#include "rapport-customer-detail.h"
#include "rapport-customers-page.h"
#include "rapport-locale.h"
#include "rapport-preferences-window.h"
#include "rapport-sample.h"
#include "rapport-time.h"
#include "rapport-window.h"

static const char *output_dir;
static int status = 1;
static gint64 detail_id;  /* the customer whose detail is pictured */

static void
settle (void)
{
  gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC / 2;

  /* Let the list's worker answer, rows bind and animations end. */
  while (g_get_monotonic_time () < until)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (10000);
    }
}

static gboolean
save_window (GtkWidget  *window,
             const char *path)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return FALSE;
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  return gdk_texture_save_to_png (texture, path);
}

static GtkWidget *
find_child (GtkWidget *root,
            GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      if ((found = find_child (child, type)))
        return found;
    }
  return NULL;
}

/* The detail, on its own at a phone's width, scrolled to the emails. */
static void
show_detail (RapportWindow *window)
{
  GtkWidget *leaflet = find_child (GTK_WIDGET (window), ADW_TYPE_LEAFLET);
  GtkWidget *detail = find_child (GTK_WIDGET (window), RAPPORT_TYPE_CUSTOMER_DETAIL);
  GtkWidget *emails = find_child (detail, g_type_from_name ("RapportValuesGroup"));
  GtkWidget *scrolled = gtk_widget_get_ancestor (emails, GTK_TYPE_SCROLLED_WINDOW);
  graphene_point_t point;

  adw_leaflet_set_visible_child (ADW_LEAFLET (leaflet), detail);
  /* A focused row would scroll itself back into view. */
  gtk_window_set_focus (GTK_WINDOW (window), NULL);
  settle ();
  if (gtk_widget_compute_point (emails, gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)),
                                &GRAPHENE_POINT_INIT (0, 0), &point))
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)),
                              point.y - 12);
}

static gboolean
save_to (GtkWidget  *window,
         const char *name)
{
  g_autofree char *path = g_build_filename (output_dir, name, NULL);

  if (!save_window (window, path))
    {
      g_printerr ("take-screenshots: cannot write %s\n", path);
      return FALSE;
    }
  g_print ("%s\n", path);
  return TRUE;
}

/* What the views do not show: a customer's detail beside the list, and
 * the Preferences, where long words in a translation would show first. */
static gboolean
take_detail_and_preferences (GtkApplication *app,
                             RapportWindow  *window)
{
  GtkWindow *preferences = NULL;
  GListModel *toplevels = gtk_window_get_toplevels ();
  gboolean saved;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  rapport_window_set_view (window, "customers");
  settle ();
  rapport_customers_page_select_customer (rapport_window_get_customers_page (window), 1);
  settle ();
  if (!save_to (GTK_WIDGET (window), "customer-detail-light-wide.png"))
    return FALSE;

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  settle ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels) && preferences == NULL; i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (RAPPORT_IS_PREFERENCES_WINDOW (toplevel))
        preferences = toplevel;
    }
  if (preferences == NULL)
    {
      g_printerr ("take-screenshots: the Preferences did not open\n");
      return FALSE;
    }
  saved = save_to (GTK_WIDGET (preferences), "preferences-light.png");
  gtk_window_destroy (preferences);
  return saved;
}

static gboolean
take_all (gpointer data)
{
  GtkApplication *app = data;
  RapportWindow *window = RAPPORT_WINDOW (gtk_application_get_active_window (app));
  static const char *views[] = { "customers", "follow-ups", "referrals", "testimonials" };
  static const struct { const char *name; AdwColorScheme scheme; } styles[] = {
    { "light", ADW_COLOR_SCHEME_FORCE_LIGHT }, { "dark", ADW_COLOR_SCHEME_FORCE_DARK },
  };
  static const struct { const char *name; int width, height; } sizes[] = {
    { "wide", 1280, 800 }, { "narrow", 360, 720 },
  };
  RapportCustomersPage *page = rapport_window_get_customers_page (window);

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      gtk_window_set_default_size (GTK_WINDOW (window), sizes[s].width, sizes[s].height);
      settle ();
      for (guint c = 0; c < G_N_ELEMENTS (styles); c++)
        {
          adw_style_manager_set_color_scheme (adw_style_manager_get_default (), styles[c].scheme);
          for (guint v = 0; v < G_N_ELEMENTS (views); v++)
            {
              g_autofree char *name = g_strdup_printf ("%s-%s-%s.png", views[v], styles[c].name, sizes[s].name);
              g_autofree char *path = g_build_filename (output_dir, name, NULL);

              rapport_window_set_view (window, views[v]);
              settle ();
              if (!save_window (GTK_WIDGET (window), path))
                {
                  g_printerr ("take-screenshots: cannot write %s\n", path);
                  g_application_quit (G_APPLICATION (app));
                  return G_SOURCE_REMOVE;
                }
              g_print ("%s\n", path);
            }
        }
    }

  /* Last, as selecting a customer changes the customers view. */
  rapport_window_set_view (window, "customers");
  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      gtk_window_set_default_size (GTK_WINDOW (window), sizes[s].width, sizes[s].height);
      for (guint c = 0; c < G_N_ELEMENTS (styles); c++)
        {
          g_autofree char *name = g_strdup_printf ("detail-%s-%s.png", styles[c].name, sizes[s].name);
          g_autofree char *path = g_build_filename (output_dir, name, NULL);

          adw_style_manager_set_color_scheme (adw_style_manager_get_default (), styles[c].scheme);
          settle ();
          if (!rapport_customers_page_select_customer (page, detail_id))
            g_printerr ("take-screenshots: customer %" G_GINT64_FORMAT " not in the list\n", detail_id);
          settle ();
          show_detail (window);
          settle ();
          if (!save_window (GTK_WIDGET (window), path))
            {
              g_printerr ("take-screenshots: cannot write %s\n", path);
              g_application_quit (G_APPLICATION (app));
              return G_SOURCE_REMOVE;
            }
          g_print ("%s\n", path);
        }
    }

  if (take_detail_and_preferences (app, window))
    status = 0;
  g_application_quit (G_APPLICATION (app));
  return G_SOURCE_REMOVE;
}

static void
add_value (GPtrArray        *values,
           RapportValueKind  kind,
           const char       *value,
           const char       *types,
           int               pref)
{
  g_ptr_array_add (values, rapport_contact_value_new (kind, value, types, pref));
}

/* The first customer by name, with what an address book gives a
 * customer: two emails, three phones, an address and a website. */
static gboolean
prepare_detail (RapportStore  *store,
                GError       **error)
{
  g_autoptr(RapportStmt) stmt = rapport_store_prepare (store, "SELECT id FROM customer ORDER BY name LIMIT 1",
                                                       error);
  g_autoptr(RapportCustomer) customer = NULL;
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_contact_value_free);

  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return stmt != NULL;
  detail_id = sqlite3_column_int64 (stmt, 0);
  if ((customer = rapport_customer_load (store, detail_id, error)) == NULL)
    return FALSE;

  add_value (values, RAPPORT_VALUE_EMAIL, "aisha.eriksen@northwind.example", "work", 1);
  add_value (values, RAPPORT_VALUE_EMAIL, "aisha@eriksen.example", "home", 0);
  add_value (values, RAPPORT_VALUE_PHONE, "+47 22 12 34 56", "work,voice", 0);
  add_value (values, RAPPORT_VALUE_PHONE, "+47 912 34 567", "cell", 1);
  add_value (values, RAPPORT_VALUE_PHONE, "+47 22 12 34 99", "work,fax", 0);
  add_value (values, RAPPORT_VALUE_ADDRESS, ";;Strandgata 12;Bergen;;5013;Norway", "work", 0);
  add_value (values, RAPPORT_VALUE_URL, "https://northwind.example", "work", 0);
  rapport_customer_set_values (customer, values);
  return rapport_customer_save (customer, store, error);
}

static void
on_activate (GApplication *app)
{
  g_timeout_add (500, take_all, app);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(RapportApplication) app = NULL;
  g_autoptr(RapportStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = rapport_store_default_path ();

  rapport_locale_init ();
  if (argc != 2)
    {
      g_printerr ("usage: take-screenshots OUTPUT_DIR\n");
      return 2;
    }
  output_dir = argv[1];
  g_mkdir_with_parents (output_dir, 0755);

  store = rapport_store_open (path, &error);
  if (store == NULL || (rapport_customer_count (store, NULL) == 0 &&
                        !rapport_sample_fill (store, rapport_time_now (), &error)) ||
      !prepare_detail (store, &error))
    {
      g_printerr ("take-screenshots: %s\n", error->message);
      return 1;
    }

  app = rapport_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate), NULL);
  g_application_run (G_APPLICATION (app), 1, argv);
  return status;
}
