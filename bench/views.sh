#!/usr/bin/env bash
# Map-reduce view queries over DOCS documents (default 100,000), Hearth against pouchdb-server
# side by side in one invocation: the same documents and design document in both, the index
# built by a first query (its time is printed), then ROUNDS rounds (default 2) alternating the
# two servers on each workload for DURATION seconds (default 10) with wrk (2 threads, 16
# connections):
#   key     one row by key                        ?key=N&reduce=false
#   range   20 rows from a key                    ?startkey=N&limit=20&reduce=false
#   docs    10 rows from a key with their docs    ?startkey=N&limit=10&reduce=false&include_docs=true
#   reduce  _sum over a range of 1,000 keys       ?startkey=N&endkey=N+999
#   count   _count over a range of 1,000 keys     ?startkey=N&endkey=N+999 (another view)
# then the median requests/s of each and the ratio Hearth / pouchdb-server.
#
#   bench/views.sh [DOCS] [ROUNDS] [DURATION]   (after ./mvnw package; JAVA_HOME at a JDK 25;
#                                                needs node, npm, wrk, python3)
set -euo pipefail
cd "$(dirname "$0")/.."
DOCS=${1:-100000} ROUNDS=${2:-2} DURATION=${3:-10}
for tool in wrk python3 node npm; do command -v $tool >/dev/null || { echo "$tool is needed" >&2; exit 1; }; done
. bench/lib.sh
PEERS=${PEERS:-/tmp/peers}
HTTP=$(free_port) ADMIN=$(free_port) PDB_PORT=$(free_port) DATA=$(mktemp -d) PASS=views$RANDOM
PDB_NAME=pouchdb-views-$PDB_PORT
HARNESS=${HARNESS:-$(pwd)/../shared/bench}
stop_pdb() { PEERS=$PEERS NAME=$PDB_NAME "$HARNESS/peers/pouchdb-server.sh" stop >/dev/null 2>&1 || true; }
trap 'stop_hearth; stop_pdb; rm -rf "$DATA" "$PEERS/data/$PDB_NAME"' EXIT
[ -x "$PEERS/node_modules/.bin/pouchdb-server" ] || PEERS=$PEERS "$HARNESS/peers/pouchdb-server.sh" install >/dev/null
PEERS=$PEERS NAME=$PDB_NAME PORT=$PDB_PORT "$HARNESS/peers/pouchdb-server.sh" start
start_hearth "$DATA/data" "$HTTP" "$ADMIN" "$PASS" "$DATA/server.log"
HEARTH_JAVA_PID=$(pgrep -P "$HEARTH_PID" java || echo "$HEARTH_PID")

python3 - "$HTTP" "$ADMIN" "$PASS" "$PDB_PORT" "$DOCS" "$DATA" <<'PY'
import base64, http.client, json, sys, time
http_port, admin, pw, pdb, docs, tmp = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), sys.argv[6]
host = f"bench.localhost:{http_port}"

def request(port, method, path, headers, body=None, timeout=3600):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    c.request(method, path, body=body, headers={"Content-Type": "application/json", **headers})
    r = c.getresponse()
    data = r.read().decode()
    c.close()
    assert r.status < 300, f"{method} {path}: {r.status} {data[:300]}"
    return data

auth = {"Authorization": "Basic " + base64.b64encode(f"admin:{pw}".encode()).decode(), "Host": f"127.0.0.1:{admin}"}
request(admin, "POST", f"/instances?Domain={host}", auth)
token = request(admin, "POST", f"/instances/token?Domain={host}&Audience=cli&Scope=io.cozy.benchviews&Expire=12h", auth).strip()
hearth = {"Host": host, "Authorization": "Bearer " + token}
targets = {"hearth": (http_port, hearth, "/data/io.cozy.benchviews"), "pouchdb-server": (pdb, {}, "/benchviews")}
request(pdb, "PUT", "/benchviews", {})
ddoc = {"views": {
    "by_n": {"map": "function (doc) { emit(doc.n, doc.v); }", "reduce": "_sum"},
    "by_group": {"map": "function (doc) { emit(doc.n, doc.group); }", "reduce": "_count"}}}
