#!/usr/bin/env bash
# Runs The Guild's federation gateway audit (github.com/graphql-hive/federation-gateway-audit)
# against our gateway: for each of the audit's test suites, our gateway jar serves the suite's
# supergraph over the audit's subgraphs, and the audit's test file sends the suite's queries to our
# /graphql. Usage (see README.md beside this script):
#
#   bench/federation-audit/run.sh               # every suite
#   bench/federation-audit/run.sh <suite>...    # only these (ids as the audit names them)
#   bench/federation-audit/run.sh --list        # the suites' ids
#
# Prints passed/total per suite, then the total; writes every failing case (query, expected,
# received, the audit's diff, our raw answer) to target/federation-audit/<suite>.txt, the gateway's
# log to <suite>-gateway.log and the TAP output to <suite>.tap beside it, and the table to
# summary.txt. Exit status 0 whatever the score (1 on a setup error).
#
# The audit's code stays in its own checkout (AUDIT_DIR, outside this repository); nothing of it is
# copied here. Its subgraph server is started directly (node --import tsx src/cli.ts serve) and
# its test file (src/test.ts) run with the environment its CLI would give it, not through its
# `test`/`test-suite` commands: those first kill whatever listens on the gateway's port, and
# give a gateway 5 s to start.
#
# Settings (environment): AUDIT_DIR=/tmp/federation-gateway-audit, AUDIT_PORT=18481 (the audit's
# subgraphs), GATEWAY_PORT=18480 (our gateway), START_TIMEOUT=180 (s for the gateway to be ready),
# SUITE_TIMEOUT=300 (s for one suite's tests), OUT=target/federation-audit, JAVA_OPTS (default:
# scripts/jvm-options), GATEWAY_ARGS (extra arguments for the gateway), GATEWAY_JAR (default:
# gateway/target/gateway-*-exec.jar, built when missing).
# Loopback only. Needs: JDK 17, node 20+, curl.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE="$ROOT/bench/federation-audit"
cd "$ROOT"
AUDIT_DIR=${AUDIT_DIR:-/tmp/federation-gateway-audit}
AUDIT_PORT=${AUDIT_PORT:-18481}
GATEWAY_PORT=${GATEWAY_PORT:-18480}
START_TIMEOUT=${START_TIMEOUT:-180}
SUITE_TIMEOUT=${SUITE_TIMEOUT:-300}
OUT=${OUT:-$ROOT/target/federation-audit}
# the rate limits (300 a minute per anonymous client) are not what the audit is about
GATEWAY_ARGS=${GATEWAY_ARGS:---skillpath.gateway.rate-limit.anonymous-per-window=1000000000}
. scripts/jvm-options
AUDIT_URL=http://127.0.0.1:$AUDIT_PORT
GATEWAY_URL=http://127.0.0.1:$GATEWAY_PORT

if [ ! -f "$AUDIT_DIR/src/cli.ts" ] || [ ! -f "$AUDIT_DIR/src/test.ts" ] || [ ! -d "$AUDIT_DIR/node_modules/tsx" ]; then
  cat >&2 <<EOF
No installed checkout of the federation gateway audit at $AUDIT_DIR (AUDIT_DIR).
Get one outside this repository (its code is never committed here):

  git clone https://github.com/graphql-hive/federation-gateway-audit $AUDIT_DIR
  cd $AUDIT_DIR && npm install

(if npm cannot get every pinned version: see bench/federation-audit/README.md)
EOF
  exit 1
fi
for tool in java node curl; do
  command -v "$tool" >/dev/null || { echo "needs $tool" >&2; exit 1; }
done

# NODE_OPTIONS for the audit's processes: TypeScript through tsx, Node 20 and loopback shims
NODE_OPTS="--import=tsx --import=$HERE/node-preload.mjs"

AUDIT_PID=
GATEWAY_PID=
stop_pid() { # pid: TERM, up to 15 s, then KILL
  local pid=$1 i
  [ -n "$pid" ] || return 0
  kill "$pid" 2>/dev/null || return 0
  for ((i = 0; i < 150; i++)); do
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
    sleep 0.1
  done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  trap - EXIT INT TERM
  stop_pid "$GATEWAY_PID"
  stop_pid "$AUDIT_PID"
}
trap cleanup EXIT
trap 'echo "interrupted" >&2; exit 130' INT TERM

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for port in "$AUDIT_PORT" "$GATEWAY_PORT"; do
  if port_in_use "$port"; then
    echo "port $port is in use (AUDIT_PORT/GATEWAY_PORT move them): is another audit running?" >&2
    exit 1
  fi
