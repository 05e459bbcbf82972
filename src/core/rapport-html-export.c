/* rapport-html-export.c: public testimonials as a printable page for sales material
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page stands alone (inline CSS, no scripts, fonts or images from
 * elsewhere) so it can be mailed, printed or opened years later.  Only
 * testimonials whose customer allowed public use are ever read for it:
 * the query itself leaves private and internal ones out, and anonymous
 * ones are attributed without name or company.  Every string from the book
 * is escaped, so a quote is always text, never markup.
 */

#define G_LOG_DOMAIN "rapport-html-export"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rapport-contact.h"
#include "rapport-html-export.h"

static const char style[] =
  "*{box-sizing:border-box}"
  "body{margin:0;background:#f6f5f4;color:#241f31;"
  "font:16px/1.5 \"Cantarell\",\"Noto Sans\",\"Helvetica Neue\",Arial,sans-serif}"
  "main{max-width:60rem;margin:0 auto;padding:3rem 1.5rem}"
  "header{margin-bottom:2rem}"
  "h1{font-size:2.2rem;line-height:1.2;margin:0 0 .25rem}"
  ".subtitle{color:#5e5c64;margin:0}"
  ".grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(18rem,1fr));gap:1.5rem}"
  "figure{margin:0;padding:1.5rem 1.5rem 1.25rem;background:#fff;border-radius:12px;"
  "box-shadow:0 1px 3px rgba(0,0,0,.12);border-top:4px solid #3584e4;"
  "display:flex;flex-direction:column;break-inside:avoid;page-break-inside:avoid}"
  "blockquote{margin:0;font:1.2rem/1.55 Georgia,\"Noto Serif\",\"DejaVu Serif\",serif;"
  "overflow-wrap:anywhere;flex:1}"
  "blockquote p{margin:0 0 .75rem}"
  "blockquote p:first-child::before{content:\"\\201C\"}"
  "blockquote p:last-child::after{content:\"\\201D\"}"
  ".stars{color:#c88800;letter-spacing:.1em;margin:.25rem 0 .5rem;font-size:1.1rem}"
  "figcaption{color:#3d3846;font-weight:bold;overflow-wrap:anywhere}"
  ".company{font-weight:normal;color:#5e5c64}"
  ".about{color:#77767b;font-size:.9rem;margin:.25rem 0 0}"
  ".empty{background:#fff;border-radius:12px;padding:2rem;text-align:center;color:#5e5c64}"
  "footer{margin-top:2.5rem;color:#77767b;font-size:.9rem}"
  "@media print{"
  "body{background:#fff;font-size:11pt}"
  "main{max-width:none;padding:0}"
  ".grid{display:block;columns:2;column-gap:1.5rem}"
  "figure{box-shadow:none;border:1px solid #c0bfbc;border-top:3pt solid #3584e4;"
  "margin:0 0 1.5rem;display:block}"
  ".stars{color:#000}"
  "@page{margin:18mm}"
  "}";

/**
 * rapport_html_escape:
 *
 * Escapes the five characters that mean something in HTML (& < > " '),
 * repairs invalid UTF-8 and drops control characters HTML forbids, so the
 * result is safe as element text and inside quoted attributes.
 *
 * Returns: (transfer full): the escaped text
 */
