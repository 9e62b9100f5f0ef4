"""Measures the serving of apps for bench/apps.sh, which starts the servers; see that script.

  apps.py serve   --http P --admin P --pass S --pid PID --jetty P --archive A --work DIR --jcmd J ...
  apps.py startup --dist DIR --jar JAR --work DIR --runs N --logback XML
"""
import argparse, base64, hashlib, http.client, io, json, os, re, statistics, subprocess, sys, tarfile, time
import urllib.parse, zipfile

KDF_ITERATIONS = 50000
TARGETS = {}  # row -> (value, target text, met)


def request(port, method, path, host, headers=None, body=None):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    c.request(method, path, body=body, headers={"Host": host, **(headers or {})})
    r = c.getresponse()
    data = r.read()
    c.close()
    return r.status, r.getheader("Set-Cookie") or "", data


class Server:
    def __init__(self, a):
        self.http, self.admin, self.pw, self.pid = a.http, a.admin, a.pass_, a.pid

    def admin_call(self, path):
        auth = "Basic " + base64.b64encode(f"admin:{self.pw}".encode()).decode()
        status, _, body = request(self.admin, "POST", path, f"127.0.0.1:{self.admin}", {"Authorization": auth})
        assert status in (200, 201), (path, status, body)
        return body.decode().strip()

    def instance(self, name, passphrase=None):
        domain = f"{name}.localhost:{self.http}"
        extra = f"&Passphrase={urllib.parse.quote(passphrase)}&KdfIterations={KDF_ITERATIONS}" if passphrase else ""
        self.admin_call(f"/instances?Domain={urllib.parse.quote(domain)}{extra}")
        return domain

    def token(self, domain, scope):
        return self.admin_call(f"/instances/token?Domain={urllib.parse.quote(domain)}&Audience=cli&Scope={scope}&Expire=12h")

    def install(self, domain, token, slug, archive):
        src = urllib.parse.quote("file://" + archive, safe="")
        status, _, body = request(self.http, "POST", f"/apps/{slug}?Source={src}", domain,
                                  {"Authorization": "Bearer " + token, "Accept": "application/json"})
        assert status == 202, (slug, status, body[:300])

    def uninstall(self, domain, token, slug):
        status, _, body = request(self.http, "DELETE", f"/apps/{slug}", domain,
                                  {"Authorization": "Bearer " + token, "Accept": "application/json"})
        assert status == 200, (slug, status, body[:300])

    def login(self, domain, passphrase):
        """The session cookie of a login, as the login page posts it."""
        _, cookie, page = request(self.http, "GET", "/auth/login", domain)
        csrf = re.search(rb'name="csrf_token" value="([^"]+)"', page).group(1).decode()
        master = hashlib.pbkdf2_hmac("sha256", passphrase.encode(), f"me@{domain.split(':')[0]}".encode(), KDF_ITERATIONS)
        hashed = base64.b64encode(hashlib.pbkdf2_hmac("sha256", master, passphrase.encode(), 1)).decode()
        body = urllib.parse.urlencode({"csrf_token": csrf, "passphrase": hashed, "redirect": ""})
        status, session, _ = request(self.http, "POST", "/auth/login", domain, {
            "Cookie": cookie.split(";")[0], "Content-Type": "application/x-www-form-urlencoded"}, body)
        assert status == 303, status
        return session.split(";")[0]

    def rss(self):
        for line in open(f"/proc/{self.pid}/status"):
            if line.startswith("VmRSS"):
                return int(line.split()[1]) / 1024

    def heap(self, jcmd):
        for _ in range(2):
            subprocess.run([jcmd, str(self.pid), "GC.run"], capture_output=True)
            time.sleep(1)
        out = subprocess.run([jcmd, str(self.pid), "GC.heap_info"], capture_output=True, text=True).stdout
        return sum(int(x) for x in re.findall(r"used (\d+)K", out.split("Metaspace")[0])) / 1024


