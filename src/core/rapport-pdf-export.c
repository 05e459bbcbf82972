/* rapport-pdf-export.c: public testimonials as a print-ready PDF for sales material
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same testimonials as the web page (rapport-html-export.c): only
 * those cleared for public use are read, anonymous ones without name or
 * company.  Pango lays the text out, so right-to-left and CJK quotes
 * shape and wrap as they should, and cairo writes the PDF.  This needs
 * pango and cairo only, never GTK, so it lives in the core, where the
 * exporter's table and the command line reach it without a display.
 *
 * Pages stream: each testimonial is read, measured as one block and drawn
 * before the next is read, so 5,000 of them cost no more memory than
 * five.  A block that does not fit below the last one starts a new page;
 * one taller than a whole page is drawn smaller rather than split.
 */

#define G_LOG_DOMAIN "rapport-pdf-export"

#include "config.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <langinfo.h>
#include <pango/pangocairo.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rapport-contact.h"
#include "rapport-pdf-export.h"

#define MARGIN       54.0   /* points: three quarters of an inch */
#define FOOTER       22.0
#define ACCENT        3.0
#define INSET        14.0
#define BLOCK_GAP    20.0
#define PROGRESS_STEP 25

typedef struct
{
  cairo_surface_t    *surface;
  cairo_t            *cr;
  PangoFontMap       *font_map;
  PangoContext       *context;
  double              width;
  double              height;
  double              y;           /* where the next block goes */
  gboolean            page_empty;
  guint               page;
  guint               done;
  guint               total;
  RapportPdfProgress  progress;
  gpointer            user_data;
  GCancellable       *cancellable;
  int                 fd;
  int                 write_errno;
} Job;

typedef struct
{
  PangoLayout *quote;
  PangoLayout *stars;
  PangoLayout *by;
  PangoLayout *about;
  gboolean     rtl;
  double       height;
} Block;

/**
 * rapport_paper_for_locale:
 *
 * Returns: Letter where LC_PAPER says so (the United States, Canada,
 *   Mexico …), A4 everywhere else
 */
RapportPaper
rapport_paper_for_locale (void)
{
  /* glibc encodes the width in millimetres in the pointer itself. */
  int width = (int) (gintptr) nl_langinfo (_NL_PAPER_WIDTH);

  return width == 216 ? RAPPORT_PAPER_LETTER : RAPPORT_PAPER_A4;
}

/**
 * rapport_paper_from_setting:
 * @setting: (nullable): the `collateral-paper` setting: "a4", "letter" or
 *   "auto"
 *
 * Returns: the paper chosen, the locale's for "auto" or anything unknown
 */
RapportPaper
rapport_paper_from_setting (const char *setting)
{
  if (g_strcmp0 (setting, "a4") == 0)
    return RAPPORT_PAPER_A4;
  if (g_strcmp0 (setting, "letter") == 0)
    return RAPPORT_PAPER_LETTER;
  return rapport_paper_for_locale ();
}

/* Valid UTF-8 without control characters, which Pango would draw as
 * boxes; line breaks stay, at most one blank line in a row. */
