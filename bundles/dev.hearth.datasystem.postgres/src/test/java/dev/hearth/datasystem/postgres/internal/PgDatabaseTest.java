package dev.hearth.datasystem.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.common.error.CouchException;
import dev.hearth.datasystem.FindResult;
import dev.hearth.datasystem.WriteResult;
import dev.hearth.datasystem.engine.DatabaseContract;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The engine contract on a real PostgreSQL. */
class PgDatabaseTest extends DatabaseContract {
    private PgTestEngine engine;

    @Override
    protected TestEngine engine() throws Exception {
        engine = new PgTestEngine();
        return engine;
    }

    @Test
    void aDestroyedInstanceLeavesNoDatabase() throws Exception {
        db.save(json("{\"_id\":\"a\"}"));
        database("io.cozy.other").create();
        PgEngine shared = PgTestEngine.shared();
        assertThat(shared.doctypes(engine.instance())).containsExactly("io.cozy.other", "io.cozy.todos");
        shared.destroy(engine.instance());
        assertThat(shared.doctypes(engine.instance())).isEmpty();
        assertThat(db.exists()).isFalse();
    }

    @Test
    void purgeRemovesATombstoneForGoodAndCountsThePurge() {
        String rev = db.save(json("{\"_id\":\"gone\"}")).rev();
        String deleted = db.save(json("{\"_id\":\"gone\",\"_rev\":\"" + rev + "\",\"_deleted\":true}"))
                .rev();
        db.save(json("{\"_id\":\"kept\"}"));
        var answer = db.purge(json("{\"gone\":[\"" + deleted + "\"],\"nope\":[\"1-abc\"]}"));
        assertThat(answer.path("purge_seq").asText()).isEqualTo("1");
        assertThat(answer.path("purged").path("gone").get(0).asText()).isEqualTo(deleted);
        assertThat(answer.path("purged").path("nope")).isEmpty();
        assertCouchError(() -> db.get("gone", deleted, false), 404, "not_found", "missing");
        assertThat(changes(db, since("0")).path("results").findValuesAsText("id"))
                .containsExactly("kept");
        assertThat(render(db::writeInfo).path("purge_seq").asText()).isEqualTo("1");
        assertThat(render(db::writeInfo).path("update_seq").asText())
                .as("the sequence moves on past the purge")
                .isEqualTo("4");
    }

    @Test
    void concurrentSavesAreEachCommittedOnceAndAConflictFailsAlone() throws Exception {
        db.create();
        List<Callable<String>> saves = new ArrayList<>();
        for (int i = 0; i < 48; i++) {
            String id = i % 3 == 0 ? "same" : "doc" + i;
            saves.add(() -> {
                try {
                    return db.save(json("{\"_id\":\"" + id + "\",\"n\":1}")).rev();
                } catch (CouchException e) {
                    return e.error();
                }
            });
        }
        List<String> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            for (Future<String> f : pool.invokeAll(saves)) {
                answers.add(f.get());
            }
        }
        assertThat(answers).filteredOn(a -> a.equals("conflict")).hasSize(15);
        assertThat(answers).filteredOn(a -> a.startsWith("1-")).hasSize(33);
        assertThat(db.normalDocCount()).isEqualTo(33);
        assertThat(events()).hasSize(33);
        assertThat(changes(db, since("0")).path("last_seq").asText()).isEqualTo("33");
    }

    @Test
    void aBatchReadsItsOwnWritesAndIndexesTheDocumentsAroundADesignDocument() {
        String old = db.save(json("{\"_id\":\"old\",\"n\":0}")).rev();
        String design = "{\"_id\":\"_design/by-n\",\"language\":\"query\",\"views\":{\"n\":{\"map\":"
                + "{\"fields\":{\"n\":\"asc\"}},\"options\":{\"def\":{\"fields\":[\"n\"]}}}}}";
        List<WriteResult> results = db.bulkDocs(json("{\"docs\":[{\"_id\":\"a\",\"n\":1},{\"_id\":\"a\",\"n\":9},"
                + "{\"_id\":\"old\",\"_rev\":\"" + old + "\",\"n\":5}," + design + ",{\"_id\":\"b\",\"n\":2}]}"));
        assertThat(results)
                .extracting(WriteResult::error)
                .as("the second edit of a in the batch sees the first")
                .containsExactly(null, "conflict", null, null, null);
        assertThat(ids("{\"selector\":{\"n\":{\"$gte\":0}},\"sort\":[{\"n\":\"asc\"}]}"))
                .as("written before the design document, indexed when it is; written after it, indexed by it")
                .containsExactly("a", "b", "old");
        String b = results.get(4).rev();
        String a = results.get(0).rev();
        db.bulkDocs(json("{\"docs\":[{\"_id\":\"b\",\"_rev\":\"" + b + "\",\"n\":7}," + "{\"_id\":\"a\",\"_rev\":\"" + a
                + "\",\"_deleted\":true},{\"_id\":\"c\",\"n\":6}]}"));
        assertThat(ids("{\"selector\":{\"n\":{\"$gte\":0}},\"sort\":[{\"n\":\"asc\"}]}"))
                .as("a batch moves its documents' entries and drops those of the deleted")
                .containsExactly("old", "c", "b");
        assertThat(changes(db, since("0")).path("last_seq").asText()).isEqualTo("8");
        assertThat(events()).hasSize(8);
    }

    private List<String> ids(String request) {
        FindResult r = db.find(json(request));
        assertThat(r.warning()).as("the index serves the query").isNull();
        return r.docs().stream().map(d -> d.path("_id").asText()).toList();
    }
}
