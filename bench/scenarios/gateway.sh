#!/usr/bin/env bash
# Gateway benchmark: the gateway's overhead against a subgraph called direct, our gateway against
# Hive Gateway on the same subgraphs, plan time, start-up and memory. Usually run as
#
#   bench/run gateway        # about 20 minutes: bench/run sets SOAK=180 WARMUP=30, as in the current report
#                            # (this script's own defaults, SOAK=0 WARMUP=10, take about 10 minutes)
#
# which writes docs/benchmarks/gateway.md (and gateway.svg beside it), replacing the previous
# report (git keeps it); add a row for the run to docs/benchmarks/README.md.
#
# What it does: builds the jars if missing, copies them to $BENCH_DIR (so a rebuild by someone
# else cannot swap them mid-run), starts content-, progress- and jobs-service and our gateway on
# the bench ports 18081-18083 and 18080 (BASE_PORT moves them) with fresh embedded databases under $BENCH_DIR/data
# and class data sharing archives as run-suite uses them (scripts/prepare-cds; SKILLPATH_CDS=0 for none),
# timing the start-up; seeds 20 learners and JOBS listings (bench/lib/seed.py); starts Hive Gateway (npm, in
# $BENCH_DIR/hive) on 18084 over a supergraph composed by The Guild's composer from the same
# subgraphs; then for each scenario warms up and measures with wrk for a fixed time, recording
# throughput, p50/p99, subgraph requests per request (the subgraphs' own http.server.requests
# counters) and CPU seconds of every process (from /proc/<pid>/stat); RSS of each JVM after the
# signature query; a JFR profile of the gateway under each gateway scenario; and, once the suite
# has stopped, plan time cold and cached from a short run of the JMH benchmark PlanTimeBenchmark
# (bench/scenarios/jmh.sh). Everything stops at the end (also on Ctrl-C).
#
# Raw data of the run (wrk output, JSON lines, logs, JFR recordings, the composed supergraph) goes
# to target/bench/gateway-<time>/ (RUN_DIR), which git ignores; only the report is committed.
#
# Loopback only; every load is bounded by DURATION. Never touches the dev ports 8080-8083.
# Settings (environment): BASE_PORT=18080 (gateway; subgraphs +1..+3, Hive Gateway +4), DURATION=20 WARMUP=10 (seconds per scenario), CONNECTIONS=16,
# THREADS=1 (wrk), JOBS=200 (listings seeded), PROFILE=1 (JFR pass), HIVE=1, SOAK=0 (seconds of mixed load
# through each gateway before the scenarios, for JIT-warm figures), HOLD=0 (1: start and seed, then
# keep everything running for profiling by hand, no scenarios), LATENCY=1 (the skill query
# direct and through the gateway over one connection), RESTART=1 (time a
# second start on the seeded data), PLAN_TIME=1 (the JMH plan-time run; PLAN_TIME_JMH its JMH options,
# default "-f 1 -wi 3 -w 1s -i 5 -r 1s"), BENCH_DIR=/tmp/skillpath-bench (jars, databases, Hive Gateway),
# RUN_DIR=<raw data of this run>, REPORT=<path of the report>.
# Needs: JDK 17, wrk (apt-get install -y wrk), node + npm (for Hive Gateway), python3, jq, curl.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
BENCH_DIR=${BENCH_DIR:-/tmp/skillpath-bench}
DURATION=${DURATION:-20}
WARMUP=${WARMUP:-10}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-1}
JOBS=${JOBS:-200}
PROFILE=${PROFILE:-1}
HIVE=${HIVE:-1}
RESTART=${RESTART:-1}
LATENCY=${LATENCY:-1}
PLAN_TIME=${PLAN_TIME:-1}
PLAN_TIME_JMH=${PLAN_TIME_JMH:--f 1 -wi 3 -w 1s -i 5 -r 1s}
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RUN=${RUN_DIR:-$ROOT/target/bench/gateway-$(date -u +%Y-%m-%dT%H%M%SZ)}
REPORT=${REPORT:-docs/benchmarks/gateway.md}
mkdir -p "$RUN/logs" "$BENCH_DIR/jars"
# the run command's JVM options (run-suite), so footprint figures match what people run
. scripts/jvm-options
BASE_PORT=${BASE_PORT:-18080}
CONTENT_PORT=$((BASE_PORT + 1))
PROGRESS_PORT=$((BASE_PORT + 2))
JOBS_PORT=$((BASE_PORT + 3))
GATEWAY_PORT=$BASE_PORT
HIVE_PORT=$((BASE_PORT + 4))
declare -A PORT=([content-service]=$CONTENT_PORT [progress-service]=$PROGRESS_PORT [jobs-service]=$JOBS_PORT [gateway]=$GATEWAY_PORT)
declare -A PID=()
# The gateway's rate limits (600 a minute per learner, 300 per anonymous IP) would refuse most of a
# load test: raised so that the limiter still runs on every request but never refuses.
GATEWAY_ARGS=${GATEWAY_ARGS:---skillpath.gateway.rate-limit.learner-per-window=1000000000 --skillpath.gateway.rate-limit.anonymous-per-window=1000000000}
HIVE_PID=
log() { echo "[$(date -u +%H:%M:%S)] $*" | tee -a "$RUN/bench.log"; }

