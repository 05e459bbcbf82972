/* rapport-testimonials-page.c: the testimonial library, the asks waiting, and references
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The library shows each testimonial as a card, quote first, in a lazy
 * grid, narrowed by a search and filters; the same tag and product filters choose what goes
 * into the page for sales material.  The references half lives in
 * rapport-testimonials-page-references.c.
 *
 * The library's list reads in a worker thread, and so does the rest
 * (the filters' tags and products, the asks, the references), together,
 * whenever the book changes; the page shows the last reads until the
 * new ones arrive, and stays blank until the first have.
 *
 * GTK 4.8's grid view builds 30 rows of cards at once however few are on
 * screen, each quote a wrapped text to lay out: the grid shows a slice of
 * the library that starts with a screenful and grows by a row of cards
 * each frame until it holds all.
 */

#define G_LOG_DOMAIN "rapport-testimonials-page"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-customer.h"
#include "rapport-drafts.h"
#include "rapport-mail-draft.h"
#include "rapport-reference.h"
#include "rapport-testimonial-card.h"
#include "rapport-testimonial-dialog.h"
#include "rapport-testimonials-page-private.h"
#include "rapport-time.h"
#include "rapport-toast.h"

/* Cards: a screenful at first (four rows of three), then a row a frame. */
#define FIRST_CARDS     12
#define CARDS_PER_FRAME 3
/* As many as GTK 4.8's grid view builds (30 rows of 3): past them, the
 * rest of the library costs no card, and comes at once. */
#define CARDS_BUILT     96

G_DEFINE_FINAL_TYPE (RapportTestimonialsPage, rapport_testimonials_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* One read of what the page shows beside the library. */
typedef struct
{
  gint64      now;
  GStrv       tags;
  GStrv       products;
  GListModel *asks;        /* RapportCustomer */
  GListModel *references;  /* RapportReference */
} Snapshot;

static void
snapshot_free (Snapshot *snapshot)
{
  g_strfreev (snapshot->tags);
  g_strfreev (snapshot->products);
  g_clear_object (&snapshot->asks);
  g_clear_object (&snapshot->references);
  g_free (snapshot);
}

void
_rapport_testimonials_page_load_settings (RapportTestimonialsPage *self,
                                          RapportPlaybookSettings *settings)
{
  rapport_playbook_settings_load (settings, self->settings);
}

static void
update_visible_page (RapportTestimonialsPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->list));
  gboolean filtered = rapport_testimonial_list_get_filtered (self->list);
  gboolean has_references = self->references != NULL && g_list_model_get_n_items (self->references) > 0;
  gboolean has_asks = self->asks != NULL && g_list_model_get_n_items (self->asks) > 0;
  g_autofree char *count = NULL;

  g_assert (RAPPORT_IS_TESTIMONIALS_PAGE (self));

  /* Blank until the first reads arrive, rather than "no testimonials". */
  if (!self->shown && rapport_testimonials_page_get_loading (self))
    return;
  self->shown = TRUE;

  gtk_stack_page_set_needs_attention (self->asks_page, has_asks);

  if (n == 0 && !filtered && !has_references && !has_asks &&
      g_hash_table_size (self->pending_deletes) == 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  gtk_stack_set_visible_child_name (self->stack, "library");
  gtk_stack_set_visible_child_name (self->list_stack, n == 0 ? "no-results" : "cards");
  adw_status_page_set_title (self->no_results_page,
                             filtered ? _("No Results Found") : _("No Testimonials Yet"));
  adw_status_page_set_description (self->no_results_page,
                                   filtered ? _("Try a different search or clear the filters.")
                                            : _("Send the customers under “To Ask” a short request, "
                                                "then record their reply."));
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u testimonial", "%'u testimonials", n), n);
  gtk_label_set_label (self->count_label, count);
}

/* A book can have hundreds of asks and references, and a list box builds
 * every row: their rows are built when their section is on screen, not
 * each time the book is read behind the library. */
static void
bind_section_lists (RapportTestimonialsPage *self)
{
  const char *section = gtk_stack_get_visible_child_name (self->section_stack);

  if (self->asks_unbound && g_strcmp0 (section, "asks") == 0)
    {
      self->asks_unbound = FALSE;
      gtk_list_box_bind_model (self->asks_list, self->asks, _rapport_testimonials_page_create_ask_row,
                               self, NULL);
    }
  if (self->references_unbound && g_strcmp0 (section, "references") == 0)
    {
      self->references_unbound = FALSE;
      _rapport_testimonials_page_show_references (self, self->references);
    }
}

