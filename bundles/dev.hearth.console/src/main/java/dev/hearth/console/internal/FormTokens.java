package dev.hearth.console.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Anti-forgery tokens for console forms: an HMAC, under a key drawn at startup, of the caller's
 * {@code Authorization} header. Only a page served to the authenticated admin contains one.
 */
final class FormTokens {
    private final byte[] key = new byte[32];

    FormTokens() {
        new SecureRandom().nextBytes(key);
    }

    String issue(String authorization) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] tag = mac.doFinal(String.valueOf(authorization).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(tag);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean check(String authorization, String token) {
        return token != null
                && MessageDigest.isEqual(
                        issue(authorization).getBytes(StandardCharsets.US_ASCII),
                        token.getBytes(StandardCharsets.US_ASCII));
    }
}
