/* rapport-photo-cache.h
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "rapport-store.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_PHOTO_CACHE (rapport_photo_cache_get_type ())

G_DECLARE_FINAL_TYPE (RapportPhotoCache, rapport_photo_cache, RAPPORT, PHOTO_CACHE, GObject)

/* Avatars are at most 64 pixels wide; twice that stays sharp at scale 2. */
#define RAPPORT_PHOTO_SIZE 128

RapportPhotoCache *rapport_photo_cache_new    (RapportStore      *store);
GdkPaintable      *rapport_photo_cache_lookup (RapportPhotoCache *self,
                                               gint64             customer_id);
GdkTexture        *rapport_photo_texture_new  (GBytes            *bytes,
                                               int                size,
                                               GError           **error);

G_END_DECLS
