/* bench-bare-list.h: the customers' names, read lazily, as bare as a list gets
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define BENCH_TYPE_BARE_LIST (bench_bare_list_get_type ())
G_DECLARE_FINAL_TYPE (BenchBareList, bench_bare_list, BENCH, BARE_LIST, GObject)

BenchBareList *bench_bare_list_new (const char  *path,
                                    GError     **error);

G_END_DECLS
