#!/usr/bin/env bash
# make run: install, migrate, load the reference data, then serve with one task worker.
# Debug is off, as in production (Swedish error pages, static files through WhiteNoise);
# OMVARLD_DEBUG=1 make run turns it on.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-8000}
export DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-config.settings.dev}
export OMVARLD_SITE_URL=${OMVARLD_SITE_URL:-http://127.0.0.1:$PORT}

bash scripts/bootstrap.sh >/dev/null
# Pango and the DejaVu fonts for the PDF reports (installed as root; otherwise the line to run).
bash scripts/system-deps.sh pdf || echo ">> the annual reports cannot be made as PDF until these are installed" >&2
PY=.venv/bin/python
mkdir -p var
if command -v msgfmt >/dev/null 2>&1; then
  $PY manage.py compilemessages --ignore '.venv' -v 0
else
  echo ">> gettext (msgfmt) is missing: the pages will be in English. Install it with: sudo apt-get install -y gettext" >&2
fi
$PY manage.py collectstatic --no-input -v 0
$PY manage.py migrate --no-input -v 0
$PY manage.py load_reference_data >/dev/null
echo ">> organisation and knowledge base loaded"
$PY manage.py ensure_admin --new-link
# The recurring tasks re-queue themselves; these only queue the first run if none is waiting.
$PY manage.py eu_sync --schedule >/dev/null
$PY manage.py eu_digest --schedule >/dev/null
$PY manage.py exchange_erase_guests --schedule >/dev/null
$PY manage.py relations_retention --schedule >/dev/null
$PY manage.py stats_sync --schedule >/dev/null
$PY manage.py calls_sync --schedule >/dev/null

# The worker is restarted when it dies (killed, out of memory); a clean stop (exit 0) ends it.
# Work it left unfinished is taken up again by the restarted worker.
keep_worker() {
  local child=""
  trap '[ -n "$child" ] && kill "$child" 2>/dev/null; wait "$child" 2>/dev/null; exit 0' TERM
  while true; do
    $PY manage.py worker --no-reload --no-startup-delay -v 0 &
    child=$!
    status=0
    wait "$child" || status=$?
    [ "$status" -eq 0 ] && exit 0
    echo ">> the task worker stopped (exit $status); starting it again in 5 seconds" >&2
    sleep 5 & wait $!
  done
}
keep_worker &
worker=$!
stop() {
  kill "$worker" 2>/dev/null || true
  wait "$worker" 2>/dev/null || true
}
trap stop EXIT INT TERM

if [ "${OMVARLD_DEBUG:-0}" = "1" ]; then mode="debug on"; else mode="debug off; OMVARLD_DEBUG=1 turns it on"; fi
echo ">> Omvärld runs on http://127.0.0.1:$PORT/ with a task worker ($mode; Ctrl-C stops both)"
$PY manage.py runserver "127.0.0.1:$PORT" --noreload
