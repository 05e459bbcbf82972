/* rapport-importer.c: customers from a file into the book, all or nothing
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An import runs in one transaction: a file either arrives whole or leaves
 * the book as it was.  Customers are matched by email (ignoring case), both
 * against the book and against earlier rows of the same file, and merged:
 * a non-empty value replaces the stored one, an empty value keeps it, and
 * tags are united.
 */

#define G_LOG_DOMAIN "rapport-importer"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rapport-csv.h"
#include "rapport-importer.h"
#include "rapport-limits.h"
#include "rapport-time.h"
#include "rapport-vcard.h"

/* Marks the follow-up an import scheduled for a customer, so importing the
 * same file again moves that check-in instead of adding a second one. */
#define CHECK_IN_RULE_KEY "import:next_check_in"

typedef GPtrArray *(*RapportReadFunc) (const char  *display_name,
                                       const char  *data,
                                       gsize        length,
                                       GError     **error);

static const struct {
  const char      *extension;
  RapportReadFunc  read;
} readers[] = {
  { "csv", rapport_csv_read },
  { "vcf", rapport_vcard_read },
  { "vcard", rapport_vcard_read },
};

static char *
load_file (const char  *path,
           gsize       *length,
           GError     **error)
{
  g_autofree char *shown = g_filename_display_name (path);
  g_autofree char *data = NULL;
  struct stat st;
  gsize done = 0;
  int fd;

  /* O_NONBLOCK: a FIFO must not hang us before fstat() can refuse it. */
  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK, 0);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, RAPPORT_IMPORT_ERROR, RAPPORT_IMPORT_ERROR_IO,
                   _("Cannot read %s: %s"), shown, g_strerror (saved));
      return NULL;
    }

  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      g_set_error (error, RAPPORT_IMPORT_ERROR, RAPPORT_IMPORT_ERROR_IO,
                   S_ISDIR (st.st_mode) ? _("Cannot import %s: it is a folder, not a file")
                                        : _("Cannot import %s: it is not a regular file"),
                   shown);
      close (fd);
      return NULL;
    }

  if (st.st_size > RAPPORT_IMPORT_MAX_FILE_SIZE)
    {
      g_autofree char *size = g_format_size (st.st_size);
      g_autofree char *limit = g_format_size (RAPPORT_IMPORT_MAX_FILE_SIZE);

      g_set_error (error, RAPPORT_IMPORT_ERROR, RAPPORT_IMPORT_ERROR_IO,
                   _("Cannot import %s: it is %s, more than the limit of %s"), shown, size, limit);
      close (fd);
      return NULL;
    }

  data = g_malloc (st.st_size + 1);
  while (done < (gsize) st.st_size)
    {
      gssize n = read (fd, data + done, st.st_size - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;
          g_set_error (error, RAPPORT_IMPORT_ERROR, RAPPORT_IMPORT_ERROR_IO,
                       _("Cannot read %s: %s"), shown, g_strerror (saved));
          close (fd);
          return NULL;
        }
      if (n == 0)
        break;
      done += n;
    }
  close (fd);

  data[done] = '\0';
  *length = done;
  return g_steal_pointer (&data);
}

/* Texts longer than the book takes are refused here, where the file's
 * name is at hand for the message: "customers.csv:12: Name is too long…". */
static GPtrArray *
check_limits (const char  *display_name,
              GPtrArray   *contacts,
              GError     **error)
{
  g_autoptr(GPtrArray) owned = contacts;

  for (guint i = 0; owned != NULL && i < owned->len; i++)
    {
      RapportContact *contact = g_ptr_array_index (owned, i);
      g_autoptr(GError) local = NULL;

      if (!rapport_limits_check_contact (contact, &local))
        {
          g_set_error (error, RAPPORT_IMPORT_ERROR, RAPPORT_IMPORT_ERROR_INVALID_VALUE,
                       "%s:%u: %s", display_name, contact->line, local->message);
          return NULL;
        }
    }
  return g_steal_pointer (&owned);
}

