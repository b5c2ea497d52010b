#!/usr/bin/env bash
# Make sure the Debian packages the checks need are there: Chromium (browser tests), PostgreSQL
# (the production database), gettext (translations), and Pango with the DejaVu fonts (WeasyPrint's
# PDF reports). As root they are installed; otherwise the script stops with the exact line to run.
# `scripts/system-deps.sh pdf` checks only what the running platform needs (make run).
set -euo pipefail

need=()
pdf_only=${1:-}
ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0.so.0' || need+=(libpango-1.0-0 libpangoft2-1.0-0)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
if [ "$pdf_only" != "pdf" ]; then
  command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || need+=(chromium)
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 || need+=(postgresql)
  command -v msgfmt >/dev/null 2>&1 || need+=(gettext)
fi

if [ "${#need[@]}" -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
  echo ">> installing Debian packages: ${need[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  # The postgresql package starts a cluster of its own; the tests run their own server.
  if [[ " ${need[*]} " == *" postgresql "* ]] && command -v service >/dev/null 2>&1; then
    service postgresql stop >/dev/null 2>&1 || true
  fi
else
  echo "Missing Debian packages: ${need[*]}. Install them with:" >&2
  echo "    sudo apt-get install -y ${need[*]}" >&2
  exit 1
fi
