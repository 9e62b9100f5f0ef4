package dev.hearth.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.error.CouchException;
import dev.hearth.common.json.Json;
import dev.hearth.datasystem.Database;
import dev.hearth.instances.NewInstance;
import dev.hearth.test.TestData;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A delete of auth state wins over concurrent writes of the same document. */
class DocsTest {
    private static final String ALICE = "alice.localhost";

    @TempDir
    Path dir;

    private TestData t;
    private Database db;

    @BeforeEach
    void open() throws Exception {
        t = TestData.in(dir);
        t.instances().create(NewInstance.of(ALICE));
        db = t.service().database(ALICE, "io.cozy.sessions");
    }

    @AfterEach
    void close() {
        t.close();
    }

    private ObjectNode saved(String id) {
        ObjectNode doc = Json.mapper().createObjectNode();
        doc.put("_id", id);
        doc.put("last_seen", "2026-01-01T00:00:00Z");
        Docs.save(db, doc);
        return doc;
    }

    @Test
    void aDeleteWithARevisionWrittenSinceTheReadStillDeletes() {
        ObjectNode read = saved("s1");
        ObjectNode other = read.deepCopy();
        other.put("last_seen", "2026-01-02T00:00:00Z");
        Docs.save(db, other);

        Docs.delete(db, read);

        assertThat(Docs.get(db, "s1"))
                .as("a stale revision is no reason to keep the document")
                .isEmpty();
    }

    @Test
    void deletingWhatIsGoneIsFine() {
        ObjectNode read = saved("s2");
        Docs.delete(db, read);
        Docs.delete(db, read);
        ObjectNode never = Json.mapper().createObjectNode().put("_id", "never").put("_rev", "1-abc");
        Docs.delete(db, never);
        assertThat(Docs.get(db, "s2")).isEmpty();
        assertThat(Docs.get(db, "never")).isEmpty();
    }

    @Test
    void aDeleteRacingWritersOfTheDocumentWins() throws Exception {
        for (int round = 0; round < 20; round++) {
            String id = "race" + round;
            ObjectNode read = saved(id);
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger writes = new AtomicInteger();
            List<Throwable> failures = new CopyOnWriteArrayList<>();
            List<Thread> writers =
                    List.of(writer(id, running, writes, failures), writer(id, running, writes, failures));
            while (writes.get() < 3) {
                Thread.onSpinWait();
            }

            Docs.delete(db, read);

            assertThat(Docs.get(db, id))
                    .as("round %d: deleted, whatever the writers did", round)
                    .isEmpty();
            running.set(false);
            for (Thread w : writers) {
                w.join();
            }
            assertThat(failures).isEmpty();
            assertThat(Docs.get(db, id)).as("nothing brings it back").isEmpty();
        }
    }

    /** Rewrites the document from a fresh read, as a session touch does, until it is gone. */
    private Thread writer(String id, AtomicBoolean running, AtomicInteger writes, List<Throwable> failures) {
        return Thread.ofPlatform().start(() -> {
            while (running.get()) {
                Optional<ObjectNode> current = Docs.get(db, id);
                if (current.isEmpty()) {
                    return;
                }
                ObjectNode doc = current.get();
                doc.put("last_seen", "2026-01-0" + (1 + writes.get() % 9) + "T00:00:00Z");
                try {
                    Docs.save(db, doc);
                    writes.incrementAndGet();
                } catch (CouchException e) {
                    if (e.status() != 409) {
                        failures.add(e);
                    }
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }
        });
    }
}