char *
rapport_html_escape (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  g_autoptr(GString) out = g_string_sized_new (strlen (valid) + 16);

  for (const char *p = valid; *p; p++)
    {
      switch (*p)
        {
        case '&':  g_string_append (out, "&amp;"); break;
        case '<':  g_string_append (out, "&lt;"); break;
        case '>':  g_string_append (out, "&gt;"); break;
        case '"':  g_string_append (out, "&quot;"); break;
        case '\'': g_string_append (out, "&#39;"); break;
        default:
          if ((guchar) *p >= 0x20 || *p == '\n' || *p == '\t')
            g_string_append_c (out, *p);
          else if (*p == '\r')
            continue;
          else
            g_string_append_c (out, ' ');
        }
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Blank lines separate paragraphs; a single line break is kept as one. */
static void
append_quote (GString    *page,
              const char *quote)
{
  g_autofree char *escaped = rapport_html_escape (quote);
  g_auto(GStrv) paragraphs = NULL;

  g_strstrip (escaped);
  paragraphs = g_regex_split_simple ("\\n[ \\t]*\\n\\s*", escaped, 0, 0);

  g_string_append (page, "<blockquote dir=\"auto\">");
  for (guint i = 0; paragraphs[i] != NULL; i++)
    {
      g_auto(GStrv) lines = g_strsplit (g_strstrip (paragraphs[i]), "\n", -1);
      g_autofree char *joined = g_strjoinv ("<br>", lines);

      if (*joined != '\0')
        g_string_append_printf (page, "<p>%s</p>", joined);
    }
  g_string_append (page, "</blockquote>\n");
}

static char *
first_item (const char *list)
{
  g_auto(GStrv) parts = g_strsplit (list != NULL ? list : "", ";", 2);

  return g_strstrip (g_strdup (parts[0] != NULL ? parts[0] : ""));
}

/* public_named shows who said it; public_anonymous at most the field they
 * work in, taken from the first tag ("a customer in healthcare"). */
static void
append_attribution (GString            *page,
                    RapportTestimonial *testimonial)
{
  /* Each name is isolated (<bdi>): an Arabic name must not turn the
   * whole attribution right-to-left around an English company. */
  g_string_append (page, "<figcaption>— ");

  if (g_strcmp0 (rapport_testimonial_get_permission (testimonial), "public_named") == 0)
    {
      g_autofree char *name = rapport_html_escape (rapport_testimonial_get_customer_name (testimonial));
      g_autofree char *company = rapport_html_escape (rapport_testimonial_get_company (testimonial));

      g_string_append_printf (page, "<bdi class=\"name\">%s</bdi>", name);
      if (*g_strstrip (company) != '\0')
        g_string_append_printf (page, "<span class=\"company\">, <bdi>%s</bdi></span>", company);
    }
  else
    {
      g_autofree char *field = first_item (rapport_testimonial_get_tags (testimonial));
      g_autofree char *escaped = rapport_html_escape (field);

      if (*field != '\0')
        /* Translators: attribution of an anonymous testimonial; %s is a field such as "healthcare" */
        {
          g_autofree char *isolated = g_strdup_printf ("<bdi>%s</bdi>", escaped);

          g_string_append_printf (page, _("a customer in %s"), isolated);
        }
      else
        g_string_append (page, _("a customer"));
    }
  g_string_append (page, "</figcaption>\n");
}

/* Split before escaping: an escaped name holds ';' in its entities. */
static void
append_products (GString    *page,
                 const char *products)
{
  g_auto(GStrv) names = g_strsplit (products, ";", -1);
  g_autoptr(GString) line = g_string_new (NULL);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *escaped = rapport_html_escape (g_strstrip (names[i]));

      if (*escaped == '\0')
        continue;
      if (line->len > 0)
        g_string_append (line, " · ");
      g_string_append (line, escaped);
    }
  if (line->len > 0)
    g_string_append_printf (page, "<p class=\"about\" dir=\"auto\">%s</p>\n", line->str);
}

static void
append_testimonial (GString            *page,
                    RapportTestimonial *testimonial)
{
  int rating = rapport_testimonial_get_rating (testimonial);

  g_string_append (page, "<figure>\n");
  append_quote (page, rapport_testimonial_get_quote (testimonial));
  if (rating > 0)
    {
      g_autofree char *stars = rapport_testimonial_stars (rating);
      g_autofree char *label = rapport_testimonial_stars_label (rating);
      g_autofree char *escaped = rapport_html_escape (label);

      g_string_append_printf (page, "<p class=\"stars\" role=\"img\" aria-label=\"%s\">%s</p>\n",
                              escaped, stars);
    }
  append_attribution (page, testimonial);
  append_products (page, rapport_testimonial_get_products (testimonial));
  g_string_append (page, "</figure>\n");
}

static char *
describe_filter (const RapportTestimonialFilter *filter)
{
  gboolean has_tag = filter->tag != NULL && *filter->tag != '\0';
  gboolean has_product = filter->product != NULL && *filter->product != '\0';
  g_autofree char *tag = has_tag ? rapport_html_escape (filter->tag) : NULL;
  g_autofree char *product = has_product ? rapport_html_escape (filter->product) : NULL;

  if (has_tag && has_product)
    return g_strdup_printf (_("About %s, tagged “%s”"), product, tag);
  if (has_product)
    return g_strdup_printf (_("About %s"), product);
  if (has_tag)
    return g_strdup_printf (_("Tagged “%s”"), tag);
  return NULL;
}

/**
 * rapport_html_export_render:
 * @filter: (nullable): the tag and product to narrow to; its other fields
 *   are ignored, and only testimonials cleared for public use are read
 *
 * Returns: (transfer full): the whole page, or %NULL with @error set
 */
char *
rapport_html_export_render (RapportStore                    *store,
                            const RapportTestimonialFilter  *filter,
                            GError                         **error)
{
  RapportTestimonialFilter shown = { 0 };
  g_autoptr(GPtrArray) testimonials = NULL;
  g_autoptr(GString) page = g_string_new (NULL);
  g_autofree char *title = rapport_html_escape (_("What Our Customers Say"));
  g_autofree char *narrowed = NULL;
  g_autofree char *footer = NULL;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);

  if (filter != NULL)
    {
      shown.tag = filter->tag;
      shown.product = filter->product;
    }
  shown.public_only = TRUE;
  testimonials = rapport_testimonial_query (store, &shown, 0, error);
  if (testimonials == NULL)
    return NULL;
  narrowed = describe_filter (&shown);

  g_string_append_printf (page,
                          "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
                          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                          "<title>%s</title>\n<style>%s</style>\n</head>\n<body>\n<main>\n"
                          "<header>\n<h1>%s</h1>\n",
                          /* Translators: the language code of this translation
                           * ("de", "pt-BR"), the exported page's lang attribute */
                          C_("html lang", "en"), title, style, title);
  if (narrowed != NULL)
    g_string_append_printf (page, "<p class=\"subtitle\">%s</p>\n", narrowed);
  g_string_append (page, "</header>\n");

  if (testimonials->len == 0)
    {
      g_autofree char *empty = rapport_html_escape (narrowed != NULL
        ? _("None of these testimonials is cleared for public use yet.")
        : _("No testimonials are cleared for public use yet. When a customer allows it, "
            "their words will appear here."));

      g_string_append_printf (page, "<p class=\"empty\">%s</p>\n", empty);
    }
  else
    {
      g_string_append (page, "<section class=\"grid\">\n");
      for (guint i = 0; i < testimonials->len; i++)
        append_testimonial (page, g_ptr_array_index (testimonials, i));
      g_string_append (page, "</section>\n");
    }

  footer = rapport_html_escape (_("Shared with each customer’s permission."));
  g_string_append_printf (page, "<footer>%s</footer>\n</main>\n</body>\n</html>\n", footer);
  return g_string_free (g_steal_pointer (&page), FALSE);
}

