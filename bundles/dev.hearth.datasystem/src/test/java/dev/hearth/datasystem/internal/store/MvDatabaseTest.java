package dev.hearth.datasystem.internal.store;

import dev.hearth.datasystem.Database;
import dev.hearth.datasystem.engine.Change;
import dev.hearth.datasystem.engine.DatabaseContract;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/** The engine contract on the embedded store. */
class MvDatabaseTest extends DatabaseContract {
    @TempDir
    Path dir;

    private TestDb t;

    @Override
    protected void start() {
        t = new TestDb(dir);
    }

    @Override
    protected Database database(String doctype) {
        return t.db(doctype);
    }

    @Override
    protected List<Change> events() {
        return t.events;
    }

    @Override
    protected void stop() {
        t.close();
    }
}
