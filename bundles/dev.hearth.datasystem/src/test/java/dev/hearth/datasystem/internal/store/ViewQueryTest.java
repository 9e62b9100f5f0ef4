package dev.hearth.datasystem.internal.store;

import dev.hearth.datasystem.engine.ViewContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The contract on the embedded store. */
class ViewQueryTest extends ViewContract {
    @TempDir
    Path dir;

    @Override
    protected TestEngine engine() {
        return new TestDb(dir);
    }
}
