#!/usr/bin/env bash
# Jobs on the built distribution:
#  - queued over HTTP: JOBS log jobs (default 10,000) queued across INSTANCES instances (default
#    100) by 8 clients on kept-alive connections, from the first request until every job is done;
#  - run from a backlog: one @event trigger (log worker) per instance, then one _bulk_docs of
#    JOBS/INSTANCES documents per instance, so JOBS jobs are created by the server faster than
#    they run; the rate is JOBS over the server's own span, first job queued to last job finished
#    (read back from the jobs' documents), and every job must be done exactly once;
#  - @event latency: the time from the write of a document (client clock, before the request) to
#    the queue time of the job its @event trigger created (server clock, same machine), over 200
#    writes: median, p99, max.
#
#   bench/jobs.sh [JOBS] [INSTANCES]     (after ./mvnw package; JAVA_HOME at a JDK 25)
set -euo pipefail
cd "$(dirname "$0")/.."
JOBS=${1:-10000} INSTANCES=${2:-100}
command -v python3 >/dev/null || { echo "python3 is needed" >&2; exit 1; }
. bench/lib.sh
HTTP=$(free_port) ADMIN=$(free_port) DATA=$(mktemp -d) PASS=jobs$RANDOM
trap 'stop_hearth; rm -rf "$DATA"' EXIT
start_hearth "$DATA/data" "$HTTP" "$ADMIN" "$PASS" "$DATA/server.log"

python3 - "$HTTP" "$ADMIN" "$PASS" "$JOBS" "$INSTANCES" "$HEARTH_PID" <<'PY'
import base64, concurrent.futures, datetime, http.client, json, os, statistics, sys, threading, time
http_port, admin, pw, jobs, instances = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
pid = sys.argv[6]
local = threading.local()

def request(method, path, host, token=None, body=None, port=http_port):
    """One request on this thread's kept-alive connection (opened again when the server closed it)."""
    for attempt in (0, 1):
        conns = local.__dict__.setdefault("conns", {})
        c = conns.get(port) or conns.setdefault(port, http.client.HTTPConnection("127.0.0.1", port, timeout=120))
        headers = {"Host": host, "Content-Type": "application/json"}
        if token:
            headers["Authorization"] = token
        try:
            c.request(method, path, body=body, headers=headers)
            r = c.getresponse()
            data = r.read().decode()
        except (http.client.HTTPException, ConnectionError):
            c.close(); conns.pop(port, None)
            if attempt: raise
            continue
        if r.getheader("Connection", "").lower() == "close":
            c.close(); conns.pop(port, None)
        return r.status, data

def admin_call(path):
    auth = "Basic " + base64.b64encode(f"admin:{pw}".encode()).decode()
    status, body = request("POST", path, f"127.0.0.1:{admin}", auth, port=admin)
    assert status in (200, 201), body
    return body

def cpu():
    """CPU seconds used by the server so far (user + system): a measure the other loads of the machine leave alone."""
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

def ts(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))

scope = ("io.cozy.jobs:POST:log:worker%20io.cozy.jobs:GET%20io.cozy.triggers%20io.cozy.bills"
         "%20io.cozy.bank.operations")
domains, tokens = [], {}
for i in range(instances):
    d = f"i{i}.localhost:{http_port}"
    admin_call(f"/instances?Domain={d}")
    tokens[d] = "Bearer " + admin_call(f"/instances/token?Domain={d}&Audience=cli&Scope={scope}").strip()
    domains.append(d)

def push(n):
    d = domains[n % len(domains)]
    status, body = request("POST", "/jobs/queue/log", d, tokens[d], json.dumps({"data": {"attributes": {"arguments": {"n": n}}}}))
    assert status == 202, body

def queued(d):
    status, body = request("GET", "/jobs/queue/log", d, tokens[d])
    assert status == 200, body
    return json.loads(body)["meta"]["count"]

