package dev.hearth.datasystem.postgres.internal;

import dev.hearth.datasystem.Database;
import dev.hearth.datasystem.engine.Change;
import dev.hearth.datasystem.engine.EngineContract;
import dev.hearth.datasystem.engine.TestSandbox;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The PostgreSQL engine for the engine contracts: one server and one engine for the test JVM
 * (started on first use, stopped when the JVM ends), a new instance for each test, destroyed
 * after it.
 */
final class PgTestEngine implements EngineContract.TestEngine {
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private static PgServer server;
    private static PgEngine engine;

    private final String instance = "test" + INSTANCES.incrementAndGet() + ".localhost";
    private final List<Change> events = new CopyOnWriteArrayList<>();

    /** The shared engine, started on first use. */
    static synchronized PgEngine shared() throws Exception {
        if (engine == null) {
            server = PgServer.start();
            Runtime.getRuntime().addShutdownHook(new Thread(PgTestEngine::stop));
            engine = new PgEngine(Map.of("main", server.dataSource()), new PgEngine.Limits(100_000, 1000));
            engine.setSandbox(TestSandbox.SANDBOX);
        }
        return engine;
    }

    /** The server of the shared engine. */
    static synchronized javax.sql.DataSource dataSource() throws Exception {
        shared();
        return server.dataSource();
    }

    private static void stop() {
        try {
            server.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    PgTestEngine() throws Exception {
        shared();
    }

    String instance() {
        return instance;
    }

    @Override
    public Database database(String doctype) {
        return engine.database(instance, doctype, (domain, type, change) -> events.add(change));
    }

    @Override
    public List<Change> events() {
        return events;
    }

    @Override
    public void close() {
        engine.destroy(instance);
    }
}
