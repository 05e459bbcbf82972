/* rapport-testimonial-list.c: the testimonial library as a GListModel
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A library holds tens or hundreds of testimonials, not the hundred
 * thousand customers a book may have, so the list reads the matching rows
 * in one indexed query, bounded by RAPPORT_TESTIMONIAL_QUERY_LIMIT (the
 * newest), and reads them again whenever the book changes.  The query
 * runs in a worker thread (a book's search index is large); the list
 * keeps what it showed until the new rows arrive, and a newer search
 * interrupts an outdated one.
 */

#define G_LOG_DOMAIN "rapport-testimonial-list"

#include "config.h"

#include "rapport-reader.h"
#include "rapport-testimonial-list.h"

struct _RapportTestimonialList
{
  GObject                   parent_instance;

  RapportStore             *store;
  RapportReader            *reader;
  GCancellable             *loading;   /* the read running, if any */
  GPtrArray                *items;     /* RapportTestimonial, newest first */
  GHashTable               *hidden;    /* ids waiting for their deletion to be confirmed */
  RapportTestimonialFilter  filter;    /* its strings are owned */
  gboolean                  truncated;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RapportTestimonialList, rapport_testimonial_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
rapport_testimonial_list_get_item_type (GListModel *model)
{
  return RAPPORT_TYPE_TESTIMONIAL;
}

static guint
rapport_testimonial_list_get_n_items (GListModel *model)
{
  return RAPPORT_TESTIMONIAL_LIST (model)->items->len;
}

static gpointer
rapport_testimonial_list_get_item (GListModel *model,
                                   guint       position)
{
  RapportTestimonialList *self = RAPPORT_TESTIMONIAL_LIST (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = rapport_testimonial_list_get_item_type;
  iface->get_n_items = rapport_testimonial_list_get_n_items;
  iface->get_item = rapport_testimonial_list_get_item;
}

static void
filter_clear (RapportTestimonialFilter *filter)
{
  g_clear_pointer ((char **) &filter->search, g_free);
  g_clear_pointer ((char **) &filter->tag, g_free);
  g_clear_pointer ((char **) &filter->product, g_free);
  g_clear_pointer ((char **) &filter->permission, g_free);
}

static void
rapport_testimonial_list_finalize (GObject *object)
{
  RapportTestimonialList *self = (RapportTestimonialList *)object;

  /* A read still running sees the cancellation and leaves self alone. */
  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  g_clear_object (&self->reader);
  filter_clear (&self->filter);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->hidden, g_hash_table_unref);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (rapport_testimonial_list_parent_class)->finalize (object);
}

static void
rapport_testimonial_list_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  RapportTestimonialList *self = RAPPORT_TESTIMONIAL_LIST (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, rapport_testimonial_list_get_loading (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_testimonial_list_class_init (RapportTestimonialListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rapport_testimonial_list_finalize;
  object_class->get_property = rapport_testimonial_list_get_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rapport_testimonial_list_init (RapportTestimonialList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->hidden = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

static gint64
id_at (GPtrArray *items,
       guint      i)
{
  return rapport_testimonial_get_id (g_ptr_array_index (items, i));
}

static gboolean
same_row (GPtrArray *a,
          guint      i,
          GPtrArray *b,
          guint      j)
{
  RapportTestimonial *x = g_ptr_array_index (a, i);
  RapportTestimonial *y = g_ptr_array_index (b, j);

  return rapport_testimonial_get_id (x) == rapport_testimonial_get_id (y) &&
         rapport_testimonial_get_rating (x) == rapport_testimonial_get_rating (y) &&
         g_str_equal (rapport_testimonial_get_quote (x), rapport_testimonial_get_quote (y)) &&
         g_str_equal (rapport_testimonial_get_permission (x), rapport_testimonial_get_permission (y)) &&
         g_str_equal (rapport_testimonial_get_tags (x), rapport_testimonial_get_tags (y)) &&
         g_str_equal (rapport_testimonial_get_products (x), rapport_testimonial_get_products (y)) &&
         g_str_equal (rapport_testimonial_get_received_on (x), rapport_testimonial_get_received_on (y)) &&
         g_str_equal (rapport_testimonial_get_source (x), rapport_testimonial_get_source (y)) &&
         g_str_equal (rapport_testimonial_get_customer_name (x),
                      rapport_testimonial_get_customer_name (y)) &&
         g_str_equal (rapport_testimonial_get_company (x), rapport_testimonial_get_company (y));
}

/* The book changes often for other reasons (a follow-up done, a contact
 * logged): views hear only about the rows that differ, so scrolling stays
 * where it was. */
static void
replace_items (RapportTestimonialList *self,
               GPtrArray              *items)
{
  g_autoptr(GPtrArray) old = g_steal_pointer (&self->items);
  guint n_old = old->len;
  guint n_new = items->len;
  guint prefix = 0;
  guint suffix = 0;

  self->items = g_ptr_array_ref (items);

  while (prefix < n_old && prefix < n_new && same_row (old, prefix, items, prefix))
    prefix++;
  while (suffix < n_old - prefix && suffix < n_new - prefix &&
         same_row (old, n_old - 1 - suffix, items, n_new - 1 - suffix))
    suffix++;

  if (prefix == n_old && prefix == n_new)
    return;
  g_list_model_items_changed (G_LIST_MODEL (self), prefix, n_old - prefix - suffix,
                              n_new - prefix - suffix);
}

/* One read: the filters it was asked with, and what it found. */
typedef struct
{
  RapportTestimonialFilter  filter;  /* its strings are owned */
  GPtrArray                *found;
} Read;

static void
read_free (Read *read)
{
  filter_clear (&read->filter);
  g_clear_pointer (&read->found, g_ptr_array_unref);
  g_free (read);
}

static gboolean
read_thread (RapportStore  *reader,
             gpointer       data,
             GError       **error)
{
  Read *read = data;

  /* One more than the limit tells whether the limit cut the list. */
  read->found = rapport_testimonial_query (reader, &read->filter,
                                           RAPPORT_TESTIMONIAL_QUERY_LIMIT + 1, error);
  return read->found != NULL;
}

static void
read_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  RapportTestimonialList *self;
  GPtrArray *found;
  Read *read;
  guint kept = 0;

  read = rapport_reader_run_finish (RAPPORT_READER (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;  /* a newer read replaced it, or the list is gone */

  self = RAPPORT_TESTIMONIAL_LIST (user_data);
  g_clear_object (&self->loading);
  if (read == NULL)
    {
      g_warning ("Cannot list testimonials: %s", error->message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
      return;
    }

  found = read->found;
  self->truncated = found->len > RAPPORT_TESTIMONIAL_QUERY_LIMIT;
  if (self->truncated)
    g_ptr_array_set_size (found, RAPPORT_TESTIMONIAL_QUERY_LIMIT);

  /* Hidden now, not when the read began: a deletion may have been undone. */
  for (guint i = 0; i < found->len; i++)
    {
      gint64 id = id_at (found, i);

      if (!g_hash_table_contains (self->hidden, &id))
        g_ptr_array_index (found, kept++) = g_ptr_array_index (found, i);
      else
        g_object_unref (g_ptr_array_index (found, i));
    }
  found->len = kept;

  replace_items (self, found);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/**
 * rapport_testimonial_list_refresh:
 *
 * Reads the library again with the current search and filters, in a
 * worker thread; #RapportTestimonialList:loading tells when it is done.
 */
void
rapport_testimonial_list_refresh (RapportTestimonialList *self)
{
  Read *read;

  g_return_if_fail (RAPPORT_IS_TESTIMONIAL_LIST (self));

  read = g_new0 (Read, 1);
  read->filter = self->filter;
  read->filter.search = g_strdup (self->filter.search);
  read->filter.tag = g_strdup (self->filter.tag);
  read->filter.product = g_strdup (self->filter.product);
  read->filter.permission = g_strdup (self->filter.permission);

  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  self->loading = g_cancellable_new ();
  rapport_reader_run_async (self->reader, read_thread, read, (GDestroyNotify) read_free,
                            self->loading, read_done, self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

gboolean
rapport_testimonial_list_get_loading (RapportTestimonialList *self)
{
  g_return_val_if_fail (RAPPORT_IS_TESTIMONIAL_LIST (self), FALSE);

  return self->loading != NULL;
}

RapportTestimonialList *
rapport_testimonial_list_new (RapportStore *store)
{
  RapportTestimonialList *self;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);

  self = g_object_new (RAPPORT_TYPE_TESTIMONIAL_LIST, NULL);
  self->store = g_object_ref (store);
  self->reader = rapport_reader_new (store);
  g_signal_connect_object (store, "changed", G_CALLBACK (rapport_testimonial_list_refresh),
                           self, G_CONNECT_SWAPPED);
  rapport_testimonial_list_refresh (self);
  return self;
}

static gboolean
replace_string (const char **field,
                const char  *value)
{
  if (value != NULL && *value == '\0')
    value = NULL;
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free ((char *) *field);
  *field = g_strdup (value);
  return TRUE;
}

/**
 * rapport_testimonial_list_set_search:
 * @text: (nullable): what the user typed; searched in quotes, tags and
 *   products, every word as a prefix
 */
void
rapport_testimonial_list_set_search (RapportTestimonialList *self,
                                     const char             *text)
{
  g_return_if_fail (RAPPORT_IS_TESTIMONIAL_LIST (self));

  if (replace_string (&self->filter.search, text))
    rapport_testimonial_list_refresh (self);
}

/**
 * rapport_testimonial_list_set_filter:
 * @tag: (nullable): only testimonials with this tag
 * @product: (nullable): only testimonials about this product
 * @min_rating: only testimonials rated this or better; 0: any
 * @permission: (nullable): only testimonials with this permission
 */
void
rapport_testimonial_list_set_filter (RapportTestimonialList *self,
                                     const char             *tag,
                                     const char             *product,
                                     int                     min_rating,
                                     const char             *permission)
{
  gboolean changed = FALSE;

  g_return_if_fail (RAPPORT_IS_TESTIMONIAL_LIST (self));

  changed |= replace_string (&self->filter.tag, tag);
  changed |= replace_string (&self->filter.product, product);
  changed |= replace_string (&self->filter.permission, permission);
  if (self->filter.min_rating != CLAMP (min_rating, 0, 5))
    {
      self->filter.min_rating = CLAMP (min_rating, 0, 5);
      changed = TRUE;
    }
  if (changed)
    rapport_testimonial_list_refresh (self);
}

/**
 * rapport_testimonial_list_get_filter:
 *
 * Returns: (transfer none): the search and filters in force, valid until
 *   the next change
 */
const RapportTestimonialFilter *
rapport_testimonial_list_get_filter (RapportTestimonialList *self)
{
  g_return_val_if_fail (RAPPORT_IS_TESTIMONIAL_LIST (self), NULL);

  return &self->filter;
}

/**
 * rapport_testimonial_list_get_filtered:
 *
 * Whether a search or filter narrows the list, so an empty list means
 * "no results" rather than "no testimonials".
 */
gboolean
rapport_testimonial_list_get_filtered (RapportTestimonialList *self)
{
  g_return_val_if_fail (RAPPORT_IS_TESTIMONIAL_LIST (self), FALSE);

  return self->filter.search != NULL || self->filter.tag != NULL ||
         self->filter.product != NULL || self->filter.min_rating > 0 ||
         self->filter.permission != NULL;
}

/* Whether more testimonials match than the list holds. */
gboolean
rapport_testimonial_list_get_truncated (RapportTestimonialList *self)
{
  g_return_val_if_fail (RAPPORT_IS_TESTIMONIAL_LIST (self), FALSE);

  return self->truncated;
}

/**
 * rapport_testimonial_list_hide:
 *
 * Takes a testimonial out of the list while its deletion can be undone.
 */
void
rapport_testimonial_list_hide (RapportTestimonialList *self,
                               gint64                  id)
{
  g_return_if_fail (RAPPORT_IS_TESTIMONIAL_LIST (self));

  g_hash_table_add (self->hidden, g_memdup2 (&id, sizeof id));
  for (guint i = 0; i < self->items->len; i++)
    if (id_at (self->items, i) == id)
      {
        g_ptr_array_remove_index (self->items, i);
        g_list_model_items_changed (G_LIST_MODEL (self), i, 1, 0);
        return;
      }
}

void
rapport_testimonial_list_unhide (RapportTestimonialList *self,
                                 gint64                  id)
{
  g_return_if_fail (RAPPORT_IS_TESTIMONIAL_LIST (self));

  if (g_hash_table_remove (self->hidden, &id))
    rapport_testimonial_list_refresh (self);
}
