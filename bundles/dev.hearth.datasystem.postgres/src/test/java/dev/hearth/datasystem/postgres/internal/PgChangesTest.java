package dev.hearth.datasystem.postgres.internal;

import dev.hearth.datasystem.engine.ChangesContract;

/** The contract on a real PostgreSQL. */
class PgChangesTest extends ChangesContract {
    @Override
    protected TestEngine engine() throws Exception {
        return new PgTestEngine();
    }
}
