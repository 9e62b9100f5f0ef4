package dev.hearth.web;

import dev.hearth.common.error.StatusException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The route table of an HTTP area: method + path pattern ({@code /instances/:domain}) to handler.
 * Paths are split on raw slashes before decoding, so an encoded {@code %2F} stays inside its
 * segment. A trailing slash is ignored. Routes are tried in the order they were added.
 */
public final class Routes {

    /** Handles one matched request. */
    @FunctionalInterface
    public interface Handler {
        void handle(Call call) throws Exception;
    }

    private record Route(String method, String[] segments, Handler handler) {}

    private final List<Route> routes = new ArrayList<>();
    private final ErrorStyle style;

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
        routes.add(new Route(method, split(pattern), handler));
        return this;
    }

    /** Dispatches the request to its route; every failure becomes an error response of this area's style. */
    public void serve(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        try {
            dispatch(req, resp);
        } catch (Throwable e) {
            HttpErrors.write(req, resp, e, style);
        }
    }

    private void dispatch(HttpServletRequest req, HttpServletResponse resp) throws Exception {
        String[] path = split(rawPath(req));
        String method = "HEAD".equals(req.getMethod()) ? "GET" : req.getMethod();
        Set<String> allowed = new LinkedHashSet<>();
        for (Route route : routes) {
            Map<String, String> params = match(route.segments(), path);
            if (params == null) {
                continue;
            }
            if (route.method().equals(method)) {
                route.handler().handle(new Call(req, resp, params));
                return;
            }
            allowed.add(route.method());
        }
        if (allowed.isEmpty()) {
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
                params.put(p.substring(1), String.join("/", java.util.Arrays.copyOfRange(path, i, path.length)));
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
