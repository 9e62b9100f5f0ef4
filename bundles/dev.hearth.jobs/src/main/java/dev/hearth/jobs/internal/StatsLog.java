package dev.hearth.jobs.internal;

import dev.hearth.jobs.WorkerStats;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs the metrics of each worker type once a minute, when they changed: jobs waiting and running,
 * done, errored and retried since the start, and the mean run time.
 */
final class StatsLog implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger("dev.hearth.jobs.metrics");

    private final Broker broker;
    private final int defaultConcurrency;
    private final Map<String, String> last = new HashMap<>();

    StatsLog(Broker broker, int defaultConcurrency) {
        this.broker = broker;
        this.defaultConcurrency = defaultConcurrency;
    }

    @Override
    public void run() {
        for (WorkerStats s : broker.stats(defaultConcurrency)) {
            int queued =
                    s.queued().values().stream().mapToInt(Integer::intValue).sum();
            long runs = s.done() + s.errored() + s.retries();
            String line = String.format(
                    "worker=%s registered=%s queued=%d instances=%d running=%d done=%d errored=%d retries=%d mean_ms=%d",
                    s.worker(),
                    s.registered(),
                    queued,
                    s.queued().size(),
                    s.running(),
                    s.done(),
                    s.errored(),
                    s.retries(),
                    runs == 0 ? 0 : s.totalRunMillis() / runs);
            if (!line.equals(last.put(s.worker(), line))) {
                LOG.info(line);
            }
        }
    }
}
