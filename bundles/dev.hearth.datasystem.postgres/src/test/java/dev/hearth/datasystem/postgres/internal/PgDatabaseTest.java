package dev.hearth.datasystem.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.common.error.CouchException;
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
}
