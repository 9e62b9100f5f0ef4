package dev.hearth.itests.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Requests that broke the server once, replayed before any fuzzing with the exact answer they
 * must get. Each case holds its own expectation, stricter than the oracle's: the status, and a
 * JSON body. A case found by the fuzzer that gets fixed belongs here.
 */
final class RegressionCorpus {
    /** A request, the statuses it may get, and an extra check of the answer (null: fine). */
    record Case(String name, FuzzRequest request, Set<Integer> expected, Function<RawResponse, String> check) {}

    private static final String DATA = "/data/io.cozy.x";
    /** Larger than any header limit worth having (Jetty's is 16 KB), and over 8 KB as the contract asks. */
    static final int OVERSIZED_HEADER = 20 * 1024;

    static final int HUGE_FORM = 20 * 1024 * 1024;

    private final FuzzTarget target;

    RegressionCorpus(FuzzTarget target) {
        this.target = target;
    }

    List<Case> cases() {
        List<Case> c = new ArrayList<>();
        c.add(data("invalid UTF-8 query parameter name", "GET", DATA + "/_all_docs?%ff=%ff", 400));
        c.add(data("invalid UTF-8 in a JSON start_key", "GET", DATA + "/_all_docs?start_key=%22%ff%22", 400));
        c.add(data("NUL and invalid UTF-8 in a bookmark", "GET", DATA + "/_normal_docs?bookmark=%00%ff", 400));
        c.add(data("invalid UTF-8 in since", "GET", DATA + "/_changes?since=1-%ff", 400));
        c.add(new Case(
                "invalid UTF-8 in the admin Domain parameter",
                admin("POST", "/instances?Domain=%ff.localhost"),
                Set.of(400),
                null));
        c.add(new Case(
                "a console status page with a trailing slash: the plugin sends 404 after taking the writer",
                admin("GET", "/system/console/status-Bundlelist/"),
                Set.of(404),
                null));
        c.add(framed("chunk size zz", Framing.CHUNK_SIZE_NOT_HEX));
        c.add(framed("chunk size ffffffffffffffff", Framing.CHUNK_SIZE_OVERFLOW));
        byte[] form = new byte[HUGE_FORM];
        Arrays.fill(form, (byte) 'a');
        System.arraycopy("passphrase=".getBytes(StandardCharsets.US_ASCII), 0, form, 0, 11);
        c.add(new Case(
                "20 MB urlencoded login form",
                request(
                        Route.Endpoint.PUBLIC,
                        "POST",
                        "/auth/login",
                        form,
                        "application/x-www-form-urlencoded",
                        Framing.CONTENT_LENGTH),
                Set.of(413),
                null));
        c.add(json(
                "index field name of 50,001 characters",
                "POST",
                "/data/" + FuzzTarget.INDEX_DOCTYPE + "/_index",
                "{\"index\":{\"fields\":[\"" + "f".repeat(50_001) + "\"]}}",
                400));
        c.add(json(
                "index field a.b..c",
                "POST",
                "/data/" + FuzzTarget.INDEX_DOCTYPE + "/_index",
                "{\"index\":{\"fields\":[\"a.b..c\"]}}",
                400));
        c.add(json(
                "a write after the refused indexes",
                "POST",
                "/data/" + FuzzTarget.INDEX_DOCTYPE + "/",
                "{\"a\":{\"b\":1}}",
                201));
        c.add(data("%00 in the path", "GET", DATA + "/%00", 400));
        c.add(data("invalid UTF-8 in the path", "GET", DATA + "/%ff%fe", 400));
        c.add(new Case(
                "a Host header with a space",
                withHost(data("", "GET", "/status", 400).request(), "a b"),
                Set.of(400),
                null));
        FuzzRequest big = data("", "GET", "/status", 431).request();
        List<Header> headers = new ArrayList<>(big.headers());
        headers.add(new Header("X-Big", "b".repeat(OVERSIZED_HEADER)));
        c.add(new Case("a 20 KB header", copy(big, headers, big.version()), Set.of(431), null));
        c.add(new Case(
                "an HTTP/3.0 request line", copy(big, big.headers().subList(0, 2), "HTTP/3.0"), Set.of(505), null));
        for (String segment : List.of("..;", "%ff%fe", "%c0%ae%c0%ae%2f")) {
            c.add(json("PUT " + segment, "PUT", DATA + "/" + segment, "{\"a\":1}", 400));
            c.add(data("DELETE " + segment, "DELETE", DATA + "/" + segment + "?rev=1-abc", 400));
        }
        c.add(json("1e999999 in a new document", "POST", DATA + "/", "{\"a\":1e999999}", 400));
        c.add(json("1e999999 in a document put", "PUT", DATA + "/infinite", "{\"a\":1e999999}", 400));
        c.add(json("_changes filter _doc_ids with body {", "POST", DATA + "/_changes?filter=_doc_ids", "{", 400));
        c.add(new Case(
                "_bulk_docs with _id NUL",
                json("", "POST", DATA + "/_bulk_docs", "{\"docs\":[{\"_id\":\"\\u0000\",\"a\":1}]}", 400)
                        .request(),
                Set.of(400, 201),
                RegressionCorpus::nulIdRefused));
        return c;
    }

