package dev.hearth.jobs.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.datasystem.internal.DataServiceImpl;
import dev.hearth.datasystem.internal.DataSystemConfig;
import dev.hearth.instances.NewInstance;
import dev.hearth.instances.internal.InstanceServiceImpl;
import dev.hearth.instances.internal.InstancesConfig;
import dev.hearth.jobs.Job;
import dev.hearth.jobs.JobContext;
import dev.hearth.jobs.Worker;
import dev.hearth.realtime.RealtimeHub;
import dev.hearth.realtime.internal.RealtimeHubImpl;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * A real instance registry, datasystem and realtime hub in a folder, with the jobs service over
 * them on a clock the test moves. Nothing ticks by itself: tests call {@link #tick}.
 */
final class Harness implements AutoCloseable {
    static final String ALICE = "alice.localhost";
    static final String BOB = "bob.localhost";

    /** A clock a test sets. */
    static final class TestClock extends Clock {
        volatile Instant now;

        TestClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

    final TestClock clock = new TestClock(Instant.parse("2026-03-01T10:00:00Z"));
    final InstanceServiceImpl instances;
    final DataServiceImpl data;
    final RealtimeHub hub = new RealtimeHubImpl();
    final Map<String, Object> settings;
    JobsServiceImpl jobs;

    Harness(Path dir, Map<String, Object> settings) throws Exception {
        this.settings = settings;
        instances = new InstanceServiceImpl(proxy(
                InstancesConfig.class,
                Map.of("dataDir", dir.toString(), "subdomains", "nested", "defaultLocale", "en")));
        if (instances.find(ALICE).isEmpty()) {
            instances.create(NewInstance.of(ALICE));
            instances.create(NewInstance.of(BOB));
        }
        data = DataServiceImpl.embedded(instances, proxy(DataSystemConfig.class, Map.of()));
        Method setHub = DataServiceImpl.class.getDeclaredMethod("setHub", RealtimeHub.class);
        setHub.setAccessible(true);
        setHub.invoke(data, hub);
        start();
    }

    void start() {
        jobs = new JobsServiceImpl(data, instances, hub, proxy(JobsConfig.class, settings), clock, false);
    }

    /** Another node's jobs service over the same stores, sharing its queue through {@code backend}. */
    JobsServiceImpl node(dev.hearth.jobs.JobsBackend backend) {
        return new JobsServiceImpl(data, instances, hub, proxy(JobsConfig.class, settings), clock, false, backend);
    }

    /** Stops the jobs service as a shutdown does, and starts a new one over the same stores. */
    void restart() {
        jobs.deactivate();
        start();
    }

    static <T extends Annotation> T proxy(Class<T> type, Map<String, Object> values) {
        Map<String, Object> all = new HashMap<>(values);
        return type.cast(Proxy.newProxyInstance(
                Harness.class.getClassLoader(), new Class<?>[] {type}, (p, m, args) -> switch (m.getName()) {
                    case "annotationType" -> type;
                    case "toString" -> type.getSimpleName() + all;
                    case "hashCode" -> all.hashCode();
                    case "equals" -> p == args[0];
                    default -> all.getOrDefault(m.getName(), m.getDefaultValue());
                }));
    }

    /** Registers a worker as the whiteboard would. */
    void register(String type, Worker worker, Object... properties) {
        Map<String, Object> props = new HashMap<>();
        props.put(Worker.TYPE, type);
        for (int i = 0; i < properties.length; i += 2) {
            props.put((String) properties[i], properties[i + 1]);
        }
        jobs.addWorker(worker, props);
    }

    void unregister(String type, Worker worker) {
        jobs.removeWorker(worker, Map.of(Worker.TYPE, type));
    }

    Job awaitState(String domain, String id, String state) {
        await(() -> state.equals(jobs.job(domain, id).state()), "job " + id + " " + state);
        return jobs.job(domain, id);
    }

    static void await(BooleanSupplier condition, String what) {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("Timed out waiting for " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    /** A worker that runs a body. */
    interface Body {
        @Nullable
        JsonNode run(JobContext job) throws Exception;
    }

    static Worker worker(Body body) {
        return body::run;
    }

    @Override
    public void close() {
        jobs.deactivate();
        data.deactivate();
    }
}
