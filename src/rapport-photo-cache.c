/* rapport-photo-cache.c: customers' photos, decoded small, for their avatars
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A vCard photo may be a megabyte of JPEG, thousands of pixels wide: each
 * is decoded once, scaled down as it is decoded, and kept for the rows
 * that scroll by.  The cache forgets everything when the book changes.
 */

#define G_LOG_DOMAIN "rapport-photo-cache"

#include "config.h"

#include "rapport-customer-card.h"
#include "rapport-photo-cache.h"

/* Rows on screen and some scrolling either way; a texture is ~64 KiB. */
#define CACHE_LIMIT 256

struct _RapportPhotoCache
{
  GObject       parent_instance;

  RapportStore *store;
  GHashTable   *textures;  /* id → GdkTexture, or NULL: no photo */
};

G_DEFINE_FINAL_TYPE (RapportPhotoCache, rapport_photo_cache, G_TYPE_OBJECT)

static void
on_size_prepared (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  gpointer         user_data)
{
  int size = GPOINTER_TO_INT (user_data);
  double scale = (double) size / MIN (width, height);

  /* Cover the square avatar: the shorter side becomes @size. */
  if (scale < 1.0)
    gdk_pixbuf_loader_set_size (loader, MAX (1, (int) (width * scale + 0.5)),
                                MAX (1, (int) (height * scale + 0.5)));
}

/**
 * rapport_photo_texture_new:
 * @bytes: a photo as stored (JPEG, PNG …)
 * @size: how many pixels its shorter side needs at most
 *
 * Returns: (transfer full) (nullable): the photo, scaled down while decoded
 */
GdkTexture *
rapport_photo_texture_new (GBytes  *bytes,
                           int      size,
                           GError **error)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  GdkPixbuf *pixbuf;

  g_return_val_if_fail (bytes != NULL, NULL);

  g_signal_connect (loader, "size-prepared", G_CALLBACK (on_size_prepared), GINT_TO_POINTER (size));
  if (!gdk_pixbuf_loader_write_bytes (loader, bytes, error) || !gdk_pixbuf_loader_close (loader, error))
    {
      gdk_pixbuf_loader_close (loader, NULL);
      return NULL;
    }
  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (pixbuf == NULL)
    {
      g_set_error_literal (error, GDK_PIXBUF_ERROR, GDK_PIXBUF_ERROR_CORRUPT_IMAGE, "No image in the photo");
      return NULL;
    }
  return gdk_texture_new_for_pixbuf (pixbuf);
}

/**
 * rapport_photo_cache_lookup:
 *
 * Returns: (transfer none) (nullable): the customer's photo, or %NULL when
 *   they have none (or it cannot be decoded)
 */
GdkPaintable *
rapport_photo_cache_lookup (RapportPhotoCache *self,
                            gint64             customer_id)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *media_type = NULL;
  GdkTexture *texture = NULL;
  gpointer cached;

  g_return_val_if_fail (RAPPORT_IS_PHOTO_CACHE (self), NULL);

  if (g_hash_table_lookup_extended (self->textures, &customer_id, NULL, &cached))
    return cached;

  /* One lookup by primary key; most customers have no photo. */
  bytes = rapport_customer_card_read_photo (self->store, customer_id, &media_type, &error);
  if (bytes != NULL)
    texture = rapport_photo_texture_new (bytes, RAPPORT_PHOTO_SIZE, &error);
  if (error != NULL)
    g_debug ("No photo for customer %" G_GINT64_FORMAT ": %s", customer_id, error->message);

  if (g_hash_table_size (self->textures) >= CACHE_LIMIT)
    g_hash_table_remove_all (self->textures);
  g_hash_table_insert (self->textures, g_memdup2 (&customer_id, sizeof customer_id), texture);
  return GDK_PAINTABLE (texture);
}

static void
unref_texture (gpointer texture)
{
  if (texture != NULL)
    g_object_unref (texture);
}

static void
forget (RapportPhotoCache *self)
{
  g_hash_table_remove_all (self->textures);
}

static void
rapport_photo_cache_dispose (GObject *object)
{
  RapportPhotoCache *self = (RapportPhotoCache *)object;

  g_clear_object (&self->store);
  g_clear_pointer (&self->textures, g_hash_table_unref);

  G_OBJECT_CLASS (rapport_photo_cache_parent_class)->dispose (object);
}

static void
rapport_photo_cache_class_init (RapportPhotoCacheClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rapport_photo_cache_dispose;
}

static void
rapport_photo_cache_init (RapportPhotoCache *self)
{
  self->textures = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                          unref_texture);
}

RapportPhotoCache *
rapport_photo_cache_new (RapportStore *store)
{
  RapportPhotoCache *self;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);

  self = g_object_new (RAPPORT_TYPE_PHOTO_CACHE, NULL);
  self->store = g_object_ref (store);
  g_signal_connect_object (store, "changed", G_CALLBACK (forget), self, G_CONNECT_SWAPPED);
  return self;
}
