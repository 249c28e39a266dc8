#!/usr/bin/env bash
# Progress writes benchmark: many learners writing their progress through the gateway at once
# (500 by default). Usually run as
#
#   bench/run progress-writes     # about 2 minutes; writes docs/benchmarks/progress-writes.md
#
# which replaces the previous report (git keeps it; that report may combine several runs by hand);
# add a row for the run to docs/benchmarks/README.md.
#
# Starts content-service, progress-service and our gateway from their jars on the bench ports
# (BASE_PORT=18180 for the gateway, +1 content, +2 progress; jobs-service is left out, a write
# never needs it) with fresh embedded databases under $BENCH_DIR/data, then runs
# bench/progress-writes/ProgressWrites.java: LEARNERS learners, each with its own token, each in a
# closed loop of setSkillStatus through the gateway, started over the first half of WARMUP seconds
# after one write per skill (COLD=1: no priming write, every learner at once), then DURATION measured seconds.
# A write answered with a retryable SERVICE_UNAVAILABLE (progress-service shedding load, an open circuit)
# is sent again after RETRY_AFTER_MS (500) ± half, as a client would.
# Reports throughput, p50/p90/p99/max latency (all answers, and acknowledged writes), errors and refusals,
# CPU seconds and memory per process. Raw data of the run (the client's JSON result, logs) goes to
# target/bench/progress-writes-<time>/ (RUN_DIR), which git ignores; only the report is committed.
#
# Loopback only; bounded by WARMUP + DURATION. Never touches the dev ports 8080-8083.
# Settings (environment): BASE_PORT=18180 LEARNERS=500 WARMUP=10 DURATION=30 COLD=0 RETRY_AFTER_MS=500
# BENCH_DIR=/tmp/skillpath-bench-writes (jars, databases), RUN_DIR=<raw data of this run>, REPORT=<path of the report>.
# Needs: JDK 17, curl, python3.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
BENCH_DIR=${BENCH_DIR:-/tmp/skillpath-bench-writes}
LEARNERS=${LEARNERS:-500}
WARMUP=${WARMUP:-10}
DURATION=${DURATION:-30}
COLD=${COLD:-0}
RETRY_AFTER_MS=${RETRY_AFTER_MS:-500}
BASE_PORT=${BASE_PORT:-18180}
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RUN=${RUN_DIR:-$ROOT/target/bench/progress-writes-$(date -u +%Y-%m-%dT%H%M%SZ)}
REPORT=${REPORT:-docs/benchmarks/progress-writes.md}
COMMAND="LEARNERS=$LEARNERS WARMUP=$WARMUP DURATION=$DURATION COLD=$COLD RETRY_AFTER_MS=$RETRY_AFTER_MS BASE_PORT=$BASE_PORT bench/run progress-writes"
mkdir -p "$RUN/logs" "$BENCH_DIR/jars"
# the run command's JVM options (run-suite), so footprint figures match what people run
. scripts/jvm-options
GATEWAY_PORT=$BASE_PORT
CONTENT_PORT=$((BASE_PORT + 1))
PROGRESS_PORT=$((BASE_PORT + 2))
declare -A PORT=([content-service]=$CONTENT_PORT [progress-service]=$PROGRESS_PORT [gateway]=$GATEWAY_PORT)
declare -A PID=()
# the limiter still runs on every request but never refuses (600 a minute per learner otherwise)
GATEWAY_ARGS="--skillpath.gateway.rate-limit.learner-per-window=1000000000 --skillpath.gateway.rate-limit.anonymous-per-window=1000000000"
log() { echo "[$(date -u +%H:%M:%S)] $*" | tee -a "$RUN/bench.log"; }

for tool in curl python3 java; do
  command -v "$tool" >/dev/null || { echo "needs $tool" >&2; exit 1; }
done
for port in $GATEWAY_PORT $CONTENT_PORT $PROGRESS_PORT; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "port $port is in use" >&2; exit 1; fi
done

modules=(content-service progress-service gateway)
missing=()
for m in "${modules[@]}"; do
  ls "$m"/target/"$m"-*-exec.jar >/dev/null 2>&1 || missing+=("$m")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "building ${missing[*]}"
  ./mvnw -q -B -ntp -DskipTests package -pl "$(IFS=,; echo "${missing[*]}")" -am
