package dev.hearth.itests.fuzz;

import java.util.List;

/**
 * One route of the server as the fuzzer sees it: where it is, what it answers, what body and
 * query parameters it reads.
 *
 * @param pattern the path with {@code :name} parameters, as in the server's route tables
 * @param family the group the summary counts requests by
 * @param query the query parameters the route reads, which the generator fills and mutates
 */
record Route(
        Endpoint endpoint, String method, String pattern, String family, Kind kind, BodyKind body, List<String> query) {

    /** The two listeners of the server. */
    enum Endpoint {
        PUBLIC,
        ADMIN
    }

    /** What a route answers, which decides what the oracle demands of its responses. */
    enum Kind {
        /** JSON; errors in JSON, or HTML/text when the client asks for them (cozy-api.md 1.6). */
        JSON,
        /** {@code /data}: CouchDB-style JSON, errors included, whatever the Accept header says. */
        COUCH,
        /** An HTML page or a static asset of the pages. */
        PAGE,
        /** A browser form post: the page again (HTML) unless the client asks for JSON. */
        FORM,
        /** A token as text/plain on success ({@code POST /instances/token}); errors in JSON. */
        TOKEN,
        /** The Felix Web Console: HTML of its own. */
        CONSOLE,
        /**
         * A mutated path that left the route's area (dot segments, another case): whatever answers
         * there may answer anything, but its errors must still be JSON (negotiated as for JSON).
         */
        ELSEWHERE
    }

    /** The label of the route in the summary, e.g. {@code GET /data/:doctype/_find}. */
    String label() {
        return (endpoint == Endpoint.ADMIN ? "admin " : "") + method + " " + pattern;
    }
}
