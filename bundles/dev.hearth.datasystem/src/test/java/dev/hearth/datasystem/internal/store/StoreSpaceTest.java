package dev.hearth.datasystem.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.error.CouchException;
import dev.hearth.common.json.Json;
import dev.hearth.datasystem.WriteResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store gives space back: dead chunks are reused after a sync, and compaction shrinks the file. */
class StoreSpaceTest {
    private static final String PADDING = "s".repeat(400);
    private static final int DOCS = 6000;

    @TempDir
    Path dir;

    @BeforeEach
    void folders() throws Exception {
        for (String name : new String[] {"a", "churned", "fresh"}) {
            Files.createDirectories(dir.resolve(name));
        }
    }

    @Test
    void afterEachSyncTheSpaceOfDeadChunksIsReusedSoSmallCommitsDoNotGrowTheFile() {
        try (TestDb t = new TestDb(dir.resolve("a"), 1)) {
            MvDatabase db = t.db("io.cozy.small");
            Map<String, String> revs = new HashMap<>();
            write(db, revs, 0, 2000, 0);
            t.store.sync();
            long loaded = t.store.fileSize();
            String rev = null;
            for (int n = 0; n < 3000; n++) {
                ObjectNode doc =
                        Json.mapper().createObjectNode().put("_id", "probe").put("n", n);
                if (rev != null) {
                    doc.put("_rev", rev);
                }
                rev = db.save(doc).rev();
                if (n % 100 == 99) {
                    t.store.sync();
                }
            }
            // Each of these commits writes tens of kilobytes of pages; kept for MVStore's 45 s
            // retention they would add well over 50 MB.
            assertThat(t.store.fileSize() - loaded)
                    .as("growth over 3,000 one-document commits")
                    .isLessThan(16L << 20);
            assertThat(db.get("probe", null, false).rev()).isEqualTo(rev);
        }
    }

    @Test
    void compactionShrinksAFileWhoseDocumentsWereMostlyDeletedAndKeepsTheRest() throws Exception {
        Map<String, String> revs = new HashMap<>();
        long churned;
        try (TestDb t = new TestDb(dir.resolve("churned"), 1)) {
            t.store.retainChunksFor(0);
            MvDatabase db = t.db("io.cozy.churn");
            for (int round = 0; round < 3; round++) {
                write(db, revs, 0, DOCS, round);
            }
            deleteAllBut(db, revs, 10);
            long before = t.store.fileSize();
            t.store.sync();
            StoreSpace.Outcome done = t.store.compact();
            assertThat(done).isNotNull();
            assertThat(done.moves()).as("chunks moved").isPositive();
            churned = t.store.fileSize();
            assertThat(churned).as("the file shrank").isLessThan(before / 2);
            assertLiveAndDeleted(db, revs);
        }
        long fresh = freshStoreOfTheSameLiveDocuments();
        assertThat(churned)
                .as("compacted file against a fresh store of the same documents")
                .isLessThanOrEqualTo(2 * fresh);
        try (TestDb reopened = new TestDb(dir.resolve("churned"), 1)) {
            MvDatabase db = reopened.db("io.cozy.churn");
            assertThat(db.normalDocCount()).isEqualTo(DOCS / 10);
            assertLiveAndDeleted(db, revs);
        }
    }