for tool in wrk curl jq python3 java; do
  command -v "$tool" >/dev/null || { echo "needs $tool (wrk: apt-get install -y wrk)" >&2; exit 1; }
done
for port in $GATEWAY_PORT $CONTENT_PORT $PROGRESS_PORT $JOBS_PORT $HIVE_PORT; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "port $port is in use: is another bench running?" >&2
    exit 1
  fi
done

# ---- jars ----------------------------------------------------------------------------------------
modules=(content-service progress-service jobs-service gateway)
missing=()
for m in "${modules[@]}"; do
  [ -f "$m/pom.xml" ] || continue
  ls "$m"/target/"$m"-*-exec.jar >/dev/null 2>&1 || missing+=("$m")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "building ${missing[*]}"
  ./mvnw -q -B -ntp -DskipTests package -pl "$(IFS=,; echo "${missing[*]}")" -am
fi
# the plan-time benchmark, built now (before the jars are copied: it may package jobs-service again) so that
# a broken build fails before the long part
if [ "$PLAN_TIME" = 1 ]; then
  log "building the JMH benchmarks (plan time)"
  JMH_BUILD=only bench/scenarios/jmh.sh >"$RUN/logs/jmh-build.log" 2>&1 \
    || { log "the JMH build failed (log: $RUN/logs/jmh-build.log)"; exit 1; }
fi
for m in "${modules[@]}"; do
  jar=$(ls "$m"/target/"$m"-*-exec.jar 2>/dev/null | head -1 || true)
  if [ -n "$jar" ]; then cp "$jar" "$BENCH_DIR/jars/$m.jar"; fi
done
# class data sharing archives for the copied jars, as run-suite makes them (not timed: made once per jar)
if [ "${SKILLPATH_CDS:-1}" = 1 ]; then
  log "preparing class data sharing archives"
  for m in "${modules[@]}"; do
    if [ -f "$BENCH_DIR/jars/$m.jar" ]; then
      JAVA_OPTS=$JAVA_OPTS scripts/prepare-cds "$BENCH_DIR/jars/$m.jar" "$BENCH_DIR/cds/$m" "$RUN/logs/$m.cds-training.log" &
    fi
  done
  wait
fi
git -C "$ROOT" rev-parse --short HEAD >"$RUN/commit" 2>/dev/null || echo unknown >"$RUN/commit"

# ---- processes -----------------------------------------------------------------------------------
stop_all() {
  if [ -n "$HIVE_PID" ]; then kill -- "-$HIVE_PID" 2>/dev/null || kill "$HIVE_PID" 2>/dev/null || true; fi
  for name in "${!PID[@]}"; do kill "${PID[$name]}" 2>/dev/null || true; done
  # let each JVM stop its embedded PostgreSQL cleanly
  for _ in $(seq 1 60); do
    alive=0
    for name in "${!PID[@]}"; do
      if kill -0 "${PID[$name]}" 2>/dev/null; then alive=1; fi
    done
    if [ $alive = 0 ]; then break; fi
    sleep 0.5
  done
  PID=()
  HIVE_PID=
}
trap 'stop_all' EXIT
trap 'exit 130' INT TERM

