#!/usr/bin/env bash
# Many triggers on the built distribution: INSTANCES instances (default 1,000) with PER triggers
# each (default 100: 40 @cron, 20 @every, 20 @daily with constraints, 20 @event), created over
# HTTP by 8 clients. Prints the heap used after a full GC before and after the triggers are
# created, and, over RESTARTS restarts each (default 3, alternating), the time from process start
# to the first 200 of /status and to the jobs service's "Reloaded ..." log line, without triggers
# and with them, plus the heap after GC once they are reloaded (HISTOGRAM=1 prints the classes
# that fill the heap after the first reload with the triggers).
#
#   bench/triggers.sh [INSTANCES] [PER] [RESTARTS]    (after ./mvnw package; JAVA_HOME at a JDK 25)
set -euo pipefail
cd "$(dirname "$0")/.."
INSTANCES=${1:-1000} PER=${2:-100} RESTARTS=${3:-3}
command -v python3 >/dev/null || { echo "python3 is needed" >&2; exit 1; }
JCMD="${JAVA_HOME:?set JAVA_HOME to a JDK 25}/bin/jcmd"
DATA=$(mktemp -d)
trap 'kill $(cat "$DATA/pid" 2>/dev/null) 2>/dev/null || true; rm -rf "$DATA"' EXIT

python3 - "$INSTANCES" "$PER" "$RESTARTS" "$JCMD" "$DATA" "${HEARTH_DIST:-launcher/target/hearth}" "$(pwd)" <<'PY'
import base64, concurrent.futures, http.client, json, os, re, shutil, socket, statistics, subprocess, sys, threading, time
instances, per, restarts, jcmd, tmp, dist, root = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), *sys.argv[4:]
pw = "triggers" + str(os.getpid())
local = threading.local()

def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p

http_port, admin = free_port(), free_port()
server = {}

def start(data):
    log = open(f"{tmp}/server.log", "w")
    env = dict(os.environ, HEARTH_ADMIN_PASSPHRASE=pw,
               HEARTH_JAVA_OPTS=f"-Dlogback.configurationFile={root}/bench/logback-quiet.xml "
               + os.environ.get("HEARTH_BENCH_JAVA_OPTS", ""))
    t0 = time.perf_counter()
    p = subprocess.Popen([f"{dist}/bin/hearth", "serve", "--data-dir", data, "--http-port", str(http_port),
                          "--admin-port", str(admin)], stdout=log, stderr=subprocess.STDOUT, env=env)
    open(f"{tmp}/pid", "w").write(str(p.pid))
    while True:
        assert p.poll() is None, "the server died; see " + f"{tmp}/server.log"
        try:
            c = http.client.HTTPConnection("127.0.0.1", http_port, timeout=5); c.request("GET", "/status")
            if c.getresponse().status == 200: break
        except OSError:
            pass
        time.sleep(0.05)
    ready = time.perf_counter() - t0
    while not re.search(r"Reloaded the jobs and triggers", open(f"{tmp}/server.log").read()):
        assert p.poll() is None
        time.sleep(0.05)
    reloaded = time.perf_counter() - t0
    server["p"] = p
    local.__dict__.pop("conns", None)
    return ready, reloaded, re.search(r"Reloaded the jobs and triggers of .*", open(f"{tmp}/server.log").read()).group(0)

def stop():
    p = server.pop("p"); p.terminate(); p.wait()

def request(method, path, host, token=None, body=None, port=None):
    port = port or http_port
    for attempt in (0, 1):
        conns = local.__dict__.setdefault("conns", {})
        c = conns.get(port) or conns.setdefault(port, http.client.HTTPConnection("127.0.0.1", port, timeout=120))
        headers = {"Host": host, "Content-Type": "application/json"}
        if token: headers["Authorization"] = token
        try:
            c.request(method, path, body=body, headers=headers); r = c.getresponse(); data = r.read().decode()
        except (http.client.HTTPException, ConnectionError):
            c.close(); conns.pop(port, None)
            if attempt: raise
            continue
        return r.status, data

