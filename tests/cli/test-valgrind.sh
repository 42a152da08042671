#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Initscope authors
#
# `valgrind initscope --export x.png` on a small config: no memory error, exit
# 0, a PNG written. initscope once started itself again (execv) before main,
# which valgrind refused. A missing valgrind fails the test: CI installs it.
#
# Usage: INITSCOPE=path/to/initscope test-valgrind.sh

set -eu

exe=${INITSCOPE:?INITSCOPE must name the initscope executable}
command -v valgrind >/dev/null || { echo "test-valgrind: valgrind is missing" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for out in x.png x.csv; do
  valgrind --tool=memcheck --error-exitcode=1 --quiet \
    "$exe" --init kaiming --activation relu --depth 3 --width 64 --batch 32 --bins 20 \
    --size 320x240 --export "$tmp/$out"
  [ -s "$tmp/$out" ] || { echo "test-valgrind: $out was not written" >&2; exit 1; }
  echo "ok: valgrind initscope --export $out"
done
# a PNG, not merely a file
[ "$(head -c 4 "$tmp/x.png" | od -An -c | tr -d ' ')" = "211PNG" ] ||
  { echo "test-valgrind: x.png is not a PNG" >&2; exit 1; }