launch() { # name
  local name=$1 cds=()
  local jar=$BENCH_DIR/jars/$name.jar
  if [ -f "$BENCH_DIR/cds/$name/app.jsa" ]; then # as run-suite starts them
    cds=(-XX:SharedArchiveFile="$BENCH_DIR/cds/$name/app.jsa")
    jar=$BENCH_DIR/cds/$name/$name.jar
  fi
  env PORT="${PORT[$name]}" \
    SKILLPATH_DATABASE_EMBEDDED_DATA_DIR="$BENCH_DIR/data/$name" \
    SKILLPATH_PROGRESS_CONTENT_URL="http://127.0.0.1:$CONTENT_PORT/graphql" \
    CONTENT_SERVICE_URL="http://127.0.0.1:$CONTENT_PORT" \
    CONTENT_URL="http://127.0.0.1:$CONTENT_PORT/graphql" \
    PROGRESS_URL="http://127.0.0.1:$PROGRESS_PORT/graphql" \
    JOBS_URL="${JOBS_URL_FOR_GATEWAY-http://127.0.0.1:$JOBS_PORT/graphql}" \
    nohup java $JAVA_OPTS "${cds[@]}" -Dskillpath-bench="$name" -jar "$jar" $([ "$name" = gateway ] && echo "$GATEWAY_ARGS") \
    >"$RUN/logs/$name.log" 2>&1 &
  PID[$name]=$!
}

healthy() { curl -fs "http://127.0.0.1:$1/actuator/health/readiness" >/dev/null 2>&1; }

await() { # name timeout-seconds; fails (1) when the service died or timed out
  local name=$1 until=$(( $(date +%s) + $2 ))
  until healthy "${PORT[$name]}"; do
    kill -0 "${PID[$name]}" 2>/dev/null || { log "$name stopped during start (log: $RUN/logs/$name.log)"; return 1; }
    [ "$(date +%s)" -lt "$until" ] || { log "$name not healthy after $2 s"; return 1; }
    sleep 0.2
  done
}

# Starts the suite as run-suite does (all four at once; the gateway is ready once it has composed)
# and sets STARTUP_SECONDS to the time from launch to all healthy.
start_suite() {
  local t0 t1
  t0=$(date +%s.%N)
  for name in content-service progress-service jobs-service gateway; do
    if [ -f "$BENCH_DIR/jars/$name.jar" ]; then launch "$name"; fi
  done
  await content-service 300
  await progress-service 300
  if [ -n "${PID[jobs-service]:-}" ] && ! await jobs-service 300; then
    log "jobs-service is not available: benchmarking without it"
    kill "${PID[jobs-service]}" "${PID[gateway]}" 2>/dev/null || true
    unset 'PID[jobs-service]'
    JOBS_URL_FOR_GATEWAY=""
    wait "${PID[gateway]}" 2>/dev/null || true
    launch gateway
  fi
  await gateway 120
  t1=$(date +%s.%N)
  STARTUP_SECONDS=$(python3 -c "print(f'{$t1 - $t0:.1f}')")
}

