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
import java.util.Map;
import java.util.StringJoiner;

/**
 * A client of one of the server's HTTP APIs: the same headers (credentials, the instance's host
 * name) on every call, parameters in the query string as the Cozy command line sends them.
 */
class ApiClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String baseUrl;
    private final Map<String, String> headers;
    private final String unreachableHint;

    /** A failed call: the HTTP status and the server's error message. */
    static final class CallException extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;

        CallException(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    /**
     * @param headers sent with every call
     * @param unreachableHint what to tell the user when nothing answers at {@code baseUrl}
     */
    ApiClient(String baseUrl, Map<String, String> headers, String unreachableHint) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.headers = Map.copyOf(headers);
        this.unreachableHint = unreachableHint;
    }

    /** Sends a request and returns its body; non-2xx answers become a {@link CallException}. */
    String call(String method, String path, Map<String, String> query) throws IOException, CallException {
        return call(method, path + queryString(query));
    }

    /** Sends a request to {@code pathAndQuery}, already encoded, as a link of an answer gives it. */
    String call(String method, String pathAndQuery) throws IOException, CallException {
        return send(method, pathAndQuery, null);
    }

    /** Sends a JSON body to {@code path}; the answer's body is JSON too. */
    JsonNode postJson(String path, Object body) throws IOException, CallException {
        return JSON.readTree(send("POST", path, JSON.writeValueAsString(body)));
    }

    /** Sends a request with a JSON body (none when null); bodies may take 5 minutes (a publish downloads). */
    String send(String method, String pathAndQuery, String jsonBody) throws IOException, CallException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                .method(
                        method,
                        jsonBody == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8))
                .header("Accept", "application/json")
                .timeout(Duration.ofSeconds(jsonBody == null ? 60 : 300));
        if (jsonBody != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (IOException e) {
            throw new IOException("Cannot reach " + baseUrl + " (" + e.getMessage() + "); " + unreachableHint, e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new CallException(response.statusCode(), errorMessage(response.body()));
        }
        return response.body();
    }

    /** Downloads {@code path} into {@code file} (replaced only once the whole body arrived). */
    void download(String path, java.nio.file.Path file) throws IOException, CallException {
        java.nio.file.Path tmp = file.resolveSibling(file.getFileName() + ".part");
        HttpResponse<java.nio.file.Path> response = exchange(
                request("GET", path).GET().timeout(Duration.ofHours(12)).build(),
                HttpResponse.BodyHandlers.ofFile(tmp));
        if (response.statusCode() / 100 != 2) {
            String body = java.nio.file.Files.readString(tmp);
            java.nio.file.Files.deleteIfExists(tmp);
            throw new CallException(response.statusCode(), errorMessage(body));
        }
        java.nio.file.Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** Sends {@code file} as the body of a POST; the answer's body is JSON. */
    JsonNode upload(String path, java.nio.file.Path file) throws IOException, CallException {
        HttpResponse<String> response = exchange(
                request("POST", path)
                        .POST(HttpRequest.BodyPublishers.ofFile(file))
                        .header("Content-Type", "application/octet-stream")
                        .timeout(Duration.ofHours(12))
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() / 100 != 2) {
            throw new CallException(response.statusCode(), errorMessage(response.body()));
        }
        return JSON.readTree(response.body());
    }

    private HttpRequest.Builder request(String method, String path) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Accept", "application/json");
        headers.forEach(request::header);
        return request;
    }

    private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException {
        try {
            return http.send(request, handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (IOException e) {
            throw new IOException("Cannot reach " + baseUrl + " (" + e.getMessage() + "); " + unreachableHint, e);
        }
    }

    JsonNode callJson(String method, String path, Map<String, String> query) throws IOException, CallException {
        return JSON.readTree(call(method, path, query));
    }

    JsonNode callJson(String method, String pathAndQuery) throws IOException, CallException {
        return JSON.readTree(call(method, pathAndQuery));
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
