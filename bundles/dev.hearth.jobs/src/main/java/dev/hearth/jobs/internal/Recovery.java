package dev.hearth.jobs.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.doctype.Doctypes;
import dev.hearth.common.json.Json;
import dev.hearth.instances.Instance;
import dev.hearth.instances.InstanceService;
import dev.hearth.jobs.Job;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads what the stores hold at start: every trigger, and the jobs that were queued or running.
 * Runs are not stored as {@code running} (see {@link JobRunner}): a queued job is queued again,
 * unless the broker already holds it (created or run since the start). A job found running was
 * stored so by an earlier version: its {@code exec_count} already counts that run, so it is queued
 * again while it has runs left and ends errored otherwise. With a shared queue every unfinished job
 * is offered to it instead (one already there is left as it is): the node that claims it decides.
 */
final class Recovery {
    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);
    static final String INTERRUPTED = "The job was interrupted by a restart and has no runs left";

    private final JobStore store;
    private final Broker broker;
    private final Triggers triggers;
    private final JobsConfig config;
    private final Clock clock;
    private final BiConsumer<String, ObjectNode> ended;
    private final @Nullable SharedJobs shared;

    Recovery(
            JobStore store,
            Broker broker,
            Triggers triggers,
            JobsConfig config,
            Clock clock,
            BiConsumer<String, ObjectNode> ended,
            @Nullable SharedJobs shared) {
        this.shared = shared;
        this.store = store;
        this.broker = broker;
        this.triggers = triggers;
        this.config = config;
        this.clock = clock;
        this.ended = ended;
    }

    /**
     * Reloads the stores' triggers and jobs once the framework has started (at once when it has):
     * with many triggers the reload takes seconds of CPU, which the start of the other bundles
     * needs more. Jobs queued meanwhile run; triggers fire from the end of the reload, a periodic
     * one that came due meanwhile once. Returns what removes the framework listener.
     */
    Runnable onceStarted(BundleContext context, InstanceService instances) {
        AtomicBoolean once = new AtomicBoolean();
        Runnable recover = () -> {
            if (once.compareAndSet(false, true)) {
                start(instances);
            }
        };
        FrameworkListener started = event -> {
            if (event.getType() == FrameworkEvent.STARTED) {
                recover.run();
            }
        };
        context.addFrameworkListener(started);
        if (context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).getState() == Bundle.ACTIVE) {
            recover.run();
        }
        return () -> context.removeFrameworkListener(started);
    }

    /** Reloads every instance in the background, now. */
    void start(InstanceService instances) {
        Thread.ofVirtual().name("hearth-jobs-recovery").start(() -> recoverAll(instances.list()));
    }

    void recoverAll(List<Instance> instances) {
        long start = System.nanoTime();
        int count = 0;
        for (Instance instance : instances) {
            try {
                recover(instance.domain());
                count++;
            } catch (RuntimeException e) {
                LOG.warn("The jobs and triggers of '{}' could not be reloaded", instance.domain(), e);
            }
        }
        LOG.info(
                "Reloaded the jobs and triggers of {} instances in {} ms ({} scheduled, {} event triggers)",
                count,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start),
                triggers.scheduled(),
                triggers.watching());
    }

    void recover(String domain) {
        if (store.hasDatabase(domain, Doctypes.TRIGGERS)) {
            store.allTriggers(domain).forEach(t -> triggers.load(domain, t));
        }
        if (!store.hasDatabase(domain, Doctypes.JOBS)) {
            return;
        }
        ObjectNode selector = Json.mapper().createObjectNode();
        selector.putObject("state").putArray("$in").add(Job.QUEUED).add(Job.RUNNING);
        List<ObjectNode> docs = store.query(domain, Doctypes.JOBS, selector, JobReads.MAX_LISTED);
        for (Job job : JobStore.jobs(docs, false, JobReads.MAX_LISTED)) {
            if (JobDocs.CLIENT.equals(job.worker())) {
                continue;
            }
            if (shared != null) { // a running one may run on a live node: its claimer decides
                shared.offer(domain, job.id(), job.worker());
                continue;
            }
            if (Job.RUNNING.equals(job.state()) && !requeue(domain, job)) {
                continue;
            }
            broker.enqueueFound(job.worker(), domain, job.id());
        }
    }

    private boolean requeue(String domain, Job job) {
        Broker.Registration reg = broker.worker(job.worker());
        int max = job.doc().path("options").path("max_exec_count").asInt(0);
        if (max <= 0) {
            max = reg != null
                    ? reg.options().maxExecCount()
                    : WorkerOptions.resolve(config, job.worker(), null).maxExecCount();
        }
        boolean retry = job.doc().path("exec_count").asInt(0) < max;
        String now = clock.instant().toString();
        ObjectNode saved = store.update(domain, Doctypes.JOBS, job.id(), d -> {
            if (!Job.RUNNING.equals(d.path("state").asText())) {
                return null;
            }
            if (retry) {
                d.put("state", Job.QUEUED);
            } else {
                d.put("state", Job.ERRORED).put("error", INTERRUPTED).put("finished_at", now);
            }
            return d;
        });
        if (saved != null && !retry && saved.path("trigger_id").asText("").length() > 0) {
            ended.accept(domain, saved);
        }
        return saved != null && retry;
    }
}
