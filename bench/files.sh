#!/usr/bin/env bash
# File benchmarks of the built distribution, side by side with Debian's nginx on the same machine:
#  1. download of a SIZE_MB file (256): Hearth GET /files/download/:id against nginx serving the
#     same file from disk (target: Hearth >= 0.7x nginx);
#  2. upload of the same file: Hearth POST /files/:dir with Content-MD5 against nginx WebDAV PUT
#     (target >= 0.5x);
#  3. SMALL (2,000) uploads of 4 KiB from 16 clients, files per second, both servers (compare with
#     the jetty-hello ceiling of data-pair.sh; target >= 0.5x of it);
#  4. heap used after a full GC before and after 1 GiB uploaded (target: <= +32 MB);
#  5. listing a directory of LIST (10,000) files page by page (page[limit]=100) and the median of
#     100 GET /files/metadata?Path= in a tree of TREE (100,000) files (target < 20 ms).
#
#   bench/files.sh [SIZE_MB] [SMALL] [LIST] [TREE]     (after ./mvnw package; JAVA_HOME at a JDK 25)
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE_MB=${1:-256}
SMALL=${2:-2000}
LIST=${3:-10000}
TREE=${4:-100000}
command -v python3 >/dev/null || { echo "python3 is needed" >&2; exit 1; }
command -v nginx >/dev/null || { echo "nginx is needed (apt-get install nginx)" >&2; exit 1; }
JCMD="${JAVA_HOME:?set JAVA_HOME to a JDK 25}/bin/jcmd"
. bench/lib.sh
HTTP=$(free_port) ADMIN=$(free_port) NGINX=$(free_port) DATA=$(mktemp -d) PASS=files$RANDOM
mkdir -p "$DATA/www/dav" "$DATA/nginx/body"
# nginx's workers may run as another user than the one starting it: let them read and write
chmod 755 "$DATA" "$DATA/www"
chmod 777 "$DATA/www/dav" "$DATA/nginx/body"
trap 'stop_hearth; [ -f "$DATA/nginx/nginx.pid" ] && kill "$(cat "$DATA/nginx/nginx.pid")" 2>/dev/null; rm -rf "$DATA"' EXIT
head -c "$((SIZE_MB * 1024 * 1024))" /dev/urandom > "$DATA/www/big.bin"
cat > "$DATA/nginx/nginx.conf" <<CONF
worker_processes 2;
pid $DATA/nginx/nginx.pid;
error_log $DATA/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  client_max_body_size 0;
  client_body_temp_path $DATA/nginx/body;
  server {
    listen 127.0.0.1:$NGINX;
    root $DATA/www;
    location /dav/ { dav_methods PUT; create_full_put_path on; }
  }
}
CONF
nginx -c "$DATA/nginx/nginx.conf" -p "$DATA/nginx"
start_hearth "$DATA/data" "$HTTP" "$ADMIN" "$PASS" "$DATA/server.log"

python3 - "$HTTP" "$ADMIN" "$PASS" "$NGINX" "$DATA" "$HEARTH_PID" "$JCMD" "$SMALL" "$LIST" "$TREE" <<'PY'
import base64, hashlib, http.client, json, os, re, statistics, subprocess, sys, threading, time
http_port, admin, pw, nginx, data, pid, jcmd = sys.argv[1:8]
small, listing, tree = map(int, sys.argv[8:11])
big = f"{data}/www/big.bin"
size = os.path.getsize(big)
domain = f"bench.localhost:{http_port}"

def request(port, method, path, body=None, headers=None, host=None, sink=False):
    c = http.client.HTTPConnection("127.0.0.1", int(port), timeout=600)
    h = dict(headers or {})
    if host: h["Host"] = host
    c.request(method, path, body=body, headers=h)
    r = c.getresponse()
    if sink:
        n = 0
        while chunk := r.read(1 << 20): n += len(chunk)
        c.close(); return r.status, n
    out = r.read(); c.close(); return r.status, out

auth = {"Authorization": "Basic " + base64.b64encode(f"admin:{pw}".encode()).decode()}
request(admin, "POST", f"/instances?Domain={domain}", headers=auth)
token = request(admin, "POST", f"/instances/token?Domain={domain}&Audience=cli&Scope=io.cozy.files&Expire=12h", headers=auth)[1].decode().strip()
H = {"Authorization": "Bearer " + token}

def hearth(method, path, body=None, headers=None, sink=False):
    return request(http_port, method, path, body, {**H, **(headers or {})}, domain, sink)

def mkdir(parent, name):
    s, b = hearth("POST", f"/files/{parent}?Type=directory&Name={name}")
    return json.loads(b)["data"]["id"]

