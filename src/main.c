/* main.c
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rapport-application.h"
#include "rapport-locale.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(RapportApplication) app = NULL;

  rapport_locale_init ();

  app = rapport_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
