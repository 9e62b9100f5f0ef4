package dev.hearth.js.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.net.PublicAddresses;
import dev.hearth.js.Budget;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The host side of a run's {@code fetch}: checks every URL (redirects included, followed here
 * one by one) against the {@link EgressPolicy}, charges the request budgets, bounds each
 * exchange by the host-call timeout, and keeps response bodies until the script reads them.
 */
final class Fetcher {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_REDIRECTS = 20;
    private static final Set<String> CREDENTIAL_HEADERS = Set.of("authorization", "cookie", "proxy-authorization");

    /** A request budget ran out: the run must stop. */
    static final class OverBudget extends Exception {
        private static final long serialVersionUID = 1L;
        final Budget budget;

        OverBudget(Budget budget, String message) {
            super(message);
            this.budget = budget;
        }
    }

    private final EgressPolicy policy;
    private final RunMeter meter;
    private final Map<Integer, byte[]> bodies = new HashMap<>();
    private int nextBody = 1;

    Fetcher(EgressPolicy policy, RunMeter meter) {
        this.policy = policy;
        this.meter = meter;
    }

    /** Fetches and answers JSON: {@code {status, statusText, url, redirected, headers, body}} or {@code {error}}. */
    String fetch(String method, String url, List<String[]> headers, byte[] body, String redirect) throws OverBudget {
        long deadline = System.nanoTime() + meter.budgets.hostCallTimeout().toNanos();
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return error("invalid URL " + url);
        }
        List<String[]> sent = new ArrayList<>(headers);
        String verb = method.toUpperCase(Locale.ROOT);
        if (!verb.matches("[A-Z]{1,16}") || verb.equals("CONNECT") || verb.equals("TRACE")) {
            return error("method " + verb + " is not allowed");
        }
        byte[] payload = body;
        for (int hop = 0; ; hop++) {
            EgressPolicy.Target target;
            try {
                target = policy.check(uri);
            } catch (EgressPolicy.Denied e) {
                return error(e.getMessage());
            }
            HttpExchange.Response r = exchange(target, verb, sent, payload, deadline);
            if (r == null) {
                return error("request to " + uri.getHost() + " timed out after "
                        + meter.budgets.hostCallTimeout().toMillis() + " ms");
            }
            String location = HttpExchange.header(r.headers(), "location");
            boolean isRedirect = r.status() >= 301
                    && r.status() <= 308
                    && r.status() != 304
                    && r.status() != 305
                    && r.status() != 306
                    && location != null;
            if (!isRedirect || redirect.equals("manual")) {
                return answer(r, uri, hop > 0);
            }
            if (redirect.equals("error")) {
                return error("redirect to " + location + " refused (redirect: error)");
            }
            if (hop >= MAX_REDIRECTS) {
                return error("too many redirects");
            }
            URI next;
            try {
                next = uri.resolve(new URI(location.strip()));
            } catch (URISyntaxException | IllegalArgumentException e) {
                return error("invalid redirect location " + location);
            }
            if (!sameOrigin(uri, next)) {
                sent.removeIf(kv -> CREDENTIAL_HEADERS.contains(kv[0].toLowerCase(Locale.ROOT)));
            }
            if (r.status() == 303 || ((r.status() == 301 || r.status() == 302) && verb.equals("POST"))) {
                verb = verb.equals("HEAD") ? "HEAD" : "GET";
                payload = new byte[0];
                sent.removeIf(kv -> kv[0].toLowerCase(Locale.ROOT).startsWith("content-"));
            }
            uri = next;
        }
    }

    private HttpExchange.Response exchange(
            EgressPolicy.Target target, String verb, List<String[]> headers, byte[] payload, long deadline)
            throws OverBudget {
        if (!meter.chargeRequest()) {
            throw new OverBudget(
                    Budget.REQUESTS, "request budget of " + meter.budgets.requests() + " requests exceeded");
        }
        if (!meter.chargeRequestBytes(payload.length)) {
            throw new OverBudget(Budget.REQUEST_BYTES, "request bytes budget exceeded");
        }
        try {
            HttpExchange.Response r =
                    HttpExchange.send(target, verb, headers, payload, deadline, meter.remainingRequestBytes());
            meter.chargeRequestBytes(r.body().length);
            return r;
        } catch (HttpExchange.TooLarge e) {
            throw new OverBudget(
                    Budget.REQUEST_BYTES,
                    "request bytes budget of " + meter.budgets.requestBytes() + " bytes exceeded");
        } catch (SocketTimeoutException e) {
            return null;
        } catch (IOException e) {
            return new HttpExchange.Response(
                    -1, e.getMessage() == null ? e.toString() : e.getMessage(), List.of(), new byte[0]);
        }
    }

    private String answer(HttpExchange.Response r, URI uri, boolean redirected) {
        if (r.status() < 0) {
            return error("request to " + uri.getHost() + " failed: " + r.reason());
        }
        int id = nextBody++;
        bodies.put(id, r.body());
        ObjectNode o = JSON.createObjectNode();
        o.put("status", r.status()).put("statusText", r.reason()).put("url", uri.toString());
        o.put("redirected", redirected).put("body", id);
        ArrayNode h = o.putArray("headers");
        for (String[] kv : r.headers()) {
            h.addArray().add(kv[0].toLowerCase(Locale.ROOT)).add(kv[1]);
        }
        return o.toString();
    }

    /** The body as text (charset of the content type, UTF-8 by default) or as a latin-1 byte string. */
    String body(int id, boolean binary, String contentType) {
        byte[] b = bodies.getOrDefault(id, new byte[0]);
        return new String(b, binary ? StandardCharsets.ISO_8859_1 : charset(contentType));
    }

    void release(int id) {
        bodies.remove(id);
    }

    private static Charset charset(String contentType) {
        if (contentType != null) {
            for (String part : contentType.split(";")) {
                String p = part.strip().toLowerCase(Locale.ROOT);
                if (p.startsWith("charset=")) {
                    try {
                        return Charset.forName(p.substring(8).replace("\"", ""));
                    } catch (RuntimeException e) {
                        return StandardCharsets.UTF_8;
                    }
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost() != null
                && a.getHost().equalsIgnoreCase(b.getHost())
                && PublicAddresses.port(a) == PublicAddresses.port(b);
    }

    private static String error(String message) {
        return JSON.createObjectNode().put("error", message).toString();
    }
}
