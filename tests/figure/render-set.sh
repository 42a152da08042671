#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# render-set.sh EXE OUTDIR [LOCALEDIR]
#
# Renders a fixed set of figures (the lecture's cases, the edge cases, three PNG
# sizes, SVG and PDF, Korean) into OUTDIR, for a before/after comparison when
# the renderer is restructured:
#
#   tests/figure/render-set.sh /tmp/before/initscope /tmp/before _build/po
#   tests/figure/render-set.sh _build/src/initscope /tmp/after _build/po
#   tests/figure/compare-sets.sh /tmp/before /tmp/after
#
# Not a test of its own: what is right is "the same as before", which needs a
# before. LOCALEDIR (default _build/po) holds the compiled ko catalogue.
set -eu

exe=${1:?usage: render-set.sh EXE OUTDIR [LOCALEDIR]}
out=${2:?usage: render-set.sh EXE OUTDIR [LOCALEDIR]}
localedir=$(cd "${3:-_build/po}" && pwd)
[ -x "$exe" ] || { echo "$exe: not executable" >&2; exit 1; }
mkdir -p "$out"

# name|flags: each config is drawn at every size and in every format below
configs='
tanh-small|--init gaussian --scale 0.01 --activation tanh
tanh-large|--init gaussian --scale 1.0 --activation tanh
xavier-tanh|--init xavier --activation tanh
relu-xavier|--init xavier --activation relu
relu-kaiming|--init kaiming --activation relu
sigmoid|--init xavier --activation sigmoid
linear-exploding|--init gaussian --scale 1 --activation linear --depth 50
zero|--init zero
depth1|--depth 1 --init xavier
depth50|--depth 50 --init xavier
bins2|--bins 2 --init xavier
bins1000|--bins 1000 --init xavier
cs231n-2016|--preset cs231n-2016 --init kaiming --activation relu
cs231n-2019|--preset cs231n-2019
cs231n-2019-large|--preset cs231n-2019 --scale 0.05
narrow|--width 3 --batch 2 --depth 7 --init kaiming --activation relu
'

render () {
  name=$1 file=$2
  shift 2
  "$exe" "$@" --export "$out/$file" > "$out/$file.log" 2>&1 || {
    cat "$out/$file.log" >&2
    echo "$name: the export of $file failed" >&2
    exit 1
  }
  rm -f "$out/$file.log"
}

echo "$configs" | while IFS='|' read -r name flags; do
  [ -n "$name" ] || continue
  for size in 1920x1080 1280x720 1200x400 800x600 300x200; do
    # shellcheck disable=SC2086 # flags are words
    render "$name" "$name-$size.png" $flags --size "$size"
  done
  # shellcheck disable=SC2086
  render "$name" "$name.svg" $flags
  # shellcheck disable=SC2086
  render "$name" "$name.pdf" $flags --size 1200x400
done

# Korean: LANGUAGE picks the catalogue (gettext ignores it under plain C)
for f in ko-2016.png ko-2016.pdf ko-2016.svg; do
  LANGUAGE=ko LANG=C.UTF-8 INITSCOPE_LOCALEDIR="$localedir" \
    render ko "$f" --preset cs231n-2016 --init xavier --activation tanh
done
LANGUAGE=ko LANG=C.UTF-8 INITSCOPE_LOCALEDIR="$localedir" \
  render ko ko-narrow.png --depth 50 --size 1200x400 --init gaussian --scale 0.01

ls "$out" | grep -c -E '\.(png|svg|pdf)$' | sed 's/$/ figures rendered/'
