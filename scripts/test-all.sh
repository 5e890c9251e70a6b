#!/usr/bin/env bash
# The one command that runs every test. Installs what the tests need when it is missing (a real
# redis-server; Request Tracker 5 with SQLite and its standalone server, about two minutes; chromium and
# chromium-driver for the page tests), then runs
# the Maven build with all tests; the tests start and stop their own servers on loopback ports.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v redis-cli >/dev/null 2>&1 || missing+=(redis-tools)   # the Redis Cluster tests join their nodes with it
[ -x /usr/share/request-tracker5/libexec/rt-server ] || missing+=(request-tracker5 rt5-db-sqlite rt5-standalone)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
if ((${#missing[@]})); then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "installing test dependencies: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

exec mvn -B -ntp verify "$@"