def wrk(url, host, cookie, duration):
    cmd = ["wrk", "-t1", "-c16", f"-d{duration}s", "--timeout", "30s", "--latency", url]
    if host:
        cmd[1:1] = ["-H", f"Host: {host}", "-H", f"Cookie: {cookie}"]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=duration + 90).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    assert not errors, f"{url}: {errors.group(0)}"
    return rps, re.search(r"50%\s+(\S+)", out).group(1), re.search(r"99%\s+(\S+)", out).group(1)


def target(row, value, text, met):
    TARGETS[row] = (value, text, met)


def serve(a):
    s = Server(a)
    passphrase = "bench passphrase"
    domain = s.instance("bench", passphrase)
    cookie = s.login(domain, passphrase)
    apps = s.token(domain, "io.cozy.apps")
    s.install(domain, apps, "todos", a.archive)
    host = "todos." + domain
    status, _, index = request(s.http, "GET", "/", host, {"Cookie": cookie})
    assert status == 200 and re.search(rb'data-cozy-token="ey', index), (status, index[:300])
    css = re.search(rb'href="/(app\.[0-9a-f]+\.css)"', index).group(1).decode()
    assert request(s.http, "GET", "/" + css, host, {"Cookie": cookie})[0] == 200
    runs = {
        "jetty-hello servlet (ceiling)": (f"http://127.0.0.1:{a.jetty}/doc", None),
        f"app asset /{css}": (f"http://127.0.0.1:{s.http}/{css}", host),
        "app index.html (token per request)": (f"http://127.0.0.1:{s.http}/", host),
    }
    for url, h in runs.values():
        wrk(url, h, cookie, 20)  # warm-up, so that the JIT compiled the paths (longer under load)
    results = {name: [] for name in runs}
    for _ in range(a.rounds):
        for name, (url, h) in runs.items():
            results[name].append(wrk(url, h, cookie, a.duration))
    ceiling = statistics.median(r[0] for r in results["jetty-hello servlet (ceiling)"])
    print(f"\nwrk -t1 -c16, {a.rounds} rounds of {a.duration} s, medians (round values in brackets):\n")
    print("| what | req/s | p50 | p99 | ratio to the ceiling |\n|---|---|---|---|---|")
    for name, rs in results.items():
        rps = statistics.median(r[0] for r in rs)
        mid = sorted(rs, key=lambda r: r[0])[len(rs) // 2]
        print(f"| {name} | {rps:.0f} ({', '.join(f'{r[0]:.0f}' for r in rs)}) | {mid[1]} | {mid[2]} | {rps / ceiling:.2f} |")
    asset = statistics.median(r[0] for r in results[f"app asset /{css}"]) / ceiling
    page = statistics.median(r[0] for r in results["app index.html (token per request)"]) / ceiling
    target("static asset / ceiling", f"{asset:.2f}", ">= 0.5", asset >= 0.5)
    target("templated index.html / ceiling", f"{page:.2f}", ">= 0.25", page >= 0.25)
    hot_install(s, a, domain, apps, cookie)
    memory(s, a)
    report(a)


def big_archive(path, slug):
    """A Cozy archive of about 5 MB: incompressible bytes beside the manifest and an index."""
    manifest = json.dumps({"slug": slug, "name": slug, "version": "1.0.0", "type": "webapp",
                           "permissions": {"todos": {"type": "io.cozy.todos", "verbs": ["GET"]}}}).encode()
    with tarfile.open(path, "w:gz") as tar:
        for name, data in (("manifest.webapp", manifest), ("index.html", b"<html><body>{{.AppName}}</body></html>"),
                           ("data.bin", os.urandom(5 * 1024 * 1024))):
            info = tarfile.TarInfo(f"{slug}/{name}")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))


def hot_install(s, a, domain, apps, cookie):
    times = []
    for i in range(a.installs):
        slug = f"big{i}"
        path = os.path.join(a.work, f"{slug}.tar.gz")
        big_archive(path, slug)
        start = time.perf_counter()
        s.install(domain, apps, slug, path)
        while request(s.http, "GET", "/", f"{slug}.{domain}", {"Cookie": cookie})[0] != 200:
            time.sleep(0.005)
        times.append((time.perf_counter() - start) * 1000)
        s.uninstall(domain, apps, slug)
    size = os.path.getsize(path) / 2**20
    median = statistics.median(times)
    print(f"\nhot install of a {size:.1f} MB archive until its index answers 200: median {median:.0f} ms "
          f"({', '.join(f'{t:.0f}' for t in times)} ms)")
    target("hot install of a 5 MB archive, median", f"{median:.0f} ms", "< 1000 ms", median < 1000)


