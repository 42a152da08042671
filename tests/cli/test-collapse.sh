#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# test-collapse.sh EXE
#
# Issue 8: nets whose layers collapse to within 1e-38 of 0 (ReLU at depth 45,
# σ = 0.001 over 20–25 layers, any σ ≤ 1e-38 with relu or linear) crashed the
# CLI with a segfault. Each command as reported, to a temporary folder: exit 0,
# a CSV of one line a layer, a PNG that is one.
set -euo pipefail

exe=${1:?usage: test-collapse.sh EXE}
[ -x "$exe" ] || { echo "$exe: not built" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0

fail () {
  echo "$name: $*" >&2
  sed 's/^/  /' "$tmp/$name.log" >&2
  status=1
}

# check NAME DEPTH FLAG… (the flags without --export)
check () {
  local rc=0 lines
  name=$1 depth=$2
  shift 2
  "$exe" "$@" --export "$tmp/$name.png" --stats "$tmp/$name.csv" > "$tmp/$name.log" 2>&1 || rc=$?
  if [ "$rc" -ne 0 ]; then
    fail "exit status $rc for: initscope $* --export $name.png --stats $name.csv"
    return
  fi
  lines=$(wc -l < "$tmp/$name.csv")
  if [ "$lines" -ne $((depth + 1)) ]; then
    fail "$name.csv has $lines lines, not a header and $depth layers"
  fi
  if [ "$(head -c 8 "$tmp/$name.png" | od -An -tx1 | tr -d ' \n')" != 89504e470d0a1a0a ]; then
    fail "$name.png is not a PNG"
  fi
}

# the lecture's collapse demo, exactly as reported: CSV only
name=relu45
rc=0
"$exe" --activation relu --depth 45 --export "$tmp/x.csv" > "$tmp/$name.log" 2>&1 || rc=$?
if [ "$rc" -ne 0 ]; then
  fail "exit status $rc for: initscope --activation relu --depth 45 --export x.csv"
elif [ "$(wc -l < "$tmp/x.csv")" -ne 46 ]; then
  fail "x.csv does not hold a header and 45 layers"
fi

check relu45-png 45 --activation relu --depth 45
check relu-0.001 20 --scale 0.001 --activation relu --depth 20
check linear-0.001 25 --scale 0.001 --activation linear --depth 25
check relu-1e-38 10 --scale 1e-38 --activation relu
check linear-1e-38 10 --scale 1e-38 --activation linear
check relu-1e-45 10 --scale 1e-45 --activation relu
check linear-1e-42 10 --scale 1e-42 --activation linear
check relu-max-depth 50 --activation relu --depth 50 --width 100 --batch 100

exit $status
