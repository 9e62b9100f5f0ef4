package dev.hearth.realtime.http.internal;

import java.time.Duration;

/**
 * When a connection is pinged and when it is given up: a ping every {@code pingPeriod}, and the
 * connection closed once nothing (no frame, no pong) came from the client for {@code
 * readDeadline}. Cozy's values are 54 s and 60 s.
 */
record Heartbeat(Duration pingPeriod, Duration readDeadline) {
    static final Heartbeat COZY = new Heartbeat(Duration.ofSeconds(54), Duration.ofSeconds(60));

    /** What a connection needs now. */
    enum Action {
        NONE,
        PING,
        EXPIRE
    }

    /** What is due at {@code now}, given the last read and the last ping (all {@link System#nanoTime()}). */
    Action due(long now, long lastRead, long lastPing) {
        if (now - lastRead >= readDeadline.toNanos()) {
            return Action.EXPIRE;
        }
        return now - lastPing >= pingPeriod.toNanos() ? Action.PING : Action.NONE;
    }
}