/**
 * rapport_html_export_page:
 *
 * The page of every public testimonial, for the exporter's table
 * (`rapport --export FILE.html`).
 */
char *
rapport_html_export_page (RapportStore  *store,
                          GError       **error)
{
  return rapport_html_export_render (store, NULL, error);
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

/* Born 0600 beside the destination and renamed over it when complete, so
 * a failure leaves neither a partial page nor a damaged earlier one. */
static gboolean
write_atomically (const char  *path,
                  const char  *contents,
                  GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *temp = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  int fd;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    return set_io_error (error, path, EISDIR);

  fd = g_mkstemp_full (temp, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    return set_io_error (error, path, errno);

  if (fchmod (fd, 0600) != 0 || !write_all (fd, contents, strlen (contents)))
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

/**
 * rapport_html_export:
 * @path: where to write the page
 * @filter: (nullable): as for rapport_html_export_render()
 *
 * Writes the page of public testimonials to @path, readable by its owner
 * only.  An empty library gives a page that says so.
 */
gboolean
rapport_html_export (RapportStore                    *store,
                     const char                      *path,
                     const RapportTestimonialFilter  *filter,
                     GError                         **error)
{
  g_autofree char *page = NULL;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  page = rapport_html_export_render (store, filter, error);
  return page != NULL && write_atomically (path, page, error);
}
