# Process figures for the bench scenarios, read from /proc (sourced, not run).
tree() { # a pid and all its descendants
  local p
  echo "$1"
  for p in $(pgrep -P "$1" 2>/dev/null || true); do tree "$p"; done
}
cpu_ticks() { # utime+stime of a process tree, in clock ticks (stat fields 14 and 15, counted after comm)
  local total=0 p
  for p in $(tree "$1"); do
    if [ -r "/proc/$p/stat" ]; then
      total=$(( total + $(sed 's/^.*) //' "/proc/$p/stat" | awk '{print $12 + $13}') ))
    fi
  done
  echo $total
}
rss_mb() { # resident memory of a process tree
  local p
  for p in $(tree "$1"); do cat "/proc/$p/status" 2>/dev/null || true; done | awk '/VmRSS/ {s += $2} END {printf "%.0f", s/1024}'
}
graphql_requests() { # requests a service answered at /graphql, from its own metrics
  curl -fs "http://127.0.0.1:$1/actuator/prometheus" 2>/dev/null \
    | awk '/^http_server_requests_seconds_count/ && /uri="\/graphql"/ {s += $NF} END {printf "%d", s}'
}
