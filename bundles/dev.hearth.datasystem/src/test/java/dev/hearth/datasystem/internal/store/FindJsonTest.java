package dev.hearth.datasystem.internal.store;

import dev.hearth.datasystem.engine.FindJsonContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The contract on the embedded store. */
class FindJsonTest extends FindJsonContract {
    @TempDir
    Path dir;

    @Override
    protected TestEngine engine() {
        return new TestDb(dir);
    }
}
