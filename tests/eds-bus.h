/* eds-bus.h: a session bus of a test's own, with evolution-data-server on it
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libebook/libebook.h>

G_BEGIN_DECLS

typedef struct _EdsBus EdsBus;

EdsBus     *eds_bus_start        (gboolean     with_eds,
                                  GError     **error);
const char *eds_bus_get_address  (EdsBus      *bus);
void        eds_bus_stop         (EdsBus      *bus);
const char *eds_bus_missing      (void);

EBookClient *eds_bus_open_personal (void);
void         eds_bus_add_cards    (EBookClient *client,
                                   const char * const *cards);
void         eds_bus_add_broken_book (const char *name);

G_END_DECLS
