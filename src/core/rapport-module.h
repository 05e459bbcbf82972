/* rapport-module.h: where Rapport's loadable modules are
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *rapport_module_dup_path (const char *name);

G_END_DECLS
