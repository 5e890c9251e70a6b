#!/usr/bin/env bash
# Tickets per second the outbox relay forwards to a real Request Tracker (Debian's request-tracker5,
# started on a free port with its own database), next to the embedded sink as baseline.
# Usage: bench/relay.sh [tickets]
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bench/out
mvn -B -q -ntp test-compile dependency:build-classpath -Dmdep.outputFile=bench/out/classpath.txt >/dev/null
java -cp "target/test-classes:target/classes:$(cat bench/out/classpath.txt)" \
  com.furnishcare.intake.bench.RelayBench "${1:-200}" 2>&1 | grep -E "tickets/s"
