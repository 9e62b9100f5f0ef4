package dev.hearth.move.internal;

import dev.hearth.move.ExportPart;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipOutputStream;

/**
 * Writes the zip parts of an export: a part is closed once it holds {@code partsSize} bytes, at
 * the first entry boundary the writer allows ({@link #roll}), and its SHA-256 computed as it is
 * written.
 */
final class Parts implements AutoCloseable {
    private static final Pattern NAME = Pattern.compile("part-[0-9]{4}\\.zip");

    private final Path dir;
    private final long partsSize;
    private final List<ExportPart> done = new ArrayList<>();
    private ZipOutputStream zip;
    private Counting counting;
    private MessageDigest digest;

    Parts(Path dir, long partsSize) throws IOException {
        this.dir = dir;
        this.partsSize = partsSize;
        open();
    }

    static boolean isPartName(String name) {
        return NAME.matcher(name).matches();
    }

    static String partName(int index) {
        return String.format("part-%04d.zip", index);
    }

    private void open() throws IOException {
        digest = sha256();
        counting = new Counting(
                new BufferedOutputStream(Files.newOutputStream(dir.resolve(partName(done.size()))), 1 << 16), digest);
        zip = new ZipOutputStream(counting);
        zip.setLevel(Deflater.BEST_SPEED);
    }

    /** Begins the next part when this one is full: called only between entries that may be apart. */
    void roll() throws IOException {
        if (counting.count >= partsSize) {
            finish();
            open();
        }
    }

    /**
     * Writes one entry whose bytes the writer gives; false when the part has one of that name
     * already (a document changed while it was exported, and was met again), and nothing is written.
     */
    boolean entry(String name, long mtime, Body body) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setTime(mtime);
        return put(e, body);
    }

    /**
     * Writes one entry as it is (no compression: file contents are mostly compressed already, and
     * deflating them would cost more time than it saves), whose size and CRC-32 are known.
     */
    boolean storedEntry(String name, long mtime, long size, long crc, Body body) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setTime(mtime);
        e.setMethod(ZipEntry.STORED);
        e.setSize(size);
        e.setCompressedSize(size);
        e.setCrc(crc);
        return put(e, body);
    }

    private boolean put(ZipEntry e, Body body) throws IOException {
        try {
            zip.putNextEntry(e);
        } catch (ZipException duplicate) {
            if (String.valueOf(duplicate.getMessage()).startsWith("duplicate entry")) {
                return false;
            }
            throw duplicate;
        }
        body.write(zip);
        zip.closeEntry();
        return true;
    }

    /** Writes one small entry. */
    boolean entry(String name, long mtime, byte[] bytes) throws IOException {
        return entry(name, mtime, out -> out.write(bytes));
    }

    /** The bytes of an entry. */
    @FunctionalInterface
    interface Body {
        void write(OutputStream out) throws IOException;
    }

    private void finish() throws IOException {
        zip.finish();
        zip.close();
        done.add(new ExportPart(
                partName(done.size()), counting.count, HexFormat.of().formatHex(digest.digest())));
    }

    /** Closes the last part and answers every part. */
    List<ExportPart> complete() throws IOException {
        finish();
        return List.copyOf(done);
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Counts and digests what goes to the part's file. */
    private static final class Counting extends FilterOutputStream {
        private final MessageDigest digest;
        long count;

        Counting(OutputStream out, MessageDigest digest) {
            super(out);
            this.digest = digest;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            digest.update((byte) b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            digest.update(b, off, len);
            count += len;
        }
    }
}
