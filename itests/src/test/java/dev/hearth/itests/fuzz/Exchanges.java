package dev.hearth.itests.fuzz;

import dev.hearth.itests.Distribution;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Sends requests and judges the answers into the report: the corpus cases against their own
 * expectations, the generated requests against the {@link Oracle}, and the final checks that the
 * server lives and the canaries are intact.
 */
final class Exchanges {
    /** Jetty's own error pages carry this, Hearth's answers never: the request died before any route. */
    private static final String CONTAINER_CACHE_CONTROL = "must-revalidate,no-cache,no-store";

    private final FuzzTarget target;
    private final FuzzReport report;
    private final RawHttpClient publicClient;
    private final RawHttpClient adminClient;
    private final Oracle oracle = new Oracle();

    Exchanges(FuzzTarget target, FuzzReport report) {
        this.target = target;
        this.report = report;
        this.publicClient = new RawHttpClient(target.publicPort, HttpFuzzIT.TIMEOUT);
        this.adminClient = new RawHttpClient(target.adminPort, HttpFuzzIT.TIMEOUT);
    }

    RawResponse send(FuzzRequest request) {
        return (request.endpoint() == Route.Endpoint.PUBLIC ? publicClient : adminClient).exchange(request);
    }

    /** One generated request: sent, counted, judged. */
    void fuzz(FuzzRequest request, String caseId) {
        RawResponse response = send(request);
        report.sent(request.route().family());
        noteVictimGone(request, response);
        String problem = oracle.problem(request, response);
        if (problem != null) {
            boolean container = CONTAINER_CACHE_CONTROL.equals(response.header("Cache-Control"));
            FuzzRequest grouped = container
                    ? request.labelled(Mutations.ANY_ROUTE + ", answered by the HTTP container", request.mutation())
                    : request;
            report.fail(grouped, response, problem, caseId);
        }
    }

    /** Remembers that the victim was destroyed, so that later requests to its host expect no route. */
    private void noteVictimGone(FuzzRequest request, RawResponse response) {
        if (request.route().label().equals("admin DELETE /instances/:domain")
                && request.method().equals("DELETE")
                && response.status() / 100 == 2
                && request.target().contains(target.victim.substring(0, target.victim.indexOf(':')))) {
            target.victimGone = true;
        }
    }

    /** Replays every regression case; each must get one of its statuses and a JSON body. */
    void corpus(RegressionCorpus corpus) {
        for (RegressionCorpus.Case c : corpus.cases()) {
            RawResponse response = send(c.request());
            report.sent("corpus");
            String problem = oracle.problem(c.request(), response);
            if (problem == null && !c.expected().contains(response.status())) {
                problem = response.status() + " instead";
            }
            if (problem == null && response.status() != 204) {
                problem = Oracle.jsonProblem(response);
            }
            if (problem == null && c.check() != null) {
                problem = c.check().apply(response);
            }
            if (problem != null) {
                String expected = c.expected().size() == 1
                        ? c.expected().iterator().next().toString()
                        : c.expected().toString();
                report.fail(
                        c.request().labelled("corpus: " + c.name(), "corpus"),
                        response,
                        problem + " (must be " + expected + ")",
                        "corpus '" + c.name() + "'");
            }
        }
    }

    /** The server still runs and answers /status, and no canary changed. */
    void aliveAndIntact(Distribution server) throws IOException {
        if (!server.isAlive()) {
            report.fail("server", "the process died", "-", "log tail:\n" + tail(server.log()));
            return;
        }
        byte[] status = Wire.bytes("GET /status HTTP/1.1\r\nHost: " + target.domain + "\r\nConnection: close\r\n\r\n");
        RawResponse r = publicClient.exchange(status, false);
        if (r.status() != 200) {
            report.fail("GET /status", "not 200 after the fuzzing", "-", r.excerpt());
        }
        for (Map.Entry<String, String> canary : target.canaries.entrySet()) {
            String now = target.readCanary(canary.getKey());
            if (!now.equals(canary.getValue())) {
                report.fail(
                        "canary documents",
                        "a document written before the fuzzing changed",
                        "-",
                        canary.getKey() + " was " + canary.getValue() + "\n    is now " + now);
            }
        }
        if (server.log().contains("OutOfMemoryError")) {
            report.fail("server", "OutOfMemoryError in the log", "-", tail(server.log()));
        }
    }

    private static String tail(String log) {
        List<String> lines = log.lines().toList();
        return String.join("\n    ", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }
}
