package dev.hearth.datasystem.postgres.internal;

import dev.hearth.common.error.CouchException;
import dev.hearth.datasystem.postgres.sql.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Transactions on one server, SQL errors turned into a 503 that names no statement. */
final class Sql {
    private Sql() {}

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    static <T> T transaction(DataSource server, Jdbc.Work<T> work) {
        try {
            return Jdbc.transaction(server, work);
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /** Runs a read on a connection in auto-commit mode. */
    static <T> T read(DataSource server, Jdbc.Work<T> work) {
        try {
            return Jdbc.read(server, work);
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /** A read that may fail with an SQL error. */
    @FunctionalInterface
    interface Read<T> {
        T get() throws SQLException;
    }

    /** Runs a read where no checked exception may pass, its failure a 503. */
    static <T> T unchecked(Read<T> read) {
        try {
            return read.get();
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /**
     * Runs the first query of a transaction and makes that transaction REPEATABLE READ: the
     * isolation goes with the query, in its round trip, rather than as a setting of the
     * connection that costs one trip to set and one more for the pool to reset. Its rows are
     * read from the statement's {@link PreparedStatement#getResultSet}.
     */
    static PreparedStatement snapshot(Connection c, String sql, Object... params) throws SQLException {
        if (c.getAutoCommit()) {
            throw new IllegalStateException("A snapshot needs a transaction");
        }
        PreparedStatement s = Jdbc.prepare(c, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ; " + sql, params);
        try {
            s.execute();
            if (!s.getMoreResults()) {
                throw new SQLException("The snapshot's query returned no rows", "XX000");
            }
            return s;
        } catch (SQLException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private static CouchException unavailable(SQLException e) {
        return new CouchException(503, "service_unavailable", "The document database failed: " + e.getSQLState());
    }
}
