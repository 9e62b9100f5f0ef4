package dev.hearth.datasystem.postgres.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.datasystem.postgres.internal.PgServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shared SQL helpers on a real PostgreSQL. */
class SqlHelpersTest {
    private static PgServer server;

    @BeforeAll
    static void start() throws Exception {
        server = PgServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void aTransactionIsCommittedWhenItsWorkReturnsAndRolledBackWhenItThrows() throws Exception {
        DataSource db = server.dataSource();
        Jdbc.transaction(db, c -> Jdbc.update(c, "CREATE TABLE IF NOT EXISTS jdbc_test (n int)"));
        int inserted = Jdbc.transaction(db, c -> Jdbc.update(c, "INSERT INTO jdbc_test VALUES (?), (?)", 1, 2));
        assertThat(inserted).isEqualTo(2);
        assertThatThrownBy(() -> Jdbc.transaction(db, c -> {
                    Jdbc.update(c, "INSERT INTO jdbc_test VALUES (?)", 3);
                    throw new SQLException("failed after the insert");
                }))
                .hasMessage("failed after the insert");
        boolean autoCommit = Jdbc.read(db, Connection::getAutoCommit);
        assertThat(autoCommit)
                .as("the connections go back to the pool in auto-commit mode")
                .isTrue();
        int sum = Jdbc.read(db, c -> {
            try (PreparedStatement s = Jdbc.prepare(c, "SELECT sum(n) FROM jdbc_test");
                    ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        });
        assertThat(sum).as("the rolled back insert is not there").isEqualTo(3);
    }
}