def md5_file(path):
    h = hashlib.md5()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20): h.update(chunk)
    return base64.b64encode(h.digest()).decode()

def timed(fn, runs=3):
    times = []
    for _ in range(runs):
        t = time.perf_counter(); fn(); times.append(time.perf_counter() - t)
    return statistics.median(times)

def heap():
    for _ in range(2):
        subprocess.run([jcmd, pid, "GC.run"], capture_output=True); time.sleep(1)
    out = subprocess.run([jcmd, pid, "GC.heap_info"], capture_output=True, text=True).stdout.split("Metaspace")[0]
    return sum(int(x) for x in re.findall(r"used (\d+)K", out)) / 1024

root = "io.cozy.files.root-dir"
md5 = md5_file(big)
heap_before = heap()
uploads = iter(range(100))
def hearth_upload():
    with open(big, "rb") as f:
        s, b = hearth("POST", f"/files/{root}?Type=file&Name=big{next(uploads)}.bin", f,
                      {"Content-MD5": md5, "Content-Length": str(size), "Content-Type": "application/octet-stream"})
        assert s == 201, b
def nginx_put():
    with open(big, "rb") as f:
        s, _ = request(nginx, "PUT", f"/dav/big{time.time_ns()}.bin", f, {"Content-Length": str(size)})
        assert s in (201, 204), s
up_h, up_n = timed(hearth_upload), timed(nginx_put)
for _ in range(max(0, (1 << 30) // size - 3)):
    hearth_upload()
heap_after = heap()
fid = json.loads(hearth("GET", "/files/metadata?Path=/big0.bin")[1])["data"]["id"]
down_h = timed(lambda: hearth("GET", f"/files/download/{fid}", sink=True))
down_n = timed(lambda: request(nginx, "GET", "/big.bin", sink=True))
mb = size / 2**20
print(f"download {mb:.0f} MiB: Hearth {mb/down_h:.0f} MiB/s, nginx {mb/down_n:.0f} MiB/s, ratio {down_n/down_h:.2f} (target >= 0.7)")
print(f"upload {mb:.0f} MiB:   Hearth {mb/up_h:.0f} MiB/s, nginx PUT {mb/up_n:.0f} MiB/s, ratio {up_n/up_h:.2f} (target >= 0.5)")
print(f"heap after GC: {heap_before:.1f} MB before, {heap_after:.1f} MB after {(1 << 30) // size * mb:.0f} MiB uploaded (+{heap_after-heap_before:.1f} MB, target <= 32)")

payload = os.urandom(4096)
payload_md5 = base64.b64encode(hashlib.md5(payload).digest()).decode()
small_dir = mkdir(root, "small")
def small_run(send):
    counter = iter(range(small)); lock = threading.Lock()
    def worker():
        while True:
            with lock: i = next(counter, None)
            if i is None: return
            send(i)
    threads = [threading.Thread(target=worker) for _ in range(16)]
    t = time.perf_counter(); [x.start() for x in threads]; [x.join() for x in threads]
    return small / (time.perf_counter() - t)
rate_h = small_run(lambda i: hearth("POST", f"/files/{small_dir}?Type=file&Name=s{i}", payload, {"Content-MD5": payload_md5}))
rate_n = small_run(lambda i: request(nginx, "PUT", f"/dav/small/s{i}", payload))
print(f"4 KiB uploads, 16 clients: Hearth {rate_h:.0f}/s, nginx PUT {rate_n:.0f}/s (compare Hearth with the jetty-hello ceiling of data-pair.sh)")

list_dir = mkdir(root, "list")
for i in range(max(0, listing - 0)):
    hearth("POST", f"/files/{list_dir}?Type=file&Name=f{i:06d}", b"x")
pages, nxt, t = 0, f"/files/{list_dir}?page[limit]=100", time.perf_counter()
while nxt:
    body = json.loads(hearth("GET", nxt)[1]); pages += 1
    nxt = body.get("links", {}).get("next")
print(f"listing {listing} files in {pages} pages of 100: {time.perf_counter() - t:.2f} s")

tree_dir = mkdir(root, "tree")
dirs = [mkdir(tree_dir, f"d{d}") for d in range(100)]
for i in range(listing, tree):
    hearth("POST", f"/files/{dirs[i % 100]}?Type=file&Name=t{i}", b"x")
lat = []
for i in range(listing, listing + 100):
    t = time.perf_counter(); s, _ = hearth("GET", f"/files/metadata?Path=/tree/d{i % 100}/t{i}"); lat.append((time.perf_counter() - t) * 1000)
    assert s == 200
print(f"statByPath in a tree of {tree} files: median {statistics.median(lat):.1f} ms (target < 20)")
PY
