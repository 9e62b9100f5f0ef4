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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The apps commands against a stand-in server that records what it is sent: the token comes from
 * the admin API, the instance is called under its own host name with it, lists are followed page
 * by page, and errors print the server's detail. The distribution tests run them for real.
 */
class AppsCommandTest {
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private HttpServer server;
    private String url;

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
        String line = exchange.getRequestMethod() + " " + target + " host="
                + exchange.getRequestHeaders().getFirst("Host") + " auth="
                + exchange.getRequestHeaders().getFirst("Authorization");
        requests.add(line);
        if (target.startsWith("/instances/token")) {
            reply(exchange, 200, "cli-token\n");
        } else if (target.equals("/apps")) {
            reply(exchange, 200, page("notes", "1.0.0", "\"next\":\"/apps?page[limit]=1&page[skip]=1\""));
        } else if (target.equals("/apps?page%5Blimit%5D=1&page%5Bskip%5D=1")) {
            reply(exchange, 200, page("drive", "2.1.0", "\"self\":\"/apps\""));
        } else if (exchange.getRequestMethod().equals("POST")) {
            reply(
                    exchange,
                    202,
                    "{\"data\":{\"attributes\":{\"slug\":\"notes\",\"version\":\"1.0.0\",\"state\":\"ready\"}}}");
        } else {
            reply(
                    exchange,
                    404,
                    "{\"errors\":[{\"status\":\"404\",\"title\":\"Not Found\","
                            + "\"detail\":\"Application is not installed\"}]}");
        }
    }

    private static String page(String slug, String version, String links) {
        return "{\"data\":[{\"attributes\":{\"slug\":\"" + slug + "\",\"version\":\"" + version
                + "\",\"state\":\"ready\"}}],\"links\":{" + links + "}}";
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private int hearth(String... args) {
        CommandLine cli = Main.commands();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private String[] with(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--admin-url", url, "--public-url", url, "--admin-passphrase", "secret"));
        return all.toArray(String[]::new);
    }

    @Test
    void aPathBecomesAnAbsoluteFileUriAndAUriStaysAsItIs() {
        assertThat(AppsCommand.source("notes.tar.gz"))
                .isEqualTo(Path.of("notes.tar.gz").toAbsolutePath().toUri().toString())
                .startsWith("file:///");
        assertThat(AppsCommand.source("/srv/my apps/../notes.zip")).isEqualTo("file:///srv/notes.zip");
        assertThat(AppsCommand.source("registry://notes/beta")).isEqualTo("registry://notes/beta");
        assertThat(AppsCommand.source("file:///srv/notes.tgz")).isEqualTo("file:///srv/notes.tgz");
    }

    @Test
    void installMintsACliTokenAndCallsTheInstanceUnderItsHostName() {
        int code = hearth(with("apps", "install", "alice.localhost:8080", "notes", "/srv/notes.tar.gz"));

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).isEqualTo("Installed notes 1.0.0 (ready)" + System.lineSeparator());
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0))
                .startsWith("POST /instances/token?Domain=alice.localhost%3A8080&Audience=cli&Scope=io.cozy.apps ")
                .contains("auth=Basic ");
        assertThat(requests.get(1))
                .isEqualTo("POST /apps/notes?Source=file%3A%2F%2F%2Fsrv%2Fnotes.tar.gz host=alice.localhost:8080"
                        + " auth=Bearer cli-token");
    }

    @Test
    void lsFollowsEveryPage() {
        int code = hearth(with("apps", "ls", "alice.localhost:8080"));

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString().lines().map(String::strip))
                .containsExactly(
                        "notes                          1.0.0            ready",
                        "drive                          2.1.0            ready");
    }

    @Test
    void anErrorPrintsTheServersDetailAndExitsNonZero() {
        int code = hearth(with("konnectors", "rm", "alice.localhost:8080", "nope"));

        assertThat(code).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("Error 404: Application is not installed");
        assertThat(requests.get(0)).contains("Scope=io.cozy.konnectors");
        assertThat(requests.get(1)).startsWith("DELETE /konnectors/nope host=alice.localhost:8080");
    }

    @Test
    void missingArgumentsAreAUsageError() {
        assertThat(hearth("apps", "install", "alice.localhost:8080")).isEqualTo(2);
        assertThat(hearth("konnectors", "--help")).isZero();
        assertThat(out.toString()).contains("install", "update", "rm", "ls");
    }
}