    /**
     * Compaction steps run beside the writer: a client keeps writing while the store compacts,
     * then the file is left as a killed process leaves it. Every acknowledged write is in it, and
     * so is every document compaction rewrote or moved.
     */
    @Test
    void everyWriteAcknowledgedDuringCompactionIsInTheFileAfterAKill() throws Exception {
        Map<String, String> revs = new HashMap<>();
        Map<String, String> probes = new ConcurrentHashMap<>();
        try (TestDb t = new TestDb(dir.resolve("churned"), 1)) {
            t.store.retainChunksFor(0);
            MvDatabase db = t.db("io.cozy.churn");
            for (int round = 0; round < 3; round++) {
                write(db, revs, 0, DOCS, round);
            }
            deleteAllBut(db, revs, 10);
            t.store.sync();
            AtomicBoolean running = new AtomicBoolean(true);
            Future<?> client = t.executor.submit(() -> {
                MvDatabase probeDb = t.db("io.cozy.probe");
                for (int n = 0; running.get(); n++) {
                    String id = "probe-" + n % 20;
                    ObjectNode doc =
                            Json.mapper().createObjectNode().put("_id", id).put("n", n);
                    if (probes.containsKey(id)) {
                        doc.put("_rev", probes.get(id));
                    }
                    probes.put(id, probeDb.save(doc).rev());
                }
                return null;
            });
            StoreSpace.Outcome done = t.store.compact();
            running.set(false);
            client.get();
            assertThat(done).isNotNull();
            assertThat(done.rewrites() + done.moves()).as("steps").isPositive();
            assertThat(probes).as("writes acknowledged during compaction").isNotEmpty();
            t.store.abandon();
        }
        try (TestDb reopened = new TestDb(dir.resolve("churned"), 1)) {
            MvDatabase db = reopened.db("io.cozy.churn");
            assertThat(db.normalDocCount()).isEqualTo(DOCS / 10);
            assertLiveAndDeleted(db, revs);
            MvDatabase probeDb = reopened.db("io.cozy.probe");
            for (Map.Entry<String, String> e : probes.entrySet()) {
                assertThat(probeDb.get(e.getKey(), null, false).rev())
                        .as(e.getKey())
                        .isEqualTo(e.getValue());
            }
        }
    }

    private long freshStoreOfTheSameLiveDocuments() throws Exception {
        Path fresh = dir.resolve("fresh");
        try (TestDb t = new TestDb(fresh, 1)) {
            MvDatabase db = t.db("io.cozy.churn");
            Map<String, String> revs = new HashMap<>();
            write(db, revs, 0, DOCS, 2);
            deleteAllBut(db, revs, 10);
        }
        return Files.size(fresh.resolve(InstanceStore.FILE));
    }

    private static void assertLiveAndDeleted(MvDatabase db, Map<String, String> revs) {
        for (int i = 0; i < DOCS; i += 7) {
            String id = id(i);
            if (i % 10 == 0) {
                assertThat(db.get(id, null, false).rev()).as(id).isEqualTo(revs.get(id));
            } else {
                assertThatThrownBy(() -> db.get(id, null, false))
                        .isInstanceOf(CouchException.class)
                        .hasMessageContaining("deleted");
            }
        }
    }

    private static String id(int i) {
        return "d%05d".formatted(i);
    }

    private static void write(MvDatabase db, Map<String, String> revs, int from, int to, int round) {
        for (int start = from; start < to; start += 200) {
            ObjectNode body = Json.mapper().createObjectNode();
            ArrayNode docs = body.putArray("docs");
            for (int i = start; i < Math.min(to, start + 200); i++) {
                ObjectNode doc =
                        docs.addObject().put("_id", id(i)).put("round", round).put("padding", PADDING);
                if (revs.containsKey(id(i))) {
                    doc.put("_rev", revs.get(id(i)));
                }
            }
            record(db.bulkDocs(body), revs);
        }
    }

    /** Deletes every document but one in {@code keepEvery}. */
    private static void deleteAllBut(MvDatabase db, Map<String, String> revs, int keepEvery) {
        for (int start = 0; start < DOCS; start += 200) {
            ObjectNode body = Json.mapper().createObjectNode();
            ArrayNode docs = body.putArray("docs");
            for (int i = start; i < start + 200; i++) {
                if (i % keepEvery != 0) {
                    docs.addObject()
                            .put("_id", id(i))
                            .put("_rev", revs.get(id(i)))
                            .put("_deleted", true);
                }
            }
            record(db.bulkDocs(body), revs);
        }
    }

    private static void record(Iterable<WriteResult> results, Map<String, String> revs) {
        for (WriteResult r : results) {
            assertThat(r.isOk()).as(r.id()).isTrue();
            revs.put(r.id(), r.rev());
        }
    }
}
