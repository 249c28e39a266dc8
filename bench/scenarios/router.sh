#!/usr/bin/env bash
# A benchmark where the router is the bottleneck: four constant-cost subgraphs (bench/subgraphs:
# accounts, inventory, products, reviews in the shape of The Guild's gateway benchmark; each answers
# a request body it has seen from memory) and The Guild's query that crosses all four with nested
# entities (bench/queries/constant-cost.graphql), through our gateway, Hive Gateway and Apollo
# Gateway on one supergraph (composed by The Guild's composition library), one after the other with
# the same load. Every gateway's answer is checked against the others' before it is measured.
#   identical: one body for every request (in-flight deduplication can share subgraph calls)
#   varied:    the same body with TOKENS distinct Authorization headers in turn, passed on to the
#              subgraphs, so that concurrent requests are not identical (no deduplication)
# Figures: req/s, p50/p99, CPU per request of the gateway and of the subgraphs, subgraph requests
# per request (counted by the subgraphs).
#
# Report: docs/benchmarks/router.md (REPORT); raw data in target/bench/router-<time>/ (RUN_DIR).
# Settings (environment): WARMUP=60 DURATION=20 CONNECTIONS=16 THREADS=2 TOKENS=100
# GATEWAYS="skillpath hive apollo" BASE_PORT=18480 (gateways +0/+1/+2, subgraphs +11..+14)
# BENCH_DIR=/tmp/skillpath-bench-router. Needs: JDK 17, wrk, node + npm, python3, jq, curl.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
WARMUP=${WARMUP:-60}
DURATION=${DURATION:-20}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
TOKENS=${TOKENS:-100}
GATEWAYS=${GATEWAYS:-skillpath hive apollo}
BASE_PORT=${BASE_PORT:-18480}
BENCH_DIR=${BENCH_DIR:-/tmp/skillpath-bench-router}
RUN=${RUN_DIR:-$ROOT/target/bench/router-$(date -u +%Y-%m-%dT%H%M%SZ)}
REPORT=${REPORT:-docs/benchmarks/router.md}
SUBGRAPH_PORT=$((BASE_PORT + 11))
declare -A PORT=([skillpath]=$BASE_PORT [hive]=$((BASE_PORT + 1)) [apollo]=$((BASE_PORT + 2)))
mkdir -p "$RUN/logs" "$BENCH_DIR"
. scripts/jvm-options
. bench/lib/process-stats.sh
. bench/lib/scenario.sh
need_tools wrk curl jq python3 java node npm
need_free_ports "${PORT[@]}" $SUBGRAPH_PORT $((SUBGRAPH_PORT + 1)) $((SUBGRAPH_PORT + 2)) $((SUBGRAPH_PORT + 3))

SUBGRAPHS_PID= GATEWAY_PID=
trap 'stop "$GATEWAY_PID" "$SUBGRAPHS_PID"' EXIT
trap 'exit 130' INT TERM

