package dev.hearth.jobs.postgres.internal;

import dev.hearth.datasystem.postgres.sql.Notices;
import dev.hearth.jobs.JobsBackend;
import javax.sql.DataSource;

/**
 * The notices of the queue's channel: {@code q<worker>} says jobs of a worker type were offered (or
 * given up by a stopping node), {@code t<domain>/<id>} that a trigger changed. After a reconnection
 * (not the first connection) the listener hears {@code missed}: notices sent while nobody listened
 * are lost.
 */
final class QueueNotices implements Notices.Listener {
    private final JobsBackend.Listener listener;

    private QueueNotices(JobsBackend.Listener listener) {
        this.listener = listener;
    }

    static Notices start(DataSource db, String channel, JobsBackend.Listener listener) {
        return Notices.start(db, channel, new QueueNotices(listener));
    }

    static String offered(String worker) {
        return "q" + worker;
    }

    static String trigger(String domain, String id) {
        return "t" + domain + "/" + id;
    }

    @Override
    public void listening(boolean again) {
        if (again) {
            listener.missed();
        }
    }

    @Override
    public void notice(String payload) {
        if (payload.startsWith("q") && payload.length() > 1) {
            listener.offered(payload.substring(1));
            return;
        }
        int slash = payload.indexOf('/');
        if (payload.startsWith("t") && slash > 1 && slash < payload.length() - 1) {
            listener.triggerChanged(payload.substring(1, slash), payload.substring(slash + 1));
        }
    }
}
