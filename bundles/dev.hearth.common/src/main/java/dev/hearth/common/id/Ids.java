package dev.hearth.common.id;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Identifiers and random secrets, all drawn from one {@link SecureRandom}. */
public final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private Ids() {}

    /**
     * A new document identifier: 32 lowercase hex characters, the creation time in milliseconds
     * (48 bits) then 80 random bits. Ids made close in time sort close together, so a store's
     * ordered index takes new documents at its end instead of all over its pages.
     */
    public static String newId() {
        byte[] id = randomBytes(16);
        long millis = System.currentTimeMillis();
        for (int i = 5; i >= 0; i--) {
            id[i] = (byte) millis;
            millis >>>= 8;
        }
        return HEX.formatHex(id);
    }

    /** {@code n} bytes from the secure random source. */
    public static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** A random token of {@code bytes} bytes, hex-encoded. */
    public static String randomHex(int bytes) {
        return HEX.formatHex(randomBytes(bytes));
    }

    /** A random token of {@code bytes} bytes, base64url-encoded without padding. */
    public static String randomBase64Url(int bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(bytes));
    }
}
