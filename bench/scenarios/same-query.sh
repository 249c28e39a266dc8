#!/usr/bin/env bash
# One query for everyone: the body every anonymous visitor of the roadmap page sends, the same
# for every request, side by side on one machine:
#   content-service direct | our gateway | our gateway with in-flight deduplication off | Hive Gateway
# Both gateways serve one supergraph, composed by The Guild's composition library from
# content-service's SDL. For each target: WARMUP seconds of load, then DURATION seconds measured
# with wrk; the subgraph's own request count gives subgraph calls per request, /proc the CPU of
# each process. The first target after a gateway start carries its warm-up.
#
# Report: docs/benchmarks/same-query.md (REPORT moves it); raw data in target/bench/same-query-<time>/
# (RUN_DIR). Settings (environment): WARMUP=30 DURATION=15 CONNECTIONS=16 THREADS=2 HIVE=1
# BASE_PORT=18280 (gateway; content-service +1, Hive Gateway +4) BENCH_DIR=/tmp/skillpath-bench-same
# QUERY='{ skills(first: 10) { edges { node { id name } } } }'.
# Needs: JDK 17, wrk, node + npm (Hive Gateway), python3, jq, curl. Loopback only.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
WARMUP=${WARMUP:-30}
DURATION=${DURATION:-15}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
HIVE=${HIVE:-1}
BASE_PORT=${BASE_PORT:-18280}
BENCH_DIR=${BENCH_DIR:-/tmp/skillpath-bench-same}
QUERY=${QUERY:-'{ skills(first: 10) { edges { node { id name } } } }'}
RUN=${RUN_DIR:-$ROOT/target/bench/same-query-$(date -u +%Y-%m-%dT%H%M%SZ)}
REPORT=${REPORT:-docs/benchmarks/same-query.md}
GATEWAY_PORT=$BASE_PORT
CONTENT_PORT=$((BASE_PORT + 1))
HIVE_PORT=$((BASE_PORT + 4))
mkdir -p "$RUN/logs" "$BENCH_DIR"
. scripts/jvm-options
. bench/lib/process-stats.sh
. bench/lib/scenario.sh
need_tools wrk curl jq python3 java node npm
need_free_ports $GATEWAY_PORT $CONTENT_PORT $HIVE_PORT

CONTENT_PID= GATEWAY_PID= HIVE_PID=
trap 'stop "$HIVE_PID" "$GATEWAY_PID" "$CONTENT_PID"' EXIT
trap 'exit 130' INT TERM

# ---- jars ----------------------------------------------------------------------------------------
for m in content-service gateway; do
  ls "$m"/target/"$m"-*-exec.jar >/dev/null 2>&1 || { log "building $m"; ./mvnw -q -B -ntp -DskipTests package -pl "$m" -am; }
  cp "$(ls "$m"/target/"$m"-*-exec.jar | head -1)" "$BENCH_DIR/$m.jar"
done
COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)

# ---- content-service and the supergraph ------------------------------------------------------------
rm -rf "$BENCH_DIR/data"
(PORT=$CONTENT_PORT SKILLPATH_DATABASE_EMBEDDED_DATA_DIR="$BENCH_DIR/data/content-service" \
  exec setsid java $JAVA_OPTS -jar "$BENCH_DIR/content-service.jar" >"$RUN/logs/content-service.log" 2>&1) &
CONTENT_PID=$!
await "http://127.0.0.1:$CONTENT_PORT/actuator/health/readiness" 300 "$CONTENT_PID" content-service
HIVE_DIR=$BENCH_DIR/hive
mkdir -p "$HIVE_DIR"
if [ ! -x "$HIVE_DIR/node_modules/.bin/hive-gateway" ]; then
  log "installing Hive Gateway into $HIVE_DIR"
  (cd "$HIVE_DIR" && { [ -f package.json ] || npm init -y >/dev/null; } \
    && npm install --no-audit --no-fund @graphql-hive/gateway @theguild/federation-composition graphql >npm.log 2>&1)
