/* rapport-customer-list.c: the book's customers as a lazy GListModel
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The model holds only the ordered ids of the customers that match the
 * search and filters; a customer object exists for the rows a view asks
 * for, so a book of 100,000 costs a few hundred kilobytes of ids and as
 * many objects as rows on screen.  Every read runs in a worker thread on a
 * read-only connection of its own (WAL lets it read while the main
 * connection writes), so neither typing in the search nor scrolling waits
 * on SQLite: the id query reads the first page of customers with the ids,
 * and a row asked for elsewhere gets a placeholder at once, filled in
 * place (rows follow its notifications) when its page has been read.
 */

#define G_LOG_DOMAIN "rapport-customer-list"

#include "config.h"

#include "rapport-agenda.h"
#include "rapport-customer-list.h"
#include "rapport-sqlite.h"
#include "rapport-time.h"

#define CACHE_LIMIT 1024

/* Customers read together: a few screens of rows. */
#define PAGE_SIZE 64

/* At most this many read at once, so the rows on screen come soon. */
#define MAX_READ (4 * PAGE_SIZE)

/* A change of more rows than this reaches views as a removal, then an
 * addition (see replace_ids ()). */
#define BIG_CHANGE 64

/* GTK 4.8's list view keeps a widget for the 200 rows around the one at
 * its top (and for the selected and focused rows), and builds a new one
 * for every new item among them: a search replacing them all at once
 * stalls the main loop for some 200 widgets built and as many destroyed.
 * Such a change is shown in steps (see replace_step ()): the rows a view
 * shows are replaced a few per main-loop iteration, as many as fit in
 * STEP_BUDGET_US, until VIEW_ROWS are; the rest, which no view has
 * widgets for, then changes at once.
 *
 * A widget GTK 4.8 inserts between two others restyles every widget
 * after it (gtk_css_node_reposition () invalidates the style of all the
 * following siblings and their children): a new row above 200 old ones
 * costs the next frame some 15 ms of CSS.  So the steps first remove the
 * old rows below the first KEEP_ROWS, from the bottom, then replace those
 * few, and the new rows after them come in at the end. */
#define VIEW_ROWS 208
#define KEEP_ROWS 32
#define STEP_ROWS_MIN 4
#define STEP_ROWS_MAX 16
#define STEP_BUDGET_US 5000
#define STEP_INTERVAL_MS 16

/* Customers read handed to the rows showing them per frame: each row
 * lays out and restyles its texts again, some 0.1 ms, and a read brings
 * up to MAX_READ at once. */
#define FILL_ROWS 48

typedef struct
{
  char                *fts;
  char                *status;
  char                *satisfaction;
  char                *tag;
  gboolean             overdue_only;
  RapportCustomerSort  sort;
} Query;

struct _RapportCustomerList
{
  GObject        parent_instance;

  RapportStore  *store;
  GArray        *ids;         /* gint64, in display order */
  GHashTable    *cache;       /* id → RapportCustomer, as read */
  GHashTable    *unread;      /* id → RapportCustomer: placeholders given out */
  GArray        *wanted;      /* ids for the next page read */
  GHashTable    *asked;       /* ids wanted or being read */
  GHashTable    *hidden;      /* ids waiting for their deletion to be confirmed */
  Query          query;

  sqlite3       *reader;      /* used by one worker at a time */
  GMutex         reader_lock;
  guint          generation;  /* results of older queries are dropped */
  guint          book_epoch;  /* counts the book's changes */
  guint          cache_epoch; /* the change the cache was read after */
  gboolean       running;
  gboolean       pending;
  gboolean       held;        /* showing the first page; the rest waits */
  GArray        *held_ids;    /* the rest, read but not shown yet */
  gboolean       reading_page;
  GPtrArray     *arrived;     /* read, for placeholders, not handed over yet */
  guint          fill_source;
  GArray        *target;      /* the ids being shown in steps, or NULL */
  guint          step_source;
  gboolean       step_at_idle; /* step_source is an idle, not a timeout */
  guint          staged;      /* rows the steps added so far */
  guint          step_rows;   /* rows the next step replaces */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RapportCustomerList, rapport_customer_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_LOADING,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
query_clear (Query *query)
{
  g_clear_pointer (&query->fts, g_free);
  g_clear_pointer (&query->status, g_free);
  g_clear_pointer (&query->satisfaction, g_free);
  g_clear_pointer (&query->tag, g_free);
}

static Query *
query_copy (const Query *query)
{
  Query *copy = g_new0 (Query, 1);

  copy->fts = g_strdup (query->fts);
  copy->status = g_strdup (query->status);
  copy->satisfaction = g_strdup (query->satisfaction);
  copy->tag = g_strdup (query->tag);
  copy->overdue_only = query->overdue_only;
  copy->sort = query->sort;
  return copy;
}

static void
query_free (Query *query)
{
  query_clear (query);
  g_free (query);
}

/**
 * rapport_fts_query_from_text:
 * @text: what the user typed
 *
 * Turns free text into an FTS5 query in which every word is a quoted
 * prefix ("ada"* "lov"*), so quotes, AND, NEAR or colons typed by the user
 * are searched for, never interpreted.
 *
 * Returns: (nullable): the query, or %NULL when @text has no word to search
 */
char *
rapport_fts_query_from_text (const char *text)
{
  g_auto(GStrv) words = NULL;
  g_autoptr(GString) query = g_string_new (NULL);

  if (text == NULL)
    return NULL;

  words = g_strsplit_set (text, " \t\n\r", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      gboolean has_alnum = FALSE;

      for (const char *p = words[i]; *p && !has_alnum; p = g_utf8_next_char (p))
        has_alnum = g_unichar_isalnum (g_utf8_get_char (p));
      if (!has_alnum)
        continue;

      if (query->len > 0)
        g_string_append_c (query, ' ');
      g_string_append_c (query, '"');
      for (const char *p = words[i]; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (query, '"');
          g_string_append_c (query, *p);
        }
      g_string_append (query, "\"*");
    }

  if (query->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&query), FALSE);
}

