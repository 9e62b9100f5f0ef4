package dev.hearth.datasystem.internal.store;

import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;

/**
 * Keeps MVStore's pooled write buffers only for a store that commits often.
 *
 * <p>MVStore pools the buffers of its commits (at least 1 MB each, at most {@value #POOLED}) for
 * the next ones: worth it for a store that commits often, a waste of a megabyte for each of the
 * many stores that commit now and then. Taking from an empty pool allocates a megabyte that is
 * garbage at once, so no more buffers are taken than the pool may hold.
 */
final class WriteBuffers {
    /** The capacity of MVStore's pool of write buffers. */
    private static final int POOLED = 4;
    /** A store that commits again within this time keeps its write buffers. */
    static final long BUSY_COMMIT_GAP_NANOS = 1_000_000_000L;

    private volatile long lastCommit = System.nanoTime() - BUSY_COMMIT_GAP_NANOS - 1;
    private volatile boolean kept;

    /** After each commit, on the writer: a quiet store gives back the one buffer it used. */
    void committed(MVStore store) {
        long now = System.nanoTime();
        if (now - lastCommit > BUSY_COMMIT_GAP_NANOS) {
            drop(store, 1);
        } else {
            kept = true;
        }
        lastCommit = now;
    }

    /** Nanosecond timestamp of the last commit. */
    long lastCommit() {
        return lastCommit;
    }

    /** Gives back the buffers a busy store kept, once it went quiet. */
    void trim(MVStore store) {
        if (kept) {
            dropAll(store);
        }
    }

    /** Gives back every pooled buffer (after compaction, whose quick commits look busy). */
    void dropAll(MVStore store) {
        kept = false;
        drop(store, POOLED);
    }

    private static void drop(MVStore store, int buffers) {
        FileStore<?> files = store.getFileStore();
        for (int i = 0; i < buffers; i++) {
            files.getWriteBuffer();
        }
    }
}