fi
cp bench/hive/compose-supergraph.mjs bench/hive/gateway.config.mjs "$HIVE_DIR/"
node "$HIVE_DIR/compose-supergraph.mjs" "$RUN/supergraph.graphql" content=http://127.0.0.1:$CONTENT_PORT/graphql | tee -a "$RUN/bench.log"
HIVE_VERSION=$(cd "$HIVE_DIR" && node -p 'require("@graphql-hive/gateway/package.json").version' 2>/dev/null || echo unknown)

start_gateway() { # extra environment (NAME=value ...)
  # rate limits raised so that the limiter runs on every request but never refuses
  (exec env "$@" PORT=$GATEWAY_PORT CONTENT_URL=http://127.0.0.1:$CONTENT_PORT/graphql PROGRESS_URL= JOBS_URL= \
    setsid java $JAVA_OPTS -jar "$BENCH_DIR/gateway.jar" \
    --skillpath.gateway.supergraph-file="$RUN/supergraph.graphql" \
    --skillpath.gateway.rate-limit.anonymous-per-window=1000000000 >>"$RUN/logs/gateway.log" 2>&1) &
  GATEWAY_PID=$!
  await "http://127.0.0.1:$GATEWAY_PORT/actuator/health/readiness" 120 "$GATEWAY_PID" gateway
}

jq -cn --arg q "$QUERY" '{query: $q}' >"$RUN/body.jsonl"
# target name, port, pid of the process serving it: checks one answer, warms up, measures
measure() {
  local name=$1 port=$2 pid=$3 c0 g0 s0 wall0 wall1
  curl -fs "http://127.0.0.1:$port/graphql" -H 'content-type: application/json' --data-binary @"$RUN/body.jsonl" \
    >"$RUN/$name.response.json"
  if ! jq -e '(.errors | not) and (.data.skills.edges | length) > 0' "$RUN/$name.response.json" >/dev/null; then
    log "$name: unexpected answer, see $RUN/$name.response.json"
    exit 1
  fi
  log "$name: warm-up ${WARMUP}s"
  BODY_FILE=$RUN/body.jsonl RESULT_FILE=/dev/null SCENARIO=$name \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" --timeout 10s -s bench/lib/graphql-post.lua "http://127.0.0.1:$port/graphql" >/dev/null
  sleep 2
  c0=$(cpu_ticks "$CONTENT_PID"); g0=$(cpu_ticks "$pid"); s0=$(graphql_requests "$CONTENT_PORT")
  log "$name: measuring ${DURATION}s"
  BODY_FILE=$RUN/body.jsonl RESULT_FILE=$RUN/wrk.jsonl SCENARIO=$name \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s --latency -s bench/lib/graphql-post.lua \
    "http://127.0.0.1:$port/graphql" >"$RUN/$name.wrk.txt"
  sleep 1
  jq -c --argjson content $(( $(cpu_ticks "$CONTENT_PID") - c0 )) --argjson target $(( $(cpu_ticks "$pid") - g0 )) \
    --argjson calls $(( $(graphql_requests "$CONTENT_PORT") - s0 )) --argjson tck "$(getconf CLK_TCK)" \
    --argjson rss "$(rss_mb "$pid")" \
    '. + {content_cpu_ticks: $content, target_cpu_ticks: $target, subgraph_calls: $calls, clk_tck: $tck, target_rss_mb: $rss}' \
    <(tail -1 "$RUN/wrk.jsonl") | tee -a "$RUN/results.jsonl"
}

: >"$RUN/results.jsonl"
measure content-direct "$CONTENT_PORT" "$CONTENT_PID"
start_gateway
measure gateway "$GATEWAY_PORT" "$GATEWAY_PID"
stop "$GATEWAY_PID"
start_gateway SUBGRAPH_DEDUPLICATION=false
measure gateway-no-dedup "$GATEWAY_PORT" "$GATEWAY_PID"
stop "$GATEWAY_PID"
GATEWAY_PID=
if [ "$HIVE" = 1 ]; then
  (cd "$HIVE_DIR" && exec setsid node_modules/.bin/hive-gateway supergraph "$RUN/supergraph.graphql" \
    -c "$HIVE_DIR/gateway.config.mjs" --port $HIVE_PORT --host 127.0.0.1 >"$RUN/logs/hive-gateway.log" 2>&1) &
  HIVE_PID=$!
  await "http://127.0.0.1:$HIVE_PORT/readiness" 60 "$HIVE_PID" "Hive Gateway"
  measure hive-gateway "$HIVE_PORT" "$HIVE_PID"
