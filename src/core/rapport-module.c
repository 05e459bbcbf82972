/* rapport-module.c: where Rapport's loadable modules are
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The windows (rapport-gui) and evolution-data-server's side
 * (rapport-eds) are modules, loaded when they are needed, so that a start
 * that does not need them does not pay for their libraries.
 */

#define G_LOG_DOMAIN "rapport-module"

#include "config.h"

#include <gmodule.h>

#include "rapport-module.h"

/**
 * rapport_module_dup_path:
 * @name: the module's name, "rapport-gui"
 *
 * In RAPPORT_MODULE_DIR when that is set (tests whose binary is not the
 * build tree's rapport); beside the running binary when it is there (the
 * build tree); else where they are installed, libdir/rapport.
 *
 * Returns: (transfer full): the file to load
 */
char *
rapport_module_dup_path (const char *name)
{
  const char *dir = g_getenv ("RAPPORT_MODULE_DIR");
  g_autofree char *self = NULL;

  g_return_val_if_fail (name != NULL, NULL);

  if (dir != NULL && *dir != '\0')
    return g_module_build_path (dir, name);

  self = g_file_read_link ("/proc/self/exe", NULL);
  if (self != NULL)
    {
      g_autofree char *self_dir = g_path_get_dirname (self);
      g_autofree char *beside = g_module_build_path (self_dir, name);

      if (g_file_test (beside, G_FILE_TEST_EXISTS))
        return g_steal_pointer (&beside);
    }
  return g_module_build_path (RAPPORT_MODULEDIR, name);
}
