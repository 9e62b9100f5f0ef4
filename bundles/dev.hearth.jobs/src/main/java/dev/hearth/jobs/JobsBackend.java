package dev.hearth.jobs;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The job queue and the trigger notices several nodes share. A single node needs none: its broker
 * holds the queue in memory, and the embedded backend ({@code (hearth.jobs=embedded)}, the default
 * of the jobs service's {@code backend.target}) does nothing. With a shared backend, a job stored
 * as queued on any node is {@link #offer offered}; a node {@link #claim claims} jobs of the worker
 * types it runs, each under a lease the backend renews while the node lives, and tells the backend
 * when a job's end is stored ({@link #done}). A job whose node died is claimed again once its lease
 * has expired.
 *
 * @since 1.3
 */
@ConsumerType
public interface JobsBackend {
    /** The service property naming a backend. */
    String PROPERTY = "hearth.jobs";

    /** A job held by this node: its instance and id. */
    record Claim(String domain, String id) {}

    /** What a node hears from the other nodes. */
    interface Listener {
        /** Jobs of this worker type were offered: a claim may now find them. */
        void offered(String worker);

        /** A trigger of an instance was created, changed or deleted, here or on another node. */
        void triggerChanged(String domain, String id);

        /** Notices may have been lost (a lost connection): whatever they tell should be read again. */
        void missed();
    }

    /** Whether several nodes share this backend (false for the embedded one). */
    boolean shared();

    /** Makes a job stored as queued claimable by every node; a job already offered is left as it is. */
    void offer(String domain, String id, String worker);

    /**
     * Claims for this node up to {@code max} jobs of a worker type that no live node holds, the
     * oldest first, taking the instances in turn; each stays held until {@link #done} or until this
     * node stops renewing its leases. Atomic: two nodes never claim the same job at once.
     */
    List<Claim> claim(String worker, int max);

    /** The job's end is stored: it is claimed no more. */
    void done(String domain, String id);

    /** Gives up a claim of this node (its worker left): other nodes may claim the job at once. */
    void release(String domain, String id);

    /** Gives up this node's claims (a clean stop): other nodes may claim them at once. */
    void releaseAll();

    /** Tells every node, this one included, that a trigger changed. */
    void triggerChanged(String domain, String id);

    /**
     * Starts telling {@code listener} what the nodes announce.
     *
     * @return stops it
     */
    AutoCloseable watch(Listener listener);

    /** What holds the queue, for {@code /status}, such as {@code embedded} or {@code postgres}. */
    String describe();
}
