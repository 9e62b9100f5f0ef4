package dev.hearth.datasystem.postgres.internal;

import dev.hearth.common.error.CouchException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Transactions on one server, SQL errors turned into a 503 that names no statement. */
final class Sql {
    private Sql() {}

    /** Work on a connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    static <T> T transaction(DataSource server, Work<T> work) {
        try (Connection c = server.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /** Runs a read on a connection in auto-commit mode. */
    static <T> T read(DataSource server, Work<T> work) {
        try (Connection c = server.getConnection()) {
            return work.run(c);
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

    /** A prepared statement with its parameters bound in order. */
    static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            s.setObject(i + 1, params[i]);
        }
        return s;
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
        PreparedStatement s = prepare(c, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ; " + sql, params);
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

    /** Runs an update; the number of rows changed. */
    static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement s = prepare(c, sql, params)) {
            return s.executeUpdate();
        }
    }

    private static CouchException unavailable(SQLException e) {
        return new CouchException(503, "service_unavailable", "The document database failed: " + e.getSQLState());
    }
}
