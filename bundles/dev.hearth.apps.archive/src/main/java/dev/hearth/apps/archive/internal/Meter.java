package dev.hearth.apps.archive.internal;

import static dev.hearth.apps.archive.ArchiveException.Reason.COMPRESSION_RATIO;
import static dev.hearth.apps.archive.ArchiveException.Reason.UNCOMPRESSED_TOO_LARGE;

import dev.hearth.apps.archive.ArchiveException;
import dev.hearth.apps.archive.Limits;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts what decompression produces, against the total limit and against the input read so far:
 * a bomb is stopped by its ratio after a few megabytes, long before the total limit would be
 * reached.
 */
final class Meter {
    /** Output below which the ratio is not judged: a tiny archive of zeros is no threat. */
    static final long RATIO_GRACE_BYTES = 1L << 20;

    private final Source source;
    private final long max;
    private final long ratio;
    private long count;

    Meter(Source source, Limits limits) {
        this.source = source;
        this.max = limits.maxUncompressedBytes();
        this.ratio = limits.maxRatio();
    }

    /** Records {@code n} more bytes produced. */
    void add(long n) throws ArchiveException {
        count += n;
        if (count > max) {
            throw new ArchiveException(UNCOMPRESSED_TOO_LARGE, "The archive expands to more than " + max + " bytes");
        }
        if (count > RATIO_GRACE_BYTES && count / ratio > source.count()) {
            throw new ArchiveException(
                    COMPRESSION_RATIO,
                    "The archive expands more than " + ratio + " times (" + count + " bytes from " + source.count()
                            + ")");
        }
    }

    /** A stream that counts every byte read from {@code in}. */
    InputStream wrap(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    add(1);
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    add(n);
                }
                return n;
            }

            /** No mark: bytes read again after a reset would be counted twice. */
            @Override
            public boolean markSupported() {
                return false;
            }

            /** Skips by reading, so that skipped bytes count too. */
            @Override
            public long skip(long n) throws IOException {
                byte[] buffer = new byte[Math.clamp(n, 0, 8192)];
                return Math.max(read(buffer, 0, buffer.length), 0);
            }
        };
    }
}
