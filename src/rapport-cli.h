/* rapport-cli.h: the command-line operations that need no display
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void     rapport_cli_add_options          (GApplication *app);
int      rapport_cli_handle_local_options (GVariantDict *options);
gboolean rapport_cli_wants_local          (GVariantDict *options);
int      rapport_cli_run                  (GVariantDict *options);

G_END_DECLS
