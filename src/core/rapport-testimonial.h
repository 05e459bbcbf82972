/* rapport-testimonial.h: what a customer said about the work, and who may read it
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rapport-playbook-settings.h"
#include "rapport-store.h"

G_BEGIN_DECLS

/* What narrows a query of the library; every field may be NULL or 0. */
typedef struct
{
  const char *search;       /* free text, searched in quote, tags and products */
  const char *tag;
  const char *product;
  int         min_rating;   /* 1–5; 0: any, including unrated */
  const char *permission;   /* one permission word */
  gboolean    public_only;  /* only public_named and public_anonymous */
} RapportTestimonialFilter;

#define RAPPORT_TESTIMONIAL_QUERY_LIMIT 2000

extern const char * const rapport_testimonial_sources[];
extern const char * const rapport_testimonial_permissions[];

#define RAPPORT_TYPE_TESTIMONIAL (rapport_testimonial_get_type ())

G_DECLARE_FINAL_TYPE (RapportTestimonial, rapport_testimonial, RAPPORT, TESTIMONIAL, GObject)

/* Return FALSE with @error set to stop a walk of the library. */
typedef gboolean (*RapportTestimonialFunc) (RapportTestimonial  *testimonial,
                                            gpointer             user_data,
                                            GError             **error);

RapportTestimonial *rapport_testimonial_new              (gint64                          customer_id);
RapportTestimonial *rapport_testimonial_load             (RapportStore                   *store,
                                                          gint64                          id,
                                                          GError                        **error);
gboolean            rapport_testimonial_save             (RapportTestimonial             *self,
                                                          RapportStore                   *store,
                                                          const RapportPlaybookSettings  *settings,
                                                          gint64                          now,
                                                          GError                        **error);
gboolean            rapport_testimonial_delete           (RapportStore                   *store,
                                                          gint64                          id,
                                                          const RapportPlaybookSettings  *settings,
                                                          gint64                          now,
                                                          GError                        **error);
GPtrArray          *rapport_testimonial_query            (RapportStore                   *store,
                                                          const RapportTestimonialFilter *filter,
                                                          guint                           limit,
                                                          GError                        **error);
gboolean            rapport_testimonial_foreach          (RapportStore                   *store,
                                                          const RapportTestimonialFilter *filter,
                                                          RapportTestimonialFunc          func,
                                                          gpointer                        user_data,
                                                          GError                        **error);
gint64              rapport_testimonial_count            (RapportStore                   *store,
                                                          const RapportTestimonialFilter *filter,
                                                          GError                        **error);
GStrv               rapport_testimonial_distinct         (RapportStore                   *store,
                                                          const char                     *column,
                                                          GError                        **error);
GListModel         *rapport_testimonial_asks             (RapportStore                   *store,
                                                          GError                        **error);
gint64              rapport_testimonial_open_ask         (RapportStore                   *store,
                                                          gint64                          customer_id,
                                                          GError                        **error);

gint64              rapport_testimonial_get_id           (RapportTestimonial             *self);
gint64              rapport_testimonial_get_customer_id  (RapportTestimonial             *self);
void                rapport_testimonial_set_customer_id  (RapportTestimonial             *self,
                                                          gint64                          customer_id);
const char         *rapport_testimonial_get_customer_name (RapportTestimonial            *self);
const char         *rapport_testimonial_get_company      (RapportTestimonial             *self);
const char         *rapport_testimonial_get_quote        (RapportTestimonial             *self);
void                rapport_testimonial_set_quote        (RapportTestimonial             *self,
                                                          const char                     *quote);
int                 rapport_testimonial_get_rating       (RapportTestimonial             *self);
void                rapport_testimonial_set_rating       (RapportTestimonial             *self,
                                                          int                             rating);
const char         *rapport_testimonial_get_received_on  (RapportTestimonial             *self);
void                rapport_testimonial_set_received_on  (RapportTestimonial             *self,
                                                          const char                     *date);
const char         *rapport_testimonial_get_source       (RapportTestimonial             *self);
void                rapport_testimonial_set_source       (RapportTestimonial             *self,
                                                          const char                     *source);
const char         *rapport_testimonial_get_tags         (RapportTestimonial             *self);
void                rapport_testimonial_set_tags         (RapportTestimonial             *self,
                                                          const char                     *tags);
const char         *rapport_testimonial_get_products     (RapportTestimonial             *self);
void                rapport_testimonial_set_products     (RapportTestimonial             *self,
                                                          const char                     *products);
const char         *rapport_testimonial_get_permission   (RapportTestimonial             *self);
void                rapport_testimonial_set_permission   (RapportTestimonial             *self,
                                                          const char                     *permission);

char               *rapport_normalize_products           (const char                     *products);
char               *rapport_testimonial_stars            (int                             rating);
char               *rapport_testimonial_stars_label      (int                             rating);
const char         *rapport_testimonial_permission_label (const char                     *permission);
const char         *rapport_testimonial_permission_explanation (const char               *permission);
const char         *rapport_testimonial_source_label     (const char                     *source);
char               *rapport_testimonial_ask_mailto       (const char                     *name,
                                                          const char                     *email);

G_END_DECLS
