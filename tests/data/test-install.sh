#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# test-install.sh BUILDDIR PREFIX BINDIR DATADIR LOCALEDIR MANDIR
#
# Installs the configured build into a temporary DESTDIR and checks that every file a desktop
# and a packager expect is there, then removes the DESTDIR. The directories are meson's
# options, relative to PREFIX or absolute.
set -eu

builddir=$1 prefix=$2
dir () { case $1 in /*) echo "$1" ;; *) echo "$prefix/$1" ;; esac; }
bindir=$(dir "$3") datadir=$(dir "$4") localedir=$(dir "$5") mandir=$(dir "$6")
app_id=io.github.initscope.Initscope

destdir=$(mktemp -d)
log=$(mktemp)
trap 'rm -rf "$destdir" "$log"' EXIT

if ! meson install -C "$builddir" --destdir "$destdir" --no-rebuild --quiet > "$log" 2>&1; then
  cat "$log" >&2
  echo "meson install failed" >&2
  exit 1
fi

status=0
for f in \
  "$bindir/initscope" \
  "$datadir/applications/$app_id.desktop" \
  "$datadir/metainfo/$app_id.metainfo.xml" \
  "$datadir/icons/hicolor/scalable/apps/$app_id.svg" \
  "$datadir/icons/hicolor/symbolic/apps/$app_id-symbolic.svg" \
  "$datadir/glib-2.0/schemas/$app_id.gschema.xml" \
  "$localedir/ko/LC_MESSAGES/initscope.mo" \
  "$mandir/man1/initscope.1"
do
  if [ -f "$destdir$f" ]; then
    echo "ok $f"
  else
    echo "missing $f" >&2
    status=1
  fi
done

if [ -f "$destdir$bindir/initscope" ] && [ ! -x "$destdir$bindir/initscope" ]; then
  echo "$bindir/initscope is not executable" >&2
  status=1
fi

# The merged desktop file and metainfo must carry the Korean translation.
grep -q '^Name\[ko\]=\|^Comment\[ko\]=' "$destdir$datadir/applications/$app_id.desktop" 2>/dev/null ||
  { echo "the installed desktop file has no Korean translation" >&2; status=1; }
grep -q 'xml:lang="ko"' "$destdir$datadir/metainfo/$app_id.metainfo.xml" 2>/dev/null ||
  { echo "the installed metainfo has no Korean translation" >&2; status=1; }

exit $status