def memory(s, a):
    domains, tokens = [], []
    start = time.time()
    for n in range(a.instances):
        d = s.instance(f"mem{n:04d}")
        t = s.token(d, "io.cozy.apps%20io.cozy.todos")
        # A document written first: the instance's store is open in both phases, so that the
        # difference is what the installed app costs, not what an open store does.
        status, _, body = request(s.http, "POST", "/data/io.cozy.todos/", d, {
            "Authorization": "Bearer " + t, "Content-Type": "application/json"}, json.dumps({"label": "a todo"}))
        assert status == 201, (status, body[:200])
        assert request(s.http, "GET", "/apps/", d, {"Authorization": "Bearer " + t})[0] == 200
        domains.append(d)
        tokens.append(t)
    print(f"\n{a.instances} instances created, with a document each, in {time.time() - start:.0f} s")
    open0, closed0 = settle(s, a)
    start = time.time()
    for d, t in zip(domains, tokens):
        s.install(d, t, "todos", a.archive)
        assert request(s.http, "GET", "/apps/", d, {"Authorization": "Bearer " + t})[0] == 200
    print(f"the Todos app installed on each of them in {time.time() - start:.0f} s")
    open1, closed1 = settle(s, a)
    print("\n| RSS / heap after GC | stores open | stores closed as idle |\n|---|---|---|")
    for name, o, c in (("without the app", open0, closed0), ("with it", open1, closed1)):
        print(f"| {name} | {o[0]:.0f} MB / {o[1]:.0f} MB | {c[0]:.0f} MB / {c[1]:.0f} MB |")
    target(f"RSS added by the app on {a.instances} instances, stores closed",
           f"{closed1[0] - closed0[0]:+.0f} MB (heap after GC {closed1[1] - closed0[1]:+.0f} MB)", "< 50 MB",
           closed1[0] - closed0[0] < 50)
    target(f"RSS added by the app on {a.instances} instances, stores open",
           f"{open1[0] - open0[0]:+.0f} MB (heap after GC {open1[1] - open0[1]:+.0f} MB)", "(< 50 MB)",
           open1[0] - open0[0] < 50)


def settle(s, a):
    """(RSS, heap after GC) with the stores just used still open, then once closed as idle."""
    time.sleep(3)
    opened = (s.rss(), s.heap(a.jcmd))
    time.sleep(a.idle + 15)
    return opened, (s.rss(), s.heap(a.jcmd))


def report(a):
    path = os.path.join(a.work, "targets.json")
    previous = json.load(open(path)) if os.path.exists(path) else {}
    previous.update(TARGETS)
    json.dump(previous, open(path, "w"))
    print("\n| measure | value | target | |\n|---|---|---|---|")
    for row, (value, text, met) in previous.items():
        print(f"| {row} | {value} | {text} | {'met' if met else 'MISSED'} |")


def bench_jars(jar, folder, count):
    """count copies of the Todos app bundle, each its own app (symbolic name and slug)."""
    os.makedirs(folder, exist_ok=True)
    with zipfile.ZipFile(jar) as src:
        entries = [(i, src.read(i.filename)) for i in src.infolist()]
    for n in range(count):
        with zipfile.ZipFile(os.path.join(folder, f"bench{n:02d}.jar"), "w", zipfile.ZIP_DEFLATED) as out:
            for info, data in entries:
                if info.filename == "META-INF/MANIFEST.MF":
                    data = data.replace(b"dev.hearth.apps.todos", f"dev.hearth.apps.bench{n:02d}".encode())
                elif info.filename == "www/manifest.webapp":
                    data = data.replace(b'"slug": "todos"', f'"slug": "bench{n:02d}"'.encode())
                out.writestr(info, data)


