/* test-tag-cadence.c: cadences that come with a tag
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rapport-tag-cadence.h"

static void
test_tag_cadence (void)
{
  g_autofree char *path = rapport_store_default_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportStore) store = rapport_store_open (path, &error);
  g_autoptr(GPtrArray) cadences = NULL;
  RapportTagCadence *vip;

  g_assert_true (rapport_tag_cadence_set (store, " VIP ", 30, 45, &error));
  g_assert_true (rapport_tag_cadence_set (store, "partner", 45, 60, &error));
  /* Setting again replaces. */
  g_assert_true (rapport_tag_cadence_set (store, "vip", 21, 30, &error));

  g_assert_false (rapport_tag_cadence_set (store, "a;b", 10, 20, &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (rapport_tag_cadence_set (store, "late", 30, 10, &error));
  g_assert_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_INVALID);
  g_clear_error (&error);

  cadences = rapport_tag_cadence_list (store, &error);
  g_assert_cmpuint (cadences->len, ==, 2);
  vip = g_ptr_array_index (cadences, 1);
  g_assert_cmpstr (vip->tag, ==, "vip");
  g_assert_cmpint (vip->ideal_days, ==, 21);
  g_assert_cmpint (vip->latest_days, ==, 30);

  g_assert_true (rapport_tag_cadence_remove (store, "partner", &error));
  g_clear_pointer (&cadences, g_ptr_array_unref);
  cadences = rapport_tag_cadence_list (store, &error);
  g_assert_cmpuint (cadences->len, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/tag-cadence/set-list-remove", test_tag_cadence);

  return g_test_run ();
}