# ---- measurement helpers -------------------------------------------------------------------------
. bench/lib/process-stats.sh # tree, cpu_ticks, rss_mb, graphql_requests
thread_ticks() { # "thread-name ticks" for each thread of a process (JIT, GC and event-loop threads apart)
  local t
  for t in /proc/"$1"/task/*; do
    printf '%s\t%s\n' "$(cat "$t/comm" 2>/dev/null)" "$(sed 's/^.*) //' "$t/stat" 2>/dev/null | awk '{print $12 + $13}')"
  done
}
processes() { # name=pid of everything that may do work in a scenario
  for name in "${!PID[@]}"; do echo "$name=${PID[$name]}"; done
  if [ -n "$HIVE_PID" ]; then echo "hive-gateway=$HIVE_PID"; fi
}
# request bodies of a query, one a line: the skill query once per roadmap skill (100 of them),
# the learner queries once (they vary by token instead)
body_of() {
  local q
  q=$(cat "bench/queries/$1.graphql")
  if [ "$1" = skill ]; then
    head -100 "$RUN/skill-ids.txt" | jq -cR --arg q "$q" '{query: $q, variables: {id: .}}' >"$RUN/$1.bodies.jsonl"
  else
    jq -cn --arg q "$q" '{query: $q}' >"$RUN/$1.bodies.jsonl"
  fi
  echo "$RUN/$1.bodies.jsonl"
}

# scenario name, port, query, tokens file (optional): checks one answer, warms up, measures
run_scenario() {
  local name=$1 port=$2 query=$3 tokens=${4:-} body load token=""
  body=$(body_of "$query")
  if [ -n "$tokens" ]; then token=$(head -1 "$tokens"); fi
  head -1 "$body" | curl -fs "http://127.0.0.1:$port/graphql" -H 'content-type: application/json' \
    ${token:+-H "authorization: Bearer $token"} --data-binary @- >"$RUN/$name.response.json"
  if jq -e '.errors' "$RUN/$name.response.json" >/dev/null; then
    log "$name: the answer has errors, see $RUN/$name.response.json"
  fi
  # exact subgraph requests per request: five requests one after the other, counted by the subgraphs
  local seq0=0 seq1=0 s
  for s in content-service progress-service jobs-service; do
    if [ -n "${PID[$s]:-}" ]; then seq0=$(( seq0 + $(graphql_requests "${PORT[$s]}") )); fi
  done
  for _ in 1 2 3 4 5; do
    head -1 "$body" | curl -fs -o /dev/null "http://127.0.0.1:$port/graphql" -H 'content-type: application/json' \
      ${token:+-H "authorization: Bearer $token"} --data-binary @-
  done
  for s in content-service progress-service jobs-service; do
    if [ -n "${PID[$s]:-}" ]; then seq1=$(( seq1 + $(graphql_requests "${PORT[$s]}") )); fi
  done
  local sequential_calls
  sequential_calls=$(python3 -c "print(($seq1 - $seq0) / 5)")
  log "$name: warm-up ${WARMUP}s"
  BODY_FILE=$body TOKENS_FILE=$tokens RESULT_FILE=/dev/null SCENARIO=$name \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" --timeout 10s -s bench/lib/graphql-post.lua "http://127.0.0.1:$port/graphql" >/dev/null
  sleep 2 # requests still in flight when wrk stopped must not count in the measured window
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  declare -A cpu0=() req0=()
  for entry in $(processes); do cpu0[${entry%%=*}]=$(cpu_ticks "${entry#*=}"); done
  for s in content-service progress-service jobs-service; do
    if [ -n "${PID[$s]:-}" ]; then req0[$s]=$(graphql_requests "${PORT[$s]}"); fi
  done
  log "$name: measuring ${DURATION}s (load average $load)"
  BODY_FILE=$body TOKENS_FILE=$tokens RESULT_FILE="$RUN/wrk.jsonl" SCENARIO=$name \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s --latency -s bench/lib/graphql-post.lua \
    "http://127.0.0.1:$port/graphql" >"$RUN/$name.wrk.txt"
  {
    printf '{"scenario":"%s","port":%d,"query":"%s","load_before":"%s","load_after":"%s","clk_tck":%d,' \
      "$name" "$port" "$query" "$load" "$(cut -d' ' -f1-3 /proc/loadavg)" "$(getconf CLK_TCK)"
    printf '"cpu_ticks":{'
    local first=1
    for entry in $(processes); do
      [ $first = 1 ] || printf ','; first=0
      printf '"%s":%d' "${entry%%=*}" $(( $(cpu_ticks "${entry#*=}") - ${cpu0[${entry%%=*}]:-0} ))
    done
    printf '},"subgraph_requests":{'
    first=1
    for s in content-service progress-service jobs-service; do
      [ -n "${PID[$s]:-}" ] || continue
      [ $first = 1 ] || printf ','; first=0
      printf '"%s":%d' "$s" $(( $(graphql_requests "${PORT[$s]}") - ${req0[$s]} ))
    done
    printf '},"sequential_subgraph_calls":%s,"gateway_subgraph_calls":%s}\n' "$sequential_calls" \
      "$(jq '.extensions.subgraphCalls // null' "$RUN/$name.response.json")"
  } >>"$RUN/scenarios.jsonl"
  tail -1 "$RUN/wrk.jsonl" | tee -a "$RUN/bench.log"
}

# ---- machine -------------------------------------------------------------------------------------
{
  echo "{\"nproc\":$(nproc),\"mem_total_mb\":$(awk '/MemTotal/ {printf "%d", $2/1024}' /proc/meminfo),"
  echo "\"cpu\":$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//' | jq -R .),"
  echo "\"kernel\":$(uname -r | jq -R .),\"load_at_start\":\"$(cut -d' ' -f1-3 /proc/loadavg)\","
  echo "\"java\":$(java -version 2>&1 | jq -Rs .),\"wrk\":$(wrk -v 2>&1 | head -1 | jq -R .),"
  echo "\"node\":$(node --version 2>/dev/null | jq -R .),\"java_opts\":$(echo "$JAVA_OPTS" | jq -R .),"
  echo "\"duration_s\":$DURATION,\"warmup_s\":$WARMUP,\"soak_s\":${SOAK:-0},\"connections\":$CONNECTIONS,\"threads\":$THREADS,"
  echo "\"jars\":$(for m in "${modules[@]}"; do [ -f "$BENCH_DIR/jars/$m.jar" ] && echo "$m built $(date -u -r "$(ls "$m"/target/"$m"-*-exec.jar | head -1)" +%H:%MZ)"; done | paste -sd, | sed 's/,/, /g' | jq -R .),"
  echo "\"base_port\":$BASE_PORT,\"gateway_args\":$(echo "$GATEWAY_ARGS" | jq -R .),\"jobs_seeded\":$JOBS,\"commit\":\"$(cat "$RUN/commit")\",\"started\":\"$STAMP\"}"
} >"$RUN/machine.json"

# ---- start-up (fresh databases: the README's first run) ------------------------------------------
rm -rf "$BENCH_DIR/data"
log "starting the suite on fresh databases (load average $(cut -d' ' -f1-3 /proc/loadavg))"
start_suite
cold=$STARTUP_SECONDS
log "suite healthy in ${cold}s"
echo "{\"kind\":\"fresh\",\"seconds\":$cold,\"load\":\"$(cut -d' ' -f1-3 /proc/loadavg)\"}" >>"$RUN/startup.jsonl"

jobs_url=""
if [ -n "${PID[jobs-service]:-}" ]; then jobs_url=http://127.0.0.1:$JOBS_PORT; fi
python3 bench/lib/seed.py "$RUN" http://127.0.0.1:$CONTENT_PORT http://127.0.0.1:$PROGRESS_PORT "$jobs_url" "$JOBS" | tee -a "$RUN/bench.log"
TOKENS=$RUN/learners.tokens

if [ "$RESTART" = 1 ]; then
  stop_all
  log "starting the suite again on the seeded databases"
  start_suite
  warm=$STARTUP_SECONDS
  log "suite healthy in ${warm}s"
  echo "{\"kind\":\"restart\",\"seconds\":$warm,\"load\":\"$(cut -d' ' -f1-3 /proc/loadavg)\"}" >>"$RUN/startup.jsonl"
fi
# the signature query needs jobs-service; without it, the largest content+progress query
SIGNATURE=signature
[ -n "${PID[jobs-service]:-}" ] || SIGNATURE=roadmap-progress

# ---- Hive Gateway --------------------------------------------------------------------------------
if [ "$HIVE" = 1 ]; then
  HIVE_DIR=$BENCH_DIR/hive
  mkdir -p "$HIVE_DIR"
  if [ ! -x "$HIVE_DIR/node_modules/.bin/hive-gateway" ]; then
    log "installing Hive Gateway into $HIVE_DIR"
    (cd "$HIVE_DIR" && { [ -f package.json ] || npm init -y >/dev/null; } \
      && npm install --no-audit --no-fund @graphql-hive/gateway @theguild/federation-composition graphql >npm.log 2>&1)
  fi
  cp bench/hive/compose-supergraph.mjs bench/hive/gateway.config.mjs "$HIVE_DIR/"
  subgraph_args=(content=http://127.0.0.1:$CONTENT_PORT/graphql progress=http://127.0.0.1:$PROGRESS_PORT/graphql)
  if [ -n "${PID[jobs-service]:-}" ]; then subgraph_args+=(jobs=http://127.0.0.1:$JOBS_PORT/graphql); fi
  node "$HIVE_DIR/compose-supergraph.mjs" "$RUN/supergraph.graphql" "${subgraph_args[@]}" | tee -a "$RUN/bench.log"
  jq -r '.dependencies["@graphql-hive/gateway"]' "$HIVE_DIR/package.json" >"$RUN/hive-version"
  (cd "$HIVE_DIR" && exec setsid node_modules/.bin/hive-gateway supergraph "$RUN/supergraph.graphql" \
    -c "$HIVE_DIR/gateway.config.mjs" --port $HIVE_PORT --host 127.0.0.1 >"$RUN/logs/hive-gateway.log" 2>&1) &
  HIVE_PID=$!
  for _ in $(seq 1 120); do
    if curl -fs "http://127.0.0.1:$HIVE_PORT/readiness" >/dev/null 2>&1; then break; fi
    sleep 0.5
  done
  curl -fs "http://127.0.0.1:$HIVE_PORT/readiness" >/dev/null || { log "Hive Gateway did not start"; HIVE=0; }
fi

# HOLD=1: keep the seeded suite (and Hive Gateway) running for profiling by hand instead of measuring
if [ "${HOLD:-0}" = 1 ]; then
  log "holding: gateway $GATEWAY_PORT, content $CONTENT_PORT, progress $PROGRESS_PORT, jobs $JOBS_PORT, Hive Gateway $HIVE_PORT; learner tokens in $TOKENS; pids ${PID[*]}; Ctrl-C or kill $$ stops everything"
  while true; do sleep 3600 & wait $!; done
fi

# ---- scenarios -----------------------------------------------------------------------------------
: >"$RUN/scenarios.jsonl"
# SOAK seconds of the learner queries and the skill query, through our gateway and through Hive
# Gateway, before any scenario: on 2 cores shared by four JVMs, C2 keeps compiling for minutes,
# and a per-scenario warm-up alone measures partly compiled services (docs/decisions/0014-subgraph-cpu-per-request.md)
if [ "${SOAK:-0}" -gt 0 ]; then
  # as many learner-query bodies as skill-query ones (100 skill ids), so that each query gets its share
  soak_queries=(skill $SIGNATURE)
  if [ "$SIGNATURE" = signature ]; then soak_queries+=(roadmap-progress); fi
  for query in "${soak_queries[@]}"; do
    for _ in $(seq 1 $(( 100 / $(wc -l <"$(body_of "$query")") ))); do cat "$RUN/$query.bodies.jsonl"; done
  done >"$RUN/soak.bodies.jsonl"
  soak_targets=($GATEWAY_PORT)
  if [ "$HIVE" = 1 ]; then soak_targets+=($HIVE_PORT); fi
  for port in "${soak_targets[@]}"; do
    log "soak: ${SOAK}s of mixed queries at port $port"
    BODY_FILE=$RUN/soak.bodies.jsonl TOKENS_FILE=$TOKENS RESULT_FILE=/dev/null SCENARIO=soak \
      wrk -t"$THREADS" -c"$CONNECTIONS" -d"${SOAK}s" --timeout 10s -s bench/lib/graphql-post.lua "http://127.0.0.1:$port/graphql" >/dev/null
  done
fi
: >"$RUN/wrk.jsonl"
run_scenario direct-skill $CONTENT_PORT skill
run_scenario gateway-skill $GATEWAY_PORT skill
# latency added by the gateway without queueing: one connection, one request at a time
if [ "$LATENCY" = 1 ]; then
  saved_connections=$CONNECTIONS
  CONNECTIONS=1
  run_scenario direct-skill-1conn $CONTENT_PORT skill
  run_scenario gateway-skill-1conn $GATEWAY_PORT skill
  CONNECTIONS=$saved_connections
fi
run_scenario gateway-$SIGNATURE $GATEWAY_PORT $SIGNATURE "$TOKENS"
for name in "${!PID[@]}"; do echo "{\"service\":\"$name\",\"rss_mb\":$(rss_mb "${PID[$name]}")}"; done >"$RUN/rss.jsonl"
if [ -n "$HIVE_PID" ]; then echo "{\"service\":\"hive-gateway\",\"rss_mb\":$(rss_mb "$HIVE_PID")}" >>"$RUN/rss.jsonl"; fi
if [ "$HIVE" = 1 ]; then
  run_scenario hive-$SIGNATURE $HIVE_PORT $SIGNATURE "$TOKENS"
  run_scenario hive-skill $HIVE_PORT skill
fi
if [ "$SIGNATURE" = signature ]; then
  run_scenario gateway-roadmap-progress $GATEWAY_PORT roadmap-progress "$TOKENS"
  if [ "$HIVE" = 1 ]; then run_scenario hive-roadmap-progress $HIVE_PORT roadmap-progress "$TOKENS"; fi
fi

# ---- profile: where the gateway's time goes (a separate pass: JFR costs a little) ----------------
if [ "$PROFILE" = 1 ]; then
  gw=${PID[gateway]}
  for query in skill $SIGNATURE; do
    tokens=""; [ "$query" = skill ] || tokens=$TOKENS
    log "profiling the gateway under $query"
    thread_ticks "$gw" >"$RUN/gateway-$query.threads-before.txt"
    jcmd "$gw" JFR.start name=bench settings=profile duration="${DURATION}s" filename="$RUN/gateway-$query.jfr" >/dev/null
    BODY_FILE="$RUN/$query.bodies.jsonl" TOKENS_FILE=$tokens RESULT_FILE=/dev/null SCENARIO=profile \
      wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s -s bench/lib/graphql-post.lua http://127.0.0.1:$GATEWAY_PORT/graphql >/dev/null
    thread_ticks "$gw" >"$RUN/gateway-$query.threads-after.txt"
    sleep 2
    # top frames of each sample (where the CPU is), and the gateway's own methods anywhere on the stack
    jfr print --stack-depth 64 --events jdk.ExecutionSample "$RUN/gateway-$query.jfr" >"$RUN/gateway-$query.samples.txt"
    python3 bench/lib/hot-frames.py "$RUN/gateway-$query.samples.txt" "$RUN/gateway-$query.threads-before.txt" \
      "$RUN/gateway-$query.threads-after.txt" >"$RUN/gateway-$query.hot.txt"
  done
fi

stop_all

# ---- plan time (JMH, once the suite has stopped: nothing else on the cores) ----------------------
if [ "$PLAN_TIME" = 1 ]; then
  log "plan time: JMH PlanTimeBenchmark $PLAN_TIME_JMH"
  # shellcheck disable=SC2086
  JMH_BUILD=0 bench/scenarios/jmh.sh PlanTimeBenchmark $PLAN_TIME_JMH -rf json -rff "$RUN/plan-time.json" \
    >"$RUN/logs/plan-time.log" 2>&1 || log "the JMH plan-time run failed (log: $RUN/logs/plan-time.log)"
fi

log "writing $REPORT"
mkdir -p "$(dirname "$REPORT")"
python3 bench/lib/report.py "$RUN" "$REPORT"
log "done: $REPORT; raw data in $RUN (not kept in git)"
log "next: compare with the previous report (git diff -- $REPORT), say what changed since it at the top,"
log "      and add a row for this run to docs/benchmarks/README.md"
