package dev.hearth.apps.archive.internal;

import static dev.hearth.apps.archive.ArchiveException.Reason.CORRUPT;
import static dev.hearth.apps.archive.ArchiveException.Reason.UNSUPPORTED_ENTRY;

import dev.hearth.apps.archive.ArchiveException;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The records of a pax extended header ({@code "<length> <key>=<value>\n"}, POSIX.1-2001), of which
 * only {@code path} and {@code size} matter here. Sparse files ({@code GNU.sparse.*}) are refused:
 * their data is not their content.
 *
 * @param path the entry's name, overriding the header's, or {@code null}
 * @param size the entry's size, overriding the header's, or -1
 */
record PaxRecords(@Nullable String path, long size) {
    private static final int MAX_SIZE_DIGITS = 18;

    /** Parses a pax header's data. */
    static PaxRecords parse(byte[] data) throws ArchiveException {
        String path = null;
        long size = -1;
        int at = 0;
        while (at < data.length) {
            int space = indexOf(data, (byte) ' ', at);
            int length = recordLength(data, at, space);
            int end = at + length;
            int equals = indexOf(data, (byte) '=', space + 1);
            if (end > data.length || equals < 0 || equals >= end || data[end - 1] != '\n') {
                throw malformed();
            }
            String key = new String(data, space + 1, equals - space - 1, StandardCharsets.UTF_8);
            int valueAt = equals + 1;
            int valueLength = end - 1 - valueAt;
            if (key.startsWith("GNU.sparse.")) {
                throw new ArchiveException(UNSUPPORTED_ENTRY, "The archive holds a sparse file");
            }
            if (key.equals("path")) {
                path = EntryNames.decode(data, valueAt, valueLength);
            } else if (key.equals("size")) {
                size = decimal(data, valueAt, valueLength);
            }
            at = end;
        }
        return new PaxRecords(path, size);
    }

    private static int recordLength(byte[] data, int at, int space) throws ArchiveException {
        if (space < 0 || space == at || space - at > 9) {
            throw malformed();
        }
        int length = (int) decimal(data, at, space - at);
        if (length <= space - at + 1) {
            throw malformed();
        }
        return length;
    }

    private static long decimal(byte[] data, int at, int length) throws ArchiveException {
        if (length == 0 || length > MAX_SIZE_DIGITS) {
            throw malformed();
        }
        long value = 0;
        for (int i = at; i < at + length; i++) {
            if (data[i] < '0' || data[i] > '9') {
                throw malformed();
            }
            value = value * 10 + (data[i] - '0');
        }
        return value;
    }

    private static int indexOf(byte[] data, byte wanted, int from) {
        for (int i = from; i < data.length; i++) {
            if (data[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static ArchiveException malformed() {
        return new ArchiveException(CORRUPT, "A tar pax header is malformed");
    }
}
