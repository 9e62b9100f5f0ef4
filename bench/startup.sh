#!/usr/bin/env bash
# Startup benchmark: time from process start to the first 200 of GET /status, RSS once ready,
# and time to stop on SIGTERM. Runs the built distribution RUNS times (default 5) on free ports
# with a fresh data directory each time, and prints every run and the medians.
#
#   bench/startup.sh [RUNS]          (after ./mvnw package; JAVA_HOME must point at a JDK 25)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
hearth=${HEARTH_DIST:-launcher/target/hearth}/bin/hearth
[ -x "$hearth" ] || { echo "build first: ./mvnw package -DskipTests" >&2; exit 1; }
command -v curl >/dev/null || { echo "curl is needed" >&2; exit 1; }

. bench/lib.sh
now_ms() { date +%s%3N; }

starts=() rss=() stops=()
for i in $(seq 1 "$runs"); do
  data=$(mktemp -d) http=$(free_port) admin=$(free_port)
  t0=$(now_ms)
  HEARTH_ADMIN_PASSPHRASE=bench "$hearth" serve --data-dir "$data" --http-port "$http" --admin-port "$admin" \
    >"$data/server.log" 2>&1 &
  pid=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$http/status"; do
    kill -0 "$pid" 2>/dev/null || { echo "server died, see $data/server.log" >&2; exit 1; }
    sleep 0.01
  done
  t1=$(now_ms)
  sleep 2
  r=$(awk '/VmRSS/ {print int($2/1024)}' "/proc/$pid/status")
  t2=$(now_ms)
  kill -TERM "$pid"
  wait "$pid" || true
  t3=$(now_ms)
  starts+=($((t1 - t0))) rss+=("$r") stops+=($((t3 - t2)))
  echo "run $i: first 200 of /status after $((t1 - t0)) ms, RSS ${r} MB two seconds after, stopped in $((t3 - t2)) ms"
  rm -rf "$data"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "median over $runs runs: startup $(median "${starts[@]}") ms, RSS $(median "${rss[@]}") MB, stop $(median "${stops[@]}") ms"