static char *
clean_text (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  g_autoptr(GString) out = g_string_new (NULL);
  guint newlines = 0;

  g_strstrip (valid);
  for (const char *p = valid; *p != '\0'; p++)
    {
      if (*p == '\r')
        continue;
      if (*p == '\n')
        {
          if (++newlines <= 2)
            g_string_append_c (out, '\n');
          continue;
        }
      newlines = 0;
      g_string_append_c (out, (guchar) *p < 0x20 ? ' ' : *p);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static PangoLayout *
new_layout (Job        *job,
            const char *font,
            double      width)
{
  PangoLayout *layout = pango_layout_new (job->context);
  g_autoptr(PangoFontDescription) description = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, description);
  pango_layout_set_width (layout, pango_units_from_double (width));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int height;

  if (layout == NULL)
    return 0;
  pango_layout_get_size (layout, NULL, &height);
  return pango_units_to_double (height);
}

static char *
first_item (const char *list)
{
  g_auto(GStrv) parts = g_strsplit (list != NULL ? list : "", ";", 2);

  return g_strstrip (g_strdup (parts[0] != NULL ? parts[0] : ""));
}

/* Each name is isolated (U+2068 … U+2069), so an Arabic name cannot turn
 * an English company around; the leading mark sets the line's direction
 * to the quote's. */
static char *
attribution_markup (RapportTestimonial *testimonial,
                    const char         *mark)
{
  if (g_strcmp0 (rapport_testimonial_get_permission (testimonial), "public_named") == 0)
    {
      g_autofree char *name = clean_text (rapport_testimonial_get_customer_name (testimonial));
      g_autofree char *company = clean_text (rapport_testimonial_get_company (testimonial));

      if (*company == '\0')
        return g_markup_printf_escaped ("%s— <b>\u2068%s\u2069</b>", mark, name);
      return g_markup_printf_escaped ("%s— <b>\u2068%s\u2069</b>, \u2068%s\u2069", mark, name, company);
    }
  else
    {
      g_autofree char *field = first_item (rapport_testimonial_get_tags (testimonial));
      g_autofree char *clean = clean_text (field);
      g_autofree char *isolated = g_strdup_printf ("\u2068%s\u2069", clean);
      g_autofree char *text = *clean != '\0' ? g_strdup_printf (_("a customer in %s"), isolated)
                                             : g_strdup (_("a customer"));

      return g_markup_printf_escaped ("%s— %s", mark, text);
    }
}

static char *
products_line (const char *products)
{
  g_auto(GStrv) names = g_strsplit (products != NULL ? products : "", ";", -1);
  g_autoptr(GString) line = g_string_new (NULL);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *name = clean_text (names[i]);

      if (*name == '\0')
        continue;
      if (line->len > 0)
        g_string_append (line, " · ");
      g_string_append_printf (line, "\u2068%s\u2069", name);
    }
  return line->len > 0 ? g_string_free (g_steal_pointer (&line), FALSE) : NULL;
}

static void
block_clear (Block *block)
{
  g_clear_object (&block->quote);
  g_clear_object (&block->stars);
  g_clear_object (&block->by);
  g_clear_object (&block->about);
}

static void
block_measure (Job                *job,
               Block              *block,
               RapportTestimonial *testimonial)
{
  double text_width = job->width - 2 * MARGIN - INSET;
  g_autofree char *quote = clean_text (rapport_testimonial_get_quote (testimonial));
  g_autofree char *quoted = NULL;
  g_autofree char *by = NULL;
  g_autofree char *about = products_line (rapport_testimonial_get_products (testimonial));
  const char *mark;
  int rating = rapport_testimonial_get_rating (testimonial);

  /* Translators: a quotation in the PDF of testimonials; use your language's quotation marks */
  quoted = g_strdup_printf (_("“%s”"), quote);
  block->quote = new_layout (job, "Serif 12.5", text_width);
  pango_layout_set_spacing (block->quote, pango_units_from_double (2.5));
  pango_layout_set_text (block->quote, quoted, -1);
  block->height = layout_height (block->quote);

  /* The quote's first paragraph decides which side the block reads from. */
  block->rtl = pango_layout_line_get_resolved_direction (pango_layout_get_line_readonly (block->quote, 0))
               == PANGO_DIRECTION_RTL;
  mark = block->rtl ? "\u200F" : "\u200E";

  if (rating > 0)
    {
      g_autofree char *stars = rapport_testimonial_stars (rating);
      g_autofree char *line = g_strconcat (mark, stars, NULL);

      block->stars = new_layout (job, "Sans 12", text_width);
      pango_layout_set_text (block->stars, line, -1);
      block->height += 6 + layout_height (block->stars);
    }

  by = attribution_markup (testimonial, mark);
  block->by = new_layout (job, "Sans 10.5", text_width);
  pango_layout_set_markup (block->by, by, -1);
  block->height += 6 + layout_height (block->by);

  if (about != NULL)
    {
      g_autofree char *line = g_strconcat (mark, about, NULL);

      block->about = new_layout (job, "Sans 9", text_width);
      pango_layout_set_text (block->about, line, -1);
      block->height += 3 + layout_height (block->about);
    }
}

