package dev.hearth.apps.archive.internal;

import static dev.hearth.apps.archive.ArchiveException.Reason.CORRUPT;
import static dev.hearth.apps.archive.ArchiveException.Reason.ENTRY_TOO_LARGE;
import static dev.hearth.apps.archive.ArchiveException.Reason.LINK;
import static dev.hearth.apps.archive.ArchiveException.Reason.PATH_TOO_LONG;
import static dev.hearth.apps.archive.ArchiveException.Reason.SPECIAL_FILE;
import static dev.hearth.apps.archive.ArchiveException.Reason.TRUNCATED;
import static dev.hearth.apps.archive.ArchiveException.Reason.UNSUPPORTED_ENTRY;
import static dev.hearth.apps.archive.internal.TarHeader.BLOCK;

import dev.hearth.apps.archive.ArchiveException;
import dev.hearth.apps.archive.Limits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Reads a ustar tar stream: POSIX names with their {@code prefix}, pax extended headers ({@code
 * x}, and global {@code g} ones, which may not set a name or size), GNU {@code ././@LongLink}
 * names ({@code L}, and {@code K} link names, read only to be skipped). Regular files and
 * directories go to the handler; links, devices, FIFOs and every other type are refused. Data is
 * framed by the declared size but counted as it arrives, so a size the stream does not deliver is
 * a truncation, never a buffer to fill.
 */
final class TarReader {
    /** The largest pax header read: names are bounded separately; the rest is metadata we drop. */
    static final int MAX_PAX_BYTES = 64 * 1024;

    /** Metadata headers allowed before an entry: one pax, one GNU name, one GNU link, one global. */
    private static final int MAX_META_HEADERS = 4;

    /** What metadata headers said about the next entry. */
    private static final class Pending {
        @Nullable
        String path;

        @Nullable
        String longName;

        long size = -1;
        int headers;
    }

    private final InputStream in;
    private final Limits limits;
    private final byte[] block = new byte[BLOCK];

    TarReader(InputStream in, Limits limits) {
        this.in = in;
        this.limits = limits;
    }

    /** Reads every entry up to the end-of-archive marker; what follows it is left unread. */
    void read(EntryHandler handler) throws IOException {
        Pending pending = new Pending();
        while (readHeaderBlock()) {
            TarHeader header = TarHeader.parse(block);
            if (++pending.headers > MAX_META_HEADERS + 1) {
                throw new ArchiveException(CORRUPT, "Too many tar metadata headers in a row");
            }
            if (!readMeta(header, pending)) {
                entry(header, pending, handler);
                pending = new Pending();
            }
        }
        if (pending.path != null || pending.longName != null || pending.size >= 0) {
            throw new ArchiveException(CORRUPT, "A tar pax or GNU header is not followed by an entry");
        }
    }

    /** Reads a metadata header's data into {@code pending}; false for any other header. */
    private boolean readMeta(TarHeader header, Pending pending) throws IOException {
        switch (header.type()) {
            case 'x' -> {
                PaxRecords records = PaxRecords.parse(readData(header, MAX_PAX_BYTES, UNSUPPORTED_ENTRY));
                pending.path = records.path() != null ? records.path() : pending.path;
                pending.size = records.size() >= 0 ? records.size() : pending.size;
            }
            case 'g' -> {
                PaxRecords records = PaxRecords.parse(readData(header, MAX_PAX_BYTES, UNSUPPORTED_ENTRY));
                if (records.path() != null || records.size() >= 0) {
                    throw new ArchiveException(UNSUPPORTED_ENTRY, "A global pax header sets a path or a size");
                }
            }
            case 'L' -> pending.longName = gnuName(readData(header, limits.maxPathLength() + 1, PATH_TOO_LONG));
            case 'K' -> readData(header, limits.maxPathLength() + 1, PATH_TOO_LONG);
            default -> {
                return false;
            }
        }
        return true;
    }

    private void entry(TarHeader header, Pending pending, EntryHandler handler) throws IOException {
        byte type = header.type();
        if (type == '1' || type == '2') {
            throw new ArchiveException(LINK, "The entry " + shown(header, pending) + " is a link");
        }
        if (type == '3' || type == '4' || type == '6') {
            throw new ArchiveException(SPECIAL_FILE, "The entry " + shown(header, pending) + " is a device or a FIFO");
        }
        if (type != '0' && type != 0 && type != '7' && type != '5') {
            throw new ArchiveException(
                    UNSUPPORTED_ENTRY,
                    "The entry " + shown(header, pending) + " has the unsupported tar type '" + (char) (type & 0xff)
                            + "'");
        }
        String name = pending.path != null ? pending.path : pending.longName != null ? pending.longName : header.name();
        long size = pending.size >= 0 ? pending.size : header.size();
        if (type == '5') {
            if (size != 0) {
                throw new ArchiveException(CORRUPT, "The directory " + EntryNames.quote(name) + " has data");
            }
            handler.directory(name);
        } else {
            file(name, size, handler);
        }
    }

    private void file(String name, long size, EntryHandler handler) throws IOException {
        if (size > limits.maxEntryBytes()) {
            throw new ArchiveException(
                    ENTRY_TOO_LARGE,
                    "The file " + EntryNames.quote(name) + " declares " + size + " bytes, more than "
                            + limits.maxEntryBytes());
        }
        Data data = new Data(size);
        handler.file(name, data);
        skip(data.remaining);
        skip(padding(size));
    }

    private byte[] readData(TarHeader header, long max, ArchiveException.Reason reason) throws IOException {
        if (header.size() > max) {
            throw new ArchiveException(
                    reason, "A tar metadata header of " + header.size() + " bytes is larger than " + max);
        }
        byte[] data = new byte[(int) header.size()];
        readFully(data, data.length);
        skip(padding(data.length));
        return data;
    }

    private static String gnuName(byte[] data) throws ArchiveException {
        int end = 0;
        while (end < data.length && data[end] != 0) {
            end++;
        }
        return EntryNames.decode(data, 0, end);
    }

    private static String shown(TarHeader header, Pending pending) {
        String name = pending.path != null ? pending.path : pending.longName;
        return EntryNames.quote(name != null ? name : new String(header.rawName(), StandardCharsets.UTF_8));
    }

    /** Reads the next header block; false at the end-of-archive marker (a zero block). */
    private boolean readHeaderBlock() throws IOException {
        readFully(block, BLOCK);
        return !TarHeader.isZero(block);
    }

    private void readFully(byte[] into, int length) throws IOException {
        if (in.readNBytes(into, 0, length) < length) {
            throw truncated();
        }
    }

    private void skip(long count) throws IOException {
        byte[] scratch = new byte[(int) Math.min(count, 8192)];
        for (long left = count; left > 0; ) {
            int n = in.read(scratch, 0, (int) Math.min(left, scratch.length));
            if (n < 0) {
                throw truncated();
            }
            left -= n;
        }
    }

    private static long padding(long size) {
        return (BLOCK - size % BLOCK) % BLOCK;
    }

    private static ArchiveException truncated() {
        return new ArchiveException(TRUNCATED, "The tar archive ends before its end-of-archive marker");
    }

    /** One file's data: at most its declared size, and a truncation if the stream ends before. */
    private final class Data extends InputStream {
        long remaining;

        Data(long size) {
            this.remaining = size;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining == 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, remaining));
            if (n < 0) {
                throw truncated();
            }
            remaining -= n;
            return n;
        }
    }
}
