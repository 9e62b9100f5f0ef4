package dev.hearth.common.health;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A check reported by {@code GET /status}. Bundles register implementations as OSGi services;
 * the status route runs them all and reports each by its {@link #name()}.
 */
@ConsumerType
public interface HealthCheck {

    /** The key of this check in the status document, such as {@code fs}. */
    String name();

    /**
     * Checks the resource; returns normally when healthy.
     *
     * @throws Exception with a short, operator-readable message when not
     */
    void check() throws Exception;
}
