/* rapport-import-dialog.c: preview a file or address book of customers, then import it with progress
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading and importing run in worker threads, each on a connection of its
 * own, so the window stays responsive on a file of 100,000 customers.  The
 * import is one transaction: Cancel (or an error) leaves the book as it was.
 */

#define G_LOG_DOMAIN "rapport-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-contact.h"
#include "rapport-import-dialog.h"
#include "rapport-importer.h"
#include "rapport-toast.h"

#define PREVIEW_ROWS 5
/* A file of 100,000 rows may warn on each: the first ones tell the story. */
#define WARNINGS_SHOWN 50
/* A card may carry 100 emails: the preview names the first few. */
#define VALUES_SHOWN 4

struct _RapportImportDialog
{
  AdwWindow       parent_instance;

  RapportStore   *store;
  GFile          *file;         /* what is imported: a file … */
  RapportAddressBook *book;     /* … or the desktop's address book */
  GPtrArray      *contacts;     /* read from the file, ready to import */
  RapportImportNotes *notes;    /* what reading could not keep */
  GCancellable   *cancellable;
  gboolean        importing;

  GtkButton      *cancel_button;
  GtkButton      *import_button;
  GtkLabel       *summary_label;
  GtkLabel       *error_label;
  GtkProgressBar *progress_bar;
  GtkWidget      *preview_group;
  GtkListBox     *preview_list;
  GtkWidget      *notes_group;
  GtkListBox     *warnings_list;
  GtkWidget      *merge_group;
  GtkListBox     *merge_list;
};

G_DEFINE_FINAL_TYPE (RapportImportDialog, rapport_import_dialog, ADW_TYPE_WINDOW)

enum {
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  RapportImportDialog *self;
  guint                done;
  guint                total;
} Progress;

static void
show_error (RapportImportDialog *self,
            const char          *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

typedef struct
{
  GPtrArray          *contacts;
  RapportImportNotes *notes;
} ReadResult;

static void
read_result_free (ReadResult *result)
{
  g_clear_pointer (&result->contacts, g_ptr_array_unref);
  g_clear_pointer (&result->notes, rapport_import_notes_free);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReadResult, read_result_free)

/* The thread's own copy: the dialog may be disposed while it reads. */
typedef struct
{
  GFile              *file;
  RapportAddressBook *book;
} ReadJob;

static void
read_job_free (ReadJob *job)
{
  g_clear_object (&job->file);
  g_clear_pointer (&job->book, rapport_address_book_free);
  g_free (job);
}

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ReadJob *job = task_data;
  g_autoptr(ReadResult) result = g_new0 (ReadResult, 1);
  GError *error = NULL;

  result->notes = rapport_import_notes_new ();
  if (job->book != NULL)
    {
      result->contacts = rapport_address_book_read (job->book, RAPPORT_ADDRESS_BOOK_TIMEOUT,
                                                    result->notes, cancellable, &error);
    }
  else
    {
      g_autofree char *path = g_file_get_path (job->file);

      result->contacts = rapport_importer_read_file (path, result->notes, &error);
    }

  if (result->contacts == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&result), (GDestroyNotify) read_result_free);
}

/* The values of @kind, the preferred one first: "ada@a.example, ada@b.example". */
static char *
join_values (RapportContact   *contact,
             RapportValueKind  kind,
             const char       *preferred)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  g_autofree char *more = NULL;
  g_autofree char *shown = NULL;
  guint total = *preferred != '\0';

  if (*preferred != '\0')
    g_ptr_array_add (texts, (gpointer) preferred);
  for (guint i = 0; i < contact->values->len; i++)
    {
      RapportContactValue *v = g_ptr_array_index (contact->values, i);

      if (v->kind != kind || g_str_equal (v->value, preferred))
        continue;
      total++;
      if (texts->len < VALUES_SHOWN)
        g_ptr_array_add (texts, v->value);
    }
  if (texts->len == 0)
    return NULL;
  g_ptr_array_add (texts, NULL);
  /* Translators: between the emails (or phones) of one contact */
  shown = g_strjoinv (_(", "), (char **) texts->pdata);
  if (total == texts->len - 1)
    return g_steal_pointer (&shown);
  /* Translators: "ada@a.example, ada@b.example and 3 more" */
  more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s and %'u more", "%s and %'u more",
                                       total - (texts->len - 1)),
                          shown, total - (texts->len - 1));
  return g_steal_pointer (&more);
}

