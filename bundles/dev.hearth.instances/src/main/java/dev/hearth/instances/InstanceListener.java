package dev.hearth.instances;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told about instance lifecycle events. Bundles that keep per-instance state (open stores,
 * caches) register one as an OSGi service.
 */
@ConsumerType
public interface InstanceListener {

    /** The instance was created and persisted. */
    default void instanceCreated(Instance instance) {}

    /** The instance is about to be deleted: release everything held for it. */
    default void instanceDestroying(Instance instance) {}
}