/* Search, filters and the count are about the library, not references. */
static void
on_section_changed (RapportTestimonialsPage *self)
{
  gboolean library;

  /* Also called while the template is still being built. */
  if (self->search_bar == NULL || self->count_label == NULL)
    return;

  bind_section_lists (self);
  library = g_strcmp0 (gtk_stack_get_visible_child_name (self->section_stack), "testimonials") == 0;
  gtk_widget_set_visible (self->search_bar, library);
  gtk_widget_set_visible (GTK_WIDGET (self->count_label), library);
}

static void
on_search_changed (RapportTestimonialsPage *self)
{
  /* GtkSearchEntry already waits for a pause in typing. */
  rapport_testimonial_list_set_search (self->list,
                                       gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

/* Position 0 of each filter is "Any". */
static const char *
chosen_string (GtkDropDown *dropdown)
{
  GtkStringObject *item = gtk_drop_down_get_selected_item (dropdown);

  if (item == NULL || gtk_drop_down_get_selected (dropdown) == 0)
    return NULL;
  return gtk_string_object_get_string (item);
}

static void
on_filter_changed (RapportTestimonialsPage *self)
{
  guint rating = gtk_drop_down_get_selected (self->rating_dropdown);
  guint permission = gtk_drop_down_get_selected (self->permission_dropdown);

  if (self->list == NULL || self->updating_choices)
    return;

  rapport_testimonial_list_set_filter (self->list,
                                       chosen_string (self->tag_dropdown),
                                       chosen_string (self->product_dropdown),
                                       rating == GTK_INVALID_LIST_POSITION ? 0 : (int) rating,
                                       permission == 0 || permission == GTK_INVALID_LIST_POSITION
                                         ? NULL : rapport_testimonial_permissions[MIN (permission - 1, 3)]);
}

/* The tags and products come from the library and change with it; the
 * choice in force is kept when it still exists. */
static void
fill_dropdown (RapportTestimonialsPage *self,
               GtkDropDown             *dropdown,
               char                   **names,
               const char              *any_label)
{
  g_autofree char *chosen = g_strdup (chosen_string (dropdown));
  GtkStringList *old = GTK_STRING_LIST (gtk_drop_down_get_model (dropdown));
  g_autoptr(GtkStringList) choices = gtk_string_list_new (NULL);
  guint selected = 0;

  gtk_string_list_append (choices, any_label);
  for (guint i = 0; names[i] != NULL; i++)
    {
      gtk_string_list_append (choices, names[i]);
      if (g_strcmp0 (names[i], chosen) == 0)
        selected = i + 1;
    }

  if (old != NULL && g_list_model_get_n_items (G_LIST_MODEL (old)) == g_strv_length (names) + 1)
    {
      gboolean same = TRUE;

      for (guint i = 0; names[i] != NULL && same; i++)
        same = g_strcmp0 (gtk_string_list_get_string (old, i + 1), names[i]) == 0;
      if (same)
        return;
    }

  self->updating_choices = TRUE;
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (choices));
  gtk_drop_down_set_selected (dropdown, selected);
  self->updating_choices = FALSE;
  if (selected == 0 && chosen != NULL)
    on_filter_changed (self);
}

static gboolean
read_thread (RapportStore  *reader,
             gpointer       data,
             GError       **error)
{
  Snapshot *snapshot = data;

  return (snapshot->tags = rapport_testimonial_distinct (reader, "tags", error)) != NULL &&
         (snapshot->products = rapport_testimonial_distinct (reader, "products", error)) != NULL &&
         (snapshot->asks = rapport_testimonial_asks (reader, error)) != NULL &&
         (snapshot->references = rapport_reference_list (reader, snapshot->now, error)) != NULL;
}

static void
notify_loading (RapportTestimonialsPage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
read_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  RapportTestimonialsPage *self;
  Snapshot *snapshot;

  snapshot = rapport_reader_run_finish (RAPPORT_READER (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;  /* a newer read replaced it, or the page is gone */

  self = RAPPORT_TESTIMONIALS_PAGE (user_data);
  g_clear_object (&self->loading);
  if (snapshot == NULL)
    g_warning ("Cannot read the testimonial asks and references: %s", error->message);
  else
    {
      fill_dropdown (self, self->tag_dropdown, snapshot->tags, _("Any tag"));
      fill_dropdown (self, self->product_dropdown, snapshot->products, _("Any product"));
      g_set_object (&self->asks, snapshot->asks);
      g_set_object (&self->references, snapshot->references);
      self->asks_unbound = self->references_unbound = TRUE;
      bind_section_lists (self);
    }
  notify_loading (self);
  update_visible_page (self);
}

static void
on_store_changed (RapportTestimonialsPage *self)
{
  Snapshot *snapshot = g_new0 (Snapshot, 1);

  snapshot->now = rapport_time_now ();
  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  self->loading = g_cancellable_new ();
  rapport_reader_run_async (self->reader, read_thread, snapshot, (GDestroyNotify) snapshot_free,
                            self->loading, read_done, self);
  notify_loading (self);
}

static void
on_list_loading_changed (RapportTestimonialsPage *self)
{
  notify_loading (self);
  update_visible_page (self);
}

/* The grid is lazy: a library of thousands costs the cards on screen. */
static void
setup_card (GtkSignalListItemFactory *factory,
            GtkListItem              *item)
{
  gtk_list_item_set_activatable (item, FALSE);
  gtk_list_item_set_child (item, rapport_testimonial_card_new ());
}

static void
bind_card (GtkSignalListItemFactory *factory,
           GtkListItem              *item)
{
  rapport_testimonial_card_set_testimonial (RAPPORT_TESTIMONIAL_CARD (gtk_list_item_get_child (item)),
                                            gtk_list_item_get_item (item));
}

static void
unbind_card (GtkSignalListItemFactory *factory,
             GtkListItem              *item)
{
  rapport_testimonial_card_set_testimonial (RAPPORT_TESTIMONIAL_CARD (gtk_list_item_get_child (item)),
                                            NULL);
}

static void
open_dialog (RapportTestimonialsPage *self,
             gint64                   customer_id)
{
  RapportTestimonialDialog *dialog = rapport_testimonial_dialog_new (self->store, customer_id);

  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  g_signal_connect_object (dialog, "added", G_CALLBACK (_rapport_testimonials_page_on_added), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_rapport_testimonials_page_on_added (RapportTestimonialsPage *self,
                                     gint64                   id)
{
  rapport_toast_show (GTK_WIDGET (self), adw_toast_new (_("Testimonial added")));
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  open_dialog (RAPPORT_TESTIMONIALS_PAGE (widget), 0);
}

static void
record_reply_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  open_dialog (RAPPORT_TESTIMONIALS_PAGE (widget), g_variant_get_int64 (param));
}

static void
commit_delete (RapportTestimonialsPage *self,
               gint64                   id)
{
  g_autoptr(GError) error = NULL;
  RapportPlaybookSettings settings;

  _rapport_testimonials_page_load_settings (self, &settings);
  if (!rapport_testimonial_delete (self->store, id, &settings, rapport_time_now (), &error))
    {
      rapport_testimonial_list_unhide (self->list, id);
      rapport_toast_error (GTK_WIDGET (self), error->message);
    }
}

static void
on_delete_toast_dismissed (AdwToast                *toast,
                           RapportTestimonialsPage *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (toast), "testimonial-id"));

  if (!g_hash_table_remove (self->pending_deletes, &id))
    return;  /* undone */
  commit_delete (self, id);
  update_visible_page (self);
}

static void
on_undo_clicked (AdwToast                *toast,
                 RapportTestimonialsPage *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (toast), "testimonial-id"));

  if (g_hash_table_remove (self->pending_deletes, &id))
    rapport_testimonial_list_unhide (self->list, id);
}