    /** A 201 to the NUL id is acceptable only if its row is an error. */
    private static String nulIdRefused(RawResponse r) {
        if (r.status() == 201 && !r.bodyText().contains("\"error\"")) {
            return "201 with the NUL _id accepted";
        }
        return null;
    }

    private Case data(String name, String method, String target, int expected) {
        return new Case(
                name,
                request(Route.Endpoint.PUBLIC, method, target, new byte[0], null, Framing.NONE),
                Set.of(expected),
                null);
    }

    private Case json(String name, String method, String target, String body, int expected) {
        return new Case(
                name,
                request(
                        Route.Endpoint.PUBLIC,
                        method,
                        target,
                        body.getBytes(StandardCharsets.UTF_8),
                        "application/json",
                        Framing.CONTENT_LENGTH),
                Set.of(expected),
                null);
    }

    private Case framed(String name, Framing framing) {
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        return new Case(
                name,
                request(Route.Endpoint.PUBLIC, "POST", DATA + "/", body, "application/json", framing),
                Set.of(400),
                null);
    }

    private FuzzRequest admin(String method, String pathAndQuery) {
        return request(Route.Endpoint.ADMIN, method, pathAndQuery, new byte[0], null, Framing.NONE);
    }

    /** A request with the right Host and credentials for its endpoint, asking for JSON. */
    private FuzzRequest request(
            Route.Endpoint endpoint, String method, String path, byte[] body, String type, Framing framing) {
        List<Header> headers = new ArrayList<>();
        if (endpoint == Route.Endpoint.PUBLIC) {
            headers.add(new Header("Host", target.domain));
            headers.add(new Header("Accept", "application/json"));
            headers.add(new Header("Authorization", "Bearer " + target.cliToken));
        } else {
            headers.add(new Header("Host", "127.0.0.1:" + target.adminPort));
            headers.add(new Header("Accept", "application/json"));
            headers.add(new Header(
                    "Authorization",
                    "Basic "
                            + Base64.getEncoder()
                                    .encodeToString(("admin:" + FuzzTarget.ADMIN_PASSPHRASE)
                                            .getBytes(StandardCharsets.UTF_8))));
        }
        if (type != null) {
            headers.add(new Header("Content-Type", type));
        }
        return new FuzzRequest(
                null,
                Route.Kind.JSON,
                endpoint,
                method + " " + path,
                "none",
                method,
                path,
                "HTTP/1.1",
                headers,
                body,
                framing);
    }

    private static FuzzRequest withHost(FuzzRequest r, String host) {
        List<Header> headers = new ArrayList<>(r.headers());
        headers.set(0, new Header("Host", host));
        return copy(r, headers, r.version());
    }

    private static FuzzRequest copy(FuzzRequest r, List<Header> headers, String version) {
        return new FuzzRequest(
                r.route(),
                r.kind(),
                r.endpoint(),
                r.label(),
                r.mutation(),
                r.method(),
                r.target(),
                version,
                List.copyOf(headers),
                r.body(),
                r.framing());
    }
}
