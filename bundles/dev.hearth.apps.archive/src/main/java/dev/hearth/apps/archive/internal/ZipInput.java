package dev.hearth.apps.archive.internal;

import static dev.hearth.apps.archive.ArchiveException.Reason.TRUNCATED;

import dev.hearth.apps.archive.ArchiveException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.Inflater;

/**
 * A zip stream read front to back through one buffer that the inflater reads from directly: after
 * a deflated entry ends, the bytes the inflater did not use are exactly where the next header
 * starts, with no push-back. Little-endian fields; the stream ending inside one is a truncation.
 */
final class ZipInput {
    private final InputStream in;
    private final byte[] buffer = new byte[8192];
    private int position;
    private int limit;

    ZipInput(InputStream in) {
        this.in = in;
    }

    int u16() throws IOException {
        return u8() | (u8() << 8);
    }

    long u32() throws IOException {
        return (u16() & 0xffffL) | ((long) u16() << 16);
    }

    byte[] bytes(int length) throws IOException {
        byte[] out = new byte[length];
        for (int done = 0; done < length; ) {
            int n = read(out, done, length - done);
            if (n < 0) {
                throw truncated();
            }
            done += n;
        }
        return out;
    }

    void skip(long count) throws IOException {
        for (long left = count; left > 0; ) {
            if (!available()) {
                throw truncated();
            }
            int n = (int) Math.min(left, limit - position);
            position += n;
            left -= n;
        }
    }

    /** Reads raw bytes; -1 at the end of the stream. */
    int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!available()) {
            return -1;
        }
        int n = Math.min(len, limit - position);
        System.arraycopy(buffer, position, b, off, n);
        position += n;
        return n;
    }

    /** Hands the inflater the buffered bytes, reading more when none are left. */
    void feed(Inflater inflater) throws IOException {
        if (!available()) {
            throw truncated();
        }
        inflater.setInput(buffer, position, limit - position);
    }

    /** Advances past what the inflater used of its input; returns how many bytes that was. */
    int consumedBy(Inflater inflater) {
        int next = limit - inflater.getRemaining();
        int used = next - position;
        position = next;
        return used;
    }

    private int u8() throws IOException {
        if (!available()) {
            throw truncated();
        }
        return buffer[position++] & 0xff;
    }

    /** Whether a byte is buffered, reading more if needed; false at the end of the stream. */
    private boolean available() throws IOException {
        while (position == limit) {
            int n = in.read(buffer, 0, buffer.length);
            if (n < 0) {
                return false;
            }
            position = 0;
            limit = n;
        }
        return true;
    }

    static ArchiveException truncated() {
        return new ArchiveException(TRUNCATED, "The zip archive ends before its central directory does");
    }
}
