package dev.hearth.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Runs the jobs of one worker type. Any bundle registers a {@code Worker} service with the
 * {@value #TYPE} property (such as {@code log} or {@code sendmail}); the jobs of that type run on
 * it while the service is registered. Optional service properties set its defaults, which the
 * jobs configuration may override: {@value #CONCURRENCY} (jobs of this type running at once,
 * across all instances), {@value #TIMEOUT} (seconds a run may take) and {@value #MAX_EXEC_COUNT}
 * (runs of a job, retries included).
 *
 * <p>A run is called on its own (virtual) thread. It returns normally when the job is done, or
 * throws: a {@link JobFailure} says whether trying again may help; any other exception is retried
 * while the job has runs left. The exception's message becomes the job's {@code error}. At the
 * job's deadline the run's thread is interrupted and {@link JobContext#cancelled()} turns true;
 * a worker stops as soon as it can, and its job is never started again before it returned.
 */
@ConsumerType
public interface Worker {
    /** The service property naming the worker type. */
    String TYPE = "hearth.worker.type";
    /** The service property: how many jobs of this type may run at once (an integer). */
    String CONCURRENCY = "hearth.worker.concurrency";
    /** The service property: the default timeout of a run, in seconds (an integer). */
    String TIMEOUT = "hearth.worker.timeout";
    /** The service property: the default number of runs of a job, retries included (an integer). */
    String MAX_EXEC_COUNT = "hearth.worker.max_exec_count";

    /**
     * Runs one job.
     *
     * @return a result kept in the job document's {@code result} field, or null
     * @throws JobFailure when the job failed, saying whether to retry
     * @throws Exception any other failure, retried while the job has runs left
     */
    @Nullable
    JsonNode run(JobContext job) throws Exception;
}
