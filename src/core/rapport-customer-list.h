/* rapport-customer-list.h: the book's customers as a lazy GListModel
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rapport-customer.h"

G_BEGIN_DECLS

typedef enum
{
  RAPPORT_CUSTOMER_SORT_NAME,
  RAPPORT_CUSTOMER_SORT_LAST_CONTACT,
  RAPPORT_CUSTOMER_SORT_NEXT_CHECK_IN,
} RapportCustomerSort;

#define RAPPORT_TYPE_CUSTOMER_LIST (rapport_customer_list_get_type ())

G_DECLARE_FINAL_TYPE (RapportCustomerList, rapport_customer_list, RAPPORT, CUSTOMER_LIST, GObject)

RapportCustomerList *rapport_customer_list_new          (RapportStore        *store);
RapportCustomerList *rapport_customer_list_new_first_page (RapportStore      *store,
                                                           guint              first);
void                 rapport_customer_list_load_rest    (RapportCustomerList *self);
void                 rapport_customer_list_set_search   (RapportCustomerList *self,
                                                         const char          *text);
void                 rapport_customer_list_set_sort     (RapportCustomerList *self,
                                                         RapportCustomerSort  sort);
void                 rapport_customer_list_set_filter   (RapportCustomerList *self,
                                                         const char          *status,
                                                         const char          *satisfaction,
                                                         const char          *tag,
                                                         gboolean             overdue_only);
gboolean             rapport_customer_list_get_loading  (RapportCustomerList *self);
gboolean             rapport_customer_list_get_filtered (RapportCustomerList *self);
guint                rapport_customer_list_find         (RapportCustomerList *self,
                                                         gint64               id);
void                 rapport_customer_list_hide         (RapportCustomerList *self,
                                                         gint64               id);
void                 rapport_customer_list_unhide       (RapportCustomerList *self,
                                                         gint64               id);
void                 rapport_customer_list_refresh      (RapportCustomerList *self);
char                *rapport_fts_query_from_text        (const char          *text);

G_END_DECLS
