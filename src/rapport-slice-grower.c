/* rapport-slice-grower.c: a list's slice grown a few items a frame while on screen
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4.8's list and grid views build a couple of hundred items at once,
 * however few are on screen.  A view that shows a GtkSliceListModel of
 * its model, starting with a screenful, lets a grower add @step items per
 * frame while the view is mapped: off screen, the rest wait until it is
 * shown again, so another view's first frame does not pay for them.  Past
 * @cap (as many as the view builds) the rest cost no widget and come at
 * once.  The agenda of Follow-ups and the testimonial cards grow this way.
 */

#define G_LOG_DOMAIN "rapport-slice-grower"

#include "config.h"

#include "rapport-slice-grower.h"

struct _RapportSliceGrower
{
  GObject            parent_instance;

  GtkWidget         *widget;    /* unowned: it owns the grower */
  GtkSliceListModel *slice;
  guint              step;
  guint              cap;
  guint              tick_id;
};

G_DEFINE_FINAL_TYPE (RapportSliceGrower, rapport_slice_grower, G_TYPE_OBJECT)

static guint
n_items (RapportSliceGrower *self)
{
  return g_list_model_get_n_items (gtk_slice_list_model_get_model (self->slice));
}

static gboolean
grow (GtkWidget     *widget,
      GdkFrameClock *clock,
      gpointer       user_data)
{
  RapportSliceGrower *self = user_data;
  guint size = gtk_slice_list_model_get_size (self->slice);
  guint n = n_items (self);

  g_assert (RAPPORT_IS_SLICE_GROWER (self));

  if (!gtk_widget_get_mapped (widget))
    {
      self->tick_id = 0;
      return G_SOURCE_REMOVE;
    }
  if (size + self->step < MIN (n, self->cap))
    {
      gtk_slice_list_model_set_size (self->slice, size + self->step);
      return G_SOURCE_CONTINUE;
    }
  gtk_slice_list_model_set_size (self->slice, MAX (size, n));
  self->tick_id = 0;
  return G_SOURCE_REMOVE;
}

/* More items than the slice holds: the rest come a step a frame. */
static void
start (RapportSliceGrower *self)
{
  g_assert (RAPPORT_IS_SLICE_GROWER (self));

  if (self->tick_id == 0 && gtk_slice_list_model_get_size (self->slice) < n_items (self))
    self->tick_id = gtk_widget_add_tick_callback (self->widget, grow, self, NULL);
}

static void
rapport_slice_grower_dispose (GObject *object)
{
  RapportSliceGrower *self = (RapportSliceGrower *)object;

  if (self->tick_id != 0)
    gtk_widget_remove_tick_callback (self->widget, self->tick_id);
  self->tick_id = 0;
  g_clear_object (&self->slice);

  G_OBJECT_CLASS (rapport_slice_grower_parent_class)->dispose (object);
}

static void
rapport_slice_grower_class_init (RapportSliceGrowerClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = rapport_slice_grower_dispose;
}

static void
rapport_slice_grower_init (RapportSliceGrower *self)
{
}

/**
 * rapport_slice_grower_new:
 * @widget: the view showing @slice, which owns the grower and disposes of
 *   it before it goes
 * @slice: a slice of a model, from its first item
 * @step: items added per frame
 * @cap: past this size, the rest at once
 *
 * Grows @slice while @widget is mapped, from when its model has more
 * items than it holds (and again each time it is mapped) until it holds
 * them all.
 *
 * Returns: (transfer full): the grower
 */
RapportSliceGrower *
rapport_slice_grower_new (GtkWidget         *widget,
                          GtkSliceListModel *slice,
                          guint              step,
                          guint              cap)
{
  RapportSliceGrower *self;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);
  g_return_val_if_fail (GTK_IS_SLICE_LIST_MODEL (slice), NULL);
  g_return_val_if_fail (step > 0, NULL);

  self = g_object_new (RAPPORT_TYPE_SLICE_GROWER, NULL);
  self->widget = widget;
  self->slice = g_object_ref (slice);
  self->step = step;
  self->cap = cap;

  g_signal_connect_object (gtk_slice_list_model_get_model (slice), "items-changed",
                           G_CALLBACK (start), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (widget, "map", G_CALLBACK (start), self, G_CONNECT_SWAPPED);
  return self;
}
