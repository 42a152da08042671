#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# test-ko-titles.sh EXE LOCALEDIR
#
# Korean panel titles stay readable (issue 14): 표준편차 is ~2.5 times as wide
# as "std", and the titles used to shrink to 60 % of their size. Every panel's
# title must be drawn, at no less than ISC_TITLE_READABLE (85 %) of the title
# size. Read back from an exported PDF with pdftotext -bbox: a word's box is
# its font size times the font's ascent + descent, so the panel titles' "층"
# against the line plots' "층별" (same font, drawn at the full title size)
# is the ratio of their sizes; the only error is pdftotext's rounding (1e-6).
set -eu

exe=${1:?usage: test-ko-titles.sh EXE LOCALEDIR}
localedir=${2:?usage: test-ko-titles.sh EXE LOCALEDIR}
[ -x "$exe" ] || { echo "$exe: not built" >&2; exit 1; }
command -v pdftotext > /dev/null || { echo "pdftotext (poppler-utils) not found" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0

# check NAME LAYERS ARGS...: the export has LAYERS panel titles at >= 85 %
check () {
  name=$1 layers=$2
  shift 2
  if ! LANGUAGE=ko LANG=C.UTF-8 LC_ALL=C.UTF-8 INITSCOPE_LOCALEDIR="$localedir" \
       "$exe" "$@" --export "$tmp/$name.pdf" > "$tmp/$name.log" 2>&1; then
    cat "$tmp/$name.log" >&2
    echo "$name: the export failed" >&2
    status=1
    return
  fi
  pdftotext -bbox -enc UTF-8 "$tmp/$name.pdf" "$tmp/$name.html"
  # n panels' "층", the smallest of their heights, the line plots' "층별"
  set -- $(awk -F'"' '
    />층<\/word>/ { n++; h = $8 - $4; if (min == "" || h < min) min = h }
    />층별<\/word>/ { ref = $8 - $4 }
    END { printf "%d %s %s\n", n, (min == "" ? 0 : min), (ref == "" ? 0 : ref) }
  ' "$tmp/$name.html")
  if [ "$1" -ne "$layers" ]; then
    echo "$name: $1 panel titles in the figure, $layers layers" >&2
    status=1
  elif ! awk -v h="$2" -v ref="$3" 'BEGIN { exit !(ref > 0 && h / ref >= 0.85 - 1e-6) }'; then
    echo "$name: a panel title at $2 / $3 of the title size, under 85 %" >&2
    status=1
  else
    ratio=$(awk -v h="$2" -v r="$3" 'BEGIN { printf "%.3f", h / r }')
    echo "ok: $name: $1 titles, the smallest at $ratio of the title size"
  fi
}

# each of these drew its titles at 54 % to 80 % before issue 14
check 2016-720 10 --preset cs231n-2016 --size 1280x720
check grad-1200x400 10 --preset cs231n-2016 --view gradients --size 1200x400
check grad-800x600 10 --preset cs231n-2016 --view gradients --size 800x600
check depth50 50 --depth 50 --init gaussian --scale 0.01 --size 1920x1080
check depth50-1200x400 50 --depth 50 --init gaussian --scale 0.01 --size 1200x400
check 2019 6 --preset cs231n-2019 --size 1280x720

exit $status
