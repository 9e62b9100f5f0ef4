package dev.hearth.datasystem.internal.store;

import dev.hearth.datasystem.engine.QueryParamsContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The contract on the embedded store. */
class QueryParamsTest extends QueryParamsContract {
    @TempDir
    Path dir;

    @Override
    protected TestEngine engine() {
        return new TestDb(dir);
    }
}
