/* rapport-testimonial-dialog.h
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rapport-testimonial.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_TESTIMONIAL_DIALOG (rapport_testimonial_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RapportTestimonialDialog, rapport_testimonial_dialog, RAPPORT, TESTIMONIAL_DIALOG, AdwMessageDialog)

RapportTestimonialDialog *rapport_testimonial_dialog_new (RapportStore *store,
                                                          gint64        customer_id);

G_END_DECLS
