package dev.hearth.files.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.error.ApiException;
import dev.hearth.common.expiring.ExpiringValues;
import dev.hearth.common.id.Ids;
import dev.hearth.common.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Short-lived values: download secrets (one use each) and metadata staged for an upload, kept as
 * {@link ExpiringValues} (in memory, or shared by the nodes of a cluster so that a secret made
 * through one node is redeemed through another). Both expire after ten minutes. Thumbnail links
 * carry a MAC keyed by the instance's own signing key, so every node checks them alike.
 */
final class Secrets {
    private static final Duration TTL = Duration.ofMinutes(10);
    private static final String PREFIX = "files-secret:";

    private final ExpiringValues values;
    private final Function<String, byte[]> instanceKeys;

    /**
     * @param instanceKeys the signing key of an instance, from which the key of its thumbnail
     *     links is derived
     */
    Secrets(ExpiringValues values, Function<String, byte[]> instanceKeys) {
        this.values = values;
        this.instanceKeys = instanceKeys;
    }

    /**
     * The secret of the thumbnail links of a file: its expiry (ten to eleven minutes from now,
     * the same within a minute) and a MAC of the instance, the file and the expiry, so that it is
     * checked without being kept.
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
            mac.init(new SecretKeySpec(instanceKeys.apply(domain), "HmacSHA256"));
            byte[] key = mac.doFinal("thumbnail links".getBytes(StandardCharsets.UTF_8));
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] sum = mac.doFinal((domain + "\n" + fileId + "\n" + expires).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sum, 0, 12);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from the JDK", e);
        }
    }

    /** Keeps a value of some kind for an instance; its one-use key. */
    String put(String domain, String kind, JsonNode value) {
        String key = Ids.randomHex(16);
        ObjectNode stored =
                Json.mapper().createObjectNode().put("domain", domain).put("kind", kind);
        stored.set("value", value);
        try {
            values.put(PREFIX + key, Json.bytes(stored), TTL);
        } catch (IllegalStateException e) {
            throw new ApiException(429, "Too Many Requests", "Too many pending secrets", null, null);
        }
        return key;
    }

    /**
     * The value of {@code key} for {@code domain}, used up; 404 when unknown, expired, of another
     * kind, or another instance's (which keeps it).
     */
    JsonNode take(String domain, String kind, String key) {
        byte[] stored = values.take(PREFIX + key);
        JsonNode entry = stored == null ? null : Json.read(stored, JsonNode.class);
        if (entry == null || !entry.path("kind").asText().equals(kind)) {
            throw ApiException.notFound("Unknown or expired secret");
        }
        if (!entry.path("domain").asText().equals(domain)) {
            values.put(PREFIX + key, stored, TTL);
            throw ApiException.notFound("Unknown or expired secret");
        }
        return entry.path("value");
    }

    ObjectNode metadata(String domain, String key) {
        try {
            if (take(domain, "metadata", key) instanceof ObjectNode metadata) {
                return metadata;
            }
        } catch (ApiException e) {
            throw ApiException.notFound("Unknown or expired metadata");
        }
        throw ApiException.notFound("Unknown or expired metadata");
    }
}
