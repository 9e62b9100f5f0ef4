package dev.hearth.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.client.ClientException;
import dev.hearth.client.Credentials;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * JSON over the JDK's HTTP client with a Bearer token: a non-2xx answer becomes a typed
 * {@link ClientException} from the server's error body, and an expired or invalid token is
 * refreshed once, then the request retried.
 */
public final class Http {
    private final HttpClient client;
    private final URI base;
    private final Credentials credentials;
    private final @Nullable String host;

    public Http(HttpClient client, URI base, Credentials credentials, @Nullable String host) {
        this.client = client;
        this.base = base;
        this.credentials = credentials;
        this.host = host;
    }

    public URI base() {
        return base;
    }

    public @Nullable String host() {
        return host;
    }

    public Credentials credentials() {
        return credentials;
    }

    /** Encodes one path segment. */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Sends a request and parses its JSON answer; {@code body} null sends none. */
    public JsonNode send(String method, String path, @Nullable JsonNode body) {
        try {
            return sendOnce(method, path, body);
        } catch (ClientException.AuthenticationException e) {
            if (!credentials.refresh()) {
                throw e;
            }
            return sendOnce(method, path, body);
        }
    }

    private JsonNode sendOnce(String method, String path, @Nullable JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + credentials.token());
        if (host != null) {
            request.header("Host", host);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json");
            request.method(method, HttpRequest.BodyPublishers.ofString(Json.text(body)));
        }
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ClientException(0, "network", String.valueOf(e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientException(0, "interrupted", "Interrupted while waiting for " + path, e);
        }
        if (response.statusCode() / 100 != 2) {
            throw error(response);
        }
        return response.body().isEmpty() ? Json.object() : Json.parse(response.body());
    }

    /** Reads the CouchDB, JSON:API or plain error of an answer. */
    static ClientException error(HttpResponse<String> response) {
        int status = response.statusCode();
        String error = "http_" + status;
        String reason = response.body();
        try {
            JsonNode body = Json.parse(response.body());
            JsonNode first = body.path("errors").path(0);
            if (first.isObject()) {
                error = first.path("code").asText(first.path("title").asText(error));
                reason = first.path("detail").asText(first.path("title").asText(reason));
            } else if (body.has("error")) {
                error = body.path("error").asText();
                reason = body.path("reason").asText(error);
            }
        } catch (IllegalArgumentException notJson) {
            String auth = response.headers().firstValue("WWW-Authenticate").orElse("");
            if (auth.contains("expired")) {
                reason = "Expired token";
            } else if (auth.contains("invalid_token")) {
                reason = "Invalid token";
            }
        }
        return ClientException.of(status, error, reason);
    }
}
