/* main.c: the command line here, the windows in a module loaded on demand
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `rapport --due` and the other book operations need neither GTK nor the
 * desktop's address books, and loading those libraries costs more CPU than
 * the operation itself (some 40 ms at every start).  So this binary links
 * only the core, the nudger and sync; the application with its windows is
 * the rapport-gui module, loaded when the command line asks for more than
 * a book operation (see rapport_module_dup_path () for where it is).
 */

#define G_LOG_DOMAIN "rapport"

#include "config.h"

#include <glib/gi18n.h>
#include <gmodule.h>

#include "rapport-cli.h"
#include "rapport-locale.h"
#include "rapport-module.h"

typedef int (*RapportGuiMain) (int argc, char *argv[]);

static int
on_handle_local_options (GApplication *app,
                         GVariantDict *options,
                         gboolean     *wants_gui)
{
  int status = rapport_cli_handle_local_options (options);

  if (status >= 0)
    return status;

  *wants_gui = TRUE;
  return 0;
}

/* The options parsed as the application parses them (--help alike), but
 * by a GApplication that links no GTK and never registers. */
static int
run_local (int       argc,
           char     *argv[],
           gboolean *wants_gui)
{
  g_autoptr(GApplication) app = g_application_new (APP_ID, G_APPLICATION_HANDLES_COMMAND_LINE);

  rapport_cli_add_options (app);
  g_signal_connect (app, "handle-local-options", G_CALLBACK (on_handle_local_options), wants_gui);
  return g_application_run (app, argc, argv);
}

static int
run_gui (int   argc,
         char *argv[])
{
  g_autofree char *path = rapport_module_dup_path ("rapport-gui");
  GModule *module;
  RapportGuiMain gui_main;

  module = g_module_open (path, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
  if (module == NULL)
    {
      /* Translators: %s says which file and why */
      g_printerr (_("rapport: cannot load the windows: %s\n"), g_module_error ());
      return 1;
    }
  if (!g_module_symbol (module, "rapport_gui_main", (gpointer *) &gui_main))
    {
      g_printerr (_("rapport: cannot load the windows: %s\n"), g_module_error ());
      return 1;
    }
  /* Its types stay registered until the process ends. */
  g_module_make_resident (module);
  return gui_main (argc, argv);
}

int
main (int   argc,
      char *argv[])
{
  gboolean wants_gui = FALSE;
  int status;

  rapport_locale_init ();

  status = run_local (argc, argv, &wants_gui);
  if (!wants_gui)
    return status;
  return run_gui (argc, argv);
}
