package dev.hearth.files.s3.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Sends signed requests to one bucket of an S3-compatible server over the JDK's HTTP client
 * (HTTP/1.1), path-style ({@code endpoint/bucket/key}) or virtual-host style
 * ({@code bucket.endpoint/key}). A request the server answers with 500 or 503, or that fails to
 * connect, is sent again twice, after a short pause.
 */
final class S3Http {
    private static final int ATTEMPTS = 3;

    private final HttpClient client;
    private final SigV4 signer;
    private final URI base;
    private final String host;
    private final String bucketPath;
    private final Duration timeout;

    S3Http(URI endpoint, String bucket, boolean pathStyle, SigV4 signer, Duration timeout) {
        this.signer = signer;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        String scheme = endpoint.getScheme();
        String hostName = pathStyle ? endpoint.getHost() : bucket + "." + endpoint.getHost();
        int port = endpoint.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("https") ? port == 443 : port == 80);
        this.host = defaultPort ? hostName : hostName + ":" + port;
        this.base = URI.create(scheme + "://" + host);
        this.bucketPath = pathStyle ? "/" + SigV4.encode(bucket, true) : "";
    }

    /** The encoded path of an object (or of the bucket for {@code ""}). */
    String path(String key) {
        if (key.isEmpty()) {
            return bucketPath.isEmpty() ? "/" : bucketPath;
        }
        return bucketPath + "/" + SigV4.encode(key, false);
    }

    /** A request on the way: method, object key, query, extra headers and body. */
    record Call(
            String method,
            String key,
            Map<String, String> query,
            Map<String, String> headers,
            byte[] body,
            int length) {
        static Call of(String method, String key) {
            return new Call(method, key, Map.of(), Map.of(), new byte[0], 0);
        }

        Call query(Map<String, String> q) {
            return new Call(method, key, q, headers, body, length);
        }

        Call headers(Map<String, String> h) {
            return new Call(method, key, query, h, body, length);
        }

        Call body(byte[] data, int len) {
            return new Call(method, key, query, headers, data, len);
        }
    }

    <T> HttpResponse<T> send(Call call, HttpResponse.BodyHandler<T> handler) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResponse<T> response = client.send(request(call), handler);
                if ((response.statusCode() != 500 && response.statusCode() != 503) || attempt == ATTEMPTS) {
                    return response;
                }
                discard(response);
            } catch (java.net.ConnectException | java.net.http.HttpTimeoutException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("Interrupted while calling S3");
            }
            pause(attempt);
        }
    }

    /** Sends and reads the whole (small) answer. */
    HttpResponse<byte[]> exchange(Call call) throws IOException {
        return send(call, HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpRequest request(Call call) {
        String path = path(call.key());
        String query = SigV4.canonicalQuery(call.query());
        SortedMap<String, String> headers = new TreeMap<>();
        headers.put("host", host);
        call.headers().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v));
        String sha = call.length() == 0 ? SigV4.EMPTY_SHA256 : SigV4.sha256Hex(call.body(), 0, call.length());
        signer.sign(call.method(), path, call.query(), headers, sha, ZonedDateTime.now());
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path + (query.isEmpty() ? "" : "?" + query)))
                .timeout(timeout);
        headers.forEach((k, v) -> {
            if (!k.equals("host")) {
                b.header(k, v);
            }
        });
        HttpRequest.BodyPublisher body = call.length() == 0 && !call.method().equals("PUT")
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(call.body(), 0, call.length());
        return b.method(call.method(), body).build();
    }

    private static void discard(HttpResponse<?> response) {
        if (response.body() instanceof InputStream in) {
            try {
                in.close();
            } catch (IOException e) {
                // The connection goes; nothing else depends on it.
            }
        }
    }

    private static void pause(int attempt) throws InterruptedIOException {
        try {
            Thread.sleep(100L << attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while calling S3");
        }
    }
}
