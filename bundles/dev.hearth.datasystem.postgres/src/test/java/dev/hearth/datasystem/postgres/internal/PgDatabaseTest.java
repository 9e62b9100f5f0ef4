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
}