fi

# ---- report --------------------------------------------------------------------------------------
python3 - "$RUN" "$REPORT" "$COMMIT" "$JAVA_OPTS" "$HIVE_VERSION" "$WARMUP" "$DURATION" "$CONNECTIONS" "$THREADS" "$QUERY" <<'PY'
import datetime, json, os, subprocess, sys
run, report, commit, java_opts, hive, warmup, duration, connections, threads, query = sys.argv[1:]
rows = [json.loads(line) for line in open(os.path.join(run, 'results.jsonl'))]
labels = {'content-direct': 'content-service direct', 'gateway': 'our gateway (deduplication on, the default)',
          'gateway-no-dedup': 'our gateway, `SUBGRAPH_DEDUPLICATION=false`', 'hive-gateway': f'Hive Gateway {hive}'}
direct = next(r for r in rows if r['scenario'] == 'content-direct')
cpu = open('/proc/cpuinfo').read().split('model name')[1].split('\n')[0].split(':', 1)[1].strip()
java = subprocess.run(['java', '-version'], capture_output=True, text=True).stderr.splitlines()[0]
out = [
    '# One query for everyone: in-flight deduplication side by side', '',
    f'`bench/run same-query` at `{commit}` ({datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC, load average '
    f'{open("/proc/loadavg").read().split()[0]} at the end): every request the same body, `{query}`, the query of the',
    'anonymous roadmap page. Both gateways serve one supergraph composed by The Guild\'s composition',
    'library from content-service\'s SDL; content-service runs on its embedded PostgreSQL.', '',
    'It measures what in-flight deduplication saves (decision 22): concurrent identical requests share',
    'one subgraph call. The gateway scenario (`gateway.md`), whose requests differ, measures the router',
    'itself.', '',
    f'Machine: {os.cpu_count()} cores, {cpu}; {java}; JVM options (scripts/jvm-options) `{java_opts}`.',
    f'Load: `wrk -t{threads} -c{connections}`, {warmup} s warm-up per target (the gateway is started',
    f'fresh before each of its two runs), then {duration} s measured. CPU from /proc, subgraph calls from',
    'content-service\'s own request count.', '',
    '| target | req/s | vs direct | p50 | p99 | subgraph calls per request | target CPU per request | content-service CPU per request |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
]
for r in rows:
    n = max(r['requests'], 1)
    ms = lambda ticks: f"{ticks / r['clk_tck'] * 1000 / n:.2f} ms"
    calls = '—' if r['scenario'] == 'content-direct' else f"{r['subgraph_calls'] / n:.2f}"
    own = '—' if r['scenario'] == 'content-direct' else ms(r['target_cpu_ticks'])
    out.append(f"| {labels.get(r['scenario'], r['scenario'])} | {r['rps']:,.0f} | {r['rps'] / direct['rps']:.2f} | "
               f"{r['p50_us'] / 1000:.1f} ms | {r['p99_us'] / 1000:.1f} ms | {calls} | {own} | {ms(r['content_cpu_ticks'])} |")
bad = [r['scenario'] for r in rows if r['non_2xx'] or r['socket_errors'] or r['graphql_errors']]
out += ['', 'Failed answers (non-2xx, socket errors or GraphQL errors): ' + (', '.join(bad) if bad else 'none') + '.', '',
        f'Raw data: `{os.path.relpath(run) if run.startswith(os.getcwd()) else run}` (not committed).', '']
open(report, 'w').write('\n'.join(out))
print('\n'.join(out))
PY
log "report: $REPORT"
