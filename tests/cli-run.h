/* cli-run.h: the built rapport binary, run as a user's shell would run it
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

GSubprocessLauncher *cli_run_launcher_new (GSubprocessFlags      flags);
int                  cli_run_to_end       (GSubprocessLauncher  *launcher,
                                           const char * const   *argv,
                                           GBytes               *input,
                                           char                **out,
                                           char                **err);

G_END_DECLS
