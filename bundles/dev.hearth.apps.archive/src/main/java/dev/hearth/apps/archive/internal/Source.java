package dev.hearth.apps.archive.internal;

import static dev.hearth.apps.archive.ArchiveException.Reason.ARCHIVE_TOO_LARGE;

import dev.hearth.apps.archive.ArchiveException;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * The caller's stream, as the converter sees it: every byte counted against the input limit and
 * hashed in order, whoever reads it. A failure of the caller's stream is remembered, so that the
 * converter can tell it from a corrupt archive (both surface as I/O errors from the decoders), and
 * it is thrown again on every later read, as is an exceeded limit: {@code GZIPInputStream} swallows
 * errors while it looks for another member, and this must not hide them.
 */
final class Source extends InputStream {
    private final InputStream in;
    private final long max;
    private final MessageDigest sha256;
    private long count;
    private @Nullable IOException failure;

    Source(InputStream in, long max) {
        this.in = in;
        this.max = max;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        IOException failed = failure;
        if (failed != null) {
            throw failed;
        }
        checkLimit();
        int n;
        try {
            n = in.read(b, off, len);
        } catch (IOException e) {
            failure = e;
            throw e;
        }
        if (n > 0) {
            count += n;
            sha256.update(b, off, n);
            checkLimit();
        }
        return n;
    }

    /** Reads what is left, so that the hash covers every byte and the limit holds for trailing data. */
    void drain() throws IOException {
        byte[] buffer = new byte[8192];
        while (read(buffer, 0, buffer.length) >= 0) {
            // counted and hashed by read
        }
    }

    /** Bytes read so far. */
    long count() {
        return count;
    }

    /** Whether the caller's stream itself failed. */
    boolean failed() {
        return failure != null;
    }

    /** The lowercase hex SHA-256 of the bytes read; call once, after {@link #drain()}. */
    String sha256() {
        return HexFormat.of().formatHex(sha256.digest());
    }

    private void checkLimit() throws ArchiveException {
        if (count > max) {
            throw new ArchiveException(ARCHIVE_TOO_LARGE, "The archive is larger than " + max + " bytes");
        }
    }
}
