#!/usr/bin/env bash
# The pair bench with Hearth's documents on PostgreSQL: pouchdb-server (A) against one Hearth node
# (B) whose datasystem uses the PostgreSQL engine, in one invocation; then the server CPU per
# request of each Hearth run split by process (the node's JVM, the PostgreSQL processes), and how
# many WAL flushes each request cost (reads commit too, but flush nothing; group commit shows
# as fewer than one flush per write).
#
#   bench/data-pg.sh [harness options]      (default: --workloads W1,W2,W4 --rounds 3 --warmup 10)
#
# PostgreSQL (Debian's postgresql package: initdb, pg_ctl) runs in a temporary folder on a free
# port, as the postgres user when run as root, with fsync and synchronous_commit on. The node is
# a copy of the cluster distribution (HEARTH_CLUSTER_DIST, default launcher/target/hearth-cluster)
# whose configuration selects the PostgreSQL engine; files stay on its disk, realtime in-process.
# PG_GROUP_COMMIT=1 writes each one-document save alone (no group commit), PG_POOL sets the pool.
# Needs what bench/data-pair.sh needs. Results go to bench/results/.
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
[ $# -gt 0 ] || set -- --workloads W1,W2,W4 --rounds 3 --warmup 10

WORK=$(mktemp -d /tmp/hearth-bench.XXXXXX)
cp -r "$HARNESS"/. "$WORK"/
chmod -R u+w "$WORK"
export PEERS=${PEERS:-/tmp/peers}
mkdir -p "$PEERS" "$ROOT/bench/results"

. "$ROOT/bench/lib.sh"
HEARTH_PORT=$(free_port)
ADMIN_PORT=$(free_port)
PG_PORT=$(free_port)
DATA=$(mktemp -d /tmp/hearth-bench-data.XXXXXX)
PGDIR=$(mktemp -d /tmp/hearth-bench-pg.XXXXXX)
PASS=bench-$RANDOM$RANDOM
export HEARTH_PORT HEARTH_PID_FILE="$WORK/hearth.pid" COZY_HOST="bench.localhost:$HEARTH_PORT"
AS_PG=()
if [ "$(id -u)" = 0 ]; then chown postgres "$PGDIR"; AS_PG=(runuser -u postgres --); fi
SAMPLER=

cleanup() {
  local status=$?
  if [ "$status" -ne 0 ] && [ -f "$WORK/hearth.out" ]; then
    cp "$WORK/hearth.out" "$ROOT/bench/results/hearth-pg-$(date +%Y%m%d-%H%M%S).log"
    echo "failed; the server's log is in bench/results/"; grep -m 5 -A 20 ERROR "$WORK/hearth.out" || true
  fi
  [ -n "$SAMPLER" ] && kill "$SAMPLER" 2>/dev/null || true
  stop_hearth
  "$WORK/peers/pouchdb-server.sh" stop >/dev/null 2>&1 || true
  "${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$PGDIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$WORK" "$DATA" "$PGDIR"
}
trap cleanup EXIT

psql_q() { "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U hearth -d postgres -Atc "$1"; }

# PostgreSQL as the tests start it, but durable: fsync and synchronous_commit stay on.
"${AS_PG[@]}" "$PG_BIN/initdb" -D "$PGDIR/data" -U hearth -A trust -E UTF8 --locale=C > "$PGDIR/initdb.log"
"${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$PGDIR/data" -w -l "$PGDIR/log" \
  -o "-p $PG_PORT -k $PGDIR -c listen_addresses=127.0.0.1 -c shared_buffers=256MB -c max_connections=50" start > /dev/null
echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on port $PG_PORT: fsync=$(psql_q 'SHOW fsync'), synchronous_commit=$(psql_q 'SHOW synchronous_commit')"

# The node: a copy of the cluster distribution, configured for the PostgreSQL engine only.
NODE="$WORK/node"
cp -r "$CLUSTER" "$NODE"
cat > "$NODE/conf/dev.hearth.datasystem.postgres.cfg" <<EOF
servers = main=jdbc:postgresql://127.0.0.1:$PG_PORT/postgres
user = hearth
poolSize = ${PG_POOL:-16}
groupCommitMax = ${PG_GROUP_COMMIT:-64}
EOF
echo 'documents.target = (hearth.documents=postgres)' > "$NODE/conf/dev.hearth.datasystem.cfg"
grep -v '^blobs.target' "$NODE/conf/dev.hearth.files.cfg" > "$WORK/files.cfg" || true
mv "$WORK/files.cfg" "$NODE/conf/dev.hearth.files.cfg"
rm -f "$NODE/conf/dev.hearth.files.s3.cfg" "$NODE/conf/dev.hearth.realtime.redis.cfg"

HEARTH_DIST="$NODE" start_hearth "$DATA" "$HEARTH_PORT" "$ADMIN_PORT" "$PASS" "$WORK/hearth.out"
echo "$HEARTH_PID" > "$HEARTH_PID_FILE"
curl -fs -u "admin:$PASS" -X POST "http://127.0.0.1:$ADMIN_PORT/instances?Domain=$COZY_HOST" > /dev/null
COZY_TOKEN=$(curl -fs -u "admin:$PASS" -X POST "http://127.0.0.1:$ADMIN_PORT/instances/token?Domain=$COZY_HOST&Audience=cli&Scope=io.cozy.benchread%20io.cozy.benchwrite%20io.cozy.benchbulk%20io.cozy.benchfind&Expire=12h")
export COZY_TOKEN

# CPU of the PostgreSQL processes (postmaster, its children, and the children it reaped), in
# clock ticks, and its WAL flushes, sampled every 200 ms with the time in ms.
PG_MAIN=$(head -1 "$PGDIR/data/postmaster.pid")
(
  set +eu +o pipefail # a backend that exits between listing and reading must not end the sampler
  while true; do
    ticks=$(awk '{ s += $14 + $15 } END { print s }' /proc/"$PG_MAIN"/stat $(for c in $(cat /proc/"$PG_MAIN"/task/*/children); do echo /proc/$c/stat; done) 2>/dev/null)
    reaped=$(awk '{ print $16 + $17 }' /proc/"$PG_MAIN"/stat)
    echo "$(date +%s%3N) $((ticks + reaped)) $(psql_q "SELECT wal_sync FROM pg_stat_wal")"
    sleep 0.2
  done
) > "$WORK/pg-cpu.txt" 2>/dev/null &
SAMPLER=$!

"$WORK/peers/pouchdb-server.sh" install > /dev/null
"$WORK/peers/pouchdb-server.sh" stop > /dev/null 2>&1 || true
rm -rf "$PEERS/data/pouchdb-server"
"$WORK/peers/pouchdb-server.sh" start

sed 's/"name": "hearth"/"name": "hearth-pg"/' "$ROOT/bench/hearth.json" > "$WORK/hearth-pg.json"
"$WORK/bench.sh" pair "$WORK/targets/pouchdb-server.json" "$WORK/hearth-pg.json" --out "$ROOT/bench/results" \
  --label "pouchdb-server vs hearth on PostgreSQL" "$@" | tee "$WORK/pair.out"

RESULT=$(ls -t "$ROOT"/bench/results/*.json | head -1)
python3 - "$RESULT" "$WORK/pg-cpu.txt" "$(getconf CLK_TCK)" <<'EOF'
import bisect, datetime, json, sys
runs = json.load(open(sys.argv[1]))["runs"]
samples = [tuple(int(x) for x in line.split()) for line in open(sys.argv[2]) if len(line.split()) == 3]
tick_ms = 1000 / int(sys.argv[3])
times = [s[0] for s in samples]
def at(ms, col):
    i = min(max(bisect.bisect_left(times, ms), 1), len(samples) - 1)
    (t0, *a), (t1, *b) = samples[i - 1], samples[i]
    f = 0 if t1 == t0 else (ms - t0) / (t1 - t0)
    return a[col] + (b[col] - a[col]) * f
by = {}
for r in runs:
    if r.get("target") != "hearth-pg" or r.get("discarded") or "requests" not in r or r.get("srvCpuPct") is None:
        continue
    end = datetime.datetime.fromisoformat(r["at"].replace("Z", "+00:00")).timestamp() * 1000
    start = end - r["seconds"] * 1000
    pg_ms = (at(end, 0) - at(start, 0)) * tick_ms
    java_ms = r["srvCpuPct"] / 100 * r["seconds"] * 1000
    w = by.setdefault(r["workload"], [0, 0.0, 0.0, 0])
    w[0] += r["requests"]; w[1] += java_ms; w[2] += pg_ms
    w[3] += at(end, 1) - at(start, 1)
print("\nServer CPU per request on PostgreSQL (measured rounds; ms of one core):")
print("| workload | requests | node (JVM) | PostgreSQL | total | WAL flushes per request |")
print("|---|---|---|---|---|---|")
for w, (n, j, p, syncs) in sorted(by.items()):
    print(f"| {w} | {n} | {j / n:.3f} | {p / n:.3f} | {(j + p) / n:.3f} | {syncs / n:.3f} |")
EOF
echo "load: $(uptime)"
echo "PostgreSQL after the run: $(psql_q "SELECT pg_size_pretty(pg_database_size('postgres'))"), $(psql_q "SELECT count(*) FROM docs") documents, $(psql_q "SELECT count(*) FROM mango_keys") index entries"
[ "$(psql_q "SELECT count(*) FROM docs")" -ge 1 ] || { echo "the node wrote no document to PostgreSQL" >&2; exit 1; }
if find "$DATA" -name '*.mv.db' | grep -q .; then echo "the node wrote an embedded store" >&2; exit 1; fi
