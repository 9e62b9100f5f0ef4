package dev.hearth.auth;

import java.time.Duration;
import java.time.Instant;

/**
 * A browser logged in to an instance, stored as an {@code io.cozy.sessions} document.
 *
 * @param longRun the user asked to stay logged in: the cookie outlives the browser
 * @param shortRun a five-minute session, opened for one OAuth authorization
 */
public record Session(String id, Instant createdAt, Instant lastSeen, boolean longRun, boolean shortRun) {
    /** A session unused for this long is over. */
    public static final Duration MAX_IDLE = Duration.ofDays(30);
    /** A short-run session lasts this long. */
    public static final Duration SHORT_RUN = Duration.ofMinutes(5);

    /** Whether the session is over at {@code now}. */
    public boolean expiredAt(Instant now) {
        return now.isAfter(lastSeen.plus(shortRun ? SHORT_RUN : MAX_IDLE));
    }

    /** The {@code Max-Age} of its cookie in seconds; -1 for a cookie that ends with the browser. */
    public long cookieMaxAge() {
        if (shortRun) {
            return SHORT_RUN.toSeconds();
        }
        return longRun ? Duration.ofDays(3650).toSeconds() : -1;
    }
}
