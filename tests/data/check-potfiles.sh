#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# check-potfiles.sh SRCDIR
#
# Fails, naming the file, when a file under src/ or data/ with translatable strings is
# missing from po/POTFILES.in; then, via po/check-untranslated (which the translators use
# too), when a listed file no longer exists or, naming the string, when a string of the
# template is not translated in a po/*.po.
set -eu

srcdir=${1:?usage: check-potfiles.sh SRCDIR}
cd "$srcdir"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
listed=$tmp/listed
grep -v -e '^#' -e '^[[:space:]]*$' po/POTFILES.in | sort -u > "$listed"

status=0

# Sources: gettext macros (also the GNU "_ (" spelling) or translatable GtkBuilder properties.
# Data: every desktop entry, metainfo and schema carries translatable text.
{
  grep -rlE --include='*.c' --include='*.h' --include='*.ui' --include='*.blp' \
    -e '(^|[^[:alnum:]_])(_|N_|C_|NC_|Q_|g_dngettext|g_dpgettext2)[[:space:]]*\(' \
    -e 'translatable="(yes|true)"' \
    src data 2>/dev/null || true
  find data -name '*.desktop.in' -o -name '*.metainfo.xml.in' -o -name '*.gschema.xml'
} | sort -u > "$tmp/found"

while read -r f; do
  if ! grep -qxF "$f" "$listed"; then
    echo "$f has translatable strings but is not listed in po/POTFILES.in" >&2
    status=1
  fi
done < "$tmp/found"

[ $status -eq 0 ] || exit $status

# Every string of a fresh template must be translated in every language.
sh po/check-untranslated -q
