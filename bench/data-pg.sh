#!/usr/bin/env bash
# The pair bench with Hearth's documents on PostgreSQL: pouchdb-server (A) against one Hearth node
# (B) whose datasystem uses the PostgreSQL engine and whose realtime relay, short-lived values and
# instance registry are the cluster feature's (Redis, PostgreSQL), in one invocation; then the
# server CPU per request of each Hearth run split by tier (the node's JVM, the PostgreSQL
# processes, Redis), how many WAL flushes each request cost (group commit shows as fewer than
# one flush per write), and PostgreSQL's busiest statements (pg_stat_statements).
#
#   bench/data-pg.sh [harness options]
#       (default: --workloads W1,W2,W3,W4 --rounds 3 --warmup 10 --find-docs 20000 --groups 2000)
#
# VERSUS=<cluster distribution> also starts a node of that build (its own PostgreSQL database and
# Redis) and first runs it against this build in one interleaved pair (A = VERSUS, B = this
# build), so a change is measured against the build before it under the same load.
#
# PostgreSQL (Debian's postgresql package: initdb, pg_ctl) runs in a temporary folder on a free
# port, as the postgres user when run as root, with fsync and synchronous_commit on; Redis
# (Debian's redis-server) on a free port, nothing on disk. The node is a copy of the cluster
# distribution (HEARTH_CLUSTER_DIST, default launcher/target/hearth-cluster); files stay on its
# disk. PG_GROUP_COMMIT=1 writes each one-document save alone (no group commit), PG_POOL sets the
# pool. Needs what bench/data-pair.sh needs. Results go to bench/results/.
#
# The harness knows one server pid a target, so it counts PostgreSQL's and Redis's CPU as other
# load and would run nearly every Hearth run again as noisy: runs are not repeated here
# (--retry-noisy 0; a --retry-noisy given to this script wins). Instead the summary below takes the
# PostgreSQL and Redis CPU of each run out of the harness's other load and counts the runs where
# what is left, load from outside, is above --noisy-threshold (15 % of a core by default).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
HARNESS=${HARNESS:-$ROOT/../shared/bench}
CLUSTER=${HEARTH_CLUSTER_DIST:-launcher/target/hearth-cluster}
[ -x "$CLUSTER/bin/hearth" ] || { echo "build first: ./mvnw package (no $CLUSTER)" >&2; exit 1; }
[ -d "$HARNESS" ] || { echo "no harness at $HARNESS" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 1; }
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$PG_BIN/initdb" ] || { echo "PostgreSQL is needed: apt-get install -y postgresql" >&2; exit 1; }
command -v redis-server >/dev/null || { echo "Redis is needed: apt-get install -y redis-server" >&2; exit 1; }
[ $# -gt 0 ] || set -- --workloads W1,W2,W3,W4 --rounds 3 --warmup 10 --find-docs 20000 --groups 2000
VERSUS=${VERSUS:-}
[ -z "$VERSUS" ] || [ -x "$VERSUS/bin/hearth" ] || { echo "no distribution at VERSUS=$VERSUS" >&2; exit 1; }

. "$ROOT/bench/lib.sh"
harness_copy
PG_PORT=$(free_port)
PGDIR=$(mktemp -d /tmp/hearth-bench-pg.XXXXXX)
PASS=bench-$RANDOM$RANDOM
AS_PG=()
if [ "$(id -u)" = 0 ]; then chown postgres "$PGDIR"; AS_PG=(runuser -u postgres --); fi
SAMPLER=
NODE_PIDS=()
REDIS_PIDS=()
RESULTS=()

cleanup() {
  local status=$?
  if [ "$status" -ne 0 ] && [ -f "$WORK/hearth-pg.out" ]; then
    cp "$WORK/hearth-pg.out" "$ROOT/bench/results/hearth-pg-$(date +%Y%m%d-%H%M%S).log"
    echo "failed; the server's log is in bench/results/"; grep -m 5 -A 20 ERROR "$WORK/hearth-pg.out" || true
  fi
  [ -n "$SAMPLER" ] && kill "$SAMPLER" 2>/dev/null || true
  for pid in "${NODE_PIDS[@]}" "${REDIS_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  "$WORK/peers/pouchdb-server.sh" stop >/dev/null 2>&1 || true
  "${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$PGDIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$WORK" "$PGDIR"
}
trap cleanup EXIT

psql_q() { "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U hearth -d postgres -Atc "$1"; }

# PostgreSQL as the tests start it, but durable: fsync and synchronous_commit stay on.
"${AS_PG[@]}" "$PG_BIN/initdb" -D "$PGDIR/data" -U hearth -A trust -E UTF8 --locale=C > "$PGDIR/initdb.log"
"${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$PGDIR/data" -w -l "$PGDIR/log" \
  -o "-p $PG_PORT -k $PGDIR -c listen_addresses=127.0.0.1 -c shared_buffers=256MB -c max_connections=80 -c shared_preload_libraries=pg_stat_statements" start > /dev/null
psql_q "CREATE EXTENSION pg_stat_statements" > /dev/null
echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on port $PG_PORT: fsync=$(psql_q 'SHOW fsync'), synchronous_commit=$(psql_q 'SHOW synchronous_commit')"

# A node: a copy of a cluster distribution on its own PostgreSQL database and its own Redis, with
# an instance and a token for the harness, and the harness's target file for it.
# start_node NAME DIST DATABASE
start_node() {
  local name=$1 dist=$2 db=$3 node="$WORK/$1" port admin redis_port data
  port=$(free_port); admin=$(free_port); redis_port=$(free_port); data="$WORK/$1-data"
  [ "$db" = postgres ] || psql_q "CREATE DATABASE $db" > /dev/null
  redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no > "$WORK/$name-redis.log" 2>&1 &
  REDIS_PIDS+=($!)
  until redis-cli -p "$redis_port" ping > /dev/null 2>&1; do sleep 0.1; done
  cp -r "$dist" "$node"
  cat > "$node/conf/dev.hearth.datasystem.postgres.cfg" <<CFG
servers = main=jdbc:postgresql://127.0.0.1:$PG_PORT/$db
user = hearth
poolSize = ${PG_POOL:-16}
groupCommitMax = ${PG_GROUP_COMMIT:-64}
CFG
  echo 'documents.target = (hearth.documents=postgres)' > "$node/conf/dev.hearth.datasystem.cfg"
  grep -v '^blobs.target' "$node/conf/dev.hearth.files.cfg" > "$WORK/files.cfg" || true
  mv "$WORK/files.cfg" "$node/conf/dev.hearth.files.cfg"
  rm -f "$node/conf/dev.hearth.files.s3.cfg"
  HEARTH_REDIS_URL="redis://127.0.0.1:$redis_port" HEARTH_DIST="$node" \
    start_hearth "$data" "$port" "$admin" "$PASS" "$WORK/$name.out"
  NODE_PIDS+=("$HEARTH_PID")
  echo "$HEARTH_PID" > "$WORK/$name.pid"
  local host="bench.localhost:$port" token
  curl -fs -u "admin:$PASS" -X POST "http://127.0.0.1:$admin/instances?Domain=$host" > /dev/null
  token=$(curl -fs -u "admin:$PASS" -X POST "http://127.0.0.1:$admin/instances/token?Domain=$host&Audience=cli&Scope=io.cozy.benchread%20io.cozy.benchwrite%20io.cozy.benchbulk%20io.cozy.benchfind&Expire=12h")
  python3 - "$ROOT/bench/hearth.json" "$WORK/$name.json" "$name" "$port" "$token" "$host" "$WORK/$name.pid" <<'PY'
import sys
src, out, name, port, token, host, pid = sys.argv[1:]
text = open(src).read().replace('"name": "hearth"', f'"name": "{name}"')
for k, v in {"HEARTH_PORT": port, "COZY_TOKEN": token, "COZY_HOST": host, "HEARTH_PID_FILE": pid}.items():
    text = text.replace("${" + k + "}", v)
open(out, "w").write(text)
PY
  echo "$name: $(basename "$(cd "$dist" && pwd)") on database $db, Redis on $redis_port, pid $HEARTH_PID"
}

start_node hearth-pg "$CLUSTER" postgres
[ -z "$VERSUS" ] || start_node hearth-pg-versus "$VERSUS" versus

# CPU of the PostgreSQL processes (postmaster, its children, and the children it reaped) and of
# the Redis servers, in clock ticks, and PostgreSQL's WAL flushes, sampled every 200 ms with the
# time in ms. The harness runs one target at a time, so a run's share is what it used meanwhile.
PG_MAIN=$(head -1 "$PGDIR/data/postmaster.pid")
(
  set +eu +o pipefail # a backend that exits between listing and reading must not end the sampler
  while true; do
    children=$(cat /proc/"$PG_MAIN"/task/*/children)
    # cat, not awk on the files: awk stops at a file gone (a backend that exited) and prints nothing.
    ticks=$(cat /proc/"$PG_MAIN"/stat $(for c in $children; do echo /proc/$c/stat; done) 2>/dev/null | awk '{ s += $14 + $15 } END { print s + 0 }')
    served=$(cat $(for c in $children; do tr '\0' ' ' < /proc/$c/cmdline | grep -q '127.0.0.1(' && echo /proc/$c/stat; done) 2>/dev/null | awk '{ s += $14 + $15 } END { print s + 0 }')
    reaped=$(awk '{ print $16 + $17 }' /proc/"$PG_MAIN"/stat)
    redis=$(cat $(for p in "${REDIS_PIDS[@]}"; do echo /proc/$p/stat; done) 2>/dev/null | awk '{ s += $14 + $15 } END { print s + 0 }')
    echo "$(date +%s%3N) $((ticks + reaped)) $(psql_q "SELECT sum(wal_sync) FROM pg_stat_wal") ${redis:-0} ${served:-0}"
    sleep 0.2
  done
) > "$WORK/pg-cpu.txt" 2>/dev/null &
SAMPLER=$!

start_pouchdb

NOISY=15
for ((i = 1; i < $#; i++)); do [ "${!i}" = --noisy-threshold ] && j=$((i + 1)) && NOISY=${!j}; done

pair() {
  "$WORK/bench.sh" pair "$1" "$2" --out "$ROOT/bench/results" --label "$3" --retry-noisy 0 "${@:4}" | tee -a "$WORK/pair.out"
  RESULTS+=("$(ls -t "$ROOT"/bench/results/*.json | head -1)")
}
if [ -n "$VERSUS" ]; then
  pair "$WORK/hearth-pg-versus.json" "$WORK/hearth-pg.json" "VERSUS ($VERSUS) vs this build, on PostgreSQL" "$@"
fi
pair "$WORK/targets/pouchdb-server.json" "$WORK/hearth-pg.json" "pouchdb-server vs hearth on PostgreSQL" "$@"

python3 - "$WORK/pg-cpu.txt" "$(getconf CLK_TCK)" "$NOISY" "${RESULTS[@]}" <<'EOF'
import bisect, datetime, json, sys
runs = [r for f in sys.argv[4:] for r in json.load(open(f))["runs"]]
noisy_pct = float(sys.argv[3])
samples = [tuple(int(x) for x in line.split()) for line in open(sys.argv[1]) if len(line.split()) == 5]
tick_ms = 1000 / int(sys.argv[2])
times = [s[0] for s in samples]
def at(ms, col):
    i = min(max(bisect.bisect_left(times, ms), 1), len(samples) - 1)
    (t0, *a), (t1, *b) = samples[i - 1], samples[i]
    f = 0 if t1 == t0 else (ms - t0) / (t1 - t0)
    return a[col] + (b[col] - a[col]) * f
by = {}
outside = []
for r in runs:
    if r.get("discarded") or "requests" not in r or r.get("srvCpuPct") is None:
        continue
    end = datetime.datetime.fromisoformat(r["at"].replace("Z", "+00:00")).timestamp() * 1000
    start = end - r["seconds"] * 1000
    hearth = r["target"].startswith("hearth")
    java_ms = r["srvCpuPct"] / 100 * r["seconds"] * 1000
    pg_ms = (at(end, 0) - at(start, 0)) * tick_ms if hearth else 0
    redis_ms = (at(end, 2) - at(start, 2)) * tick_ms if hearth else 0
    served_ms = (at(end, 3) - at(start, 3)) * tick_ms if hearth else 0
    w = by.setdefault((r["workload"], r["target"]), [0, 0.0, 0.0, 0.0, 0, 0.0, 0.0])
    w[0] += r["requests"]; w[1] += java_ms; w[2] += pg_ms; w[3] += redis_ms; w[6] += served_ms
    w[4] += (at(end, 1) - at(start, 1)) if hearth else 0
    w[5] += r["seconds"]
    # What the harness calls other load, less this invocation's PostgreSQL and Redis (busy in the
    # pouchdb-server runs too: background work after Hearth's writes): outside load.
    own_ms = (at(end, 0) - at(start, 0) + at(end, 2) - at(start, 2)) * tick_ms
    rest = (r.get("otherCpuPct") or 0) - own_ms / (r["seconds"] * 10)
    if rest > noisy_pct or (r.get("stealCpuPct") or 0) > noisy_pct:
        outside.append(f'{r["workload"]} {r["target"]} #{r.get("round")}: outside {rest:.0f} %, steal {r.get("stealCpuPct")} %')
print("\nServer CPU per request (measured rounds; ms of one core; pouchdb-server: its node process):")
print("PostgreSQL's CPU is all its processes'; 'of which serving' is the backends of the nodes'")
print("connections, the rest its background work (autovacuum, checkpoints, WAL writer), which may")
print("follow the writes of the workload before.")
print("| workload | target | requests/s | server (JVM / node) | PostgreSQL | of which serving | Redis | total | WAL flushes per request |")
print("|---|---|---|---|---|---|---|---|---|")
for (w, t), (n, j, p, rd, syncs, secs, sv) in sorted(by.items()):
    print(f"| {w} | {t} | {n / secs:,.0f} | {j / n:.3f} | {p / n:.3f} | {sv / n:.3f} | {rd / n:.3f} | {(j + p + rd) / n:.3f} | {syncs / n:.3f} |")
print(f"\nRuns with load from outside (other load less PostgreSQL and Redis, or steal, above {noisy_pct:g} % of a core): {len(outside)} of {sum(1 for r in runs if not r.get('discarded') and 'requests' in r)}")
for line in outside:
    print("  " + line)
EOF
echo "load: $(uptime)"
echo "PostgreSQL after the run: $(psql_q "SELECT pg_size_pretty(pg_database_size('postgres'))"), $(psql_q "SELECT count(*) FROM docs") documents, $(psql_q "SELECT count(*) FROM mango_keys") index entries"
echo
echo "PostgreSQL's statements by total time, whole invocation with set-ups (pg_stat_statements):"
"$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U hearth -d postgres -P pager=off -c "SELECT d.datname AS db, s.calls,
  round(s.total_exec_time::numeric, 0) AS total_ms, round(s.mean_exec_time::numeric, 3) AS mean_ms, s.rows,
  left(regexp_replace(s.query, '\s+', ' ', 'g'), 90) AS query
  FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid ORDER BY s.total_exec_time DESC LIMIT 16"
[ "$(psql_q "SELECT count(*) FROM docs")" -ge 1 ] || { echo "the node wrote no document to PostgreSQL" >&2; exit 1; }
if find "$WORK"/*-data -name '*.mv.db' | grep -q .; then echo "the node wrote an embedded store" >&2; exit 1; fi
