package dev.hearth.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/**
 * A job to queue.
 *
 * @param worker the worker type
 * @param message the job's arguments
 * @param timeoutSeconds the run timeout, or null for the worker's
 * @param maxExecCount the most runs, retries included, or null for the worker's
 * @param manual whether a user asked for it
 * @param forwardLogs Cozy's {@code forward_logs} flag, kept on the job
 */
public record JobRequest(
        String worker,
        ObjectNode message,
        @Nullable Integer timeoutSeconds,
        @Nullable Integer maxExecCount,
        boolean manual,
        boolean forwardLogs) {

    /** A job with the worker's options. */
    public static JobRequest of(String worker, ObjectNode message) {
        return new JobRequest(worker, message, null, null, false, false);
    }
}
