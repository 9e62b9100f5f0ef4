package dev.hearth.move.internal;

import dev.hearth.common.error.ApiException;
import dev.hearth.common.id.Ids;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One-time download links of exports: a secret opens one export of one instance for ten minutes;
 * the whole archive may be fetched once with it, and each part once.
 */
final class DownloadSecrets {
    private static final Duration TTL = Duration.ofMinutes(10);

    private record Grant(String domain, String exportId, Instant expires, Set<Integer> used) {}

    private final Map<String, Grant> grants = new ConcurrentHashMap<>();

    String issue(String domain, String exportId) {
        Instant now = Instant.now();
        grants.values().removeIf(g -> g.expires().isBefore(now));
        String secret = Ids.randomBase64Url(24);
        grants.put(secret, new Grant(domain, exportId, now.plus(TTL), new HashSet<>()));
        return secret;
    }

    /** The export the secret opens, using it up for {@code index} (-1: the whole archive). */
    String redeem(String domain, String secret, int index) {
        Grant g = grants.get(secret);
        if (g == null || !g.domain().equals(domain) || g.expires().isBefore(Instant.now())) {
            throw ApiException.notFound("This download link is unknown or expired");
        }
        synchronized (g) {
            if (g.used().contains(-1) || !g.used().add(index)) {
                throw ApiException.notFound("This download link was used already");
            }
        }
        if (index < 0) {
            grants.remove(secret);
        }
        return g.exportId();
    }
}
