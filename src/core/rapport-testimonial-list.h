/* rapport-testimonial-list.h: the testimonial library as a GListModel
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rapport-testimonial.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_TESTIMONIAL_LIST (rapport_testimonial_list_get_type ())

G_DECLARE_FINAL_TYPE (RapportTestimonialList, rapport_testimonial_list, RAPPORT, TESTIMONIAL_LIST, GObject)

RapportTestimonialList *rapport_testimonial_list_new          (RapportStore           *store);
void                    rapport_testimonial_list_set_search   (RapportTestimonialList *self,
                                                               const char             *text);
void                    rapport_testimonial_list_set_filter   (RapportTestimonialList *self,
                                                               const char             *tag,
                                                               const char             *product,
                                                               int                     min_rating,
                                                               const char             *permission);
const RapportTestimonialFilter *
                        rapport_testimonial_list_get_filter   (RapportTestimonialList *self);
gboolean                rapport_testimonial_list_get_filtered (RapportTestimonialList *self);
gboolean                rapport_testimonial_list_get_truncated (RapportTestimonialList *self);
void                    rapport_testimonial_list_hide         (RapportTestimonialList *self,
                                                               gint64                  id);
void                    rapport_testimonial_list_unhide       (RapportTestimonialList *self,
                                                               gint64                  id);
void                    rapport_testimonial_list_refresh      (RapportTestimonialList *self);
gboolean                rapport_testimonial_list_get_loading  (RapportTestimonialList *self);

G_END_DECLS
