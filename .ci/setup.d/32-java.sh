#!/usr/bin/env bash
# Java 17 runtime for pyspark (Spark local mode in tests/sql).
set -euo pipefail
if command -v java >/dev/null 2>&1; then
  echo "java already installed: $(java -version 2>&1 | head -1)"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends openjdk-17-jre-headless
