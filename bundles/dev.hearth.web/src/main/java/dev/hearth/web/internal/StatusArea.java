package dev.hearth.web.internal;

import dev.hearth.common.health.HealthCheck;
import dev.hearth.web.Call;
import dev.hearth.web.ErrorStyle;
import dev.hearth.web.HttpArea;
import dev.hearth.web.OnInstanceHosts;
import dev.hearth.web.Routes;
import java.io.IOException;
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
 * {@code GET /status}: runs every registered {@link HealthCheck} in parallel (5 s at most) and
 * answers 200 {@code "status":"OK"} when all are healthy, else 502 {@code "KO"}, with each
 * check's result and latency, as Cozy does. Answers on any host of the public endpoint.
 */
@Component
@OnInstanceHosts
public final class StatusArea implements HttpArea {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final List<HealthCheck> checks = new CopyOnWriteArrayList<>();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addCheck(HealthCheck check) {
        checks.add(check);
    }

    void removeCheck(HealthCheck check) {
        checks.remove(check);
    }

    @Deactivate
    void deactivate() {
        executor.shutdownNow();
    }

    @Override
    public Routes routes() {
        return new Routes(ErrorStyle.PLAIN).anyHost().get("/status", this::status);
    }

    private void status(Call call) throws IOException {
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
        call.response().setHeader("Cache-Control", "no-cache");
        call.json(healthy ? 200 : 502, body);
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