/* The testimonial leaves the library at once and is deleted for good when
 * the toast offering Undo goes away. */
static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  RapportTestimonialsPage *self = RAPPORT_TESTIMONIALS_PAGE (widget);
  gint64 id = g_variant_get_int64 (param);
  AdwToast *toast;

  if (g_hash_table_contains (self->pending_deletes, &id))
    return;

  toast = adw_toast_new (_("Testimonial deleted"));
  adw_toast_set_button_label (toast, _("_Undo"));
  g_object_set_data (G_OBJECT (toast), "testimonial-id", GSIZE_TO_POINTER (id));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_clicked), self, 0);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_delete_toast_dismissed), self, 0);
  g_hash_table_insert (self->pending_deletes, g_memdup2 (&id, sizeof id), toast);

  rapport_testimonial_list_hide (self->list, id);
  rapport_toast_show (GTK_WIDGET (self), toast);
}

static void
ask_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  RapportTestimonialsPage *self = RAPPORT_TESTIMONIALS_PAGE (widget);
  g_autoptr(GVariant) overrides = g_settings_get_value (self->settings, "email-drafts");
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  url = rapport_drafts_for_customer (self->store, g_variant_get_int64 (param), "testimonial_ask",
                                     overrides, &error);
  if (url == NULL)
    {
      rapport_toast_error (widget, error->message);
      return;
    }
  rapport_mail_draft_open (widget, url);
}

