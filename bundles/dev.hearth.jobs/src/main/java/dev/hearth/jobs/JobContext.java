package dev.hearth.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.osgi.annotation.versioning.ProviderType;

/** What a {@link Worker} knows about the job it runs. */
@ProviderType
public interface JobContext {

    /** The instance the job belongs to. */
    String domain();

    /** The job's document id. */
    String jobId();

    String workerType();

    /** The job's arguments ({@code message}); an empty object when it has none. */
    ObjectNode message();

    /** The webhook body of a webhook-fired job, the payloads of a debounced one, or null. */
    @Nullable
    JsonNode payload();

    /** The document event that fired an {@code @event} job ({@code verb}, {@code doc}), or null. */
    @Nullable
    JsonNode event();

    /** The trigger that created the job, or null for a job queued directly. */
    @Nullable
    String triggerId();

    /** Whether a user asked for this run (a launched trigger, a manual queue). */
    boolean manual();

    /** Which run of the job this is: 1 for the first, 2 for the first retry, ... */
    int attempt();

    /** When the run must be over; after it the run's thread is interrupted. */
    Instant deadline();

    /** Whether the run was cancelled (deadline passed, worker or framework stopping). */
    boolean cancelled();
}
