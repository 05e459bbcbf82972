/* rapport-importer.c: customers from a file into the book, all or nothing
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An import runs in one transaction: a file either arrives whole or leaves
 * the book as it was.  Contacts are matched by UID, then any email
 * (ignoring case), then the same name with the same phone or company:
 * first among the file's own records (a later non-empty value replaces an
 * earlier one), then against the book, where what the book lacks is filled
 * in, new emails and phones are added, tags are united, and nothing the
 * user typed in Rapport is overwritten.
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
#include "rapport-customer-card.h"
#include "rapport-importer.h"
#include "rapport-limits.h"
#include "rapport-string.h"
#include "rapport-time.h"
#include "rapport-vcard.h"

/* Marks the follow-up an import scheduled for a customer, so importing the
 * same file again moves that check-in instead of adding a second one. */
#define CHECK_IN_RULE_KEY "import:next_check_in"

typedef GPtrArray *(*RapportReadFunc) (const char          *display_name,
                                       const char          *data,
                                       gsize                length,
                                       RapportImportNotes  *notes,
                                       GError             **error);

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
rapport_importer_read_file (const char          *path,
                            RapportImportNotes  *notes,
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
      return check_limits (display_name, readers[i].read (display_name, data, length, notes, error), error);
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
#define INSERT_COLUMNS 19

/* Rows of new customers' details waiting for their INSERT. */
typedef struct
{
  gint64                     customer_id;
  const RapportContactValue *value;     /* borrowed from the contact */
  int                        position;
} PendingValue;

typedef struct
{
  gint64      customer_id;
  int         position;
  const char *content;                  /* borrowed from the contact */
} PendingExtra;

typedef struct
{
  gint64  customer_id;
  char   *due_at;
} PendingCheckIn;

typedef struct
{
  RapportStore *store;
  char         *now;
  const char   *reason;
  gint64        next_id;
  gint64        next_moved_seq;
  gboolean      book_empty;   /* nothing to match against: no look-ups */
  GPtrArray    *new_customers;  /* of RapportContact, borrowed, with their ids: */
  GArray       *new_ids;
  GArray       *pending_values;     /* of PendingValue */
  GArray       *pending_extra;      /* of PendingExtra */
  GArray       *pending_check_ins;  /* of PendingCheckIn */
  /* Earlier contacts of the file, by what matches them. */
  GHashTable   *by_uid;
  GHashTable   *by_email;
  GHashTable   *by_name;      /* "name\x1fphone digits" and "name\x1e company" */
} Import;

static void
clear_pending_check_in (gpointer data)
{
  g_free (((PendingCheckIn *) data)->due_at);
}

static gboolean
is_blank (const char *text)
{
  for (; text != NULL && *text; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
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
  if (!is_one_of (contact->status, statuses))
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

static char *
join_tags (const char *stored,
           GStrv       incoming)
{
  g_autoptr(GPtrArray) tags = NULL;
  GString *joined;

  if (stored == NULL && (incoming == NULL || incoming[0] == NULL))
    return g_strdup ("");  /* most new customers of a large file */
  tags = g_ptr_array_new_with_free_func (g_free);
  joined = g_string_new (NULL);
  if (stored != NULL)
    add_tags (tags, stored);
  for (guint i = 0; incoming != NULL && incoming[i] != NULL; i++)
    add_tags (tags, incoming[i]);
  for (guint i = 0; i < tags->len; i++)
    g_string_append_printf (joined, "%s%s", i > 0 ? ";" : "", (char *) g_ptr_array_index (tags, i));
  return g_string_free (joined, FALSE);
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
                                "  created_by, rule_key, created_at, uid)"
                                " VALUES (?1, 'keep_in_touch', ?2, 'due', ?3, 'user', '"
                                CHECK_IN_RULE_KEY "', ?4, ?5)",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 5, rapport_uid_new (), -1, g_free);
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

static char *
due_at_of (RapportContact *contact)
{
  gint64 when = 0;

  if (is_blank (contact->next_check_in) || !rapport_time_parse_local (contact->next_check_in, &when))
    return NULL;
  return rapport_time_format_utc (when);
}

/* ---- New customers ---------------------------------------------------- */

/* "INSERT … VALUES (?, …), (?, …) …" for @rows rows. */
static char *
insert_sql (guint rows)
{
  GString *sql = g_string_new ("INSERT INTO customer (id, name, company, email, phone, notes, tags,"
                               " status, satisfaction, satisfaction_recorded_at, created_at, updated_at,"
                               " uid, kind, structured_name, title, role, birthday, anniversary,"
                               " other_values) VALUES ");

  for (guint row = 0; row < rows; row++)
    {
      g_string_append (sql, row > 0 ? ", (?" : "(?");
      for (guint column = 1; column <= INSERT_COLUMNS; column++)
        g_string_append (sql, ", ?");
      g_string_append_c (sql, ')');
    }
  return g_string_free (sql, FALSE);
}

static void
bind_new_customer (Import          *import,
                   RapportStmt     *stmt,
                   int              first,
                   gint64           id,
                   RapportContact  *contact,
                   GPtrArray       *owned)
{
  const char *satisfaction = contact->satisfaction[0] ? contact->satisfaction : "unknown";
  char *tags = join_tags (NULL, contact->tags);
  char *search = rapport_contact_search_text (contact->values);

  g_ptr_array_add (owned, tags);
  g_ptr_array_add (owned, search);
  if (contact->uid == NULL || *contact->uid == '\0')
    {
      g_free (contact->uid);
      contact->uid = rapport_uid_new ();
    }

  sqlite3_bind_int64 (stmt, first, id);
  bind_text (stmt, first + 1, contact->name);
  bind_text (stmt, first + 2, contact->company);
  bind_text (stmt, first + 3, contact->email);
  bind_text (stmt, first + 4, contact->phone);
  bind_text (stmt, first + 5, contact->notes);
  bind_text (stmt, first + 6, tags);
  bind_text (stmt, first + 7, contact->status[0] ? contact->status : "customer");
  bind_text (stmt, first + 8, satisfaction);
  if (strcmp (satisfaction, "unknown") != 0)
    bind_text (stmt, first + 9, import->now);
  bind_text (stmt, first + 10, import->now);
  bind_text (stmt, first + 11, import->now);
  bind_text (stmt, first + 12, contact->uid);
  bind_text (stmt, first + 13, contact->is_org ? "org" : "individual");
  if (contact->structured_name != NULL)
    bind_text (stmt, first + 14, contact->structured_name);
  bind_text (stmt, first + 15, contact->title);
  bind_text (stmt, first + 16, contact->role);
  bind_text (stmt, first + 17, contact->birthday);
  bind_text (stmt, first + 18, contact->anniversary);
  bind_text (stmt, first + 19, search);
}

static gboolean
insert_customers (Import      *import,
                  guint        first,
                  guint        n,
                  const char  *sql,
                  GError     **error)
{
  g_autoptr(RapportStmt) stmt = rapport_store_prepare (import->store, sql, error);
  g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < n; i++)
    bind_new_customer (import, stmt, 1 + i * (INSERT_COLUMNS + 1),
                       g_array_index (import->new_ids, gint64, first + i),
                       g_ptr_array_index (import->new_customers, first + i), owned);
  return rapport_store_step_done (import->store, stmt, error);
}

/* The values, vCard properties and check-ins of new customers go this
 * many rows to an INSERT. */
#define ROWS_BATCH 128

/* "INSERT … VALUES (…), (…) …" with @rows copies of @row. */
static char *
multi_row_sql (const char *head,
               const char *row,
               guint       rows)
{
  GString *sql = g_string_new (head);

  for (guint i = 0; i < rows; i++)
    {
      if (i > 0)
        g_string_append (sql, ", ");
      g_string_append (sql, row);
    }
  return g_string_free (sql, FALSE);
}

/* A full batch's statement is prepared once and kept by the store; the
 * last, shorter one is built for its size. */
static RapportStmt *
prepare_rows (Import       *import,
              char        **full_sql,
              const char   *head,
              const char   *row,
              guint         rows,
              GError      **error)
{
  g_autofree char *sql = NULL;

  if (g_once_init_enter (full_sql))
    g_once_init_leave (full_sql, multi_row_sql (head, row, ROWS_BATCH));
  if (rows == ROWS_BATCH)
    return rapport_store_prepare (import->store, *full_sql, error);
  sql = multi_row_sql (head, row, rows);
  return rapport_store_prepare (import->store, sql, error);
}

static gboolean
flush_values (Import   *import,
              GError  **error)
{
  static char *full_sql;
  g_autoptr(RapportStmt) stmt = NULL;
  guint rows = import->pending_values->len;

  if (rows == 0)
    return TRUE;
  stmt = prepare_rows (import, &full_sql,
                       "INSERT INTO customer_value (customer_id, kind, value, types, pref,"
                       " vcard_group, vcard_params, position) VALUES ",
                       "(?, ?, ?, ?, ?, ?, ?, ?)", rows, error);
  if (stmt == NULL)
    return FALSE;
  for (guint row = 0; row < rows; row++)
    {
      const PendingValue *p = &g_array_index (import->pending_values, PendingValue, row);
      const RapportContactValue *v = p->value;
      int first = 1 + row * 8;

      sqlite3_bind_int64 (stmt, first, p->customer_id);
      bind_text (stmt, first + 1, rapport_value_kind_to_string (v->kind));
      bind_text (stmt, first + 2, v->value);
      bind_text (stmt, first + 3, v->types);
      sqlite3_bind_int (stmt, first + 4, v->pref);
      bind_text (stmt, first + 5, v->group);
      bind_text (stmt, first + 6, v->params);
      sqlite3_bind_int (stmt, first + 7, p->position);
    }
  g_array_set_size (import->pending_values, 0);
  return rapport_store_step_done (import->store, stmt, error);
}

static gboolean
flush_extra (Import   *import,
             GError  **error)
{
  static char *full_sql;
  g_autoptr(RapportStmt) stmt = NULL;
  guint rows = import->pending_extra->len;

  if (rows == 0)
    return TRUE;
  stmt = prepare_rows (import, &full_sql,
                       "INSERT INTO customer_vcard_property (customer_id, position, content) VALUES ",
                       "(?, ?, ?)", rows, error);
  if (stmt == NULL)
    return FALSE;
  for (guint row = 0; row < rows; row++)
    {
      const PendingExtra *p = &g_array_index (import->pending_extra, PendingExtra, row);

      sqlite3_bind_int64 (stmt, 1 + row * 3, p->customer_id);
      sqlite3_bind_int (stmt, 2 + row * 3, p->position);
      bind_text (stmt, 3 + row * 3, p->content);
    }
  g_array_set_size (import->pending_extra, 0);
  return rapport_store_step_done (import->store, stmt, error);
}

/* In a large import, where follow_up_moved_insert is set aside, each
 * check-in takes the next number of the book's moved_seq here, in the
 * order written, as that trigger would have given it (see migration 2).
 * In a small one next_moved_seq is 0 and the trigger numbers them. */
static gboolean
flush_check_ins (Import   *import,
                 GError  **error)
{
  static char *full_sql;
  g_autoptr(RapportStmt) stmt = NULL;
  guint rows = import->pending_check_ins->len;
  gboolean ok;

  if (rows == 0)
    return TRUE;
  stmt = prepare_rows (import, &full_sql,
                       "INSERT INTO follow_up (customer_id, kind, due_at, state, reason, created_by,"
                       " rule_key, created_at, moved_seq, uid) VALUES ",
                       "(?, 'keep_in_touch', ?, 'due', ?, 'user', '" CHECK_IN_RULE_KEY "', ?, ?, ?)",
                       rows, error);
  if (stmt == NULL)
    return FALSE;
  for (guint row = 0; row < rows; row++)
    {
      const PendingCheckIn *p = &g_array_index (import->pending_check_ins, PendingCheckIn, row);
      int first = 1 + row * 6;

      sqlite3_bind_int64 (stmt, first, p->customer_id);
      bind_text (stmt, first + 1, p->due_at);
      bind_text (stmt, first + 2, import->reason);
      bind_text (stmt, first + 3, import->now);
      sqlite3_bind_int64 (stmt, first + 4, import->next_moved_seq > 0 ? import->next_moved_seq++ : 0);
      sqlite3_bind_text (stmt, first + 5, rapport_uid_new (), -1, g_free);
    }
  ok = rapport_store_step_done (import->store, stmt, error);
  g_clear_pointer (&stmt, rapport_stmt_release);
  g_array_set_size (import->pending_check_ins, 0);
  return ok;
}

static gboolean
write_new_details (Import          *import,
                   gint64           id,
                   RapportContact  *contact,
                   GError         **error)
{
  char *due_at = due_at_of (contact);

  if (due_at != NULL)
    {
      PendingCheckIn p = { id, due_at };

      g_array_append_val (import->pending_check_ins, p);
      if (import->pending_check_ins->len == ROWS_BATCH && !flush_check_ins (import, error))
        return FALSE;
    }
  for (guint i = 0; i < contact->values->len; i++)
    {
      PendingValue p = { id, g_ptr_array_index (contact->values, i), i };

      g_array_append_val (import->pending_values, p);
      if (import->pending_values->len == ROWS_BATCH && !flush_values (import, error))
        return FALSE;
    }
  for (guint i = 0; i < contact->extra->len; i++)
    {
      PendingExtra p = { id, i, g_ptr_array_index (contact->extra, i) };

      g_array_append_val (import->pending_extra, p);
      if (import->pending_extra->len == ROWS_BATCH && !flush_extra (import, error))
        return FALSE;
    }
  return contact->photo == NULL ||
         rapport_customer_card_write_photo (import->store, id, contact->photo, contact->photo_type, error);
}

static gboolean
write_all_new_details (Import  *import,
                       GError **error)
{
  for (guint i = 0; i < import->new_customers->len; i++)
    if (!write_new_details (import, g_array_index (import->new_ids, gint64, i),
                            g_ptr_array_index (import->new_customers, i), error))
      return FALSE;
  return flush_values (import, error) && flush_extra (import, error) &&
         flush_check_ins (import, error);
}

static gboolean
write_all_new_rows (Import  *import,
                    GError **error)
{
  static char *full_batch_sql;
  g_autofree char *one_row_sql = insert_sql (1);
  guint n = import->new_customers->len;
  guint done = 0;

  if (g_once_init_enter (&full_batch_sql))
    g_once_init_leave (&full_batch_sql, insert_sql (INSERT_BATCH));
  for (; done + INSERT_BATCH <= n; done += INSERT_BATCH)
    if (!insert_customers (import, done, INSERT_BATCH, full_batch_sql, error))
      return FALSE;
  for (; done < n; done++)
    if (!insert_customers (import, done, 1, one_row_sql, error))
      return FALSE;
  return TRUE;
}

/* From this many new customers on, the search index is fed in one go,
 * check-ins are numbered here rather than by a trigger each, and indexes
 * may be built after the rows. */
#define BULK_IMPORT 1000

/* A trigger of the book, dropped for the rest of the transaction; its
 * text, read from the book, brings it back exactly as it was. */
static gboolean
suspend_trigger (Import      *import,
                 const char  *name,
                 char       **trigger_sql,
                 GError     **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  g_autofree char *drop = NULL;

  stmt = rapport_store_prepare (import->store,
                                "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?1",
                                error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, name);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return TRUE;  /* no such trigger: nothing to do in its place */
  *trigger_sql = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  g_clear_pointer (&stmt, rapport_stmt_release);
  drop = g_strdup_printf ("DROP TRIGGER \"%s\"", name);
  return rapport_store_exec (import->store, drop, error);
}

static gboolean
resume_trigger (Import      *import,
                const char  *trigger_sql,
                GError     **error)
{
  return trigger_sql == NULL || rapport_store_exec (import->store, trigger_sql, error);
}

/* FTS5 writes its pending terms out as a new index segment whenever they
 * pass its hash size (1 MiB unless set), then merges those segments as
 * more come: the one statement that feeds a large import made a hundred
 * segments and merged them again and again.  With room for all of them it
 * writes a few.  The size is a setting of the index, kept in the book, so
 * it goes back to what it was in the same transaction. */
#define BULK_HASH_SIZE (64 * 1024 * 1024)
#define FTS5_DEFAULT_HASH_SIZE (1024 * 1024)

static gboolean
set_search_hash_size (Import  *import,
                      int      size,
                      GError **error)
{
  g_autoptr(RapportStmt) stmt = rapport_store_prepare (import->store,
                                                       "INSERT INTO customer_fts (customer_fts, rank)"
                                                       " VALUES ('hashsize', ?1)",
                                                       error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, size);
  return rapport_store_step_done (import->store, stmt, error);
}

static int
get_search_hash_size (Import *import)
{
  g_autoptr(RapportStmt) stmt = rapport_store_prepare (import->store,
                                                       "SELECT v FROM customer_fts_config WHERE k = 'hashsize'",
                                                       NULL);

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) > 0)
    return sqlite3_column_int (stmt, 0);
  return FTS5_DEFAULT_HASH_SIZE;
}

