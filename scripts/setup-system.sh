#!/bin/sh
# The system packages the project's tests use, installed once (`make setup`; `make test`
# runs it first). Idempotent: installs only what is missing, and runs `apt-get update`
# only when it has something to install.
#
#   postgresql-15, postgresql-15-rum  the team archive's server and its ranked-search index
#   chromium, chromium-driver         the browser test of the search page
#   libreoffice-calc                  the spreadsheet test of CSV/xlsx exports
#
# Needs root and apt-get to install; without them it says what is missing and exits 0
# (the tests that need a missing program skip, saying so).
set -eu

PG_BIN=/usr/lib/postgresql/15/bin
missing=""
[ -x "$PG_BIN/postgres" ] || missing="$missing postgresql-15"
[ -f /usr/lib/postgresql/15/lib/rum.so ] || missing="$missing postgresql-15-rum"
[ -x /usr/bin/chromium ] || missing="$missing chromium"
[ -x /usr/bin/chromedriver ] || missing="$missing chromium-driver"
command -v soffice >/dev/null 2>&1 || missing="$missing libreoffice-calc"

if [ -z "$missing" ]; then
    echo "setup: system packages present (postgresql-15, rum, chromium, libreoffice-calc)"
    exit 0
fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "setup: missing:$missing -- install them as root (sudo sh scripts/setup-system.sh);" \
        "tests that need them will skip" >&2
    exit 0
fi
echo "setup: installing$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# --no-install-recommends: the server, not its documentation and locales
apt-get install -y -qq --no-install-recommends $missing >/dev/null
echo "setup: installed$missing"