start, cpu0 = time.perf_counter(), cpu()
with concurrent.futures.ThreadPoolExecutor(8) as pool:
    list(pool.map(push, range(jobs)))
pushed = time.perf_counter() - start
while any(queued(d) for d in domains):
    time.sleep(0.2)
total = time.perf_counter() - start
print(f"{jobs} log jobs queued over HTTP across {instances} instances: queued in {pushed:.1f} s ({jobs / pushed:.0f}/s), "
      f"all done in {total:.1f} s ({jobs / total:.0f} jobs/s, running included); "
      f"server CPU {(cpu() - cpu0) * 1000 / jobs:.2f} ms per job (polling included)")

per = jobs // instances
triggers = {}
for d in domains:
    status, body = request("POST", "/jobs/triggers", d, tokens[d], json.dumps({"data": {"attributes": {
        "type": "@event", "arguments": "io.cozy.bank.operations:CREATED", "worker": "log"}}}))
    assert status == 201, body
    triggers[d] = json.loads(body)["data"]["id"]

def bulk(d):
    docs = [{"n": k} for k in range(per)]
    status, body = request("POST", "/data/io.cozy.bank.operations/_bulk_docs", d, tokens[d], json.dumps({"docs": docs}))
    assert status == 201, body

start, cpu0 = time.perf_counter(), cpu()
with concurrent.futures.ThreadPoolExecutor(8) as pool:
    list(pool.map(bulk, domains))
written = time.perf_counter() - start

def jobs_of(d):
    status, body = request("GET", f"/jobs/triggers/{triggers[d]}/jobs?Limit={per * 2}", d, tokens[d])
    assert status == 200, body
    return json.loads(body)["data"]

while True:
    time.sleep(0.5)
    if all(queued(d) == 0 for d in domains):
        made = [j for d in domains for j in jobs_of(d)]
        if len(made) >= per * instances and all(j["attributes"]["state"] in ("done", "errored") for j in made):
            break
total, used = time.perf_counter() - start, cpu() - cpu0
states = {j["attributes"]["state"] for j in made}
assert len(made) == per * instances and states == {"done"}, (len(made), states)
first = min(ts(j["attributes"]["queued_at"]) for j in made)
last = max(ts(j["attributes"]["finished_at"]) for j in made)
span = (last - first).total_seconds()
print(f"{len(made)} log jobs created by @event triggers from {instances} bulk writes ({written:.1f} s): "
      f"server span first queued -> last done {span:.2f} s ({len(made) / span:.0f} jobs/s); "
      f"client view {total:.1f} s incl. polling; server CPU {used * 1000 / len(made):.2f} ms per job (bulk writes and polling included)")

d = domains[0]
status, body = request("POST", "/jobs/triggers", d, tokens[d], json.dumps({"data": {"attributes": {
    "type": "@event", "arguments": "io.cozy.bills:CREATED", "worker": "log"}}}))
assert status == 201, body
trigger = json.loads(body)["data"]["id"]
writes = []
for i in range(200):
    t = datetime.datetime.now(datetime.timezone.utc)
    status, body = request("POST", "/data/io.cozy.bills/", d, tokens[d], json.dumps({"n": i}))
    assert status == 201, body
    writes.append(t)
    time.sleep(0.01)
time.sleep(2)
status, body = request("GET", f"/jobs/triggers/{trigger}/jobs?Limit=1000", d, tokens[d])
queued_at = sorted(ts(j["attributes"]["queued_at"]) for j in json.loads(body)["data"])
assert len(queued_at) == len(writes), (len(queued_at), len(writes))
lat = sorted((q - w).total_seconds() * 1000 for q, w in zip(queued_at, sorted(writes)))
print(f"@event trigger, write to job queued: median {statistics.median(lat):.1f} ms, "
      f"p99 {lat[int(len(lat) * 0.99) - 1]:.1f} ms, max {lat[-1]:.1f} ms")
PY
