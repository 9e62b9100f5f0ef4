package dev.hearth.datasystem.postgres.internal;

import dev.hearth.datasystem.engine.ViewContract;

/** The contract on a real PostgreSQL. */
class PgViewTest extends ViewContract {
    @Override
    protected TestEngine engine() throws Exception {
        return new PgTestEngine();
    }
}