/* The thank-you for a testimonial, to the customer who gave it. */
static void
draft_thanks_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  RapportTestimonialsPage *self = RAPPORT_TESTIMONIALS_PAGE (widget);
  g_autoptr(GVariant) overrides = g_settings_get_value (self->settings, "email-drafts");
  g_autoptr(RapportCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  RapportDraftValues values = { 0 };

  customer = rapport_customer_load (self->store, g_variant_get_int64 (param), &error);
  if (customer == NULL)
    {
      rapport_toast_error (widget, error->message);
      return;
    }
  values.name = rapport_customer_get_name (customer);
  values.company = rapport_customer_get_company (customer);
  url = rapport_drafts_mailto ("thank_testimonial", overrides, rapport_customer_get_email (customer), &values);
  rapport_mail_draft_open (widget, url);
}

static void
rapport_testimonials_page_dispose (GObject *object)
{
  RapportTestimonialsPage *self = (RapportTestimonialsPage *)object;
  GHashTableIter iter;
  gpointer key;

  /* Closing the window confirms deletions still offering Undo. */
  if (self->pending_deletes != NULL)
    {
      g_hash_table_iter_init (&iter, self->pending_deletes);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        commit_delete (self, *(gint64 *) key);
      g_clear_pointer (&self->pending_deletes, g_hash_table_unref);
    }

  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  _rapport_testimonials_page_export_cancel (self);
  g_clear_object (&self->grower);
  if (self->grid_view != NULL)
    gtk_grid_view_set_model (self->grid_view, NULL);
  /* AdwBin holds its child itself: let it unparent it before the
   * template clears its pointers. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_TESTIMONIALS_PAGE);
  g_clear_object (&self->cards);
  g_clear_object (&self->list);
  g_clear_object (&self->asks);
  g_clear_object (&self->references);
  g_clear_object (&self->settings);
  g_clear_object (&self->reader);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (rapport_testimonials_page_parent_class)->dispose (object);
}

static void
rapport_testimonials_page_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  RapportTestimonialsPage *self = RAPPORT_TESTIMONIALS_PAGE (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, rapport_testimonials_page_get_loading (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_testimonials_page_class_init (RapportTestimonialsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_testimonials_page_dispose;
  object_class->get_property = rapport_testimonials_page_get_property;

  /**
   * RapportTestimonialsPage:loading:
   *
   * Whether a read of the book is under way; the page shows the last one
   * meanwhile.
   */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rapportapp/Rapport/rapport-testimonials-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportTestimonialsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, RapportTestimonialsPage, export_revealer);
  gtk_widget_class_bind_template_child (widget_class, RapportTestimonialsPage, export_progress);
  gtk_widget_class_bind_template_child (widget_class, RapportTestimonialsPage, search_bar);
  gtk_widget_class_bind_template_child (widget_class, RapportTestimonialsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RapportTestimonialsPage, section_stack);
  gtk_widget_class_bind_template_child (widget_class, RapportTestimonialsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, RapportTestimonialsPage, grid_view);
  gtk_widget_class_bind_template_child (widget_class, RapportTestimonialsPage, no_results_page);
  gtk_widget_class_bind_template_child (widget_class, RapportTestimonialsPage, asks_page);
  gtk_widget_class_bind_template_child (widget_class, RapportTestimonialsPage, asks_list);
  gtk_widget_class_bind_template_child (widget_class, RapportTestimonialsPage, references_list);
  gtk_widget_class_bind_template_child (widget_class, RapportTestimonialsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, RapportTestimonialsPage, tag_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RapportTestimonialsPage, product_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RapportTestimonialsPage, rating_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RapportTestimonialsPage, permission_dropdown);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_section_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);

  gtk_widget_class_install_action (widget_class, "testimonials.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "testimonials.record-reply", "x", record_reply_action);
  gtk_widget_class_install_action (widget_class, "testimonials.ask", "x", ask_action);
  gtk_widget_class_install_action (widget_class, "testimonials.draft-thanks", "x", draft_thanks_action);
  gtk_widget_class_install_action (widget_class, "testimonials.delete", "x", delete_action);
  gtk_widget_class_install_action (widget_class, "testimonials.export", NULL,
                                   _rapport_testimonials_page_export_action);
  gtk_widget_class_install_action (widget_class, "testimonials.record-use", "x",
                                   _rapport_testimonials_page_record_use_action);
}

