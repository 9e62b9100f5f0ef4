package dev.hearth.files.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.error.ApiException;
import dev.hearth.common.id.Ids;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Short-lived values kept in memory: download secrets (one use each) and metadata staged for an
 * upload. Both expire after ten minutes, and a restart forgets them, as clients expect of them.
 */
final class Secrets {
    private static final long TTL = Duration.ofMinutes(10).toNanos();
    private static final int MAX = 100_000;

    private record Entry(String domain, Object value, long expires) {}

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final byte[] thumbKey = Ids.randomBytes(32);

    /**
     * The secret of the thumbnail links of a file: its expiry (ten to eleven minutes from now,
     * the same within a minute) and a MAC of the instance, the file and the expiry, so that it is
     * checked without being kept. A restart makes new ones.
     */
    String thumbnailSecret(String domain, String fileId) {
        long expires = (System.currentTimeMillis() / 60_000 + 11) * 60;
        return Long.toHexString(expires) + "-" + mac(domain, fileId, expires);
    }

    boolean validThumbnailSecret(String domain, String fileId, String secret) {
        int dash = secret.indexOf('-');
        if (dash <= 0) {
            return false;
        }
        try {
            long expires = Long.parseLong(secret.substring(0, dash), 16);
            return System.currentTimeMillis() / 1000 < expires
                    && MessageDigest.isEqual(
                            mac(domain, fileId, expires).getBytes(StandardCharsets.US_ASCII),
                            secret.substring(dash + 1).getBytes(StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private String mac(String domain, String fileId, long expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(thumbKey, "HmacSHA256"));
            byte[] sum = mac.doFinal((domain + "\n" + fileId + "\n" + expires).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sum, 0, 12);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from the JDK", e);
        }
    }

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
