/* fake-logind.h: logind's sleep signal, on a private system bus
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _FakeLogind FakeLogind;

FakeLogind *fake_logind_start             (void);
void        fake_logind_stop              (FakeLogind *self);
void        fake_logind_prepare_for_sleep (FakeLogind *self,
                                           gboolean    sleeping);

G_END_DECLS
