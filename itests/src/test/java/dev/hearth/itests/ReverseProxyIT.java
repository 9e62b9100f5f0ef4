package dev.hearth.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built distribution behind Debian's nginx on loopback, as an operator runs it: nginx (bound
 * to 127.0.0.2 towards Hearth, the only trusted proxy) says the client's address and
 * {@code https}; Hearth's cookies, redirects and login throttling follow what it says, and ignore
 * the same headers from anyone else.
 */
class ReverseProxyIT {
    private static final String PASSPHRASE = "correct horse battery staple";
    private static final String PROXY = "127.0.0.2";
    private static final Path NGINX = Path.of("/usr/sbin/nginx");

    @TempDir
    Path tmp;

    private Process nginx;

    @AfterEach
    void stopNginx() throws InterruptedException {
        if (nginx != null) {
            nginx.destroy();
            nginx.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void behindNginxCookiesRedirectsAndThrottlingFollowTheProxy() throws Exception {
        boolean required = "1".equals(System.getenv("HEARTH_E2E_REQUIRED"));
        assertThat(Files.isExecutable(NGINX) || !required)
                .as("nginx is required here (apt-get install nginx-light)")
                .isTrue();
        Assumptions.assumeTrue(
                Files.isExecutable(NGINX), "Debian's nginx is not installed: behind-a-proxy test not run");
        try (Distribution hearth = new Distribution(tmp.resolve("data"))) {
            hearth.start(Map.of(), 0, 0, "--trusted-proxies", PROXY);
            int proxyPort = Distribution.freePort();
            startNginx(proxyPort, hearth.publicPort());
            String domain = "proxied.localhost:" + proxyPort;
            Distribution.Result added = hearth.cli(
                    "instances",
                    "add",
                    domain,
                    "--passphrase",
                    PASSPHRASE,
                    "--admin-url",
                    hearth.adminUrl,
                    "--data-dir",
                    hearth.data.toString());
            assertThat(added.exitCode()).as(added.out()).isZero();
            String viaProxy = "http://127.0.0.1:" + proxyPort;

            Client alice = new Client("127.0.0.1", viaProxy, domain);
            HttpResponse<String> ok = alice.login(PASSPHRASE);
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(303);
            assertThat(ok.headers().firstValue("Location")).hasValue("https://" + domain + "/#=");
            assertThat(ok.headers().allValues("Set-Cookie"))
                    .filteredOn(c -> c.startsWith("cozysessid="))
                    .singleElement()
                    .asString()
                    .contains("; Secure");
            assertThat(ok.headers().firstValue("Strict-Transport-Security")).isPresent();

            assertThat(alice.failLogins(7))
                    .as("throttled by the forwarded address")
                    .containsExactly(401, 401, 401, 401, 401, 401, 429);
            Client bob = new Client("127.0.0.3", viaProxy, domain);
            assertThat(bob.failLogins(1))
                    .as("another client behind the same proxy is not")
                    .containsExactly(401);

            Client forger = new Client("127.0.0.4", hearth.publicUrl, domain);
            String wrong = forger.form("not the passphrase");
            List<Integer> forged = new ArrayList<>();
            for (int i = 1; i <= 7; i++) {
                forger.forwardedFor = "198.51.100." + i;
                forged.add(forger.post(wrong).statusCode());
            }
            assertThat(forged)
                    .as("X-Forwarded-For from a peer that is no trusted proxy is ignored")
                    .containsExactly(401, 401, 401, 401, 401, 401, 429);
            HttpResponse<String> direct = forger.get("/auth/login", "https");
            assertThat(direct.headers().firstValue("Strict-Transport-Security"))
                    .as("nor is X-Forwarded-Proto")
                    .isEmpty();

            List<Socket> waiting = new ArrayList<>();
            try {
                for (int i = 0; i < 50; i++) {
                    Socket socket = upgrade("127.0.0.1", proxyPort, domain);
                    waiting.add(socket);
                    assertThat(status(socket)).isEqualTo(101);
                }
                Socket over = upgrade("127.0.0.1", proxyPort, domain);
                waiting.add(over);
                assertThat(status(over))
                        .as("51 sockets waiting for AUTH from one forwarded client address")
                        .isEqualTo(429);
                Socket other = upgrade("127.0.0.3", proxyPort, domain);
                waiting.add(other);
                assertThat(status(other)).as("another client behind the proxy").isEqualTo(101);
            } finally {
                for (Socket socket : waiting) {
                    socket.close();
                }
            }
        }
    }

    /** A realtime websocket upgrade from a loopback address, left waiting for its AUTH. */
    private static Socket upgrade(String from, int port, String host) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(from, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        socket.setSoTimeout(30_000);
        String key = Base64.getEncoder().encodeToString("hearth-proxy-key".getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream()
                .write(("GET /realtime/ HTTP/1.1\r\nHost: " + host + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                                + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n"
                                + "Sec-WebSocket-Protocol: io.cozy.websocket\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
        return socket;
    }

    /** The status code of the response's first line. */
    private static int status(Socket socket) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = socket.getInputStream().read();
                c >= 0 && c != '\n';
                c = socket.getInputStream().read()) {
            line.append((char) c);
        }
        return Integer.parseInt(line.toString().split(" ")[1]);
    }

    private void startNginx(int port, int upstream) throws IOException, InterruptedException {
        Path prefix = Files.createDirectories(tmp.resolve("nginx"));
        String root = "root".equals(System.getProperty("user.name")) ? "user root;\n" : "";
        Files.writeString(prefix.resolve("nginx.conf"), root + """
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log;
                events { worker_connections 512; }
                http {
                    access_log off;
                    client_body_temp_path %1$s/body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    server {
                        listen 127.0.0.1:%2$d;
                        location / {
                            proxy_pass http://127.0.0.1:%3$d;
                            proxy_bind %4$s;
                            proxy_set_header Host $http_host;
                            proxy_set_header X-Forwarded-For $remote_addr;
                            proxy_set_header X-Forwarded-Proto https;
                            proxy_http_version 1.1;
                            proxy_set_header Upgrade $http_upgrade;
                            proxy_set_header Connection "upgrade";
                        }
                    }
                }
                """.formatted(prefix, port, upstream, PROXY));
        nginx = new ProcessBuilder(
                        NGINX.toString(),
                        "-p",
                        prefix.toString(),
                        "-c",
                        prefix.resolve("nginx.conf").toString(),
                        "-g",
                        "daemon off;")
                .redirectErrorStream(true)
                .redirectOutput(prefix.resolve("out.log").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!Files.exists(prefix.resolve("nginx.pid"))) {
            if (!nginx.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("nginx did not start: " + Files.readString(prefix.resolve("out.log"))
                        + (Files.exists(prefix.resolve("error.log"))
                                ? Files.readString(prefix.resolve("error.log"))
                                : ""));
            }
            Thread.sleep(50);
        }
    }

    /** A browser on one loopback address, keeping the login page's CSRF cookie. */
    private static final class Client {
        private final HttpClient http;
        private final String base;
        private final String host;
        private String csrf = "";
        String forwardedFor;

        Client(String address, String base, String host) throws IOException {
            this.http = HttpClient.newBuilder()
                    .localAddress(InetAddress.getByName(address))
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();
            this.base = base;
            this.host = host;
        }

        HttpResponse<String> get(String path, String forwardedProto) throws IOException, InterruptedException {
            HttpRequest.Builder r = request(path).GET();
            if (forwardedProto != null) {
                r.header("X-Forwarded-Proto", forwardedProto);
            }
            return send(r);
        }

        HttpResponse<String> login(String passphrase) throws IOException, InterruptedException {
            return post(form(passphrase));
        }

        /** The login form filled in as the page's script does, with its CSRF cookie kept. */
        String form(String passphrase) throws IOException, InterruptedException {
            HttpResponse<String> page = get("/auth/login", null);
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            page.headers().allValues("Set-Cookie").stream()
                    .filter(c -> c.startsWith("_csrf="))
                    .forEach(c -> csrf = c.split(";", 2)[0]);
            Map<String, String> form = WebClient.fields(page.body());
            form.put(
                    "passphrase",
                    WebClient.hash(
                            passphrase,
                            WebClient.attribute(page.body(), "data-salt"),
                            Integer.parseInt(WebClient.attribute(page.body(), "data-iterations"))));
            return WebClient.encode(form);
        }

        HttpResponse<String> post(String form) throws IOException, InterruptedException {
            return send(request("/auth/login")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)));
        }

        /** The statuses of {@code times} logins with a wrong passphrase, in a row. */
        List<Integer> failLogins(int times) throws IOException, InterruptedException {
            String wrong = form("not the passphrase");
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < times; i++) {
                statuses.add(post(wrong).statusCode());
            }
            return statuses;
        }

        private HttpRequest.Builder request(String path) {
            HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + path))
                    .header("Host", host)
                    .timeout(Duration.ofSeconds(30));
            if (!csrf.isEmpty()) {
                r.header("Cookie", csrf);
            }
            if (forwardedFor != null) {
                r.header("X-Forwarded-For", forwardedFor);
            }
            return r;
        }

        private HttpResponse<String> send(HttpRequest.Builder r) throws IOException, InterruptedException {
            return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
