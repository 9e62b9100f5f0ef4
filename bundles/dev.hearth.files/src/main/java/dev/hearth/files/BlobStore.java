package dev.hearth.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.util.function.Consumer;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Where file contents live, by opaque key, per instance. Small and stream-based so that an object
 * store can implement it: contents are written once under a new key, never modified, read from an
 * offset, and deleted. The file system commits a document only after {@link Staged#commit} returned,
 * and deletes the blobs of a document only after the document's change was committed.
 */
@ConsumerType
public interface BlobStore {

    /** Content being written: its size and MD5 are known once the stream was read to its end. */
    interface Staged extends AutoCloseable {
        long size();

        /** The raw MD5 digest of what was read. */
        byte[] md5();

        /** Makes the content durable under {@code key}, atomically: either it is all there or not at all. */
        void commit(String key) throws IOException;

        /** Forgets content that was not committed; harmless after a commit. */
        @Override
        void close();
    }

    /** Thrown by {@link #stage} when the stream is longer than allowed; nothing is kept. */
    final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        public TooLargeException(long max) {
            super("Content larger than " + max + " bytes");
        }
    }

    /**
     * Reads {@code content} to its end into temporary storage, computing its MD5 and size on the fly.
     * On any failure (including {@link TooLargeException}) nothing is left behind.
     *
     * @param maxBytes the most bytes accepted
     */
    Staged stage(String domain, InputStream content, long maxBytes) throws IOException;

    /** Opens a blob at {@code offset}. */
    InputStream open(String domain, String key, long offset) throws IOException;

    /**
     * Opens a blob at {@code offset} as a channel. A store on local disk answers a
     * {@link java.nio.channels.FileChannel}, which the HTTP layer sends without copying it through
     * the heap; the default wraps {@link #open}.
     */
    default ReadableByteChannel channel(String domain, String key, long offset) throws IOException {
        return Channels.newChannel(open(domain, key, offset));
    }

    /**
     * Reads {@code length} bytes of a blob from {@code offset} in one go: a small content, sent whole
     * with its length known. Fails when the blob is shorter.
     */
    default byte[] read(String domain, String key, long offset, int length) throws IOException {
        try (InputStream in = open(domain, key, offset)) {
            byte[] bytes = in.readNBytes(length);
            if (bytes.length < length) {
                throw new IOException("The content is shorter than announced");
            }
            return bytes;
        }
    }

    /** The size of a blob, or -1 when there is none under that key. */
    long size(String domain, String key);

    /** Deletes a blob; nothing happens when there is none. */
    void delete(String domain, String key);

    /** Calls {@code action} with the key of every committed blob of the instance. */
    void forEach(String domain, Consumer<String> action) throws IOException;

    /** Removes staged content a killed process left behind; returns how many were removed. */
    int cleanStaging(String domain) throws IOException;
}
