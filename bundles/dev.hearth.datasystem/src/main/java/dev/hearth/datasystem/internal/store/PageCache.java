package dev.hearth.datasystem.internal.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.h2.mvstore.FileStore;

/**
 * The size of a store's page cache. A query reading ten documents at random from a large store
 * reads ten leaf pages: with a cache far smaller than the document map, nearly each one is read
 * from the file and decoded again. So the cache follows the file: twice its size (a decoded page
 * takes more memory than its bytes in the file), in powers of two from the smallest size up to
 * the largest, so that a large store keeps its pages while the many small stores of a server
 * keep small caches. MVStore empties the cache when its size changes, so it grows by doublings
 * while the store is in use, and goes back to the smallest size once the store is quiet (its
 * pages are then no longer worth their memory).
 */
final class PageCache {
    private final int smallest;
    private final int largest;
    private volatile int megabytes;

    /** Sizes the cache of a store about to open the file (which may not exist yet). */
    PageCache(int smallestMegabytes, int largestMegabytes, Path file) {
        this.smallest = smallestMegabytes;
        this.largest = Math.max(smallestMegabytes, largestMegabytes);
        this.megabytes = megabytesFor(sizeOf(file));
    }

    private static long sizeOf(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** The size to open the store with, in megabytes. */
    int megabytes() {
        return megabytes;
    }

    /** Grows the cache of a store in use whose file outgrew it. */
    void fit(FileStore<?> files) {
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
