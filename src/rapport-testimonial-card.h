/* rapport-testimonial-card.h
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rapport-testimonial.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_TESTIMONIAL_CARD (rapport_testimonial_card_get_type ())

G_DECLARE_FINAL_TYPE (RapportTestimonialCard, rapport_testimonial_card, RAPPORT, TESTIMONIAL_CARD, GtkWidget)

GtkWidget          *rapport_testimonial_card_new             (void);
RapportTestimonial *rapport_testimonial_card_get_testimonial (RapportTestimonialCard *self);
void                rapport_testimonial_card_set_testimonial (RapportTestimonialCard *self,
                                                              RapportTestimonial     *testimonial);

G_END_DECLS
