package dev.hearth.web.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a trusted proxy says of the original request: the client address, the scheme and the
 * host. {@code Forwarded} (RFC 7239) is read when present, else {@code X-Forwarded-For},
 * {@code -Proto}, {@code -Host} and {@code -Port}. The client is the rightmost address of the
 * chain that is not itself a trusted proxy (the leftmost ones are whatever the client wrote).
 */
record ForwardedHeaders(String client, String scheme, String host, int port) {
    private static final Pattern HOST =
            Pattern.compile("[A-Za-z0-9.-]{1,253}(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]+\\](:[0-9]{1,5})?");

    /** The forwarded view of {@code req}, whose peer is a trusted proxy; nulls where nothing was said. */
    static ForwardedHeaders of(HttpServletRequest req, TrustedProxies proxies) {
        List<String> forwarded = values(req, "Forwarded");
        List<String> chain = new ArrayList<>();
        String proto;
        String host;
        if (!forwarded.isEmpty()) {
            List<Map<String, String>> elements =
                    forwarded.stream().map(ForwardedHeaders::pairs).toList();
            elements.forEach(e -> chain.add(address(e.get("for"))));
            proto = elements.getFirst().get("proto");
            host = elements.getFirst().get("host");
        } else {
            values(req, "X-Forwarded-For").forEach(v -> chain.add(address(v)));
            proto = first(values(req, "X-Forwarded-Proto"));
            host = first(values(req, "X-Forwarded-Host"));
        }
        String scheme = proto == null ? null : proto.toLowerCase(Locale.ROOT);
        if (scheme != null && !scheme.equals("http") && !scheme.equals("https")) {
            scheme = null;
        }
        if (host != null && !HOST.matcher(host).matches()) {
            host = null;
        }
        int port = port(host, first(values(req, "X-Forwarded-Port")), scheme);
        return new ForwardedHeaders(client(chain, req.getRemoteAddr(), proxies), scheme, host, port);
    }

    private static String client(List<String> chain, String peer, TrustedProxies proxies) {
        String client = peer;
        for (int i = chain.size() - 1; i >= 0 && proxies.trusts(client); i--) {
            String hop = chain.get(i);
            if (TrustedProxies.literal(hop).length == 0) {
                break;
            }
            client = hop;
        }
        return client;
    }

    private static int port(String host, String forwardedPort, String scheme) {
        if (host != null && host.matches(".*:[0-9]+")) {
            return Integer.parseInt(host.substring(host.lastIndexOf(':') + 1));
        }
        if (forwardedPort != null && forwardedPort.matches("[0-9]{1,5}")) {
            return Integer.parseInt(forwardedPort);
        }
        if (scheme != null) {
            return scheme.equals("https") ? 443 : 80;
        }
        return -1;
    }

    /** Every comma-separated value of every occurrence of the header, trimmed, in order. */
    private static List<String> values(HttpServletRequest req, String name) {
        List<String> values = new ArrayList<>();
        for (String header : Collections.list(req.getHeaders(name))) {
            for (String part : header.split(",")) {
                if (!part.isBlank()) {
                    values.add(part.strip());
                }
            }
        }
        return values;
    }

    private static String first(List<String> values) {
        return values.isEmpty() ? null : values.getFirst();
    }

    /** The pairs of one {@code Forwarded} element: {@code for=1.2.3.4;proto=https}. */
    private static Map<String, String> pairs(String element) {
        Map<String, String> pairs = new HashMap<>();
        for (String pair : element.split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                String value = pair.substring(eq + 1).strip();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                pairs.putIfAbsent(pair.substring(0, eq).strip().toLowerCase(Locale.ROOT), value);
            }
        }
        return pairs;
    }

    /** The address of a {@code for} value, without port or IPv6 brackets. */
    private static String address(String value) {
        if (value == null) {
            return "";
        }
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            return end > 0 ? value.substring(1, end) : "";
        }
        int colon = value.indexOf(':');
        return colon > 0 && value.indexOf(':', colon + 1) < 0 ? value.substring(0, colon) : value;
    }
}
