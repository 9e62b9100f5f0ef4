package dev.hearth.datasystem.postgres.internal;

import dev.hearth.datasystem.engine.SaveAllContract;

/** The contract on a real PostgreSQL. */
class PgSaveAllTest extends SaveAllContract {
    @Override
    protected TestEngine engine() throws Exception {
        return new PgTestEngine();
    }
}
