package dev.hearth.itests.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.jobs.JobContext;
import dev.hearth.jobs.Worker;

/**
 * The worker of the test bundle: echoes its message into its result, fails while {@code fail}
 * is above the attempt, sleeps {@code sleep_ms} (or {@code sleep_first_ms} on the first attempt).
 */
public final class ItWorker implements Worker {
    private final long bundleId;

    public ItWorker(long bundleId) {
        this.bundleId = bundleId;
    }

    @Override
    public JsonNode run(JobContext job) throws Exception {
        JsonNode m = job.message();
        if (job.attempt() <= m.path("fail").asInt(0)) {
            throw new IllegalStateException("planned failure " + job.attempt());
        }
        long sleep = m.path("sleep_ms").asLong(0);
        if (job.attempt() == 1) {
            sleep += m.path("sleep_first_ms").asLong(0);
        }
        if (sleep > 0) {
            Thread.sleep(sleep);
        }
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.put("bundle", bundleId).put("attempt", job.attempt()).put("domain", job.domain());
        result.set("message", m);
        if (job.payload() != null) {
            result.set("payload", job.payload());
        }
        return result;
    }
}
