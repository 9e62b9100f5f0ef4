package dev.hearth.datasystem.internal.store;

import dev.hearth.datasystem.engine.SaveAllContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The contract on the embedded store. */
class SaveAllTest extends SaveAllContract {
    @TempDir
    Path dir;

    @Override
    protected TestEngine engine() {
        return new TestDb(dir);
    }
}
