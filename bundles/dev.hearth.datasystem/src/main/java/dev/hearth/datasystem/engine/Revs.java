package dev.hearth.datasystem.engine;

import dev.hearth.common.error.CouchException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Revision strings ({@code N-hash}): parsing, and the hash of a new revision. */
public final class Revs {
    private Revs() {}

    /** A parsed revision. */
    public record Rev(int pos, String hash) {
        @Override
        public String toString() {
            return pos + "-" + hash;
        }
    }

    /**
     * Parses {@code N-hash}.
     *
     * @throws CouchException 400 {@code bad_request} "Invalid rev format"
     */
    public static Rev parse(String rev) {
        int dash = rev == null ? -1 : rev.indexOf('-');
        if (dash <= 0 || dash == rev.length() - 1 || dash > 9) {
            throw invalid();
        }
        int pos = 0;
        for (int i = 0; i < dash; i++) {
            char c = rev.charAt(i);
            if (c < '0' || c > '9') {
                throw invalid();
            }
            pos = pos * 10 + (c - '0');
        }
        String hash = rev.substring(dash + 1);
        if (pos == 0 || !isHash(hash)) {
            throw invalid();
        }
        return new Rev(pos, hash);
    }

    /**
     * Whether a revision hash is one the store keeps as it is: at most 128 printable ASCII
     * characters, none that JSON escapes (the hashes of {@code _revisions} come back in answers).
     */
    public static boolean isHash(String hash) {
        if (hash.isEmpty() || hash.length() > 128) {
            return false;
        }
        for (int i = 0; i < hash.length(); i++) {
            char c = hash.charAt(i);
            if (c <= ' ' || c > '~' || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    private static CouchException invalid() {
        return new CouchException(400, "bad_request", "Invalid rev format");
    }

    /**
     * The hash of a new revision: MD5 of the parent revision, the deletion flag and the body, so
     * the same edit of the same revision always gets the same id, as in CouchDB.
     */
    public static String hash(String parentRev, boolean deleted, byte[] body) {
        MessageDigest md5 = md5();
        md5.update(parentRev.getBytes(StandardCharsets.US_ASCII));
        md5.update((byte) 0);
        md5.update((byte) (deleted ? 1 : 0));
        md5.update(body);
        return HexFormat.of().formatHex(md5.digest());
    }

    /** A digest to look providers up once: {@code getInstance} cost as much as hashing a body. */
    private static final MessageDigest MD5 = newMd5();

    private static MessageDigest md5() {
        try {
            return (MessageDigest) MD5.clone();
        } catch (CloneNotSupportedException e) {
            return newMd5();
        }
    }

    private static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
