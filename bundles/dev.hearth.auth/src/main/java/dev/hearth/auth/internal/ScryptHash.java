package dev.hearth.auth.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import org.bouncycastle.crypto.generators.SCrypt;

/**
 * A scrypt password hash in the text form {@code scrypt$N$r$p$salt$hash} (salt and hash in
 * base64). Memory-hard, so that guessing costs memory as well as time.
 */
record ScryptHash(int n, int r, int p, byte[] salt, byte[] hash) {
    static final int DEFAULT_N = 1 << 15;
    static final int DEFAULT_R = 8;
    static final int DEFAULT_P = 1;
    private static final int KEY_BYTES = 32;

    static ScryptHash create(String secret, byte[] salt) {
        return new ScryptHash(
                DEFAULT_N, DEFAULT_R, DEFAULT_P, salt, derive(secret, salt, DEFAULT_N, DEFAULT_R, DEFAULT_P));
    }

    boolean matches(String candidate) {
        return MessageDigest.isEqual(hash, derive(candidate, salt, n, r, p));
    }

    String encode() {
        Base64.Encoder b64 = Base64.getEncoder();
        return "scrypt$" + n + "$" + r + "$" + p + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    static ScryptHash decode(String text) {
        String[] parts = text.trim().split("\\$");
        if (parts.length != 6 || !parts[0].equals("scrypt")) {
            throw new IllegalArgumentException("not a scrypt hash");
        }
        Base64.Decoder b64 = Base64.getDecoder();
        return new ScryptHash(
                Integer.parseInt(parts[1]),
                Integer.parseInt(parts[2]),
                Integer.parseInt(parts[3]),
                b64.decode(parts[4]),
                b64.decode(parts[5]));
    }

    private static byte[] derive(String secret, byte[] salt, int n, int r, int p) {
        return SCrypt.generate(secret.getBytes(StandardCharsets.UTF_8), salt, n, r, p, KEY_BYTES);
    }
}