/* The SQL is assembled from constant fragments only; every value the user
 * chose is a bound parameter. */
static const char *
order_clause (RapportCustomerSort sort)
{
  switch (sort)
    {
    case RAPPORT_CUSTOMER_SORT_LAST_CONTACT:
      return " ORDER BY (SELECT max (happened_at) FROM interaction i WHERE i.customer_id = c.id)"
             " DESC NULLS LAST, c.name COLLATE NOCASE, c.id";
    case RAPPORT_CUSTOMER_SORT_NEXT_CHECK_IN:
      return " ORDER BY (SELECT min (coalesce (f.snoozed_until, f.due_at)) FROM follow_up f"
             "  WHERE f.customer_id = c.id AND f.state IN ('due', 'snoozed'))"
             " ASC NULLS LAST, c.name COLLATE NOCASE, c.id";
    case RAPPORT_CUSTOMER_SORT_NAME:
    default:
      return " ORDER BY c.name COLLATE NOCASE, c.id";
    }
}

static char *
build_sql (const Query *query)
{
  return g_strconcat ("SELECT c.id FROM customer c WHERE 1",
                      query->fts != NULL
                        ? " AND c.id IN (SELECT rowid FROM customer_fts WHERE customer_fts MATCH ?1)"
                        : "",
                      query->status != NULL ? " AND c.status = ?2" : "",
                      query->satisfaction != NULL ? " AND c.satisfaction = ?3" : "",
                      query->tag != NULL ? " AND ';' || c.tags || ';' LIKE '%;' || ?4 || ';%'" : "",
                      query->overdue_only
                        ? " AND EXISTS (SELECT 1 FROM follow_up f WHERE f.customer_id = c.id"
                          "   AND f.state IN ('due', 'snoozed')"
                          "   AND CASE WHEN f.snoozed_until IS NOT NULL THEN f.snoozed_until < ?6"
                          "            WHEN f.overdue_at IS NOT NULL THEN f.overdue_at <= ?5"
                          "            ELSE f.due_at < ?6 END)"
                        : "",
                      order_clause (query->sort),
                      NULL);
}

/* @limit: at most this many ids, or 0 for all of them */
static GArray *
run_query (sqlite3      *db,
           const Query  *query,
           guint         limit,
           GError      **error)
{
  g_autofree char *all = build_sql (query);
  g_autofree char *sql = limit > 0 ? g_strconcat (all, " LIMIT ?7", NULL) : g_steal_pointer (&all);
  g_autoptr(GArray) ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), limit > 0 ? limit : 1024);
  gint64 now = rapport_time_now ();
  gint64 today_start = rapport_agenda_end_of_today (now) + 1 - RAPPORT_SECONDS_PER_DAY;
  g_autofree char *now_text = rapport_time_format_utc (now);
  g_autofree char *today_text = rapport_time_format_utc (today_start);
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, query->fts, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, query->status, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, query->satisfaction, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, query->tag, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, now_text, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, today_text, -1, SQLITE_STATIC);
      if (limit > 0)
        sqlite3_bind_int64 (stmt, 7, limit);

      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);
          g_array_append_val (ids, id);
        }
    }
  sqlite3_finalize (stmt);

  if (rc == SQLITE_INTERRUPT)
    {
      /* A newer search replaced this one. */
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "interrupted");
      return NULL;
    }
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_FAILED,
                   "%s", sqlite3_errstr (rc));
      return NULL;
    }
  return g_steal_pointer (&ids);
}

/* With the reader lock held. */
static gboolean
ensure_reader (RapportCustomerList  *self,
               GError              **error)
{
  int rc;

  if (self->reader != NULL)
    return TRUE;

  rc = rapport_sqlite_open (rapport_store_get_path (self->store), &self->reader,
                            SQLITE_OPEN_READONLY);
  if (rc != SQLITE_OK)
    {
      /* Not hardened, not used: opened again next time. */
      g_clear_pointer (&self->reader, sqlite3_close_v2);
      /* A newer search interrupted the opening itself. */
      if (rc == SQLITE_INTERRUPT)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "interrupted");
      else
        g_set_error (error, RAPPORT_STORE_ERROR, RAPPORT_STORE_ERROR_IO, "%s", sqlite3_errstr (rc));
      return FALSE;
    }
  rapport_sqlite_wait_when_busy (self->reader, 5000);
  /* Its reads walk an index once, front to back: SQLite's 2 MB page
   * cache would only keep pages the system's file cache holds anyway. */
  sqlite3_exec (self->reader, "PRAGMA cache_size = -256", NULL, NULL, NULL);
  return TRUE;
}

typedef struct
{
  Query  *query;
  GArray *reread;    /* ids of customers views show, when the book changed */
  guint   epoch;
} QueryJob;

typedef struct
{
  GArray    *ids;
  GPtrArray *customers;  /* the first page and the reread, as read */
} QueryResult;

static void
query_job_free (QueryJob *job)
{
  query_free (job->query);
  g_clear_pointer (&job->reread, g_array_unref);
  g_free (job);
}

