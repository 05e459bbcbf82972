/* fuzz-common.h: what the libFuzzer targets share
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "rapport-contact.h"

G_BEGIN_DECLS

/* libFuzzer's entry points; declared here for -Wmissing-prototypes. */
int  LLVMFuzzerInitialize   (int            *argc,
                             char         ***argv);
int  LLVMFuzzerTestOneInput (const guint8   *data,
                             size_t          size);

void fuzz_init                 (void);
void fuzz_check_contacts       (GPtrArray      *contacts);
void fuzz_assert_same_contacts (GPtrArray      *first,
                                GPtrArray      *second,
                                const char     *how);
void fuzz_assert_same_cards    (GPtrArray      *first,
                                GPtrArray      *second,
                                const char     *how);

G_END_DECLS
