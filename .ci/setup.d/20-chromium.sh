#!/usr/bin/env bash
# Debian's chromium and chromium-driver for the browser test of the web page
# (tests/server/test_page.py drives /usr/bin/chromium headless through Selenium).
set -euo pipefail
if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends chromium chromium-driver fonts-dejavu-core
