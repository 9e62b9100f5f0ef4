package dev.hearth.datasystem.postgres.internal;

import dev.hearth.datasystem.engine.FindJsonContract;

/** The contract on a real PostgreSQL. */
class PgFindJsonTest extends FindJsonContract {
    @Override
    protected TestEngine engine() throws Exception {
        return new PgTestEngine();
    }
}
