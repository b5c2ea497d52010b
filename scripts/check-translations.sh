#!/usr/bin/env bash
# Fail when a user-facing string lacks its Swedish translation. makemessages runs on copies of the
# catalogues, so the check never changes the working tree.
set -euo pipefail
cd "$(dirname "$0")/.."
catalogues=(src/omvarld/locale/sv/LC_MESSAGES/django.po)
for dir in src/omvarld/*/locale; do
  [ -d "$dir" ] && catalogues+=("$dir/sv/LC_MESSAGES/django.po")
done
backup=$(mktemp -d)
for po in "${catalogues[@]}"; do
  [ -f "$po" ] || { echo "Missing Swedish catalogue $po" >&2; exit 1; }
  mkdir -p "$backup/$(dirname "$po")"
  cp "$po" "$backup/$po"
done
restore() {
  for po in "${catalogues[@]}"; do cp "$backup/$po" "$po"; done
  rm -rf "$backup"
}
trap restore EXIT
.venv/bin/python scripts/messages.py

failed=0
for po in "${catalogues[@]}"; do
  missing=$(msgattrib --untranslated --no-obsolete "$po" | grep -c '^msgid ' || true)
  fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$po" | grep -c '^msgid ' || true)
  # msgattrib prints the header entry too when anything is printed at all.
  [ "$missing" -gt 0 ] && missing=$((missing - 1))
  [ "$fuzzy" -gt 0 ] && fuzzy=$((fuzzy - 1))
  if [ "$missing" -gt 0 ] || [ "$fuzzy" -gt 0 ]; then
    echo "$po: Swedish translations missing: $missing, fuzzy: $fuzzy. Run 'make messages' and translate:" >&2
    msgattrib --untranslated --no-obsolete "$po" | grep '^msgid ' | tail -n +2 >&2 || true
    msgattrib --only-fuzzy --no-obsolete "$po" | grep '^msgid ' | tail -n +2 >&2 || true
    failed=1
  fi
done
[ "$failed" -eq 0 ] || exit 1
echo "translations: every string has its Swedish translation (${#catalogues[@]} catalogues)"
