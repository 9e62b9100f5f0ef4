package dev.hearth.itests.fuzz;

import java.util.ArrayList;
import java.util.List;

/** A request being generated: the parts the mutations edit before it is frozen into a {@link FuzzRequest}. */
final class Draft {
    final Route route;
    String label;
    String mutation = "none";
    String method;
    /** The path as wire segments, between slashes. */
    final List<String> segments = new ArrayList<>();

    boolean trailingSlash;
    /** Query parameters as wire name/value pairs. */
    final List<String[]> query = new ArrayList<>();
    /** When set, the whole query string as written, replacing {@link #query}. */
    String rawQuery;
    /** When set, the whole request target as written. */
    String rawTarget;

    String version = "HTTP/1.1";
    final List<Header> headers = new ArrayList<>();
    byte[] body = new byte[0];
    Framing framing = Framing.NONE;
    /** False once a mutation sends the request where no route of the catalog answers (another host). */
    boolean routed = true;

    Draft(Route route) {
        this.route = route;
        this.label = route.label();
        this.method = route.method();
    }

    void header(String name, String value) {
        headers.add(new Header(name, value));
    }

    void setHeader(String name, String value) {
        headers.removeIf(h -> h.is(name));
        if (value != null) {
            headers.add(new Header(name, value));
        }
    }

    String target() {
        if (rawTarget != null) {
            return rawTarget;
        }
        StringBuilder out = new StringBuilder();
        for (String segment : segments) {
            out.append('/').append(segment);
        }
        if (trailingSlash || segments.isEmpty()) {
            out.append('/');
        }
        String q = rawQuery;
        if (q == null && !query.isEmpty()) {
            List<String> pairs = new ArrayList<>();
            for (String[] p : query) {
                pairs.add(p[1] == null ? p[0] : p[0] + "=" + p[1]);
            }
            q = String.join("&", pairs);
        }
        return q == null ? out.toString() : out + "?" + q;
    }

    FuzzRequest freeze() {
        String target = target();
        // Another method may reach another route of the same path (POST /auth/login -> the GET page).
        boolean sameRoute = routed
                && (method.equals(route.method())
                        || method.equals("HEAD") && route.method().equals("GET"));
        // The console is the console whatever the method; elsewhere only errors must be JSON.
        Route.Kind kind = !routed
                ? Route.Kind.JSON
                : sameRoute || route.kind() == Route.Kind.CONSOLE
                        ? FuzzRequest.kindFor(route, target)
                        : Route.Kind.ELSEWHERE;
        return new FuzzRequest(
                route,
                kind,
                route.endpoint(),
                label,
                mutation,
                method,
                target,
                version,
                List.copyOf(headers),
                body,
                framing);
    }
}
