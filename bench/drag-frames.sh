#!/bin/sh
# drag-frames.sh — figure updates painted per second while σ is dragged, on a
# software-rendered desktop (Mesa llvmpipe), per GSK renderer, side by side.
#
#   bench/drag-frames.sh [BUILD_DIR] [SECONDS] [RUNS]
#
# BUILD_DIR defaults to _build (built already). Each run is a fresh Xvfb,
# LIBGL_ALWAYS_SOFTWARE=1, GDK_BACKEND=x11, memory settings; the renderers
# alternate so a load that comes and goes hits both. Target: >= 20 updates/s
# under the default renderer on cs231n-2016.
set -eu
build=${1:-_build}
seconds=${2:-3}
runs=${3:-3}
exe="$build/bench/drag-frames"
[ -x "$exe" ] || { echo "drag-frames.sh: $exe not found; build $build first" >&2; exit 1; }

export LIBGL_ALWAYS_SOFTWARE=1 GDK_BACKEND=x11 GSETTINGS_BACKEND=memory NO_AT_BRIDGE=1
export GSETTINGS_SCHEMA_DIR="$build/data"
# as the app runs OpenBLAS: idle threads sleep at once (see src/engine/isc-blas.h)
export OPENBLAS_THREAD_TIMEOUT=${OPENBLAS_THREAD_TIMEOUT:-8}

i=1
while [ "$i" -le "$runs" ]; do
  for renderer in default cairo; do
    if [ "$renderer" = default ]; then
      xvfb-run -a -s '-screen 0 1600x1000x24' env -u GSK_RENDERER "$exe" "$seconds"
    else
      xvfb-run -a -s '-screen 0 1600x1000x24' env GSK_RENDERER=cairo "$exe" "$seconds"
    fi
  done
  i=$((i + 1))
done | grep '^RESULT' | tee /dev/stderr | awk '
  { for (f = 3; f <= NF; f++) { split($f, kv, "="); v[kv[1]] = kv[2] }
    n[v["renderer"]]++; u[v["renderer"]] += v["updates_per_s"]; fr[v["renderer"]] += v["frames_per_s"] }
  END { printf "%-10s %6s %14s %14s  %s\n", "renderer", "runs", "updates/s", "frames/s", "target >= 20"
        for (r in n) printf "%-10s %6d %14.1f %14.1f  %s\n", r, n[r], u[r] / n[r], fr[r] / n[r],
                            (u[r] / n[r] >= 20 ? "PASS" : "MISS") }'