static void
show_layout (Job         *job,
             PangoLayout *layout,
             double       x,
             double      *y,
             double       gap,
             double       r,
             double       g,
             double       b)
{
  if (layout == NULL)
    return;
  *y += gap;
  cairo_set_source_rgb (job->cr, r, g, b);
  cairo_move_to (job->cr, x, *y);
  pango_cairo_show_layout (job->cr, layout);
  *y += layout_height (layout);
}

static void
block_draw (Job   *job,
            Block *block,
            double scale)
{
  double text_x = block->rtl ? MARGIN : MARGIN + INSET;
  double bar_x = block->rtl ? job->width - MARGIN - ACCENT : MARGIN;
  double y = 0;

  cairo_save (job->cr);
  /* Scaled about the block's top corner on its accent's side. */
  cairo_translate (job->cr, block->rtl ? job->width - MARGIN : MARGIN, job->y);
  cairo_scale (job->cr, scale, scale);
  cairo_translate (job->cr, block->rtl ? -(job->width - MARGIN) : -MARGIN, 0);

  cairo_set_source_rgb (job->cr, 0x35 / 255.0, 0x84 / 255.0, 0xe4 / 255.0);
  cairo_rectangle (job->cr, bar_x, 0, ACCENT, block->height);
  cairo_fill (job->cr);

  show_layout (job, block->quote, text_x, &y, 0, 0x24 / 255.0, 0x1f / 255.0, 0x31 / 255.0);
  show_layout (job, block->stars, text_x, &y, 6, 0xc8 / 255.0, 0x88 / 255.0, 0);
  show_layout (job, block->by, text_x, &y, 6, 0x3d / 255.0, 0x38 / 255.0, 0x46 / 255.0);
  show_layout (job, block->about, text_x, &y, 3, 0x77 / 255.0, 0x76 / 255.0, 0x7b / 255.0);
  cairo_restore (job->cr);

  job->y += block->height * scale + BLOCK_GAP;
  job->page_empty = FALSE;
}

static void
draw_header (Job                            *job,
             const RapportTestimonialFilter *filter)
{
  double width = job->width - 2 * MARGIN;
  g_autoptr(PangoLayout) title = new_layout (job, "Sans Bold 22", width);
  g_autoptr(GString) about = g_string_new (NULL);

  pango_layout_set_text (title, _("What Our Customers Say"), -1);
  show_layout (job, title, MARGIN, &job->y, 0, 0x24 / 255.0, 0x1f / 255.0, 0x31 / 255.0);

  if (filter != NULL && filter->product != NULL && *filter->product != '\0')
    g_string_append_printf (about, _("About %s"), filter->product);
  if (filter != NULL && filter->tag != NULL && *filter->tag != '\0')
    {
      if (about->len > 0)
        g_string_append (about, " · ");
      g_string_append_printf (about, _("Tagged “%s”"), filter->tag);
    }
  if (about->len > 0)
    {
      g_autoptr(PangoLayout) subtitle = new_layout (job, "Sans 11", width);
      g_autofree char *text = clean_text (about->str);

      pango_layout_set_text (subtitle, text, -1);
      show_layout (job, subtitle, MARGIN, &job->y, 4, 0x5e / 255.0, 0x5c / 255.0, 0x64 / 255.0);
    }
  job->y += 28;
  /* A block too tall to follow the title starts page 2 rather than shrink. */
  job->page_empty = FALSE;
}

