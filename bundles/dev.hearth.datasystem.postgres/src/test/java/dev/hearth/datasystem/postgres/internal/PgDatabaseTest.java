package dev.hearth.datasystem.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.datasystem.engine.DatabaseContract;
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
    void viewsAnswerAClearError() {
        db.create();
        assertCouchError(
                () -> render(out -> db.view("d", "v", null, out)),
                501,
                "not_implemented",
                "Not supported by the PostgreSQL document engine: views");
    }
}
