/* isc-status-bar.h — the line under the figure: what it shows, how long it
 * took, what is notable, and a run's busy cue, progress, Cancel, Recompute
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "isc-simulator.h"

G_BEGIN_DECLS

/* A busy cue for jobs that end at once would only flicker: the figure dims
 * and the spinner shows once nothing has changed for this long… */
#define ISC_STATUS_BAR_COMPUTING_DELAY_MS 300
/* …and the run's progress and a Cancel button after this long. */
#define ISC_STATUS_BAR_PROGRESS_DELAY_MS  2000

#define ISC_TYPE_STATUS_BAR (isc_status_bar_get_type ())

G_DECLARE_FINAL_TYPE (IscStatusBar, isc_status_bar, ISC, STATUS_BAR, AdwBin)

void     isc_status_bar_bind          (IscStatusBar *self,
                                       IscSimulator *simulator,
                                       GSettings    *settings);
void     isc_status_bar_unbind        (IscStatusBar *self);
gboolean isc_status_bar_get_computing (IscStatusBar *self);

G_END_DECLS
