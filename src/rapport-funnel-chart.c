/* rapport-funnel-chart.c: the referral funnel as bars, with its words for screen readers
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One bar per stage: how many referrals got that far, and their share of
 * all referrals; then, per type, the share that was won.  Every number is
 * written beside its bar, so the chart never relies on length or colour
 * alone, and the same sentence is the widget's accessible label.
 */

#define G_LOG_DOMAIN "rapport-funnel-chart"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-funnel-chart.h"

#define ROW_HEIGHT   26
#define BAR_HEIGHT   18
#define SECTION_GAP  14
#define N_ROWS       (RAPPORT_REFERRAL_N_STAGES + RAPPORT_REFERRAL_N_TYPES + 1)

struct _RapportFunnelChart
{
  GtkDrawingArea         parent_instance;

  RapportReferralFunnel  funnel;
  char                  *description;
};

G_DEFINE_FINAL_TYPE (RapportFunnelChart, rapport_funnel_chart, GTK_TYPE_DRAWING_AREA)

typedef struct
{
  GdkRGBA fg;
  GdkRGBA accent;
  GdkRGBA success;
  GdkRGBA error;
} Palette;

static void
load_palette (GtkWidget *widget,
              Palette   *palette)
{
  /* GTK 4.8 has no gtk_widget_get_color (); the style context is how it
   * reads the theme's named colours. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  GtkStyleContext *context = gtk_widget_get_style_context (widget);

  gtk_style_context_get_color (context, &palette->fg);
  if (!gtk_style_context_lookup_color (context, "accent_bg_color", &palette->accent))
    gdk_rgba_parse (&palette->accent, "#3584e4");
  if (!gtk_style_context_lookup_color (context, "success_color", &palette->success))
    gdk_rgba_parse (&palette->success, "#26a269");
  if (!gtk_style_context_lookup_color (context, "error_color", &palette->error))
    gdk_rgba_parse (&palette->error, "#c01c28");
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
show_text (GtkWidget   *widget,
           cairo_t     *cr,
           const char  *text,
           double       x,
           double       y,
           gboolean     bold,
           const GdkRGBA *color,
           int         *width)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  int text_width, text_height;

  if (bold)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }
  pango_layout_get_pixel_size (layout, &text_width, &text_height);
  if (width != NULL)
    *width = text_width;

  if (color != NULL)
    {
      gdk_cairo_set_source_rgba (cr, color);
      cairo_move_to (cr, x, y + (ROW_HEIGHT - text_height) / 2.0);
      pango_cairo_show_layout (cr, layout);
    }
  g_object_unref (layout);
}

/* The label column fits the longest stage or type name. */
static int
label_width (GtkWidget *widget)
{
  int widest = 0;

  for (guint i = 0; i < RAPPORT_REFERRAL_N_STAGES; i++)
    {
      int w;

      show_text (widget, NULL, rapport_referral_stage_label (rapport_referral_stages[i]), 0, 0, FALSE, NULL, &w);
      widest = MAX (widest, w);
    }
  for (guint i = 0; i < RAPPORT_REFERRAL_N_TYPES; i++)
    {
      int w;

      show_text (widget, NULL, rapport_referral_type_label (rapport_referral_types[i]), 0, 0, FALSE, NULL, &w);
      widest = MAX (widest, w);
    }
  return widest + 12;
}

/* A bar of @fraction of the track, with @text after it (or inside it when
 * there is no room after). */
static void
draw_bar (GtkWidget     *widget,
          cairo_t       *cr,
          double         x,
          double         y,
          double         track,
          double         fraction,
          const GdkRGBA *color,
          const Palette *palette,
          const char    *text)
{
  double length = MAX (track * CLAMP (fraction, 0, 1), fraction > 0 ? 3 : 0);
  double top = y + (ROW_HEIGHT - BAR_HEIGHT) / 2.0;
  GdkRGBA faint = palette->fg;
  int text_width;

  faint.alpha = 0.08;
  gdk_cairo_set_source_rgba (cr, &faint);
  cairo_rectangle (cr, x, top, track, BAR_HEIGHT);
  cairo_fill (cr);

  gdk_cairo_set_source_rgba (cr, color);
  cairo_rectangle (cr, x, top, length, BAR_HEIGHT);
  cairo_fill (cr);

  show_text (widget, NULL, text, 0, 0, FALSE, NULL, &text_width);
  if (x + length + 6 + text_width <= x + track)
    show_text (widget, cr, text, x + length + 6, y, FALSE, &palette->fg, NULL);
  else
    {
      GdkRGBA white = { 1, 1, 1, 1 };

      show_text (widget, cr, text, x + MAX (length - text_width - 6, 4), y, FALSE, &white, NULL);
    }
}

static int
percent (double rate)
{
  return (int) (rate * 100 + 0.5);
}

static void
draw_stages (RapportFunnelChart *self,
             cairo_t            *cr,
             const Palette      *palette,
             double              label,
             double              track)
{
  GtkWidget *widget = GTK_WIDGET (self);
  guint widest = MAX (self->funnel.reached[0], 1);

  for (guint i = 0; i < RAPPORT_REFERRAL_N_STAGES; i++)
    {
      const char *stage = rapport_referral_stages[i];
      gboolean won = g_str_equal (stage, "won");
      gboolean lost = g_str_equal (stage, "lost");
      /* Translators: beside a funnel bar: referrals, share of all */
      g_autofree char *text = g_strdup_printf (_("%u · %d %%"), self->funnel.reached[i],
                                               percent (rapport_referral_funnel_rate (&self->funnel, i)));
      double y = i * ROW_HEIGHT + (lost ? SECTION_GAP / 2 : 0);

      show_text (widget, cr, rapport_referral_stage_label (stage), 0, y, won, &palette->fg, NULL);
      draw_bar (widget, cr, label, y, track, (double) self->funnel.reached[i] / widest,
                won ? &palette->success : lost ? &palette->error : &palette->accent, palette, text);
    }
}

static void
draw_types (RapportFunnelChart *self,
            cairo_t            *cr,
            const Palette      *palette,
            double              label,
            double              track)
{
  GtkWidget *widget = GTK_WIDGET (self);
  double top = RAPPORT_REFERRAL_N_STAGES * ROW_HEIGHT + SECTION_GAP;

  show_text (widget, cr, _("Won, by type"), 0, top, TRUE, &palette->fg, NULL);
  for (guint i = 0; i < RAPPORT_REFERRAL_N_TYPES; i++)
    {
      double y = top + (i + 1) * ROW_HEIGHT;
      /* Translators: beside a bar: won, referrals of the type, share won */
      g_autofree char *text = g_strdup_printf (_("%u of %u · %d %%"), self->funnel.won_of_type[i],
                                               self->funnel.of_type[i],
                                               percent (rapport_referral_funnel_won_rate (&self->funnel, i)));

      show_text (widget, cr, rapport_referral_type_label (rapport_referral_types[i]), 0, y, FALSE,
                 &palette->fg, NULL);
      draw_bar (widget, cr, label, y, track, rapport_referral_funnel_won_rate (&self->funnel, i),
                &palette->success, palette, text);
    }
}

static void
draw (GtkDrawingArea *area,
      cairo_t        *cr,
      int             width,
      int             height,
      gpointer        user_data)
{
  RapportFunnelChart *self = RAPPORT_FUNNEL_CHART (area);
  Palette palette;
  double label = label_width (GTK_WIDGET (self));
  double track = MAX (width - label, 40);

  load_palette (GTK_WIDGET (self), &palette);
  draw_stages (self, cr, &palette, label, track);
  draw_types (self, cr, &palette, label, track);
}

static void
rapport_funnel_chart_finalize (GObject *object)
{
  RapportFunnelChart *self = (RapportFunnelChart *)object;

  g_free (self->description);

  G_OBJECT_CLASS (rapport_funnel_chart_parent_class)->finalize (object);
}

static void
rapport_funnel_chart_class_init (RapportFunnelChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rapport_funnel_chart_finalize;

  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "funnelchart");
  gtk_widget_class_set_accessible_role (GTK_WIDGET_CLASS (klass), GTK_ACCESSIBLE_ROLE_IMG);
}

