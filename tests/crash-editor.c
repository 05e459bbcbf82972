/* crash-editor.c: edits a book without end, until test-crash kills it
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: crash-editor BOOK.  Adds customers and rewrites their notes,
 * one rapport_customer_save () after another, as a user editing in the
 * window would; prints "ready" after the first save so the test knows
 * writes are under way.  Gives up after a minute in case nobody kills it.
 */

#define G_LOG_DOMAIN "crash-editor"

#include "config.h"

#include <stdio.h>

#include "rapport-customer.h"

static void
save_or_die (RapportCustomer *customer,
             RapportStore    *store)
{
  g_autoptr(GError) error = NULL;

  if (!rapport_customer_save (customer, store, &error))
    g_error ("cannot save: %s", error->message);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(RapportStore) store = NULL;
  g_autoptr(GPtrArray) customers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GString) notes = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  gint64 give_up = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  if (argc != 2)
    g_error ("usage: %s BOOK", argv[0]);
  if ((store = rapport_store_open (argv[1], &error)) == NULL)
    g_error ("cannot open %s: %s", argv[1], error->message);

  for (guint i = 0; g_get_monotonic_time () < give_up; i++)
    {
      RapportCustomer *customer;

      if (i % 4 == 0)
        {
          g_autofree char *name = g_strdup_printf ("Edited customer %u", i);

          customer = rapport_customer_new ();
          rapport_customer_set_name (customer, name);
          g_ptr_array_add (customers, customer);
        }
      else
        customer = g_ptr_array_index (customers, g_random_int_range (0, customers->len));

      /* Notes of up to a few pages, so edits move pages around. */
      g_string_truncate (notes, 0);
      for (guint n = g_random_int_range (1, 600); n > 0; n--)
        g_string_append_printf (notes, "edit %u; ", i);
      rapport_customer_set_notes (customer, notes->str);
      save_or_die (customer, store);

      if (i == 0)
        {
          printf ("ready\n");
          fflush (stdout);
        }
    }
  return 0;
}
