#!/usr/bin/env bash
# PostgreSQL server binaries (initdb, pg_ctl, postgres) for tests/sql: the test session starts its
# own throw-away cluster on a Unix socket in a temp folder and stops it at the end.
set -euo pipefail
if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "postgresql already installed"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends postgresql
