package dev.hearth.datasystem.postgres.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/** Connections and transactions on a data source, and statements with their parameters bound. */
public final class Jdbc {
    private Jdbc() {}

    /** Work on one connection. */
    @FunctionalInterface
    public interface Work<T extends @Nullable Object> {
        T run(Connection c) throws SQLException;
    }

    /** Runs {@code work} on a connection of {@code db} in auto-commit mode. */
    public static <T extends @Nullable Object> T read(DataSource db, Work<T> work) throws SQLException {
        try (Connection c = db.getConnection()) {
            return work.run(c);
        }
    }

    /**
     * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws.
     * The connection goes back in auto-commit mode, as it came; that costs no round trip once the
     * transaction has ended.
     */
    public static <T extends @Nullable Object> T transaction(DataSource db, Work<T> work) throws SQLException {
        try (Connection c = db.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        }
    }

    /** A prepared statement with its parameters bound in order; the caller closes it. */
    public static PreparedStatement prepare(Connection c, String sql, @Nullable Object... params) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        try {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            return s;
        } catch (SQLException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** Runs an update with its parameters bound in order; the number of rows changed. */
    public static int update(Connection c, String sql, @Nullable Object... params) throws SQLException {
        try (PreparedStatement s = prepare(c, sql, params)) {
            return s.executeUpdate();
        }
    }
}
