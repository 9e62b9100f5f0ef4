#!/usr/bin/env bash
# Login under a brute-force attack, on the built distribution:
#  - at rest: the median time of POST /auth/login with the right and with a wrong passphrase
#    (each costs one scrypt hash of the client-side hash);
#  - under attack: ATTEMPTS wrong passphrases (default 200) posted from 127.0.0.2 by 4 processes
#    as fast as the server answers, while a user logs in at least 10 times from 127.0.0.1: the
#    user's login times, and what the attacker got (401 wrong passphrase, 429 throttled).
#
#   bench/login.sh [ATTEMPTS]       (after ./mvnw package; JAVA_HOME at a JDK 25)
set -euo pipefail
cd "$(dirname "$0")/.."
ATTEMPTS=${1:-200}
command -v python3 >/dev/null || { echo "python3 is needed" >&2; exit 1; }
. bench/lib.sh
HTTP=$(free_port) ADMIN=$(free_port) DATA=$(mktemp -d) PASS=login$RANDOM
trap 'stop_hearth; rm -rf "$DATA"' EXIT
start_hearth "$DATA/data" "$HTTP" "$ADMIN" "$PASS" "$DATA/server.log"

python3 - "$HTTP" "$ADMIN" "$PASS" "$ATTEMPTS" <<'PY'
import base64, hashlib, http.client, multiprocessing, re, statistics, sys, time, urllib.parse
http_port, admin, pw, attempts = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
PASSPHRASE, ITERATIONS = "the owner's passphrase", 50000

def request(method, path, host, source="127.0.0.1", headers=None, body=None, port=http_port):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=60, source_address=(source, 0))
    h = {"Host": host, **(headers or {})}
    c.request(method, path, body=body, headers=h)
    r = c.getresponse()
    data = r.read().decode()
    c.close()
    return r.status, r.getheader("Set-Cookie") or "", data

def admin_call(path):
    auth = "Basic " + base64.b64encode(f"admin:{pw}".encode()).decode()
    status, _, body = request("POST", path, f"127.0.0.1:{admin}", headers={"Authorization": auth}, port=admin)
    assert status in (200, 201), body

def client_hash(passphrase, domain):
    master = hashlib.pbkdf2_hmac("sha256", passphrase.encode(), f"me@{domain.split(':')[0]}".encode(), ITERATIONS)
    return base64.b64encode(hashlib.pbkdf2_hmac("sha256", master, passphrase.encode(), 1)).decode()

class Form:
    """A login form: its CSRF cookie and token, fetched once (the token is good for an hour)."""
    def __init__(self, domain, source):
        self.domain, self.source = domain, source
        _, cookie, page = request("GET", "/auth/login", domain, source)
        self.cookie = cookie.split(";")[0]
        self.csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)

    def post(self, hashed):
        body = urllib.parse.urlencode({"csrf_token": self.csrf, "passphrase": hashed, "redirect": ""})
        start = time.perf_counter()
        status, _, _ = request("POST", "/auth/login", self.domain, self.source, body=body, headers={
            "Cookie": self.cookie, "Content-Type": "application/x-www-form-urlencoded"})
        return status, (time.perf_counter() - start) * 1000

def instance(name):
    domain = f"{name}.localhost:{http_port}"
    admin_call(f"/instances?Domain={domain}&Passphrase={urllib.parse.quote(PASSPHRASE)}&KdfIterations={ITERATIONS}")
    return domain

def ms(values):
    return f"median {statistics.median(values):.0f} ms, max {max(values):.0f} ms"

quiet = instance("quiet")
right, wrong = client_hash(PASSPHRASE, quiet), client_hash("a guess", quiet)
form = Form(quiet, "127.0.0.1")
def logged_in(result):
    status, t = result
    assert status == 303, status
    return t
for _ in range(3):
    logged_in(form.post(right))   # warm-up
times_right = [logged_in(form.post(right)) for _ in range(9)]
form = Form(quiet, "127.0.0.3")
times_wrong = []
for _ in range(4):     # below the free failures, so each one is hashed
    status, t = form.post(wrong)
    assert status == 401, status
    times_wrong.append(t)
print(f"at rest: right passphrase {ms(times_right)}; wrong passphrase {ms(times_wrong)} (one scrypt hash each)")

target = instance("attacked")
right, wrong = client_hash(PASSPHRASE, target), client_hash("a guess", target)
def attacker(count, results):
    f = Form(target, "127.0.0.2")
    got = {}
    for _ in range(count):
        status, _ = f.post(wrong)
        got[status] = got.get(status, 0) + 1
    results.put(got)
# Separate processes, so that the attacker's client does not slow the user's client down.
results = multiprocessing.Queue()
threads = [multiprocessing.Process(target=attacker, args=(attempts // 4 + (i < attempts % 4), results), daemon=True)
           for i in range(4)]
start = time.perf_counter()
for t in threads: t.start()
user = Form(target, "127.0.0.1")
times_user = []
while any(t.is_alive() for t in threads) or len(times_user) < 10:
    status, t = user.post(right)
    assert status == 303, status
    times_user.append(t)
statuses = {}
for _ in threads:
    for k, v in results.get().items():
        statuses[k] = statuses.get(k, 0) + v
for t in threads: t.join()
elapsed = time.perf_counter() - start
print(f"under attack: {attempts} wrong attempts from 127.0.0.2 in {elapsed:.1f} s, answered {dict(sorted(statuses.items()))}; "
      f"{len(times_user)} logins of the owner from 127.0.0.1: {ms(times_user)} ({', '.join(f'{t:.0f}' for t in times_user)} ms)")
PY
