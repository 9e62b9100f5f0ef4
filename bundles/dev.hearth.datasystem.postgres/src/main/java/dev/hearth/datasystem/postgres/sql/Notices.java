package dev.hearth.datasystem.postgres.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on one PostgreSQL channel (LISTEN/NOTIFY) over a connection of its own, on a thread of
 * its own, and hands each notice's payload to a {@link Listener}. A lost connection is taken again
 * after a pause; notices sent while nobody listened are lost, which the listener hears.
 */
public final class Notices implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Notices.class);
    private static final Pattern CHANNEL = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final int POLL_MILLIS = 500;
    private static final long RETRY_MILLIS = 1000;

    /** What a channel tells. */
    public interface Listener {
        /**
         * The channel is listened to, before any notice of this connection: {@code again} after a
         * failed or lost connection, when notices may have been missed.
         */
        void listening(boolean again);

        /** A notice's payload. */
        void notice(String payload);
    }

    private final DataSource db;
    private final String channel;
    private final Listener listener;
    private final Thread thread;
    private volatile boolean closed;

    private Notices(DataSource db, String channel, Listener listener) {
        this.db = db;
        this.channel = channel;
        this.listener = listener;
        this.thread = Thread.ofPlatform().daemon().name("hearth-" + channel).unstarted(this::run);
    }

    /**
     * Starts listening on {@code channel} (a lower-case SQL name) with connections of {@code db}.
     *
     * @throws IllegalArgumentException when the channel is not such a name
     */
    public static Notices start(DataSource db, String channel, Listener listener) {
        if (!CHANNEL.matcher(channel).matches()) {
            throw new IllegalArgumentException("Not a channel name: " + channel);
        }
        Notices notices = new Notices(db, channel, listener);
        notices.thread.start();
        return notices;
    }

    private void run() {
        boolean again = false;
        while (!closed) {
            try (Connection c = db.getConnection()) {
                c.setAutoCommit(true);
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + channel);
                }
                listener.listening(again);
                again = true;
                PGConnection pg = c.unwrap(PGConnection.class);
                while (!closed) {
                    hand(pg.getNotifications(POLL_MILLIS));
                }
            } catch (SQLException | RuntimeException e) {
                if (!closed) {
                    again = true;
                    LOG.warn("Lost the notices of channel {}; listening again in {} ms", channel, RETRY_MILLIS, e);
                    pause();
                }
            }
        }
    }

    private void hand(PGNotification @Nullable [] notes) {
        if (notes != null) {
            for (PGNotification note : notes) {
                listener.notice(note.getParameter());
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

    /** Stops listening; waits a little for the thread to end. */
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
