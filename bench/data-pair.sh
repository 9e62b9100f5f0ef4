#!/usr/bin/env bash
# Data workloads W0-W6 of the shared load harness, side by side: pouchdb-server (A) against
# Hearth (B), then the JVM HTTP ceiling (jetty-hello, servlet mode) on W0 in the same invocation.
#
#   bench/data-pair.sh [harness options, e.g. --rounds 5 --workloads W1,W4]
#
# Needs: the built distribution (./mvnw package), JAVA_HOME at a JDK 25, node and npm, wrk,
# and the harness at ../shared/bench (or HARNESS=...). Results go to bench/results/.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
HARNESS=${HARNESS:-$ROOT/../shared/bench}
[ -x "${HEARTH_DIST:-launcher/target/hearth}/bin/hearth" ] || { echo "build first: ./mvnw package" >&2; exit 1; }
[ -d "$HARNESS" ] || { echo "no harness at $HARNESS" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 1; }

. "$ROOT/bench/lib.sh"
harness_copy
HEARTH_PORT=$(free_port)
ADMIN_PORT=$(free_port)
DATA=$(mktemp -d /tmp/hearth-bench-data.XXXXXX)
PASS=bench-$RANDOM$RANDOM
export HEARTH_PORT HEARTH_PID_FILE="$WORK/hearth.pid" COZY_HOST="bench.localhost:$HEARTH_PORT"

cleanup() {
  local status=$?
  if [ "$status" -ne 0 ] && [ -f "$WORK/hearth.out" ]; then
    cp "$WORK/hearth.out" "$ROOT/bench/results/hearth-$(date +%Y%m%d-%H%M%S).log"
    echo "failed; the server's log is in bench/results/"; grep -m 5 -A 20 ERROR "$WORK/hearth.out" || true
  fi
  stop_hearth
  "$WORK/peers/pouchdb-server.sh" stop >/dev/null 2>&1 || true
  "$WORK/peers/jetty-hello.sh" stop >/dev/null 2>&1 || true
  [ -d "$DATA/instances" ] && echo "hearth store after the run: $(du -sh "$DATA/instances" | cut -f1)"
  rm -rf "$WORK" "$DATA"
}
trap cleanup EXIT

start_hearth "$DATA" "$HEARTH_PORT" "$ADMIN_PORT" "$PASS" "$WORK/hearth.out"
echo "$HEARTH_PID" > "$HEARTH_PID_FILE"
curl -fs -u "admin:$PASS" -X POST "http://127.0.0.1:$ADMIN_PORT/instances?Domain=$COZY_HOST" > /dev/null
COZY_TOKEN=$(curl -fs -u "admin:$PASS" -X POST "http://127.0.0.1:$ADMIN_PORT/instances/token?Domain=$COZY_HOST&Audience=cli&Scope=io.cozy.benchread%20io.cozy.benchwrite%20io.cozy.benchbulk%20io.cozy.benchfind&Expire=12h")
export COZY_TOKEN

start_pouchdb

"$WORK/bench.sh" pair "$WORK/targets/pouchdb-server.json" "$ROOT/bench/hearth.json" --out "$ROOT/bench/results" \
  --label "pouchdb-server vs hearth" "$@"

# The JVM HTTP ceiling, in the same invocation.
if [ ! -f "$PEERS/jetty-hello/target/jetty-hello-1.jar" ]; then "$WORK/peers/jetty-hello.sh" build; fi
JETTY_PORT=$(free_port)
sed "s/18080/$JETTY_PORT/" "$WORK/targets/jetty-hello.json" > "$WORK/jetty-hello.json"
PORT=$JETTY_PORT JAVA="$JAVA_HOME/bin/java" "$WORK/peers/jetty-hello.sh" start servlet
"$WORK/bench.sh" run "$WORK/jetty-hello.json" --workloads W0 --rounds 3 --warmup 10 --out "$ROOT/bench/results" \
  --label "JVM HTTP ceiling (jetty-hello servlet, Java 25)"
