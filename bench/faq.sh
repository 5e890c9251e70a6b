#!/usr/bin/env bash
# FAQ search figures: top-1 accuracy and MRR on src/test/resources/faq-eval.tsv next to a plain
# StandardAnalyzer baseline; query latency p50/p99 and index build time at the shipped size and at
# N synthetic entries (default 10,000), ours and the baseline measured in the same run.
# Usage: bench/faq.sh [synthetic-entries]
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bench/out
mvn -B -q -ntp test-compile dependency:build-classpath -Dmdep.outputFile=bench/out/classpath.txt >/dev/null
java -Xmx2g -cp "target/test-classes:target/classes:$(cat bench/out/classpath.txt)" \
  com.furnishcare.intake.bench.FaqBench "${1:-10000}" 2>&1 | grep -v -E "^WARNING|^SLF4J"
