package dev.hearth.jobs.postgres.internal;

import dev.hearth.jobs.JobsBackend;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on the queue's channel over a connection of its own: {@code q<worker>} says jobs of a
 * worker type were offered (or given up by a stopping node), {@code t<domain>/<id>} that a trigger
 * changed. After a reconnection (not the first connection) the listener hears {@code missed}:
 * notices sent while nobody listened are lost.
 */
final class QueueNotices implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QueueNotices.class);
    private static final int POLL_MILLIS = 500;
    private static final long RETRY_MILLIS = 1000;

    private final DataSource db;
    private final String channel;
    private final JobsBackend.Listener listener;
    private final Thread thread;
    private volatile boolean closed;

    private QueueNotices(DataSource db, String channel, JobsBackend.Listener listener) {
        this.db = db;
        this.channel = channel;
        this.listener = listener;
        this.thread = Thread.ofPlatform().daemon().name("hearth-" + channel).unstarted(this::run);
    }

    static QueueNotices start(DataSource db, String channel, JobsBackend.Listener listener) {
        QueueNotices notices = new QueueNotices(db, channel, listener);
        notices.thread.start();
        return notices;
    }

    static String offered(String worker) {
        return "q" + worker;
    }

    static String trigger(String domain, String id) {
        return "t" + domain + "/" + id;
    }

    private void run() {
        boolean first = true;
        while (!closed) {
            try (Connection c = db.getConnection()) {
                c.setAutoCommit(true);
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + channel);
                }
                if (!first) {
                    listener.missed();
                }
                first = false;
                PGConnection pg = c.unwrap(PGConnection.class);
                while (!closed) {
                    PGNotification[] notes = pg.getNotifications(POLL_MILLIS);
                    if (notes != null) {
                        for (PGNotification note : notes) {
                            hand(note.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!closed) {
                    first = false;
                    LOG.warn("Lost the notices of channel {}; listening again in {} ms", channel, RETRY_MILLIS, e);
                    pause();
                }
            }
        }
    }

    private void hand(String payload) {
        if (payload.startsWith("q") && payload.length() > 1) {
            listener.offered(payload.substring(1));
            return;
        }
        int slash = payload.indexOf('/');
        if (payload.startsWith("t") && slash > 1 && slash < payload.length() - 1) {
            listener.triggerChanged(payload.substring(1, slash), payload.substring(slash + 1));
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