/**
 * rapport_importer_read_file:
 * @path: a .csv or .vcf file (the extension decides, in any case)
 *
 * Reads the customers in @path.  Messages about its content name the file
 * by its base name and the line ("customers.csv:57: …").
 *
 * Returns: (transfer full): a #GPtrArray of #RapportContact, or %NULL with
 *   a #RAPPORT_IMPORT_ERROR set.
 */
GPtrArray *
rapport_importer_read_file (const char  *path,
                            GError     **error)
{
  g_autofree char *display_name = NULL;
  g_autofree char *extension = NULL;
  g_autofree char *data = NULL;
  const char *dot;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  display_name = g_filename_display_basename (path);
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, RAPPORT_IMPORT_ERROR, RAPPORT_IMPORT_ERROR_IO,
                   _("Cannot import %s: it is a folder, not a file"), display_name);
      return NULL;
    }

  dot = strrchr (display_name, '.');
  if (dot == NULL || dot == display_name || dot[1] == '\0')
    {
      g_set_error (error, RAPPORT_IMPORT_ERROR, RAPPORT_IMPORT_ERROR_FORMAT,
                   _("Cannot import %s: the name has no extension to tell its format "
                     "(use a .csv or .vcf file)"), display_name);
      return NULL;
    }

  extension = g_ascii_strdown (dot + 1, -1);
  for (guint i = 0; i < G_N_ELEMENTS (readers); i++)
    {
      if (strcmp (extension, readers[i].extension) != 0)
        continue;
      if ((data = load_file (path, &length, error)) == NULL)
        return NULL;
      return check_limits (display_name, readers[i].read (display_name, data, length, error), error);
    }

  g_set_error (error, RAPPORT_IMPORT_ERROR, RAPPORT_IMPORT_ERROR_FORMAT,
               _("Cannot import %s: \".%s\" files are not supported (save it as .csv or .vcf)"),
               display_name, dot + 1);
  return NULL;
}

/* New customers are written this many to an INSERT.  SQLite 3.40 makes
 * FTS5 flush its pending terms into a new index segment at every statement
 * that writes through the search index's triggers, so a statement per row
 * made a large import several times slower. */
#define INSERT_BATCH 256
#define INSERT_COLUMNS 12

/* A customer not yet in the book.  Strings are borrowed from the contacts,
 * which outlive the import. */
typedef struct
{
  gint64      id;
  const char *name;
  const char *company;
  const char *email;
  const char *phone;
  const char *notes;
  const char *status;
  const char *satisfaction;
  GPtrArray  *tags;
  char       *due_at;
} NewCustomer;

typedef struct
{
  RapportStore *store;
  char         *now;
  const char   *reason;
  gint64        next_id;
  GHashTable   *batch_by_email;  /* lower-case email → NewCustomer in batch */
  guint         n_batch;
  NewCustomer   batch[INSERT_BATCH];
} Import;

