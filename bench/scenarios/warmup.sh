#!/usr/bin/env bash
# The gateway's start and warm-up, per Java runtime: from launch, the time to ready, then
# LENGTH seconds of load in WINDOW-second windows, each one's throughput and gateway CPU per
# request. The figure to read: throughput 30 s after launch against the last minute's.
# The load is the same-query scenario's (one body for everyone, deduplication on), where the
# gateway, not the subgraph, is the bottleneck; content-service is started once (JDK 17) and warmed
# before the first runtime.
#
# Runtimes (RUNTIMES, in order):
#   jdk17       the default JDK, the jar as built
#   jdk17-cds   the default JDK with the class data sharing archive run-suite makes (decision 0007)
#   jdk25       Temurin JDK 25 (JDK25_HOME), the extracted jar, no cache
#   jdk25-aot   JDK 25 with an ahead-of-time cache (JEP 483/514/515: classes loaded and linked, and
#               method profiles) recorded in a training run of TRAINING seconds of the same load
#
# Report: docs/benchmarks/warmup.md (REPORT); raw data in target/bench/warmup-<time>/ (RUN_DIR).
# Settings (environment): RUNTIMES="jdk17 jdk17-cds jdk25 jdk25-aot" LENGTH=300 WINDOW=5 TRAINING=60
# CONNECTIONS=16 THREADS=2 BASE_PORT=18380 (gateway; content-service +1) JDK25_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
# BENCH_DIR=/tmp/skillpath-bench-warmup. Needs: JDK 17, JDK 25, wrk, python3, jq, curl.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
RUNTIMES=${RUNTIMES:-jdk17 jdk17-cds jdk25 jdk25-aot}
LENGTH=${LENGTH:-300}
WINDOW=${WINDOW:-5}
TRAINING=${TRAINING:-60}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
BASE_PORT=${BASE_PORT:-18380}
JDK25_HOME=${JDK25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
BENCH_DIR=${BENCH_DIR:-/tmp/skillpath-bench-warmup}
QUERY=${QUERY:-'{ skills(first: 10) { edges { node { id name } } } }'}
RUN=${RUN_DIR:-$ROOT/target/bench/warmup-$(date -u +%Y-%m-%dT%H%M%SZ)}
REPORT=${REPORT:-docs/benchmarks/warmup.md}
GATEWAY_PORT=$BASE_PORT
CONTENT_PORT=$((BASE_PORT + 1))
mkdir -p "$RUN/logs" "$BENCH_DIR"
. scripts/jvm-options
. bench/lib/process-stats.sh
JAVA17=$(command -v java)
JAVA25=$JDK25_HOME/bin/java
. bench/lib/scenario.sh
need_tools wrk curl jq python3
case " $RUNTIMES " in *" jdk25"*) [ -x "$JAVA25" ] || { echo "no JDK 25 at $JDK25_HOME (JDK25_HOME)" >&2; exit 1; } ;; esac
need_free_ports $GATEWAY_PORT $CONTENT_PORT

CONTENT_PID= GATEWAY_PID=
trap 'stop "$GATEWAY_PID" "$CONTENT_PID"' EXIT
trap 'exit 130' INT TERM
ready() { curl -fs "http://127.0.0.1:$1/actuator/health/readiness" >/dev/null 2>&1; }

for m in content-service gateway; do
  ls "$m"/target/"$m"-*-exec.jar >/dev/null 2>&1 || { log "building $m"; ./mvnw -q -B -ntp -DskipTests package -pl "$m" -am; }
  cp "$(ls "$m"/target/"$m"-*-exec.jar | head -1)" "$BENCH_DIR/$m.jar"
done
COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
jq -cn --arg q "$QUERY" '{query: $q}' >"$RUN/body.jsonl"
load() { # seconds result-file port
  BODY_FILE=$RUN/body.jsonl RESULT_FILE=$2 SCENARIO=load \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$1s" --timeout 10s -s bench/lib/graphql-post.lua "http://127.0.0.1:$3/graphql" >/dev/null
}

# ---- content-service -----------------------------------------------------------------------------
rm -rf "$BENCH_DIR/data"
(PORT=$CONTENT_PORT SKILLPATH_DATABASE_EMBEDDED_DATA_DIR="$BENCH_DIR/data/content-service" \
  exec setsid "$JAVA17" $JAVA_OPTS -jar "$BENCH_DIR/content-service.jar" >"$RUN/logs/content-service.log" 2>&1) &
CONTENT_PID=$!
for _ in $(seq 1 1500); do ready "$CONTENT_PORT" && break; kill -0 "$CONTENT_PID" || exit 1; sleep 0.2; done
ready "$CONTENT_PORT" || { log "content-service did not start"; exit 1; }
load 20 /dev/null "$CONTENT_PORT"

# the gateway's command line for a runtime (extra JVM options first)
gateway_command() { # runtime
  local args=(--skillpath.gateway.rate-limit.anonymous-per-window=1000000000)
  case $1 in
    jdk17) echo "$JAVA17 $JAVA_OPTS -jar $BENCH_DIR/gateway.jar ${args[*]}" ;;
    jdk17-cds) echo "$JAVA17 $JAVA_OPTS -XX:SharedArchiveFile=$BENCH_DIR/cds/app.jsa -jar $BENCH_DIR/cds/gateway.jar ${args[*]}" ;;
    jdk25) echo "$JAVA25 $JAVA_OPTS -jar $BENCH_DIR/jdk25/gateway.jar ${args[*]}" ;;
    jdk25-aot) echo "$JAVA25 $JAVA_OPTS -XX:AOTCache=$BENCH_DIR/jdk25/app.aot -jar $BENCH_DIR/jdk25/gateway.jar ${args[*]}" ;;
    *) echo "unknown runtime $1" >&2; exit 2 ;;
  esac
}
launch() { # command...
  (exec env PORT=$GATEWAY_PORT CONTENT_URL=http://127.0.0.1:$CONTENT_PORT/graphql PROGRESS_URL= JOBS_URL= \
    setsid "$@" >>"$RUN/logs/gateway.log" 2>&1) &
  GATEWAY_PID=$!
}

