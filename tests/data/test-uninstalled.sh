#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# test-uninstalled.sh EXE
#
# The build tree's binary runs as it is (src/isc-uninstalled.c): with no GSETTINGS_SCHEMA_DIR
# and no installed schema in sight, `<build>/src/initscope` opens its window, and a copy of it
# outside the build tree says in one line that the schema is missing instead of aborting. It
# finds the build's translations as well.
# Needs an X display: without a usable one it starts its own under xvfb-run.
set -eu

exe=${1:?usage: test-uninstalled.sh EXE}
[ -x "$exe" ] || { echo "$exe: not built" >&2; exit 1; }

command -v xwininfo > /dev/null || { echo "xwininfo (x11-utils) not found" >&2; exit 1; }
# No display, or one that cannot be opened (on a shared machine another run's clean-up can take
# the outer xvfb-run's server or its Xauthority away): use a server of our own.
if [ -z "${ISC_OWN_XVFB:-}" ] && ! xwininfo -root > /dev/null 2>&1; then
  ISC_OWN_XVFB=1 exec xvfb-run -a -s '-screen 0 1280x800x24' sh "$0" "$@"
fi

tmp=$(mktemp -d)
pid=
cleanup () {
  [ -z "$pid" ] || kill "$pid" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

# No schema but the build tree's: the variable meson test sets goes, and the data dirs GSettings
# searches are empty ones (a system-wide install must not make this pass).
unset GSETTINGS_SCHEMA_DIR INITSCOPE_LOCALEDIR WAYLAND_DISPLAY
mkdir "$tmp/data-dirs" "$tmp/data-home" "$tmp/config"
export XDG_DATA_DIRS="$tmp/data-dirs" XDG_DATA_HOME="$tmp/data-home" XDG_CONFIG_HOME="$tmp/config"
export GDK_BACKEND=x11 GSETTINGS_BACKEND=memory
# Without a session bus GTK warns that it cannot register the application, and without the
# system's data dirs that it finds no icon theme: both harmless here, so only criticals are fatal.
export G_DEBUG=fatal-criticals

status=0

# A copy outside the build tree has no schema to find: one line naming it, exit 1, no trap.
cp "$exe" "$tmp/initscope"
rc=0
"$tmp/initscope" > "$tmp/copy.out" 2> "$tmp/copy.err" || rc=$?
if [ $rc -ne 1 ] || [ "$(wc -l < "$tmp/copy.err")" -ne 1 ] ||
   ! grep -q 'io.github.initscope.Initscope' "$tmp/copy.err"; then
  echo "a copy outside the build tree: exit $rc, expected 1 and one line naming the schema:" >&2
  sed 's/^/  /' "$tmp/copy.err" >&2
  status=1
fi

# ... and the build tree's binary finds the build's translations too (as test-ko.sh, but
# without INITSCOPE_LOCALEDIR): 층 (layer) is in the Korean --help.
if ! env -u LC_ALL LANGUAGE=ko LANG=C.UTF-8 "$exe" --help 2>&1 | grep -q '층'; then
  echo "$exe --help under LANGUAGE=ko is not Korean without INITSCOPE_LOCALEDIR" >&2
  status=1
fi

# The build tree's binary opens its window ("Initscope"); poll until it maps or exits.
"$exe" > "$tmp/window.out" 2> "$tmp/window.err" &
pid=$!
opened=no
i=0
while [ $i -lt 600 ]; do
  if xwininfo -root -tree 2> /dev/null | grep -q '"Initscope"'; then
    opened=yes
    break
  fi
  kill -0 "$pid" 2> /dev/null || break
  sleep 0.1
  i=$((i + 1))
done
if [ $opened = no ]; then
  rc=running
  if ! kill -0 "$pid" 2> /dev/null; then
    rc=0
    wait "$pid" || rc=$?
  fi
  pid=
  xwininfo -root > /dev/null 2>&1 || echo "(the display $DISPLAY cannot be opened now)" >&2
  echo "$exe (uninstalled, no GSETTINGS_SCHEMA_DIR) opened no window (exit: $rc):" >&2
  sed 's/^/  /' "$tmp/window.err" >&2
  status=1
fi
if grep -q 'not installed' "$tmp/window.err"; then
  echo "$exe did not find the build tree's schema:" >&2
  sed 's/^/  /' "$tmp/window.err" >&2
  status=1
fi

exit $status
