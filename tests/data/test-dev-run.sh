#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# test-dev-run.sh SRCDIR BUILDDIR
#
# `build-aux/dev run [--] OPTIONS` without a display passes the options to the built binary,
# whose relative paths are the caller's folder's; a bad option is a usage error (exit 2); with
# no options and a stale DISPLAY it renders the lecture's figures headless. It reuses BUILDDIR
# (already built: dev's ninja has nothing to do) and never calls apt-get (DEV_NO_APT).
set -eu

srcdir=${1:?usage: test-dev-run.sh SRCDIR BUILDDIR}
builddir=${2:?usage: test-dev-run.sh SRCDIR BUILDDIR}
dev=$srcdir/build-aux/dev

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"

unset WAYLAND_DISPLAY
export BUILD_DIR="$builddir" DEV_NO_APT=1
status=0
fail () { echo "$*" >&2; sed 's/^/  /' "$tmp/err" >&2; status=1; }
is_png () { [ -f "$1" ] && [ "$(head -c 8 "$1" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ]; }

# No display; the issue's command, relative path, no "--".
rc=0
env -u DISPLAY "$dev" run --preset cs231n-2019 --init xavier --depth 3 --export mine.png \
  > "$tmp/out" 2> "$tmp/err" || rc=$?
[ $rc -eq 0 ] || fail "dev run --export mine.png: exit $rc"
is_png mine.png || fail "dev run --export mine.png made no PNG in the caller's folder"
[ ! -e "$srcdir/mine.png" ] || fail "dev run --export mine.png wrote into the source tree"
! grep -q "lecture's figures" "$tmp/err" || fail "dev run with options rendered the lecture set"

# The "--" form, with a stale display (nothing listens on it): --export needs none.
stale=:$((2000 + $$ % 5000))
rc=0
DISPLAY=$stale "$dev" run -- --depth 2 --width 8 --batch 8 --export sub.png --stats sub.csv \
  > "$tmp/out" 2> "$tmp/err" || rc=$?
[ $rc -eq 0 ] || fail "dev run -- --export sub.png (DISPLAY=$stale): exit $rc"
is_png sub.png || fail "dev run -- --export sub.png made no PNG"
head -n 1 sub.csv 2> /dev/null | grep -q '^layer,mean,std,min,max' ||
  fail "dev run -- --stats sub.csv made no statistics CSV"

# A bad option reaches the binary: usage error, one line naming it.
rc=0
env -u DISPLAY "$dev" run --bogus > "$tmp/out" 2> "$tmp/err" || rc=$?
[ $rc -eq 2 ] || fail "dev run --bogus: exit $rc, expected 2"
grep -q -- '--bogus' "$tmp/err" || fail "dev run --bogus: the message does not name --bogus"

# No options, a stale DISPLAY: the lecture's figures, headless, instead of "cannot open display".
rm -rf "$builddir/lecture-figures"
rc=0
DISPLAY=$stale "$dev" run > "$tmp/out" 2> "$tmp/err" || rc=$?
[ $rc -eq 0 ] || fail "dev run (DISPLAY=$stale): exit $rc"
for f in cs231n-2016-small-gaussian.png cs231n-2019-kaiming-relu.png cs231n-2019-xavier-tanh.csv; do
  [ -s "$builddir/lecture-figures/$f" ] || fail "dev run (DISPLAY=$stale) did not render $f"
done

exit $status
