#!/usr/bin/env bash
# Starts Debian's PostgreSQL 15 cluster for the database tests and prints the DATABASE_URL to use.
# Idempotent and non-interactive; run as root (CI) or with sudo. Installs nothing: .ci/run installs
# postgresql-15 and postgresql-15-postgis-3 first.
set -euo pipefail

VERSION=15
CLUSTER=main
PASSWORD=${PGPASSWORD_TEST:-postgres}

if ! pg_lsclusters -h | awk -v v="$VERSION" -v c="$CLUSTER" '$1 == v && $2 == c { found = 1 } END { exit !found }'; then
  pg_createcluster "$VERSION" "$CLUSTER" >&2
fi
if ! pg_lsclusters -h | awk -v v="$VERSION" -v c="$CLUSTER" '$1 == v && $2 == c && $4 == "online" { up = 1 } END { exit !up }'; then
  pg_ctlcluster "$VERSION" "$CLUSTER" start >&2
fi
PORT=$(pg_lsclusters -h | awk -v v="$VERSION" -v c="$CLUSTER" '$1 == v && $2 == c { print $3 }')
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p "$PORT" && break
  sleep 1
done
pg_isready -h 127.0.0.1 -p "$PORT" >&2
# Password login over TCP for the tests' pg client (Debian allows scram for 127.0.0.1 by default).
runuser -u postgres -- psql -q -p "$PORT" -v ON_ERROR_STOP=1 -c "alter user postgres password '${PASSWORD}'" >&2
# PostGIS must be installed for the migrations' `create extension postgis with schema extensions`.
test -f "/usr/share/postgresql/${VERSION}/extension/postgis.control" || { echo "postgresql-${VERSION}-postgis-3 is not installed" >&2; exit 1; }
echo "postgres://postgres:${PASSWORD}@127.0.0.1:${PORT}/postgres"
