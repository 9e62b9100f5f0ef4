#!/usr/bin/env bash
# Memory benchmark of the document engine, on the built distribution:
#  1. heap added by one instance with N documents (default 100,000) once loaded, indexed, queried
#     and idle (heap used after a full GC, before and after; idle is past the ten seconds for which
#     a store keeps a page cache its queries grew, and the heap two seconds after them is shown too);
#  2. the size of its store file as every document gets a second, then a third revision, and once
#     compaction had seventy seconds after that;
#  3. RSS of one process with M idle instances (default 1,000), each with a few documents, after
#     their stores were opened and after they were closed as idle.
#
#   bench/memory.sh [DOCS] [INSTANCES]       (after ./mvnw package; JAVA_HOME at a JDK 25)
set -euo pipefail
cd "$(dirname "$0")/.."
DOCS=${1:-100000}
INSTANCES=${2:-1000}
command -v python3 >/dev/null || { echo "python3 is needed" >&2; exit 1; }
JCMD="${JAVA_HOME:?set JAVA_HOME to a JDK 25}/bin/jcmd"
. bench/lib.sh
HTTP=$(free_port) ADMIN=$(free_port) DATA=$(mktemp -d) PASS=mem$RANDOM
# Shorter idle and compaction periods, through the hot-deploy folder; a file of the user's own
# there is put back afterwards.
CFG=${HEARTH_DIST:-launcher/target/hearth}/load/dev.hearth.datasystem.cfg
[ -f "$CFG" ] && mv "$CFG" "$DATA/user.cfg"
trap 'stop_hearth; rm -f "$CFG"; [ -f "$DATA/user.cfg" ] && mv "$DATA/user.cfg" "$CFG"; rm -rf "$DATA"' EXIT
printf 'idleCloseSeconds = 20\ncompactionSeconds = 10\n' > "$CFG"
start_hearth "$DATA/data" "$HTTP" "$ADMIN" "$PASS" "$DATA/server.log"
PID=$HEARTH_PID

python3 - "$HTTP" "$ADMIN" "$PASS" "$DOCS" "$INSTANCES" "$PID" "$JCMD" "$DATA/data" <<'PY'
import json, os, subprocess, sys, time, urllib.request, base64, re
http, admin, pw, docs, instances, pid, jcmd, data = sys.argv[1:9]
docs, instances = int(docs), int(instances)
auth = "Basic " + base64.b64encode(f"admin:{pw}".encode()).decode()

def call(method, url, host=None, token=None, body=None, basic=False):
    headers = {"Content-Type": "application/json"}
    if host: headers["Host"] = host
    if token: headers["Authorization"] = "Bearer " + token
    if basic: headers["Authorization"] = auth
    data = None if body is None else json.dumps(body).encode()
    with urllib.request.urlopen(urllib.request.Request(url, data=data, method=method, headers=headers)) as r:
        return r.read()

def instance(name, scope):
    domain = f"{name}.localhost:{http}"
    call("POST", f"http://127.0.0.1:{admin}/instances?Domain={domain}", basic=True)
    token = call("POST", f"http://127.0.0.1:{admin}/instances/token?Domain={domain}&Audience=cli&Scope={scope}&Expire=12h", basic=True).decode()
    return domain, token

def heap():
    for _ in range(2):
        subprocess.run([jcmd, pid, "GC.run"], capture_output=True); time.sleep(1)
    out = subprocess.run([jcmd, pid, "GC.heap_info"], capture_output=True, text=True).stdout.split("Metaspace")[0]
    return sum(int(x) for x in re.findall(r"used (\d+)K", out)) / 1024

def rss():
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS"): return int(line.split()[1]) // 1024

def store_mb(domain):
    return os.path.getsize(f"{data}/instances/{domain.replace(':', '_')}/data.mv.db") / 2**20

base = f"http://127.0.0.1:{http}/data/io.cozy.memdocs"
domain, token = instance("memory", "io.cozy.memdocs")
before = heap()
t0 = time.time()
revs, json_bytes = {}, 0
for start in range(0, docs, 1000):
    batch = [{"_id": f"doc-{i:07d}", "group": i % 10000, "name": f"name {i}", "text": "x" * 400} for i in range(start, min(docs, start + 1000))]
    json_bytes += len(json.dumps(batch))
    for r in json.loads(call("POST", base + "/_bulk_docs", domain, token, {"docs": batch})):
        revs[r["id"]] = r["rev"]
load_s = time.time() - t0
call("POST", base + "/_index", domain, token, {"index": {"fields": ["group"]}, "ddoc": "g", "name": "g"})
for g in range(0, 10000, 97):
    call("POST", base + "/_find", domain, token, {"selector": {"group": g}, "use_index": "g"})
call("GET", base + "/_changes", domain, token)
call("GET", base + "/_all_docs?limit=1000", domain, token)
time.sleep(2)
busy = heap()
time.sleep(10)  # an idle store keeps its grown page cache for ten seconds after its last use
after = heap()
print(f"one instance with {docs} documents loaded in {load_s:.1f} s, indexed, queried, idle: "
      f"heap used after GC {before:.1f} MB -> {after:.1f} MB (+{after - before:.1f} MB); RSS {rss()} MB "
      f"(two seconds after the last query: +{busy - before:.1f} MB)")

def rewrite(fill):
    for start in range(0, docs, 1000):
        batch = [{"_id": f"doc-{i:07d}", "_rev": revs[f"doc-{i:07d}"], "group": i % 10000, "name": f"name {i}", "text": fill * 400}
                 for i in range(start, min(docs, start + 1000))]
        for r in json.loads(call("POST", base + "/_bulk_docs", domain, token, {"docs": batch})):
            revs[r["id"]] = r["rev"]

def keep_open(seconds):  # past MVStore's 45 s retention, so that compaction may rewrite the old chunks
    for _ in range(seconds // 10):
        call("GET", base + "/", domain, token); time.sleep(10)

sizes = [store_mb(domain)]
rewrite("y")
sizes.append(store_mb(domain))
keep_open(120)
rewrite("z")
sizes.append(store_mb(domain))
keep_open(70)
sizes.append(store_mb(domain))
print(f"store file of that instance ({json_bytes / 2**20:.0f} MB of JSON documents): {sizes[0]:.0f} MB once loaded, "
      f"{sizes[1]:.0f} MB after a second revision of every document, {sizes[2]:.0f} MB after a third one "
      f"written two minutes later, {sizes[3]:.0f} MB seventy seconds after that")

rss0 = rss()
t0 = time.time()
for n in range(instances):
    d, tok = instance(f"idle{n:04d}", "io.cozy.notes")
    call("POST", f"http://127.0.0.1:{http}/data/io.cozy.notes/_bulk_docs", d, tok, {"docs": [{"n": k} for k in range(3)]})
print(f"{instances} instances created with 3 documents each in {time.time() - t0:.0f} s: "
      f"RSS {rss0} MB -> {rss()} MB with their stores open, heap used after GC {heap():.0f} MB")
time.sleep(100)
print(f"after the idle stores were closed: RSS {rss()} MB, heap used after GC {heap():.0f} MB")
PY
