/* rapport-limits.h: how long each text in the book may be
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "rapport-contact.h"

G_BEGIN_DECLS

/* Keep the table in README.md ("Limits") in step with limits[] in
 * rapport-limits.c. */
typedef enum
{
  RAPPORT_LIMIT_NAME,       /* customers, prospects */
  RAPPORT_LIMIT_COMPANY,
  RAPPORT_LIMIT_EMAIL,
  RAPPORT_LIMIT_PHONE,
  RAPPORT_LIMIT_NOTES,      /* customer, referral, referral given, reference use */
  RAPPORT_LIMIT_TAGS,       /* all of a customer's or testimonial's tags together */
  RAPPORT_LIMIT_TAG,        /* one tag */
  RAPPORT_LIMIT_PRODUCT,    /* a sale */
  RAPPORT_LIMIT_PRODUCTS,   /* a testimonial's products */
  RAPPORT_LIMIT_SUMMARY,    /* a contact (interaction) */
  RAPPORT_LIMIT_QUOTE,      /* a testimonial */
  RAPPORT_LIMIT_GIVEN_TO,   /* a referral given, a reference use */
  RAPPORT_LIMIT_REASON,     /* a follow-up of the user's own */
  RAPPORT_N_LIMITS
} RapportLimit;

guint    rapport_limit_max            (RapportLimit           limit);
gboolean rapport_limit_check          (RapportLimit           limit,
                                       const char            *value,
                                       GError               **error);
gboolean rapport_limit_check_tags     (RapportLimit           limit,
                                       const char            *tags,
                                       GError               **error);
gboolean rapport_limits_check_contact (const RapportContact  *contact,
                                       GError               **error);

G_END_DECLS
