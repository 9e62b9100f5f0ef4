package dev.hearth.web.internal;

import dev.hearth.common.health.Backend;
import dev.hearth.common.health.HealthCheck;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Runs every registered {@link HealthCheck} in parallel (5 s at most) and reports, as Cozy's
 * {@code /status} does: {@code "status":"OK"} when all are healthy, else {@code "KO"}, with each
 * check's result and latency. Both endpoints' {@code /status} answer from it.
 */
@Component(service = HealthReport.class)
public final class HealthReport {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** The body to send, and whether every check passed. */
    record Result(boolean healthy, Map<String, Object> body) {}

    private final List<HealthCheck> checks = new CopyOnWriteArrayList<>();
    private final List<Backend> backends = new CopyOnWriteArrayList<>();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addCheck(HealthCheck check) {
        checks.add(check);
    }

    void removeCheck(HealthCheck check) {
        checks.remove(check);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addBackend(Backend backend) {
        backends.add(backend);
    }

    void removeBackend(Backend backend) {
        backends.remove(backend);
    }

    @Deactivate
    void deactivate() {
        executor.shutdownNow();
    }

    Result run() {
        Map<String, Future<String>> running = new LinkedHashMap<>();
        for (HealthCheck check : checks) {
            running.put(check.name(), executor.submit(() -> timed(check)));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        Map<String, String> latency = new LinkedHashMap<>();
        boolean healthy = true;
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        for (Map.Entry<String, Future<String>> e : running.entrySet()) {
            String result = await(e.getValue(), deadline);
            if (result.startsWith("ok ")) {
                body.put(e.getKey(), "healthy");
                latency.put(e.getKey(), result.substring(3));
            } else {
                body.put(e.getKey(), result);
                healthy = false;
            }
        }
        body.put("status", healthy ? "OK" : "KO");
        body.put("message", healthy ? "OK" : "KO");
        body.put("latency", latency);
        Map<String, String> used = new java.util.TreeMap<>();
        backends.forEach(b -> used.put(b.role(), b.describe()));
        body.put("backends", used);
        return new Result(healthy, body);
    }

    private static String timed(HealthCheck check) {
        long start = System.nanoTime();
        try {
            check.check();
            return "ok " + formatLatency(System.nanoTime() - start);
        } catch (Exception e) {
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
    }

    private static String await(Future<String> future, long deadline) {
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            return "timeout";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (Exception e) {
            return "failed";
        }
    }

    /** A latency as Go prints durations: {@code 152.3µs}, {@code 1.2ms}. */
    static String formatLatency(long nanos) {
        if (nanos < 1_000_000) {
            return String.format(Locale.ROOT, "%.1fµs", nanos / 1e3);
        }
        return String.format(Locale.ROOT, "%.1fms", nanos / 1e6);
    }
}
