/* rapport-exporter.c: the book written out to a file, chosen by extension
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The file is written beside its destination under a temporary name, born
 * 0600 (it holds customers' personal data), and renamed over it only when
 * complete: a failed export leaves neither a partial file nor a damaged
 * earlier one.
 */

#define G_LOG_DOMAIN "rapport-exporter"

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
#include "rapport-exporter.h"
#include "rapport-html-export.h"
#include "rapport-ical.h"
#include "rapport-pdf-export.h"
#include "rapport-time.h"
#include "rapport-vcard.h"

static char *export_csv   (RapportStore  *store,
                           GError       **error);
static char *export_vcard (RapportStore  *store,
                           GError       **error);

/* One line per format, by lower-case extension.  Most render the file
 * in memory; the PDF streams its pages into the file itself. */
static const struct {
  const char        *extension;
  RapportExportFunc  export;
  gboolean           pdf;
} formats[] = {
  { "csv", export_csv, FALSE },
  { "vcf", export_vcard, FALSE },
  { "ics", rapport_ical_export, FALSE },
  { "html", rapport_html_export_page, FALSE },
  { "pdf", NULL, TRUE },
};

/**
 * rapport_exporter_read_contacts:
 *
 * Reads every customer in the order they were added, with everything the
 * address book knew and the next open follow-up as the next check-in.
 *
 * Returns: (transfer full): a #GPtrArray of #RapportContact, or %NULL
 */
GPtrArray *
rapport_exporter_read_contacts (RapportStore  *store,
                                GError       **error)
{
  return rapport_customer_card_read_all (store, error);
}

static char *
export_csv (RapportStore  *store,
            GError       **error)
{
  g_autoptr(GPtrArray) contacts = rapport_exporter_read_contacts (store, error);

  return contacts != NULL ? rapport_csv_write (contacts) : NULL;
}

static char *
export_vcard (RapportStore  *store,
              GError       **error)
{
  g_autoptr(GPtrArray) contacts = rapport_exporter_read_contacts (store, error);

  return contacts != NULL ? rapport_vcard_write (contacts) : NULL;
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
write_all (int          fd,
           const char  *contents,
           gsize        length)
{
  while (length > 0)
    {
      gssize n = write (fd, contents, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return FALSE;
      contents += n;
      length -= n;
    }
  return fsync (fd) == 0;
}

static gboolean
write_atomically (const char  *path,
                  const char  *contents,
                  gsize        length,
                  GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *temp = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  int fd;

  fd = g_mkstemp_full (temp, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    return set_io_error (error, path, errno);

  /* The umask could have taken bits away from 0600; never adds them. */
  if (fchmod (fd, 0600) != 0 || !write_all (fd, contents, length))
    {
      int saved = errno;
      close (fd);
      g_unlink (temp);
      return set_io_error (error, path, saved);
    }

  if (close (fd) != 0 || g_rename (temp, path) != 0)
    {
      int saved = errno;
      g_unlink (temp);
      return set_io_error (error, path, saved);
    }
  return TRUE;
}

/* ".csv, .vcf or .ics" */
static char *
supported_extensions (void)
{
  g_autoptr(GString) list = g_string_new (NULL);
  guint last = G_N_ELEMENTS (formats) - 1;

  for (guint i = 0; i < last; i++)
    g_string_append_printf (list, "%s.%s", i > 0 ? ", " : "", formats[i].extension);
  if (last == 0)
    return g_strdup_printf (".%s", formats[last].extension);
  return g_strdup_printf (_("%s or .%s"), list->str, formats[last].extension);
}

/**
 * rapport_exporter_write_file:
 * @path: where to write; its extension (in any case) picks the format
 *
 * Writes the book to @path, replacing any file there only once the new one
 * is complete.  The file is readable by its owner only.  A PDF (the public
 * testimonials) is on the locale's paper.
 */
gboolean
rapport_exporter_write_file (RapportStore  *store,
                             const char    *path,
                             GError       **error)
{
  return rapport_exporter_write_file_full (store, path, rapport_paper_for_locale (), error);
}

/**
 * rapport_exporter_write_file_full:
 * @paper: the paper a PDF is laid out on
 *
 * As rapport_exporter_write_file(), with the paper chosen.
 */
gboolean
rapport_exporter_write_file_full (RapportStore  *store,
                                  const char    *path,
                                  RapportPaper   paper,
                                  GError       **error)
{
  g_autofree char *display_name = NULL;
  g_autofree char *extension = NULL;
  g_autofree char *choices = NULL;
  const char *dot;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  display_name = g_filename_display_basename (path);
  dot = strrchr (display_name, '.');
  extension = g_ascii_strdown (dot != NULL && dot != display_name ? dot + 1 : "", -1);

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, RAPPORT_IMPORT_ERROR, RAPPORT_IMPORT_ERROR_IO,
                   _("Cannot export to %s: it is a folder"), display_name);
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *contents = NULL;

      if (strcmp (extension, formats[i].extension) != 0)
        continue;
      if (formats[i].pdf)
        return rapport_pdf_export (store, path, NULL, paper, NULL, NULL, NULL, error);
      if ((contents = formats[i].export (store, error)) == NULL)
        return FALSE;
      return write_atomically (path, contents, strlen (contents), error);
    }

  choices = supported_extensions ();
  if (extension[0] == '\0')
    g_set_error (error, RAPPORT_IMPORT_ERROR, RAPPORT_IMPORT_ERROR_FORMAT,
                 _("Cannot export to %s: the name needs an extension to tell the format (%s)"),
                 display_name, choices);
  else
    g_set_error (error, RAPPORT_IMPORT_ERROR, RAPPORT_IMPORT_ERROR_FORMAT,
                 _("Cannot export to %s: \".%s\" is not a format Rapport writes (use %s)"),
                 display_name, dot + 1, choices);
  return FALSE;
}
