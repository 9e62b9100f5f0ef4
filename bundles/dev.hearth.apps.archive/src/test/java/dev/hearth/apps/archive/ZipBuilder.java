package dev.hearth.apps.archive;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes zip archives field by field: names with backslashes or bad bytes, duplicates, Unix modes
 * in the central directory, wrong CRCs and directories that disagree with the entries, none of
 * which {@code ZipOutputStream} would write.
 */
final class ZipBuilder {
    static final int REGULAR = 0100644;
    static final int SYMLINK = 0120777;
    static final int FIFO = 010644;

    /** One entry and what may be wrong with it. */
    private static final class Entry {
        byte[] name;
        byte[] centralName;
        byte[] data;
        boolean deflate;
        int mode = REGULAR;
        int flags = 0x800;
        int method;
        long crcDelta;
    }

    private final List<Entry> entries = new ArrayList<>();
    private int centralSkip;

    ZipBuilder add(String name, String content) {
        return add(name.getBytes(StandardCharsets.UTF_8), content.getBytes(StandardCharsets.UTF_8), true, REGULAR);
    }

    ZipBuilder add(byte[] name, byte[] data, boolean deflate, int mode) {
        Entry entry = new Entry();
        entry.name = name;
        entry.centralName = name;
        entry.data = data;
        entry.deflate = deflate;
        entry.method = deflate ? 8 : 0;
        entry.mode = mode;
        entries.add(entry);
        return this;
    }

    /** Gives the last entry another name in the central directory than in its local header. */
    ZipBuilder centralName(String name) {
        last().centralName = name.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    /** Writes a wrong CRC for the last entry, in both headers. */
    ZipBuilder wrongCrc() {
        last().crcDelta = 1;
        return this;
    }

    /** Sets the last entry's general-purpose flags (bit 0: encrypted). */
    ZipBuilder flags(int flags) {
        last().flags = flags;
        return this;
    }

    /** Declares another compression method for the last entry (its data stays stored). */
    ZipBuilder method(int method) {
        last().method = method;
        return this;
    }

    /** Leaves the last {@code count} entries out of the central directory. */
    ZipBuilder omitFromCentral(int count) {
        centralSkip = count;
        return this;
    }

    byte[] build() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream central = new ByteArrayOutputStream();
        int listed = 0;
        for (Entry entry : entries) {
            byte[] stored = entry.deflate ? deflate(entry.data) : entry.data;
            long crc = crc(entry.data) + entry.crcDelta;
            int offset = out.size();
            u32(out, 0x04034b50L);
            common(out, entry, crc, stored.length, entry.name);
            out.writeBytes(entry.name);
            out.writeBytes(stored);
            if (listed++ < entries.size() - centralSkip) {
                u32(central, 0x02014b50L);
                u16(central, (3 << 8) | 20);
                common(central, entry, crc, stored.length, entry.centralName);
                u16(central, 0); // comment
                u16(central, 0); // disk
                u16(central, 0); // internal attributes
                u32(central, (long) entry.mode << 16);
                u32(central, offset);
                central.writeBytes(entry.centralName);
            }
        }
        int centralOffset = out.size();
        out.writeBytes(central.toByteArray());
        u32(out, 0x06054b50L);
        u16(out, 0);
        u16(out, 0);
        u16(out, listed - centralSkip);
        u16(out, listed - centralSkip);
        u32(out, central.size());
        u32(out, centralOffset);
        u16(out, 0);
        return out.toByteArray();
    }

    /** The fields local and central headers share, from "version needed" to "extra length". */
    private static void common(ByteArrayOutputStream out, Entry entry, long crc, int compressed, byte[] name) {
        u16(out, 20);
        u16(out, entry.flags);
        u16(out, entry.method);
        u16(out, 0);
        u16(out, (1 << 5) | 1);
        u32(out, crc & 0xffffffffL);
        u32(out, compressed);
        u32(out, entry.data.length);
        u16(out, name.length);
        u16(out, 0);
    }

    static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(data);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    private Entry last() {
        return entries.getLast();
    }

    private static long crc(byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        return crc.getValue();
    }

    private static void u16(ByteArrayOutputStream out, int value) {
        out.write(value & 0xff);
        out.write((value >>> 8) & 0xff);
    }

    private static void u32(ByteArrayOutputStream out, long value) {
        u16(out, (int) (value & 0xffff));
        u16(out, (int) ((value >>> 16) & 0xffff));
    }
}
