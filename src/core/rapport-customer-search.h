/* rapport-customer-search.h: the few best customers for a search from outside the window
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rapport-store.h"

G_BEGIN_DECLS

/* At most this many results: the desktop shows a handful. */
#define RAPPORT_CUSTOMER_SEARCH_LIMIT 20

typedef struct
{
  gint64  id;
  char   *name;
  char   *company;
  gint64  next_check_in;  /* 0: none */
} RapportCustomerHit;

void       rapport_customer_hit_free      (RapportCustomerHit  *hit);
char      *rapport_customer_search_query  (const char * const  *terms);
GArray    *rapport_customer_search        (RapportStore        *reader,
                                           const char          *fts,
                                           GError             **error);
GPtrArray *rapport_customer_search_hits   (RapportStore        *reader,
                                           const gint64        *ids,
                                           guint                n_ids,
                                           GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportCustomerHit, rapport_customer_hit_free)

G_END_DECLS
