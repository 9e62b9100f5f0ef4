package dev.hearth.common.health;

import org.osgi.annotation.versioning.ConsumerType;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * What holds one kind of state on this node, reported by {@code GET /status} under {@code
 * backends}: the documents, blobs, realtime relay, instance registry, short-lived values. The
 * bundle that uses the backend registers it, so the report names the one in use, not every one
 * installed.
 */
@ConsumerType
public interface Backend {
    /** The kind of state, such as {@code documents}. */
    String role();

    /** Which backend holds it, such as {@code embedded} or {@code dev.hearth.datasystem.postgres}. */
    String describe();

    /**
     * The name of an implementation of a service: {@code embedded} when it comes from the
     * bundle of {@code owner} (or there is no framework), else the symbolic name of its bundle.
     */
    static String providedBy(Object implementation, Class<?> owner) {
        Bundle from = FrameworkUtil.getBundle(implementation.getClass());
        Bundle own = FrameworkUtil.getBundle(owner);
        return from == null || from.equals(own) ? "embedded" : from.getSymbolicName();
    }
}
