#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# test-ko.sh BUILD_LOCALEDIR [EXE]
#
# Runs the built CLI in Korean, with the .mo files compiled in the build tree
# (BUILD_LOCALEDIR/ko/LC_MESSAGES/initscope.mo, passed on through INITSCOPE_LOCALEDIR):
# --help and the labels of an exported figure must be Korean.
# EXE (default: $INITSCOPE) is the path of the built executable.
set -eu

localedir=${1:?usage: test-ko.sh BUILD_LOCALEDIR [EXE]}
exe=${2:-${INITSCOPE:?pass the built initscope executable or set INITSCOPE}}

[ -x "$exe" ] || { echo "$exe: not built" >&2; exit 1; }
[ -f "$localedir/ko/LC_MESSAGES/initscope.mo" ] ||
  { echo "$localedir/ko/LC_MESSAGES/initscope.mo: not built" >&2; exit 1; }
command -v pdftotext > /dev/null || { echo "pdftotext (poppler-utils) not found" >&2; exit 1; }

# LANGUAGE picks the translation, but gettext ignores it under the plain C locale:
# a UTF-8 locale every glibc has is needed, and LC_ALL (set for the other tests) must go.
unset LC_ALL LC_MESSAGES
export LANGUAGE=ko LANG=C.UTF-8
export INITSCOPE_LOCALEDIR="$localedir"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

status=0

"$exe" --help > "$tmp/help.txt" 2>&1 || { cat "$tmp/help.txt" >&2; echo "--help failed" >&2; exit 1; }
# Words of the option descriptions: 층 (layer), 가중치 (weight), 활성화 (activation).
for word in 층 가중치 활성화; do
  if ! grep -q "$word" "$tmp/help.txt"; then
    echo "initscope --help under LANGUAGE=ko lacks “$word”:" >&2
    sed 's/^/  /' "$tmp/help.txt" >&2
    status=1
  fi
done

# A bad flag's message is translated too (and still names the flag).
if "$exe" --depth 0 --export "$tmp/bad.png" > "$tmp/bad.txt" 2>&1; then
  echo "--depth 0 was accepted" >&2
  status=1
fi
if ! grep -q -- 'depth' "$tmp/bad.txt" || ! grep -qP '\p{Hangul}' "$tmp/bad.txt"; then
  echo "the error for --depth 0 under LANGUAGE=ko is not a Korean line naming the flag:" >&2
  sed 's/^/  /' "$tmp/bad.txt" >&2
  status=1
fi

# Cairo embeds the figure's text as glyphs with a ToUnicode map in PDF, so pdftotext reads
# the labels back; "층" (layer) titles every panel.
if ! "$exe" --export "$tmp/figure.pdf" --depth 2 --width 8 --batch 8 > "$tmp/export.txt" 2>&1
then
  cat "$tmp/export.txt" >&2
  echo "the PDF export failed" >&2
  exit 1
fi
pdftotext -enc UTF-8 "$tmp/figure.pdf" "$tmp/figure.txt"
if ! grep -q '층' "$tmp/figure.txt"; then
  echo "the exported figure's labels under LANGUAGE=ko lack “층”; its text:" >&2
  sed 's/^/  /' "$tmp/figure.txt" >&2
  status=1
fi

exit $status
