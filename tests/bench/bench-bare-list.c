/* bench-bare-list.c: the customers' names, read lazily, as bare as a list gets
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The floor issue 14 measures Rapport's first frame against: a list model
 * that counts the book's customers and reads a name only when a row asks
 * for it, one statement per item on the main thread, nothing cached.
 */

#include "config.h"

#include <gtk/gtk.h>
#include <sqlite3.h>

#include "bench-bare-list.h"

struct _BenchBareList
{
  GObject       parent_instance;
  sqlite3      *db;
  sqlite3_stmt *name_at;
  guint         n_items;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BenchBareList, bench_bare_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
bench_bare_list_get_item_type (GListModel *model)
{
  return GTK_TYPE_STRING_OBJECT;
}

static guint
bench_bare_list_get_n_items (GListModel *model)
{
  return BENCH_BARE_LIST (model)->n_items;
}

static gpointer
bench_bare_list_get_item (GListModel *model,
                          guint       position)
{
  BenchBareList *self = BENCH_BARE_LIST (model);
  GtkStringObject *item = NULL;

  if (position >= self->n_items)
    return NULL;
  sqlite3_bind_int64 (self->name_at, 1, position);
  if (sqlite3_step (self->name_at) == SQLITE_ROW)
    item = gtk_string_object_new ((const char *) sqlite3_column_text (self->name_at, 0));
  sqlite3_reset (self->name_at);
  return item != NULL ? item : gtk_string_object_new ("");
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = bench_bare_list_get_item_type;
  iface->get_n_items = bench_bare_list_get_n_items;
  iface->get_item = bench_bare_list_get_item;
}

static void
bench_bare_list_finalize (GObject *object)
{
  BenchBareList *self = BENCH_BARE_LIST (object);

  sqlite3_finalize (self->name_at);
  sqlite3_close (self->db);
  G_OBJECT_CLASS (bench_bare_list_parent_class)->finalize (object);
}

static void
bench_bare_list_class_init (BenchBareListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bench_bare_list_finalize;
}

static void
bench_bare_list_init (BenchBareList *self)
{
}

/* Opens the book at @path read-only; the rows come in the order of ids. */
BenchBareList *
bench_bare_list_new (const char  *path,
                     GError     **error)
{
  g_autoptr(BenchBareList) self = g_object_new (BENCH_TYPE_BARE_LIST, NULL);
  sqlite3_stmt *count = NULL;

  if (sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (self->db, "SELECT count(*) FROM customer", -1, &count, NULL) != SQLITE_OK ||
      sqlite3_step (count) != SQLITE_ROW ||
      sqlite3_prepare_v2 (self->db, "SELECT name FROM customer ORDER BY id LIMIT 1 OFFSET ?",
                          -1, &self->name_at, NULL) != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s", path, sqlite3_errmsg (self->db));
      sqlite3_finalize (count);
      return NULL;
    }
  self->n_items = sqlite3_column_int (count, 0);
  sqlite3_finalize (count);
  return g_steal_pointer (&self);
}
