#!/usr/bin/env bash
# Prepares a fresh Debian machine for `npm test`: Debian's Chromium (the end-to-end tests drive it,
# no browser is ever downloaded), PostgreSQL 15 + PostGIS 3 (optional server for the DB tests),
# poppler-utils (pdftotext, to read the printed report in tests), pgTAP with pg_prove and plpgsql_check (the database
# checks of .ci/run), and the npm packages from package-lock.json. Idempotent: skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
dpkg -s postgresql-15-postgis-3 >/dev/null 2>&1 || need+=(postgresql-15-postgis-3)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
# Database checks of .ci/run (supabase/README.md "CI"): pgTAP + pg_prove, and plpgsql_check for `supabase db lint`.
dpkg -s postgresql-15-pgtap >/dev/null 2>&1 || need+=(postgresql-15-pgtap)
command -v pg_prove >/dev/null 2>&1 || need+=(libtap-parser-sourcehandler-pgtap-perl)
dpkg -s postgresql-15-plpgsql-check >/dev/null 2>&1 || need+=(postgresql-15-plpgsql-check)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  echo "Installing Debian packages: ${need[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" fonts-dejavu-core
fi

# npm ci only when node_modules does not match package-lock.json (a stamp records the lock's hash).
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat node_modules/.setup-lock-hash 2>/dev/null)" != "$lock_hash" ]; then
  npm ci --no-audit --no-fund
  echo "$lock_hash" > node_modules/.setup-lock-hash
fi
