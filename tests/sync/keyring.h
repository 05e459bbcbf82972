/* keyring.h: a Secret Service of a test's own
 *
 * Copyright 2026 The Rapport authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _Keyring Keyring;

#define KEYRING_PASSWORD "rapport-test-keyring"

const char *keyring_missing     (void);
Keyring    *keyring_start       (GError  **error);
const char *keyring_get_address (Keyring  *keyring);
const char *keyring_get_dir     (Keyring  *keyring);
void        keyring_stop        (Keyring  *keyring);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Keyring, keyring_stop)

G_END_DECLS
