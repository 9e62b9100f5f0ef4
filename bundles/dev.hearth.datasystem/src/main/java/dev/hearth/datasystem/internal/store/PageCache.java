package dev.hearth.datasystem.internal.store;

import org.h2.mvstore.FileStore;

/**
 * The size of a store's page cache. A query reading ten documents at random from a large store
 * reads ten leaf pages: with a cache far smaller than the document map, nearly each one is read
 * from the file and decoded again. So the cache of a store whose reads keep missing it follows
 * the file: twice its size (a decoded page takes more memory than its bytes in the file), in
 * powers of two from the smallest size up to the largest. A store opens with the smallest cache
 * and grows only on reads: MVStore also caches the pages it writes, so a cache grown for a burst
 * of writes would fill with them and hold that memory for nothing. MVStore empties the cache when
 * its size changes, so it grows in one step to the size the file asks for, and goes back to the
 * smallest size once the store is quiet (its pages are then no longer worth their memory).
 */
final class PageCache {
    /**
     * Pages read from the file between two checks (about a second apart) that make the cache
     * grow: a store answering queries over more data than its cache reads tens of thousands;
     * a few hundred queries or the writes of a bulk load read far fewer.
     */
    static final long READS_TO_GROW = 4_000;

    private final int smallest;
    private final int largest;
    private volatile int megabytes;
    private long readsSeen;

    PageCache(int smallestMegabytes, int largestMegabytes) {
        this.smallest = smallestMegabytes;
        this.largest = Math.max(smallestMegabytes, largestMegabytes);
        this.megabytes = smallest;
    }

    /** The size to open the store with, in megabytes. */
    int megabytes() {
        return megabytes;
    }

    /**
     * Grows the cache of a store in use whose file outgrew it, when its reads missed the cache
     * at least {@link #READS_TO_GROW} times since the last call. Called about once a second, by
     * one thread at a time.
     */
    void fit(FileStore<?> files, boolean inUse) {
        long reads = files.getReadCount();
        long missed = reads - readsSeen;
        readsSeen = reads;
        if (!inUse || missed < READS_TO_GROW) {
            return;
        }
        int wanted = megabytesFor(files.size());
        if (wanted > megabytes) {
            megabytes = wanted;
            files.setCacheSize(wanted);
        }
    }

    /** Gives the memory of a large cache back, once the store went quiet. */
    void shrink(FileStore<?> files) {
        if (megabytes > smallest) {
            megabytes = smallest;
            files.setCacheSize(smallest);
        }
    }

    int megabytesFor(long fileBytes) {
        long wanted = (fileBytes >> 20) * 2;
        long size = smallest;
        while (size < wanted && size < largest) {
            size *= 2;
        }
        return (int) Math.min(size, largest);
    }
}
