package dev.hearth.apps.archive.internal;

import static dev.hearth.apps.archive.ArchiveException.Reason.CORRUPT;

import dev.hearth.apps.archive.ArchiveException;
import java.nio.charset.StandardCharsets;

/**
 * One 512-byte tar header block, checked (ustar magic, checksum) and parsed. Only the fields the
 * conversion uses are read: name, prefix, size and type; modes, owners and times do not reach the
 * jar.
 *
 * @param type the typeflag byte
 * @param size the data size the header declares (to frame the data, not to trust)
 * @param posix whether this is a POSIX ustar header, whose {@code prefix} field extends the name
 *     (GNU headers use that space for other fields)
 */
record TarHeader(byte type, long size, boolean posix, byte[] block) {
    static final int BLOCK = 512;

    private static final byte[] MAGIC = "ustar".getBytes(StandardCharsets.US_ASCII);
    private static final int MAGIC_AT = 257;
    private static final int CHECKSUM_AT = 148;
    private static final int CHECKSUM_LENGTH = 8;

    /** Whether a block starts a ustar archive (POSIX {@code ustar\0} or GNU {@code ustar }). */
    static boolean hasMagic(byte[] block) {
        if (block.length < BLOCK) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (block[MAGIC_AT + i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /** Whether a block is all zeros: the end-of-archive marker. */
    static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /** Parses a header block. */
    static TarHeader parse(byte[] block) throws ArchiveException {
        if (!hasMagic(block)) {
            throw new ArchiveException(CORRUPT, "A tar header lacks the ustar magic");
        }
        checkChecksum(block);
        long size = number(block, 124, 12);
        return new TarHeader(block[156], size, block[MAGIC_AT + 5] == 0, block.clone());
    }

    /** The name the header holds: {@code prefix/name} for POSIX headers, as raw bytes. */
    byte[] rawName() {
        byte[] name = field(0, 100);
        byte[] prefix = posix ? field(345, 155) : new byte[0];
        if (prefix.length == 0) {
            return name;
        }
        byte[] joined = new byte[prefix.length + 1 + name.length];
        System.arraycopy(prefix, 0, joined, 0, prefix.length);
        joined[prefix.length] = '/';
        System.arraycopy(name, 0, joined, prefix.length + 1, name.length);
        return joined;
    }

    /** The header's name, decoded as strict UTF-8. */
    String name() throws ArchiveException {
        byte[] raw = rawName();
        return EntryNames.decode(raw, 0, raw.length);
    }

    private byte[] field(int offset, int length) {
        int end = offset;
        while (end < offset + length && block[end] != 0) {
            end++;
        }
        byte[] out = new byte[end - offset];
        System.arraycopy(block, offset, out, 0, out.length);
        return out;
    }

    private static void checkChecksum(byte[] block) throws ArchiveException {
        long unsigned = 0;
        long signed = 0;
        for (int i = 0; i < BLOCK; i++) {
            boolean inField = i >= CHECKSUM_AT && i < CHECKSUM_AT + CHECKSUM_LENGTH;
            unsigned += inField ? ' ' : block[i] & 0xff;
            signed += inField ? ' ' : block[i];
        }
        long stored = number(block, CHECKSUM_AT, CHECKSUM_LENGTH);
        if (stored != unsigned && stored != signed) {
            throw new ArchiveException(CORRUPT, "A tar header has a wrong checksum");
        }
    }

    /**
     * A numeric field: octal digits between optional leading spaces and a space or NUL, or GNU's
     * base-256 form (high bit set), read as at most {@link Long#MAX_VALUE}, which any limit refuses.
     */
    static long number(byte[] block, int offset, int length) throws ArchiveException {
        if ((block[offset] & 0x80) != 0) {
            return base256(block, offset, length);
        }
        int i = offset;
        int end = offset + length;
        while (i < end && block[i] == ' ') {
            i++;
        }
        long value = 0;
        for (; i < end && block[i] != 0 && block[i] != ' '; i++) {
            if (block[i] < '0' || block[i] > '7') {
                throw new ArchiveException(CORRUPT, "A tar header has a malformed number");
            }
            value = value * 8 + (block[i] - '0');
        }
        for (; i < end; i++) {
            if (block[i] != 0 && block[i] != ' ') {
                throw new ArchiveException(CORRUPT, "A tar header has a malformed number");
            }
        }
        return value;
    }

    private static long base256(byte[] block, int offset, int length) throws ArchiveException {
        if ((block[offset] & 0x40) != 0) {
            throw new ArchiveException(CORRUPT, "A tar header has a negative number");
        }
        if ((block[offset] & 0xff) != 0x80) {
            return Long.MAX_VALUE;
        }
        long value = 0;
        for (int i = offset + 1; i < offset + length; i++) {
            if (value > (Long.MAX_VALUE >> 8)) {
                return Long.MAX_VALUE;
            }
            value = (value << 8) | (block[i] & 0xff);
        }
        return value;
    }
}