static void
query_result_free (QueryResult *result)
{
  g_clear_pointer (&result->ids, g_array_unref);
  g_clear_pointer (&result->customers, g_ptr_array_unref);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QueryResult, query_result_free)

static void
query_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  RapportCustomerList *self = source_object;
  QueryJob *job = task_data;
  g_autoptr(QueryResult) result = g_new0 (QueryResult, 1);
  g_autoptr(GArray) first = NULL;
  g_autoptr(GError) error = NULL;

  g_mutex_lock (&self->reader_lock);
  if (ensure_reader (self, &error) &&
      (result->ids = run_query (self->reader, job->query, 0, &error)) != NULL)
    {
      /* The rows a view shows first come with the ids: no placeholders. */
      first = g_array_sized_new (FALSE, FALSE, sizeof (gint64), PAGE_SIZE);
      g_array_append_vals (first, result->ids->data, MIN (result->ids->len, PAGE_SIZE));
      if (job->reread != NULL)
        g_array_append_vals (first, job->reread->data, job->reread->len);
      result->customers = rapport_customer_read_many (self->reader, (const gint64 *) first->data,
                                                      first->len, &error);
    }
  g_mutex_unlock (&self->reader_lock);

  if (result->customers == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_steal_pointer (&result), (GDestroyNotify) query_result_free);
}

static void start_query (RapportCustomerList *self);

static void
drop_hidden (RapportCustomerList *self,
             GArray              *ids)
{
  guint kept = 0;

  if (g_hash_table_size (self->hidden) == 0)
    return;

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);

      if (!g_hash_table_contains (self->hidden, &id))
        g_array_index (ids, gint64, kept++) = id;
    }
  g_array_set_size (ids, kept);
}

/* Drops the customers only the cache holds, when the cache is full or
 * the book changed; those views show stay, to be updated in place. */
static void
drop_unshown (RapportCustomerList *self)
{
  GHashTableIter iter;
  gpointer customer;

  g_hash_table_iter_init (&iter, self->cache);
  while (g_hash_table_iter_next (&iter, NULL, &customer))
    if (G_OBJECT (customer)->ref_count == 1)
      g_hash_table_iter_remove (&iter);
}

static void
cache_insert (RapportCustomerList *self,
              RapportCustomer     *customer)
{
  gint64 id = rapport_customer_get_id (customer);

  if (g_hash_table_size (self->cache) >= CACHE_LIMIT)
    drop_unshown (self);
  g_hash_table_insert (self->cache, g_memdup2 (&id, sizeof id), g_object_ref (customer));
}

/* A customer as read: the object views show (a placeholder or an older
 * read) takes its fields, so rows update in place. */
static void
adopt (RapportCustomerList *self,
       RapportCustomer     *read)
{
  gint64 id = rapport_customer_get_id (read);
  RapportCustomer *shown;

  if ((shown = g_hash_table_lookup (self->cache, &id)) != NULL)
    rapport_customer_update_from (shown, read);
  else if ((shown = g_hash_table_lookup (self->unread, &id)) != NULL)
    {
      rapport_customer_update_from (shown, read);
      cache_insert (self, shown);
      g_hash_table_remove (self->unread, &id);
    }
  else
    cache_insert (self, read);
}

/* Hands FILL_ROWS customers read to the placeholders views show, a
 * slice a frame, so a page read does not lay out 200 rows in one. */
static gboolean
fill_step (gpointer data)
{
  RapportCustomerList *self = data;
  guint n = MIN (FILL_ROWS, self->arrived->len);

  for (guint i = 0; i < n; i++)
    {
      RapportCustomer *read = g_ptr_array_index (self->arrived, i);
      gint64 id = rapport_customer_get_id (read);

      g_hash_table_remove (self->asked, &id);
      adopt (self, read);
    }
  g_ptr_array_remove_range (self->arrived, 0, n);
  if (self->arrived->len > 0)
    return G_SOURCE_CONTINUE;
  self->fill_source = 0;
  return G_SOURCE_REMOVE;
}

static void
fill_rows (RapportCustomerList *self)
{
  if (self->fill_source == 0 && fill_step (self) == G_SOURCE_CONTINUE)
    self->fill_source = g_timeout_add (STEP_INTERVAL_MS, fill_step, self);
}

/* Before the book changes: what was read before is shown now, as read
 * before the change (the list then reads what views show again). */
static void
fill_now (RapportCustomerList *self)
{
  g_clear_handle_id (&self->fill_source, g_source_remove);
  while (self->arrived->len > 0)
    fill_step (self);
}

static void read_pages (RapportCustomerList *self);

static void
want (RapportCustomerList *self,
      gint64               id)
{
  if (g_hash_table_contains (self->asked, &id))
    return;
  g_hash_table_add (self->asked, g_memdup2 (&id, sizeof id));
  g_array_append_val (self->wanted, id);
}

/* After a query that read again what views showed when the book changed:
 * what it read is current; what views started showing since is read
 * again; the rest is dropped. */
