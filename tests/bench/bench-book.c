/* bench-book.c: a scratch copy of a book for a benchmark that writes to it
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

#include "bench-book.h"

/**
 * bench_book_copy:
 * @book: a book from gen-book, left as it is
 *
 * Exits with a message if the copy cannot be made.
 *
 * Returns: (transfer full): the copy, "rapport.db" in a folder of its own
 */
char *
bench_book_copy (const char *book)
{
  g_autoptr(GFile) source = g_file_new_for_path (book);
  g_autoptr(GFile) target = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;

  dir = g_dir_make_tmp ("rapport-bench-XXXXXX", &error);
  if (dir != NULL)
    {
      path = g_build_filename (dir, "rapport.db", NULL);
      target = g_file_new_for_path (path);
      g_file_copy (source, target, G_FILE_COPY_NONE, NULL, NULL, NULL, &error);
    }
  if (error != NULL)
    {
      fprintf (stderr, "Cannot copy %s: %s\n", book, error->message);
      if (dir != NULL)
        g_rmdir (dir);
      exit (EXIT_FAILURE);
    }
  return g_steal_pointer (&path);
}

/* The copy, its WAL and shared memory, and its folder. */
void
bench_book_remove (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  static const char *suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
  g_rmdir (dir);
}