static gboolean
is_blank (const char *text)
{
  for (; text != NULL && *text; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

static gboolean
contact_is_empty (RapportContact *contact)
{
  const char *fields[] = {
    contact->name, contact->company, contact->email, contact->phone,
    contact->status, contact->satisfaction, contact->notes, contact->next_check_in,
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (!is_blank (fields[i]))
      return FALSE;
  return contact->tags == NULL || contact->tags[0] == NULL;
}

static gboolean
is_one_of (const char         *value,
           const char * const *words)
{
  for (guint i = 0; words[i] != NULL; i++)
    if (g_strcmp0 (value, words[i]) == 0)
      return TRUE;
  return FALSE;
}

/* The readers check all this with the file name at hand; this guards the
 * book against a reader that did not. */
static gboolean
check_contact (RapportContact  *contact,
               gint64          *check_in,
               GError         **error)
{
  static const char * const statuses[] = { "", "prospect", "customer", "former", NULL };
  static const char * const satisfactions[] = { "", "unknown", "unhappy", "satisfied", "delighted", NULL };
  g_autoptr(GError) local = NULL;

  *check_in = 0;
  if (is_blank (contact->name))
    g_set_error (error, RAPPORT_IMPORT_ERROR, RAPPORT_IMPORT_ERROR_MISSING_FIELD,
                 _("line %u: a customer needs a name"), contact->line);
  else if (!is_one_of (contact->status, statuses))
    g_set_error (error, RAPPORT_IMPORT_ERROR, RAPPORT_IMPORT_ERROR_INVALID_VALUE,
                 _("line %u: unknown status \"%s\""), contact->line, contact->status);
  else if (!is_one_of (contact->satisfaction, satisfactions))
    g_set_error (error, RAPPORT_IMPORT_ERROR, RAPPORT_IMPORT_ERROR_INVALID_VALUE,
                 _("line %u: unknown satisfaction \"%s\""), contact->line, contact->satisfaction);
  else if (!rapport_limits_check_contact (contact, &local))
    g_set_error (error, RAPPORT_IMPORT_ERROR, RAPPORT_IMPORT_ERROR_INVALID_VALUE,
                 _("line %u: %s"), contact->line, local->message);
  else if (!is_blank (contact->next_check_in) &&
           !rapport_time_parse_local (contact->next_check_in, check_in))
    g_set_error (error, RAPPORT_IMPORT_ERROR, RAPPORT_IMPORT_ERROR_INVALID_VALUE,
                 _("line %u: \"%s\" is not a date"), contact->line, contact->next_check_in);
  else
    return TRUE;
  return FALSE;
}

/* Tags are kept lower-case, trimmed, without duplicates, ';'-joined. */
static void
add_tags (GPtrArray   *tags,
          const char  *text)
{
  g_auto(GStrv) parts = g_strsplit (text, ";", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *tag = g_utf8_strdown (g_strstrip (parts[i]), -1);

      if (tag[0] != '\0' && !g_ptr_array_find_with_equal_func (tags, tag, g_str_equal, NULL))
        g_ptr_array_add (tags, g_steal_pointer (&tag));
    }
}

static GPtrArray *
tag_list (const char *stored,
          GStrv       incoming)
{
  GPtrArray *tags = g_ptr_array_new_with_free_func (g_free);

  if (stored != NULL)
    add_tags (tags, stored);
  for (guint i = 0; incoming != NULL && incoming[i] != NULL; i++)
    add_tags (tags, incoming[i]);
  return tags;
}

static char *
join_tag_list (GPtrArray *tags)
{
  GString *joined = g_string_new (NULL);

  for (guint i = 0; i < tags->len; i++)
    g_string_append_printf (joined, "%s%s", i > 0 ? ";" : "", (char *) g_ptr_array_index (tags, i));
  return g_string_free (joined, FALSE);
}

static char *
join_tags (const char *stored,
           GStrv       incoming)
{
  g_autoptr(GPtrArray) tags = tag_list (stored, incoming);

  return join_tag_list (tags);
}

static void
bind_text (RapportStmt *stmt,
           int          index,
           const char  *text)
{
  sqlite3_bind_text (stmt, index, text != NULL ? text : "", -1, SQLITE_STATIC);
}

static gboolean
insert_check_in (Import      *import,
                 gint64       customer_id,
                 const char  *due_at,
                 GError     **error)
{
  g_autoptr(RapportStmt) stmt = NULL;

  stmt = rapport_store_prepare (import->store,
                                "INSERT INTO follow_up (customer_id, kind, due_at, state, reason,"
                                "  created_by, rule_key, created_at)"
                                " VALUES (?1, 'keep_in_touch', ?2, 'due', ?3, 'user', '"
                                CHECK_IN_RULE_KEY "', ?4)",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  bind_text (stmt, 2, due_at);
  bind_text (stmt, 3, import->reason);
  bind_text (stmt, 4, import->now);
  return rapport_store_step_done (import->store, stmt, error);
}

static gboolean
update_check_in (Import      *import,
                 const char  *sql,
                 gint64       follow_up_id,
                 const char  *due_at,
                 GError     **error)
{
  g_autoptr(RapportStmt) stmt = rapport_store_prepare (import->store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, follow_up_id);
  if (due_at != NULL)
    bind_text (stmt, 2, due_at);
  return rapport_store_step_done (import->store, stmt, error);
}

/* For a customer already in the book: the check-in an earlier import
 * scheduled moves to the new date while it is open; once done or skipped
 * it stays in the history and a new one is scheduled. */
static gboolean
reschedule_check_in (Import      *import,
                     gint64       customer_id,
                     const char  *due_at,
                     GError     **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  gint64 follow_up_id;
  gboolean open;
  int rc;

  stmt = rapport_store_prepare (import->store,
                                "SELECT id, due_at, state IN ('due', 'snoozed') FROM follow_up"
                                " WHERE customer_id = ? AND rule_key = '" CHECK_IN_RULE_KEY "'",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, customer_id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return insert_check_in (import, customer_id, due_at, error);
  if (rc != SQLITE_ROW)
    return rapport_store_set_error (import->store, rc, error, "find the imported check-in");

  if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), due_at) == 0)
    return TRUE;
  follow_up_id = sqlite3_column_int64 (stmt, 0);
  open = sqlite3_column_int (stmt, 2);
  g_clear_pointer (&stmt, rapport_stmt_release);

  if (open)
    return update_check_in (import,
                            "UPDATE follow_up SET due_at = ?2, state = 'due', snoozed_until = NULL"
                            " WHERE id = ?1",
                            follow_up_id, due_at, error);

  return update_check_in (import, "UPDATE follow_up SET rule_key = NULL WHERE id = ?1",
                          follow_up_id, NULL, error) &&
         insert_check_in (import, customer_id, due_at, error);
}

static void
bind_new_customer (Import      *import,
                   RapportStmt *stmt,
                   int          first,
                   NewCustomer *customer,
                   const char  *tags)
{
  const char *satisfaction = customer->satisfaction[0] ? customer->satisfaction : "unknown";

  sqlite3_bind_int64 (stmt, first, customer->id);
  bind_text (stmt, first + 1, customer->name);
  bind_text (stmt, first + 2, customer->company);
  bind_text (stmt, first + 3, customer->email);
  bind_text (stmt, first + 4, customer->phone);
  bind_text (stmt, first + 5, customer->notes);
  bind_text (stmt, first + 6, tags);
  bind_text (stmt, first + 7, customer->status[0] ? customer->status : "customer");
  bind_text (stmt, first + 8, satisfaction);
  if (strcmp (satisfaction, "unknown") != 0)
    bind_text (stmt, first + 9, import->now);
  bind_text (stmt, first + 10, import->now);
  bind_text (stmt, first + 11, import->now);
}

/* "INSERT … VALUES (?, …), (?, …) …" for @rows rows. */
static char *
insert_sql (guint rows)
{
  GString *sql = g_string_new ("INSERT INTO customer (id, name, company, email, phone, notes, tags,"
                               " status, satisfaction, satisfaction_recorded_at, created_at, updated_at)"
                               " VALUES ");

  for (guint row = 0; row < rows; row++)
    g_string_append (sql, row > 0 ? ", (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                                  : "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  return g_string_free (sql, FALSE);
}

/* Writes @n customers of the batch from @first in one statement. */
static gboolean
insert_customers (Import      *import,
                  guint        first,
                  guint        n,
                  const char  *sql,
                  GError     **error)
{
  g_autoptr(RapportStmt) stmt = rapport_store_prepare (import->store, sql, error);
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);

  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      NewCustomer *customer = &import->batch[first + i];
      char *joined = join_tag_list (customer->tags);

      g_ptr_array_add (tags, joined);
      bind_new_customer (import, stmt, 1 + i * INSERT_COLUMNS, customer, joined);
    }
  return rapport_store_step_done (import->store, stmt, error);
}

static void
clear_batch (Import *import)
{
  for (guint i = 0; i < import->n_batch; i++)
    {
      g_clear_pointer (&import->batch[i].tags, g_ptr_array_unref);
      g_clear_pointer (&import->batch[i].due_at, g_free);
    }
  import->n_batch = 0;
  g_hash_table_remove_all (import->batch_by_email);
}

static gboolean
flush_batch (Import  *import,
             GError **error)
{
  static char *full_batch_sql;
  g_autofree char *one_row_sql = insert_sql (1);
  gboolean ok = TRUE;

  if (g_once_init_enter (&full_batch_sql))
    g_once_init_leave (&full_batch_sql, insert_sql (INSERT_BATCH));

  if (import->n_batch == INSERT_BATCH)
    ok = insert_customers (import, 0, INSERT_BATCH, full_batch_sql, error);
  else
    for (guint i = 0; ok && i < import->n_batch; i++)
      ok = insert_customers (import, i, 1, one_row_sql, error);

  for (guint i = 0; ok && i < import->n_batch; i++)
    if (import->batch[i].due_at != NULL)
      ok = insert_check_in (import, import->batch[i].id, import->batch[i].due_at, error);

  clear_batch (import);
  return ok;
}

static void
add_new_customer (Import          *import,
                  RapportContact  *contact,
                  char            *email_key,
                  char            *due_at)
{
  NewCustomer *customer = &import->batch[import->n_batch++];

  *customer = (NewCustomer) {
    import->next_id++, contact->name, contact->company, contact->email, contact->phone,
    contact->notes, contact->status, contact->satisfaction, tag_list (NULL, contact->tags), due_at,
  };
  if (email_key != NULL)
    g_hash_table_insert (import->batch_by_email, email_key, customer);
}

/* Same rules as merge_customer(), for a customer still in the batch. */
static void
merge_new_customer (NewCustomer     *customer,
                    RapportContact  *contact,
                    char            *due_at)
{
  const char **fields[] = {
    &customer->name, &customer->company, &customer->phone, &customer->notes,
    &customer->status, &customer->satisfaction,
  };
  const char *incoming[] = {
    contact->name, contact->company, contact->phone, contact->notes,
    contact->status, contact->satisfaction,
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (incoming[i] != NULL && incoming[i][0] != '\0')
      *fields[i] = incoming[i];
  for (guint i = 0; contact->tags != NULL && contact->tags[i] != NULL; i++)
    add_tags (customer->tags, contact->tags[i]);
  if (due_at != NULL)
    {
      g_free (customer->due_at);
      customer->due_at = due_at;
    }
}

/* A later non-empty value wins; an empty one keeps what is stored. */
static const char *
pick (const char   *incoming,
      const char   *stored,
      gboolean     *changed)
{
  if (incoming == NULL || incoming[0] == '\0' || strcmp (incoming, stored) == 0)
    return stored;
  *changed = TRUE;
  return incoming;
}

static gboolean
merge_customer (Import          *import,
                RapportStmt     *existing,
                RapportContact  *contact,
                GError         **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *tags = NULL;
  const char *stored_satisfaction = (const char *) sqlite3_column_text (existing, 7);
  const char *satisfaction;
  gboolean changed = FALSE;
  gboolean satisfaction_changed = FALSE;

  tags = join_tags ((const char *) sqlite3_column_text (existing, 5), contact->tags);
  if (strcmp (tags, (const char *) sqlite3_column_text (existing, 5)) != 0)
    changed = TRUE;
  /* Each side was within the limit; together they may not be. */
  if (!rapport_limit_check_tags (RAPPORT_LIMIT_TAGS, tags, &local))
    {
      g_set_error (error, RAPPORT_IMPORT_ERROR, RAPPORT_IMPORT_ERROR_INVALID_VALUE,
                   _("line %u: %s"), contact->line, local->message);
      return FALSE;
    }
  satisfaction = pick (contact->satisfaction, stored_satisfaction, &satisfaction_changed);

  stmt = rapport_store_prepare (import->store,
                                "UPDATE customer SET name = ?1, company = ?2, phone = ?3, notes = ?4,"
                                "  tags = ?5, status = ?6, satisfaction = ?7,"
                                "  satisfaction_recorded_at = coalesce (?8, satisfaction_recorded_at),"
                                "  updated_at = ?9"
                                " WHERE id = ?10",
                                error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, pick (contact->name, (const char *) sqlite3_column_text (existing, 1), &changed));
  bind_text (stmt, 2, pick (contact->company, (const char *) sqlite3_column_text (existing, 2), &changed));
  bind_text (stmt, 3, pick (contact->phone, (const char *) sqlite3_column_text (existing, 3), &changed));
  bind_text (stmt, 4, pick (contact->notes, (const char *) sqlite3_column_text (existing, 4), &changed));
  bind_text (stmt, 5, tags);
  bind_text (stmt, 6, pick (contact->status, (const char *) sqlite3_column_text (existing, 6), &changed));
  bind_text (stmt, 7, satisfaction);
  if (satisfaction_changed)
    bind_text (stmt, 8, import->now);
  bind_text (stmt, 9, import->now);
  sqlite3_bind_int64 (stmt, 10, sqlite3_column_int64 (existing, 0));

  /* An unchanged row is not rewritten: no churn in the search index. */
  if (!changed && !satisfaction_changed)
    return TRUE;
  return rapport_store_step_done (import->store, stmt, error);
}

/* The customer in the book with this email, if any, as a row of
 * (id, name, company, phone, notes, tags, status, satisfaction). */
static RapportStmt *
find_by_email (Import      *import,
               const char  *email,
               gboolean    *found,
               GError     **error)
{
  RapportStmt *stmt;
  int rc;

  stmt = rapport_store_prepare (import->store,
                                "SELECT id, name, company, phone, notes, tags, status, satisfaction"
                                "  FROM customer WHERE email <> '' AND lower (email) = lower (?)"
                                " ORDER BY id LIMIT 1",
                                error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, email);

  rc = sqlite3_step (stmt);
  *found = rc == SQLITE_ROW;
  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    return stmt;

  rapport_store_set_error (import->store, rc, error, "find a customer by email");
  rapport_stmt_release (stmt);
  return NULL;
}

static gboolean
import_contact (Import                *import,
                RapportContact        *contact,
                RapportImportSummary  *summary,
                GError               **error)
{
  g_autoptr(RapportStmt) existing = NULL;
  g_autofree char *email_key = NULL;
  g_autofree char *due_at = NULL;
  NewCustomer *same;
  gboolean found = FALSE;
  gint64 check_in = 0;

  if (contact_is_empty (contact))
    {
      summary->skipped++;
      return TRUE;
    }

  if (!check_contact (contact, &check_in, error))
    return FALSE;
  if (check_in != 0)
    due_at = rapport_time_format_utc (check_in);

  if (!is_blank (contact->email))
    {
      /* ASCII only, as SQLite's lower () */
      email_key = g_strstrip (g_ascii_strdown (contact->email, -1));

      if ((same = g_hash_table_lookup (import->batch_by_email, email_key)) != NULL)
        {
          summary->merged++;
          merge_new_customer (same, contact, g_steal_pointer (&due_at));
          return TRUE;
        }

      if ((existing = find_by_email (import, contact->email, &found, error)) == NULL)
        return FALSE;
      if (found)
        {
          summary->merged++;
          return merge_customer (import, existing, contact, error) &&
                 (due_at == NULL ||
                  reschedule_check_in (import, sqlite3_column_int64 (existing, 0), due_at, error));
        }
    }

  summary->added++;
  add_new_customer (import, contact, g_steal_pointer (&email_key), g_steal_pointer (&due_at));
  return import->n_batch < INSERT_BATCH || flush_batch (import, error);
}

static gboolean
import_all (Import                 *import,
            GPtrArray              *contacts,
            RapportImportProgress   progress,
            gpointer                user_data,
            GCancellable           *cancellable,
            RapportImportSummary   *summary,
            GError                **error)
{
  g_autoptr(RapportStmt) stmt = NULL;

  /* Ids are handed out here so that the customers of a batch can get
   * their check-ins; the write transaction keeps them ours. */
  stmt = rapport_store_prepare (import->store, "SELECT coalesce (max (id), 0) + 1 FROM customer", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return rapport_store_set_error (import->store, sqlite3_errcode (rapport_store_get_db (import->store)),
                                    error, "number new customers");
  import->next_id = sqlite3_column_int64 (stmt, 0);
  g_clear_pointer (&stmt, rapport_stmt_release);

  for (guint i = 0; i < contacts->len; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !import_contact (import, g_ptr_array_index (contacts, i), summary, error))
        return FALSE;

      if (progress != NULL && (i + 1) % RAPPORT_IMPORT_PROGRESS_INTERVAL == 0)
        progress (i + 1, contacts->len, user_data);
    }

  return flush_batch (import, error) &&
         !g_cancellable_set_error_if_cancelled (cancellable, error);
}

/* A large import touches the pages of the search index again and again;
 * with SQLite's default 2 MiB cache they are written out and read back
 * many times.  A bigger cache for the import's duration saves that. */
#define IMPORT_CACHE_SIZE "-65536"  /* KiB */

static int
get_cache_size (RapportStore *store)
{
  g_autoptr(RapportStmt) stmt = rapport_store_prepare (store, "PRAGMA cache_size", NULL);

  return stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int (stmt, 0) : -2000;
}

static void
set_cache_size (RapportStore *store,
                const char   *size)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA cache_size = %s", size);

  rapport_store_exec (store, sql, NULL);
}

/**
 * rapport_importer_import:
 * @contacts: (element-type RapportContact): as read by rapport_importer_read_file()
 * @progress: (nullable): called every %RAPPORT_IMPORT_PROGRESS_INTERVAL
 *   contacts and at the end, in the calling thread
 * @cancellable: (nullable): cancelling rolls the whole import back
 * @summary: (out caller-allocates) (optional): what happened to the rows
 *
 * Adds @contacts to the book in one transaction, merging those whose email
 * is already there.  A contact with a next check-in gets a keep-in-touch
 * follow-up at that time.  On error or cancellation nothing is changed.
 */
gboolean
rapport_importer_import (RapportStore           *store,
                         GPtrArray              *contacts,
                         RapportImportProgress   progress,
                         gpointer                user_data,
                         GCancellable           *cancellable,
                         RapportImportSummary   *summary,
                         GError                **error)
{
  g_autofree Import *import = NULL;
  g_autofree char *now = NULL;
  g_autoptr(GHashTable) batch_by_email = NULL;
  g_autofree char *cache_size = NULL;
  RapportImportSummary counts = { 0, 0, 0 };
  gboolean ok;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), FALSE);
  g_return_val_if_fail (contacts != NULL, FALSE);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (summary != NULL)
    *summary = counts;

  now = rapport_time_format_utc (rapport_time_now ());
  batch_by_email = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  import = g_new0 (Import, 1);
  import->store = store;
  import->now = now;
  import->reason = _("Check-in date from the imported file");
  import->batch_by_email = batch_by_email;

  if (!rapport_store_begin (store, error))
    return FALSE;

  cache_size = g_strdup_printf ("%d", get_cache_size (store));
  set_cache_size (store, IMPORT_CACHE_SIZE);
  ok = import_all (import, contacts, progress, user_data, cancellable, &counts, error);
  clear_batch (import);
  ok = ok && rapport_store_commit (store, error);
  if (!ok)
    rapport_store_rollback (store);
  set_cache_size (store, cache_size);
  if (!ok)
    return FALSE;

  if (progress != NULL)
    progress (contacts->len, contacts->len, user_data);
  if (summary != NULL)
    *summary = counts;
  return TRUE;
}