static GtkWidget *
create_preview_row (RapportContact *contact)
{
  GtkWidget *row = adw_action_row_new ();
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *subtitle = NULL;
  char *line;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), contact->name);
  if (*contact->company != '\0')
    g_ptr_array_add (lines, g_strdup (contact->company));
  if ((line = join_values (contact, RAPPORT_VALUE_EMAIL, contact->email)) != NULL)
    g_ptr_array_add (lines, line);
  if ((line = join_values (contact, RAPPORT_VALUE_PHONE, contact->phone)) != NULL)
    g_ptr_array_add (lines, line);
  if (lines->len == 0)
    g_ptr_array_add (lines, g_strdup ("—"));
  g_ptr_array_add (lines, NULL);
  subtitle = g_strjoinv ("\n", (char **) lines->pdata);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  return row;
}

static void
add_note (RapportImportDialog *self,
          const char          *text,
          const char          *icon_name)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  if (icon_name != NULL)
    adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name (icon_name));
  gtk_list_box_append (self->warnings_list, row);
}

/* What reading did not keep and what it warned about, before the import
 * and in its summary: nothing is lost without a word. */
static void
show_notes (RapportImportDialog *self)
{
  g_autofree char *not_kept = rapport_import_notes_describe (self->notes);
  GPtrArray *warnings = self->notes->warnings;

  if (not_kept != NULL)
    {
      char first[8] = { 0 };
      g_autofree char *sentence = NULL;

      /* The core's phrase starts in lower case ("not kept: …"), a row
       * starts a sentence.  Warnings start with a file name: as they are. */
      g_unichar_to_utf8 (g_unichar_totitle (g_utf8_get_char (not_kept)), first);
      sentence = g_strconcat (first, g_utf8_next_char (not_kept), NULL);
      add_note (self, sentence, "dialog-warning-symbolic");
    }
  for (guint i = 0; i < MIN (warnings->len, WARNINGS_SHOWN); i++)
    add_note (self, g_ptr_array_index (warnings, i), "dialog-information-symbolic");
  if (warnings->len > WARNINGS_SHOWN)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "And %'u more warning",
                                                            "And %'u more warnings",
                                                            warnings->len - WARNINGS_SHOWN),
                                               warnings->len - WARNINGS_SHOWN);

      add_note (self, more, NULL);
    }
  gtk_widget_set_visible (self->notes_group, not_kept != NULL || warnings->len > 0);
}

static void
add_merge_row (RapportImportDialog *self,
               const char          *text)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  gtk_list_box_append (self->merge_list, row);
}

/* What a merge did to customers already in the book; FALSE if nothing. */
static gboolean
show_merge (RapportImportDialog        *self,
            const RapportImportSummary *summary)
{
  g_autofree char *values = NULL;
  g_autofree char *filled = NULL;
  g_autofree char *kept = NULL;

  if (summary->values_added > 0)
    {
      values = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u email, phone, address or website added",
                                             "%'u emails, phones, addresses or websites added",
                                             summary->values_added),
                                summary->values_added);
      add_merge_row (self, values);
    }
  if (summary->filled > 0)
    {
      filled = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u empty field filled in",
                                             "%'u empty fields filled in", summary->filled),
                                summary->filled);
      add_merge_row (self, filled);
    }
  if (summary->kept > 0)
    {
      /* Translators: the book's values were kept over the file's */
      kept = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u field kept as it was in Rapport",
                                           "%'u fields kept as they were in Rapport", summary->kept),
                              summary->kept);
      add_merge_row (self, kept);
    }
  gtk_widget_set_visible (self->merge_group, values != NULL || filled != NULL || kept != NULL);
  return gtk_widget_get_visible (self->merge_group);
}

static gboolean
has_notes (RapportImportDialog *self)
{
  return self->notes != NULL &&
         (g_hash_table_size (self->notes->counts) > 0 || self->notes->warnings->len > 0);
}

static void
read_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  RapportImportDialog *self = RAPPORT_IMPORT_DIALOG (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(ReadResult) read = g_task_propagate_pointer (G_TASK (result), &error);
  g_autofree char *summary = NULL;
  GPtrArray *contacts;

  if (self->store == NULL)
    return;  /* closed meanwhile */
  if (read == NULL)
    {
      gtk_label_set_label (self->summary_label, self->book != NULL
                                                ? _("This address book cannot be imported")
                                                : _("This file cannot be imported"));
      show_error (self, error->message);
      return;
    }

  contacts = read->contacts;
  self->contacts = g_steal_pointer (&read->contacts);
  self->notes = g_steal_pointer (&read->notes);
  show_notes (self);
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u customer to import",
                                          "%'u customers to import", contacts->len),
                             contacts->len);
  gtk_label_set_label (self->summary_label, summary);
  for (guint i = 0; i < MIN (contacts->len, PREVIEW_ROWS); i++)
    gtk_list_box_append (self->preview_list, create_preview_row (g_ptr_array_index (contacts, i)));
  gtk_widget_set_visible (self->preview_group, contacts->len > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), contacts->len > 0);
}

