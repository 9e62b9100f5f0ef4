package dev.hearth.files.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.error.ApiException;
import dev.hearth.common.id.Ids;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Short-lived values kept in memory: download secrets (one use each) and metadata staged for an
 * upload. Both expire after ten minutes, and a restart forgets them, as clients expect of them.
 */
final class Secrets {
    private static final long TTL = Duration.ofMinutes(10).toNanos();
    private static final int MAX = 100_000;

    private record Entry(String domain, Object value, long expires) {}

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    String put(String domain, Object value) {
        sweep();
        if (entries.size() >= MAX) {
            throw new ApiException(429, "Too Many Requests", "Too many pending secrets", null, null);
        }
        String key = Ids.randomHex(16);
        entries.put(key, new Entry(domain, value, System.nanoTime() + TTL));
        return key;
    }

    /** The value of {@code key} for {@code domain}, used up; 404 when unknown, expired or another instance's. */
    Object take(String domain, String key) {
        Entry e = entries.remove(key);
        if (e == null || !e.domain().equals(domain) || System.nanoTime() - e.expires() > 0) {
            if (e != null && !e.domain().equals(domain)) {
                entries.put(key, e);
            }
            throw ApiException.notFound("Unknown or expired secret");
        }
        return e.value();
    }

    ObjectNode metadata(String domain, String key) {
        if (take(domain, key) instanceof ObjectNode metadata) {
            return metadata.deepCopy();
        }
        throw ApiException.notFound("Unknown or expired metadata");
    }

    private void sweep() {
        long now = System.nanoTime();
        entries.values().removeIf(e -> now - e.expires() > 0);
    }
}