static void
fill_fixed_choices (RapportTestimonialsPage *self)
{
  g_autoptr(GtkStringList) ratings = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) permissions = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) tags = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) products = gtk_string_list_new (NULL);

  gtk_string_list_append (ratings, _("Any rating"));
  for (int i = 1; i <= 5; i++)
    {
      g_autofree char *stars = rapport_testimonial_stars (i);
      /* Translators: a minimum rating in the filter, "★★★★☆ or better" */
      g_autofree char *text = i < 5 ? g_strdup_printf (_("%s or better"), stars) : g_strdup (stars);

      gtk_string_list_append (ratings, text);
    }
  gtk_string_list_append (permissions, _("Any permission"));
  for (guint i = 0; rapport_testimonial_permissions[i] != NULL; i++)
    gtk_string_list_append (permissions,
                            rapport_testimonial_permission_label (rapport_testimonial_permissions[i]));
  gtk_string_list_append (tags, _("Any tag"));
  gtk_string_list_append (products, _("Any product"));

  self->updating_choices = TRUE;
  gtk_drop_down_set_model (self->rating_dropdown, G_LIST_MODEL (ratings));
  gtk_drop_down_set_model (self->permission_dropdown, G_LIST_MODEL (permissions));
  gtk_drop_down_set_model (self->tag_dropdown, G_LIST_MODEL (tags));
  gtk_drop_down_set_model (self->product_dropdown, G_LIST_MODEL (products));
  self->updating_choices = FALSE;
}

static void
rapport_testimonials_page_init (RapportTestimonialsPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_card), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_card), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_card), NULL);
  gtk_grid_view_set_factory (self->grid_view, factory);

  self->settings = g_settings_new (APP_ID);
  self->pending_deletes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  fill_fixed_choices (self);
}

void
rapport_testimonials_page_set_store (RapportTestimonialsPage *self,
                                     RapportStore            *store)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  g_return_if_fail (RAPPORT_IS_TESTIMONIALS_PAGE (self));
  g_return_if_fail (RAPPORT_IS_STORE (store));
  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  self->reader = rapport_reader_new (store);
  self->list = rapport_testimonial_list_new (store);
  self->cards = gtk_slice_list_model_new (g_object_ref (G_LIST_MODEL (self->list)), 0, FIRST_CARDS);
  self->grower = rapport_slice_grower_new (GTK_WIDGET (self), self->cards, CARDS_PER_FRAME,
                                           CARDS_BUILT);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->cards)));
  gtk_grid_view_set_model (self->grid_view, GTK_SELECTION_MODEL (selection));

  g_signal_connect_object (self->list, "items-changed", G_CALLBACK (update_visible_page),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "notify::loading", G_CALLBACK (on_list_loading_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed), self, G_CONNECT_SWAPPED);
  on_store_changed (self);
}

/**
 * rapport_testimonials_page_get_loading:
 *
 * Returns: whether the library or the rest of the page is being read
 */
gboolean
rapport_testimonials_page_get_loading (RapportTestimonialsPage *self)
{
  g_return_val_if_fail (RAPPORT_IS_TESTIMONIALS_PAGE (self), FALSE);

  return self->loading != NULL ||
         (self->list != NULL && rapport_testimonial_list_get_loading (self->list));
}

RapportTestimonialList *
rapport_testimonials_page_get_list (RapportTestimonialsPage *self)
{
  g_return_val_if_fail (RAPPORT_IS_TESTIMONIALS_PAGE (self), NULL);

  return self->list;
}
