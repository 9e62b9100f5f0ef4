package dev.hearth.datasystem.postgres.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.datasystem.postgres.internal.PgServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shared SQL helpers on a real PostgreSQL: transactions, and notices across a lost connection. */
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

    @Test
    void aListenerHearsNoticesAndIsToldWhenItListensAgainAfterALostConnection() throws Exception {
        DataSource db = server.dataSource();
        BlockingQueue<String> heard = new LinkedBlockingQueue<>();
        try (Notices notices = Notices.start(db, "hearth_test", new Notices.Listener() {
            @Override
            public void listening(boolean again) {
                heard.add(again ? "again" : "listening");
            }

            @Override
            public void notice(String payload) {
                heard.add(payload);
            }
        })) {
            assertThat(heard.poll(10, TimeUnit.SECONDS)).isEqualTo("listening");
            notify(db, "one");
            notify(db, "two");
            assertThat(heard.poll(10, TimeUnit.SECONDS)).isEqualTo("one");
            assertThat(heard.poll(10, TimeUnit.SECONDS)).isEqualTo("two");

            int killed = Jdbc.read(db, c -> {
                try (PreparedStatement s = Jdbc.prepare(
                                c,
                                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE query = ?",
                                "LISTEN hearth_test");
                        ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getInt(1);
                }
            });
            assertThat(killed).isEqualTo(1);
            assertThat(heard.poll(20, TimeUnit.SECONDS)).isEqualTo("again");
            notify(db, "three");
            assertThat(heard.poll(10, TimeUnit.SECONDS)).isEqualTo("three");
        }
    }

    @Test
    void aChannelMustBeAPlainName() {
        assertThatThrownBy(() -> Notices.start(server.dataSource(), "x; DROP TABLE t", new Notices.Listener() {
                    @Override
                    public void listening(boolean again) {}

                    @Override
                    public void notice(String payload) {}
                }))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void notify(DataSource db, String payload) throws SQLException {
        Jdbc.read(db, c -> {
            try (PreparedStatement s = Jdbc.prepare(c, "SELECT pg_notify(?, ?)", "hearth_test", payload)) {
                return s.execute();
            }
        });
    }
}
