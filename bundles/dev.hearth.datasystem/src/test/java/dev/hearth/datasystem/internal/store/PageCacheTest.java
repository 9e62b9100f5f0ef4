package dev.hearth.datasystem.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store's page cache follows its file, by doublings, between the smallest and the largest size;
 * it grows only on reads that miss it while the store is in use, goes back to the smallest size
 * once the store is quiet, and the grown caches of all stores share one budget.
 */
class PageCacheTest {
    private static final long MB = 1024 * 1024;
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final String BODY = "x".repeat(1000);
    private static final int DOCS = 20_000;

    @TempDir
    Path dir;

    @Test
    void aMissingOrSmallFileGetsTheSmallestCache() {
        PageCaches caches = new PageCaches(4, 64, 256);
        assertThat(caches.megabytesFor(0)).isEqualTo(4);
        assertThat(caches.megabytesFor(MB)).isEqualTo(4);
        assertThat(caches.megabytesFor(2 * MB)).isEqualTo(4);
    }

    @Test
    void theCacheIsTwiceTheFileInPowersOfTwoUpToTheLargest() {
        PageCaches caches = new PageCaches(4, 64, 256);
        assertThat(caches.megabytesFor(3 * MB)).isEqualTo(8);
        assertThat(caches.megabytesFor(10 * MB)).isEqualTo(32);
        assertThat(caches.megabytesFor(60 * MB)).isEqualTo(64);
        assertThat(caches.megabytesFor(2000 * MB)).isEqualTo(64);
        assertThat(new PageCaches(8, 4, 256).megabytesFor(2000 * MB)).isEqualTo(8);
    }

    @Test
    void aStoreCacheGrowsOnlyOnReadsThatMissItAndShrinksWhenQuiet() throws Exception {
        Path file = storeFile("grow.mv.db");
        PageCaches caches = new PageCaches(1, 64, 256);
        AtomicLong lastUsed = new AtomicLong();
        try (Opened store = new Opened(file, caches, lastUsed)) {
            long now = 100 * SECOND;
            lastUsed.set(now);
            for (int i = 0; i < DOCS; i += 500) {
                assertThat(store.docs.get(i)).isEqualTo(BODY + i);
            }
            store.cache.fit(now);
            assertThat(store.cache.megabytes()).as("a few reads").isEqualTo(1);

            store.missEnough();
            store.cache.fit(now + 2 * SECOND);
            assertThat(store.cache.megabytes())
                    .as("reads of a store no longer in use")
                    .isEqualTo(1);

            store.missEnough();
            store.cache.fit(now + SECOND / 2);
            int grown = store.cache.megabytes();
            assertThat(grown).isEqualTo(caches.megabytesFor(store.fileSize())).isGreaterThan(4);
            assertThat(store.cacheSize()).isEqualTo(grown);
            assertThat(caches.grantedMegabytes()).isEqualTo(grown);

            store.cache.fit(now + PageCache.QUIET_NANOS - SECOND);
            assertThat(store.cache.megabytes())
                    .as("quiet for less than the drop-back")
                    .isEqualTo(grown);
            store.cache.fit(now + PageCache.QUIET_NANOS);
            assertThat(store.cache.megabytes()).as("quiet").isEqualTo(1);
            assertThat(store.cacheSize()).isEqualTo(1);
            assertThat(caches.grantedMegabytes()).isZero();
        }
    }

