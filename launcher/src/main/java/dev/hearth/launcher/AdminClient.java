package dev.hearth.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.StringJoiner;

/** A client of the admin API: HTTP Basic with the admin passphrase, parameters in the query string. */
final class AdminClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String authorization;

    /** A failed call: the HTTP status and the server's error message. */
    static final class AdminException extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;

        AdminException(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    AdminClient(String baseUrl, String passphrase) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.authorization =
                "Basic " + Base64.getEncoder().encodeToString(("admin:" + passphrase).getBytes(StandardCharsets.UTF_8));
    }

    /** Sends a request and returns its body; non-2xx answers become an {@link AdminException}. */
    String call(String method, String path, Map<String, String> query) throws IOException, AdminException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path + queryString(query)))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .header("Authorization", authorization)
                .header("Accept", "application/json")
                .timeout(Duration.ofSeconds(60))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (IOException e) {
            throw new IOException(
                    "Cannot reach the admin API at " + baseUrl + " (" + e.getMessage()
                            + "); is the server running? Use --admin-url to point elsewhere.",
                    e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new AdminException(response.statusCode(), errorMessage(response.body()));
        }
        return response.body();
    }

    JsonNode callJson(String method, String path, Map<String, String> query) throws IOException, AdminException {
        return JSON.readTree(call(method, path, query));
    }

    static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String queryString(Map<String, String> query) {
        StringJoiner out = new StringJoiner("&", "?", "").setEmptyValue("");
        query.forEach((k, v) -> {
            if (v != null) {
                out.add(encode(k) + "=" + encode(v));
            }
        });
        return out.toString();
    }

    /** The message of an error body in any of the server's formats. */
    static String errorMessage(String body) {
        try {
            JsonNode json = JSON.readTree(body);
            if (json.has("errors")
                    && json.get("errors").isArray()
                    && !json.get("errors").isEmpty()) {
                JsonNode first = json.get("errors").get(0);
                return first.path("detail").asText(first.path("title").asText());
            }
            if (json.has("error")) {
                return json.get("error").asText();
            }
        } catch (IOException e) {
            // not JSON: the body is the message
        }
        return body == null || body.isBlank() ? "no details" : body.trim();
    }
}
