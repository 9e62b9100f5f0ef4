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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The jobs commands against a stand-in server that records what it is sent: the token's scope is
 * what the command needs, the job goes to the instance's host with its arguments, and --wait polls
 * the job until it ends.
 */
class JobsCommandTest {
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final AtomicInteger polls = new AtomicInteger();
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

    private static String job(String state, String error) {
        return "{\"data\":{\"id\":\"j1\",\"attributes\":{\"worker\":\"log\",\"state\":\"" + state
                + "\",\"queued_at\":\"2026-01-01T00:00:00Z\"" + (error == null ? "" : ",\"error\":\"" + error + "\"")
                + "}}}";
    }

    private void answer(HttpExchange exchange) throws IOException {
        String target = exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null
                        ? ""
                        : "?" + exchange.getRequestURI().getRawQuery());
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(exchange.getRequestMethod() + " " + target + " host="
                + exchange.getRequestHeaders().getFirst("Host") + (body.isEmpty() ? "" : " body=" + body));
        if (target.startsWith("/instances/token")) {
            reply(exchange, 200, "cli-token\n");
        } else if (target.equals("/jobs/queue/log")
                && exchange.getRequestMethod().equals("POST")) {
            reply(exchange, 202, job("queued", null));
        } else if (target.equals("/jobs/j1")) {
            reply(exchange, 200, polls.incrementAndGet() < 2 ? job("running", null) : job("errored", "boom"));
        } else if (target.equals("/jobs/queue/log")) {
            reply(
                    exchange,
                    200,
                    "{\"data\":["
                            + job("queued", null)
                                    .substring(8, job("queued", null).length() - 1) + "],\"meta\":{\"count\":1}}");
        } else if (target.equals("/jobs/triggers")) {
            reply(
                    exchange,
                    200,
                    "{\"data\":[{\"id\":\"t1\",\"attributes\":{\"type\":\"@cron\",\"worker\":\"log\","
                            + "\"arguments\":\"0 0 * * * *\",\"current_state\":{\"status\":\"done\"}}}]}");
        } else {
            reply(exchange, 404, "{\"errors\":[{\"status\":\"404\",\"detail\":\"Unknown worker type: nope\"}]}");
        }
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
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--admin-url", url, "--public-url", url, "--admin-passphrase", "secret"));
        return cli.execute(all.toArray(String[]::new));
    }

    @Test
    void runQueuesWithATokenForThatWorkerOnlyAndWaitsForTheEnd() {
        int code = hearth("jobs", "run", "alice.localhost:8080", "log", "{\"a\":1}", "--wait");
        assertThat(code).as(err.toString()).isZero();
        assertThat(requests.get(0))
                .startsWith("POST /instances/token?Domain=alice.localhost%3A8080&Audience=cli"
                        + "&Scope=io.cozy.jobs%3APOST%3Alog%3Aworker%20io.cozy.jobs%3AGET ");
        assertThat(requests.get(1))
                .isEqualTo("POST /jobs/queue/log host=alice.localhost:8080"
                        + " body={\"data\":{\"attributes\":{\"arguments\":{\"a\":1}}}}");
        assertThat(out.toString()).contains("queued").contains("errored").contains("boom");
        assertThat(polls).hasValue(2);
    }

    @Test
    void lsAndTriggersPrintWhatTheInstanceAnswers() {
        assertThat(hearth("jobs", "ls", "alice.localhost:8080", "log")).isZero();
        assertThat(out.toString()).contains("j1").contains("1 queued");
        assertThat(hearth("jobs", "triggers", "alice.localhost:8080")).isZero();
        assertThat(out.toString()).contains("t1").contains("@cron").contains("0 0 * * * *");
    }

    @Test
    void badArgumentsAndRefusalsExitNonZero() {
        assertThat(hearth("jobs", "run", "alice.localhost:8080", "log", "[1]")).isEqualTo(1);
        assertThat(err.toString()).contains("must be a JSON object");
        assertThat(hearth("jobs", "run", "alice.localhost:8080", "nope")).isEqualTo(1);
        assertThat(err.toString()).contains("Error 404: Unknown worker type: nope");
    }
}
