package dev.hearth.jobs;

import org.jspecify.annotations.Nullable;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Optionally implemented by a {@link Worker} service: asked before a trigger fires a job of its
 * type on its own (a schedule, an event, a webhook that is not manual), and able to decline it.
 * A declined job is not created at all, so it leaves no {@code io.cozy.jobs} document and the
 * trigger's state does not change: cozy-stack's konnector worker declines the automatic runs of a
 * trigger whose last run needs the user first. Manual launches are never asked.
 */
@ConsumerType
public interface WorkerGate {
    /**
     * Why the job this trigger fires now is not created (logged), or null to create it. Called on
     * the firing thread: it must be quick and must not throw.
     */
    @Nullable
    String decline(String domain, Trigger trigger);
}