done

mkdir -p "$OUT"
# the audit's subgraphs, tests and supergraphs, for every suite
(cd "$AUDIT_DIR" && NODE_OPTIONS="$NODE_OPTS" exec node src/cli.ts serve --port "$AUDIT_PORT") >"$OUT/audit-server.log" 2>&1 &
AUDIT_PID=$! # node itself (the subshell execs it)
for ((i = 0; ; i++)); do
  curl -fsS --max-time 2 -o "$OUT/ids.json" "$AUDIT_URL/ids" 2>/dev/null && break
  if ! kill -0 "$AUDIT_PID" 2>/dev/null || ((i >= 120)); then
    echo "the audit's server did not start; its log ($OUT/audit-server.log):" >&2
    tail -20 "$OUT/audit-server.log" >&2
    exit 1
  fi
  sleep 0.5
done
mapfile -t ALL < <(node -e 'for (const id of JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))) console.log(id)' "$OUT/ids.json")

if [ "${1:-}" = "--list" ]; then
  printf '%s\n' "${ALL[@]}"
  exit 0
fi
SUITES=("$@")
[ ${#SUITES[@]} -gt 0 ] || SUITES=("${ALL[@]}")
declare -A KNOWN=()
for suite in "${ALL[@]}"; do KNOWN[$suite]=1; done
for suite in "${SUITES[@]}"; do
  [ -n "${KNOWN[$suite]:-}" ] || { echo "no suite $suite in the audit (--list lists them)" >&2; exit 1; }
done

# the jar, copied so that a rebuild by someone else cannot swap it mid-run
if [ -z "${GATEWAY_JAR:-}" ]; then
  shopt -s nullglob
  jars=(gateway/target/gateway-*-exec.jar)
  if [ ${#jars[@]} -eq 0 ]; then
    echo "building the gateway jar" >&2
    ./mvnw -q -B -ntp -DskipTests -pl gateway -am package
    jars=(gateway/target/gateway-*-exec.jar)
  fi
  shopt -u nullglob
  GATEWAY_JAR=${jars[0]}
fi
cp "$GATEWAY_JAR" "$OUT/gateway.jar"
COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
# which gateway: the jar audited and the repository's commit at the time (the jar may be older)
WHAT="$GATEWAY_JAR, repository at $COMMIT"

# the audit's test file and our reporter, with the environment the audit's CLI gives them
run_tests() { # suite
  local suite=$1
  (cd "$AUDIT_DIR" \
    && TESTS_ENDPOINT="$AUDIT_URL/$suite/tests" GRAPHQL_ENDPOINT="$GATEWAY_URL/graphql" TEST_SUITE="$suite" \
      NODE_OPTIONS="$NODE_OPTS" exec timeout -k 5 "$SUITE_TIMEOUT" node \
      --test-reporter=tap --test-reporter-destination="$OUT/$suite.tap" \
      --test-reporter="$HERE/failures-reporter.mjs" --test-reporter-destination="$OUT/$suite.txt" \
      src/test.ts) >"$OUT/$suite-tests.log" 2>&1
}

# starts our gateway on the suite's supergraph; waits for readiness; 1 if it did not get ready
start_gateway() { # suite
  local suite=$1 i
  # shellcheck disable=SC2086 # JAVA_OPTS and GATEWAY_ARGS are word lists
  java $JAVA_OPTS -jar "$OUT/gateway.jar" \
    --server.address=127.0.0.1 --server.port="$GATEWAY_PORT" \
    --skillpath.gateway.supergraph-file="$OUT/$suite.supergraph.graphql" \
    --skillpath.gateway.subgraphs.content= --skillpath.gateway.subgraphs.progress= \
    --skillpath.gateway.subgraphs.jobs= \
    $GATEWAY_ARGS >"$OUT/$suite-gateway.log" 2>&1 &
  GATEWAY_PID=$!
  for ((i = 0; i < START_TIMEOUT * 2; i++)); do
    curl -fsS --max-time 2 -o /dev/null "$GATEWAY_URL/actuator/health/readiness" 2>/dev/null && return 0
    kill -0 "$GATEWAY_PID" 2>/dev/null || return 1
    sleep 0.5
  done
  return 1
}

declare -A PASSED=() TOTAL=()
SUM_PASSED=0
SUM_TOTAL=0
AUDIT_COMMIT=$(git -C "$AUDIT_DIR" rev-parse --short HEAD 2>/dev/null || echo '?')
echo "federation gateway audit $AUDIT_COMMIT against our gateway ($WHAT); details in $OUT"
for suite in "${SUITES[@]}"; do
  rm -f "$OUT/$suite.txt" "$OUT/$suite.tap"
  curl -fsS --max-time 30 -o "$OUT/$suite.tests.json" "$AUDIT_URL/$suite/tests"
  total=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).length)' "$OUT/$suite.tests.json")
  passed=0
  if ! curl -fsS --max-time 30 -o "$OUT/$suite.supergraph.graphql" "$AUDIT_URL/$suite/supergraph"; then
    echo "cannot get the suite's supergraph from $AUDIT_URL/$suite/supergraph" >"$OUT/$suite.txt"
  elif ! start_gateway "$suite"; then
    {
      if kill -0 "$GATEWAY_PID" 2>/dev/null; then
        echo "our gateway was not ready within ${START_TIMEOUT}s on $OUT/$suite.supergraph.graphql; every case counts as failed"
      else
        echo "our gateway stopped before it was ready on $OUT/$suite.supergraph.graphql; every case counts as failed"
      fi
      echo "first errors of its log ($OUT/$suite-gateway.log):"
      grep -m 10 -E 'Exception|Error|APPLICATION FAILED' "$OUT/$suite-gateway.log" || tail -20 "$OUT/$suite-gateway.log"
    } >"$OUT/$suite.txt"
  else
    run_tests "$suite" || true
    # the audit's cases are subtests of one describe block: count those that passed
    passed=$(grep -cE "^ +ok [0-9]+ - ${suite}_[0-9]+" "$OUT/$suite.tap" 2>/dev/null || true)
    passed=${passed:-0}
    if ! grep -qs "^--- $suite:" "$OUT/$suite.txt"; then
      echo "--- the tests did not finish within ${SUITE_TIMEOUT}s or crashed; their output: $OUT/$suite-tests.log" >>"$OUT/$suite.txt"
    fi
    if ! kill -0 "$GATEWAY_PID" 2>/dev/null; then
      echo "--- our gateway had stopped by the end of the suite (its log: $OUT/$suite-gateway.log)" >>"$OUT/$suite.txt"
    fi
  fi
  overflows=$(grep -c 'StackOverflowError' "$OUT/$suite-gateway.log" 2>/dev/null || true)
  if [ "${overflows:-0}" -gt 0 ]; then
    echo "--- our gateway's log has $overflows lines with StackOverflowError ($OUT/$suite-gateway.log)" >>"$OUT/$suite.txt"
  fi
  stop_pid "$GATEWAY_PID"
  GATEWAY_PID=
  PASSED[$suite]=$passed
  TOTAL[$suite]=$total
  SUM_PASSED=$((SUM_PASSED + passed))
  SUM_TOTAL=$((SUM_TOTAL + total))
  if [ "$passed" -eq "$total" ]; then rm -f "$OUT/$suite.txt"; fi
  printf '%-40s %3d / %3d\n' "$suite" "$passed" "$total"
done

{
  echo "federation gateway audit $AUDIT_COMMIT against our gateway ($WHAT), $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo
  echo "| suite | passed / total |"
  echo "|---|---|"
  for suite in "${SUITES[@]}"; do
    echo "| $suite | ${PASSED[$suite]} / ${TOTAL[$suite]} |"
  done
  echo "| **total** | **$SUM_PASSED / $SUM_TOTAL** |"
} >"$OUT/summary.txt"
echo
echo "total: $SUM_PASSED / $SUM_TOTAL   (table: $OUT/summary.txt; failing cases: $OUT/<suite>.txt)"
