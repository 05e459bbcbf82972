/* rapport-testimonials-page-export.c: Export for Sales Material, as a PDF or a web page
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The file's extension picks the format.  The web page is small and is
 * written at once; the PDF may run to hundreds of pages, so it is drawn in
 * a worker thread with a connection of its own while a progress bar under
 * the toolbar follows it.  The paper is the dialog's choice, which starts
 * at the `collateral-paper` setting (the locale's paper for "auto") and is
 * remembered there.
 */

#define G_LOG_DOMAIN "rapport-testimonials-page-export"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-html-export.h"
#include "rapport-pdf-export.h"
#include "rapport-testimonials-page-private.h"
#include "rapport-toast.h"

typedef struct
{
  char         *book;
  char         *path;
  char         *tag;
  char         *product;
  RapportPaper  paper;
  GtkWidget    *progress_bar;
} Export;

typedef struct
{
  GtkWidget *progress_bar;
  double     fraction;
} Progress;

static void
export_free (Export *export)
{
  g_free (export->book);
  g_free (export->path);
  g_free (export->tag);
  g_free (export->product);
  g_clear_object (&export->progress_bar);
  g_free (export);
}

static gboolean
show_progress (gpointer user_data)
{
  Progress *progress = user_data;

  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (progress->progress_bar), progress->fraction);
  return G_SOURCE_REMOVE;
}

static void
progress_free (Progress *progress)
{
  g_object_unref (progress->progress_bar);
  g_free (progress);
}

/* In the worker: hand the fraction to the main thread. */
static void
on_pdf_progress (guint    done,
                 guint    total,
                 gpointer user_data)
{
  Export *export = user_data;
  Progress *progress = g_new0 (Progress, 1);

  progress->progress_bar = g_object_ref (export->progress_bar);
  progress->fraction = total > 0 ? (double) done / total : 1.0;
  g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT_IDLE, show_progress, progress,
                              (GDestroyNotify) progress_free);
}

static void
pdf_thread (GTask        *task,
            gpointer      source,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Export *export = task_data;
  RapportTestimonialFilter filter = { .tag = export->tag, .product = export->product };
  g_autoptr(RapportStore) reader = NULL;
  GError *error = NULL;

  reader = rapport_store_open_reader (export->book, &error);
  if (reader == NULL ||
      !rapport_pdf_export (reader, export->path, &filter, export->paper,
                           on_pdf_progress, export, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
report_exported (RapportTestimonialsPage *self,
                 const char              *path)
{
  g_autofree char *name = g_markup_escape_text (path, -1);
  g_autofree char *title = g_strdup_printf (_("Exported to %s"), name);

  rapport_toast_show (GTK_WIDGET (self), adw_toast_new (title));
}

static void
pdf_done (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  RapportTestimonialsPage *self = RAPPORT_TESTIMONIALS_PAGE (object);
  Export *export = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  /* The page went away while the worker ran. */
  if (self->export_revealer == NULL)
    return;
  g_clear_object (&self->exporting);
  gtk_revealer_set_reveal_child (self->export_revealer, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "testimonials.export", TRUE);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        rapport_toast_error (GTK_WIDGET (self), error->message);
      return;
    }
  report_exported (self, export->path);
}

static void
start_pdf (RapportTestimonialsPage *self,
           const char              *path,
           RapportPaper             paper)
{
  const RapportTestimonialFilter *filter = rapport_testimonial_list_get_filter (self->list);
  g_autoptr(GTask) task = NULL;
  Export *export = g_new0 (Export, 1);

  export->book = g_strdup (rapport_store_get_path (self->store));
  export->path = g_strdup (path);
  export->tag = filter != NULL ? g_strdup (filter->tag) : NULL;
  export->product = filter != NULL ? g_strdup (filter->product) : NULL;
  export->paper = paper;
  export->progress_bar = g_object_ref (GTK_WIDGET (self->export_progress));

  gtk_progress_bar_set_fraction (self->export_progress, 0);
  gtk_revealer_set_reveal_child (self->export_revealer, TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "testimonials.export", FALSE);

  self->exporting = g_cancellable_new ();
  task = g_task_new (self, self->exporting, pdf_done, NULL);
  g_task_set_source_tag (task, start_pdf);
  g_task_set_task_data (task, export, (GDestroyNotify) export_free);
  g_task_run_in_thread (task, pdf_thread);
}

static gboolean
is_pdf (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  return g_str_has_suffix (lower, ".pdf");
}

static void
on_export_response (GtkNativeDialog         *chooser,
                    int                      response,
                    RapportTestimonialsPage *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    {
      const char *paper = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "paper");

      path = g_file_get_path (file);
      if (path == NULL)
        rapport_toast_error (GTK_WIDGET (self), _("Choose a folder on this computer"));
      else if (is_pdf (path))
        {
          g_autofree char *setting = g_settings_get_string (self->settings, "collateral-paper");

          /* "auto" stays until the user picks another paper than the locale's. */
          if (paper != NULL &&
              rapport_paper_from_setting (paper) != rapport_paper_from_setting (setting))
            g_settings_set_string (self->settings, "collateral-paper", paper);
          start_pdf (self, path, rapport_paper_from_setting (paper != NULL ? paper : setting));
        }
      else if (!rapport_html_export (self->store, path,
                                     rapport_testimonial_list_get_filter (self->list), &error))
        rapport_toast_error (GTK_WIDGET (self), error->message);
      else
        report_exported (self, path);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char     *suffix)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_suffix (filter, suffix);
  gtk_file_chooser_add_filter (chooser, filter);
}

void
_rapport_testimonials_page_export_action (GtkWidget  *widget,
                                          const char *action_name,
                                          GVariant   *param)
{
  RapportTestimonialsPage *self = RAPPORT_TESTIMONIALS_PAGE (widget);
  GtkFileChooserNative *chooser;
  g_autofree char *setting = g_settings_get_string (self->settings, "collateral-paper");
  const char *papers[] = { "a4", "letter", NULL };
  /* Translators: paper sizes; "Letter" is the US paper, not a letter one writes */
  const char *paper_labels[] = { C_("paper", "A4"), C_("paper", "Letter"), NULL };

  chooser = gtk_file_chooser_native_new (_("Export for Sales Material"),
                                         GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  add_filter (GTK_FILE_CHOOSER (chooser), _("PDF documents (print-ready)"), "pdf");
  add_filter (GTK_FILE_CHOOSER (chooser), _("Web pages"), "html");
  /* Translators: the paper a PDF of testimonials is laid out on */
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "paper", _("PDF paper"), papers, paper_labels);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "paper",
                               rapport_paper_from_setting (setting) == RAPPORT_PAPER_LETTER ? "letter" : "a4");
  /* Translators: the file name offered; keep the extension (.pdf, or .html for a web page) */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("Testimonials.pdf"));
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_export_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* A window closed mid-export leaves no file behind. */
void
_rapport_testimonials_page_export_cancel (RapportTestimonialsPage *self)
{
  g_cancellable_cancel (self->exporting);
  g_clear_object (&self->exporting);
}
