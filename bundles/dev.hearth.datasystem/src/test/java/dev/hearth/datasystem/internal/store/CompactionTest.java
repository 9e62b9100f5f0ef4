package dev.hearth.datasystem.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.datasystem.WriteResult;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compaction after heavy churn: sparse chunks are rewritten and every document stays as it was. */
class CompactionTest {
    private static final int DOCS = 2000;
    private static final String PADDING = "x".repeat(400);

    @TempDir
    Path dir;

    @Test
    void compactionRewritesSparseChunksAndKeepsTheLatestRevisions() {
        Map<String, String> revs = new HashMap<>();
        try (TestDb t = new TestDb(dir, 1)) {
            t.store.retainChunksFor(0);
            MvDatabase db = t.db("io.cozy.churn");
            for (int round = 0; round < 8; round++) {
                for (int from = 0; from < DOCS; from += 100) {
                    write(db, revs, from, round);
                }
            }
            int sparse = t.store.chunksFillRate();
            assertThat(sparse)
                    .as("eight revisions of each document leave garbage")
                    .isLessThan(80);
            long used = t.store.lastUsed();
            t.store.compact();
            assertThat(t.store.chunksFillRate()).isGreaterThanOrEqualTo(80);
            assertThat(t.store.lastUsed())
                    .as("compaction does not keep an idle store open")
                    .isEqualTo(used);
            for (Map.Entry<String, String> e : revs.entrySet()) {
                assertThat(db.get(e.getKey(), null, false).rev()).isEqualTo(e.getValue());
            }
        }
        try (TestDb reopened = new TestDb(dir, 1)) {
            MvDatabase db = reopened.db("io.cozy.churn");
            assertThat(db.normalDocCount()).isEqualTo(DOCS);
            assertThat(db.get("d0042", null, false).rev()).isEqualTo(revs.get("d0042"));
        }
    }

    private static void write(MvDatabase db, Map<String, String> revs, int from, int round) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode body = f.objectNode();
        ArrayNode docs = body.putArray("docs");
        for (int i = from; i < from + 100; i++) {
            String id = "d%04d".formatted(i);
            ObjectNode doc = docs.addObject().put("_id", id).put("round", round).put("padding", PADDING);
            if (revs.containsKey(id)) {
                doc.put("_rev", revs.get(id));
            }
        }
        List<WriteResult> results = db.bulkDocs(body);
        for (WriteResult r : results) {
            assertThat(r.isOk()).as(r.id()).isTrue();
            revs.put(r.id(), r.rev());
        }
    }
}