static void
finish_page (Job *job)
{
  double width = job->width - 2 * MARGIN;
  double y = job->height - MARGIN - 10;
  g_autoptr(PangoLayout) note = new_layout (job, "Sans 8", width);
  g_autoptr(PangoLayout) number = new_layout (job, "Sans 8", width);
  g_autofree char *page = g_strdup_printf (_("Page %u"), job->page);

  cairo_set_source_rgb (job->cr, 0xc0 / 255.0, 0xbf / 255.0, 0xbc / 255.0);
  cairo_rectangle (job->cr, MARGIN, y - 6, width, 0.5);
  cairo_fill (job->cr);

  pango_layout_set_text (note, _("Shared with each customer’s permission."), -1);
  pango_layout_set_text (number, page, -1);
  pango_layout_set_alignment (number, PANGO_ALIGN_RIGHT);
  show_layout (job, note, MARGIN, &y, 0, 0x77 / 255.0, 0x76 / 255.0, 0x7b / 255.0);
  y -= layout_height (note);
  show_layout (job, number, MARGIN, &y, 0, 0x77 / 255.0, 0x76 / 255.0, 0x7b / 255.0);
  cairo_show_page (job->cr);
}

static void
start_page (Job *job)
{
  job->page++;
  job->y = MARGIN;
  job->page_empty = TRUE;
}

static void
report_progress (Job *job)
{
  if (job->progress != NULL && (job->done % PROGRESS_STEP == 0 || job->done == job->total))
    job->progress (job->done, job->total, job->user_data);
}

static gboolean
add_testimonial (RapportTestimonial  *testimonial,
                 gpointer             user_data,
                 GError             **error)
{
  Job *job = user_data;
  double bottom = job->height - MARGIN - FOOTER;
  double room = bottom - MARGIN;
  double scale = 1.0;
  Block block = { 0 };

  if (g_cancellable_set_error_if_cancelled (job->cancellable, error))
    return FALSE;

  block_measure (job, &block, testimonial);
  if (block.height > room)
    scale = room / block.height;
  if (!job->page_empty && job->y + block.height * scale > bottom)
    {
      finish_page (job);
      start_page (job);
    }
  block_draw (job, &block, scale);
  block_clear (&block);

  job->done++;
  report_progress (job);
  return TRUE;
}

static void
draw_empty (Job *job)
{
  g_autoptr(PangoLayout) empty = new_layout (job, "Sans 12", job->width - 2 * MARGIN);

  pango_layout_set_text (empty, _("No testimonials are cleared for public use yet. When a customer "
                                  "allows it, their words will appear here."), -1);
  show_layout (job, empty, MARGIN, &job->y, 0, 0x5e / 255.0, 0x5c / 255.0, 0x64 / 255.0);
}

