#!/usr/bin/env bash
# Tracing overhead at the gateway (docs/decisions/0008-trace-sampling.md). Usually run as
#
#   bench/run tracing        # 8 variants x 2 rounds of a gateway start, WARMUP and DURATION: about 12 minutes
#
# It prints one line per gateway variant and round (also in target/bench/tracing-<time>/results.txt,
# RUN_DIR, with the logs; git ignores it). There is no report file: decision 0008 holds the figures
# that chose the sampling rate; add a row for the run to docs/benchmarks/README.md.
#
# Starts content-, progress- and jobs-service once (prod profile, each on a fresh database of the
# PostgreSQL at PGHOST, 127.0.0.1:5432 as user postgres by default, or embedded with PGHOST=) and the
# gateway once per variant: tracing off, tracing on with nothing sampled, 10 % and 100 % sampled,
# each with Reactor's automatic context propagation (thread locals such as the logging MDC restored
# around every operator) and with it limited (VARIANTS_ORDER picks and orders the variants). For each, wrk warms up
# and then measures the skill query (one subgraph call per request) with CONNECTIONS connections
# for DURATION seconds; the figures that matter are the gateway's CPU time per request (from
# /proc/<pid>/stat), which the load on the other processes on the machine changes much less than
# throughput, and the part of it spent on Reactor Netty's event loops (/proc/<pid>/task/*, the
# threads that run the requests: without the JIT compiler's and the collector's threads, which
# dominate a JVM still warming up). Spans are recorded but not exported (no OTLP endpoint), so this is the cost inside
# the process; an exporter adds its batching and serialisation on top.
#
# Loopback only, bounded by DURATION; ports BASE_PORT..BASE_PORT+3 (default 28080, away from the
# dev ports 8080-8083 and the gateway benchmark's 18080-18084).
# Settings: PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres BASE_PORT=28080 DURATION=20 WARMUP=10 CONNECTIONS=8 ROUNDS=2
# VARIANTS_ORDER="off sampled-0 ..." BENCH_DIR=/tmp/skillpath-tracing-bench (jars, embedded databases) RUN_DIR=<results and logs>
# Needs: JDK 17, wrk, curl, jq, psql (unless embedded); the exec jars (./mvnw -DskipTests package).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
BENCH_DIR=${BENCH_DIR:-/tmp/skillpath-tracing-bench}
DURATION=${DURATION:-20}
WARMUP=${WARMUP:-10}
CONNECTIONS=${CONNECTIONS:-8}
ROUNDS=${ROUNDS:-2}
BASE_PORT=${BASE_PORT:-28080}
PGHOST=${PGHOST-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
export PGHOST PGPORT PGUSER
# the run command's JVM options (run-suite), so footprint figures match what people run
. scripts/jvm-options
GATEWAY_PORT=$BASE_PORT CONTENT_PORT=$((BASE_PORT + 1)) PROGRESS_PORT=$((BASE_PORT + 2)) JOBS_PORT=$((BASE_PORT + 3))
declare -A PORT=([content-service]=$CONTENT_PORT [progress-service]=$PROGRESS_PORT [jobs-service]=$JOBS_PORT [gateway]=$GATEWAY_PORT)
declare -A PID=()
RUN=${RUN_DIR:-$ROOT/target/bench/tracing-$(date -u +%Y-%m-%dT%H%M%SZ)}
mkdir -p "$RUN/logs"
# rate limits raised so that the limiter runs on every request but never refuses
GATEWAY_ARGS="--skillpath.gateway.rate-limit.anonymous-per-window=1000000000"
declare -A VARIANTS=(
  [off]="--management.tracing.enabled=false"
  [sampled-0]="--management.tracing.sampling.probability=0.0"
  [sampled-0.1]="--management.tracing.sampling.probability=0.1"
  [sampled-1]="--management.tracing.sampling.probability=1.0"
  [limited-sampled-0]="--management.tracing.sampling.probability=0.0 --spring.reactor.context-propagation=limited"
  [limited-sampled-0.1]="--management.tracing.sampling.probability=0.1 --spring.reactor.context-propagation=limited"
  [limited-sampled-1]="--management.tracing.sampling.probability=1.0 --spring.reactor.context-propagation=limited"
  [limited-off]="--management.tracing.enabled=false --spring.reactor.context-propagation=limited"
)
# shellcheck disable=SC2206
ORDER=(${VARIANTS_ORDER:-off sampled-0 sampled-0.1 sampled-1 limited-off limited-sampled-0 limited-sampled-0.1 limited-sampled-1})

stop() { # name
  local pid=${PID[$1]:-}
  [ -n "$pid" ] || return 0
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  unset "PID[$1]"
}
stop_all() { for name in "${!PID[@]}"; do stop "$name"; done; }
trap stop_all EXIT
trap 'exit 130' INT TERM

launch() { # name log extra-args...
  local name=$1 logfile=$2; shift 2
  env PORT="${PORT[$name]}" SPRING_PROFILES_ACTIVE=prod \
    SKILLPATH_SECURITY_JWT_HMAC_SECRET=tracing-bench-only-secret-0123456789abcdef \
    SKILLPATH_DATABASE_EMBEDDED_DATA_DIR="$BENCH_DIR/data/$name" \
    ${PGHOST:+SKILLPATH_DATABASE_URL="postgresql://$PGHOST:$PGPORT/tracing_bench_${name%-service}" SKILLPATH_DATABASE_USERNAME="$PGUSER"} \
    SKILLPATH_PROGRESS_CONTENT_URL="http://127.0.0.1:$CONTENT_PORT/graphql" \
    CONTENT_SERVICE_URL="http://127.0.0.1:$CONTENT_PORT" \
    CONTENT_URL="http://127.0.0.1:$CONTENT_PORT/graphql" \
    PROGRESS_URL="http://127.0.0.1:$PROGRESS_PORT/graphql" \
    JOBS_URL="http://127.0.0.1:$JOBS_PORT/graphql" \
    nohup java $JAVA_OPTS -jar "$BENCH_DIR/jars/$name.jar" "$@" >"$logfile" 2>&1 &
  PID[$name]=$!
}

await() { # name
  local until=$(( $(date +%s) + 400 ))
  until curl -fs "http://127.0.0.1:${PORT[$1]}/actuator/health/readiness" >/dev/null 2>&1; do
    kill -0 "${PID[$1]}" 2>/dev/null || { echo "$1 stopped during start" >&2; exit 1; }
    [ "$(date +%s)" -lt "$until" ] || { echo "$1 not ready after 400 s" >&2; exit 1; }
    sleep 0.5
  done
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

loop_ticks() { # CPU ticks of the reactor-http-* threads (thread names are cut to 15 characters)
  local sum=0 task comm stat
  for task in /proc/"$1"/task/*; do
    read -r comm <"$task/comm" 2>/dev/null || continue
    case $comm in
      reactor-http*)
        stat=$(cat "$task/stat" 2>/dev/null) || continue
        # shellcheck disable=SC2086
        set -- ${stat##*) }
        sum=$((sum + ${12} + ${13}))
        ;;
    esac
  done
  echo "$sum"
}

mkdir -p "$BENCH_DIR/jars"
rm -rf "$BENCH_DIR/data" # fresh embedded databases (PGHOST=) for every run
for m in content-service progress-service jobs-service gateway; do
  cp "$(ls "$m"/target/"$m"-*-exec.jar | head -1)" "$BENCH_DIR/jars/$m.jar"
done
for m in content-service progress-service jobs-service; do
  if [ -n "$PGHOST" ]; then
    psql -q -d postgres -c "DROP DATABASE IF EXISTS tracing_bench_${m%-service}" -c "CREATE DATABASE tracing_bench_${m%-service}"
  fi
  launch "$m" "$RUN/logs/$m.log"
done
for m in content-service progress-service jobs-service; do await "$m"; done

q='query Skill($id: ID!) { skill(id: $id) { id name category requires { id name } resources(freeOnly: true) { title url } } }'
for id in postgresql java python git linux http docker redis graphql sql; do
  jq -cn --arg q "$q" --arg id "$id" '{query: $q, variables: {id: $id}}'
done >"$RUN/bodies.jsonl"
HZ=$(getconf CLK_TCK)

exec 3>&1 > >(tee "$RUN/results.txt") # the table, also kept in the run directory
echo "variant round requests rps p50_ms p99_ms gateway_cpu_us_per_request event_loop_cpu_us_per_request"
for round in $(seq 1 "$ROUNDS"); do
  for variant in "${ORDER[@]}"; do
    # shellcheck disable=SC2086
    launch gateway "$RUN/logs/gateway-$variant-$round.log" $GATEWAY_ARGS ${VARIANTS[$variant]}
    await gateway
    BODY_FILE="$RUN/bodies.jsonl" RESULT_FILE=/dev/null SCENARIO=warmup \
      wrk -t1 -c"$CONNECTIONS" -d"${WARMUP}s" -s bench/lib/graphql-post.lua "http://127.0.0.1:$GATEWAY_PORT/graphql" >/dev/null
    before=$(cpu_ticks "${PID[gateway]}") loop_before=$(loop_ticks "${PID[gateway]}")
    BODY_FILE="$RUN/bodies.jsonl" RESULT_FILE="$RUN/$variant-$round.json" SCENARIO="$variant" \
      wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" -s bench/lib/graphql-post.lua "http://127.0.0.1:$GATEWAY_PORT/graphql" >/dev/null
    after=$(cpu_ticks "${PID[gateway]}") loop_after=$(loop_ticks "${PID[gateway]}")
    jq -r --arg v "$variant" --arg r "$round" --argjson ticks $((after - before)) \
      --argjson loop $((loop_after - loop_before)) --argjson hz "$HZ" \
      '"\($v) \($r) \(.requests) \(.rps) \(.p50_us/1000) \(.p99_us/1000) \(($ticks / $hz * 1e6 / .requests) | floor) \(($loop / $hz * 1e6 / .requests) | floor)" +
       (if .non_2xx + .socket_errors + .graphql_errors > 0 then " (errors: \(.non_2xx + .socket_errors + .graphql_errors))" else "" end)' \
      "$RUN/$variant-$round.json"
    stop gateway
  done
done
exec >&3 3>&-
echo "results: $RUN/results.txt, logs: $RUN/logs (not kept in git)"
echo "next: add a row for this run to docs/benchmarks/README.md (and to decision 0008 if it changes the choice)"
