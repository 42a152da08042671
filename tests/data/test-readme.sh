#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# test-readme.sh SRCDIR BUILDDIR
#
# The README's command-line examples (the ```sh block of "## The command line") run as the
# README says, inside `meson devenv -C BUILDDIR -w DIR`, in an empty folder: each exits 0 and
# writes every file it names after --export and --stats there. Also checks that the
# devenv's `initscope` is the build's, found with no GSETTINGS_SCHEMA_DIR of meson test's.
set -eu

srcdir=${1:?usage: test-readme.sh SRCDIR BUILDDIR}
builddir=${2:?usage: test-readme.sh SRCDIR BUILDDIR}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/work"

# meson devenv sets these itself
unset GSETTINGS_SCHEMA_DIR INITSCOPE_LOCALEDIR

awk '
  /^## /        { in_section = ($0 == "## The command line"); next }
  !in_section   { next }
  /^```sh$/     { in_block = 1; next }
  /^```$/       { if (in_block) exit }
  in_block && !/^[[:space:]]*(#|$)/ { print }
' "$srcdir/README.md" > "$tmp/examples"

if [ ! -s "$tmp/examples" ]; then
  echo "README.md: no commands in the \`\`\`sh block of \"## The command line\"" >&2
  exit 1
fi

found=$(meson devenv -C "$builddir" -w "$tmp/work" sh -c 'command -v initscope')
if [ "$found" != "$builddir/src/initscope" ]; then
  echo "inside meson devenv, initscope is \"$found\", not $builddir/src/initscope" >&2
  exit 1
fi

status=0
n=0
while IFS= read -r line; do
  n=$((n + 1))
  rc=0
  meson devenv -C "$builddir" -w "$tmp/work" sh -c "$line" > "$tmp/out" 2>&1 < /dev/null || rc=$?
  if [ $rc -ne 0 ]; then
    echo "README example $n failed (exit $rc): $line" >&2
    sed 's/^/  /' "$tmp/out" >&2
    status=1
    continue
  fi
  # shellcheck disable=SC2086  # the line's own words, as the shell split them
  set -- $line
  while [ $# -gt 1 ]; do
    case $1 in
      --export|--stats)
        if [ ! -s "$tmp/work/$2" ]; then
          echo "README example $n wrote no $2: $line" >&2
          status=1
        fi
        ;;
    esac
    shift
  done
done < "$tmp/examples"

echo "$n README examples run"
exit $status
