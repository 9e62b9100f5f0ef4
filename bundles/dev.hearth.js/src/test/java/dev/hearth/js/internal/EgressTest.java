package dev.hearth.js.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.hearth.common.net.PublicAddresses;
import dev.hearth.js.Budgets;
import dev.hearth.js.RunResult;
import dev.hearth.js.RunSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** fetch against a real loopback server playing the instance, and the checks on everything else. */
class EgressTest {
    static HttpServer server;
    static HttpServer other;
    static String base;

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/echo", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            String text = ex.getRequestMethod() + " " + ex.getRequestURI() + " ct="
                    + ex.getRequestHeaders().getFirst("Content-Type") + " x="
                    + ex.getRequestHeaders().getFirst("X-Token") + " body=" + new String(body, StandardCharsets.UTF_8);
            send(ex, 200, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
        });
        server.createContext(
                "/json",
                ex -> send(ex, 200, "application/json", "{\"caf\u00e9\":[1,2]}".getBytes(StandardCharsets.UTF_8)));
        server.createContext("/bytes", ex -> send(ex, 200, "application/octet-stream", new byte[] {0, 1, (byte) 255}));
        server.createContext("/gzip", ex -> {
            ByteArrayOutputStream z = new ByteArrayOutputStream();
            try (GZIPOutputStream g = new GZIPOutputStream(z)) {
                g.write("zipped!".getBytes(StandardCharsets.UTF_8));
            }
            ex.getResponseHeaders().add("Content-Encoding", "gzip");
            send(ex, 200, "text/plain", z.toByteArray());
        });
        server.createContext("/chunked", ex -> {
            ex.getResponseHeaders().add("Content-Type", "text/plain");
            ex.sendResponseHeaders(200, 0);
            for (int i = 0; i < 3; i++) {
                ex.getResponseBody().write(("part" + i).getBytes(StandardCharsets.UTF_8));
                ex.getResponseBody().flush();
            }
            ex.close();
        });
        server.createContext("/missing", ex -> send(ex, 404, "text/plain", "no".getBytes(StandardCharsets.UTF_8)));
        server.createContext("/big", ex -> send(ex, 200, "text/plain", new byte[2 << 20]));
        server.createContext("/slow", ex -> {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            send(ex, 200, "text/plain", "late".getBytes(StandardCharsets.UTF_8));
        });
        server.createContext("/redirect", ex -> {
            String to = ex.getRequestURI().getQuery().substring(3);
            ex.getResponseHeaders().add("Location", to);
            send(ex, ex.getRequestMethod().equals("POST") ? 303 : 302, "text/plain", new byte[0]);
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        other = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        other.createContext("/", ex -> send(ex, 200, "text/plain", "other".getBytes(StandardCharsets.UTF_8)));
        other.start();
        Sandboxes.DNS.put("rebind.example", new InetAddress[] {InetAddress.getLoopbackAddress()});
    }

    @AfterAll
    static void stop() {
        server.stop(0);
        other.stop(0);
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().add("Content-Type", type);
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            ex.getResponseBody().write(body);
        }
        ex.close();
    }

    private static String run(String script, Budgets budgets) {
        Sandboxes.Recorder host = new Sandboxes.Recorder();
        RunResult r = Sandboxes.SANDBOX.run(RunSpec.script("egress", "const base = '" + base + "';\n" + script)
                .budgets(budgets)
                .instance(URI.create(base + "/"), null)
                .allowedDomains(Set.of("rebind.example"))
                .host(host)
                .build());
        return r.outcome() + (r.budget() == null ? "" : " " + r.budget()) + " requests="
                + r.usage().requests() + "\n" + host.stdout();
    }

    private static String run(String script) {
        return run(script, Budgets.DEFAULTS);
    }

    @Test
    void fetchesTheInstanceAsTextJsonAndBytes() {
        assertThat(run("""
                fetch(base + '/echo?q=1', { method: 'POST', body: JSON.stringify({ a: '\u00e9' }), headers: { 'Content-Type': 'application/json', 'X-Token': 't' } })
                  .then(r => r.text()).then(t => console.log(t))
                  .then(() => fetch(base + '/json')).then(r => r.json()).then(j => console.log(JSON.stringify(j)))
                  .then(() => fetch(base + '/bytes')).then(r => r.arrayBuffer()).then(b => console.log(Array.from(new Uint8Array(b)).join()))
                  .then(() => fetch(base + '/gzip')).then(r => r.text()).then(t => console.log(t))
                  .then(() => fetch(base + '/chunked')).then(r => r.text()).then(t => console.log(t))
                  .then(() => fetch(base + '/missing')).then(r => console.log(r.status, r.ok, r.headers.get('content-type')));
                """))
                .isEqualTo("COMPLETED requests=6\n"
                        + "POST /echo?q=1 ct=application/json x=t body={\"a\":\"\u00e9\"}\n"
                        + "{\"caf\u00e9\":[1,2]}\n"
                        + "0,1,255\n"
                        + "zipped!\n"
                        + "part0part1part2\n"
                        + "404 false text/plain\n");
    }

    @Test
    void followsRedirectsInsideTheAllowListAndChecksEachHop() {
        assertThat(run("""
                fetch(base + '/redirect?to=/json').then(r => console.log(r.status, r.redirected, r.url));
                fetch(base + '/redirect?to=/json', { redirect: 'manual' }).then(r => console.log(r.status, r.headers.get('location')));
                fetch(base + '/redirect?to=/echo', { method: 'POST', body: 'x' }).then(r => r.text()).then(t => console.log(t));
                fetch(base + '/redirect?to=http://evil.example/').catch(e => console.log(e.message));
                fetch(base + '/redirect?to=http://rebind.example:' + new URL(base).port + '/json').catch(e => console.log(e.message));
                fetch(base + '/redirect?to=http://169.254.169.254/').catch(e => console.log(e.message));
                """))
                .isEqualTo("COMPLETED requests=8\n"
                        + "200 true " + base + "/json\n"
                        + "302 /json\n"
                        + "GET /echo ct=null x=null body=\n"
                        + "fetch failed: evil.example is not in the allowed domains\n"
                        + "fetch failed: rebind.example resolves to a non-public address (127.0.0.1)\n"
                        + "fetch failed: 169.254.169.254 is not in the allowed domains\n");
    }

    @Test
    void anotherLoopbackServerIsNotTheInstance() {
        assertThat(run("fetch('http://127.0.0.1:" + other.getAddress().getPort()
                        + "/').catch(e => console.log(e.message))"))
                .isEqualTo("COMPLETED requests=0\nfetch failed: 127.0.0.1 is not in the allowed domains\n");
    }

    @Test
    void aSlowServerRejectsTheFetchAfterTheHostCallTimeout() {
        assertThat(run(
                        "fetch(base + '/slow').then(r => console.log('answered'), e => console.log(e.message))",
                        Budgets.DEFAULTS.withHostCallTimeout(Duration.ofMillis(300))))
                .startsWith("COMPLETED requests=1\nfetch failed: request to 127.0.0.1 timed out after 300 ms");
    }

    @Test
    void theRequestBudgetsStopTheRun() {
        assertThat(run(
                        "for (let i = 0; i < 5; i++) fetch(base + '/json').then(() => console.log('got', i))",
                        Budgets.DEFAULTS.withRequests(3)))
                .isEqualTo("BUDGET_EXCEEDED REQUESTS requests=4\ngot 0\ngot 1\ngot 2\n");
        assertThat(run(
                        "fetch(base + '/big').then(() => console.log('got'))",
                        Budgets.DEFAULTS.withRequestBytes(1 << 20)))
                .startsWith("BUDGET_EXCEEDED REQUEST_BYTES requests=1\n");
    }

    @Test
    void aMethodCannotSmuggleARequestLine() {
        assertThat(run(
                        "fetch(base + '/echo', { method: 'GET /json HTTP/1.1\\r\\nX: y' }).catch(e => console.log(e.message));"
                                + "fetch(base + '/echo', { method: 'CONNECT' }).catch(e => console.log(e.message))"))
                .isEqualTo("COMPLETED requests=0\nfetch failed: method GET /JSON HTTP/1.1\nX: Y is not allowed\n"
                        + "fetch failed: method CONNECT is not allowed\n");
    }

    @Test
    void anAbortedFetchRejects() {
        assertThat(run("""
                const c = new AbortController();
                fetch(base + '/json', { signal: c.signal }).catch(e => console.log(e.name));
                c.abort();
                """)).isEqualTo("COMPLETED requests=0\nAbortError\n");
    }

    @Test
    void forbiddenAddresses() throws Exception {
        for (String a : new String[] {
            "127.0.0.1",
            "10.0.0.1",
            "172.16.5.4",
            "192.168.0.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "224.0.0.1",
            "255.255.255.255",
            "::1",
            "::",
            "fe80::1",
            "fd12::1",
            "::ffff:127.0.0.1",
            "64:ff9b::a00:1",
            "2001:db8::1",
            "198.18.0.1"
        }) {
            assertThat(PublicAddresses.forbidden(InetAddress.getByName(a)))
                    .as(a)
                    .isTrue();
        }
        for (String a :
                new String[] {"93.184.216.34", "1.1.1.1", "2606:4700::1111", "172.32.0.1", "64:ff9b::5db8:d822"}) {
            assertThat(PublicAddresses.forbidden(InetAddress.getByName(a)))
                    .as(a)
                    .isFalse();
        }
    }

    @Test
    void anAddressTheOperatorTrustsIsReachedWhenItsHostIsAllowed() {
        int port = other.getAddress().getPort();
        String script =
                "fetch('http://127.0.0.1:" + port + "/').then(r => console.log(r.status), e => console.log(e.message))";
        JsSandboxImpl trusting = new JsSandboxImpl(Sandboxes.config(1, "127.0.0.1:" + port), Sandboxes::resolve);
        JsSandboxImpl otherPort = new JsSandboxImpl(Sandboxes.config(1, "127.0.0.1:" + (port + 1)), Sandboxes::resolve);
        try {
            for (JsSandboxImpl sandbox : new JsSandboxImpl[] {trusting, otherPort, Sandboxes.SANDBOX}) {
                Sandboxes.Recorder host = new Sandboxes.Recorder();
                sandbox.run(RunSpec.script("trusted", script)
                        .allowedDomains(Set.of("127.0.0.1"))
                        .host(host)
                        .build());
                String expected = sandbox == trusting
                        ? "^\\d{3}\n$"
                        : "^fetch failed: 127.0.0.1 resolves to a non-public address \\(127.0.0.1\\)\n$";
                assertThat(host.stdout()).matches(expected);
            }
        } finally {
            trusting.deactivate();
            otherPort.deactivate();
        }
    }

    @Test
    void trustedAddressesMustBeAddressesWithAPort() {
        for (String bad : new String[] {"vendor.example:80", "127.0.0.1", "127.0.0.1:x"}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> new JsSandboxImpl(Sandboxes.config(1, bad), Sandboxes::resolve))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void theInstanceIsReachedAtItsOwnAddress() {
        Sandboxes.Recorder host = new Sandboxes.Recorder();
        RunResult r = Sandboxes.SANDBOX.run(RunSpec.script(
                        "instance",
                        "fetch('http://alice.localhost:8080/json').then(r => r.json()).then(j => console.log(Object.keys(j)[0]))")
                .instance(URI.create("http://alice.localhost:8080/"), server.getAddress())
                .host(host)
                .build());
        assertThat(r.completed()).as(r.error()).isTrue();
        assertThat(host.stdout()).isEqualTo("caf\u00e9\n");
    }
}
