/* rapport-search-provider.h: customers in the desktop's search
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rapport-application.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_SEARCH_PROVIDER (rapport_search_provider_get_type ())

G_DECLARE_FINAL_TYPE (RapportSearchProvider, rapport_search_provider, RAPPORT, SEARCH_PROVIDER, GObject)

RapportSearchProvider *rapport_search_provider_new        (RapportApplication     *application);
gboolean               rapport_search_provider_export     (RapportSearchProvider  *self,
                                                           GDBusConnection        *connection,
                                                           const char             *object_path,
                                                           GError                **error);
void                   rapport_search_provider_unexport   (RapportSearchProvider  *self);
void                   rapport_search_provider_close_book (RapportSearchProvider  *self);

G_END_DECLS
