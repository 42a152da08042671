#!/bin/sh
# drag-frames.sh — figure updates PAINTED per second while σ is dragged, on a
# software-rendered desktop (Mesa llvmpipe), per build and GSK renderer, side by side.
#
#   bench/drag-frames.sh [-s SECONDS] [-r RUNS] [BUILD_DIR...]
#
# BUILD_DIR defaults to _build (built already; each needs bench/drag-frames). Each
# run is a fresh Xvfb, LIBGL_ALWAYS_SOFTWARE=1, GDK_BACKEND=x11, memory settings,
# the cs231n-2016 preset (tanh, σ from 0.01, 1280×800). Renderers: "default" (no
# GSK_RENDERER: what the app picks; since isc-renderer.c that is Cairo on a
# software GL), "gl" (GSK_RENDERER=gl, GTK's GL renderer forced) and "cairo"
# (GSK_RENDERER=cairo, the reference). Builds and renderers alternate within each
# round, so a load that comes and goes hits all; the table gives the median of
# the rounds. Target: >= 20 updates/s under the default renderer.
set -eu
seconds=3
runs=3
while getopts s:r: opt; do
  case $opt in
    s) seconds=$OPTARG ;;
    r) runs=$OPTARG ;;
    *) echo "usage: drag-frames.sh [-s SECONDS] [-r RUNS] [BUILD_DIR...]" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[ $# -gt 0 ] || set -- _build
for build in "$@"; do
  [ -x "$build/bench/drag-frames" ] ||
    { echo "drag-frames.sh: $build/bench/drag-frames not found; build it first" >&2; exit 1; }
done

export LIBGL_ALWAYS_SOFTWARE=1 GDK_BACKEND=x11 GSETTINGS_BACKEND=memory NO_AT_BRIDGE=1
# as the app runs OpenBLAS: idle threads sleep at once (see src/engine/isc-blas.h)
export OPENBLAS_THREAD_TIMEOUT=${OPENBLAS_THREAD_TIMEOUT:-8}
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

i=1
while [ "$i" -le "$runs" ]; do
  for build in "$@"; do
    for renderer in default gl cairo; do
      if [ "$renderer" = default ]; then set_renderer="-u GSK_RENDERER"
      else set_renderer="GSK_RENDERER=$renderer"; fi
      # shellcheck disable=SC2086
      xvfb-run -a -s '-screen 0 1600x1000x24' env $set_renderer \
        GSETTINGS_SCHEMA_DIR="$build/data" "$build/bench/drag-frames" "$seconds" 2>/dev/null |
        sed -n "s|^RESULT drag-frames renderer=[a-z]* |RESULT build=$build renderer=$renderer |p"
    done
  done
  i=$((i + 1))
done | tee /dev/stderr | awk '
  function median(list,   n, a, i, j, t) {
    n = split(list, a, " ")
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  { for (f = 2; f <= NF; f++) { split($f, kv, "="); v[kv[1]] = kv[2] }
    k = v["build"] " " v["renderer"]
    if (!(k in u)) order[++n] = k
    u[k] = u[k] " " v["updates_per_s"]; fr[k] = fr[k] " " v["frames_per_s"] }
  END {
    printf "%-28s %-8s %12s %12s  %s\n", "build", "renderer", "updates/s", "frames/s", "(median; target >= 20 under default)"
    for (i = 1; i <= n; i++) {
      split(order[i], kr, " ")
      printf "%-28s %-8s %12.1f %12.1f  %s\n", kr[1], kr[2], median(u[order[i]]), median(fr[order[i]]),
             kr[2] == "default" ? (median(u[order[i]]) >= 20 ? "PASS" : "MISS") : ""
    }
  }'
