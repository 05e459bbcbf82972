/* bench-book.h: a scratch copy of a book for a benchmark that writes to it
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *bench_book_copy   (const char *book);
void  bench_book_remove (const char *path);

G_END_DECLS
