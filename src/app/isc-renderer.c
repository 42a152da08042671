/* isc-renderer.c
 *
 * Copyright 2026 The Initscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4.8 picks its GL renderer whenever GL works, also where GL is Mesa's
 * CPU rasterizer (llvmpipe: classroom VMs, old projector laptops). That
 * renderer repaints the whole window every frame, so a dragged slider keeps
 * both cores shading pixels and the worker computing the figure starves
 * (bench/drag-frames.sh: 0 figure updates a second before this and the
 * simulator's drag policy; with the Cairo renderer, which repaints only what
 * changed, 30 to 50). So on such a GL the window asks for the Cairo
 * renderer, through the per-display hook GTK's own inspector uses, which
 * neither leaks into child processes like GSK_RENDERER would nor overrides
 * a GSK_RENDERER the user set (GSK_RENDERER=gl keeps GL).
 */

#define G_LOG_DOMAIN "isc-renderer"

#include "config.h"

#include <string.h>

#include <epoxy/gl.h>

#include "isc-renderer.h"

/**
 * isc_renderer_gl_is_software:
 *
 * Returns: TRUE if @display's GL rasterizes on the CPU
 */
gboolean
isc_renderer_gl_is_software (GdkDisplay *display)
{
  static const char * const software[] = { "llvmpipe", "softpipe", "swrast", "SWR" };
  g_autoptr(GdkGLContext) context = NULL;
  const char *renderer;
  gboolean found = FALSE;

  g_return_val_if_fail (GDK_IS_DISPLAY (display), FALSE);

  /* no GL at all (GDK_DEBUG=gl-disable, Broadway…): GTK uses Cairo anyway */
  if (!gdk_display_prepare_gl (display, NULL))
    return FALSE;
  context = gdk_display_create_gl_context (display, NULL);
  if (context == NULL || !gdk_gl_context_realize (context, NULL))
    return FALSE;

  gdk_gl_context_make_current (context);
  renderer = (const char *) glGetString (GL_RENDERER);
  for (guint i = 0; renderer != NULL && i < G_N_ELEMENTS (software); i++)
    found = found || strstr (renderer, software[i]) != NULL;
  g_debug ("GL renderer: %s%s", renderer ? renderer : "(none)",
           found ? ", which rasterizes on the CPU" : "");
  gdk_gl_context_clear_current ();
  return found;
}

/**
 * isc_renderer_choose:
 * @display: the display of the windows to come
 *
 * Asks for the Cairo renderer on a software GL, unless GSK_RENDERER or an
 * earlier choice says otherwise. Call before the first window is realized;
 * once per display is enough, more calls do nothing.
 */
void
isc_renderer_choose (GdkDisplay *display)
{
  g_return_if_fail (GDK_IS_DISPLAY (display));

  if (g_object_get_data (G_OBJECT (display), "isc-renderer-chosen") != NULL)
    return;
  g_object_set_data (G_OBJECT (display), "isc-renderer-chosen", GINT_TO_POINTER (TRUE));

  if (g_getenv ("GSK_RENDERER") != NULL ||
      g_object_get_data (G_OBJECT (display), "gsk-renderer") != NULL)
    return;
  if (isc_renderer_gl_is_software (display))
    g_object_set_data_full (G_OBJECT (display), "gsk-renderer", g_strdup ("cairo"), g_free);
}
