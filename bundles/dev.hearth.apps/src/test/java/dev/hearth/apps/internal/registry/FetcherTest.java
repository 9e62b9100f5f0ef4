package dev.hearth.apps.internal.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.hearth.apps.internal.registry.DownloadException.Kind;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads over loopback: bounded in bytes and in time, checked, and nothing left on failure. */
class FetcherTest {
    private static final byte[] BODY = "an archive".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private HttpServer server;
    private Fetcher fetcher;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/ok", exchange -> {
            exchange.sendResponseHeaders(200, BODY.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(BODY);
            }
        });
        server.createContext("/chunked-large", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 64; i++) {
                    out.write(new byte[1024]);
                }
            } catch (IOException e) {
                // the client hung up, as it should
            }
        });
        server.createContext("/slow", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 100; i++) {
                    out.write('x');
                    out.flush();
                    Thread.sleep(100);
                }
            } catch (IOException | InterruptedException e) {
                // the client hung up, as it should
            }
        });
        server.createContext("/missing", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
        fetcher = new Fetcher(Duration.ofSeconds(2));
    }

    @AfterEach
    void stop() {
        fetcher.close();
        server.stop(0);
    }

    @Test
    void aDownloadWithItsChecksumIsKept() throws Exception {
        Path file = dir.resolve("ok");
        String sha = fetcher.download(url("/ok"), 1024, sha256(BODY), file);
        assertThat(sha).isEqualTo(sha256(BODY));
        assertThat(Files.readAllBytes(file)).isEqualTo(BODY);
    }

    @Test
    void anotherChecksumIsRefusedAndNothingIsLeft() {
        Path file = dir.resolve("bad");
        assertThatThrownBy(() -> fetcher.download(url("/ok"), 1024, "0".repeat(64), file))
                .isInstanceOfSatisfying(
                        DownloadException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CHECKSUM));
        assertThat(file).doesNotExist();
    }

    @Test
    void tooManyBytesAreRefusedWhetherDeclaredOrNot() {
        assertThatThrownBy(() -> fetcher.download(url("/ok"), 4, null, dir.resolve("declared")))
                .isInstanceOfSatisfying(
                        DownloadException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TOO_LARGE));
        assertThatThrownBy(() -> fetcher.download(url("/chunked-large"), 10_000, null, dir.resolve("chunked")))
                .isInstanceOfSatisfying(
                        DownloadException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TOO_LARGE));
        assertThat(dir.resolve("declared")).doesNotExist();
        assertThat(dir.resolve("chunked")).doesNotExist();
    }

    @Test
    void aServerThatSendsSlowlyIsCutOff() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> fetcher.download(url("/slow"), 10_000, null, dir.resolve("slow")))
                .isInstanceOfSatisfying(
                        DownloadException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TIMEOUT));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
        assertThat(dir.resolve("slow")).doesNotExist();
    }

    @Test
    void anotherStatusIsUnreachable() {
        assertThatThrownBy(() -> fetcher.download(url("/missing"), 1024, null, dir.resolve("missing")))
                .isInstanceOfSatisfying(
                        DownloadException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE));
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
