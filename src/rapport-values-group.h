/* rapport-values-group.h
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rapport-contact.h"
#include "rapport-customer.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_VALUES_GROUP (rapport_values_group_get_type ())

G_DECLARE_FINAL_TYPE (RapportValuesGroup, rapport_values_group, RAPPORT, VALUES_GROUP, AdwPreferencesGroup)

RapportValueKind rapport_values_group_get_kind     (RapportValuesGroup *self);
void             rapport_values_group_set_customer (RapportValuesGroup *self,
                                                    RapportCustomer    *customer);
void             rapport_values_group_refresh      (RapportValuesGroup *self);

G_END_DECLS
