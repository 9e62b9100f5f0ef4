package dev.hearth.apps.archive.internal;

import static dev.hearth.apps.archive.ArchiveException.Reason.CORRUPT;
import static dev.hearth.apps.archive.ArchiveException.Reason.ENTRY_TOO_LARGE;
import static dev.hearth.apps.archive.ArchiveException.Reason.UNSUPPORTED_ENTRY;

import dev.hearth.apps.archive.ArchiveException;
import dev.hearth.apps.archive.Limits;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads a zip stream front to back, by its local headers, then checks the central directory
 * against what was read (see {@link ZipCentral}). {@code ZipInputStream} is not used: it never
 * reads the central directory, which is the only place a zip marks a symbolic link. Entries are
 * stored or deflated, neither encrypted nor zip64; sizes and CRCs are computed from the real data
 * and must equal what the headers or data descriptors say.
 */
final class ZipReader {
    static final long LOCAL = 0x04034b50L;
    private static final long DESCRIPTOR = 0x08074b50L;
    private static final long ZIP64_MARK = 0xffffffffL;
    private static final int STORED = 0;
    private static final int DEFLATED = 8;

    /** An entry as read: its name and its real CRC and size, for the central directory check. */
    record LocalEntry(String name, long crc, long size) {}

    /** A local header's fields. */
    private record Header(String name, int flags, int method, long crc, long compressed, long size) {
        boolean hasDescriptor() {
            return (flags & 8) != 0;
        }
    }

    private final ZipInput input;
    private final Limits limits;
    private final Meter meter;
    private final List<LocalEntry> entries = new ArrayList<>();

    ZipReader(InputStream in, Limits limits, Meter meter) {
        this.input = new ZipInput(in);
        this.limits = limits;
        this.meter = meter;
    }

    /** Reads every entry, then the central directory and its end record. */
    void read(EntryHandler handler) throws IOException {
        Inflater inflater = new Inflater(true);
        try {
            long signature;
            while ((signature = input.u32()) == LOCAL) {
                entry(header(), inflater, handler);
            }
            new ZipCentral(input, limits).read(signature, entries);
        } finally {
            inflater.end();
        }
    }

    private Header header() throws IOException {
        input.u16(); // version needed
        int flags = input.u16();
        int method = input.u16();
        input.skip(4); // time, date
        long crc = input.u32();
        long compressed = input.u32();
        long size = input.u32();
        int nameLength = input.u16();
        int extraLength = input.u16();
        String name = ZipCentral.name(input, nameLength, limits);
        checkExtra(input.bytes(extraLength));
        Header header = new Header(name, flags, method, crc, compressed, size);
        checkSupported(header);
        return header;
    }

    private void entry(Header header, Inflater inflater, EntryHandler handler) throws IOException {
        boolean directory = header.name().endsWith("/");
        if (!directory && !header.hasDescriptor() && header.size() > limits.maxEntryBytes()) {
            throw new ArchiveException(
                    ENTRY_TOO_LARGE,
                    "The file " + EntryNames.quote(header.name()) + " declares " + header.size() + " bytes");
        }
        inflater.reset();
        Data data = new Data(header, inflater);
        if (directory) {
            handler.directory(header.name());
        } else {
            handler.file(header.name(), data);
        }
        data.skipRest();
        if (directory && data.produced > 0) {
            throw new ArchiveException(CORRUPT, "The directory " + EntryNames.quote(header.name()) + " has data");
        }
        verify(header, data);
        entries.add(new LocalEntry(header.name(), data.crc.getValue(), data.produced));
    }

    private void verify(Header header, Data data) throws IOException {
        long crc = header.crc();
        long compressed = header.compressed();
        long size = header.size();
        if (header.hasDescriptor()) {
            crc = input.u32();
            if (crc == DESCRIPTOR) {
                crc = input.u32();
            }
            compressed = input.u32();
            size = input.u32();
        }
        if (crc != data.crc.getValue() || compressed != data.consumed || size != data.produced) {
            throw new ArchiveException(
                    CORRUPT, "The entry " + EntryNames.quote(header.name()) + " does not match its CRC or sizes");
        }
    }

    private static void checkSupported(Header header) throws ArchiveException {
        String name = EntryNames.quote(header.name());
        if ((header.flags() & 1) != 0) {
            throw new ArchiveException(UNSUPPORTED_ENTRY, "The entry " + name + " is encrypted");
        }
        if (header.method() != STORED && header.method() != DEFLATED) {
            throw new ArchiveException(
                    UNSUPPORTED_ENTRY, "The entry " + name + " uses compression method " + header.method());
        }
        if (header.method() == STORED && header.hasDescriptor()) {
            throw new ArchiveException(UNSUPPORTED_ENTRY, "The stored entry " + name + " has no size");
        }
        if (header.method() == STORED && header.compressed() != header.size()) {
            throw new ArchiveException(CORRUPT, "The stored entry " + name + " has two sizes");
        }
        if (header.compressed() == ZIP64_MARK || header.size() == ZIP64_MARK) {
            throw new ArchiveException(UNSUPPORTED_ENTRY, "The entry " + name + " is zip64");
        }
    }

    /** Refuses zip64 extra fields, whose sizes would change how the data descriptor reads. */
    private static void checkExtra(byte[] extra) throws ArchiveException {
        for (int at = 0; at + 4 <= extra.length; ) {
            int id = (extra[at] & 0xff) | (extra[at + 1] & 0xff) << 8;
            int length = (extra[at + 2] & 0xff) | (extra[at + 3] & 0xff) << 8;
            if (id == 1) {
                throw new ArchiveException(UNSUPPORTED_ENTRY, "The archive uses zip64");
            }
            at += 4 + length;
        }
    }

    /** One entry's real bytes, inflated or copied, counted and checksummed as they are read. */
    private final class Data extends InputStream {
        private final Header header;
        private final Inflater inflater;
        private final CRC32 crc = new CRC32();
        private long consumed;
        private long produced;

        Data(Header header, Inflater inflater) {
            this.header = header;
            this.inflater = inflater;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = header.method() == STORED ? readStored(b, off, len) : inflate(b, off, len);
            if (n > 0) {
                crc.update(b, off, n);
                produced += n;
                meter.add(n);
            }
            return n;
        }

        void skipRest() throws IOException {
            byte[] scratch = new byte[8192];
            while (read(scratch, 0, scratch.length) >= 0) {
                // counted by read
            }
        }

        private int readStored(byte[] b, int off, int len) throws IOException {
            long left = header.compressed() - consumed;
            if (left == 0) {
                return -1;
            }
            int n = input.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                throw ZipInput.truncated();
            }
            consumed += n;
            return n;
        }

        private int inflate(byte[] b, int off, int len) throws IOException {
            while (!inflater.finished()) {
                if (inflater.needsInput()) {
                    input.feed(inflater);
                }
                int n;
                try {
                    n = inflater.inflate(b, off, len);
                } catch (DataFormatException e) {
                    throw new ArchiveException(
                            CORRUPT, "The entry " + EntryNames.quote(header.name()) + " has invalid deflate data");
                }
                consumed += input.consumedBy(inflater);
                if (n > 0 || len == 0) {
                    return n;
                }
                if (inflater.needsDictionary()) {
                    throw new ArchiveException(
                            CORRUPT, "The entry " + EntryNames.quote(header.name()) + " needs a dictionary");
                }
            }
            return -1;
        }
    }
}
