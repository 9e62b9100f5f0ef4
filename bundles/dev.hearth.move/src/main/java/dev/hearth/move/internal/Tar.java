package dev.hearth.move.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The few POSIX tar (ustar) records an archive needs: regular files with short ASCII names, read
 * and written as a stream. A file that ends before its last record is said to be truncated.
 */
final class Tar {
    static final int BLOCK = 512;

    private Tar() {}

    /** Writes the header of a regular file; its bytes follow, then {@link #pad}. */
    static void header(OutputStream out, String name, long size, long mtimeSeconds) throws IOException {
        byte[] h = new byte[BLOCK];
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        if (n.length > 99) {
            throw new IOException("Name too long for a tar record: " + name);
        }
        System.arraycopy(n, 0, h, 0, n.length);
        octal(h, 100, 8, 0640);
        octal(h, 108, 8, 0);
        octal(h, 116, 8, 0);
        octal(h, 124, 12, size);
        octal(h, 136, 12, mtimeSeconds);
        h[156] = '0';
        System.arraycopy("ustar\u000000".getBytes(StandardCharsets.US_ASCII), 0, h, 257, 8);
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        octal(h, 148, 7, sum);
        out.write(h);
    }

    /** Pads a file of {@code size} bytes to the next record. */
    static void pad(OutputStream out, long size) throws IOException {
        int rest = (int) (size % BLOCK);
        if (rest != 0) {
            out.write(new byte[BLOCK - rest]);
        }
    }

    /** Ends the archive with its two empty records. */
    static void end(OutputStream out) throws IOException {
        out.write(new byte[2 * BLOCK]);
    }

    private static void octal(byte[] h, int offset, int length, long value) {
        String text = Long.toOctalString(value);
        int width = length - 1;
        if (text.length() > width) {
            throw new IllegalArgumentException("Value too large for a tar field: " + value);
        }
        String padded = "0".repeat(width - text.length()) + text;
        System.arraycopy(padded.getBytes(StandardCharsets.US_ASCII), 0, h, offset, width);
        h[offset + width] = 0;
    }

    /** A file of the archive being read. */
    record Entry(String name, long size) {}

    /**
     * Reads the next header, or null at the end of the archive.
     *
     * @throws IOException when the archive ends inside a record or a header is not one
     */
    static @Nullable Entry next(InputStream in) throws IOException {
        byte[] h = in.readNBytes(BLOCK);
        if (h.length == 0) {
            throw new EOFException("The archive is truncated: it ends without its end records");
        }
        if (h.length < BLOCK) {
            throw new EOFException("The archive is truncated inside a header");
        }
        boolean zero = true;
        for (byte b : h) {
            zero &= b == 0;
        }
        if (zero) {
            return null;
        }
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += i >= 148 && i < 156 ? ' ' : h[i] & 0xff;
        }
        if (sum != parseOctal(h, 148, 8)) {
            throw new IOException("Not a tar archive (bad header checksum)");
        }
        if (h[156] != '0' && h[156] != 0) {
            throw new IOException("The archive holds an entry that is not a regular file");
        }
        int end = 0;
        while (end < 100 && h[end] != 0) {
            end++;
        }
        return new Entry(new String(h, 0, end, StandardCharsets.US_ASCII), parseOctal(h, 124, 12));
    }

    /** Copies the bytes of the entry just read to {@code out}, then skips its padding. */
    static void copy(InputStream in, Entry entry, OutputStream out) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long left = entry.size();
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new EOFException("The archive is truncated inside " + entry.name());
            }
            out.write(buffer, 0, n);
            left -= n;
        }
        int rest = (int) (entry.size() % BLOCK);
        if (rest != 0 && in.readNBytes(BLOCK - rest).length != BLOCK - rest) {
            throw new EOFException("The archive is truncated after " + entry.name());
        }
    }

    private static long parseOctal(byte[] h, int offset, int length) throws IOException {
        long value = 0;
        for (int i = offset; i < offset + length; i++) {
            byte b = h[i];
            if (b == 0 || b == ' ') {
                if (value > 0 || i > offset) {
                    break;
                }
                continue;
            }
            if (b < '0' || b > '7') {
                throw new IOException("Not a tar archive (bad number in a header)");
            }
            value = value * 8 + (b - '0');
        }
        return value;
    }
}
