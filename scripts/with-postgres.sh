#!/usr/bin/env bash
# Run a command against a throw-away PostgreSQL server on a free local port:
#     scripts/with-postgres.sh pytest ...
# The server, its data and its socket live in a temporary folder that is removed on exit, so
# nothing is left running. DATABASE_URL points the command at it.
set -euo pipefail

bindir=""
for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
  [ -x "$candidate/initdb" ] && { bindir=$candidate; break; }
done
if [ -z "$bindir" ]; then
  bindir=$(dirname "$(command -v initdb)") || { echo "PostgreSQL (initdb) is not installed" >&2; exit 1; }
fi

tmp=$(mktemp -d /tmp/omvarld-pg.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')

# PostgreSQL refuses to run as root: run the server as the postgres system user then.
as_pg=()
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  chown postgres "$tmp"
  as_pg=(runuser -u postgres --)
fi

cleanup() {
  "${as_pg[@]}" "$bindir/pg_ctl" -D "$tmp/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

"${as_pg[@]}" "$bindir/initdb" -D "$tmp/data" -U omvarld -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${as_pg[@]}" "$bindir/pg_ctl" -D "$tmp/data" -l "$tmp/server.log" -w -o \
  "-p $port -k $tmp -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >/dev/null
"${as_pg[@]}" "$bindir/createdb" -h 127.0.0.1 -p "$port" -U omvarld omvarld

export DATABASE_URL="postgres://omvarld@127.0.0.1:$port/omvarld"
echo ">> PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on port $port" >&2
"$@"