static void
apply_reread (RapportCustomerList *self,
              QueryJob            *job,
              GPtrArray           *customers)
{
  g_autoptr(GHashTable) fresh = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key, customer;

  for (guint i = 0; i < customers->len; i++)
    {
      gint64 id = rapport_customer_get_id (g_ptr_array_index (customers, i));

      g_hash_table_add (fresh, g_memdup2 (&id, sizeof id));
    }

  g_hash_table_iter_init (&iter, self->cache);
  while (g_hash_table_iter_next (&iter, &key, &customer))
    {
      if (g_hash_table_contains (fresh, key))
        continue;
      if (G_OBJECT (customer)->ref_count > 1)
        {
          /* Shown since the query started, or deleted: read again. */
          g_hash_table_insert (self->unread, g_memdup2 (key, sizeof (gint64)), g_object_ref (customer));
          want (self, *(gint64 *) key);
        }
      g_hash_table_iter_remove (&iter);
    }
  self->cache_epoch = job->epoch;
}

/* Replaces the ids, telling views only about the stretch that changed so
 * an edit or a new customer does not reset scrolling and selection. */
static void
replace_ids (RapportCustomerList *self,
             GArray              *ids)
{
  g_autoptr(GArray) old = self->ids;
  guint prefix = 0;
  guint suffix = 0;
  guint n_old = old->len;
  guint n_new = ids->len;
  guint removed, added;

  while (prefix < n_old && prefix < n_new &&
         g_array_index (old, gint64, prefix) == g_array_index (ids, gint64, prefix))
    prefix++;
  while (suffix < n_old - prefix && suffix < n_new - prefix &&
         g_array_index (old, gint64, n_old - 1 - suffix) == g_array_index (ids, gint64, n_new - 1 - suffix))
    suffix++;

  if (prefix == n_old && prefix == n_new)
    {
      self->ids = g_steal_pointer (&old);
      return;
    }

  removed = n_old - prefix - suffix;
  added = n_new - prefix - suffix;
  if (removed > 0 && added > BIG_CHANGE)
    {
      /* GTK 4.8's list views, when an item they track (the row at the top,
       * the selected one) is among the removed, look for it among all the
       * added: a search replacing 100,000 rows by 60,000 would ask for
       * 60,000 customers.  Removed first, then added, nothing is sought. */
      GArray *kept = g_array_sized_new (FALSE, FALSE, sizeof (gint64), prefix + suffix);

      g_array_append_vals (kept, old->data, prefix);
      g_array_append_vals (kept, &g_array_index (old, gint64, n_old - suffix), suffix);
      self->ids = kept;
      g_list_model_items_changed (G_LIST_MODEL (self), prefix, removed, 0);
      g_array_unref (self->ids);
      self->ids = g_array_ref (ids);
      g_list_model_items_changed (G_LIST_MODEL (self), prefix, 0, added);
    }
  else
    {
      self->ids = g_array_ref (ids);
      g_list_model_items_changed (G_LIST_MODEL (self), prefix, removed, added);
    }
  if (n_old != n_new)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/* Whether a view holds the customer at @position (the cache or the
 * placeholders hold one reference). */
static gboolean
is_shown (RapportCustomerList *self,
          guint                position)
{
  gint64 id = g_array_index (self->ids, gint64, position);
  GObject *customer;

  if ((customer = g_hash_table_lookup (self->cache, &id)) == NULL)
    customer = g_hash_table_lookup (self->unread, &id);
  return customer != NULL && customer->ref_count > 1;
}

/* Whether a view holds a customer at @position or after it. */
static gboolean
is_shown_from (RapportCustomerList *self,
               guint                position)
{
  g_autoptr(GHashTable) held = g_hash_table_new (g_int64_hash, g_int64_equal);
  GHashTable *tables[] = { self->cache, self->unread };
  GHashTableIter iter;
  gpointer key, customer;

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_hash_table_iter_init (&iter, tables[t]);
      while (g_hash_table_iter_next (&iter, &key, &customer))
        if (G_OBJECT (customer)->ref_count > 1)
          g_hash_table_add (held, key);
    }
  for (guint i = position; i < self->ids->len; i++)
    if (g_hash_table_contains (held, &g_array_index (self->ids, gint64, i)))
      return TRUE;
  return FALSE;
}

static void
stop_steps (RapportCustomerList *self)
{
  g_clear_handle_id (&self->step_source, g_source_remove);
  g_clear_pointer (&self->target, g_array_unref);
}

/* A step that only removed old rows below the first screenful needs no
 * frame before the next: it runs as soon as the main loop is idle. */
