#!/usr/bin/env bash
# The data workloads of the shared load harness on two builds of Hearth side by side (A B A B ...),
# so that a change is measured against the build before it in one invocation, under the same load.
#
#   bench/data-builds.sh DIST_A DIST_B [harness options, e.g. --rounds 3 --workloads W1,W3,W4]
#
# DIST_A and DIST_B are built distributions (launcher/target/hearth, or a copy of one). Needs
# JAVA_HOME at a JDK 25, node, wrk and the harness at ../shared/bench (or HARNESS=...).
# HEARTH_BENCH_JAVA_OPTS_A / _B add JVM options to one server (a flight recording, say).
# Results go to bench/results/.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
[ $# -ge 2 ] || { echo "usage: $0 DIST_A DIST_B [harness options]" >&2; exit 2; }
DIST_A=$(cd "$1" && pwd)
DIST_B=$(cd "$2" && pwd)
shift 2
HARNESS=${HARNESS:-$ROOT/../shared/bench}
for d in "$DIST_A" "$DIST_B"; do
  [ -x "$d/bin/hearth" ] || { echo "no distribution in $d" >&2; exit 1; }
done
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 1; }

WORK=$(mktemp -d /tmp/hearth-builds.XXXXXX)
cp -r "$HARNESS"/. "$WORK"/
chmod -R u+w "$WORK"
mkdir -p "$ROOT/bench/results"
. "$ROOT/bench/lib.sh"
PIDS=()

cleanup() {
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT

# serve NAME DIST: starts one server with a fresh data directory and writes its target file.
serve() {
  local name=$1 dist=$2 port admin pass data token host
  port=$(free_port)
  admin=$(free_port)
  pass=bench-$RANDOM$RANDOM
  data="$WORK/data-$name"
  host="bench-$name.localhost:$port"
  mkdir -p "$data"
  HEARTH_DIST=$dist HEARTH_BENCH_JAVA_OPTS=$3 start_hearth "$data" "$port" "$admin" "$pass" "$WORK/$name.out"
  PIDS+=("$HEARTH_PID")
  echo "$HEARTH_PID" > "$WORK/$name.pid"
  curl -fs -u "admin:$pass" -X POST "http://127.0.0.1:$admin/instances?Domain=$host" > /dev/null
  token=$(curl -fs -u "admin:$pass" -X POST "http://127.0.0.1:$admin/instances/token?Domain=$host&Audience=cli&Scope=io.cozy.benchread%20io.cozy.benchwrite%20io.cozy.benchbulk%20io.cozy.benchfind&Expire=12h")
  HEARTH_PORT=$port COZY_TOKEN=$token COZY_HOST=$host HEARTH_PID_FILE="$WORK/$name.pid" \
    python3 - "$ROOT/bench/hearth.json" "$WORK/$name.json" "hearth-$name" <<'PY'
import json, os, re, sys
text = re.sub(r"\$\{(\w+)\}", lambda m: os.environ.get(m.group(1), m.group(0)), open(sys.argv[1]).read())
target = json.loads(text)
target["name"] = sys.argv[3]
json.dump(target, open(sys.argv[2], "w"), indent=2)
PY
}

serve A "$DIST_A" "${HEARTH_BENCH_JAVA_OPTS_A:-}"
serve B "$DIST_B" "${HEARTH_BENCH_JAVA_OPTS_B:-}"
"$WORK/bench.sh" pair "$WORK/A.json" "$WORK/B.json" --out "$ROOT/bench/results" \
  --label "hearth $DIST_A (A) vs $DIST_B (B)" "$@"
