package dev.hearth.instances.postgres.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on one PostgreSQL channel over a connection of its own and hands each notice's payload
 * to a consumer. After every (re)connection it hands null first: notices sent while it was not
 * listening are lost, so the consumer reads everything again.
 */
final class Notices implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Notices.class);
    private static final int POLL_MILLIS = 500;
    private static final long RETRY_MILLIS = 1000;

    private final DataSource db;
    private final String channel;
    private final Consumer<@Nullable String> consumer;
    private final Thread thread;
    private volatile boolean closed;

    private Notices(DataSource db, String channel, Consumer<@Nullable String> consumer) {
        this.db = db;
        this.channel = channel;
        this.consumer = consumer;
        this.thread = Thread.ofPlatform().daemon().name("hearth-" + channel).unstarted(this::run);
    }

    static Notices start(DataSource db, String channel, Consumer<@Nullable String> consumer) {
        Notices notices = new Notices(db, channel, consumer);
        notices.thread.start();
        return notices;
    }

    private void run() {
        while (!closed) {
            try (Connection c = db.getConnection()) {
                c.setAutoCommit(true);
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + channel);
                }
                consumer.accept(null);
                PGConnection pg = c.unwrap(PGConnection.class);
                while (!closed) {
                    PGNotification[] notes = pg.getNotifications(POLL_MILLIS);
                    if (notes != null) {
                        for (PGNotification note : notes) {
                            consumer.accept(note.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!closed) {
                    LOG.warn("Lost the notices of channel {}; listening again in {} ms", channel, RETRY_MILLIS, e);
                    pause();
                }
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(RETRY_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            thread.join(POLL_MILLIS * 4L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
