package dev.hearth.realtime.http.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * What one connection listens to: whole doctypes and single documents. Changed by the socket's
 * reader, read by publishing threads; thread-safe without locks.
 */
final class Subscriptions {
    private final Set<Target> targets = ConcurrentHashMap.newKeySet();

    void add(Target target) {
        targets.add(target);
    }

    /** Removes exactly this target: a whole-doctype removal leaves the document subscriptions. */
    void remove(Target target) {
        targets.remove(target);
    }

    /** Keeps only the targets {@code allowed} accepts. */
    void retain(Predicate<Target> allowed) {
        targets.removeIf(allowed.negate());
    }

    boolean matches(String doctype, String id) {
        return !targets.isEmpty()
                && (targets.contains(new Target(doctype, null)) || targets.contains(new Target(doctype, id)));
    }
}