static gboolean
replace_step (gpointer data)
{
  RapportCustomerList *self = data;
  GArray *ids = self->ids;
  GArray *target = self->target;
  guint prefix = 0, suffix = 0;
  guint removed, added, position, n_removed, n_added;
  gint64 start = g_get_monotonic_time ();
  gint64 elapsed;
  gboolean at_idle;

  while (prefix < ids->len && prefix < target->len &&
         g_array_index (ids, gint64, prefix) == g_array_index (target, gint64, prefix))
    prefix++;
  while (suffix < ids->len - prefix && suffix < target->len - prefix &&
         g_array_index (ids, gint64, ids->len - 1 - suffix) ==
         g_array_index (target, gint64, target->len - 1 - suffix))
    suffix++;
  removed = ids->len - prefix - suffix;
  added = target->len - prefix - suffix;

  if (self->staged >= VIEW_ROWS || (removed == 0 && added == 0))
    {
      /* Past the rows views have widgets for: the rest at once. */
      g_autoptr(GArray) rest = g_steal_pointer (&self->target);

      self->step_source = 0;
      replace_ids (self, rest);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
      return G_SOURCE_REMOVE;
    }

  if (removed > KEEP_ROWS)
    {
      /* The old rows past the first screenful go first, from the last. */
      n_removed = MIN (removed - KEEP_ROWS, self->step_rows);
      n_added = 0;
      position = prefix + removed - n_removed;
    }
  else
    {
      n_removed = MIN (removed, self->step_rows);
      n_added = MIN (added, self->step_rows);
      position = prefix;
    }
  g_array_remove_range (ids, position, n_removed);
  g_array_insert_vals (ids, position, &g_array_index (target, gint64, position), n_added);
  self->staged += n_added;
  g_list_model_items_changed (G_LIST_MODEL (self), position, n_removed, n_added);
  if (n_removed != n_added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);

  elapsed = g_get_monotonic_time () - start;
  if (elapsed < STEP_BUDGET_US / 2)
    self->step_rows = MIN (self->step_rows * 2, STEP_ROWS_MAX);
  else if (elapsed > STEP_BUDGET_US)
    self->step_rows = MAX (self->step_rows / 2, STEP_ROWS_MIN);

  at_idle = removed - n_removed > KEEP_ROWS;
  if (self->step_source != 0 && at_idle == self->step_at_idle)
    return G_SOURCE_CONTINUE;

  /* The first step, or one that changes pace: the next from a new source. */
  if (self->step_source != 0 && !at_idle)
    /* Building rows costs more than removing them. */
    self->step_rows = STEP_ROWS_MIN;
  self->step_at_idle = at_idle;
  if (at_idle)
    self->step_source = g_idle_add (replace_step, self);
  else
    /* A step a frame: the frame lays out the rows the step built. */
    self->step_source = g_timeout_add (STEP_INTERVAL_MS, replace_step, self);
  return G_SOURCE_REMOVE;
}

