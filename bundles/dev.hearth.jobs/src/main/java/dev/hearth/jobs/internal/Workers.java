package dev.hearth.jobs.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.doctype.Doctypes;
import dev.hearth.jobs.Job;
import dev.hearth.jobs.Worker;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workers of the whiteboard as they come and go: registered on the broker with their options,
 * and what becomes of the jobs of a worker type left without a worker. On a single node its queued
 * jobs fail after a grace delay, unless the type is one whose jobs wait; with a shared queue this
 * node gives its claims of that type up at once, for the nodes that still run it.
 */
final class Workers {
    private static final Logger LOG = LoggerFactory.getLogger(Workers.class);

    private final Broker broker;
    private final JobRunner runner;
    private final JobStore store;
    private final JobsConfig config;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final @Nullable SharedJobs shared;
    /** Types whose last worker left here, so that jobs queued for them later fail too. */
    private final Set<String> gone = ConcurrentHashMap.newKeySet();
    /** Types with a pass of {@link #failOrphans} scheduled. */
    private final Set<String> pending = ConcurrentHashMap.newKeySet();

    Workers(
            Broker broker,
            JobRunner runner,
            JobStore store,
            JobsConfig config,
            Clock clock,
            ScheduledExecutorService timer,
            @Nullable SharedJobs shared) {
        this.broker = broker;
        this.runner = runner;
        this.store = store;
        this.config = config;
        this.clock = clock;
        this.timer = timer;
        this.shared = shared;
        if (shared == null) {
            broker.onUnserved(type -> {
                if (gone.contains(type)) {
                    scheduleFailure(type);
                }
            });
        }
    }

    void add(Worker worker, Map<String, Object> properties) {
        Object type = properties.get(Worker.TYPE);
        if (!(type instanceof String name) || name.isBlank()) {
            LOG.warn("A worker without a {} property is ignored: {}", Worker.TYPE, worker);
            return;
        }
        gone.remove(name);
        broker.addWorker(new Broker.Registration(name, worker, WorkerOptions.resolve(config, name, properties)));
    }

    void remove(Worker worker, Map<String, Object> properties) {
        Object type = properties.get(Worker.TYPE);
        if (!(type instanceof String name)) {
            return;
        }
        broker.removeWorker(name, worker);
        if (broker.worker(name) != null) {
            return;
        }
        runner.cancelRuns(name);
        if (shared != null && !broker.stopped()) {
            List<FairQueue.Entry> claimed = broker.drain(name);
            Thread.ofVirtual().start(() -> shared.release(claimed));
        } else if (!waits(name) && !broker.stopped()) {
            gone.add(name);
            scheduleFailure(name);
        }
    }

    /**
     * Fails the type's queued jobs after the grace delay: those queued now, and those queued later
     * while it is still without a worker (the retry of a run its leaving worker cut short).
     */
    private void scheduleFailure(String type) {
        if (pending.add(type)) {
            timer.schedule(
                    () -> {
                        pending.remove(type);
                        failOrphans(type);
                    },
                    config.missingWorkerGraceMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Fails the queued jobs of a worker type that is still without a worker after the grace delay.
     * A stopping service fails none: they stay queued in the store and run after the restart.
     */
    private void failOrphans(String type) {
        if (broker.stopped() || broker.worker(type) != null) {
            return;
        }
        List<FairQueue.Entry> orphans = broker.drain(type);
        Thread.ofVirtual().start(() -> orphans.forEach(e -> failOrphan(e.domain(), e.id())));
    }

    private void failOrphan(String domain, String id) {
        try {
            store.update(domain, Doctypes.JOBS, id, this::orphaned);
        } catch (RuntimeException e) {
            LOG.warn("The job {} of '{}' has no worker and could not be marked errored", id, domain, e);
        }
    }

    private @Nullable ObjectNode orphaned(@Nullable ObjectNode d) {
        if (d == null || !Job.QUEUED.equals(d.path("state").asText())) {
            return null;
        }
        d.put("state", Job.ERRORED)
                .put("error", JobDocs.UNKNOWN_WORKER + ": " + d.path("worker").asText());
        d.put("finished_at", clock.instant().toString());
        return d;
    }

    private boolean waits(String worker) {
        return "wait".equals(config.missingWorker())
                || List.of(config.awaitedWorkers()).contains(worker);
    }

    /** Whether jobs of this worker type are taken: it has a worker, waits for one, or is the client's. */
    boolean accepts(String worker) {
        return JobDocs.CLIENT.equals(worker) || broker.worker(worker) != null || waits(worker);
    }
}
