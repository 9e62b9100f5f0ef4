package dev.hearth.datasystem.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store's page cache follows its file, by doublings, between the smallest and the largest size. */
class PageCacheTest {
    private static final long MB = 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void aMissingOrSmallFileGetsTheSmallestCache() {
        assertThat(new PageCache(4, 64).megabytes()).isEqualTo(4);
        PageCache cache = new PageCache(4, 64);
        assertThat(cache.megabytesFor(MB)).isEqualTo(4);
        assertThat(cache.megabytesFor(2 * MB)).isEqualTo(4);
    }

    @Test
    void theCacheIsTwiceTheFileInPowersOfTwoUpToTheLargest() {
        PageCache cache = new PageCache(4, 64);
        assertThat(cache.megabytesFor(3 * MB)).isEqualTo(8);
        assertThat(cache.megabytesFor(10 * MB)).isEqualTo(32);
        assertThat(cache.megabytesFor(60 * MB)).isEqualTo(64);
        assertThat(cache.megabytesFor(2000 * MB)).isEqualTo(64);
        assertThat(new PageCache(8, 4).megabytesFor(2000 * MB)).isEqualTo(8);
    }

    @Test
    void aStoreCacheGrowsOnlyOnReadsThatMissItAndShrinksWhenQuiet() {
        Path file = dir.resolve("grow.mv.db");
        PageCache cache = new PageCache(1, 64);
        assertThat(cache.megabytes()).isEqualTo(1);
        MVStore written = new MVStore.Builder()
                .fileName(file.toString())
                .autoCommitDisabled()
                .cacheSize(cache.megabytes())
                .open();
        var map = written.<Integer, String>openMap("docs");
        String body = "x".repeat(1000);
        for (int i = 0; i < 20_000; i++) {
            map.put(i, body + i);
        }
        written.commit();
        long size = written.getFileStore().size();
        assertThat(size).isGreaterThan(4 * MB);
        cache.fit(written.getFileStore(), true);
        assertThat(cache.megabytes()).as("writes alone").isEqualTo(1);
        written.close();

        MVStore store = new MVStore.Builder()
                .fileName(file.toString())
                .autoCommitDisabled()
                .cacheSize(cache.megabytes())
                .open();
        try {
            var docs = store.<Integer, String>openMap("docs");
            cache.fit(store.getFileStore(), true);
            for (int i = 0; i < 20_000; i += 500) {
                assertThat(docs.get(i)).isEqualTo(body + i);
            }
            cache.fit(store.getFileStore(), true);
            assertThat(cache.megabytes()).as("a few reads").isEqualTo(1);
            readAtRandom(docs, body);
            cache.fit(store.getFileStore(), false);
            assertThat(cache.megabytes())
                    .as("reads of a store no longer in use")
                    .isEqualTo(1);
            readAtRandom(docs, body);
            cache.fit(store.getFileStore(), true);
            int grown = cache.megabytes();
            assertThat(grown).isEqualTo(cache.megabytesFor(size)).isGreaterThan(4);
            assertThat(store.getFileStore().getCacheSize()).isEqualTo(grown);
            cache.shrink(store.getFileStore());
            assertThat(cache.megabytes()).isEqualTo(1);
            assertThat(store.getFileStore().getCacheSize()).isEqualTo(1);
        } finally {
            store.close();
        }
    }

    /** Reads enough documents at random to miss a small cache more often than it grows for. */
    private static void readAtRandom(java.util.Map<Integer, String> docs, String body) {
        var random = new java.util.Random(3);
        long before = 0;
        for (int n = 0; n < 3 * PageCache.READS_TO_GROW; n++) {
            int i = random.nextInt(20_000);
            before += docs.get(i).length() == body.length() + String.valueOf(i).length() ? 1 : 0;
        }
        assertThat(before).isEqualTo(3 * PageCache.READS_TO_GROW);
    }
}
