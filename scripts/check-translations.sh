#!/usr/bin/env bash
# Fail when a user-facing string lacks its Swedish translation. makemessages runs on a copy of the
# catalogue, so the check never changes the working tree.
set -euo pipefail
cd "$(dirname "$0")/.."
po=src/omvarld/locale/sv/LC_MESSAGES/django.po
[ -f "$po" ] || { echo "Missing Swedish catalogue $po" >&2; exit 1; }
backup=$(mktemp)
cp "$po" "$backup"
trap 'cp "$backup" "$po"; rm -f "$backup"' EXIT
( cd src/omvarld && ../../.venv/bin/python ../../manage.py makemessages -l sv --no-location --no-obsolete \
    --ignore 'euimpact/*' --ignore 'tests/*' --ignore '*/tests/*' >/dev/null )
missing=$(msgattrib --untranslated --no-obsolete "$po" | grep -c '^msgid ' || true)
fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$po" | grep -c '^msgid ' || true)
# msgattrib prints the header entry too when anything is printed at all.
[ "$missing" -gt 0 ] && missing=$((missing - 1))
[ "$fuzzy" -gt 0 ] && fuzzy=$((fuzzy - 1))
if [ "$missing" -gt 0 ] || [ "$fuzzy" -gt 0 ]; then
  echo "Swedish translations missing: $missing, fuzzy: $fuzzy. Run 'make messages' and translate:" >&2
  msgattrib --untranslated --no-obsolete "$po" | grep '^msgid ' | tail -n +2 >&2 || true
  msgattrib --only-fuzzy --no-obsolete "$po" | grep '^msgid ' | tail -n +2 >&2 || true
  exit 1
fi
echo "translations: every string has its Swedish translation"