static cairo_status_t
write_to_fd (void                *closure,
             const unsigned char *data,
             unsigned int         length)
{
  Job *job = closure;

  while (length > 0)
    {
      gssize n = write (job->fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          job->write_errno = errno;
          return CAIRO_STATUS_WRITE_ERROR;
        }
      data += n;
      length -= n;
    }
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
set_io_error (GError     **error,
              const char  *path,
              int          saved_errno)
{
  g_autofree char *shown = g_filename_display_name (path);

  g_set_error (error, RAPPORT_IMPORT_ERROR, RAPPORT_IMPORT_ERROR_IO,
               _("Cannot write %s: %s"), shown, g_strerror (saved_errno));
  return FALSE;
}

static gboolean
render (Job                            *job,
        RapportStore                   *store,
        const RapportTestimonialFilter *filter,
        const char                     *path,
        GError                        **error)
{
  gboolean ok;
  cairo_status_t status;

  job->surface = cairo_pdf_surface_create_for_stream (write_to_fd, job, job->width, job->height);
  cairo_pdf_surface_set_metadata (job->surface, CAIRO_PDF_METADATA_TITLE, _("What Our Customers Say"));
  cairo_pdf_surface_set_metadata (job->surface, CAIRO_PDF_METADATA_CREATOR, "Rapport");
  job->cr = cairo_create (job->surface);
  job->font_map = pango_cairo_font_map_new ();
  job->context = pango_font_map_create_context (job->font_map);
  pango_cairo_update_context (job->cr, job->context);

  start_page (job);
  draw_header (job, filter);
  ok = rapport_testimonial_foreach (store, filter, add_testimonial, job, error);
  if (ok && job->done == 0)
    draw_empty (job);
  if (ok)
    finish_page (job);

  g_clear_object (&job->context);
  g_clear_object (&job->font_map);
  cairo_destroy (job->cr);
  cairo_surface_finish (job->surface);
  status = cairo_surface_status (job->surface);
  cairo_surface_destroy (job->surface);

  if (!ok)
    return FALSE;
  if (job->write_errno != 0)
    return set_io_error (error, path, job->write_errno);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_autofree char *shown = g_filename_display_name (path);

      g_set_error (error, RAPPORT_IMPORT_ERROR, RAPPORT_IMPORT_ERROR_IO,
                   _("Cannot write %s: %s"), shown, cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

/**
 * rapport_pdf_export:
 * @path: where to write the PDF
 * @filter: (nullable): the tag and product to narrow to; its other fields
 *   are ignored, and only testimonials cleared for public use are read
 * @progress: (nullable): told now and then how far the export has come
 * @cancellable: (nullable): stops the export, leaving no file behind
 *
 * Writes the public testimonials to @path as a PDF on @paper, readable by
 * its owner only.  The file is born 0600 beside @path under another name
 * and renamed over it when complete: a failure leaves neither a partial
 * PDF nor a damaged earlier one.  May run in a worker thread, with a
 * store of its own (rapport_store_open_reader()).
 */
gboolean
rapport_pdf_export (RapportStore                    *store,
                    const char                      *path,
                    const RapportTestimonialFilter  *filter,
                    RapportPaper                     paper,
                    RapportPdfProgress               progress,
                    gpointer                         user_data,
                    GCancellable                    *cancellable,
                    GError                         **error)
{
  RapportTestimonialFilter shown = { 0 };
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *temp = NULL;
  gint64 total;
  Job job = { 0 };

  g_return_val_if_fail (RAPPORT_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (filter != NULL)
    {
      shown.tag = filter->tag;
      shown.product = filter->product;
    }
  shown.public_only = TRUE;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    return set_io_error (error, path, EISDIR);
  if ((total = rapport_testimonial_count (store, &shown, error)) < 0)
    return FALSE;

  job.width = paper == RAPPORT_PAPER_LETTER ? 612.0 : 595.276;
  job.height = paper == RAPPORT_PAPER_LETTER ? 792.0 : 841.89;
  job.total = total;
  job.progress = progress;
  job.user_data = user_data;
  job.cancellable = cancellable;

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  temp = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  job.fd = g_mkstemp_full (temp, O_WRONLY | O_CLOEXEC, 0600);
  if (job.fd < 0)
    return set_io_error (error, path, errno);

  /* The umask could have taken bits away from 0600; never adds them. */
  if (fchmod (job.fd, 0600) != 0)
    job.write_errno = errno;
  if (job.write_errno != 0 || !render (&job, store, &shown, path, error))
    {
      if (job.write_errno != 0 && (error == NULL || *error == NULL))
        set_io_error (error, path, job.write_errno);
      close (job.fd);
      g_unlink (temp);
      return FALSE;
    }
  if (fsync (job.fd) != 0)
    {
      int saved = errno;

      close (job.fd);
      g_unlink (temp);
      return set_io_error (error, path, saved);
    }
  if (close (job.fd) != 0 || g_rename (temp, path) != 0)
    {
      int saved = errno;

      g_unlink (temp);
      return set_io_error (error, path, saved);
    }
  return TRUE;
}
