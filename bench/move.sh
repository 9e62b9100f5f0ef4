#!/usr/bin/env bash
# Moving an instance between two server processes of the built distribution:
#  1. server A: an instance with DOCS (100,000) documents over 20 doctypes (bulk, /data) and
#     FILE_MB (1,024) MiB of files of 16 MiB of random bytes (/files uploads);
#  2. `hearth instances export` on A into one archive: MB/s (archive bytes / wall time, the CLI's
#     download included), and A's heap after a full GC before and after;
#  3. server B (another process, another data directory): `hearth instances import` of the archive
#     into a new instance: MB/s and B's heap after GC before and after (target for both: >= 100
#     MB/s on this disk, heap flat);
#  4. a check that B has what A had: per doctype the documents and their revisions (_all_docs), the
#     disk usage, and the MD5 of every file.
#
#   bench/move.sh [DOCS] [FILE_MB]     (after ./mvnw package; JAVA_HOME at a JDK 25; python3, curl)
set -euo pipefail
cd "$(dirname "$0")/.."
DOCS=${1:-100000}
FILE_MB=${2:-1024}
command -v python3 >/dev/null || { echo "python3 is needed" >&2; exit 1; }
JCMD="${JAVA_HOME:?set JAVA_HOME to a JDK 25}/bin/jcmd"
DIST=${HEARTH_DIST:-launcher/target/hearth}
[ -x "$DIST/bin/hearth" ] || { echo "build first: ./mvnw package -DskipTests" >&2; exit 1; }
. bench/lib.sh
WORK=$(mktemp -d /tmp/hearth-move-bench.XXXXXX)
PASS=move$RANDOM$RANDOM
A_HTTP=$(free_port) A_ADMIN=$(free_port)
PID_A= PID_B=
cleanup() {
  for p in $PID_A $PID_B; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
start_hearth "$WORK/a" "$A_HTTP" "$A_ADMIN" "$PASS" "$WORK/a.log"
PID_A=$HEARTH_PID
B_HTTP=$(free_port) B_ADMIN=$(free_port)
start_hearth "$WORK/b" "$B_HTTP" "$B_ADMIN" "$PASS" "$WORK/b.log"
PID_B=$HEARTH_PID

python3 - "$A_HTTP" "$A_ADMIN" "$PID_A" "$B_HTTP" "$B_ADMIN" "$PID_B" "$PASS" "$JCMD" "$DIST/bin/hearth" \
  "$WORK" "$DOCS" "$FILE_MB" <<'PY'
import base64, hashlib, http.client, json, os, re, subprocess, sys, time
a_http, a_admin, pid_a, b_http, b_admin, pid_b, pw, jcmd, hearth_cli, work = sys.argv[1:11]
docs, file_mb = int(sys.argv[11]), int(sys.argv[12])
auth = {"Authorization": "Basic " + base64.b64encode(f"admin:{pw}".encode()).decode()}

def request(port, method, path, body=None, headers=None, host=None):
    c = http.client.HTTPConnection("127.0.0.1", int(port), timeout=3600)
    h = dict(headers or {})
    if host: h["Host"] = host
    c.request(method, path, body=body, headers=h)
    r = c.getresponse(); out = r.read(); c.close()
    return r.status, out

def instance(http_port, admin, name):
    domain = f"{name}.localhost:{http_port}"
    s, b = request(admin, "POST", f"/instances?Domain={domain}", headers=auth)
    assert s == 201, b
    tok = request(admin, "POST", f"/instances/token?Domain={domain}&Audience=cli&Scope=io.cozy.files%20io.cozy.settings:GET%20com.example.bench.0"
                  + "".join(f"%20com.example.bench.{d}" for d in range(1, 20)) + "&Expire=12h", headers=auth)[1].decode().strip()
    return domain, {"Authorization": "Bearer " + tok}

def heap(pid):
    for _ in range(2):
        subprocess.run([jcmd, pid, "GC.run"], capture_output=True); time.sleep(1)
    out = subprocess.run([jcmd, pid, "GC.heap_info"], capture_output=True, text=True).stdout.split("Metaspace")[0]
    return sum(int(x) for x in re.findall(r"used (\d+)K", out)) / 1024

src, hs = instance(a_http, a_admin, "src")
t = time.perf_counter()
per = docs // 20
for d in range(20):
    for start in range(0, per, 1000):
        body = json.dumps({"docs": [{"_id": f"d{d}-{i:07d}", "n": i, "text": "document %d of a bench doctype" % i}
                                    for i in range(start, min(per, start + 1000))]})
        s, b = request(a_http, "POST", f"/data/com.example.bench.{d}/_bulk_docs", body,
                       {**hs, "Content-Type": "application/json"}, src)
        assert s == 201, b
size = 16 << 20
md5s = {}
for i in range(file_mb // 16):
    content = os.urandom(size)
    md5 = base64.b64encode(hashlib.md5(content).digest()).decode()
    s, b = request(a_http, "POST", f"/files/io.cozy.files.root-dir?Type=file&Name=f{i}.bin", content,
                   {**hs, "Content-MD5": md5, "Content-Type": "application/octet-stream"}, src)
    assert s == 201, b
    md5s[f"/f{i}.bin"] = md5
print(f"filled: {docs} documents, {file_mb} MiB of files in {time.perf_counter() - t:.1f} s")

def cli(*args, admin):
    env = dict(os.environ, HEARTH_ADMIN_PASSPHRASE=pw)
    t = time.perf_counter()
    r = subprocess.run([hearth_cli, "instances", *args, "--admin-url", f"http://127.0.0.1:{admin}"],
                       capture_output=True, text=True, env=env)
    assert r.returncode == 0, r.stdout + r.stderr
    return time.perf_counter() - t, r.stdout.strip()

archive = f"{work}/src.tar"
before_a = heap(pid_a)
secs, out = cli("export", src, archive, admin=a_admin)
after_a = heap(pid_a)
mb = os.path.getsize(archive) / 1e6
print(out)
print(f"export: {mb:.0f} MB in {secs:.1f} s = {mb / secs:.0f} MB/s (target >= 100); "
      f"heap of A after GC {before_a:.0f} MB before, {after_a:.0f} MB after")

dst, hd = instance(b_http, b_admin, "dst")
before_b = heap(pid_b)
secs, out = cli("import", dst, archive, admin=b_admin)
after_b = heap(pid_b)
print(out)
print(f"import: {mb:.0f} MB in {secs:.1f} s = {mb / secs:.0f} MB/s (target >= 100); "
      f"heap of B after GC {before_b:.0f} MB before, {after_b:.0f} MB after")

for d in range(20):
    path = f"/data/com.example.bench.{d}/_all_docs"
    x = json.loads(request(a_http, "GET", path, None, hs, src)[1])
    y = json.loads(request(b_http, "GET", path, None, hd, dst)[1])
    assert x["rows"] == y["rows"], f"com.example.bench.{d} differs"
ua = json.loads(request(a_http, "GET", "/settings/disk-usage", None, hs, src)[1])["data"]["attributes"]
ub = json.loads(request(b_http, "GET", "/settings/disk-usage", None, hd, dst)[1])["data"]["attributes"]
assert ua["used"] == ub["used"], (ua, ub)
for path, md5 in md5s.items():
    s, b = request(b_http, "GET", f"/files/metadata?Path={path}", None, hd, dst)
    assert s == 200 and json.loads(b)["data"]["attributes"]["md5sum"] == md5, path
print(f"check: the {docs} documents (ids and revisions) and {len(md5s)} files (MD5) of A are on B")
PY
