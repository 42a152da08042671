#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# compare-sets.sh BEFORE AFTER
#
# Compares two sets from render-set.sh: each PNG pixel for pixel (ImageMagick's
# `compare -metric AE`, the count of differing pixels, must be 0), each PDF
# through pdftoppm at 150 dpi the same way (a PDF's bytes carry its creation
# date), each SVG byte for byte. Prints one line a file; exit 1 if any differs.
set -eu

before=${1:?usage: compare-sets.sh BEFORE AFTER}
after=${2:?usage: compare-sets.sh BEFORE AFTER}
for tool in compare pdftoppm; do
  command -v "$tool" > /dev/null || { echo "$tool not found" >&2; exit 1; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0 total=0 same=0

ae () {
  # compare prints the metric on stderr and exits 1 when the images differ
  compare -metric AE "$1" "$2" null: 2>&1 || true
}

for a in "$before"/*.png "$before"/*.pdf "$before"/*.svg; do
  [ -e "$a" ] || continue
  file=$(basename "$a")
  b=$after/$file
  total=$((total + 1))
  if [ ! -e "$b" ]; then
    echo "$file: missing in $after"
    status=1
    continue
  fi
  case $file in
    *.png) result=$(ae "$a" "$b") ;;
    *.pdf)
      pdftoppm -r 150 -png "$a" "$tmp/a"
      pdftoppm -r 150 -png "$b" "$tmp/b"
      result=$(ae "$tmp/a-1.png" "$tmp/b-1.png")
      rm -f "$tmp"/*.png ;;
    *.svg) if cmp -s "$a" "$b"; then result=0; else result=differs; fi ;;
  esac
  echo "$file: $result"
  if [ "$result" = 0 ]; then same=$((same + 1)); else status=1; fi
done

echo "$same of $total identical"
exit $status
