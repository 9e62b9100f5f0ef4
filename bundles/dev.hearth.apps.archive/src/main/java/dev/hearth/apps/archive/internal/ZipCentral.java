package dev.hearth.apps.archive.internal;

import static dev.hearth.apps.archive.ArchiveException.Reason.CORRUPT;
import static dev.hearth.apps.archive.ArchiveException.Reason.LINK;
import static dev.hearth.apps.archive.ArchiveException.Reason.PATH_TOO_LONG;
import static dev.hearth.apps.archive.ArchiveException.Reason.SPECIAL_FILE;
import static dev.hearth.apps.archive.ArchiveException.Reason.UNSUPPORTED_ENTRY;

import dev.hearth.apps.archive.ArchiveException;
import dev.hearth.apps.archive.Limits;
import dev.hearth.apps.archive.internal.ZipReader.LocalEntry;
import java.io.IOException;
import java.util.List;

/**
 * A zip's central directory, read after its entries. It must list exactly the entries read, in
 * the same order with the same names, CRCs and sizes: a zip whose two indexes disagree is read
 * differently by different tools, and this one refuses to guess. It is also where Unix modes live,
 * so links, devices and FIFOs are refused here.
 */
final class ZipCentral {
    private static final long CENTRAL = 0x02014b50L;
    private static final long END = 0x06054b50L;
    private static final long ZIP64_END = 0x06064b50L;
    private static final int UNIX = 3;
    private static final int TYPE_MASK = 0xf000;
    private static final int SYMLINK = 0xa000;
    private static final int REGULAR = 0x8000;
    private static final int DIRECTORY = 0x4000;

    private final ZipInput input;
    private final Limits limits;

    ZipCentral(ZipInput input, Limits limits) {
        this.input = input;
        this.limits = limits;
    }

    /** Reads a name field, refusing one longer than the limit before reading it. */
    static String name(ZipInput input, int length, Limits limits) throws IOException {
        if (length > limits.maxPathLength()) {
            throw new ArchiveException(
                    PATH_TOO_LONG, "A zip entry name is longer than " + limits.maxPathLength() + " bytes");
        }
        byte[] name = input.bytes(length);
        return EntryNames.decode(name, 0, name.length);
    }

    /** Reads the directory, whose first signature has been read already, and its end record. */
    void read(long signature, List<LocalEntry> entries) throws IOException {
        int index = 0;
        for (long next = signature; next != END; next = input.u32()) {
            if (next == ZIP64_END) {
                throw new ArchiveException(UNSUPPORTED_ENTRY, "The archive uses zip64");
            }
            if (next != CENTRAL) {
                throw new ArchiveException(CORRUPT, "The zip archive has an unknown record");
            }
            if (index >= entries.size()) {
                throw mismatch();
            }
            header(entries.get(index++));
        }
        if (index != entries.size()) {
            throw mismatch();
        }
        end(index);
    }

    private void header(LocalEntry entry) throws IOException {
        int madeBy = input.u16();
        input.skip(10); // version needed, flags, method, time, date
        long crc = input.u32();
        input.u32(); // compressed size
        long size = input.u32();
        int nameLength = input.u16();
        int extraLength = input.u16();
        int commentLength = input.u16();
        input.skip(4); // disk, internal attributes
        long external = input.u32();
        input.u32(); // local header offset
        String name = name(input, nameLength, limits);
        input.skip((long) extraLength + commentLength);
        if (!name.equals(entry.name()) || crc != entry.crc() || size != entry.size()) {
            throw mismatch();
        }
        checkMode(madeBy, external, name);
    }

    private static void checkMode(int madeBy, long external, String name) throws ArchiveException {
        if (madeBy >> 8 != UNIX) {
            return;
        }
        int type = (int) (external >>> 16) & TYPE_MASK;
        if (type == SYMLINK) {
            throw new ArchiveException(LINK, "The entry " + EntryNames.quote(name) + " is a link");
        }
        if (type != 0 && type != REGULAR && type != DIRECTORY) {
            throw new ArchiveException(
                    SPECIAL_FILE, "The entry " + EntryNames.quote(name) + " is a device, a FIFO or a socket");
        }
    }

    private void end(int count) throws IOException {
        int disk = input.u16();
        int directoryDisk = input.u16();
        int entriesHere = input.u16();
        int entriesTotal = input.u16();
        input.skip(8); // directory size, directory offset
        input.skip(input.u16()); // comment
        if (disk != 0 || directoryDisk != 0) {
            throw new ArchiveException(UNSUPPORTED_ENTRY, "The zip archive spans several disks");
        }
        if (entriesHere != count || entriesTotal != count) {
            throw mismatch();
        }
    }

    private static ArchiveException mismatch() {
        return new ArchiveException(CORRUPT, "The zip central directory does not match the entries");
    }
}
