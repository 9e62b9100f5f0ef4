package dev.hearth.move.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.common.error.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RemoteTest {
    private static InetAddress ip(String s) throws UnknownHostException {
        return InetAddress.getByName(s);
    }

    @Test
    void nonPublicAddressesAreRefusedByDefault() {
        for (String a : new String[] {
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "0.0.0.0",
            "::1",
            "::",
            "fe80::1",
            "fd00::1",
            "::ffff:127.0.0.1",
            "100.64.0.1"
        }) {
            Egress e = new Egress(false, new String[0], h -> new InetAddress[] {ip(a)});
            assertThatThrownBy(() -> e.check(URI.create("http://evil.example/x"), "url"))
                    .as(a)
                    .isInstanceOfSatisfying(ApiException.class, x -> {
                        assertThat(x.status()).isEqualTo(422);
                        assertThat(x.detail()).contains("non-public");
                    });
        }
    }

    @Test
    void publicAddressesPassAndTheCheckedAddressIsTheOneConnected() throws IOException {
        AtomicInteger asked = new AtomicInteger();
        Egress e = new Egress(false, new String[0], h -> {
            asked.incrementAndGet();
            return new InetAddress[] {ip("93.184.216.34")};
        });
        Egress.Target t = e.check(URI.create("https://example.org:8443/a"), "url");
        assertThat(t.address().getAddress()).isEqualTo(ip("93.184.216.34"));
        assertThat(t.address().getPort()).isEqualTo(8443);
        assertThat(t.secure()).isTrue();
        assertThat(asked).hasValue(1);
    }

    @Test
    void oneNonPublicAddressInTheAnswerRefusesTheHost() {
        Egress e = new Egress(false, new String[0], h -> new InetAddress[] {ip("93.184.216.34"), ip("127.0.0.1")});
        assertThatThrownBy(() -> e.check(URI.create("http://mixed.example/"), "url"))
                .isInstanceOf(ApiException.class);
    }

    @Test
    void theOperatorCanAllowPrivateAddressesOrTrustHosts() {
        Egress.Resolver loop = h -> new InetAddress[] {ip("127.0.0.1")};
        assertThat(new Egress(true, new String[0], loop)
                        .check(URI.create("http://a.local:8080/"), "url")
                        .address()
                        .getPort())
                .isEqualTo(8080);
        Egress trusted = new Egress(false, new String[] {"a.local:8080", " B.local "}, loop);
        trusted.check(URI.create("http://a.local:8080/"), "url");
        trusted.check(URI.create("https://b.local/"), "url");
        assertThatThrownBy(() -> trusted.check(URI.create("http://a.local:9090/"), "url"))
                .isInstanceOf(ApiException.class);
    }

    @Test
    void otherSchemesAndCredentialsAreRefused() {
        Egress e = new Egress(true, new String[0], h -> new InetAddress[] {ip("127.0.0.1")});
        assertThatThrownBy(() -> e.check(URI.create("file:///etc/passwd"), "url"))
                .isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> e.check(URI.create("http://u:p@a.local/"), "url"))
                .isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> new Remote(e).base("ftp://a.local", "target_url"))
                .isInstanceOf(ApiException.class);
    }

    @Test
    void postsAndDownloadsOverTheCheckedAddress() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, ip("127.0.0.1"))) {
            String[] answers = {
                "HTTP/1.1 201 Created\r\nContent-Length: 5\r\n\r\nhello",
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n4;x=y\r\ndefg\r\n0\r\nT: 1\r\n\r\n",
                "HTTP/1.1 302 Found\r\nLocation: http://elsewhere/\r\nContent-Length: 0\r\n\r\n"
            };
            String[] requests = new String[answers.length];
            Thread t = Thread.ofVirtual().start(() -> {
                for (int i = 0; i < answers.length; i++) {
                    try (Socket s = server.accept()) {
                        InputStream in = s.getInputStream();
                        StringBuilder head = new StringBuilder();
                        while (!head.toString().endsWith("\r\n\r\n")) {
                            head.append((char) in.read());
                        }
                        requests[i] = head.toString();
                        int cl = head.indexOf("Content-Length: ");
                        if (cl >= 0) {
                            int n = Integer.parseInt(head.substring(cl + 16, head.indexOf("\r\n", cl)));
                            requests[i] += new String(in.readNBytes(n), StandardCharsets.UTF_8);
                        }
                        OutputStream out = s.getOutputStream();
                        out.write(answers[i].getBytes(StandardCharsets.ISO_8859_1));
                        out.flush();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            });
            // The host name resolves to the server's address once; the request keeps the name.
            Remote r = new Remote(
                    new Egress(false, new String[] {"mover.test"}, h -> new InetAddress[] {ip("127.0.0.1")}));
            String base = "http://mover.test:" + server.getLocalPort();
            Remote.Answer a = r.post(base + "/move/imports?x=1", "tok", "{\"a\":1}");
            assertThat(a.status()).isEqualTo(201);
            assertThat(a.body()).isEqualTo("hello");
            assertThat(requests[0])
                    .startsWith("POST /move/imports?x=1 HTTP/1.1\r\n")
                    .contains("Host: mover.test:" + server.getLocalPort() + "\r\n")
                    .contains("Authorization: Bearer tok\r\n")
                    .endsWith("{\"a\":1}");
            try (InputStream in = r.download(base + "/data")) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                        .isEqualTo("abcdefg");
            }
            assertThatThrownBy(() -> r.download(base + "/redirect"))
                    .isInstanceOfSatisfying(
                            ApiException.class, x -> assertThat(x.status()).isEqualTo(502));
            t.join();
        }
    }
}
