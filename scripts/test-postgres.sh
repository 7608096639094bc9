#!/usr/bin/env bash
# Run the database-facing tests against a throwaway PostgreSQL cluster (make test-postgres).
#
# Installs Debian's PostgreSQL server when missing (apt-get; root or sudo), starts a cluster
# in a temporary directory on a free local port as a non-root user (the "postgres" system user
# when run as root: initdb refuses root), installs psycopg, runs pytest with DATABASE_URL
# pointing at it, and always stops the server and removes the directory afterwards.
# Arguments replace the default pytest arguments, e.g.
#   scripts/test-postgres.sh wagtail_gov_review/tests/test_security_scope.py -x
set -euo pipefail

cd "$(dirname "$0")/.."
REPO=$(pwd)
PY=${PY:-$REPO/.venv/bin/python}

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

SUDO=""
[ "$(id -u)" = "0" ] || SUDO="sudo"
PGBIN=$(pg_bin || true)
if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then
    echo "Installing the PostgreSQL server (Debian package postgresql)…"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends postgresql >/dev/null
    PGBIN=$(pg_bin)
fi

"$PY" -c "import psycopg" 2>/dev/null || "$PY" -m pip install --quiet -e ".[postgres]"

PORT=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
TMP=$(mktemp -d /tmp/gov-review-pg.XXXXXX)
DATA="$TMP/data"

if [ "$(id -u)" = "0" ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql postgres
    chown postgres "$TMP"
    as_pg() { su postgres -s /bin/sh -c "$*"; }
else
    as_pg() { sh -c "$*"; }
fi

stop() {
    as_pg "'$PGBIN/pg_ctl' -D '$DATA' -m fast -w stop" >/dev/null 2>&1 || true
    rm -rf "$TMP"
}
trap stop EXIT INT TERM

as_pg "'$PGBIN/initdb' -D '$DATA' -U gov --auth=trust -E UTF8 --no-locale" >/dev/null
# A throwaway cluster: durability off for speed.
as_pg "'$PGBIN/pg_ctl' -D '$DATA' -l '$TMP/server.log' -w -o \"-p $PORT -k '$TMP' \
    -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off \
    -c full_page_writes=off -c max_connections=50\" start" >/dev/null
echo "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT ($TMP)"

export DATABASE_URL="postgres://gov@127.0.0.1:$PORT/gov_review"
if [ $# -eq 0 ]; then
    # The database-facing suite: the check engine is pure Python, the browser tests need
    # Chromium and say nothing more about the database.
    set -- -m "not browser" wagtail_gov_review/tests \
        --ignore=wagtail_gov_review/tests/checks --ignore=wagtail_gov_review/tests/browser
fi
status=0
"$PY" -m pytest -p no:cacheprovider "$@" || status=$?
exit $status
