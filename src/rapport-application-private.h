/* rapport-application-private.h: shared by the files of RapportApplication
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rapport-application.h"
#include "rapport-nudger.h"
#include "rapport-search-provider.h"
#include "rapport-sync-scheduler.h"

G_BEGIN_DECLS

struct _RapportApplication
{
  AdwApplication  parent_instance;

  RapportStore   *store;
  GError         *store_error;  /* why the book could not be opened */
  gboolean        background;   /* held without a window by --background */
  gboolean        gtk_deferred; /* started by --background: GTK waits for a window */
  gboolean        gtk_started;
  GVariant       *emitting;     /* platform data of a call GTK has not seen */
  GSettings      *settings;
  RapportNudger  *nudger;       /* reminds of due check-ins while the app lives */
  gboolean        held_for_reminders;  /* run-in-background: outlive the last window */
  RapportSearchProvider *search_provider;  /* the desktop's search, on the app's bus name */
  RapportSyncScheduler *sync_scheduler;    /* the book's CardDAV/CalDAV sync */
  guint           sigterm_source;  /* SIGTERM and SIGINT quit as Quit does */
  guint           sigint_source;
};

void _rapport_application_start_gtk (RapportApplication *self);
void _rapport_application_report_error (RapportApplication *self,
                                        const GError       *error);

/* rapport-application-files.c: import, export and sample data from the UI */
void _rapport_application_files_init (RapportApplication *self);
void _rapport_application_files_set_accels (RapportApplication *self);

/* rapport-application-nudger.c: reminders, their Open actions and background mode */
void _rapport_application_nudger_init (RapportApplication *self);
void _rapport_application_nudger_start (RapportApplication *self);

/* rapport-application-answers.c: the reminders' Done and Snooze, in a worker */
void _rapport_application_answers_init (RapportApplication *self);
void _rapport_application_answers_wait (RapportApplication *self);

/* rapport-application-sync.c: the sync scheduler and its actions */
void _rapport_application_sync_init (RapportApplication *self);
void _rapport_application_sync_start (RapportApplication *self);
void _rapport_application_sync_stop (RapportApplication *self);

/* rapport-application-maintenance.c: daily backups and playbook run */
void _rapport_application_maintenance_init (RapportApplication *self);

G_END_DECLS