prepare() { # runtime
  case $1 in
    jdk17-cds)
      log "jdk17-cds: recording the class data sharing archive"
      rm -rf "$BENCH_DIR/cds"
      env CONTENT_URL=http://127.0.0.1:$CONTENT_PORT/graphql PROGRESS_URL= JOBS_URL= JAVA_OPTS="$JAVA_OPTS" \
        scripts/prepare-cds "$BENCH_DIR/gateway.jar" "$BENCH_DIR/cds" "$RUN/logs/cds-training.log" ;;
    jdk25 | jdk25-aot)
      if [ ! -f "$BENCH_DIR/jdk25/gateway.jar" ]; then
        rm -rf "$BENCH_DIR/jdk25"
        "$JAVA25" -Djarmode=tools -jar "$BENCH_DIR/gateway.jar" extract --destination "$BENCH_DIR/jdk25" >/dev/null
      fi
      if [ "$1" = jdk25-aot ]; then
        log "jdk25-aot: training run, ${TRAINING}s of load"
        rm -f "$BENCH_DIR/jdk25/app.aot"
        launch "$JAVA25" $JAVA_OPTS -XX:AOTCacheOutput="$BENCH_DIR/jdk25/app.aot" -jar "$BENCH_DIR/jdk25/gateway.jar" \
          --skillpath.gateway.rate-limit.anonymous-per-window=1000000000
        for _ in $(seq 1 600); do ready "$GATEWAY_PORT" && break; sleep 0.2; done
        load "$TRAINING" /dev/null "$GATEWAY_PORT"
        # the cache is written as the JVM exits
        kill "$GATEWAY_PID"
        for _ in $(seq 1 240); do kill -0 "$GATEWAY_PID" 2>/dev/null || break; sleep 0.5; done
        GATEWAY_PID=
        [ -f "$BENCH_DIR/jdk25/app.aot" ] || { log "no AOT cache written (log: $RUN/logs/gateway.log)"; exit 1; }
        log "jdk25-aot: cache of $(du -m "$BENCH_DIR/jdk25/app.aot" | cut -f1) MB"
      fi ;;
  esac
}

: >"$RUN/windows.jsonl"
: >"$RUN/starts.jsonl"
for runtime in $RUNTIMES; do
  prepare "$runtime"
  sleep 3
  command=$(gateway_command "$runtime")
  echo "$runtime: $command" >>"$RUN/commands.txt"
  t0=$(date +%s.%N)
  # shellcheck disable=SC2086
  launch $command
  until ready "$GATEWAY_PORT"; do
    kill -0 "$GATEWAY_PID" 2>/dev/null || { log "$runtime: the gateway stopped during start"; exit 1; }
    sleep 0.05
  done
  t_ready=$(date +%s.%N)
  start_ticks=$(cpu_ticks "$GATEWAY_PID")
  jq -cn --arg runtime "$runtime" --argjson seconds "$(python3 -c "print(round($t_ready - $t0, 2))")" \
    --argjson cpu_ticks "$start_ticks" --argjson tck "$(getconf CLK_TCK)" \
    '{runtime: $runtime, ready_s: $seconds, cpu_s: ($cpu_ticks / $tck)}' | tee -a "$RUN/starts.jsonl"
  log "$runtime: ready; ${LENGTH}s of load in ${WINDOW}s windows"
  while python3 -c "import sys; sys.exit(0 if $(date +%s.%N) - $t0 < $LENGTH else 1)"; do
    g0=$(cpu_ticks "$GATEWAY_PID")
    load "$WINDOW" "$RUN/window.jsonl" "$GATEWAY_PORT"
    jq -c --arg runtime "$runtime" --argjson at "$(python3 -c "print(round($(date +%s.%N) - $t0, 1))")" \
      --argjson ticks $(( $(cpu_ticks "$GATEWAY_PID") - g0 )) --argjson tck "$(getconf CLK_TCK)" \
      '{runtime: $runtime, at_s: $at, rps: .rps, p99_us: .p99_us, errors: (.non_2xx + .socket_errors + .graphql_errors),
        cpu_ms_per_request: (if .requests > 0 then $ticks / $tck * 1000 / .requests else null end)}' \
      <(tail -1 "$RUN/window.jsonl") >>"$RUN/windows.jsonl"
  done
  tail -1 "$RUN/windows.jsonl"
  stop "$GATEWAY_PID"
  GATEWAY_PID=
done

# ---- report --------------------------------------------------------------------------------------
python3 bench/lib/warmup-report.py "$RUN" "$REPORT" "$COMMIT" "$JAVA_OPTS" "$LENGTH" "$WINDOW" "$TRAINING" "$CONNECTIONS" \
  "$THREADS" "$QUERY" "$("$JAVA17" -version 2>&1 | head -1)" "$( [ -x "$JAVA25" ] && "$JAVA25" -version 2>&1 | head -1 || echo none)"
log "report: $REPORT"
