package dev.hearth.datasystem.internal.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import org.h2.mvstore.FileStore;

/**
 * The page caches of all the stores of one process, and the memory they may take together. Every
 * open store has the smallest cache; a store whose queries keep missing it may grow its cache
 * ({@link PageCache}), but the grown caches together never hold more than the budget. A store
 * that needs more than is left takes it from grown caches whose stores are not in use, the
 * longest unused first; the caches of stores in use are left alone, so a busy store keeps its
 * pages while an idle one gives them back. So a process hosting thousands of stores holds at
 * most the budget beyond their smallest caches, however many of them were busy a moment ago.
 */
public final class PageCaches {
    private final int smallest;
    private final int largest;
    private final int budget;
    private final Set<PageCache> grown = new HashSet<>();
    private int granted;

    /**
     * @param smallestMegabytes the cache of every open store
     * @param largestMegabytes the largest cache of one store
     * @param budgetMegabytes the most the grown caches hold together
     */
    public PageCaches(int smallestMegabytes, int largestMegabytes, int budgetMegabytes) {
        this.smallest = smallestMegabytes;
        this.largest = Math.max(smallestMegabytes, largestMegabytes);
        this.budget = Math.max(0, budgetMegabytes);
        this.granted = 0;
    }

    int smallest() {
        return smallest;
    }

    /** The cache of a store just opened, at the smallest size. */
    PageCache open(FileStore<?> files, LongSupplier lastUsed) {
        return new PageCache(this, files, lastUsed);
    }

    /** The megabytes the grown caches hold now. */
    public synchronized int grantedMegabytes() {
        return granted;
    }

    /**
     * The size a cache asks for when its store's file has this size: twice the file (a decoded
     * page takes more memory than its bytes), rounded up to a doubling of the smallest size, up
     * to the largest.
     */
    int megabytesFor(long fileBytes) {
        long wanted = (fileBytes >> 20) * 2;
        long size = smallest;
        while (size < wanted && size < largest) {
            size *= 2;
        }
        return (int) Math.min(size, largest);
    }

    /** The largest size of the series (smallest, doubled, ...) not above {@code megabytes} nor the largest. */
    private int fitting(long megabytes) {
        long size = smallest;
        while (size * 2 <= Math.min(megabytes, largest)) {
            size *= 2;
        }
        return (int) size;
    }

    /**
     * Grows a cache towards {@code wanted} megabytes, within the budget: when too little is left,
     * the caches of stores out of use since {@code idleSince} or before shrink first.
     */
    synchronized void grow(PageCache cache, int wanted, long idleSince) {
        int held = grown.contains(cache) ? cache.megabytes() : 0;
        if (budget - granted + held < wanted) {
            reclaim(cache, wanted - (budget - granted + held), idleSince);
        }
        int size = fitting(Math.min(wanted, budget - granted + held));
        if (size <= cache.megabytes()) {
            return;
        }
        granted += size - held;
        grown.add(cache);
        cache.resize(size);
    }

    private void reclaim(PageCache cache, int needed, long idleSince) {
        List<PageCache> idle = new ArrayList<>();
        for (PageCache other : grown) {
            if (other != cache && other.lastUsed() - idleSince <= 0) {
                idle.add(other);
            }
        }
        idle.sort(Comparator.comparingLong(PageCache::lastUsed));
        int freed = 0;
        for (int i = 0; i < idle.size() && freed < needed; i++) {
            freed += idle.get(i).megabytes();
            release(idle.get(i), true);
        }
    }

    /** Gives a grown cache's memory back; the cache goes back to the smallest size if asked to. */
    synchronized void release(PageCache cache, boolean resize) {
        if (grown.remove(cache)) {
            granted -= cache.megabytes();
            if (resize) {
                cache.resize(smallest);
            }
        }
    }
}
