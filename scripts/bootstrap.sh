#!/usr/bin/env bash
# Install the project into .venv from the lock file, bootstrapping uv with pip when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

find_uv() {
  command -v uv 2>/dev/null && return 0
  for candidate in "$HOME/.local/bin/uv" "$(python3 -m site --user-base 2>/dev/null)/bin/uv"; do
    [ -x "$candidate" ] && { echo "$candidate"; return 0; }
  done
  return 1
}

if ! UV=$(find_uv); then
  echo ">> uv is missing: installing it with pip (python3 -m pip install --user uv)" >&2
  python3 -m pip install --quiet --user uv 2>/dev/null \
    || python3 -m pip install --quiet --user --break-system-packages uv
  UV=$(find_uv) || { echo "uv was installed but cannot be found; add ~/.local/bin to PATH" >&2; exit 1; }
fi

# --frozen: install exactly what uv.lock says; a newcomer never re-resolves. --compile-bytecode:
# every process (the server's workers, each test worker) starts from compiled modules, also where
# PYTHONDONTWRITEBYTECODE keeps Python from writing them itself.
"$UV" sync --frozen --quiet --compile-bytecode "$@"
echo "$UV"
