/* rapport-sale.h: a sale to a customer
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rapport-store.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_SALE (rapport_sale_get_type ())

G_DECLARE_FINAL_TYPE (RapportSale, rapport_sale, RAPPORT, SALE, GObject)

RapportSale *rapport_sale_new                 (gint64        customer_id);
GListModel  *rapport_sale_list_for_customer   (RapportStore *store,
                                               gint64        customer_id,
                                               GError      **error);
gboolean     rapport_sale_save                (RapportSale  *self,
                                               RapportStore *store,
                                               GError      **error);
gboolean     rapport_sale_delete              (RapportSale  *self,
                                               RapportStore *store,
                                               GError      **error);

gint64       rapport_sale_get_id              (RapportSale  *self);
gint64       rapport_sale_get_customer_id     (RapportSale  *self);
const char  *rapport_sale_get_product         (RapportSale  *self);
void         rapport_sale_set_product         (RapportSale  *self,
                                               const char   *product);
gint64       rapport_sale_get_amount_cents    (RapportSale  *self);
void         rapport_sale_set_amount_cents    (RapportSale  *self,
                                               gint64        amount_cents);
const char  *rapport_sale_get_closed_on       (RapportSale  *self);
void         rapport_sale_set_closed_on       (RapportSale  *self,
                                               const char   *date);
const char  *rapport_sale_get_delivered_on    (RapportSale  *self);
void         rapport_sale_set_delivered_on    (RapportSale  *self,
                                               const char   *date);
const char  *rapport_sale_get_referral_prepositioned (RapportSale *self);
void         rapport_sale_set_referral_prepositioned (RapportSale *self,
                                               const char   *answer);
gboolean     rapport_parse_amount             (const char   *text,
                                               gint64       *cents);
char        *rapport_format_amount            (gint64        cents);

G_END_DECLS