static void
rapport_funnel_chart_init (RapportFunnelChart *self)
{
  RapportReferralFunnel empty = { 0 };

  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self),
                                       N_ROWS * ROW_HEIGHT + SECTION_GAP);
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (self), 280);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self), draw, NULL, NULL);
  rapport_funnel_chart_set_funnel (self, &empty);
}

GtkWidget *
rapport_funnel_chart_new (void)
{
  return g_object_new (RAPPORT_TYPE_FUNNEL_CHART, NULL);
}

/**
 * rapport_funnel_chart_set_funnel:
 *
 * Shows @funnel, and makes its description the chart's accessible label.
 */
void
rapport_funnel_chart_set_funnel (RapportFunnelChart          *self,
                                 const RapportReferralFunnel *funnel)
{
  g_return_if_fail (RAPPORT_IS_FUNNEL_CHART (self));
  g_return_if_fail (funnel != NULL);

  self->funnel = *funnel;
  g_free (self->description);
  self->description = rapport_referral_funnel_describe (funnel);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->description, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * rapport_funnel_chart_get_description:
 *
 * Returns: the funnel in words, as the accessible label says it
 */
const char *
rapport_funnel_chart_get_description (RapportFunnelChart *self)
{
  g_return_val_if_fail (RAPPORT_IS_FUNNEL_CHART (self), NULL);

  return self->description;
}