for name, (port, headers, base) in targets.items():
    start = time.time()
    for first in range(0, docs, 5000):
        batch = [{"_id": f"doc-{i:07d}", "n": i, "v": i % 97, "group": f"g{i % 10}", "title": f"Document number {i}",
                  "tags": ["a", "b"] if i % 2 else ["c"]} for i in range(first, min(docs, first + 5000))]
        request(port, "POST", base + "/_bulk_docs", headers, json.dumps({"docs": batch}))
    loaded = time.time() - start
    request(port, "PUT", base + "/_design/b", headers, json.dumps(ddoc))
    start = time.time()
    for view in ("by_n", "by_group"):
        request(port, "GET", base + f"/_design/b/_view/{view}?limit=1", headers)
    print(f"{name}: {docs} documents loaded in {loaded:.1f} s, both indexes built by a first query in {time.time() - start:.1f} s")
with open(f"{tmp}/token", "w") as f:
    f.write(token)
PY
TOKEN=$(cat "$DATA/token")

cat > "$DATA/views.lua" <<'LUA'
local base = os.getenv("VIEW_BASE")
local mode = os.getenv("VIEW_MODE")
local docs = tonumber(os.getenv("VIEW_DOCS"))
math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
request = function()
  local n = math.random(0, docs - 1000)
  local path
  if mode == "key" then path = "/_design/b/_view/by_n?reduce=false&key=" .. n
  elseif mode == "range" then path = "/_design/b/_view/by_n?reduce=false&limit=20&startkey=" .. n
  elseif mode == "docs" then path = "/_design/b/_view/by_n?reduce=false&limit=10&include_docs=true&startkey=" .. n
  elseif mode == "reduce" then path = "/_design/b/_view/by_n?startkey=" .. n .. "&endkey=" .. (n + 999)
  else path = "/_design/b/_view/by_group?startkey=" .. n .. "&endkey=" .. (n + 999) end
  return wrk.format("GET", base .. path)
end
response = function(status, headers, body)
  if status ~= 200 then io.stderr:write("status " .. status .. ": " .. body:sub(1, 200) .. "\n") end
end
LUA

run() { # target workload -> requests/s
  local url base
  if [ "$1" = hearth ]; then
    url="http://127.0.0.1:$HTTP"; base=/data/io.cozy.benchviews
    VIEW_BASE=$base VIEW_MODE=$2 VIEW_DOCS=$DOCS wrk -t2 -c16 -d"${DURATION}s" -s "$DATA/views.lua" \
      -H "Host: bench.localhost:$HTTP" -H "Authorization: Bearer $TOKEN" "$url" 2>>"$DATA/errors"
  else
    url="http://127.0.0.1:$PDB_PORT"; base=/benchviews
    VIEW_BASE=$base VIEW_MODE=$2 VIEW_DOCS=$DOCS wrk -t2 -c16 -d"${DURATION}s" -s "$DATA/views.lua" "$url" 2>>"$DATA/errors"
  fi | awk '/Requests\/sec/ {print $2}'
}

WORKLOADS="key range docs reduce count"
declare -A RESULTS
for round in $(seq 1 "$ROUNDS"); do
  for w in $WORKLOADS; do
    for t in pouchdb-server hearth; do
      r=$(run "$t" "$w")
      RESULTS[$t.$w]="${RESULTS[$t.$w]:-} $r"
      echo "round $round $w $t: $r req/s"
    done
  done
done
if [ -s "$DATA/errors" ]; then echo "errors during the runs:"; sort "$DATA/errors" | uniq -c | head; exit 1; fi
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
echo
echo "| workload | pouchdb-server req/s | Hearth req/s | Hearth / pouchdb-server |"
echo "|---|---|---|---|"
for w in $WORKLOADS; do
  a=$(echo "${RESULTS[pouchdb-server.$w]}" | median); b=$(echo "${RESULTS[hearth.$w]}" | median)
  echo "| $w | $a | $b | $(python3 -c "print(f'{$b / $a:.1f}x')") |"
done
echo "(DOCS=$DOCS, ROUNDS=$ROUNDS, DURATION=${DURATION}s, wrk -t2 -c16; Hearth RSS $(ps -o rss= -p "$HEARTH_JAVA_PID" 2>/dev/null | awk '{printf "%d MB", $1/1024}'))"
