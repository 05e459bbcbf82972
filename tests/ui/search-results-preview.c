/* search-results-preview.c: Rapport's results as the overview would show them
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   build/tests/ui/search-results-preview OUTPUT.png TERM…
 *
 * Not a test: a stand-in for GNOME Shell, which cannot run headless here.
 * With Rapport running (or D-Bus activatable) on the session bus, it asks
 * the search provider what GNOME Shell asks (GetInitialResultSet, then
 * GetResultMetas for the first five) and draws the answer the way the
 * overview lays out an application's list results: the app's icon and
 * name beside rows of icon, name and description, on the dark overview.
 */

#include "config.h"

#include <adwaita.h>

#define PROVIDER_PATH "/io/github/rapportapp/Rapport/SearchProvider"
#define PROVIDER_IFACE "org.gnome.Shell.SearchProvider2"
#define SHOWN 5

static GVariant *
call (GDBusConnection *bus,
      const char      *method,
      GVariant        *args,
      const char      *reply_type)
{
  g_autoptr(GError) error = NULL;
  GVariant *reply;

  reply = g_dbus_connection_call_sync (bus, APP_ID, PROVIDER_PATH, PROVIDER_IFACE, method, args,
                                       G_VARIANT_TYPE (reply_type), G_DBUS_CALL_FLAGS_NONE, 10000,
                                       NULL, &error);
  if (reply == NULL)
    g_error ("%s: %s", method, error->message);
  return reply;
}

static GtkWidget *
result_row (GVariant *meta)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name, *description, *image;
  const char *text = NULL;
  g_autoptr(GIcon) icon = NULL;

  if (g_variant_lookup (meta, "gicon", "&s", &text))
    icon = g_icon_new_for_string (text, NULL);
  image = icon != NULL ? gtk_image_new_from_gicon (icon) : gtk_image_new ();
  gtk_image_set_pixel_size (GTK_IMAGE (image), 32);

  g_variant_lookup (meta, "name", "&s", &text);
  name = gtk_label_new (text);
  gtk_widget_add_css_class (name, "heading");
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  g_variant_lookup (meta, "description", "&s", &text);
  description = gtk_label_new (text);
  gtk_widget_add_css_class (description, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (description), 0);

  gtk_box_append (GTK_BOX (texts), name);
  gtk_box_append (GTK_BOX (texts), description);
  gtk_box_append (GTK_BOX (row), image);
  gtk_box_append (GTK_BOX (row), texts);
  gtk_widget_set_margin_top (row, 6);
  gtk_widget_set_margin_bottom (row, 6);
  return row;
}

static GtkWidget *
results_view (GDBusConnection    *bus,
              const char * const *terms)
{
  g_autoptr(GVariant) found = call (bus, "GetInitialResultSet",
                                    g_variant_new ("(^as)", terms), "(as)");
  g_autofree const char **ids = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) metas = NULL;
  g_autofree char *query = g_strjoinv (" ", (char **) terms);
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *entry = gtk_search_entry_new ();
  GtkWidget *provider = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 24);
  GtkWidget *app = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *app_icon = gtk_image_new_from_icon_name (APP_ID);
  GtkWidget *list = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  g_variant_get (found, "(^a&s)", &ids);
  if (g_strv_length ((char **) ids) > SHOWN)
    ids[SHOWN] = NULL;
  reply = call (bus, "GetResultMetas", g_variant_new ("(^as)", ids), "(aa{sv})");
  metas = g_variant_get_child_value (reply, 0);

  gtk_editable_set_text (GTK_EDITABLE (entry), query);
  gtk_widget_set_size_request (entry, 420, -1);
  gtk_widget_set_halign (entry, GTK_ALIGN_CENTER);

  gtk_image_set_pixel_size (GTK_IMAGE (app_icon), 64);
  gtk_box_append (GTK_BOX (app), app_icon);
  gtk_box_append (GTK_BOX (app), gtk_label_new ("Rapport"));
  gtk_widget_set_valign (app, GTK_ALIGN_START);

  for (gsize i = 0; i < g_variant_n_children (metas); i++)
    {
      g_autoptr(GVariant) meta = g_variant_get_child_value (metas, i);

      gtk_box_append (GTK_BOX (list), result_row (meta));
    }
  gtk_widget_set_hexpand (list, TRUE);

  gtk_box_append (GTK_BOX (provider), app);
  gtk_box_append (GTK_BOX (provider), list);
  gtk_widget_add_css_class (provider, "card");
  gtk_widget_set_margin_start (provider, 24);
  gtk_widget_set_margin_end (provider, 24);
  for (GtkWidget *w = gtk_widget_get_first_child (provider); w; w = gtk_widget_get_next_sibling (w))
    {
      gtk_widget_set_margin_top (w, 12);
      gtk_widget_set_margin_bottom (w, 12);
      gtk_widget_set_margin_start (w, 12);
    }

  gtk_box_append (GTK_BOX (page), entry);
  gtk_box_append (GTK_BOX (page), provider);
  gtk_widget_set_margin_top (page, 24);
  gtk_widget_set_margin_bottom (page, 24);
  return page;
}

static gboolean
save (gpointer data)
{
  GtkWidget *window = data;
  const char *path = g_object_get_data (G_OBJECT (window), "path");
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    g_error ("Cannot write %s", path);
  g_print ("%s\n", path);
  gtk_window_destroy (GTK_WINDOW (window));
  return G_SOURCE_REMOVE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *window;

  if (argc < 3)
    {
      g_printerr ("usage: %s OUTPUT.png TERM…\n", argv[0]);
      return 2;
    }

  adw_init ();
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  if (bus == NULL)
    g_error ("%s", error->message);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 720, -1);
  gtk_window_set_decorated (GTK_WINDOW (window), FALSE);
  gtk_window_set_child (GTK_WINDOW (window), results_view (bus, (const char * const *) argv + 2));
  g_object_set_data_full (G_OBJECT (window), "path", g_strdup (argv[1]), g_free);
  gtk_window_present (GTK_WINDOW (window));
  g_timeout_add (1000, save, window);

  while (g_list_model_get_n_items (gtk_window_get_toplevels ()) > 0)
    g_main_context_iteration (NULL, TRUE);
  return 0;
}
