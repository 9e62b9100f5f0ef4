package dev.hearth.auth.internal;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * PBKDF2-HMAC-SHA256 (RFC 8018) over raw password bytes with a 32-byte output. The JCE factory
 * only takes passwords as characters, and the second round of the client-side hash uses a binary
 * key, hence this small implementation.
 */
final class Pbkdf2 {
    private Pbkdf2() {}

    static byte[] sha256(byte[] password, byte[] salt, int iterations) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(password.length == 0 ? new byte[1] : password, "HmacSHA256"));
            mac.update(salt);
            byte[] u = mac.doFinal(new byte[] {0, 0, 0, 1});
            byte[] out = u.clone();
            for (int i = 1; i < iterations; i++) {
                u = mac.doFinal(u);
                for (int j = 0; j < out.length; j++) {
                    out[j] ^= u[j];
                }
            }
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
