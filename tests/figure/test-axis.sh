#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# test-axis.sh EXE
#
# The x axis of a histogram carries its range's two ends and round values
# between them: a ReLU net's panels read 0 2 4 6 and their top, a tanh net's
# −1 −0.5 0 0.5 1. Read back from an exported PDF with pdftotext -layout, which
# keeps each row of labels on one line.
set -eu

exe=${1:?usage: test-axis.sh EXE}
[ -x "$exe" ] || { echo "$exe: not built" >&2; exit 1; }
command -v pdftotext > /dev/null || { echo "pdftotext (poppler-utils) not found" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0

check () {
  name=$1 pattern=$2
  shift 2
  if ! "$exe" "$@" --export "$tmp/$name.pdf" > "$tmp/$name.log" 2>&1; then
    cat "$tmp/$name.log" >&2
    echo "$name: the export failed" >&2
    status=1
    return
  fi
  pdftotext -layout -enc UTF-8 "$tmp/$name.pdf" "$tmp/$name.txt"
  if ! grep -qE "$pattern" "$tmp/$name.txt"; then
    echo "$name: no row of x labels matching /$pattern/ in the figure; its text:" >&2
    sed 's/^/  /' "$tmp/$name.txt" >&2
    status=1
  fi
}

# cs231n-2019 with Kaiming: ReLU activations up to ~6.7
check relu '(^| )0 +2 +4 +6 +6\.[0-9]+( |$)' \
  --preset cs231n-2019 --depth 2 --init kaiming --activation relu
check tanh '(^| )−1 +−0\.5 +0 +0\.5 +1( |$)' \
  --preset cs231n-2019 --depth 2 --init xavier --activation tanh

exit $status