static gboolean
feed_search_index (Import  *import,
                   gint64   first_id,
                   GError **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  int hash_size = get_search_hash_size (import);
  gboolean raised = FALSE;

  /* Only faster: an FTS5 without the setting feeds the index all the same. */
  if (hash_size < BULK_HASH_SIZE)
    raised = set_search_hash_size (import, BULK_HASH_SIZE, NULL);
  stmt = rapport_store_prepare (import->store,
                                "INSERT INTO customer_fts (rowid, name, company, email,"
                                "  notes, tags, other_values)"
                                " SELECT id, name, company, email, notes, tags, other_values"
                                " FROM customer WHERE id >= ?1",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, first_id);
  if (!rapport_store_step_done (import->store, stmt, error))
    return FALSE;
  g_clear_pointer (&stmt, rapport_stmt_release);
  return !raised || set_search_hash_size (import, hash_size, error);
}

/* Into a book smaller than the import, the rows go in faster without the
 * indexes that take them in no particular order (by name, by email…), and
 * each index is then built once, sorted, from all of them: what a
 * multi-row INSERT costs is mostly those indexes' pages, each written again
 * to the statement's journal (the tables' CHECK constraints make SQLite
 * keep one).  Unique indexes stay, so a duplicate is still refused as it
 * comes: the UIDs' take rows at their end anyway (rapport_uid_new () makes
 * them in time order), and building them again costs more than it saves.
 * @index_sql gets the CREATE INDEX statements that bring them back, as the
 * book has them. */
