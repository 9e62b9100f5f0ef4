package dev.hearth.datasystem.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.datasystem.Database;
import dev.hearth.datasystem.engine.Change;
import dev.hearth.datasystem.engine.DatabaseContract;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The engine contract on a real PostgreSQL: each test on an instance of its own. */
class PgDatabaseTest extends DatabaseContract {
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private static PgServer server;
    private static PgEngine engine;

    private final List<Change> events = new CopyOnWriteArrayList<>();
    private String instance;

    @BeforeAll
    static void startServer() throws Exception {
        server = PgServer.start();
        engine = new PgEngine(Map.of("main", server.dataSource()), new PgEngine.Limits(100_000, 1000));
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @Override
    protected void start() {
        instance = "test" + INSTANCES.incrementAndGet() + ".localhost";
    }

    @Override
    protected Database database(String doctype) {
        return engine.database(instance, doctype, (domain, type, change) -> events.add(change));
    }

    @Override
    protected List<Change> events() {
        return events;
    }

    @Override
    protected void stop() {
        engine.destroy(instance);
    }

    @Test
    void aDestroyedInstanceLeavesNoDatabase() {
        db.save(json("{\"_id\":\"a\"}"));
        database("io.cozy.other").create();
        assertThat(engine.doctypes(instance)).containsExactly("io.cozy.other", "io.cozy.todos");
        engine.destroy(instance);
        assertThat(engine.doctypes(instance)).isEmpty();
        assertThat(db.exists()).isFalse();
    }
}
