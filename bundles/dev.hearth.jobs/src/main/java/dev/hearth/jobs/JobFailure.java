package dev.hearth.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/**
 * A job that failed. Its message becomes the job's {@code error}; when {@link #retryable()} is
 * false the job ends {@code errored} at once, whatever runs it has left.
 */
public class JobFailure extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean retryable;
    private final transient @Nullable JsonNode result;

    public JobFailure(String message, boolean retryable) {
        this(message, retryable, (JsonNode) null);
    }

    /**
     * A failure that still has a result to keep in the job document's {@code result} field (what
     * the run used before it failed, for instance).
     *
     * @since 1.1
     */
    public JobFailure(String message, boolean retryable, @Nullable JsonNode result) {
        super(message);
        this.retryable = retryable;
        this.result = result;
    }

    public JobFailure(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
        this.result = null;
    }

    /** A failure that no retry can fix (bad arguments, missing document). */
    public static JobFailure permanent(String message) {
        return new JobFailure(message, false);
    }

    /** A failure that may pass (a server down, a timeout). */
    public static JobFailure transientFailure(String message, Throwable cause) {
        return new JobFailure(message, true, cause);
    }

    public boolean retryable() {
        return retryable;
    }

    /**
     * What to keep in the job's {@code result} field, or null.
     *
     * @since 1.1
     */
    public @Nullable JsonNode result() {
        return result;
    }
}