/* Removes the ids at [@position, @position + @n) at once. */
static void
remove_now (RapportCustomerList *self,
            guint                position,
            guint                n)
{
  if (n == 0)
    return;
  g_array_remove_range (self->ids, position, n);
  g_list_model_items_changed (G_LIST_MODEL (self), position, n, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/* Like replace_ids (), but a change to the rows a view shows (or to an
 * empty list, whose view builds rows for the first 200 added) is shown
 * in steps, the first of them now. */
static void
replace_ids_in_steps (RapportCustomerList *self,
                      GArray              *ids)
{
  guint n_old = self->ids->len;
  guint n_new = ids->len;
  guint prefix = 0, suffix = 0, removed, added, shown;

  stop_steps (self);
  while (prefix < n_old && prefix < n_new &&
         g_array_index (self->ids, gint64, prefix) == g_array_index (ids, gint64, prefix))
    prefix++;
  while (suffix < n_old - prefix && suffix < n_new - prefix &&
         g_array_index (self->ids, gint64, n_old - 1 - suffix) ==
         g_array_index (ids, gint64, n_new - 1 - suffix))
    suffix++;
  removed = n_old - prefix - suffix;
  added = n_new - prefix - suffix;

  for (shown = prefix; shown < prefix + removed && !is_shown (self, shown); shown++)
    ;
  if (MIN (removed, VIEW_ROWS) + MIN (added, VIEW_ROWS) <= 2 * STEP_ROWS_MIN ||
      (shown == prefix + removed && n_old > 0))
    {
      /* Few rows, or none a view shows: at once. */
      replace_ids (self, ids);
      return;
    }

  /* What goes at once, no view having widgets for it: the rows before
   * the first one shown, and those past the rows a view keeps widgets
   * for.  Only new rows then come into view as the steps remove rows. */
  remove_now (self, prefix, shown - prefix);
  removed -= shown - prefix;
  if (removed > VIEW_ROWS)
    {
      /* And the rows the results end with, unless a view holds one (the
       * selected row): as the steps remove the old rows from the bottom,
       * these would come up among the rows views have widgets for, each
       * built then, and restyled with every new row built above it. */
      guint past = prefix + VIEW_ROWS;

      if (is_shown_from (self, prefix + removed))
        remove_now (self, past, removed - VIEW_ROWS);
      else
        remove_now (self, past, self->ids->len - past);
    }

  self->target = g_array_ref (ids);
  self->staged = 0;
  self->step_rows = STEP_ROWS_MIN;
  replace_step (self);
}

static void
query_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  RapportCustomerList *self = RAPPORT_CUSTOMER_LIST (object);
  QueryJob *job = g_task_get_task_data (G_TASK (result));
  guint generation = GPOINTER_TO_UINT (user_data);
  g_autoptr(QueryResult) read = NULL;
  g_autoptr(GError) error = NULL;

  read = g_task_propagate_pointer (G_TASK (result), &error);
  self->running = FALSE;

  if (read == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Cannot list customers: %s", error->message);
  else if (read != NULL && generation == self->generation)
    {
      if (job->reread != NULL)
        apply_reread (self, job, read->customers);
      for (guint i = 0; i < read->customers->len; i++)
        adopt (self, g_ptr_array_index (read->customers, i));
      if (self->held)
        {
          g_clear_pointer (&self->held_ids, g_array_unref);
          self->held_ids = g_steal_pointer (&read->ids);
        }
      else
        {
          drop_hidden (self, read->ids);
          replace_ids_in_steps (self, read->ids);
        }
      read_pages (self);
    }

  if (self->pending)
    start_query (self);
  else
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* The ids of the customers views show, to read again after a change. */
static GArray *
dup_shown_ids (RapportCustomerList *self)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GHashTableIter iter;
  gpointer key, customer;

  g_hash_table_iter_init (&iter, self->cache);
  while (g_hash_table_iter_next (&iter, &key, &customer))
    if (G_OBJECT (customer)->ref_count > 1)
      g_array_append_val (ids, *(gint64 *) key);
  return ids;
}

static void
start_query (RapportCustomerList *self)
{
  g_autoptr(GTask) task = NULL;
  QueryJob *job;

  g_assert (RAPPORT_IS_CUSTOMER_LIST (self));

  self->generation++;
  self->pending = FALSE;
  /* A search or a change to the book is shown as soon as it is read. */
  self->held = FALSE;
  g_clear_pointer (&self->held_ids, g_array_unref);

  if (self->running)
    {
      /* Let the running query stop early; its result is dropped anyway. */
      self->pending = TRUE;
      if (self->reader != NULL)
        sqlite3_interrupt (self->reader);
      return;
    }

  job = g_new0 (QueryJob, 1);
  job->query = query_copy (&self->query);
  job->epoch = self->book_epoch;
  if (self->cache_epoch != self->book_epoch)
    job->reread = dup_shown_ids (self);

  self->running = TRUE;
  task = g_task_new (self, NULL, query_done, GUINT_TO_POINTER (self->generation));
  g_task_set_source_tag (task, start_query);
  g_task_set_task_data (task, job, (GDestroyNotify) query_job_free);
  g_task_run_in_thread (task, query_thread);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* Pages ---------------------------------------------------------------- */

typedef struct
{
  GArray *ids;
  guint   epoch;
} PageJob;

static void
page_job_free (PageJob *job)
{
  g_array_unref (job->ids);
  g_free (job);
}

static void
page_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  RapportCustomerList *self = source_object;
  PageJob *job = task_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *customers = NULL;

  g_mutex_lock (&self->reader_lock);
  if (ensure_reader (self, &error))
    customers = rapport_customer_read_many (self->reader, (const gint64 *) job->ids->data,
                                            job->ids->len, &error);
  g_mutex_unlock (&self->reader_lock);

  if (customers == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, customers, (GDestroyNotify) g_ptr_array_unref);
}

static void
page_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  RapportCustomerList *self = RAPPORT_CUSTOMER_LIST (object);
  PageJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GPtrArray) customers = NULL;
  g_autoptr(GError) error = NULL;

  customers = g_task_propagate_pointer (G_TASK (result), &error);
  self->reading_page = FALSE;

  /* Those read for the book as it is stay asked until they are shown. */
  if (customers != NULL && job->epoch == self->book_epoch)
    {
      g_autoptr(GHashTable) read = g_hash_table_new (g_int64_hash, g_int64_equal);
      g_autoptr(GArray) read_ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), customers->len);

      for (guint i = 0; i < customers->len; i++)
        {
          RapportCustomer *customer = g_ptr_array_index (customers, i);
          gint64 id = rapport_customer_get_id (customer);

          g_array_append_val (read_ids, id);
          g_ptr_array_add (self->arrived, g_object_ref (customer));
        }
      for (guint i = 0; i < read_ids->len; i++)
        g_hash_table_add (read, &g_array_index (read_ids, gint64, i));
      /* Those not read are no longer in the book: the next query drops them. */
      for (guint i = 0; i < job->ids->len; i++)
        {
          gint64 *id = &g_array_index (job->ids, gint64, i);

          if (!g_hash_table_contains (read, id))
            {
              g_hash_table_remove (self->asked, id);
              g_hash_table_remove (self->unread, id);
            }
        }
      fill_rows (self);
      read_pages (self);
      return;
    }

  for (guint i = 0; i < job->ids->len; i++)
    g_hash_table_remove (self->asked, &g_array_index (job->ids, gint64, i));

  if (customers == NULL)
    {
      /* Interrupted by a newer search: its rows are still wanted. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        for (guint i = 0; i < job->ids->len; i++)
          want (self, g_array_index (job->ids, gint64, i));
      else
        g_warning ("Cannot read customers: %s", error->message);
    }
  else
    {
      /* Read before the book changed: shown for now, read again. */
      for (guint i = 0; i < customers->len; i++)
        {
          RapportCustomer *read = g_ptr_array_index (customers, i);
          gint64 id = rapport_customer_get_id (read);
          RapportCustomer *shown = g_hash_table_lookup (self->unread, &id);

          if (shown != NULL && rapport_customer_is_placeholder (shown))
            rapport_customer_update_from (shown, read);
          if (shown != NULL)
            want (self, id);
        }
    }

  read_pages (self);
}

/* One read at a time; what views ask for meanwhile is read next, together. */
static void
read_pages (RapportCustomerList *self)
{
  g_autoptr(GTask) task = NULL;
  PageJob *job;

  if (self->reading_page || self->wanted->len == 0)
    return;

  job = g_new0 (PageJob, 1);
  job->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), MAX_READ);
  job->epoch = self->book_epoch;

  /* Scrolling fast asks for pages it has left behind by the time they
   * could be read: the latest asked are read first, and of the others
   * only rows still on screen are kept for later. */
  for (guint i = self->wanted->len; i-- > 0;)
    {
      gint64 id = g_array_index (self->wanted, gint64, i);
      RapportCustomer *placeholder = g_hash_table_lookup (self->unread, &id);

      if (job->ids->len < MAX_READ)
        g_array_append_val (job->ids, id);
      else if (placeholder != NULL && G_OBJECT (placeholder)->ref_count > 1)
        continue;
      else
        {
          g_hash_table_remove (self->asked, &id);
          g_hash_table_remove (self->unread, &id);
        }
      g_array_remove_index (self->wanted, i);
    }

  self->reading_page = TRUE;
  task = g_task_new (self, NULL, page_done, NULL);
  g_task_set_source_tag (task, read_pages);
  g_task_set_task_data (task, job, (GDestroyNotify) page_job_free);
  g_task_run_in_thread (task, page_thread);
}

