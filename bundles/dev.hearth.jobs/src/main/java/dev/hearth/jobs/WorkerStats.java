package dev.hearth.jobs;

import java.util.Map;

/**
 * What a worker type is doing, since the start.
 *
 * @param registered whether a worker is registered for it
 * @param queued jobs waiting, per instance
 * @param running jobs running now
 * @param done jobs that ended {@code done}
 * @param errored jobs that ended {@code errored}
 * @param retries runs that failed and were tried again
 * @param totalRunMillis the time spent in runs
 * @param recentErrors the last errors, newest first: instance, job id, error
 */
public record WorkerStats(
        String worker,
        boolean registered,
        int concurrency,
        Map<String, Integer> queued,
        int running,
        long done,
        long errored,
        long retries,
        long totalRunMillis,
        java.util.List<String> recentErrors) {}