fi
for m in "${modules[@]}"; do cp "$(ls "$m"/target/"$m"-*-exec.jar | head -1)" "$BENCH_DIR/jars/$m.jar"; done
COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)

stop_all() {
  for name in "${!PID[@]}"; do kill "${PID[$name]}" 2>/dev/null || true; done
  for _ in $(seq 1 60); do
    alive=0
    for name in "${!PID[@]}"; do kill -0 "${PID[$name]}" 2>/dev/null && alive=1; done
    [ $alive = 0 ] && break
    sleep 0.5
  done
  PID=()
}
trap 'stop_all' EXIT
trap 'exit 130' INT TERM

launch() { # name
  local name=$1
  env PORT="${PORT[$name]}" \
    SKILLPATH_DATABASE_EMBEDDED_DATA_DIR="$BENCH_DIR/data/$name" \
    SKILLPATH_PROGRESS_CONTENT_URL="http://127.0.0.1:$CONTENT_PORT/graphql" \
    CONTENT_URL="http://127.0.0.1:$CONTENT_PORT/graphql" \
    PROGRESS_URL="http://127.0.0.1:$PROGRESS_PORT/graphql" \
    JOBS_URL="" \
    nohup java $JAVA_OPTS -jar "$BENCH_DIR/jars/$name.jar" $([ "$name" = gateway ] && echo "$GATEWAY_ARGS") \
    >"$RUN/logs/$name.log" 2>&1 &
  PID[$name]=$!
}
await() { # name timeout-seconds
  local name=$1 until=$(( $(date +%s) + $2 ))
  until curl -fs "http://127.0.0.1:${PORT[$name]}/actuator/health/readiness" >/dev/null 2>&1; do
    kill -0 "${PID[$name]}" 2>/dev/null || { log "$name stopped during start (log: $RUN/logs/$name.log)"; exit 1; }
    [ "$(date +%s)" -lt "$until" ] || { log "$name not healthy after $2 s"; exit 1; }
    sleep 0.2
  done
}
tree() { local p; echo "$1"; for p in $(pgrep -P "$1" 2>/dev/null || true); do tree "$p"; done; }
cpu_ticks() { # utime+stime of a process tree (with its embedded PostgreSQL), in clock ticks
  local total=0 p
  for p in $(tree "$1"); do
    [ -r "/proc/$p/stat" ] && total=$(( total + $(sed 's/^.*) //' "/proc/$p/stat" | awk '{print $12 + $13}') ))
  done
  echo $total
}
rss_mb() { local p; for p in $(tree "$1"); do cat "/proc/$p/status" 2>/dev/null || true; done | awk '/VmRSS/ {s += $2} END {printf "%.0f", s/1024}'; }

rm -rf "$BENCH_DIR/data" # fresh databases for every run
log "starting content-service and progress-service, then the gateway (ports $BASE_PORT-$PROGRESS_PORT)"
launch content-service
launch progress-service
await content-service 300
await progress-service 300
launch gateway
await gateway 120
TICK=$(getconf CLK_TCK)
declare -A CPU0=()
for name in "${!PID[@]}"; do CPU0[$name]=$(cpu_ticks "${PID[$name]}"); done
log "load: $LEARNERS learners, ${WARMUP}s warm-up, ${DURATION}s measured"
java bench/progress-writes/ProgressWrites.java --gateway "http://127.0.0.1:$GATEWAY_PORT" --learners "$LEARNERS" \
  --warmup "$WARMUP" --duration "$DURATION" --cold "$([ "$COLD" = 1 ] && echo true || echo false)" \
  --retry-after-ms "$RETRY_AFTER_MS" | tee "$RUN/result.json"
declare -A CPU=() RSS=()
for name in "${!PID[@]}"; do
  CPU[$name]=$(python3 -c "print(f'{($(cpu_ticks "${PID[$name]}") - ${CPU0[$name]}) / $TICK:.1f}')")
  RSS[$name]=$(rss_mb "${PID[$name]}")
done

