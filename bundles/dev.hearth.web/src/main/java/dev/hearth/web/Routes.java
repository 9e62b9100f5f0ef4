package dev.hearth.web;

import dev.hearth.common.error.StatusException;
import dev.hearth.web.internal.HostPreprocessor;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The route table of an HTTP area: method + path pattern ({@code /instances/:domain}) to handler.
 * Paths are split on raw slashes before decoding, so an encoded {@code %2F} stays inside its
 * segment. A trailing slash is ignored. Routes are tried in the order they were added; a last
 * segment {@code *name} takes the rest of the path.
 *
 * <p>On the public endpoint a table answers only requests whose host designates an instance (or
 * an app), and 404 {@value #INSTANCE_NOT_FOUND} to any other host, unless it was declared {@link
 * #anyHost()}.
 */
public final class Routes {

    /** Handles one matched request. */
    @FunctionalInterface
    public interface Handler {
        void handle(Call call) throws Exception;
    }

    private record Route(String method, String[] segments, Handler handler) {}

    /** The message of a request whose host designates no instance. */
    public static final String INSTANCE_NOT_FOUND = "Instance not found";

    private final List<Route> routes = new ArrayList<>();
    private final ErrorStyle style;
    private boolean anyHost;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public Routes(ErrorStyle style) {
        this.style = style;
    }

    public Routes get(String pattern, Handler handler) {
        return add("GET", pattern, handler);
    }

    public Routes post(String pattern, Handler handler) {
        return add("POST", pattern, handler);
    }

    public Routes put(String pattern, Handler handler) {
        return add("PUT", pattern, handler);
    }

    public Routes patch(String pattern, Handler handler) {
        return add("PATCH", pattern, handler);
    }

    public Routes delete(String pattern, Handler handler) {
        return add("DELETE", pattern, handler);
    }

    public Routes add(String method, String pattern, Handler handler) {
        String[] segments = split(pattern);
        if (segments.length > 0 && (segments[0].startsWith(":") || segments[0].startsWith("*"))) {
            throw new IllegalArgumentException("A route starts with a literal segment: " + pattern);
        }
        routes.add(new Route(method, segments, handler));
        return this;
    }

    /**
     * Adds the routes of another table (a {@link ContributedRoutes}); their errors are answered in
     * that table's style.
     */
    public Routes include(Routes other) {
        for (Route r : other.routes) {
            Handler handler = r.handler();
            ErrorStyle errors = other.style;
            routes.add(new Route(r.method(), r.segments(), call -> {
                try {
                    handler.handle(call);
                } catch (Exception | Error e) {
                    HttpErrors.write(call.request(), call.response(), e, errors);
                }
            }));
        }
        return this;
    }

    /** A header every answer of these routes carries, errors included ({@code Cache-Control}). */
    public Routes header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** Lets the routes answer on any host of the public endpoint, as {@code /status} does. */
    public Routes anyHost() {
        this.anyHost = true;
        return this;
    }

    /**
     * The whiteboard servlet patterns that cover these routes: for each route, its literal start
     * followed by {@code /*} ({@code /data/:doctype} gives {@code /data/*}), leaving out those
     * that another covers; {@code /} for the route {@code /}.
     */
    public Set<String> patterns() {
        Set<List<String>> starts = new LinkedHashSet<>();
        for (Route route : routes) {
            starts.add(literalStart(route.segments()));
        }
        Set<String> out = new LinkedHashSet<>();
        for (List<String> start : starts) {
            boolean covered = starts.stream()
                    .anyMatch(other -> !other.isEmpty()
                            && other.size() < start.size()
                            && start.subList(0, other.size()).equals(other));
            if (!covered) {
                out.add(start.isEmpty() ? "/" : "/" + String.join("/", start) + "/*");
            }
        }
        return out;
    }

    private static List<String> literalStart(String[] segments) {
        List<String> literal = new ArrayList<>();
        for (String s : segments) {
            if (s.startsWith(":") || s.startsWith("*")) {
                break;
            }
            literal.add(s);
        }
        return literal;
    }

    /**
     * Whether one of these routes has the request's path, whatever its method: when areas share a
     * servlet pattern, the request goes to the first one that has it.
     *
     * @since 1.1
     */
    public boolean hasPath(HttpServletRequest req) {
        String[] path = split(rawPath(req));
        for (Route route : routes) {
            if (matches(route.segments(), path)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code path} has the shape of {@code pattern}, as {@link #match} finds, without its parameters. */
    static boolean matches(String[] pattern, String[] path) {
        boolean rest = pattern.length > 0 && pattern[pattern.length - 1].startsWith("*");
        if (rest ? path.length < pattern.length : path.length != pattern.length) {
            return false;
        }
        for (int i = 0; i < pattern.length; i++) {
            String p = pattern[i];
            if (p.startsWith("*")) {
                return true;
            }
            if (p.startsWith(":") ? path[i].isEmpty() : !p.equals(path[i])) {
                return false;
            }
        }
        return true;
    }

    /** Dispatches the request to its route; every failure becomes an error response of this area's style. */
    public void serve(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!headers.isEmpty()) {
            headers.forEach(resp::setHeader);
        }
        try {
            dispatch(req, resp);
        } catch (Throwable e) {
            HttpErrors.write(req, resp, e, style);
        }
    }

    private void dispatch(HttpServletRequest req, HttpServletResponse resp) throws Exception {
        if (!anyHost && req.getAttribute(HostPreprocessor.UNKNOWN_HOST) != null) {
            HttpErrors.write(req, resp, StatusException.notFound(INSTANCE_NOT_FOUND), ErrorStyle.PLAIN);
            return;
        }
        String[] path = split(rawPath(req));
        String method = "HEAD".equals(req.getMethod()) ? "GET" : req.getMethod();
        Set<String> allowed = null; // made only for a path whose method is not served
        for (Route route : routes) {
            if (!matches(route.segments(), path)) {
                continue;
            }
            if (route.method().equals(method)) {
                Call call = new Call(req, resp, match(route.segments(), path));
                try {
                    route.handler().handle(call);
                } finally {
                    call.end();
                }
                return;
            }
            if (allowed == null) {
                allowed = new LinkedHashSet<>();
            }
            allowed.add(route.method());
        }
        if (allowed == null) {
            throw StatusException.notFound("Not Found");
        }
        resp.setHeader("Allow", String.join(", ", allowed));
        throw new StatusException(405, "Method Not Allowed");
    }

    static Map<String, String> match(String[] pattern, String[] path) {
        boolean rest = pattern.length > 0 && pattern[pattern.length - 1].startsWith("*");
        if (rest ? path.length < pattern.length : path.length != pattern.length) {
            return null;
        }
        for (int i = 0; i < pattern.length; i++) {
            String p = pattern[i];
            if (!p.startsWith(":") && !p.startsWith("*") && !p.equals(path[i])) {
                return null;
            }
        }
        Map<String, String> params = new HashMap<>(4);
        for (int i = 0; i < pattern.length; i++) {
            String p = pattern[i];
            if (p.startsWith("*")) {
                params.put(p.substring(1), String.join("/", Arrays.copyOfRange(path, i, path.length)));
                return params;
            }
            if (p.startsWith(":")) {
                if (path[i].isEmpty()) {
                    return null;
                }
                params.put(p.substring(1), path[i]);
            } else if (!p.equals(path[i])) {
                return null;
            }
        }
        return params;
    }

    /** The request path after the context path, still percent-encoded. */
    static String rawPath(HttpServletRequest req) {
        String uri = req.getRequestURI();
        String context = req.getContextPath();
        return context != null && !context.isEmpty() && uri.startsWith(context) ? uri.substring(context.length()) : uri;
    }

    /** Splits on raw slashes, drops the leading and trailing empty segments, decodes each segment. */
    static String[] split(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        if (trimmed.isEmpty()) {
            return new String[0];
        }
        String[] parts = trimmed.split("/", -1);
        for (int i = 0; i < parts.length; i++) {
            parts[i] = decode(parts[i]);
        }
        return parts;
    }

    private static String decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw StatusException.badRequest("Invalid percent-encoding in the path");
        }
    }
}
