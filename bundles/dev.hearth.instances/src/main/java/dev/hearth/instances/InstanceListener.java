package dev.hearth.instances;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told about instance lifecycle events. Bundles that keep per-instance state (open stores,
 * caches, credentials) register one as an OSGi service.
 */
@ConsumerType
public interface InstanceListener {

    /**
     * The instance is being created: its folder and record exist, but it is not visible yet
     * ({@link InstanceService#find}, {@link InstanceService#get} and host resolution do not see
     * it; {@link InstanceService#directory} does). This is where a listener stores what the
     * request brings for it, such as the passphrase, so that an instance never exists without it.
     *
     * <p>A listener that throws aborts the creation: the instance is removed and the error
     * propagates. Every listener is then told {@link #instanceDestroying}, so it can drop what it
     * kept, and the folder is deleted with whatever was written in it.
     */
    default void instanceCreating(Instance instance, NewInstance request) {}

    /** The instance was created and is visible. */
    default void instanceCreated(Instance instance) {}

    /**
     * The instance is being deleted: it is no longer visible (nothing can look it up any more),
     * and its folder is deleted once every listener returned. Release everything held for it.
     */
    default void instanceDestroying(Instance instance) {}
}
