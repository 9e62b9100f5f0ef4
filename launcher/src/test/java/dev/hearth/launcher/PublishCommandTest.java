package dev.hearth.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code hearth apps publish} and {@code hearth registry add-editor} against a stand-in admin
 * endpoint: the slug comes from the archive's manifest, the archive is named by its file URL and
 * SHA-256, and the editor's token is printed. The registry ITs publish for real.
 */
class PublishCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<JsonNode> bodies = new CopyOnWriteArrayList<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private HttpServer server;
    private String url;

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + exchange.getRequestHeaders().getFirst("Content-Type"));
            byte[] in = exchange.getRequestBody().readAllBytes();
            String answer;
            if (exchange.getRequestURI().getPath().equals("/editors")) {
                answer = "{\"name\":\"acme\",\"token\":\"dG9rZW4=\"}";
            } else {
                JsonNode body = JSON.readTree(in);
                bodies.add(body);
                answer = "{\"version\":\"1.2.3\",\"sha256\":\""
                        + body.path("sha256").asText() + "\"}";
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(
                    exchange.getRequestURI().getPath().equals("/editors") ? 200 : 201, bytes.length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(bytes);
            }
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void publishNamesTheArchiveByItsUrlAndChecksum() throws Exception {
        Path zip = dir.resolve("notes.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new ZipEntry("notes/manifest.webapp"));
            z.write("{\"slug\":\"notes\",\"version\":\"1.2.3\",\"editor\":\"acme\"}".getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        int code = hearth("apps", "publish", zip.toString(), "--editor", "acme");
        assertThat(code).as(err.toString()).isZero();
        assertThat(requests).containsExactly("POST /registry/notes application/json");
        JsonNode body = bodies.get(0);
        assertThat(body.path("url").asText()).isEqualTo(zip.toUri().toString());
        assertThat(body.path("editor").asText()).isEqualTo("acme");
        assertThat(body.path("version").asText()).isEmpty();
        String sha =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(zip)));
        assertThat(body.path("sha256").asText()).isEqualTo(sha);
        assertThat(out.toString()).startsWith("Published notes 1.2.3 (" + sha + ")");
    }

    @Test
    void anArchiveWithoutManifestIsNotSent() throws Exception {
        Path zip = dir.resolve("empty.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new ZipEntry("index.html"));
            z.closeEntry();
        }
        assertThat(hearth("apps", "publish", zip.toString(), "--editor", "acme"))
                .isEqualTo(1);
        assertThat(err.toString()).contains("No manifest.webapp");
        assertThat(requests).isEmpty();
    }

    @Test
    void addEditorPrintsTheToken() {
        assertThat(hearth("registry", "add-editor", "acme")).as(err.toString()).isZero();
        assertThat(requests).containsExactly("POST /editors?Name=acme null");
        assertThat(out.toString().trim()).isEqualTo("dG9rZW4=");
    }

    private int hearth(String... args) {
        CommandLine cli = Main.commands();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--admin-url", url, "--admin-passphrase", "secret"));
        return cli.execute(all.toArray(String[]::new));
    }
}