    @Test
    void aBusyStoreTakesTheCacheOfAnIdleOneWhenTheBudgetIsSpent() throws Exception {
        Path first = storeFile("a.mv.db");
        Path second = dir.resolve("b.mv.db");
        Files.copy(first, second);
        PageCaches caches = new PageCaches(1, 32, 48);
        AtomicLong usedA = new AtomicLong();
        AtomicLong usedB = new AtomicLong();
        try (Opened a = new Opened(first, caches, usedA);
                Opened b = new Opened(second, caches, usedB)) {
            int full = caches.megabytesFor(a.fileSize());
            assertThat(full).isEqualTo(32);
            long now = 100 * SECOND;
            usedA.set(now);
            a.missEnough();
            a.cache.fit(now);
            assertThat(a.cache.megabytes()).isEqualTo(32);

            now += SECOND / 2;
            usedA.set(now);
            usedB.set(now);
            b.missEnough();
            b.cache.fit(now);
            assertThat(b.cache.megabytes())
                    .as("what is left while the other store is busy")
                    .isEqualTo(16);
            assertThat(a.cache.megabytes()).isEqualTo(32);
            assertThat(caches.grantedMegabytes()).isEqualTo(48);

            now += 2 * SECOND;
            usedB.set(now);
            b.missEnough();
            b.cache.fit(now);
            assertThat(b.cache.megabytes())
                    .as("taken from the store out of use")
                    .isEqualTo(32);
            assertThat(a.cache.megabytes()).isEqualTo(1);
            assertThat(a.cacheSize()).isEqualTo(1);
            assertThat(b.cacheSize()).isEqualTo(32);
            assertThat(caches.grantedMegabytes()).isEqualTo(32);

            b.cache.close();
            assertThat(caches.grantedMegabytes())
                    .as("a closed store gives its cache back")
                    .isZero();
        }
    }

    @Test
    void noBudgetKeepsEveryCacheSmall() throws Exception {
        PageCaches caches = new PageCaches(1, 64, 0);
        AtomicLong lastUsed = new AtomicLong(100 * SECOND);
        try (Opened store = new Opened(storeFile("none.mv.db"), caches, lastUsed)) {
            store.missEnough();
            store.cache.fit(100 * SECOND);
            assertThat(store.cache.megabytes()).isEqualTo(1);
            assertThat(caches.grantedMegabytes()).isZero();
        }
    }

    /** A store file of {@link #DOCS} documents of a kilobyte, written with no cache to speak of. */
    private Path storeFile(String name) {
        Path file = dir.resolve(name);
        MVStore written = new MVStore.Builder()
                .fileName(file.toString())
                .autoCommitDisabled()
                .cacheSize(1)
                .open();
        try {
            Map<Integer, String> map = written.openMap("docs");
            for (int i = 0; i < DOCS; i++) {
                map.put(i, BODY + i);
            }
            written.commit();
            assertThat(written.getFileStore().size()).isGreaterThan(16 * MB);
            PageCaches caches = new PageCaches(1, 64, 256);
            PageCache cache = caches.open(written.getFileStore(), System::nanoTime);
            cache.fit(System.nanoTime());
            assertThat(cache.megabytes()).as("writes alone").isEqualTo(1);
        } finally {
            written.close();
        }
        return file;
    }

    /** A store opened with the smallest cache of its budget. */
    private static final class Opened implements AutoCloseable {
        final MVStore store;
        final Map<Integer, String> docs;
        final PageCache cache;

        Opened(Path file, PageCaches caches, AtomicLong lastUsed) {
            store = new MVStore.Builder()
                    .fileName(file.toString())
                    .autoCommitDisabled()
                    .cacheSize(caches.smallest())
                    .open();
            docs = store.openMap("docs");
            cache = caches.open(store.getFileStore(), lastUsed::get);
        }

        long fileSize() {
            return store.getFileStore().size();
        }

        int cacheSize() {
            return store.getFileStore().getCacheSize();
        }

        /** Reads documents at random until the cache was missed as often as makes it grow. */
        void missEnough() {
            Random random = new Random(3);
            long start = store.getFileStore().getReadCount();
            for (int n = 0; n < 50 * PageCache.READS_TO_GROW; n++) {
                int i = random.nextInt(DOCS);
                assertThat(docs.get(i)).isEqualTo(BODY + i);
                if (store.getFileStore().getReadCount() - start >= PageCache.READS_TO_GROW) {
                    return;
                }
            }
            throw new AssertionError("the cache held every page read");
        }

        @Override
        public void close() {
            store.close();
        }
    }
}
