package dev.hearth.auth.internal;

import dev.hearth.auth.Session;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Session cookies whose signature was checked, with the session their document held at a
 * revision. A browser sends the same cookie with every request: this spares the HMAC and the
 * parsing of the session's document each time. It never decides alone: the document's current
 * revision is still read on every request, and a cookie is taken as known only while that revision
 * is the one remembered, so a logout, a revocation or any other write (here or by another process
 * over the same store) takes effect at the next request.
 */
final class VerifiedSessions {
    /** Cookies kept; past that many, the cache starts over (a browser's next request re-checks). */
    static final int MAX_KEPT = 8192;

    /** A session as its document held it at revision {@code rev}. */
    record Known(String rev, Session session) {}

    private final Map<String, Known> known = new ConcurrentHashMap<>();

    /** The session remembered for this cookie of this instance, if its revision is still {@code rev}. */
    @Nullable
    Session at(String domain, String cookieValue, String rev) {
        Known k = known.get(key(domain, cookieValue));
        return k != null && k.rev().equals(rev) ? k.session() : null;
    }

    /** Whether this cookie of this instance was checked before (its signature is right). */
    boolean signed(String domain, String cookieValue) {
        return known.containsKey(key(domain, cookieValue));
    }

    /** Remembers a cookie whose signature was checked, with its session at revision {@code rev}. */
    void remember(String domain, String cookieValue, String rev, Session session) {
        if (known.size() >= MAX_KEPT) {
            known.clear();
        }
        known.put(key(domain, cookieValue), new Known(rev, session));
    }

    void forget(String domain, String cookieValue) {
        known.remove(key(domain, cookieValue));
    }

    int size() {
        return known.size();
    }

    private static String key(String domain, String cookieValue) {
        return domain + '\n' + cookieValue;
    }
}