/* The page around @position, but for what is read already. */
static void
want_page (RapportCustomerList *self,
           guint                position)
{
  guint start = position - position % PAGE_SIZE;
  guint end = MIN (start + PAGE_SIZE, self->ids->len);

  for (guint i = start; i < end; i++)
    {
      gint64 id = g_array_index (self->ids, gint64, i);

      if (!g_hash_table_contains (self->cache, &id))
        want (self, id);
    }
  read_pages (self);
}

static GType
rapport_customer_list_get_item_type (GListModel *model)
{
  return RAPPORT_TYPE_CUSTOMER;
}

static guint
rapport_customer_list_get_n_items (GListModel *model)
{
  return RAPPORT_CUSTOMER_LIST (model)->ids->len;
}

static gpointer
rapport_customer_list_get_item (GListModel *model,
                                guint       position)
{
  RapportCustomerList *self = RAPPORT_CUSTOMER_LIST (model);
  RapportCustomer *customer;
  gint64 id;

  if (position >= self->ids->len)
    return NULL;

  id = g_array_index (self->ids, gint64, position);
  if ((customer = g_hash_table_lookup (self->cache, &id)) != NULL ||
      (customer = g_hash_table_lookup (self->unread, &id)) != NULL)
    return g_object_ref (customer);

  /* Never a query here: this runs while GTK lays out a frame. */
  customer = rapport_customer_new_placeholder (id);
  g_hash_table_insert (self->unread, g_memdup2 (&id, sizeof id), g_object_ref (customer));
  want_page (self, position);
  return customer;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = rapport_customer_list_get_item_type;
  iface->get_n_items = rapport_customer_list_get_n_items;
  iface->get_item = rapport_customer_list_get_item;
}

static void
rapport_customer_list_finalize (GObject *object)
{
  RapportCustomerList *self = (RapportCustomerList *)object;

  stop_steps (self);
  g_clear_handle_id (&self->fill_source, g_source_remove);
  g_clear_pointer (&self->arrived, g_ptr_array_unref);
  query_clear (&self->query);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->held_ids, g_array_unref);
  g_clear_pointer (&self->cache, g_hash_table_unref);
  g_clear_pointer (&self->unread, g_hash_table_unref);
  g_clear_pointer (&self->wanted, g_array_unref);
  g_clear_pointer (&self->asked, g_hash_table_unref);
  g_clear_pointer (&self->hidden, g_hash_table_unref);
  g_clear_pointer (&self->reader, sqlite3_close_v2);
  g_mutex_clear (&self->reader_lock);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (rapport_customer_list_parent_class)->finalize (object);
}

static void
rapport_customer_list_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  RapportCustomerList *self = RAPPORT_CUSTOMER_LIST (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, rapport_customer_list_get_loading (self));
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->ids->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_customer_list_class_init (RapportCustomerListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rapport_customer_list_finalize;
  object_class->get_property = rapport_customer_list_get_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rapport_customer_list_init (RapportCustomerList *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->cache = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->unread = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->wanted = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->arrived = g_ptr_array_new_with_free_func (g_object_unref);
  self->asked = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->hidden = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_mutex_init (&self->reader_lock);
}

/**
 * rapport_customer_list_new:
 *
 * Lists the customers of @store and follows its changes.  The first
 * results arrive asynchronously; #RapportCustomerList:loading tells when.
 */
RapportCustomerList *
rapport_customer_list_new (RapportStore *store)
{
  RapportCustomerList *self;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);

  self = g_object_new (RAPPORT_TYPE_CUSTOMER_LIST, NULL);
  self->store = g_object_ref (store);
  g_signal_connect_object (store, "changed", G_CALLBACK (rapport_customer_list_refresh),
                           self, G_CONNECT_SWAPPED);
  start_query (self);
  return self;
}

/**
 * rapport_customer_list_new_first_page:
 * @first: how many customers to show at once
 *
 * Like rapport_customer_list_new (), but the list holds the first @first
 * customers at once, read on the calling thread (a walk of the name index:
 * well under a millisecond over 100,000 customers), and shows the others,
 * read in the worker meanwhile, only when rapport_customer_list_load_rest ()
 * or a new search, sort, filter or change to the book asks.  So a window
 * shows its first screen of rows in its first frame and builds the rows
 * past it afterwards.  The list is loading until then.
 */
RapportCustomerList *
rapport_customer_list_new_first_page (RapportStore *store,
                                      guint         first)
{
  RapportCustomerList *self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) customers = NULL;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);
  g_return_val_if_fail (first > 0, NULL);

  self = g_object_new (RAPPORT_TYPE_CUSTOMER_LIST, NULL);
  self->store = g_object_ref (store);
  g_signal_connect_object (store, "changed", G_CALLBACK (rapport_customer_list_refresh),
                           self, G_CONNECT_SWAPPED);
  start_query (self);

  ids = run_query (rapport_store_get_db (store), &self->query, first, &error);
  if (ids == NULL)
    {
      /* The worker says why, if it fails too. */
      g_debug ("Cannot list the first customers: %s", error->message);
      return self;
    }
  /* Their rows too, so the first frame shows them, not placeholders. */
  customers = rapport_customer_read_many (rapport_store_get_db (store), (const gint64 *) ids->data,
                                          ids->len, &error);
  for (guint i = 0; customers != NULL && i < customers->len; i++)
    adopt (self, g_ptr_array_index (customers, i));
  g_array_unref (self->ids);
  self->ids = g_steal_pointer (&ids);
  /* Fewer than asked for: that is the whole list. */
  self->held = self->ids->len == first;
  return self;
}

