#!/usr/bin/env bash
# JMH micro-benchmarks (issue 7): the gateway's plan time, cold and cached, for the bench queries,
# and skill tagging per posting over the labelled corpus. Builds the benchmark module, then runs
# JMH in its own forked JVM; arguments go to JMH (e.g. a benchmark name pattern, -f 2, -rf json).
#   bench/run-jmh.sh                          # everything, about 3 minutes
#   bench/run-jmh.sh PlanTime -p query=signature
# Writes JMH's JSON results to docs/benchmarks/data/jmh-<date>.json unless -rff is given.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
./mvnw -q -B -ntp -DskipTests package -pl bench/jmh -am
./mvnw -q -B -ntp dependency:build-classpath -pl bench/jmh -Dmdep.outputFile=target/jmh.classpath -Dmdep.includeScope=runtime >/dev/null
mkdir -p docs/benchmarks/data
results=(-rf json -rff "docs/benchmarks/data/jmh-$(date -u +%Y-%m-%d).json")
for arg in "$@"; do [ "$arg" = -rff ] && results=(); done
# Serial GC and the run command's heap: the figures are those of the services as they run
exec java -cp "bench/jmh/target/classes:$(cat bench/jmh/target/jmh.classpath)" org.openjdk.jmh.Main \
  -jvmArgs "-XX:+UseSerialGC -Xmx256m -Dskillpath.root=$ROOT" "${results[@]}" "$@"