CPU_MODEL=$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)
CORES=$(nproc)
MEM_GB=$(awk '/MemTotal/ {printf "%.0f", $2/1048576}' /proc/meminfo)
JAVA_VERSION=$(java -version 2>&1 | head -1)
LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
export RESULT_FILE="$RUN/result.json" RETRY_AFTER_MS REPORT COMMAND COMMIT CPU_MODEL CORES MEM_GB JAVA_VERSION LOAD STAMP JAVA_OPTS
export CPU_GATEWAY=${CPU[gateway]} CPU_PROGRESS=${CPU[progress-service]} CPU_CONTENT=${CPU[content-service]}
export RSS_GATEWAY=${RSS[gateway]} RSS_PROGRESS=${RSS[progress-service]} RSS_CONTENT=${RSS[content-service]}
python3 - <<'PY'
import json, os
r = json.load(open(os.environ["RESULT_FILE"]))
e = os.environ
kinds = r.get("error_kinds") or {}
errors = "none" if not kinds else "; ".join(f"`{k}`: {v}" for k, v in kinds.items())
cpu_total = sum(float(e[k]) for k in ("CPU_GATEWAY", "CPU_PROGRESS", "CPU_CONTENT"))
per_write = cpu_total * 1000 / r["requests"] if r["requests"] else 0
md = f"""# Progress writes through the gateway ({e['STAMP']})

**{r['learners']} concurrent learners** each send `setSkillStatus` through our gateway in a
closed loop (one write, its answer, the next write; each learner has its own token, cycles through 20 real
skill ids and four statuses, and sends a new `clientMutationId` every time). {"Cold start: no priming write, all learners start at once." if r.get("cold") else "One write per skill first (progress-service then knows every skill id from content-service, as in a running suite); the learners start over the first half of the warm-up."} progress-service checks each skill
id against content-service (cached), stores an xAPI statement and the current state in one transaction per
write, under the learner's row lock.

| measured | value |
|---|---|
| writes in {r['seconds']} s (after a warm-up) | {r['requests']} |
| throughput (answers) | {r['throughput']} /s |
| acknowledged writes | **{(r['requests'] - r['errors']) / r['seconds']:.1f} writes/s** |
| latency p50 / p90 / p99 / max, all answers | **{r['p50_ms']} / {r['p90_ms']} / {r['p99_ms']}** / {r['max_ms']} ms |
| latency p50 / p99 / max, acknowledged writes | {r.get('ack_p50_ms', '-')} / {r.get('ack_p99_ms', '-')} / {r.get('ack_max_ms', '-')} ms |
| errors (non-200 or a GraphQL error) | **{r['errors']}** ({errors}) |
| of which refused with a retryable error (sent again after about {e['RETRY_AFTER_MS']} ms) | {r.get('refused', '-')} |
| CPU seconds during warm-up and measurement: gateway / progress-service (with its PostgreSQL) / content-service | {e['CPU_GATEWAY']} / {e['CPU_PROGRESS']} / {e['CPU_CONTENT']} |
| CPU per write, all three | {per_write:.1f} ms |
| resident memory after the run: gateway / progress / content | {e['RSS_GATEWAY']} / {e['RSS_PROGRESS']} / {e['RSS_CONTENT']} MB |

Latency is measured by the client from sending a request to its whole answer; with a closed loop of
{r['learners']} learners, throughput and latency are tied (Little's law: {r['learners']} in flight / throughput
≈ mean latency), so the p99 mostly says how evenly the gateway and progress-service share the two cores among
{r['learners']} connections.

## Machine and command

- {e['CPU_MODEL']}, {e['CORES']} cores, {e['MEM_GB']} GB RAM; {e['JAVA_VERSION']}; load average at the end {e['LOAD']}
  (the machine is shared: other builds ran beside this one)
- each service: `java {e['JAVA_OPTS']} -jar <service>-exec.jar` (the run command's options), embedded PostgreSQL
- commit `{e['COMMIT']}`; loopback only; the gateway's rate limits raised so the limiter runs but never refuses
- command: `{e['COMMAND']}`
- raw data: written to the run directory (`target/bench/progress-writes-<time>/`), not kept in git
"""
open(e["REPORT"], "w").write(md)
print("report:", e["REPORT"])
PY
log "done: $REPORT; raw data in $RUN (not kept in git)"
log "next: compare with the previous report (git diff -- $REPORT), say what changed since it,"
log "      and add a row for this run to docs/benchmarks/README.md"
