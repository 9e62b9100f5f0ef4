package dev.hearth.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The jobs and triggers of the instances. Errors are {@link
 * dev.hearth.common.error.ApiException}s in the JSON:API shape: 404 for an unknown job, trigger
 * or worker type, 400 for arguments that do not parse (naming the part), 413 for a message or
 * payload over the limit.
 */
@ProviderType
public interface JobsService {

    /** Queues a job: its document is stored {@code queued} before this returns. */
    Job push(String domain, JobRequest request);

    Job job(String domain, String id);

    /** The jobs of a worker type waiting to run, oldest first. */
    List<Job> queued(String domain, String worker);

    /**
     * Ends a {@code client} job, as the client reports it.
     *
     * @param state {@code done} or {@code errored}
     */
    Job finishClientJob(String domain, String id, String state, @Nullable String error);

    /** Deletes the finished jobs older than {@code age} (of these workers, or all when empty). */
    int purge(String domain, Duration age, Set<String> workers);

    Trigger createTrigger(String domain, TriggerRequest request);

    Trigger trigger(String domain, String id);

    /** The triggers of the instance, of these workers and types (all when empty). */
    List<Trigger> triggers(String domain, Set<String> workers, Set<String> types);

    /** Replaces a trigger's arguments and/or message (null keeps them). */
    Trigger updateTrigger(String domain, String id, @Nullable String arguments, @Nullable ObjectNode message);

    void deleteTrigger(String domain, String id);

    /** Runs a trigger now, as a manual execution. */
    Job launch(String domain, String triggerId);

    /**
     * Fires a {@code @webhook} trigger with the request body as the job's payload; null when the
     * worker declined a job that is not manual ({@link WorkerGate}).
     *
     * @throws dev.hearth.common.error.ApiException 404 when the instance has no such webhook
     */
    @Nullable
    Job webhook(String domain, String triggerId, JsonNode payload, boolean manual);

    /** The most recent jobs of a trigger, newest first. */
    List<Job> jobsOfTrigger(String domain, String triggerId, int limit);

    /** The worker types that have a registered worker. */
    Set<String> workerTypes();

    /** Whether jobs of this worker type may be queued now (registered, or configured to wait). */
    boolean accepts(String worker);

    /** Queue lengths, running jobs, run times and failures, per worker type. */
    List<WorkerStats> stats();

    /**
     * Reads the triggers of the instance again from its store: for a caller that wrote {@code
     * io.cozy.triggers} documents below this service, such as an import. Queued jobs are left as
     * they are.
     *
     * @since 1.2
     */
    void reloadTriggers(String domain);
}
