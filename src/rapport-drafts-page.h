/* rapport-drafts-page.h: Preferences → Email Drafts, the user's wording of each script
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define RAPPORT_TYPE_DRAFTS_PAGE (rapport_drafts_page_get_type ())

G_DECLARE_FINAL_TYPE (RapportDraftsPage, rapport_drafts_page, RAPPORT, DRAFTS_PAGE, AdwPreferencesPage)

GtkWidget *rapport_drafts_page_new (GSettings *settings);

G_END_DECLS
