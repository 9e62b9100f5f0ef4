package dev.hearth.datasystem.internal.store;

import dev.hearth.datasystem.engine.DatabaseContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The contract on the embedded store. */
class MvDatabaseTest extends DatabaseContract {
    @TempDir
    Path dir;

    @Override
    protected TestEngine engine() {
        return new TestDb(dir);
    }
}