def admin_call(path):
    auth = "Basic " + base64.b64encode(f"admin:{pw}".encode()).decode()
    status, body = request("POST", path, f"127.0.0.1:{admin}", auth, port=admin)
    assert status in (200, 201), body
    return body

def heap():
    pid = str(server["p"].pid)
    for _ in range(2):
        subprocess.run([jcmd, pid, "GC.run"], capture_output=True); time.sleep(1)
    out = subprocess.run([jcmd, pid, "GC.heap_info"], capture_output=True, text=True).stdout.split("Metaspace")[0]
    return sum(int(x) for x in re.findall(r"used (\d+)K", out)) / 1024

data, bare = f"{tmp}/data", f"{tmp}/bare"
start(data)
scope = "io.cozy.triggers%20io.cozy.bills"
domains = [f"t{i}.localhost:{http_port}" for i in range(instances)]
def make(d):
    admin_call(f"/instances?Domain={d}")
    return "Bearer " + admin_call(f"/instances/token?Domain={d}&Audience=cli&Scope={scope}&Expire=12h").strip()
with concurrent.futures.ThreadPoolExecutor(8) as pool:
    tokens = dict(zip(domains, pool.map(make, domains)))
stop()
shutil.copytree(data, bare)  # the same instances, without triggers, for the restarts below
start(data)
h0 = heap()

kinds = [("@cron", "0 {m} 3 * * *")] * 40 + [("@every", "{h}h")] * 20 + \
        [("@daily", "between 1am and 5am")] * 20 + [("@event", "io.cozy.bills:CREATED")] * 20
kinds = (kinds * (per // len(kinds) + 1))[:per]
def create(n):
    d = domains[n // per]; kind, args = kinds[n % per]
    body = {"data": {"attributes": {"type": kind, "arguments": args.format(m=n % 60, h=1 + n % 24),
                                    "worker": "log", "message": {"n": n}}}}
    status, out = request("POST", "/jobs/triggers", d, tokens[d], json.dumps(body))
    assert status == 201, out
t0 = time.perf_counter()
with concurrent.futures.ThreadPoolExecutor(8) as pool:
    list(pool.map(create, range(instances * per)))
took = time.perf_counter() - t0
h1 = heap()
print(f"{instances * per} triggers over {instances} instances created in {took:.0f} s ({instances * per / took:.0f}/s); "
      f"heap used after GC {h0:.1f} MB -> {h1:.1f} MB (+{h1 - h0:.1f} MB)", flush=True)
stop()

runs = {"without": [], "with": []}
heaps = {"without": [], "with": []}
for r in range(restarts):
    for name, folder in (("without", bare), ("with", data)):
        ready, reloaded, line = start(folder)
        time.sleep(3)  # the same settling time after the reload in both cases
        heaps[name].append(heap())
        if os.environ.get("HISTOGRAM") and name == "with" and r == 0:
            out = subprocess.run([jcmd, str(server["p"].pid), "GC.class_histogram"], capture_output=True, text=True).stdout
            print("\n".join(out.splitlines()[:25]), flush=True)
        stop()
        runs[name].append((ready, reloaded))
        print(f"  {name} triggers, run {r + 1}: /status after {ready:.2f} s, reloaded after {reloaded:.2f} s; "
              f"heap after GC {heaps[name][-1]:.1f} MB ({line.strip()})", flush=True)
for name in runs:
    print(f"{name} triggers: median /status {statistics.median(a for a, _ in runs[name]):.2f} s, "
          f"median reloaded {statistics.median(b for _, b in runs[name]):.2f} s, "
          f"median heap after GC {statistics.median(heaps[name]):.1f} MB")
ratio = statistics.median(a for a, _ in runs["with"]) / statistics.median(a for a, _ in runs["without"])
print(f"startup with / without triggers: {ratio:.2f} (/status); heap added by the reloaded triggers: "
      f"{statistics.median(heaps['with']) - statistics.median(heaps['without']):.1f} MB")
PY
