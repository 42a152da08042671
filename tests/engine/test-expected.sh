#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# test-expected.sh EXE EXPECTED_DIR [--regenerate]
#
# The statistics CSV of a fixed set of configs against the one stored in EXPECTED_DIR, byte for
# byte: restructuring the engine must not change a single digit. The files were written by the
# build before the engine was split (issue 9); --regenerate rewrites them (only on purpose, when
# the numbers are meant to change, and say so in the commit).
set -eu

exe=${1:?usage: test-expected.sh EXE EXPECTED_DIR [--regenerate]}
dir=${2:?usage: test-expected.sh EXE EXPECTED_DIR [--regenerate]}
regen=${3:-}
[ -x "$exe" ] || { echo "$exe: not executable" >&2; exit 1; }
[ -d "$dir" ] || { echo "$dir: not a directory" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

# name|flags
configs='
tanh-small|--init gaussian --scale 0.01 --activation tanh
tanh-large|--init gaussian --scale 1.0 --activation tanh
xavier-tanh|--init xavier --activation tanh
relu-xavier|--init xavier --activation relu
relu-kaiming|--init kaiming --activation relu
sigmoid|--init xavier --activation sigmoid
linear-nonfinite|--init gaussian --scale 1 --activation linear --depth 50
zero|--init zero
glorot|--init glorot --activation tanh --seed 7
depth1|--depth 1 --init xavier
cs231n-2019-narrow|--preset cs231n-2019 --width 300 --init gaussian --scale 0.05
tiny-shape|--width 7 --batch 3 --depth 4 --bins 13 --init kaiming --activation relu
relu-collapse|--activation relu --depth 45
'

echo "$configs" | while IFS='|' read -r name flags; do
  [ -n "$name" ] || continue
  # shellcheck disable=SC2086 # flags are words on purpose
  if ! "$exe" $flags --export "$tmp/$name.csv" > "$tmp/$name.out" 2>&1; then
    echo "not ok: initscope $flags --export $name.csv failed:" >&2
    cat "$tmp/$name.out" >&2
    exit 1
  fi
  if [ "$regen" = --regenerate ]; then
    cp "$tmp/$name.csv" "$dir/$name.csv"
    echo "wrote $dir/$name.csv"
  elif ! cmp "$dir/$name.csv" "$tmp/$name.csv"; then
    echo "not ok: $name ($flags) differs from $dir/$name.csv" >&2
    exit 1
  else
    echo "ok: $name"
  fi
done
