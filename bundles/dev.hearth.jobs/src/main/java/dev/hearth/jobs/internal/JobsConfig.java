package dev.hearth.jobs.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Configuration of the job queue and the scheduler. */
@ObjectClassDefinition(
        name = "Hearth jobs",
        description = "Worker defaults, retries, and what happens to jobs of a worker type nobody runs.")
public @interface JobsConfig {
    String PID = "dev.hearth.jobs";

    @AttributeDefinition(
            name = "Concurrency",
            description = "Jobs of one worker type running at once, when the worker does not say.")
    int concurrency() default 4;

    @AttributeDefinition(name = "Timeout", description = "Seconds a run may take, when the worker does not say.")
    int timeoutSeconds() default 60;

    @AttributeDefinition(
            name = "Maximum executions",
            description = "Runs of a job, retries included, when the worker does not say.")
    int maxExecCount() default 3;

    @AttributeDefinition(
            name = "Retry delay",
            description =
                    "Milliseconds before the first retry; each further retry waits twice as long (up to an hour).")
    long retryDelayMillis() default 2000;

    @AttributeDefinition(
            name = "Trigger state spacing",
            description =
                    "Milliseconds between two writes of a trigger's current_state: the ends of its jobs that come "
                            + "meanwhile are written together (a burst costs a write per spacing, not one per job).")
    long triggerStateSpacingMillis() default 200;

    @AttributeDefinition(
            name = "Missing workers",
            description = "What happens to jobs of a worker type with no registered worker: fail (refused, or "
                    + "errored when queued) or wait (kept queued until a worker comes).",
            options = {@Option(label = "fail", value = "fail"), @Option(label = "wait", value = "wait")})
    String missingWorker() default "fail";

    @AttributeDefinition(
            name = "Missing worker grace",
            description = "Milliseconds a worker type may stay without a worker (a bundle being updated or the server "
                    + "stopping) before its queued jobs fail, with 'fail'.")
    long missingWorkerGraceMillis() default 30_000;

    @AttributeDefinition(
            name = "Awaited workers",
            description =
                    "Worker types whose jobs always wait for a worker, even with 'fail' (provided by bundles that may start later).")
    String[] awaitedWorkers() default {
        "konnector", "service", "thumbnail", "trash-files", "clean-old-trashed", "sendmail"
    };

    @AttributeDefinition(
            name = "Worker options",
            description =
                    "Per worker type, overriding the worker's own: type:concurrency=N:timeout=S:max_exec_count=N.")
    String[] workerOptions() default {};

    @AttributeDefinition(
            name = "Queue backend",
            description = "Where the queue is: (hearth.jobs=embedded), this node's memory and store;"
                    + " (hearth.jobs=postgres), a queue several nodes share.")
    String backend_target() default "(hearth.jobs=embedded)";

    @AttributeDefinition(
            name = "Maximum message size",
            description = "Largest job message, payload or trigger message accepted, in bytes.")
    int maxMessageBytes() default 262_144;
}
