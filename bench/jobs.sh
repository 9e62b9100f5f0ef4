#!/usr/bin/env bash
# Jobs on the built distribution:
#  - throughput: JOBS log jobs (default 10,000) queued over HTTP across INSTANCES instances
#    (default 100) by 8 clients, from the first request until every job is done;
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

python3 - "$HTTP" "$ADMIN" "$PASS" "$JOBS" "$INSTANCES" <<'PY'
import base64, concurrent.futures, datetime, http.client, json, statistics, sys, time
http_port, admin, pw, jobs, instances = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), int(sys.argv[5])

def request(method, path, host, token=None, body=None, port=http_port):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    headers = {"Host": host, "Content-Type": "application/json"}
    if token:
        headers["Authorization"] = token
    c.request(method, path, body=body, headers=headers)
    r = c.getresponse()
    data = r.read().decode()
    c.close()
    return r.status, data

def admin_call(path):
    auth = "Basic " + base64.b64encode(f"admin:{pw}".encode()).decode()
    status, body = request("POST", path, f"127.0.0.1:{admin}", auth, port=admin)
    assert status in (200, 201), body
    return body

scope = "io.cozy.jobs:POST:log:worker%20io.cozy.jobs:GET%20io.cozy.triggers%20io.cozy.bills"
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

start = time.perf_counter()
with concurrent.futures.ThreadPoolExecutor(8) as pool:
    list(pool.map(push, range(jobs)))
pushed = time.perf_counter() - start
while any(queued(d) for d in domains):
    time.sleep(0.2)
total = time.perf_counter() - start
print(f"{jobs} log jobs over {instances} instances: queued in {pushed:.1f} s ({jobs / pushed:.0f}/s), "
      f"all done in {total:.1f} s ({jobs / total:.0f} jobs/s, running included)")

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
queued_at = sorted(datetime.datetime.fromisoformat(j["attributes"]["queued_at"].replace("Z", "+00:00"))
                   for j in json.loads(body)["data"])
assert len(queued_at) == len(writes), (len(queued_at), len(writes))
lat = sorted((q - w).total_seconds() * 1000 for q, w in zip(queued_at, sorted(writes)))
print(f"@event trigger, write to job queued: median {statistics.median(lat):.1f} ms, "
      f"p99 {lat[int(len(lat) * 0.99) - 1]:.1f} ms, max {lat[-1]:.1f} ms")
PY
