# What the side-by-side scenarios (router, same-query, warmup) share (sourced, not run); RUN must be
# set. log: a timestamped line on the terminal and in $RUN/bench.log; need_tools and need_free_ports
# stop the run before it starts anything; stop ends processes (each a process group started with
# setsid) and waits for them; await waits until a URL answers while its process lives.
log() { echo "[$(date -u +%H:%M:%S)] $*" | tee -a "$RUN/bench.log"; }
need_tools() { # tool...
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "needs $tool (wrk: apt-get install -y wrk)" >&2; exit 1; }
  done
}
need_free_ports() { # port...
  local port
  for port in "$@"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "port $port is in use: is another bench running?" >&2
      exit 1
    fi
  done
}
stop() { # pid...
  local p
  for p in "$@"; do [ -n "$p" ] && { kill -- "-$p" 2>/dev/null || kill "$p" 2>/dev/null || true; }; done
  for p in "$@"; do
    [ -n "$p" ] || continue
    for _ in $(seq 1 60); do kill -0 "$p" 2>/dev/null || break; sleep 0.5; done
  done
}
await() { # url timeout-seconds pid name
  local until=$(( $(date +%s) + $2 ))
  until curl -fs "$1" >/dev/null 2>&1; do
    kill -0 "$3" 2>/dev/null || { log "$4 stopped during start (logs in $RUN/logs)"; exit 1; }
    [ "$(date +%s)" -lt "$until" ] || { log "$4 not ready after $2 s"; exit 1; }
    sleep 0.2
  done
}
