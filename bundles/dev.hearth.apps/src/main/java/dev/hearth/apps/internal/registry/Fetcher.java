package dev.hearth.apps.internal.registry;

import dev.hearth.apps.internal.registry.DownloadException.Kind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * HTTP GETs with a bound on the bytes and on the time of the whole exchange, body included: a
 * server that sends slowly, or stops sending, is cut off when the time is up, and one that sends
 * too much as soon as it goes over.
 */
public final class Fetcher implements AutoCloseable {
    private static final String AGENT = "Hearth";

    /** An answer read in memory. */
    public record Answer(int status, @Nullable String contentType, byte[] body) {}

    private final Duration timeout;
    private @Nullable HttpClient client;

    public Fetcher(Duration timeout) {
        this.timeout = timeout;
    }

    /**
     * The client, made by the first download: building one loads the JDK's TLS trust store, which
     * costs the server's start tens of milliseconds for something most starts never use.
     */
    private synchronized HttpClient client() {
        if (client == null) {
            client = HttpClient.newBuilder()
                    .connectTimeout(timeout)
                    .version(HttpClient.Version.HTTP_1_1)
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .build();
        }
        return client;
    }

    /**
     * Downloads {@code url} into {@code file}, checking its SHA-256 when one is expected; the
     * file is deleted on any failure.
     *
     * @param sha256 the expected lowercase hex SHA-256, or null
     * @return the SHA-256 of what was written
     */
    public String download(URI url, long maxBytes, @Nullable String sha256, Path file) throws IOException {
        String actual;
        try {
            HttpResponse<String> response = exchange(url, maxBytes, "*/*", Files.newOutputStream(file));
            if (response.statusCode() != 200) {
                throw new DownloadException(
                        Kind.UNREACHABLE,
                        "Could not reach " + url + ": the server responded with code " + response.statusCode());
            }
            actual = response.body();
            if (sha256 != null && !sha256.toLowerCase(Locale.ROOT).equals(actual)) {
                throw new DownloadException(
                        Kind.CHECKSUM,
                        "Checksum does not match the calculated one (expecting \"" + sha256 + "\", got \"" + actual
                                + "\")");
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return actual;
    }

    /** GETs {@code url} in memory, whatever its status. */
    public Answer get(URI url, long maxBytes, String accept) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        HttpResponse<String> response = exchange(url, maxBytes, accept, body);
        return new Answer(
                response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(null),
                body.toByteArray());
    }

    private HttpResponse<String> exchange(URI url, long maxBytes, String accept, OutputStream out) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Accept", accept)
                .header("User-Agent", AGENT)
                .GET()
                .build();
        CompletableFuture<HttpResponse<String>> pending = client().sendAsync(request, info -> {
            long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (info.statusCode() == 200 && declared > maxBytes) {
                return BoundedSink.refused(out, maxBytes, declared);
            }
            return new BoundedSink(out, info.statusCode() == 200 ? maxBytes : 1 << 16);
        });
        try {
            return pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            out.close();
            throw new DownloadException(Kind.TIMEOUT, "The download of " + url + " took more than " + timeout);
        } catch (InterruptedException e) {
            pending.cancel(true);
            out.close();
            Thread.currentThread().interrupt();
            throw new DownloadException(Kind.TIMEOUT, "Interrupted while downloading " + url);
        } catch (ExecutionException | CancellationException e) {
            out.close();
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof DownloadException d) {
                throw d;
            }
            throw new DownloadException(Kind.UNREACHABLE, "Could not reach " + url + ": " + describe(cause));
        }
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.shutdownNow();
        }
    }
}
