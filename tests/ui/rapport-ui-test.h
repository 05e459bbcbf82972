/* rapport-ui-test.h: set-up shared by the headless UI tests
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

static char *rapport_ui_test_data_dirs;

/* Isolated user folders, but the system's XDG_DATA_DIRS: GTK needs the
 * shared MIME database there to recognise SVG icons, and the icon theme.
 * GTest isolates again for every test case, so each calls the restore. */
static inline void
rapport_ui_test_restore_data_dirs (void)
{
  g_setenv ("XDG_DATA_DIRS", rapport_ui_test_data_dirs, TRUE);
}

static inline void
rapport_ui_test_init (int    *argc,
                      char ***argv)
{
  const char *data_dirs = g_getenv ("XDG_DATA_DIRS");

  rapport_ui_test_data_dirs = g_strdup (data_dirs != NULL ? data_dirs : "/usr/local/share:/usr/share");
  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
}