typedef struct
{
  GPtrArray *contacts;
  char      *path;
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  g_ptr_array_unref (job->contacts);
  g_free (job->path);
  g_free (job);
}

static void
progress_free (gpointer data)
{
  Progress *progress = data;

  g_object_unref (progress->self);
  g_free (progress);
}

static gboolean
show_progress (gpointer data)
{
  Progress *progress = data;
  RapportImportDialog *self = progress->self;
  g_autofree char *text = g_strdup_printf (_("%u of %u"), progress->done, progress->total);

  /* The dialog may be closing; its widgets are gone then. */
  if (self->progress_bar == NULL)
    return G_SOURCE_REMOVE;
  if (progress->total > 0)
    gtk_progress_bar_set_fraction (self->progress_bar, (double) progress->done / progress->total);
  gtk_progress_bar_set_text (self->progress_bar, text);
  return G_SOURCE_REMOVE;
}

static void
on_progress (guint    done,
             guint    total,
             gpointer user_data)
{
  Progress *progress = g_new0 (Progress, 1);

  progress->self = g_object_ref (user_data);
  progress->done = done;
  progress->total = total;
  g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, show_progress, progress, progress_free);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportJob *job = task_data;
  g_autoptr(RapportStore) store = NULL;
  RapportImportSummary *summary = g_new0 (RapportImportSummary, 1);
  GError *error = NULL;

  /* A connection of the thread's own: the store's is the main thread's. */
  store = rapport_store_open (job->path, &error);
  if (store == NULL ||
      !rapport_importer_import (store, job->contacts, on_progress, source_object, cancellable,
                                summary, &error))
    {
      g_free (summary);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, summary, g_free);
}

static void
import_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  RapportImportDialog *self = RAPPORT_IMPORT_DIALOG (object);
  g_autoptr(GError) error = NULL;
  g_autofree RapportImportSummary *summary = g_task_propagate_pointer (G_TASK (result), &error);
  g_autofree char *message = NULL;
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  self->importing = FALSE;
  if (self->store == NULL)
    return;  /* closed meanwhile */
  if (summary == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          gtk_window_destroy (GTK_WINDOW (self));
          return;
        }
      gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);
      gtk_button_set_label (self->cancel_button, _("_Close"));
      show_error (self, error->message);
      return;
    }

  /* The import wrote through its own connection; tell the views. */
  rapport_store_notify_changed (self->store);
  message = g_strdup_printf (_("Imported: %u added, %u merged, %u skipped"),
                             summary->added, summary->merged, summary->skipped);
  g_signal_emit (self, signals[IMPORTED], 0);

  if (!show_merge (self, summary) && !has_notes (self))
    {
      if (parent != NULL)
        rapport_toast_show (GTK_WIDGET (parent), adw_toast_new (message));
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  /* Customers were changed, or something was not kept: a toast would
   * vanish before it is read, so the dialog stays as the summary. */
  gtk_label_set_label (self->summary_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);
  gtk_widget_set_visible (self->preview_group, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->import_button), FALSE);
  gtk_button_set_label (self->cancel_button, _("_Close"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), TRUE);
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->cancel_button));
  gtk_widget_grab_focus (GTK_WIDGET (self->cancel_button));
}

/**
 * rapport_import_dialog_start:
 *
 * Imports what the preview showed; the same as pressing Import.
 */
void
rapport_import_dialog_start (RapportImportDialog *self)
{
  g_autoptr(GTask) task = NULL;
  ImportJob *job;

  g_return_if_fail (RAPPORT_IS_IMPORT_DIALOG (self));
  g_return_if_fail (self->contacts != NULL && !self->importing);

  self->importing = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), TRUE);

  job = g_new0 (ImportJob, 1);
  job->contacts = g_ptr_array_ref (self->contacts);
  job->path = g_strdup (rapport_store_get_path (self->store));

  task = g_task_new (self, self->cancellable, import_done, NULL);
  g_task_set_source_tag (task, rapport_import_dialog_start);
  g_task_set_task_data (task, job, (GDestroyNotify) import_job_free);
  g_task_run_in_thread (task, import_thread);
}

