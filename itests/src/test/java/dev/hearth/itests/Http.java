package dev.hearth.itests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Real HTTP over loopback, with control of the Host header (the instance is chosen by it). */
public final class Http {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    /** An answer: status, headers, body. */
    public record Response(int status, HttpResponse<String> raw) {
        public String body() {
            return raw.body();
        }

        public JsonNode json() {
            try {
                return JSON.readTree(raw.body());
            } catch (IOException e) {
                throw new UncheckedIOException("Not JSON (" + status + "): " + raw.body(), e);
            }
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    /** A request being built. */
    /** An answer read as bytes. */
    public record BinaryResponse(int status, byte[] body, String contentType) {}

    public static final class Request {
        private final String method;
        private final String url;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private String body = "";
        private byte[] bytes;

        Request(String method, String url) {
            this.method = method;
            this.url = url;
        }

        public Request host(String host) {
            headers.put("Host", host);
            return this;
        }

        public Request header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        public Request bearer(String token) {
            return header("Authorization", "Bearer " + token);
        }

        public Request basic(String user, String password) {
            return header(
                    "Authorization",
                    "Basic "
                            + Base64.getEncoder()
                                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }

        public Request json() {
            return header("Accept", "application/json");
        }

        public Request body(String text) {
            this.body = text;
            return this;
        }

        /** A binary body. */
        public Request body(byte[] content) {
            this.bytes = content.clone();
            return this;
        }

        private HttpRequest build() {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(30))
                    .method(
                            method,
                            bytes != null
                                    ? HttpRequest.BodyPublishers.ofByteArray(bytes)
                                    : HttpRequest.BodyPublishers.ofString(body));
            headers.forEach(b::header);
            return b.build();
        }

        /** Sends the request and reads the answer as bytes (images, archives). */
        public BinaryResponse sendForBytes() {
            try {
                HttpResponse<byte[]> r = CLIENT.send(build(), HttpResponse.BodyHandlers.ofByteArray());
                return new BinaryResponse(
                        r.statusCode(),
                        r.body(),
                        r.headers().firstValue("Content-Type").orElse(""));
            } catch (IOException e) {
                throw new UncheckedIOException(method + " " + url + " failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        public Response send() {
            try {
                HttpResponse<String> r =
                        CLIENT.send(build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                return new Response(r.statusCode(), r);
            } catch (IOException e) {
                throw new UncheckedIOException(method + " " + url + " failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private Http() {}

    public static Request get(String url) {
        return new Request("GET", url);
    }

    public static Request post(String url) {
        return new Request("POST", url);
    }

    public static Request patch(String url) {
        return new Request("PATCH", url);
    }

    public static Request delete(String url) {
        return new Request("DELETE", url);
    }

    public static Request method(String method, String url) {
        return new Request(method, url);
    }
}