/**
 * rapport_customer_list_load_rest:
 *
 * Shows every customer, after rapport_customer_list_new_first_page () showed
 * only the first (at once, or when the worker has read them); does nothing
 * otherwise.
 */
void
rapport_customer_list_load_rest (RapportCustomerList *self)
{
  g_autoptr(GArray) ids = NULL;

  g_return_if_fail (RAPPORT_IS_CUSTOMER_LIST (self));

  if (!self->held)
    return;
  self->held = FALSE;
  ids = g_steal_pointer (&self->held_ids);
  if (ids != NULL)
    {
      drop_hidden (self, ids);
      replace_ids (self, ids);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/**
 * rapport_customer_list_refresh:
 *
 * Reads the list again because the book changed (the store's ::changed
 * signal calls it).
 */
void
rapport_customer_list_refresh (RapportCustomerList *self)
{
  g_return_if_fail (RAPPORT_IS_CUSTOMER_LIST (self));

  /* Not shown, not worth reading again: a view asking for one later
   * gets it read anew. */
  fill_now (self);
  self->book_epoch++;
  drop_unshown (self);
  start_query (self);
}

void
rapport_customer_list_set_search (RapportCustomerList *self,
                                  const char          *text)
{
  g_autofree char *fts = NULL;

  g_return_if_fail (RAPPORT_IS_CUSTOMER_LIST (self));

  fts = rapport_fts_query_from_text (text);
  if (g_strcmp0 (fts, self->query.fts) == 0)
    return;
  g_free (self->query.fts);
  self->query.fts = g_steal_pointer (&fts);
  start_query (self);
}

void
rapport_customer_list_set_sort (RapportCustomerList *self,
                                RapportCustomerSort  sort)
{
  g_return_if_fail (RAPPORT_IS_CUSTOMER_LIST (self));

  if (self->query.sort == sort)
    return;
  self->query.sort = sort;
  start_query (self);
}

static char *
empty_to_null (const char *text)
{
  return text != NULL && *text != '\0' ? g_strdup (text) : NULL;
}

/**
 * rapport_customer_list_set_filter:
 * @status: (nullable): only customers with this status
 * @satisfaction: (nullable): only customers this satisfied
 * @tag: (nullable): only customers carrying this tag
 * @overdue_only: only customers with an overdue check-in
 */
void
rapport_customer_list_set_filter (RapportCustomerList *self,
                                  const char          *status,
                                  const char          *satisfaction,
                                  const char          *tag,
                                  gboolean             overdue_only)
{
  g_return_if_fail (RAPPORT_IS_CUSTOMER_LIST (self));

  g_free (self->query.status);
  self->query.status = empty_to_null (status);
  g_free (self->query.satisfaction);
  self->query.satisfaction = empty_to_null (satisfaction);
  g_free (self->query.tag);
  self->query.tag = tag != NULL ? rapport_normalize_tags (tag) : NULL;
  if (self->query.tag != NULL && *self->query.tag == '\0')
    g_clear_pointer (&self->query.tag, g_free);
  self->query.overdue_only = overdue_only;
  start_query (self);
}

/**
 * rapport_customer_list_get_loading:
 *
 * Whether the list is reading the book, holding all but its first page,
 * or showing the rows of a new search in steps: its size is not final.
 */
gboolean
rapport_customer_list_get_loading (RapportCustomerList *self)
{
  g_return_val_if_fail (RAPPORT_IS_CUSTOMER_LIST (self), FALSE);

  return self->running || self->held || self->target != NULL;
}

/**
 * rapport_customer_list_get_filtered:
 *
 * Whether a search or filter narrows the list, so an empty list means
 * "no results" rather than "no customers".
 */
gboolean
rapport_customer_list_get_filtered (RapportCustomerList *self)
{
  g_return_val_if_fail (RAPPORT_IS_CUSTOMER_LIST (self), FALSE);

  return self->query.fts != NULL || self->query.status != NULL ||
         self->query.satisfaction != NULL || self->query.tag != NULL ||
         self->query.overdue_only;
}

guint
rapport_customer_list_find (RapportCustomerList *self,
                            gint64               id)
{
  g_return_val_if_fail (RAPPORT_IS_CUSTOMER_LIST (self), G_MAXUINT);

  for (guint i = 0; i < self->ids->len; i++)
    if (g_array_index (self->ids, gint64, i) == id)
      return i;
  return G_MAXUINT;
}

/**
 * rapport_customer_list_hide:
 *
 * Takes a customer out of the list while its deletion can still be undone.
 */
void
rapport_customer_list_hide (RapportCustomerList *self,
                            gint64               id)
{
  guint position;

  g_return_if_fail (RAPPORT_IS_CUSTOMER_LIST (self));

  g_hash_table_add (self->hidden, g_memdup2 (&id, sizeof id));
  if (self->target != NULL)
    drop_hidden (self, self->target);
  position = rapport_customer_list_find (self, id);
  if (position == G_MAXUINT)
    return;

  g_array_remove_index (self->ids, position);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

void
rapport_customer_list_unhide (RapportCustomerList *self,
                              gint64               id)
{
  g_return_if_fail (RAPPORT_IS_CUSTOMER_LIST (self));

  if (g_hash_table_remove (self->hidden, &id))
    start_query (self);
}
