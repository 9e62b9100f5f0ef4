package dev.hearth.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code instances export|import} against a stand-in admin API: the export is asked for, downloaded
 * into the file and deleted on the server; the import sends the file's bytes; refusals exit with 1
 * and leave no file behind.
 */
class InstancesMoveCommandsTest {
    private static final byte[] ARCHIVE = "a tar archive".repeat(1000).getBytes(StandardCharsets.US_ASCII);

    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private volatile byte[] uploaded = new byte[0];
    private volatile boolean refuseImport;
    private HttpServer server;
    private String url;

    @TempDir
    Path dir;

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String target = exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null
                        ? ""
                        : "?" + exchange.getRequestURI().getRawQuery());
        byte[] body = exchange.getRequestBody().readAllBytes();
        requests.add(exchange.getRequestMethod() + " " + target);
        String method = exchange.getRequestMethod();
        if (method.equals("POST") && target.startsWith("/instances/alice.localhost%3A8080/export")) {
            reply(
                    exchange,
                    202,
                    "{\"data\":{\"id\":\"e1\",\"attributes\":{\"state\":\"exporting\"}}}"
                            .getBytes(StandardCharsets.UTF_8));
        } else if (method.equals("GET") && target.equals("/instances/alice.localhost%3A8080/exports/e1")) {
            reply(
                    exchange,
                    200,
                    ("{\"data\":{\"id\":\"e1\",\"attributes\":{\"state\":\"done\",\"documents\":12,"
                                    + "\"files\":3,\"parts\":[{},{}]}}}")
                            .getBytes(StandardCharsets.UTF_8));
        } else if (target.equals("/instances/alice.localhost%3A8080/exports/e1/data")) {
            reply(exchange, 200, ARCHIVE);
        } else if (method.equals("DELETE") && target.equals("/instances/alice.localhost%3A8080/exports/e1")) {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        } else if (target.equals("/instances/bob.localhost%3A8080/import") && !refuseImport) {
            uploaded = body;
            reply(
                    exchange,
                    200,
                    "{\"documents\":12,\"files\":3,\"bytes\":99,\"apps\":[\"webapp/notes\"],\"skipped\":[]}"
                            .getBytes(StandardCharsets.UTF_8));
        } else if (target.endsWith("/import")) {
            reply(
                    exchange,
                    409,
                    "{\"errors\":[{\"status\":\"409\",\"detail\":\"The instance is not empty\"}]}"
                            .getBytes(StandardCharsets.UTF_8));
        } else {
            reply(
                    exchange,
                    404,
                    "{\"errors\":[{\"status\":\"404\",\"detail\":\"Instance not found\"}]}"
                            .getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void reply(HttpExchange exchange, int status, byte[] bytes) throws IOException {
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private int hearth(String... args) {
        CommandLine cli = Main.commands();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--admin-url", url, "--admin-passphrase", "secret"));
        return cli.execute(all.toArray(String[]::new));
    }

    @Test
    void exportWritesTheArchiveAndDeletesItOnTheServer() throws IOException {
        Path file = dir.resolve("alice.tar");
        assertThat(hearth("instances", "export", "alice.localhost:8080", file.toString(), "--parts-size", "2048"))
                .as(err.toString())
                .isZero();
        assertThat(Files.readAllBytes(file)).isEqualTo(ARCHIVE);
        assertThat(requests)
                .containsExactly(
                        "POST /instances/alice.localhost%3A8080/export?PartsSize=2048",
                        "GET /instances/alice.localhost%3A8080/exports/e1",
                        "GET /instances/alice.localhost%3A8080/exports/e1/data",
                        "DELETE /instances/alice.localhost%3A8080/exports/e1");
        assertThat(out.toString()).contains("12 documents", "3 files", "2 parts");
    }

    @Test
    void anExportThatFailsLeavesNoFile() {
        Path file = dir.resolve("nobody.tar");
        assertThat(hearth("instances", "export", "nobody.localhost:8080", file.toString()))
                .isEqualTo(1);
        assertThat(err.toString()).contains("Error 404: Instance not found");
        assertThat(file).doesNotExist();
    }

    @Test
    void importSendsTheFileAndSaysWhatWasImported() throws IOException {
        Path file = Files.write(dir.resolve("alice.tar"), ARCHIVE);
        assertThat(hearth("instances", "import", "bob.localhost:8080", file.toString()))
                .as(err.toString())
                .isZero();
        assertThat(Arrays.equals(uploaded, ARCHIVE)).isTrue();
        assertThat(out.toString()).contains("12 documents", "3 files", "webapp/notes");
        refuseImport = true;
        assertThat(hearth("instances", "import", "bob.localhost:8080", file.toString()))
                .isEqualTo(1);
        assertThat(err.toString()).contains("Error 409: The instance is not empty");
        assertThat(hearth(
                        "instances",
                        "import",
                        "bob.localhost:8080",
                        dir.resolve("missing.tar").toString()))
                .isEqualTo(1);
        assertThat(err.toString()).contains("No such file");
    }
}
