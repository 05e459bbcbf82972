/* rapport-customer-card.h: a customer's address-book side in the book
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rapport-contact.h"
#include "rapport-store.h"

G_BEGIN_DECLS

/* At most this many values of one kind, and unknown properties, per card:
 * a hostile file with 100,000 emails on one card is trimmed, with a note. */
#define RAPPORT_CARD_MAX_VALUES 100
#define RAPPORT_CARD_MAX_EXTRA 200
/* A photo larger than this is not kept (the summary says so). */
#define RAPPORT_CARD_MAX_PHOTO (1024 * 1024)

GPtrArray      *rapport_customer_card_read_all     (RapportStore   *store,
                                                    GError        **error);
RapportContact *rapport_customer_card_read         (RapportStore   *store,
                                                    gint64          id,
                                                    GError        **error);
GPtrArray      *rapport_customer_card_read_values  (RapportStore   *store,
                                                    gint64          id,
                                                    GError        **error);
GBytes         *rapport_customer_card_read_photo   (RapportStore   *store,
                                                    gint64          id,
                                                    char          **media_type,
                                                    GError        **error);
gboolean        rapport_customer_card_write_values (RapportStore   *store,
                                                    gint64          id,
                                                    GPtrArray      *values,
                                                    GError        **error);
gboolean        rapport_customer_card_write_extra  (RapportStore   *store,
                                                    gint64          id,
                                                    GPtrArray      *extra,
                                                    GError        **error);
gboolean        rapport_customer_card_write_photo  (RapportStore   *store,
                                                    gint64          id,
                                                    GBytes         *photo,
                                                    const char     *media_type,
                                                    GError        **error);

G_END_DECLS
