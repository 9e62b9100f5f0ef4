package dev.hearth.move.internal;

import dev.hearth.common.error.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The calls one server makes to another during a move. Redirects are never followed, so a
 * token sent to one address never reaches another. The client is built on first use (building
 * it loads the TLS trust store, which a server that never moves does not need).
 */
final class Remote {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** What the other server answered. */
    record Answer(int status, String body) {}

    private static final class Holder {
        static final HttpClient CLIENT = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    private Remote() {}

    /** The base URL of an instance ({@code scheme://host[:port]}), or 422 on {@code attribute}. */
    static String base(String url, String attribute) {
        try {
            URI u = new URI(url.contains("://") ? url : "https://" + url);
            String scheme = u.getScheme();
            if (u.getHost() == null || !("http".equals(scheme) || "https".equals(scheme))) {
                throw ApiException.invalidAttribute(attribute, "It must be an http or https address");
            }
            return scheme + "://" + u.getRawAuthority();
        } catch (URISyntaxException e) {
            throw ApiException.invalidAttribute(attribute, "It is not an address");
        }
    }

    static Answer post(String url, @Nullable String bearer, @Nullable String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT);
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        if (json != null) {
            b.header("Content-Type", "application/vnd.api+json");
            b.POST(HttpRequest.BodyPublishers.ofString(json));
        } else {
            b.POST(HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> r = Holder.CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body());
        } catch (IOException e) {
            throw unreachable(url, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable(url, "interrupted");
        }
    }

    /** Opens the body of {@code url}; the caller closes it. */
    static InputStream download(String url) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).GET().build();
        try {
            HttpResponse<InputStream> r = Holder.CLIENT.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (r.statusCode() != 200) {
                r.body().close();
                throw new ApiException(502, "Bad Gateway", "The export link answered " + r.statusCode(), null, null);
            }
            return r.body();
        } catch (IOException e) {
            throw unreachable(url, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable(url, "interrupted");
        }
    }

    /** A refusal by the other server, with what it said. */
    static ApiException refused(String what, Answer a) {
        String body = a.body().length() > 300 ? a.body().substring(0, 300) : a.body();
        return new ApiException(502, "Bad Gateway", what + " answered " + a.status() + ": " + body, null, null);
    }

    private static ApiException unreachable(String url, @Nullable String why) {
        URI u = URI.create(url);
        return new ApiException(
                502,
                "Bad Gateway",
                "Cannot reach " + u.getScheme() + "://" + u.getRawAuthority() + ": " + why,
                null,
                null);
    }
}
