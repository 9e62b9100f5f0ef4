package dev.hearth.itests.fuzz;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One request exactly as it goes on the wire, with what the oracle needs to judge its answer:
 * the route it was made for (null for route-less protocol cases), what kind of answer it must
 * get, and the one mutation applied to it, which the summary groups failures by.
 *
 * @param kind what the answer must be ({@link #kindFor}); JSON for requests that reach no route
 * @param label the route label failures are grouped under
 * @param mutation what was broken on purpose ({@code none} for a well-formed request)
 * @param target the request target, a wire string (it may hold any byte)
 * @param headers the header fields, wire strings, without the framing ones
 */
record FuzzRequest(
        Route route,
        Route.Kind kind,
        Route.Endpoint endpoint,
        String label,
        String mutation,
        String method,
        String target,
        String version,
        List<Header> headers,
        byte[] body,
        Framing framing) {

    /** The methods of RFC 9110; anything else may get 501 Not Implemented. */
    static final Set<String> KNOWN_METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");

    /** Every byte of the request: request line, headers, {@code Connection: close}, framed body. */
    byte[] wire() {
        Framing.Framed framed = framing.frame(body);
        StringBuilder head = new StringBuilder(256);
        head.append(method)
                .append(' ')
                .append(target)
                .append(version.isEmpty() ? "" : " " + version)
                .append(Wire.CRLF);
        List<Header> all = new ArrayList<>(headers);
        all.addAll(framed.headers());
        for (Header h : all) {
            head.append(h.name())
                    .append(h.value() == null ? "" : ": " + h.value())
                    .append(Wire.CRLF);
        }
        head.append("Connection: close").append(Wire.CRLF).append(Wire.CRLF);
        ByteArrayOutputStream out = new ByteArrayOutputStream(head.length() + framed.bytes().length);
        out.writeBytes(Wire.bytes(head.toString()));
        out.writeBytes(framed.bytes());
        return out.toByteArray();
    }

    boolean isHead() {
        return method.equals("HEAD");
    }

    /** The value of the first header with that name, or null. */
    String header(String name) {
        return headers.stream()
                .filter(h -> h.is(name))
                .map(Header::value)
                .findFirst()
                .orElse(null);
    }

    /** Whether a 501 is an allowed answer: an unknown method or transfer coding (RFC 9110 9.1, RFC 9112 6.1). */
    boolean allows501() {
        return !KNOWN_METHODS.contains(method) || framing == Framing.UNKNOWN_TRANSFER_CODING;
    }

    /** Whether a 505 is an allowed answer: the request line does not say HTTP/1.0 or HTTP/1.1. */
    boolean allows505() {
        // An empty target or one with spaces shifts the request line: the server reads no version.
        return !version.equals("HTTP/1.1") && !version.equals("HTTP/1.0") || target.isEmpty() || target.contains(" ");
    }

    /**
     * What the answer to a request for {@code route} with this target must be: the route's kind
     * while the target stays in the route's area (its first path segment once dot segments are
     * resolved as the server resolves them), {@link Route.Kind#ELSEWHERE} when a mutation took
     * it out.
     */
    static Route.Kind kindFor(Route route, String target) {
        String area = route.pattern().replaceFirst("^/", "").split("/", -1)[0];
        String first = firstSegment(target);
        return area.equals(first) ? route.kind() : Route.Kind.ELSEWHERE;
    }

    /** The first segment of the target's path after resolving dot segments, or null when unclear. */
    static String firstSegment(String target) {
        String path = target;
        if (path.startsWith("http://")) {
            int slash = path.indexOf('/', 7);
            path = slash < 0 ? "/" : path.substring(slash);
        }
        int query = path.indexOf('?');
        path = query < 0 ? path : path.substring(0, query);
        if (!path.startsWith("/")) {
            return null;
        }
        ArrayDeque<String> resolved = new ArrayDeque<>();
        String[] parts = path.substring(1).split("/", -1);
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].replaceAll("(?i)%2e", ".");
            int semi = p.indexOf(';');
            p = semi < 0 ? p : p.substring(0, semi);
            if (p.equals("..")) {
                resolved.pollLast();
            } else if (p.isEmpty() && i < parts.length - 1) {
                return null;
            } else if (!p.equals(".")) {
                resolved.addLast(p);
            }
        }
        return resolved.isEmpty() ? "" : resolved.peekFirst();
    }

    /** A copy with another label and mutation, for the corpus. */
    FuzzRequest labelled(String newLabel, String newMutation) {
        return new FuzzRequest(
                route, kind, endpoint, newLabel, newMutation, method, target, version, headers, body, framing);
    }

    /** The request as a report shows it: escaped bytes, long bodies cut. */
    String describe() {
        return Wire.escape(wire(), 1500);
    }

    @Override
    public String toString() {
        return method + " " + Wire.oneLine(Wire.bytes(target), 120) + " [" + mutation.toLowerCase(Locale.ROOT) + "]";
    }
}
