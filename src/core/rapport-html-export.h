/* rapport-html-export.h: public testimonials as a printable page for sales material
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rapport-testimonial.h"

G_BEGIN_DECLS

char     *rapport_html_escape         (const char                     *text);
char     *rapport_html_export_render  (RapportStore                   *store,
                                       const RapportTestimonialFilter *filter,
                                       GError                        **error);
char     *rapport_html_export_page    (RapportStore                   *store,
                                       GError                        **error);
gboolean  rapport_html_export         (RapportStore                   *store,
                                       const char                     *path,
                                       const RapportTestimonialFilter *filter,
                                       GError                        **error);

G_END_DECLS
