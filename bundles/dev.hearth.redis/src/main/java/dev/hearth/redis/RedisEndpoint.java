package dev.hearth.redis;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Where the Redis server is, from a {@code redis://[[user]:password@]host[:port]} or
 * {@code rediss://...} (TLS) URL.
 */
public record RedisEndpoint(
        String host,
        int port,
        boolean tls,
        @Nullable String user,
        @Nullable String password) {

    public static RedisEndpoint parse(String url) {
        if (url.isBlank()) {
            throw new IllegalArgumentException("No Redis URL configured");
        }
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid Redis URL: " + e.getMessage(), e);
        }
        String scheme = uri.getScheme();
        if (!"redis".equals(scheme) && !"rediss".equals(scheme) || uri.getHost() == null) {
            throw new IllegalArgumentException("The Redis URL must be redis://host:port or rediss://host:port");
        }
        String user = null;
        String password = null;
        String info = uri.getRawUserInfo();
        if (info != null) {
            int colon = info.indexOf(':');
            String rawUser = colon < 0 ? "" : info.substring(0, colon);
            user = rawUser.isEmpty() ? null : decode(rawUser);
            password = decode(colon < 0 ? info : info.substring(colon + 1));
        }
        int port = uri.getPort() == -1 ? 6379 : uri.getPort();
        return new RedisEndpoint(uri.getHost(), port, "rediss".equals(scheme), user, password);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return (tls ? "rediss://" : "redis://") + host + ":" + port;
    }
}
