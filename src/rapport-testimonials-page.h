/* rapport-testimonials-page.h
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rapport-testimonial-list.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_TESTIMONIALS_PAGE (rapport_testimonials_page_get_type ())

G_DECLARE_FINAL_TYPE (RapportTestimonialsPage, rapport_testimonials_page, RAPPORT, TESTIMONIALS_PAGE, AdwBin)

void                    rapport_testimonials_page_set_store (RapportTestimonialsPage *self,
                                                             RapportStore            *store);
RapportTestimonialList *rapport_testimonials_page_get_list  (RapportTestimonialsPage *self);
gboolean                rapport_testimonials_page_get_loading (RapportTestimonialsPage *self);

G_END_DECLS