static gboolean
suspend_indexes (Import     *import,
                 GPtrArray  *index_sql,
                 GError    **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  int rc;

  stmt = rapport_store_prepare (import->store,
                                "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL"
                                " AND tbl_name IN ('customer', 'customer_value', 'follow_up')"
                                " AND sql NOT LIKE 'CREATE UNIQUE %'"
                                " AND (SELECT count (*) FROM customer) < ?1",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, import->new_customers->len);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_ptr_array_add (index_sql, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  if (rc != SQLITE_DONE)
    return rapport_store_set_error (import->store, rc, error, "list the indexes");
  g_clear_pointer (&stmt, rapport_stmt_release);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *drop = g_strdup_printf ("DROP INDEX \"%s\"", (char *) g_ptr_array_index (names, i));

      if (!rapport_store_exec (import->store, drop, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
resume_indexes (Import     *import,
                GPtrArray  *index_sql,
                GError    **error)
{
  for (guint i = 0; i < index_sql->len; i++)
    if (!rapport_store_exec (import->store, g_ptr_array_index (index_sql, i), error))
      return FALSE;
  return TRUE;
}

static gboolean
next_moved_seq (Import  *import,
                GError **error)
{
  g_autoptr(RapportStmt) stmt = rapport_store_prepare (import->store,
                                                       "SELECT coalesce (max (moved_seq), 0) + 1 FROM follow_up",
                                                       error);

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return rapport_store_set_error (import->store, sqlite3_errcode (rapport_store_get_db (import->store)),
                                    error, "number check-ins");
  import->next_moved_seq = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/* SQLite 3.40's FTS5 writes out its pending terms, and its totals, at
 * every statement savepoint once it is part of the transaction, and the
 * foreign keys of customer_value and the triggers of follow_up make each of
 * their inserts open one.  So a small import writes new customers' values,
 * properties, photos and check-ins first, their foreign keys checked at
 * commit, and the customer rows, through the search index's trigger,
 * after them.  A large one sets that trigger and follow_up's numbering one
 * aside for the transaction, and into a smaller book the indexes that take
 * rows in no order: the rows go in first, their details after them, then
 * the search index is fed from the rows in one statement and the indexes
 * are built.  Everything is back as it was before the commit, and an
 * error anywhere still rolls the whole import back. */
static gboolean
insert_new_customers (Import  *import,
                      GError **error)
{
  g_autofree char *search_trigger = NULL;
  g_autofree char *moved_trigger = NULL;
  g_autoptr(GPtrArray) index_sql = g_ptr_array_new_with_free_func (g_free);
  guint n = import->new_customers->len;

  if (n == 0)
    return TRUE;
  if (!rapport_store_exec (import->store, "PRAGMA defer_foreign_keys = ON", error))
    return FALSE;

  if (n < BULK_IMPORT)
    return write_all_new_details (import, error) && write_all_new_rows (import, error);

  return next_moved_seq (import, error) &&
         suspend_trigger (import, "customer_fts_insert", &search_trigger, error) &&
         suspend_trigger (import, "follow_up_moved_insert", &moved_trigger, error) &&
         suspend_indexes (import, index_sql, error) &&
         write_all_new_rows (import, error) &&
         write_all_new_details (import, error) &&
         (search_trigger == NULL ||
          feed_search_index (import, g_array_index (import->new_ids, gint64, 0), error)) &&
         resume_trigger (import, search_trigger, error) &&
         resume_trigger (import, moved_trigger, error) &&
         resume_indexes (import, index_sql, error);
}

static void
add_new_customer (Import          *import,
                  RapportContact  *contact)
{
  gint64 id = import->next_id++;

  g_ptr_array_add (import->new_customers, contact);
  g_array_append_val (import->new_ids, id);
}

/* ---- Matching --------------------------------------------------------- */

static char *
email_key (const char *email)
{
  /* ASCII only, as SQLite's lower () */
  return g_strstrip (g_ascii_strdown (email, -1));
}

static char *
phone_key (const char *phone)
{
  GString *digits = g_string_new (NULL);

  for (const char *p = phone; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);
  return g_string_free (digits, FALSE);
}

/* g_utf8_casefold (), which folds ASCII text as g_ascii_strdown () does,
 * at a fraction of the cost: most names and companies are ASCII. */
static char *
fold_case (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p >= 0x80)
      return g_utf8_casefold (text, -1);
  return g_ascii_strdown (text, -1);
}

/* "name\x1fdigits" for each phone and "name\x1ecompany": the same name
 * with the same phone or company is the same person. */
static GPtrArray *
name_keys (RapportContact *contact)
{
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *name = fold_case (contact->name);

  for (guint i = 0; i < contact->values->len; i++)
    {
      const RapportContactValue *v = g_ptr_array_index (contact->values, i);
      g_autofree char *digits = NULL;

      if (v->kind != RAPPORT_VALUE_PHONE)
        continue;
      digits = phone_key (v->value);
      if (strlen (digits) >= 4)
        g_ptr_array_add (keys, g_strconcat (name, "\x1f", digits, NULL));
    }
  if (*contact->company != '\0')
    {
      g_autofree char *company = fold_case (contact->company);

      g_ptr_array_add (keys, g_strconcat (name, "\x1e", company, NULL));
    }
  return keys;
}

/* What matches a contact among the file's others, worked out once: its
 * emails as email_key () gives them and its name_keys (). */
typedef struct
{
  GPtrArray *emails;
  GPtrArray *names;
} FileKeys;

static void
file_keys_init (FileKeys       *keys,
                RapportContact *contact)
{
  keys->emails = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < contact->values->len; i++)
    {
      const RapportContactValue *v = g_ptr_array_index (contact->values, i);

      if (v->kind == RAPPORT_VALUE_EMAIL)
        g_ptr_array_add (keys->emails, email_key (v->value));
    }
  keys->names = name_keys (contact);
}

static void
file_keys_clear (FileKeys *keys)
{
  g_clear_pointer (&keys->emails, g_ptr_array_unref);
  g_clear_pointer (&keys->names, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FileKeys, file_keys_clear)

static RapportContact *
find_in_file (Import         *import,
              RapportContact *contact,
              const FileKeys *keys)
{
  RapportContact *same = NULL;

  if (contact->uid != NULL && (same = g_hash_table_lookup (import->by_uid, contact->uid)) != NULL)
    return same;
  for (guint i = 0; i < keys->emails->len; i++)
    if ((same = g_hash_table_lookup (import->by_email, g_ptr_array_index (keys->emails, i))) != NULL)
      return same;
  for (guint i = 0; i < keys->names->len; i++)
    if ((same = g_hash_table_lookup (import->by_name, g_ptr_array_index (keys->names, i))) != NULL)
      return same;
  return NULL;
}

static void
remember_in_file (Import         *import,
                  RapportContact *contact,
                  const FileKeys *keys)
{
  if (contact->uid != NULL && *contact->uid != '\0')
    g_hash_table_insert (import->by_uid, g_strdup (contact->uid), contact);
  for (guint i = 0; i < keys->emails->len; i++)
    g_hash_table_insert (import->by_email, g_strdup (g_ptr_array_index (keys->emails, i)), contact);
  for (guint i = 0; i < keys->names->len; i++)
    g_hash_table_insert (import->by_name, g_strdup (g_ptr_array_index (keys->names, i)), contact);
}

static gint64
query_id (Import      *import,
          const char  *sql,
          const char  *text,
          GError     **error)
{
  g_autoptr(RapportStmt) stmt = rapport_store_prepare (import->store, sql, error);
  int rc;

  if (stmt == NULL)
    return -1;
  bind_text (stmt, 1, text);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  if (rc == SQLITE_DONE)
    return 0;
  rapport_store_set_error (import->store, rc, error, "find a customer");
  return -1;
}

/* By UID, then any email, then the same name with the same phone or
 * company.  Returns 0 when the book has nobody, -1 on error. */
static gint64
find_in_book (Import          *import,
              RapportContact  *contact,
              GError         **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  gint64 id = 0;
  int rc;

  if (contact->uid != NULL && *contact->uid != '\0' &&
      (id = query_id (import, "SELECT id FROM customer WHERE uid = ?1", contact->uid, error)) != 0)
    return id;
  for (guint i = 0; i < contact->values->len; i++)
    {
      const RapportContactValue *v = g_ptr_array_index (contact->values, i);

      if (v->kind == RAPPORT_VALUE_EMAIL &&
          (id = query_id (import, "SELECT customer_id FROM customer_value"
                                  " WHERE kind = 'email' AND lower (value) = lower (?1)"
                                  " ORDER BY customer_id LIMIT 1", v->value, error)) != 0)
        return id;
    }

  stmt = rapport_store_prepare (import->store,
                                "SELECT id, company FROM customer WHERE name = ?1 COLLATE NOCASE"
                                " ORDER BY id",
                                error);
  if (stmt == NULL)
    return -1;
  bind_text (stmt, 1, contact->name);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 candidate = sqlite3_column_int64 (stmt, 0);
      g_autoptr(GPtrArray) values = NULL;

      if (*contact->company != '\0' &&
          g_utf8_collate (contact->company, (const char *) sqlite3_column_text (stmt, 1)) == 0)
        return candidate;
      values = rapport_customer_card_read_values (import->store, candidate, error);
      if (values == NULL)
        return -1;
      for (guint i = 0; i < values->len; i++)
        {
          const RapportContactValue *v = g_ptr_array_index (values, i);

          if (v->kind == RAPPORT_VALUE_PHONE && rapport_contact_has_value (contact, v->kind, v->value))
            return candidate;
        }
    }
  if (rc != SQLITE_DONE)
    {
      rapport_store_set_error (import->store, rc, error, "find a customer by name");
      return -1;
    }
  return 0;
}

/* ---- Merging ---------------------------------------------------------- */

/* Merging many records into one customer stops at the same bound a card
 * has, so one person never carries thousands of emails. */
static gboolean
has_room_for (RapportContact   *contact,
              RapportValueKind  kind)
{
  guint n = 0;

  for (guint i = 0; i < contact->values->len; i++)
    if (((RapportContactValue *) g_ptr_array_index (contact->values, i))->kind == kind)
      n++;
  return n < RAPPORT_CARD_MAX_VALUES;
}

/* Later in the same file: a non-empty value replaces an earlier one. */
static void
take_later (char       **field,
            const char  *incoming)
{
  if (!is_blank (incoming))
    rapport_set_str (field, incoming);
}

static gboolean
check_merged_tags (RapportContact  *contact,
                   const char      *tags,
                   GError         **error)
{
  g_autoptr(GError) local = NULL;

  if (rapport_limit_check_tags (RAPPORT_LIMIT_TAGS, tags, &local))
    return TRUE;
  g_set_error (error, RAPPORT_IMPORT_ERROR, RAPPORT_IMPORT_ERROR_INVALID_VALUE,
               _("line %u: %s"), contact->line, local->message);
  return FALSE;
}

static gboolean
merge_in_file (RapportContact        *into,
               RapportContact        *contact,
               RapportImportSummary  *summary,
               GError               **error)
{
  char **fields[] = {
    &into->company, &into->title, &into->role, &into->birthday, &into->anniversary,
    &into->notes, &into->status, &into->satisfaction,
  };
  const char *incoming[] = {
    contact->company, contact->title, contact->role, contact->birthday, contact->anniversary,
    contact->notes, contact->status, contact->satisfaction,
  };
  g_autofree char *tags = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    take_later (fields[i], incoming[i]);
  if (!is_blank (contact->name) && g_strcmp0 (contact->name, contact->email) != 0)
    rapport_set_str (&into->name, contact->name);
  if (into->structured_name == NULL && contact->structured_name != NULL)
    into->structured_name = g_strdup (contact->structured_name);
  if (into->uid == NULL && contact->uid != NULL)
    into->uid = g_strdup (contact->uid);
  for (guint i = 0; i < contact->values->len; i++)
    {
      const RapportContactValue *v = g_ptr_array_index (contact->values, i);

      if (rapport_contact_has_value (into, v->kind, v->value))
        continue;
      if (has_room_for (into, v->kind))
        g_ptr_array_add (into->values, rapport_contact_value_copy (v));
      else
        summary->values_not_kept++;
    }
  for (guint i = 0; i < contact->extra->len; i++)
    if (!g_ptr_array_find_with_equal_func (into->extra, g_ptr_array_index (contact->extra, i),
                                           g_str_equal, NULL))
      g_ptr_array_add (into->extra, g_strdup (g_ptr_array_index (contact->extra, i)));
  if (into->photo == NULL && contact->photo != NULL)
    {
      into->photo = g_bytes_ref (contact->photo);
      into->photo_type = g_strdup (contact->photo_type);
    }
  tags = join_tags (NULL, into->tags);
  {
    g_autofree char *all = join_tags (tags, contact->tags);

    if (!check_merged_tags (contact, all, error))
      return FALSE;
    g_strfreev (into->tags);
    into->tags = g_strsplit (all, ";", -1);
    if (*all == '\0')
      {
        g_strfreev (into->tags);
        into->tags = g_new0 (char *, 1);
      }
  }
  if (contact->next_check_in != NULL)
    rapport_set_str (&into->next_check_in, contact->next_check_in);
  rapport_contact_finish (into);
  return TRUE;
}

/* Into the book: what the book lacks is filled, what it has is kept. */
static void
fill_field (char                 **stored,
            const char            *incoming,
            RapportImportSummary  *summary,
            gboolean              *changed)
{
  if (is_blank (incoming))
    return;
  if (is_blank (*stored))
    {
      rapport_set_str (stored, incoming);
      summary->filled++;
      *changed = TRUE;
    }
  else if (g_strcmp0 (*stored, incoming) != 0)
    summary->kept++;
}

static gboolean
update_book_row (Import          *import,
                 gint64           id,
                 RapportContact  *book,
                 gboolean         satisfaction_new,
                 GError         **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  g_autofree char *tags = join_tags (NULL, book->tags);

  stmt = rapport_store_prepare (import->store,
                                "UPDATE customer SET company = ?2, title = ?3, role = ?4, birthday = ?5,"
                                "  anniversary = ?6, notes = ?7, tags = ?8, satisfaction = ?9,"
                                "  satisfaction_recorded_at = CASE WHEN ?10 THEN ?11"
                                "    ELSE satisfaction_recorded_at END,"
                                "  structured_name = ?12, updated_at = ?11"
                                " WHERE id = ?1",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  bind_text (stmt, 2, book->company);
  bind_text (stmt, 3, book->title);
  bind_text (stmt, 4, book->role);
  bind_text (stmt, 5, book->birthday);
  bind_text (stmt, 6, book->anniversary);
  bind_text (stmt, 7, book->notes);
  bind_text (stmt, 8, tags);
  bind_text (stmt, 9, book->satisfaction);
  sqlite3_bind_int (stmt, 10, satisfaction_new);
  bind_text (stmt, 11, import->now);
  if (book->structured_name != NULL)
    bind_text (stmt, 12, book->structured_name);
  return rapport_store_step_done (import->store, stmt, error);
}

static gboolean
merge_into_book (Import                *import,
                 gint64                 id,
                 RapportContact        *contact,
                 RapportImportSummary  *summary,
                 GError               **error)
{
  g_autoptr(RapportContact) book = rapport_customer_card_read (import->store, id, error);
  g_autofree char *stored_tags = NULL;
  g_autofree char *tags = NULL;
  g_autofree char *due_at = due_at_of (contact);
  gboolean changed = FALSE, values_changed = FALSE, extra_changed = FALSE;
  gboolean satisfaction_new = FALSE;

  if (book == NULL)
    return FALSE;

  if (g_strcmp0 (book->name, contact->name) != 0 && g_strcmp0 (contact->name, contact->email) != 0)
    summary->kept++;
  fill_field (&book->company, contact->company, summary, &changed);
  fill_field (&book->title, contact->title, summary, &changed);
  fill_field (&book->role, contact->role, summary, &changed);
  fill_field (&book->birthday, contact->birthday, summary, &changed);
  fill_field (&book->anniversary, contact->anniversary, summary, &changed);
  fill_field (&book->notes, contact->notes, summary, &changed);
  if (book->structured_name == NULL && contact->structured_name != NULL)
    {
      book->structured_name = g_strdup (contact->structured_name);
      changed = TRUE;
    }
  if (!is_blank (contact->status) && g_strcmp0 (book->status, contact->status) != 0)
    summary->kept++;
  if (!is_blank (contact->satisfaction) && g_strcmp0 (contact->satisfaction, "unknown") != 0)
    {
      if (g_strcmp0 (book->satisfaction, "unknown") == 0)
        {
          rapport_set_str (&book->satisfaction, contact->satisfaction);
          summary->filled++;
          changed = satisfaction_new = TRUE;
        }
      else if (g_strcmp0 (book->satisfaction, contact->satisfaction) != 0)
        summary->kept++;
    }
  stored_tags = join_tags (NULL, book->tags);
  tags = join_tags (stored_tags, contact->tags);
  /* Each side was within the limit; together they may not be. */
  if (!check_merged_tags (contact, tags, error))
    return FALSE;
  if (g_strcmp0 (tags, stored_tags) != 0)
    {
      g_strfreev (book->tags);
      book->tags = g_strsplit (tags, ";", -1);
      changed = TRUE;
    }

  for (guint i = 0; i < contact->values->len; i++)
    {
      const RapportContactValue *v = g_ptr_array_index (contact->values, i);

      if (rapport_contact_has_value (book, v->kind, v->value))
        continue;
      if (!has_room_for (book, v->kind))
        {
          summary->values_not_kept++;
          continue;
        }
      g_ptr_array_add (book->values, rapport_contact_value_copy (v));
      summary->values_added++;
      values_changed = TRUE;
    }
  for (guint i = 0; i < contact->extra->len; i++)
    if (!g_ptr_array_find_with_equal_func (book->extra, g_ptr_array_index (contact->extra, i),
                                           g_str_equal, NULL))
      {
        g_ptr_array_add (book->extra, g_strdup (g_ptr_array_index (contact->extra, i)));
        extra_changed = TRUE;
      }

  return (!changed || update_book_row (import, id, book, satisfaction_new, error)) &&
         (!values_changed || rapport_customer_card_write_values (import->store, id, book->values, error)) &&
         (!extra_changed || rapport_customer_card_write_extra (import->store, id, book->extra, error)) &&
         (book->photo != NULL || contact->photo == NULL ||
          rapport_customer_card_write_photo (import->store, id, contact->photo, contact->photo_type, error)) &&
         (due_at == NULL || reschedule_check_in (import, id, due_at, error));
}

/* ---- The import ------------------------------------------------------- */

/* Contacts of the file that stand for the same person become one, the
 * first; returns those, each to be matched against the book. */
static GPtrArray *
merge_file (Import                *import,
            GPtrArray             *contacts,
            RapportImportSummary  *summary,
            GError               **error)
{
  g_autoptr(GPtrArray) unique = g_ptr_array_new ();

  for (guint i = 0; i < contacts->len; i++)
    {
      RapportContact *contact = g_ptr_array_index (contacts, i);
      g_auto(FileKeys) keys = { NULL, NULL };
      RapportContact *same;
      gint64 check_in;

      rapport_contact_finish (contact);
      if (is_blank (contact->name))
        {
          summary->skipped++;
          continue;
        }
      if (!check_contact (contact, &check_in, error))
        return NULL;
      file_keys_init (&keys, contact);
      if ((same = find_in_file (import, contact, &keys)) != NULL)
        {
          g_auto(FileKeys) merged = { NULL, NULL };

          summary->merged++;
          if (!merge_in_file (same, contact, summary, error))
            return NULL;
          file_keys_init (&merged, same);
          remember_in_file (import, same, &merged);
          continue;
        }
      remember_in_file (import, contact, &keys);
      g_ptr_array_add (unique, contact);
    }
  return g_steal_pointer (&unique);
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
  g_autoptr(GPtrArray) unique = NULL;
  g_autoptr(GPtrArray) merges = g_ptr_array_new ();
  g_autoptr(GArray) merge_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  /* Ids are handed out here so that the customers of a batch can get
   * their values and check-ins; the write transaction keeps them ours. */
  stmt = rapport_store_prepare (import->store,
                                "SELECT coalesce (max (id), 0) + 1, count (*) = 0 FROM customer", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return rapport_store_set_error (import->store, sqlite3_errcode (rapport_store_get_db (import->store)),
                                    error, "number new customers");
  import->next_id = sqlite3_column_int64 (stmt, 0);
  import->book_empty = sqlite3_column_int (stmt, 1);
  g_clear_pointer (&stmt, rapport_stmt_release);

  if ((unique = merge_file (import, contacts, summary, error)) == NULL)
    return FALSE;

  /* Who is new and who is in the book is decided before anything is
   * written, so that the writes can go in the cheapest order. */
  for (guint i = 0; i < unique->len; i++)
    {
      RapportContact *contact = g_ptr_array_index (unique, i);
      gint64 id = 0;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (!import->book_empty && (id = find_in_book (import, contact, error)) < 0)
        return FALSE;
      if (id > 0)
        {
          g_ptr_array_add (merges, contact);
          g_array_append_val (merge_ids, id);
        }
      else
        add_new_customer (import, contact);
      /* Deciding is half the work; writing, the other half, reports at the end. */
      if (progress != NULL && (i + 1) % RAPPORT_IMPORT_PROGRESS_INTERVAL == 0)
        progress ((i + 1) / 2, unique->len, user_data);
    }
  summary->added += import->new_customers->len;
  summary->merged += merges->len;

  if (!insert_new_customers (import, error))
    return FALSE;

  for (guint i = 0; i < merges->len; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !merge_into_book (import, g_array_index (merge_ids, gint64, i),
                            g_ptr_array_index (merges, i), summary, error))
        return FALSE;
    }

  return !g_cancellable_set_error_if_cancelled (cancellable, error);
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
 * @contacts: (element-type RapportContact): as read by rapport_importer_read_file();
 *   contacts of the file that stand for one person are merged into the first
 * @progress: (nullable): called every %RAPPORT_IMPORT_PROGRESS_INTERVAL
 *   contacts and at the end, in the calling thread
 * @cancellable: (nullable): cancelling rolls the whole import back
 * @summary: (out caller-allocates) (optional): what happened to the contacts
 *
 * Adds @contacts to the book in one transaction.  A contact matching a
 * customer (by UID, then any email, then the same name with the same phone
 * or company) is merged into it: what the book lacks is filled in, new
 * emails and phones are added, and nothing typed in Rapport is overwritten.
 * A contact with a next check-in gets a keep-in-touch follow-up at that
 * time.  On error or cancellation nothing is changed.
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
  g_autofree char *cache_size = NULL;
  g_autoptr(GPtrArray) new_customers = g_ptr_array_new ();
  g_autoptr(GArray) new_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) pending_values = g_array_new (FALSE, FALSE, sizeof (PendingValue));
  g_autoptr(GArray) pending_extra = g_array_new (FALSE, FALSE, sizeof (PendingExtra));
  g_autoptr(GArray) pending_check_ins = g_array_new (FALSE, FALSE, sizeof (PendingCheckIn));
  g_autoptr(GHashTable) by_uid = NULL;
  g_autoptr(GHashTable) by_email = NULL;
  g_autoptr(GHashTable) by_name = NULL;
  RapportImportSummary counts = { 0, };
  gboolean ok;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), FALSE);
  g_return_val_if_fail (contacts != NULL, FALSE);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (summary != NULL)
    *summary = counts;

  now = rapport_time_format_utc (rapport_time_now ());
  by_uid = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  by_email = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_array_set_clear_func (pending_check_ins, clear_pending_check_in);
  import = g_new0 (Import, 1);
  *import = (Import) {
    store, now, _("Check-in date from the imported file"), 0, 0, FALSE,
    new_customers, new_ids, pending_values, pending_extra, pending_check_ins,
    by_uid, by_email, by_name,
  };

  if (!rapport_store_begin (store, error))
    return FALSE;

  cache_size = g_strdup_printf ("%d", get_cache_size (store));
  set_cache_size (store, IMPORT_CACHE_SIZE);
  rapport_store_exec (store, "PRAGMA cache_spill = OFF", NULL);
  ok = import_all (import, contacts, progress, user_data, cancellable, &counts, error);
  ok = ok && rapport_store_commit (store, error);
  if (!ok)
    rapport_store_rollback (store);
  set_cache_size (store, cache_size);
  rapport_store_exec (store, "PRAGMA cache_spill = ON", NULL);
  if (!ok)
    return FALSE;

  if (progress != NULL)
    progress (contacts->len, contacts->len, user_data);
  if (summary != NULL)
    *summary = counts;
  return TRUE;
}
