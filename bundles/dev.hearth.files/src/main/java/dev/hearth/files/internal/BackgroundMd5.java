package dev.hearth.files.internal;

import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * An MD5 computed on a thread of its own while the caller goes on reading and writing content, so
 * that hashing and the disk write of an upload run on two cores at once. The caller takes a buffer
 * with {@link #buffer}, fills and writes it, then hands it over with {@link #digest(byte[], int)};
 * the buffer comes back to the pool once hashed. Chunks are hashed in the order handed over.
 */
final class BackgroundMd5 implements AutoCloseable {
    private static final int BUFFERS = 4;

    private record Chunk(byte[] bytes, int length) {}

    private static final Chunk END = new Chunk(new byte[0], 0);

    private final MessageDigest md5;
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BUFFERS);
    private final BlockingQueue<Chunk> queued = new ArrayBlockingQueue<>(BUFFERS + 1);
    private final Thread thread;
    private volatile boolean failed;

    /** Starts hashing after what {@code md5} has already digested, with buffers of {@code size} bytes. */
    BackgroundMd5(MessageDigest md5, int size) {
        this.md5 = md5;
        for (int i = 0; i < BUFFERS; i++) {
            free.add(new byte[size]);
        }
        this.thread = Thread.ofVirtual().name("md5").start(this::run);
    }

    private void run() {
        try {
            for (Chunk c; (c = queued.take()) != END; ) {
                md5.update(c.bytes(), 0, c.length());
                free.put(c.bytes());
            }
        } catch (InterruptedException e) {
            failed = true;
        }
    }

    /** A buffer to fill, once one is free. */
    byte[] buffer() throws InterruptedIOException {
        try {
            return free.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while hashing");
        }
    }

    /** Hands over the first {@code length} bytes of a buffer taken from {@link #buffer}. */
    void digest(byte[] buffer, int length) throws InterruptedIOException {
        try {
            queued.put(new Chunk(buffer, length));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while hashing");
        }
    }

    /** Waits for every chunk handed over to be hashed into the digest given at the start. */
    void finish() throws InterruptedIOException {
        try {
            queued.put(END);
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while hashing");
        }
        if (failed) {
            throw new InterruptedIOException("The hashing thread was interrupted");
        }
    }

    /** Stops the hashing thread if {@link #finish} was not reached (a failed upload). */
    @Override
    public void close() {
        thread.interrupt();
    }
}
