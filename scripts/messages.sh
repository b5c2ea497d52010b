#!/usr/bin/env bash
# Update the Swedish catalogues from the code and templates: the platform's own catalogue
# (src/omvarld/locale) and one per app that carries its own (src/omvarld/<app>/locale), so that
# apps built side by side never edit the same catalogue.
set -euo pipefail
cd "$(dirname "$0")/.."
py=$PWD/.venv/bin/python
opts=(-l sv --no-location --no-obsolete --ignore 'tests/*' --ignore '*/tests/*')

own=()
for dir in src/omvarld/*/locale; do
  [ -d "$dir" ] && own+=("$(basename "$(dirname "$dir")")")
done

ignore=(--ignore 'euimpact/*')
for app in "${own[@]}"; do
  ignore+=(--ignore "$app/*")
done
( cd src/omvarld && "$py" ../../manage.py makemessages "${opts[@]}" "${ignore[@]}" >/dev/null )
for app in "${own[@]}"; do
  ( cd "src/omvarld/$app" && "$py" ../../../manage.py makemessages "${opts[@]}" >/dev/null )
done
