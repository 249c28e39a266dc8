#!/usr/bin/env bash
# JMH micro-benchmarks: the router's plan time, cold and cached, for the bench queries over the
# three subgraph schemas as the services ship them (PlanTimeBenchmark), and skill tagging per
# posting over the labelled corpus (TaggingBenchmark). Builds the benchmark module (bench/jmh),
# then runs JMH in its own forked JVM; arguments go to JMH (a benchmark name pattern, -f 2,
# -wi/-i, -w/-r, -p, -rf/-rff...).
#
#   bench/run jmh                               # everything, about 3 minutes
#   bench/run jmh PlanTime -p query=signature
#
# JMH's JSON results go to target/bench/jmh-<time>/jmh.json (RUN_DIR moves them), unless -rff is
# given: raw data, which git ignores. JMH runs have no report file: put their figures in the JMH
# section of docs/benchmarks/README.md.
# Settings (environment): RUN_DIR=<directory of the results>, JMH_BUILD=1 (0: run what was built
# last; only: build, then stop).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
JMH_BUILD=${JMH_BUILD:-1}
if [ "$JMH_BUILD" != 0 ]; then
  ./mvnw -q -B -ntp -DskipTests package -pl bench/jmh -am
  ./mvnw -q -B -ntp dependency:build-classpath -pl bench/jmh -Dmdep.outputFile=target/jmh.classpath -Dmdep.includeScope=runtime >/dev/null
fi
if [ "$JMH_BUILD" = only ]; then exit 0; fi
results=()
own_results=1
for arg in "$@"; do if [ "$arg" = -rff ]; then own_results=0; fi; done
if [ $own_results = 1 ]; then
  RUN_DIR=${RUN_DIR:-$ROOT/target/bench/jmh-$(date -u +%Y-%m-%dT%H%M%SZ)}
  mkdir -p "$RUN_DIR"
  results=(-rf json -rff "$RUN_DIR/jmh.json")
fi
# Serial GC and the run command's heap: the figures are those of the services as they run
java -cp "bench/jmh/target/classes:$(cat bench/jmh/target/jmh.classpath)" org.openjdk.jmh.Main \
  -jvmArgs "-XX:+UseSerialGC -Xmx256m -Dskillpath.root=$ROOT" "${results[@]}" "$@"
if [ $own_results = 1 ]; then
  echo "JMH results: $RUN_DIR/jmh.json (raw data, not kept in git)"
  echo "next: put the figures that matter, with the date, commit and JMH options, in the JMH section of docs/benchmarks/README.md"
fi
