package dev.hearth.datasystem.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ByteArrayDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SortedGetsTest {
    @TempDir
    Path dir;

    @Test
    void readsWhatGetsReadOnEveryLevelOfAStoredMap() {
        String file = dir.resolve("t.mv.db").toString();
        MVStore written = new MVStore.Builder().fileName(file).open();
        MVMap<String, byte[]> docs = docs(written);
        for (int i = 0; i < 20_000; i += 2) {
            docs.put(key(i), ("v" + i).getBytes(StandardCharsets.UTF_8));
        }
        written.close();
        // Reopened with a small cache, the inner pages are read from the file, not held.
        MVStore store = new MVStore.Builder().fileName(file).cacheSize(1).open();
        try {
            MVMap<String, byte[]> map = docs(store);
            assertThat(map.getRootPage().isLeaf()).isFalse();
            Random random = new Random(7);
            for (int round = 0; round < 300; round++) {
                List<String> keys = new ArrayList<>();
                int n = 1 + random.nextInt(40);
                for (int k = 0; k < n; k++) {
                    keys.add(random.nextInt(10) == 0 ? "zz" + k : key(random.nextInt(20_002) - 1));
                }
                if (round % 3 == 0) {
                    keys.sort(null);
                }
                byte[][] values = SortedGets.values(map, keys);
                for (int k = 0; k < n; k++) {
                    assertThat(values[k]).as(keys.get(k)).isEqualTo(map.get(keys.get(k)));
                }
            }
        } finally {
            store.close();
        }
    }

    @Test
    void emptyMapAndEmptyList() {
        MVStore store = new MVStore.Builder().open();
        MVMap<String, byte[]> map = docs(store);
        byte[][] values = SortedGets.values(map, List.of("a", "b"));
        assertThat(values.length).isEqualTo(2);
        assertThat(values[0]).isNull();
        assertThat(values[1]).isNull();
        assertThat(SortedGets.values(map, List.of())).isEmpty();
        store.close();
    }

    private static MVMap<String, byte[]> docs(MVStore store) {
        return store.openMap(
                "docs",
                new MVMap.Builder<String, byte[]>().keyType(Utf8Type.INSTANCE).valueType(ByteArrayDataType.INSTANCE));
    }

    private static String key(int i) {
        return String.format("doc-%06d", i);
    }
}
