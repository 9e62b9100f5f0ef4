package dev.hearth.apps.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.apps.registry.RegistryAnswer;
import dev.hearth.common.error.StatusException;
import dev.hearth.common.json.Json;
import dev.hearth.web.Call;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Registry requests and answers over HTTP, the same on instance hosts and on the admin endpoint. */
final class RegistryAnswers {
    private RegistryAnswers() {}

    /** The path segments after {@code /registry}, as the route's {@code *path} holds them. */
    static List<String> path(Call call) {
        String rest = call.param("path");
        return rest.isEmpty() ? List.of() : Arrays.asList(rest.split("/", -1));
    }

    /** The query parameters, the first value of each. */
    static Map<String, String> query(HttpServletRequest req) {
        Map<String, String> query = new LinkedHashMap<>();
        req.getParameterMap().forEach((k, v) -> {
            if (v.length > 0) {
                query.put(k, v[0]);
            }
        });
        return query;
    }

    /**
     * Sends the answer, a file's bytes streamed; no body to HEAD. An error becomes the area's
     * error, in the format the client asks for ({@code {"error":...}} for JSON, as registries answer).
     */
    static void send(Call call, RegistryAnswer answer) throws IOException {
        if (answer.status() >= 400) {
            StatusException error = new StatusException(answer.status(), message(answer));
            throw answer.cacheControl() == null ? error : error.withHeader("Cache-Control", answer.cacheControl());
        }
        var resp = call.response();
        resp.setStatus(answer.status());
        resp.setContentType(answer.contentType());
        if (answer.cacheControl() != null) {
            resp.setHeader("Cache-Control", answer.cacheControl());
        }
        boolean head = "HEAD".equals(call.request().getMethod());
        if (answer.file() != null) {
            resp.setContentLengthLong(Files.size(answer.file()));
            if (!head) {
                try (InputStream in = Files.newInputStream(answer.file());
                        OutputStream out = resp.getOutputStream()) {
                    in.transferTo(out);
                }
            }
            return;
        }
        resp.setContentLength(answer.body().length);
        if (!head) {
            resp.getOutputStream().write(answer.body());
        }
    }

    private static String message(RegistryAnswer answer) {
        try {
            JsonNode error = Json.mapper().readTree(answer.body()).path("error");
            if (error.isTextual()) {
                return error.asText();
            }
        } catch (IOException | RuntimeException e) {
            // not a registry error body
        }
        String text = new String(answer.body(), StandardCharsets.UTF_8).strip();
        return text.isEmpty() || text.length() > 500 ? "The registry answered " + answer.status() : text;
    }
}
