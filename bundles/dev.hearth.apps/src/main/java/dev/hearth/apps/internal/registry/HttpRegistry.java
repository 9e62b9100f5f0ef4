package dev.hearth.apps.internal.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.apps.registry.RegistryAnswer;
import dev.hearth.common.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A registry over HTTP that speaks cozy-apps-registry's API: {@code <base>/registry/...}, where
 * the base may name a space ({@code https://registry.example/myspace/}).
 */
final class HttpRegistry {
    /** What one JSON answer or asset of a registry may weigh. */
    static final long MAX_ANSWER = 8L << 20;

    private final String base;
    private final Fetcher fetcher;

    HttpRegistry(String base, Fetcher fetcher) {
        this.base = base.endsWith("/") ? base : base + "/";
        this.fetcher = fetcher;
    }

    String base() {
        return base;
    }

    /** The registry's answer to {@code GET /registry/<path>?<query>}; 502 when it cannot be reached. */
    RegistryAnswer get(List<String> path, Map<String, String> query) {
        URI uri = uri(path, query);
        try {
            Fetcher.Answer answer = fetcher.get(uri, MAX_ANSWER, "application/json, */*");
            String type = answer.contentType() == null ? RegistryAnswer.JSON : answer.contentType();
            return new RegistryAnswer(answer.status(), type, answer.body(), null, null);
        } catch (IOException e) {
            return RegistryAnswer.error(502, "The registry " + base + " cannot be reached: " + e.getMessage());
        }
    }

    /** A version object, or empty on 404. */
    Optional<ObjectNode> version(List<String> path) {
        RegistryAnswer answer = get(path, Map.of());
        if (answer.status() == 404) {
            return Optional.empty();
        }
        if (answer.status() != 200) {
            throw new RegistryUnavailable(base, answer);
        }
        try {
            return Optional.of(Json.parseObject(answer.body()));
        } catch (RuntimeException e) {
            throw new RegistryUnavailable(base, RegistryAnswer.error(502, "Not a JSON object"));
        }
    }

    private URI uri(List<String> path, Map<String, String> query) {
        String segments = path.stream().map(HttpRegistry::encode).collect(Collectors.joining("/"));
        String q = query.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return URI.create(
                base + "registry" + (segments.isEmpty() ? "" : "/" + segments) + (q.isEmpty() ? "" : "?" + q));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A registry that answered something else than the version or 404. */
    static final class RegistryUnavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RegistryUnavailable(String base, RegistryAnswer answer) {
            super("The registry " + base + " answered " + answer.status() + ": "
                    + new String(answer.body(), StandardCharsets.UTF_8));
        }
    }
}
