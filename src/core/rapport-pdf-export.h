/* rapport-pdf-export.h: public testimonials as a print-ready PDF for sales material
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rapport-testimonial.h"

G_BEGIN_DECLS

typedef enum
{
  RAPPORT_PAPER_A4,
  RAPPORT_PAPER_LETTER,
} RapportPaper;

/* Called from the exporting thread now and then: @done of @total written. */
typedef void (*RapportPdfProgress) (guint    done,
                                    guint    total,
                                    gpointer user_data);

RapportPaper  rapport_paper_for_locale   (void);
RapportPaper  rapport_paper_from_setting (const char                     *setting);
gboolean      rapport_pdf_export         (RapportStore                   *store,
                                          const char                     *path,
                                          const RapportTestimonialFilter *filter,
                                          RapportPaper                    paper,
                                          RapportPdfProgress              progress,
                                          gpointer                        user_data,
                                          GCancellable                   *cancellable,
                                          GError                        **error);

G_END_DECLS
