package dev.hearth.jobs.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.jobs.JobContext;
import dev.hearth.jobs.Worker;
import org.jspecify.annotations.Nullable;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@code log} worker: writes the job's message to the log. Useful to test triggers. */
@Component(property = {Worker.TYPE + "=log", Worker.CONCURRENCY + ":Integer=16"})
public final class LogWorker implements Worker {
    private static final Logger LOG = LoggerFactory.getLogger(LogWorker.class);

    @Override
    public @Nullable JsonNode run(JobContext job) {
        LOG.info("log job {} of '{}' (trigger {}): {}", job.jobId(), job.domain(), job.triggerId(), job.message());
        return null;
    }
}
