package dev.hearth.jobs.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.doctype.Doctypes;
import dev.hearth.jobs.Job;
import dev.hearth.jobs.JobFailure;
import dev.hearth.realtime.Event;
import dev.hearth.realtime.RealtimeHub;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs jobs: marks a batch of one instance's jobs {@code running} with one more execution each, in
 * memory (from the documents the queue holds, read only when it holds none): the running state is
 * published on the realtime hub and shown by the service's reads, but not written, which saves a
 * commit per job. The worker is called under each job's deadline, then the outcome is stored over
 * the queued document: {@code done}, {@code queued} again for a retry after a growing delay, or
 * {@code errored} with the failure's message, folded with the outcomes of the same instance ending
 * meanwhile. A stop stores the runs it interrupts as counted; after a crash the store still says
 * {@code queued} with the runs that ended, so an interrupted run is run again, uncounted: a job
 * whose end was stored never runs again.
 */
final class JobRunner implements Broker.Execution {
    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);
    static final String DEADLINE_EXCEEDED = "context deadline exceeded";
    static final String WORKER_STOPPED = "The worker stopped during the run";
    private static final long MAX_RETRY_DELAY_MILLIS = TimeUnit.HOURS.toMillis(1);

    private final JobStore store;
    private final Outcomes outcomes;
    private final Broker broker;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final long retryDelayMillis;
    private final BiConsumer<String, ObjectNode> ended;
    private final RealtimeHub hub;
    /** Whether other nodes share the queue: the running state is then stored (see {@link #startStored}). */
    private volatile boolean shared;

    private final Map<String, RunContext> running = new ConcurrentHashMap<>();
    /** The documents of the jobs started here and not yet ended in their store, by domain/id. */
    private final Map<String, ObjectNode> live = new ConcurrentHashMap<>();

    JobRunner(
            JobStore store,
            RealtimeHub hub,
            Broker broker,
            Clock clock,
            ScheduledExecutorService timer,
            long retryDelayMillis,
            BiConsumer<String, ObjectNode> ended) {
        this.store = store;
        this.hub = hub;
        this.outcomes = new Outcomes(store);
        this.broker = broker;
        this.clock = clock;
        this.timer = timer;
        this.retryDelayMillis = retryDelayMillis;
        this.ended = ended;
    }

    /** Stores the running state from now on: nodes share the queue. */
    void storeRunning() {
        this.shared = true;
    }

    @Override
    public List<ObjectNode> start(String domain, List<FairQueue.Entry> batch, Broker.Registration reg) {
        if (shared) {
            return startStored(domain, batch, reg);
        }
        String startedAt = clock.instant().toString();
        List<ObjectNode> started = new ArrayList<>(batch.size());
        for (FairQueue.Entry e : batch) {
            try {
                ObjectNode doc = e.doc() != null ? e.doc().deepCopy() : store.find(domain, Doctypes.JOBS, e.id());
                if (doc == null || !Job.QUEUED.equals(doc.path("state").asText())) {
                    continue;
                }
                doc.put("state", Job.RUNNING).put("started_at", startedAt);
                doc.put("exec_count", doc.path("exec_count").asInt(0) + 1);
                live.put(domain + "/" + e.id(), doc);
                hub.publish(domain, Event.Verb.UPDATED, Doctypes.JOBS, e.id(), doc::deepCopy);
                started.add(doc);
            } catch (RuntimeException failure) {
                LOG.warn("The job {} of '{}' could not start", e.id(), domain, failure);
            }
        }
        return started;
    }

    /**
     * Starts claimed jobs by storing them {@code running} with one more execution, so that every
     * node shows them running and a node that claims one after its node died knows that run was
     * made: it runs it again while it has runs left and stores it errored otherwise. A job whose
     * end is stored is let go; one that could not be read is tried again later, still claimed.
     */
    private List<ObjectNode> startStored(String domain, List<FairQueue.Entry> batch, Broker.Registration reg) {
        String startedAt = clock.instant().toString();
        List<ObjectNode> started = new ArrayList<>(batch.size());
        for (FairQueue.Entry e : batch) {
            try {
                ObjectNode saved = store.update(domain, Doctypes.JOBS, e.id(), d -> claimed(d, reg, startedAt));
                if (saved == null) {
                    broker.settled(domain, e.id());
                } else if (Job.ERRORED.equals(saved.path("state").asText())) {
                    broker.recordEnd(reg.type(), false, false, 0, domain, e.id(), Recovery.INTERRUPTED);
                    broker.settled(domain, e.id());
                    ended(domain, saved);
                } else {
                    started.add(saved); // not live: reads show the stored state, which may be another node's
                }
            } catch (RuntimeException failure) {
                LOG.warn("The job {} of '{}' could not start; trying again", e.id(), domain, failure);
                broker.enqueueLater(reg.type(), new FairQueue.Entry(domain, e.id()), retryDelayMillis);
            }
        }
        return started;
    }

    /** A claimed job's document marked running, or errored when its node died in its last run; null when it ended. */
    private static @Nullable ObjectNode claimed(ObjectNode d, Broker.Registration reg, String now) {
        String state = d.path("state").asText();
        int execCount = d.path("exec_count").asInt(0);
        if (Job.RUNNING.equals(state) && execCount >= maxExec(d, reg)) {
            return d.put("state", Job.ERRORED)
                    .put("error", Recovery.INTERRUPTED)
                    .put("finished_at", now);
        }
        if (!Job.QUEUED.equals(state) && !Job.RUNNING.equals(state)) {
            return null;
        }
        return d.put("state", Job.RUNNING).put("started_at", now).put("exec_count", execCount + 1);
    }

    private static int maxExec(ObjectNode doc, Broker.Registration reg) {
        return option(doc, "max_exec_count") > 0
                ? option(doc, "max_exec_count")
                : reg.options().maxExecCount();
    }

    /** The document of a job running here, as its clients see it (its store still says queued), or null. */
    @Nullable
    ObjectNode live(String domain, String id) {
        ObjectNode doc = live.get(domain + "/" + id);
        return doc == null ? null : doc.deepCopy();
    }

    @Override
    public void run(String domain, ObjectNode doc, Broker.Registration reg) {
        String id = doc.path("_id").asText();
        Duration timeout = option(doc, "timeout") > 0
                ? Duration.ofSeconds(option(doc, "timeout"))
                : reg.options().timeout();
        int maxExec = maxExec(doc, reg);
        RunContext ctx = new RunContext(domain, doc, clock.instant().plus(timeout), Thread.currentThread());
        String key = domain + "/" + id;
        running.put(key, ctx);
        if (broker.worker(reg.type()) != reg) {
            ctx.cancel(false); // the worker left while this run was starting
        }
        ScheduledFuture<?> alarm = timer.schedule(() -> ctx.cancel(true), timeout.toMillis(), TimeUnit.MILLISECONDS);
        long start = System.nanoTime();
        JsonNode result = null;
        Throwable failure = null;
        try {
            result = reg.worker().run(ctx);
        } catch (Throwable t) { // a worker's failure of any kind is the job's
            failure = t;
        } finally {
            alarm.cancel(false);
            running.remove(key);
            Thread.interrupted();
        }
        if (broker.stopped()) {
            try {
                interrupted(domain, doc, maxExec);
            } finally {
                live.remove(key);
            }
            return;
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        if (ctx.timedOut()) {
            failure = new JobFailure(DEADLINE_EXCEEDED, true);
        } else if (failure == null && ctx.cancelled()) {
            failure = new JobFailure(WORKER_STOPPED, true);
        }
        try {
            finish(domain, doc, result, failure, maxExec, millis);
        } finally {
            live.remove(key);
        }
    }

    /**
     * Stores a run that a stop interrupted as counted: queued again with its execution count
     * while it has runs left (the next start runs it), errored otherwise.
     */
    private void interrupted(String domain, ObjectNode doc, int maxExec) {
        boolean retry = doc.path("exec_count").asInt(1) < maxExec;
        String now = clock.instant().toString();
        ObjectNode saved = outcome(domain, doc, d -> {
            if (retry) {
                return d.put("state", Job.QUEUED);
            }
            return d.put("state", Job.ERRORED)
                    .put("error", Recovery.INTERRUPTED)
                    .put("finished_at", now);
        });
        if (!retry && saved != null) {
            broker.settled(domain, doc.path("_id").asText());
            ended(domain, saved);
        }
    }

    private void finish(
            String domain,
            ObjectNode doc,
            @Nullable JsonNode result,
            @Nullable Throwable failure,
            int maxExec,
            long millis) {
        String id = doc.path("_id").asText();
        String type = doc.path("worker").asText();
        String now = clock.instant().toString();
        if (failure == null) {
            ObjectNode saved = outcome(domain, doc, d -> {
                d.put("state", Job.DONE).put("finished_at", now).remove("error");
                if (result != null) {
                    d.set("result", result);
                }
                return d;
            });
            if (saved == null && shared) {
                return;
            }
            broker.recordEnd(type, true, false, millis, domain, id, "");
            broker.settled(domain, id);
            ended(domain, saved);
            return;
        }
        String error = message(failure);
        boolean retryable = !(failure instanceof JobFailure f) || f.retryable();
        JsonNode failed = failure instanceof JobFailure f ? f.result() : null;
        int execCount = doc.path("exec_count").asInt(1);
        if (retryable && execCount < maxExec) {
            ObjectNode queued = outcome(domain, doc, d -> {
                d.put("state", Job.QUEUED).put("error", error);
                keepResult(d, failed);
                return d;
            });
            if (queued == null && shared) {
                return;
            }
            broker.recordEnd(type, false, true, millis, domain, id, error);
            broker.enqueueLater(type, new FairQueue.Entry(domain, id, queued), retryDelay(execCount));
            return;
        }
        LOG.info("Job {} ({}) of '{}' errored after {} runs: {}", id, type, domain, execCount, error);
        ObjectNode saved = outcome(domain, doc, d -> {
            d.put("state", Job.ERRORED).put("finished_at", now).put("error", error);
            keepResult(d, failed);
            return d;
        });
        if (saved == null && shared) {
            return;
        }
        broker.recordEnd(type, false, false, millis, domain, id, error);
        broker.settled(domain, id);
        ended(domain, saved);
    }

    /**
     * Stores a run's outcome over its document. With a shared queue only while the stored document
     * is still this run's (running, with its start and count): when this node's lease lapsed and
     * another node took the job over, nothing is written, the job is let go here and null returned.
     */
    private @Nullable ObjectNode outcome(String domain, ObjectNode run, UnaryOperator<@Nullable ObjectNode> change) {
        if (!shared) {
            return outcomes.write(domain, run, change);
        }
        String started = run.path("started_at").asText();
        int count = run.path("exec_count").asInt();
        ObjectNode saved = outcomes.write(
                domain,
                run,
                d -> d != null
                                && Job.RUNNING.equals(d.path("state").asText())
                                && started.equals(d.path("started_at").asText())
                                && count == d.path("exec_count").asInt()
                        ? change.apply(d)
                        : null);
        if (saved == null) {
            String id = run.path("_id").asText();
            LOG.warn(
                    "The job {} of '{}' was taken over by another node; the outcome of its run here is dropped",
                    id,
                    domain);
            broker.dropped(domain, id);
        }
        return saved;
    }

    private static void keepResult(ObjectNode doc, @Nullable JsonNode result) {
        if (result != null) {
            doc.set("result", result);
        }
    }

    private void ended(String domain, @Nullable ObjectNode saved) {
        if (saved != null && saved.path("trigger_id").asText("").length() > 0) {
            ended.accept(domain, saved);
        }
    }

    long retryDelay(int execCount) {
        long delay = retryDelayMillis << Math.min(20, Math.max(0, execCount - 1));
        return Math.min(delay, MAX_RETRY_DELAY_MILLIS);
    }

    private static int option(ObjectNode doc, String name) {
        return doc.path("options").path(name).asInt(0);
    }

    static String message(Throwable failure) {
        if (failure instanceof InterruptedException) {
            return WORKER_STOPPED;
        }
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
    }

    /** Cancels the runs of a worker type (its worker is going away). */
    void cancelRuns(String type) {
        running.values().stream().filter(r -> r.workerType().equals(type)).forEach(r -> r.cancel(false));
    }

    int runningCount() {
        return running.size();
    }

    /** When a run's deadline passes, for tests. */
    @Nullable
    Instant deadlineOf(String domain, String id) {
        RunContext ctx = running.get(domain + "/" + id);
        return ctx == null ? null : ctx.deadline();
    }
}