def start_once(a, with_apps, http, admin):
    load = os.path.join(a.dist, "load")
    for f in os.listdir(load):
        os.remove(os.path.join(load, f))
    if with_apps:
        for f in os.listdir(a.jars):
            os.link(os.path.join(a.jars, f), os.path.join(load, f))
    data = os.path.join(a.work, f"start-{time.time_ns()}")
    env = {**os.environ, "HEARTH_ADMIN_PASSPHRASE": "bench", "HEARTH_JAVA_OPTS": f"-Dlogback.configurationFile={a.logback}"}
    t0 = time.perf_counter()
    proc = subprocess.Popen([os.path.join(a.dist, "bin", "hearth"), "serve", "--data-dir", data, "--http-port", str(http),
                             "--admin-port", str(admin)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        status_ms = wait_until(proc, lambda: request(http, "GET", "/status", f"127.0.0.1:{http}")[0] == 200) - t0
        auth = {"Authorization": "Basic " + base64.b64encode(b"admin:bench").decode()}

        def deployed():
            code, _, body = request(admin, "GET", "/system/console/bundles.json", f"127.0.0.1:{admin}", auth)
            if code != 200:
                return False
            states = [b["state"] for b in json.loads(body)["data"] if b["symbolicName"].startswith("dev.hearth.apps.bench")]
            return states.count("Active") == (20 if with_apps else 0)
        ready_ms = wait_until(proc, deployed) - t0
        time.sleep(2)
        rss = int(next(l for l in open(f"/proc/{proc.pid}/status") if l.startswith("VmRSS")).split()[1]) / 1024
        return status_ms * 1000, ready_ms * 1000, rss
    finally:
        proc.terminate()
        proc.wait(60)


def wait_until(proc, check):
    deadline = time.time() + 120
    while time.time() < deadline:
        assert proc.poll() is None, "the server died"
        try:
            if check():
                return time.perf_counter()
        except (ConnectionError, OSError):
            pass
        time.sleep(0.02)
    raise TimeoutError("not ready in 120 s")


def free_port():
    import socket
    with socket.socket() as so:
        so.bind(("127.0.0.1", 0))
        return so.getsockname()[1]


def startup(a):
    a.jars = os.path.join(a.work, "jars")
    bench_jars(a.jar, a.jars, 20)
    runs = {False: [], True: []}
    for _ in range(a.runs):
        for with_apps in (False, True):
            runs[with_apps].append(start_once(a, with_apps, free_port(), free_port()))
    print(f"\nstartup, {a.runs} alternating runs each, medians (ready = /status answers and the console lists"
          " every app bundle active):\n")
    print("| load/ | first 200 of /status | ready | RSS 2 s later |\n|---|---|---|---|")
    med = {}
    for with_apps, rs in runs.items():
        med[with_apps] = [statistics.median(r[i] for r in rs) for i in range(3)]
        print(f"| {'20 app bundles' if with_apps else 'empty'} | {med[with_apps][0]:.0f} ms | {med[with_apps][1]:.0f} ms "
              f"({', '.join(f'{r[1]:.0f}' for r in rs)}) | {med[with_apps][2]:.0f} MB |")
    ratio = med[True][1] / med[False][1]
    target("startup with 20 app bundles / without", f"{ratio:.2f} ({med[True][1]:.0f} / {med[False][1]:.0f} ms)",
           "<= 1.10", ratio <= 1.10)
    report(a)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("mode", choices=["serve", "startup"])
    for name in ("--http", "--admin", "--pid", "--jetty", "--rounds", "--duration", "--installs", "--instances", "--runs",
                 "--idle"):
        p.add_argument(name, type=int)
    for name in ("--archive", "--work", "--jcmd", "--dist", "--jar", "--logback"):
        p.add_argument(name)
    p.add_argument("--pass", dest="pass_")
    a = p.parse_args()
    serve(a) if a.mode == "serve" else startup(a)


if __name__ == "__main__":
    sys.exit(main())
