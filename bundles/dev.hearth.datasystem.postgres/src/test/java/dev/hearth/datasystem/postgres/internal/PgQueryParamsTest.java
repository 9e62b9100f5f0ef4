package dev.hearth.datasystem.postgres.internal;

import dev.hearth.datasystem.engine.QueryParamsContract;

/** The contract on a real PostgreSQL. */
class PgQueryParamsTest extends QueryParamsContract {
    @Override
    protected TestEngine engine() throws Exception {
        return new PgTestEngine();
    }
}
