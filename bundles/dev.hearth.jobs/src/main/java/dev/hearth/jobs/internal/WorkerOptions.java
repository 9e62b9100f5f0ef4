package dev.hearth.jobs.internal;

import dev.hearth.jobs.Worker;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** How the jobs of a worker type run: at most {@code concurrency} at once, each within its timeout and runs. */
record WorkerOptions(int concurrency, Duration timeout, int maxExecCount) {

    /** The configuration's defaults, then the worker's service properties, then the configuration's overrides. */
    static WorkerOptions resolve(JobsConfig config, String type, @Nullable Map<String, ?> serviceProperties) {
        int concurrency = config.concurrency();
        long timeout = config.timeoutSeconds();
        int maxExec = config.maxExecCount();
        if (serviceProperties != null) {
            concurrency = intProperty(serviceProperties.get(Worker.CONCURRENCY), concurrency);
            timeout = intProperty(serviceProperties.get(Worker.TIMEOUT), (int) timeout);
            maxExec = intProperty(serviceProperties.get(Worker.MAX_EXEC_COUNT), maxExec);
        }
        for (String line : config.workerOptions()) {
            String[] parts = line.trim().split(":");
            if (!parts[0].equals(type)) {
                continue;
            }
            for (int i = 1; i < parts.length; i++) {
                String[] kv = parts[i].split("=", 2);
                int value = kv.length == 2 ? intProperty(kv[1].trim(), -1) : -1;
                if (value <= 0) {
                    continue;
                }
                switch (kv[0].trim()) {
                    case "concurrency" -> concurrency = value;
                    case "timeout" -> timeout = value;
                    case "max_exec_count" -> maxExec = value;
                    default -> {}
                }
            }
        }
        return new WorkerOptions(
                Math.max(1, concurrency), Duration.ofSeconds(Math.max(1, timeout)), Math.max(1, maxExec));
    }

    private static int intProperty(@Nullable Object value, int fallback) {
        if (value instanceof Number n) {
            return n.intValue();
        }
        if (value instanceof String s) {
            try {
                return Integer.parseInt(s.trim());
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
        return fallback;
    }
}