static void
on_import_clicked (RapportImportDialog *self)
{
  rapport_import_dialog_start (self);
}

static void
on_cancel_clicked (RapportImportDialog *self)
{
  if (self->importing)
    {
      /* The import rolls back and the dialog closes when it has. */
      g_cancellable_cancel (self->cancellable);
      gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), FALSE);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static gboolean
rapport_import_dialog_close_request (GtkWindow *window)
{
  RapportImportDialog *self = RAPPORT_IMPORT_DIALOG (window);

  if (self->importing)
    {
      on_cancel_clicked (self);
      return TRUE;
    }
  return FALSE;
}

static void
rapport_import_dialog_dispose (GObject *object)
{
  RapportImportDialog *self = (RapportImportDialog *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_IMPORT_DIALOG);
  g_clear_pointer (&self->contacts, g_ptr_array_unref);
  g_clear_pointer (&self->notes, rapport_import_notes_free);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->file);
  g_clear_pointer (&self->book, rapport_address_book_free);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (rapport_import_dialog_parent_class)->dispose (object);
}

static void
rapport_import_dialog_class_init (RapportImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = rapport_import_dialog_dispose;
  window_class->close_request = rapport_import_dialog_close_request;

  signals[IMPORTED] = g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rapportapp/Rapport/rapport-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, RapportImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, RapportImportDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, RapportImportDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, RapportImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, RapportImportDialog, preview_group);
  gtk_widget_class_bind_template_child (widget_class, RapportImportDialog, preview_list);
  gtk_widget_class_bind_template_child (widget_class, RapportImportDialog, notes_group);
  gtk_widget_class_bind_template_child (widget_class, RapportImportDialog, warnings_list);
  gtk_widget_class_bind_template_child (widget_class, RapportImportDialog, merge_group);
  gtk_widget_class_bind_template_child (widget_class, RapportImportDialog, merge_list);
  gtk_widget_class_bind_template_callback (widget_class, on_import_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rapport_import_dialog_init (RapportImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

static void
start_reading (RapportImportDialog *self,
               const char          *title)
{
  g_autoptr(GTask) task = NULL;
  ReadJob *job = g_new0 (ReadJob, 1);

  if (self->file != NULL)
    job->file = g_object_ref (self->file);
  if (self->book != NULL)
    job->book = rapport_address_book_copy (self->book);

  /* Translators: while a file or an address book of customers is being read */
  gtk_label_set_label (self->summary_label, _("Reading…"));
  gtk_window_set_title (GTK_WINDOW (self), title);

  task = g_task_new (self, self->cancellable, read_done, NULL);
  g_task_set_source_tag (task, start_reading);
  g_task_set_task_data (task, job, (GDestroyNotify) read_job_free);
  g_task_run_in_thread (task, read_thread);
}

RapportImportDialog *
rapport_import_dialog_new (RapportStore *store,
                           GFile        *file)
{
  RapportImportDialog *self;
  g_autofree char *name = NULL;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (RAPPORT_TYPE_IMPORT_DIALOG, NULL);
  self->store = g_object_ref (store);
  self->file = g_object_ref (file);
  name = g_file_get_basename (file);
  start_reading (self, name);
  return self;
}

/**
 * rapport_import_dialog_new_for_address_book:
 * @book: one of the desktop's address books
 *
 * The same preview and import as a file's, of @book's contacts read through
 * evolution-data-server.  An address book that cannot be opened or read, or
 * does not answer in time, is explained in the dialog.
 */
RapportImportDialog *
rapport_import_dialog_new_for_address_book (RapportStore             *store,
                                            const RapportAddressBook *book)
{
  RapportImportDialog *self;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);
  g_return_val_if_fail (book != NULL, NULL);

  self = g_object_new (RAPPORT_TYPE_IMPORT_DIALOG, NULL);
  self->store = g_object_ref (store);
  self->book = rapport_address_book_copy (book);
  start_reading (self, book->name);
  return self;
}

/**
 * rapport_import_dialog_get_ready:
 *
 * Whether the file was read without error and can be imported.
 */
gboolean
rapport_import_dialog_get_ready (RapportImportDialog *self)
{
  g_return_val_if_fail (RAPPORT_IS_IMPORT_DIALOG (self), FALSE);

  return self->contacts != NULL && self->contacts->len > 0 && !self->importing;
}
