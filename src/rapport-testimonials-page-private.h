/* rapport-testimonials-page-private.h: shared by the parts of the testimonials page
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rapport-playbook-settings.h"
#include "rapport-reader.h"
#include "rapport-slice-grower.h"
#include "rapport-testimonials-page.h"

G_BEGIN_DECLS

struct _RapportTestimonialsPage
{
  AdwBin                  parent_instance;

  RapportStore           *store;
  RapportTestimonialList *list;
  GtkSliceListModel      *cards;            /* the cards built so far */
  RapportSliceGrower     *grower;           /* growing them while on screen */
  RapportReader          *reader;
  GCancellable           *loading;          /* the read running, if any */
  gboolean                shown;            /* the first reads have arrived */
  gboolean                asks_unbound;     /* asks read, their rows not built */
  gboolean                references_unbound;
  GListModel             *asks;             /* RapportCustomer */
  GListModel             *references;       /* RapportReference */
  GSettings              *settings;
  GHashTable             *pending_deletes;  /* id → AdwToast still offering Undo */
  gboolean                updating_choices;
  GCancellable           *exporting;        /* the PDF being written, if any */

  GtkStack               *stack;
  GtkRevealer            *export_revealer;
  GtkProgressBar         *export_progress;
  GtkWidget              *search_bar;
  GtkSearchEntry         *search_entry;
  GtkStack               *section_stack;
  GtkStack               *list_stack;
  GtkGridView            *grid_view;
  AdwStatusPage          *no_results_page;
  GtkStackPage           *asks_page;
  GtkListBox             *asks_list;
  GtkListBox             *references_list;
  GtkLabel               *count_label;
  GtkDropDown            *tag_dropdown;
  GtkDropDown            *product_dropdown;
  GtkDropDown            *rating_dropdown;
  GtkDropDown            *permission_dropdown;
};

void       _rapport_testimonials_page_load_settings       (RapportTestimonialsPage *self,
                                                           RapportPlaybookSettings *settings);
void       _rapport_testimonials_page_on_added            (RapportTestimonialsPage *self,
                                                           gint64                   id);
GtkWidget *_rapport_testimonials_page_create_ask_row      (gpointer                 item,
                                                           gpointer                 user_data);
void       _rapport_testimonials_page_show_references     (RapportTestimonialsPage *self,
                                                           GListModel              *references);
void       _rapport_testimonials_page_export_action       (GtkWidget               *widget,
                                                           const char              *action_name,
                                                           GVariant                *param);
void       _rapport_testimonials_page_export_cancel       (RapportTestimonialsPage *self);
void       _rapport_testimonials_page_record_use_action   (GtkWidget               *widget,
                                                           const char              *action_name,
                                                           GVariant                *param);

G_END_DECLS
