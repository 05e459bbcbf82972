/* rapport-application-private.h: shared by the files of RapportApplication
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rapport-application.h"

G_BEGIN_DECLS

struct _RapportApplication
{
  AdwApplication  parent_instance;

  RapportStore   *store;
  GError         *store_error;  /* why the book could not be opened */
  gboolean        background;   /* held without a window by --background */
};

/* rapport-application-files.c: import, export and sample data from the UI */
void _rapport_application_files_init (RapportApplication *self);

/* rapport-application-maintenance.c: daily backups and playbook run */
void _rapport_application_maintenance_init (RapportApplication *self);

G_END_DECLS
