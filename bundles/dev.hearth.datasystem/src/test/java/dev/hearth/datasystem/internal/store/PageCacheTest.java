package dev.hearth.datasystem.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
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
        assertThat(new PageCache(4, 64, dir.resolve("none")).megabytes()).isEqualTo(4);
        PageCache cache = new PageCache(4, 64, dir.resolve("none"));
        assertThat(cache.megabytesFor(MB)).isEqualTo(4);
        assertThat(cache.megabytesFor(2 * MB)).isEqualTo(4);
    }

    @Test
    void theCacheIsTwiceTheFileInPowersOfTwoUpToTheLargest() {
        PageCache cache = new PageCache(4, 64, dir.resolve("none"));
        assertThat(cache.megabytesFor(3 * MB)).isEqualTo(8);
        assertThat(cache.megabytesFor(10 * MB)).isEqualTo(32);
        assertThat(cache.megabytesFor(60 * MB)).isEqualTo(64);
        assertThat(cache.megabytesFor(2000 * MB)).isEqualTo(64);
        assertThat(new PageCache(8, 4, dir.resolve("none")).megabytesFor(2000 * MB))
                .isEqualTo(8);
    }

    @Test
    void anExistingFileSizesTheCacheAtOpen() throws Exception {
        Path file = dir.resolve("data.mv.db");
        Files.write(file, new byte[(int) (9 * MB)]);
        assertThat(new PageCache(4, 64, file).megabytes()).isEqualTo(32);
    }

    @Test
    void aStoreCacheGrowsWithItsFileAndShrinksOnlyWhenQuiet() {
        Path file = dir.resolve("grow.mv.db");
        PageCache cache = new PageCache(1, 64, file);
        MVStore store = new MVStore.Builder()
                .fileName(file.toString())
                .autoCommitDisabled()
                .cacheSize(cache.megabytes())
                .open();
        try {
            var map = store.<Integer, String>openMap("docs");
            String body = "x".repeat(1000);
            for (int i = 0; i < 6000; i++) {
                map.put(i, body + i);
            }
            store.commit();
            long size = store.getFileStore().size();
            assertThat(size).isGreaterThan(4 * MB);
            cache.fit(store.getFileStore());
            int grown = cache.megabytes();
            assertThat(grown).isEqualTo(cache.megabytesFor(size)).isGreaterThan(4);
            assertThat(store.getFileStore().getCacheSize()).isEqualTo(grown);
            map.clear();
            store.commit();
            cache.fit(store.getFileStore());
            assertThat(cache.megabytes()).isEqualTo(grown);
            cache.shrink(store.getFileStore());
            assertThat(cache.megabytes()).isEqualTo(1);
            assertThat(store.getFileStore().getCacheSize()).isEqualTo(1);
        } finally {
            store.close();
        }
    }
}
