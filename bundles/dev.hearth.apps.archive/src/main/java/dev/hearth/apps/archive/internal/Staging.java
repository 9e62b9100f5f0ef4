package dev.hearth.apps.archive.internal;

import static dev.hearth.apps.archive.ArchiveException.Reason.ENTRY_TOO_LARGE;

import dev.hearth.apps.archive.ArchiveException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One temporary file that holds every file of the archive back to back. The jar's entries must be
 * sorted and the top folder is known only at the end, so the files are kept until then; one file
 * and a list of slices cost far less than a temporary file per entry, and nothing is held in
 * memory. Write failures are remembered so that the converter does not report a full disk as a
 * corrupt archive.
 */
final class Staging implements Closeable {
    private static final int BUFFER = 64 * 1024;

    /** Where one staged file lies. */
    record Slice(long offset, long length) {}

    private final FileChannel channel;
    private final byte[] buffer = new byte[BUFFER];
    private long size;
    private boolean failed;

    Staging(Path file) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    /**
     * Copies one file's real bytes.
     *
     * @throws ArchiveException ENTRY_TOO_LARGE as soon as more than {@code max} bytes arrive
     */
    Slice copy(String name, InputStream data, long max) throws IOException {
        long offset = size;
        long length = 0;
        int n;
        while ((n = data.read(buffer, 0, buffer.length)) >= 0) {
            length += n;
            if (length > max) {
                throw new ArchiveException(
                        ENTRY_TOO_LARGE, "The file " + EntryNames.quote(name) + " is larger than " + max + " bytes");
            }
            write(n);
        }
        return new Slice(offset, length);
    }

    /** Reads a staged file back. */
    InputStream open(Slice slice) {
        return new InputStream() {
            private long position = slice.offset();
            private final long end = slice.offset() + slice.length();

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (position >= end) {
                    return -1;
                }
                int want = (int) Math.min(len, end - position);
                int n = channel.read(ByteBuffer.wrap(b, off, want), position);
                if (n < 0) {
                    throw new IOException("The staging file is shorter than what was written to it");
                }
                position += n;
                return n;
            }
        };
    }

    /** Whether writing to the staging file failed (a disk error, not the archive's fault). */
    boolean failed() {
        return failed;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private void write(int n) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, n);
        try {
            while (bytes.hasRemaining()) {
                size += channel.write(bytes, size);
            }
        } catch (IOException e) {
            failed = true;
            throw e;
        }
    }
}
