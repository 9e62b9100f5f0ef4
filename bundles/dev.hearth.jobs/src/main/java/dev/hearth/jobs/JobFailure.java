package dev.hearth.jobs;

/**
 * A job that failed. Its message becomes the job's {@code error}; when {@link #retryable()} is
 * false the job ends {@code errored} at once, whatever runs it has left.
 */
public class JobFailure extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean retryable;

    public JobFailure(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    public JobFailure(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
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
}
