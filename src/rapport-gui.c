/* rapport-gui.c: the entry of the rapport-gui module, the application with its windows
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * main.c loads this module when the command line asks for the application
 * itself; the core, the nudger and sync it calls are the binary's.
 */

#define G_LOG_DOMAIN "rapport-gui"

#include "config.h"

#include <gmodule.h>

#include "rapport-application.h"

G_MODULE_EXPORT int rapport_gui_main (int   argc,
                                      char *argv[]);

int
rapport_gui_main (int   argc,
                  char *argv[])
{
  g_autoptr(RapportApplication) app = rapport_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