# ---- jars and npm packages -------------------------------------------------------------------------
ls gateway/target/gateway-*-exec.jar >/dev/null 2>&1 || { log "building gateway"; ./mvnw -q -B -ntp -DskipTests package -pl gateway -am; }
ls bench/subgraphs/target/*-exec.jar >/dev/null 2>&1 || { log "building bench/subgraphs"; ./mvnw -q -B -ntp -DskipTests package -pl bench/subgraphs -am; }
cp "$(ls gateway/target/gateway-*-exec.jar | head -1)" "$BENCH_DIR/gateway.jar"
cp "$(ls bench/subgraphs/target/*-exec.jar | head -1)" "$BENCH_DIR/subgraphs.jar"
NODE_DIR=$BENCH_DIR/node
mkdir -p "$NODE_DIR"
if [ ! -x "$NODE_DIR/node_modules/.bin/hive-gateway" ] || [ ! -d "$NODE_DIR/node_modules/@apollo/gateway" ]; then
  log "installing Hive Gateway and Apollo Gateway into $NODE_DIR"
  (cd "$NODE_DIR" && { [ -f package.json ] || npm init -y >/dev/null; } \
    && npm install --no-audit --no-fund @graphql-hive/gateway @theguild/federation-composition graphql \
      @apollo/gateway @apollo/server >npm.log 2>&1)
fi
cp bench/hive/compose-supergraph.mjs bench/hive/gateway.config.mjs bench/apollo/gateway.mjs "$NODE_DIR/"
version() { (cd "$NODE_DIR" && node -p "require('$1/package.json').version" 2>/dev/null || echo unknown); }
HIVE_VERSION=$(version @graphql-hive/gateway)
APOLLO_VERSION=$(version @apollo/gateway)
COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)

# ---- subgraphs and supergraph --------------------------------------------------------------------
(exec setsid java $JAVA_OPTS -jar "$BENCH_DIR/subgraphs.jar" "$SUBGRAPH_PORT" >"$RUN/logs/subgraphs.log" 2>&1) &
SUBGRAPHS_PID=$!
await "http://127.0.0.1:$SUBGRAPH_PORT/stats" 60 "$SUBGRAPHS_PID" subgraphs
specs=()
i=0
for name in accounts inventory products reviews; do
  specs+=("$name=http://127.0.0.1:$((SUBGRAPH_PORT + i))/graphql")
  i=$((i + 1))
done
node "$NODE_DIR/compose-supergraph.mjs" "$RUN/supergraph.graphql" "${specs[@]}" | tee -a "$RUN/bench.log"
jq -cn --rawfile q bench/queries/constant-cost.graphql '{query: $q}' >"$RUN/body.jsonl"
subgraph_requests() { curl -fs "http://127.0.0.1:$SUBGRAPH_PORT/stats" | jq '[.[].requests] | add'; }

start_gateway() { # name
  case $1 in
    skillpath)
      # limits raised: the rate limiter and the cost estimate still run on every request but never
      # refuse (the query's estimated cost, 107,812, is over the default limit of 50,000; the other
      # gateways have no such limit)
      (exec env PORT="${PORT[skillpath]}" CONTENT_URL= PROGRESS_URL= JOBS_URL= setsid java $JAVA_OPTS -jar "$BENCH_DIR/gateway.jar" \
        --skillpath.gateway.supergraph-file="$RUN/supergraph.graphql" \
        --skillpath.gateway.rate-limit.anonymous-per-window=1000000000 \
        --skillpath.gateway.rate-limit.learner-per-window=1000000000 \
        --skillpath.gateway.limits.max-cost=1000000 >"$RUN/logs/skillpath.log" 2>&1) &
      GATEWAY_PID=$!
      await "http://127.0.0.1:${PORT[skillpath]}/actuator/health/readiness" 120 "$GATEWAY_PID" "our gateway" ;;
    hive)
      (cd "$NODE_DIR" && exec setsid node_modules/.bin/hive-gateway supergraph "$RUN/supergraph.graphql" \
        -c "$NODE_DIR/gateway.config.mjs" --port "${PORT[hive]}" --host 127.0.0.1 >"$RUN/logs/hive.log" 2>&1) &
      GATEWAY_PID=$!
      await "http://127.0.0.1:${PORT[hive]}/readiness" 60 "$GATEWAY_PID" "Hive Gateway" ;;
    apollo)
      (cd "$NODE_DIR" && exec setsid node gateway.mjs "$RUN/supergraph.graphql" "${PORT[apollo]}" >"$RUN/logs/apollo.log" 2>&1) &
      GATEWAY_PID=$!
      # Apollo Server has no health endpoint: ready once it says where it listens
      for _ in $(seq 1 300); do grep -q "Apollo Gateway at" "$RUN/logs/apollo.log" 2>/dev/null && break; sleep 0.2; done
      grep -q "Apollo Gateway at" "$RUN/logs/apollo.log" || { log "Apollo Gateway did not start (log: $RUN/logs/apollo.log)"; exit 1; } ;;
  esac
}

# name kind (identical|varied) port tokens-file: warms up, measures, appends one JSON line
measure() {
  local name=$1 kind=$2 port=$3 tokens=${4:-} c0 g0 s0
  log "$name $kind: warm-up ${WARMUP}s"
  BODY_FILE=$RUN/body.jsonl TOKENS_FILE=$tokens RESULT_FILE=/dev/null SCENARIO=$name-$kind \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" --timeout 10s -s bench/lib/graphql-post.lua "http://127.0.0.1:$port/graphql" >/dev/null
  sleep 2
  c0=$(cpu_ticks "$SUBGRAPHS_PID"); g0=$(cpu_ticks "$GATEWAY_PID"); s0=$(subgraph_requests)
  log "$name $kind: measuring ${DURATION}s"
  BODY_FILE=$RUN/body.jsonl TOKENS_FILE=$tokens RESULT_FILE=$RUN/wrk.jsonl SCENARIO=$name-$kind \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s --latency -s bench/lib/graphql-post.lua \
    "http://127.0.0.1:$port/graphql" >"$RUN/$name-$kind.wrk.txt"
  sleep 1
  jq -c --arg gateway "$name" --arg kind "$kind" --argjson subgraphs $(( $(cpu_ticks "$SUBGRAPHS_PID") - c0 )) \
    --argjson target $(( $(cpu_ticks "$GATEWAY_PID") - g0 )) --argjson calls $(( $(subgraph_requests) - s0 )) \
    --argjson tck "$(getconf CLK_TCK)" --argjson rss "$(rss_mb "$GATEWAY_PID")" \
    '. + {gateway: $gateway, kind: $kind, subgraphs_cpu_ticks: $subgraphs, gateway_cpu_ticks: $target,
          subgraph_calls: $calls, clk_tck: $tck, gateway_rss_mb: $rss}' <(tail -1 "$RUN/wrk.jsonl") | tee -a "$RUN/results.jsonl"
}

: >"$RUN/results.jsonl"
for name in $GATEWAYS; do
  start_gateway "$name"
  port=${PORT[$name]}
  if [ ! -s "$RUN/tokens.txt" ]; then
    # learners' tokens from our gateway's local token endpoint; the others pass them on unread
    if [ "$name" = skillpath ]; then
      for n in $(seq 1 "$TOKENS"); do
        curl -fs "http://127.0.0.1:$port/dev/tokens" -H 'content-type: application/json' \
          -d "{\"subject\":\"bench-$n\",\"roles\":[\"LEARNER\"]}" | jq -r .token
      done >"$RUN/tokens.txt"
    else
      seq 1 "$TOKENS" | sed 's/^/bench-token-/' >"$RUN/tokens.txt"
    fi
  fi
  curl -fs "http://127.0.0.1:$port/graphql" -H 'content-type: application/json' --data-binary @"$RUN/body.jsonl" \
    | jq -S . >"$RUN/$name.response.json"
  if jq -e '.errors' "$RUN/$name.response.json" >/dev/null || ! jq -e '.data.users | length > 0' "$RUN/$name.response.json" >/dev/null; then
    log "$name: the answer has errors or no data, see $RUN/$name.response.json"
    exit 1
  fi
  first=$(ls "$RUN"/*.response.json | head -1)
  if ! cmp -s <(jq -S .data "$first") <(jq -S .data "$RUN/$name.response.json"); then
    log "$name answers differently from $(basename "$first" .response.json): see $RUN/*.response.json"
    exit 1
  fi
  measure "$name" identical "$port"
  measure "$name" varied "$port" "$RUN/tokens.txt"
  stop "$GATEWAY_PID"
  GATEWAY_PID=
done

# ---- report --------------------------------------------------------------------------------------
python3 bench/lib/router-report.py "$RUN" "$REPORT" "$COMMIT" "$JAVA_OPTS" "$HIVE_VERSION" "$APOLLO_VERSION" "$WARMUP" \
  "$DURATION" "$CONNECTIONS" "$THREADS" "$TOKENS" "$(java -version 2>&1 | head -1)" "$(node --version)"
log "report: $REPORT"
