#!/usr/bin/env bash
# MariaDB server binaries (mariadb-install-db, mariadbd) for tests/sql: the test session starts
# its own server on a Unix socket in a temp folder (no networking) and stops it at the end.
set -euo pipefail
if command -v mariadbd >/dev/null 2>&1 && command -v mariadb-install-db >/dev/null 2>&1; then
  echo "mariadb already installed"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends mariadb-server
# The package may start a system-wide server; the tests do not use it.
if command -v service >/dev/null 2>&1; then service mariadb stop >/dev/null 2>&1 || true; fi
