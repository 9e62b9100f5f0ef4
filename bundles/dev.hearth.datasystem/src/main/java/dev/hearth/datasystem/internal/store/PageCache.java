package dev.hearth.datasystem.internal.store;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.h2.mvstore.FileStore;

/**
 * The page cache of one open store. A query reading ten documents at random from a large store
 * reads ten leaf pages: with a cache far smaller than the document map, nearly each one is read
 * from the file and decoded again. So the cache of a store in use whose reads keep missing it
 * grows with the file ({@link PageCaches#megabytesFor}), within the memory all the grown caches
 * of the process share ({@link PageCaches}). A store opens with the smallest cache and grows only
 * on reads: MVStore also caches the pages it writes, so a cache grown for a burst of writes would
 * fill with them and hold that memory for nothing. MVStore empties the cache when its size
 * changes, so it grows in one step to the size the file asks for, and goes back to the smallest
 * size a few seconds after the store was last used: the pages of an idle store are not worth
 * their memory, and re-reading them after a pause costs decoding, not disk reads (the system's
 * file cache keeps the file).
 */
final class PageCache {
    /**
     * Pages read from the file between two checks (about a second apart) that make the cache
     * grow: a store answering queries over more data than its cache reads tens of thousands;
     * a few hundred queries or the writes of a bulk load read far fewer.
     */
    static final long READS_TO_GROW = 4_000;

    /** A store used within this time is in use: its cache may grow, and is not taken from. */
    static final long IN_USE_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** A store unused for this long gives its grown cache back. */
    static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final PageCaches caches;
    private final FileStore<?> files;
    private final LongSupplier lastUsed;
    private volatile int megabytes;
    private long readsSeen;

    PageCache(PageCaches caches, FileStore<?> files, LongSupplier lastUsed) {
        this.caches = caches;
        this.files = files;
        this.lastUsed = lastUsed;
        this.megabytes = caches.smallest();
        this.readsSeen = files.getReadCount();
    }

    /** The size of the cache, in megabytes. */
    int megabytes() {
        return megabytes;
    }

    /** Nanosecond timestamp of the last use of the store. */
    long lastUsed() {
        return lastUsed.getAsLong();
    }

    /**
     * Grows the cache of a store in use whose file outgrew it, when its reads missed the cache
     * at least {@link #READS_TO_GROW} times since the last call; shrinks it once the store was
     * quiet for {@link #QUIET_NANOS}. Called about once a second, by one thread at a time.
     */
    void fit(long nowNanos) {
        long reads = files.getReadCount();
        long missed = reads - readsSeen;
        readsSeen = reads;
        long unused = nowNanos - lastUsed();
        if (unused >= QUIET_NANOS) {
            if (megabytes > caches.smallest()) {
                caches.release(this, true);
            }
        } else if (unused < IN_USE_NANOS && missed >= READS_TO_GROW) {
            int wanted = caches.megabytesFor(files.size());
            if (wanted > megabytes) {
                caches.grow(this, wanted, nowNanos - IN_USE_NANOS);
            }
        }
    }

    /** Gives the memory back as the store closes. */
    void close() {
        caches.release(this, false);
    }

    /** Sets the size; only by {@link PageCaches}, which accounts for it. */
    void resize(int size) {
        megabytes = size;
        files.setCacheSize(size);
    }
}
