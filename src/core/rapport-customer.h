/* rapport-customer.h: one customer of the book
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rapport-store.h"
#include "rapport-urgency.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_CUSTOMER (rapport_customer_get_type ())

G_DECLARE_FINAL_TYPE (RapportCustomer, rapport_customer, RAPPORT, CUSTOMER, GObject)

RapportCustomer *rapport_customer_new               (void);
RapportCustomer *rapport_customer_new_placeholder   (gint64            id);
gboolean         rapport_customer_is_placeholder    (RapportCustomer  *self);
GPtrArray       *rapport_customer_read_many         (sqlite3          *db,
                                                     const gint64     *ids,
                                                     guint             n_ids,
                                                     GError          **error);
void             rapport_customer_update_from       (RapportCustomer  *self,
                                                     RapportCustomer  *read);
RapportCustomer *rapport_customer_load              (RapportStore     *store,
                                                     gint64            id,
                                                     GError          **error);
gboolean         rapport_customer_reload            (RapportCustomer  *self,
                                                     RapportStore     *store,
                                                     GError          **error);
gboolean         rapport_customer_save              (RapportCustomer  *self,
                                                     RapportStore     *store,
                                                     GError          **error);
gboolean         rapport_customer_delete            (RapportStore     *store,
                                                     gint64            id,
                                                     GError          **error);
gint64           rapport_customer_count             (RapportStore     *store,
                                                     GError          **error);

gint64           rapport_customer_get_id            (RapportCustomer  *self);
gboolean         rapport_customer_get_has_photo     (RapportCustomer  *self);
const char      *rapport_customer_get_uid           (RapportCustomer  *self);
GPtrArray       *rapport_customer_get_values        (RapportCustomer  *self);
void             rapport_customer_set_values        (RapportCustomer  *self,
                                                     GPtrArray        *values);
gboolean         rapport_customer_load_values       (RapportCustomer  *self,
                                                     RapportStore     *store,
                                                     GError          **error);
const char      *rapport_customer_get_name          (RapportCustomer  *self);
void             rapport_customer_set_name          (RapportCustomer  *self,
                                                     const char       *name);
const char      *rapport_customer_get_company       (RapportCustomer  *self);
void             rapport_customer_set_company       (RapportCustomer  *self,
                                                     const char       *company);
const char      *rapport_customer_get_email         (RapportCustomer  *self);
void             rapport_customer_set_email         (RapportCustomer  *self,
                                                     const char       *email);
const char      *rapport_customer_get_phone         (RapportCustomer  *self);
void             rapport_customer_set_phone         (RapportCustomer  *self,
                                                     const char       *phone);
const char      *rapport_customer_get_notes         (RapportCustomer  *self);
void             rapport_customer_set_notes         (RapportCustomer  *self,
                                                     const char       *notes);
const char      *rapport_customer_get_tags          (RapportCustomer  *self);
void             rapport_customer_set_tags          (RapportCustomer  *self,
                                                     const char       *tags);
const char      *rapport_customer_get_status        (RapportCustomer  *self);
void             rapport_customer_set_status        (RapportCustomer  *self,
                                                     const char       *status);
const char      *rapport_customer_get_satisfaction  (RapportCustomer  *self);
void             rapport_customer_set_satisfaction  (RapportCustomer  *self,
                                                     const char       *satisfaction);
const char      *rapport_customer_get_reference_kind (RapportCustomer *self);
void             rapport_customer_set_reference_kind (RapportCustomer *self,
                                                     const char       *reference_kind);
const char      *rapport_customer_get_preferred_channel (RapportCustomer *self);
void             rapport_customer_set_preferred_channel (RapportCustomer *self,
                                                     const char       *channel);
int              rapport_customer_get_min_gap_days  (RapportCustomer  *self);
void             rapport_customer_set_min_gap_days  (RapportCustomer  *self,
                                                     int               days);
int              rapport_customer_get_ideal_interval_days  (RapportCustomer *self);
int              rapport_customer_get_latest_interval_days (RapportCustomer *self);
void             rapport_customer_set_cadence       (RapportCustomer  *self,
                                                     int               ideal_days,
                                                     int               latest_days);
gint64           rapport_customer_get_last_contact  (RapportCustomer  *self);
gint64           rapport_customer_get_next_check_in (RapportCustomer  *self);
gint64           rapport_customer_get_overdue_at    (RapportCustomer  *self);
RapportUrgency   rapport_customer_get_urgency       (RapportCustomer  *self,
                                                     gint64            now,
                                                     int               due_soon_days);

char            *rapport_normalize_tags             (const char       *tags);
gboolean         rapport_customer_validate_enum     (const char       *column,
                                                     const char       *value,
                                                     GError          **error);

G_END_DECLS
