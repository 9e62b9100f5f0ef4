package dev.hearth.jobs.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.doctype.Doctypes;
import dev.hearth.common.error.ApiException;
import dev.hearth.common.health.Backend;
import dev.hearth.datasystem.DataService;
import dev.hearth.instances.Instance;
import dev.hearth.instances.InstanceListener;
import dev.hearth.instances.InstanceService;
import dev.hearth.jobs.Job;
import dev.hearth.jobs.JobRequest;
import dev.hearth.jobs.JobsBackend;
import dev.hearth.jobs.JobsService;
import dev.hearth.jobs.Trigger;
import dev.hearth.jobs.TriggerRequest;
import dev.hearth.jobs.Worker;
import dev.hearth.jobs.WorkerStats;
import dev.hearth.realtime.RealtimeHub;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The jobs service: stores jobs and triggers in the instances' stores, dispatches jobs to the
 * registered {@link Worker}s, and fires triggers. Once the framework has started it reloads every
 * instance's triggers and queued jobs in the background. The {@code running} state is kept in
 * memory (see {@link JobRunner}): the reads here show it over the stored {@code queued}. With a
 * shared {@link JobsBackend} (several nodes) jobs are claimed from the shared queue, their running
 * state is stored, each fire time of a time trigger is claimed by one node, and trigger changes
 * are told to every node ({@link SharedJobs}).
 */
@Component(
        service = {JobsService.class, InstanceListener.class, Backend.class},
        configurationPid = JobsConfig.PID)
@Designate(ocd = JobsConfig.class)
public final class JobsServiceImpl implements JobsService, InstanceListener, Backend {
    private static final Logger LOG = LoggerFactory.getLogger(JobsServiceImpl.class);

    private final JobsConfig config;
    private final Clock clock;
    private final JobStore store;
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(
            1, Thread.ofPlatform().name("hearth-jobs-timer").daemon().factory());
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("hearth-jobs-scheduler").daemon().factory());
    private final Broker broker = new Broker(timer);
    private final JobRunner runner;
    private final EventTriggers events;
    private final Triggers triggers;
    private final Recovery recovery;
    private final TriggerStates triggerStates;
    private final TriggerDocs triggerDocs;
    private final Workers workers;
    private final JobReads reads;
    private final JobsBackend backend;
    private final @Nullable SharedJobs shared;
    private Runnable frameworkListener = () -> {};

    /** Outside a framework (tests of other bundles): everything runs, the reload starts at once. */
    public JobsServiceImpl(DataService data, InstanceService instances, RealtimeHub hub, JobsConfig config) {
        this(data, instances, hub, config, Clock.systemUTC(), true);
        recovery.start(instances);
    }

    @Activate
    public JobsServiceImpl(
            @Reference DataService data,
            @Reference InstanceService instances,
            @Reference RealtimeHub hub,
            @Reference(name = "backend", target = "(" + JobsBackend.PROPERTY + "=embedded)") JobsBackend backend,
            JobsConfig config,
            BundleContext context) {
        this(data, instances, hub, config, Clock.systemUTC(), true, backend);
        frameworkListener = recovery.onceStarted(context, instances);
    }

    JobsServiceImpl(
            DataService data,
            InstanceService instances,
            RealtimeHub hub,
            JobsConfig config,
            Clock clock,
            boolean background) {
        this(data, instances, hub, config, clock, background, new EmbeddedJobs());
    }

    /** With {@code background} false nothing runs by itself: tests call {@link #tick()} and {@link #recover}. */
    JobsServiceImpl(
            DataService data,
            InstanceService instances,
            RealtimeHub hub,
            JobsConfig config,
            Clock clock,
            boolean background,
            JobsBackend backend) {
        this.config = config;
        this.clock = clock;
        this.store = new JobStore(data);
        this.triggerStates = new TriggerStates(store, config.triggerStateSpacingMillis());
        this.runner = new JobRunner(store, hub, broker, clock, timer, config.retryDelayMillis(), this::jobEnded);
        broker.setExecution(runner);
        TriggerDocs[] docs = new TriggerDocs[1];
        this.events = new EventTriggers(hub, (d, id, evs, deb) -> docs[0].fireEvents(d, id, evs, deb), timer);
        this.triggers = new Triggers(
                store, clock, events, (d, t, manual, e, p, deb) -> docs[0].pushTriggered(d, t, manual, e, p, deb));
        this.triggerDocs = new TriggerDocs(store, triggers, broker, config, clock, new TriggerDocs.Jobs() {
            @Override
            public boolean accepts(String worker) {
                return JobsServiceImpl.this.accepts(worker);
            }

            @Override
            public List<ObjectNode> storeAll(String domain, List<ObjectNode> docs) {
                return JobsServiceImpl.this.storeAll(domain, docs);
            }

            @Override
            public void ended(String domain, ObjectNode job) {
                jobEnded(domain, job);
            }

            @Override
            public void told(String domain, String id) {
                JobsServiceImpl.this.told(domain, id);
            }
        });
        docs[0] = triggerDocs;
        this.reads = new JobReads(store, runner, clock, (domain, job) -> triggerStates.endedNow(domain, job, 5_000));
        this.backend = backend;
        this.shared = backend.shared() ? share(instances) : null;
        this.workers = new Workers(broker, runner, store, config, clock, timer, shared);
        this.recovery = new Recovery(store, broker, triggers, config, clock, this::jobEnded, shared);
        if (shared != null) { // claims and hears notices even in tests: that is what a node shares
            shared.start();
        }
        if (background) {
            ticker.scheduleWithFixedDelay(this::tick, 100, 100, TimeUnit.MILLISECONDS);
            ticker.scheduleWithFixedDelay(new StatsLog(broker, config.concurrency()), 1, 1, TimeUnit.MINUTES);
        }
    }

    /** Claims from the shared queue, stores running states, claims fire times, hears trigger notices. */
    private SharedJobs share(InstanceService instances) {
        SharedJobs jobs = new SharedJobs(
                backend,
                broker,
                triggers::reload,
                () -> instances.list().forEach(i -> {
                    try {
                        triggerDocs.reload(i.domain(), false);
                    } catch (RuntimeException e) {
                        LOG.warn("The triggers of '{}' could not be read again", i.domain(), e);
                    }
                }));
        broker.setShared(jobs);
        runner.storeRunning();
        triggers.shareFires();
        return jobs;
    }

    @Deactivate
    public void deactivate() {
        frameworkListener.run();
        ticker.shutdownNow();
        if (shared != null) {
            shared.stop();
        }
        events.stop();
        broker.stop();
        triggerStates.flush(5_000);
        timer.shutdownNow();
        if (shared != null) {
            shared.release();
        }
    }

    @Override
    public String role() {
        return "jobs";
    }

    @Override
    public String describe() {
        return backend.describe();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addWorker(Worker worker, Map<String, Object> properties) {
        workers.add(worker, properties);
    }

    void removeWorker(Worker worker, Map<String, Object> properties) {
        workers.remove(worker, properties);
    }

    @Override
    public boolean accepts(String worker) {
        return workers.accepts(worker);
    }

    @Override
    public Set<String> workerTypes() {
        return broker.workerTypes();
    }

    /** Fires the due time triggers now (the scheduler calls it every 100 ms). */
    int tick() {
        try {
            return triggers.tick();
        } catch (RuntimeException e) {
            LOG.warn("The scheduler tick failed", e);
            return 0;
        }
    }

    // ---- jobs

    @Override
    public Job push(String domain, JobRequest request) {
        if (!accepts(request.worker())) {
            throw ApiException.notFound(JobDocs.UNKNOWN_WORKER + ": " + request.worker());
        }
        JobDocs.checkSize("message", request.message(), config.maxMessageBytes());
        JobDocs.checkOptions(request);
        ObjectNode doc = JobDocs.newJob(domain, request, null, null, null, false, clock.instant());
        return new Job(storeAll(domain, List.of(doc)).getFirst());
    }

    /**
     * Stores new jobs of one instance in one write and queues those queued (each held by the
     * broker from before its write).
     */
    private List<ObjectNode> storeAll(String domain, List<ObjectNode> docs) {
        List<ObjectNode> queued = docs.stream()
                .filter(d -> Job.QUEUED.equals(d.path("state").asText()))
                .toList();
        if (shared != null) {
            List<ObjectNode> saved = create(domain, docs);
            queued.stream()
                    .filter(d -> !JobDocs.CLIENT.equals(d.path("worker").asText()))
                    .forEach(d -> shared.offer(
                            domain, d.path("_id").asText(), d.path("worker").asText()));
            return saved;
        }
        queued.forEach(d -> broker.reserve(domain, d.path("_id").asText()));
        List<ObjectNode> saved;
        try {
            saved = create(domain, docs);
        } catch (RuntimeException e) {
            queued.forEach(d -> broker.settled(domain, d.path("_id").asText()));
            throw e;
        }
        Map<String, List<FairQueue.Entry>> byWorker = new HashMap<>();
        for (ObjectNode d : queued) {
            byWorker.computeIfAbsent(d.path("worker").asText(), w -> new ArrayList<>())
                    .add(new FairQueue.Entry(domain, d.path("_id").asText(), d.deepCopy()));
        }
        byWorker.forEach(broker::enqueueAll);
        return saved;
    }

    private List<ObjectNode> create(String domain, List<ObjectNode> docs) {
        return docs.size() == 1
                ? List.of(store.create(domain, Doctypes.JOBS, docs.getFirst()))
                : store.createAll(domain, Doctypes.JOBS, docs);
    }

    private void jobEnded(String domain, ObjectNode job) {
        triggerStates.ended(domain, job);
    }

    @Override
    public Job job(String domain, String id) {
        return reads.job(domain, id);
    }

    @Override
    public List<Job> queued(String domain, String worker) {
        return reads.queued(domain, worker);
    }

    @Override
    public Job finishClientJob(String domain, String id, String state, @Nullable String error) {
        return reads.finishClientJob(domain, id, state, error);
    }

    @Override
    public int purge(String domain, Duration age, Set<String> workers) {
        return reads.purge(domain, age, workers);
    }

    @Override
    public List<Job> jobsOfTrigger(String domain, String triggerId, int limit) {
        return reads.ofTrigger(domain, triggerId, limit);
    }

    @Override
    public List<WorkerStats> stats() {
        return broker.stats(config.concurrency());
    }

    // ---- triggers

    @Override
    public Trigger createTrigger(String domain, TriggerRequest request) {
        return triggerDocs.create(domain, request);
    }

    @Override
    public Trigger trigger(String domain, String id) {
        return new Trigger(store.get(domain, Doctypes.TRIGGERS, id));
    }

    @Override
    public List<Trigger> triggers(String domain, Set<String> workers, Set<String> types) {
        return triggerDocs.list(domain, workers, types);
    }

    @Override
    public Trigger updateTrigger(String domain, String id, @Nullable String arguments, @Nullable ObjectNode message) {
        return triggerDocs.update(domain, id, arguments, message);
    }

    @Override
    public void deleteTrigger(String domain, String id) {
        triggerDocs.delete(domain, id);
    }

    @Override
    public void reloadTriggers(String domain) {
        triggerDocs.reload(domain, true);
    }

    /** Tells the other nodes that a trigger changed (nothing on a single node). */
    private void told(String domain, String id) {
        if (shared != null) {
            shared.triggerChangedHere(domain, id);
        }
    }

    @Override
    public Job launch(String domain, String triggerId) {
        return java.util.Objects.requireNonNull(
                triggerDocs.pushTriggered(
                        domain, store.get(domain, Doctypes.TRIGGERS, triggerId), true, null, null, false),
                "a manual launch is never declined");
    }

    @Override
    public @Nullable Job webhook(String domain, String triggerId, JsonNode payload, boolean manual) {
        ObjectNode trigger = store.find(domain, Doctypes.TRIGGERS, triggerId);
        if (trigger == null || !"@webhook".equals(trigger.path("type").asText())) {
            throw ApiException.notFound(JobStore.TRIGGER_NOT_FOUND);
        }
        JobDocs.checkSize("payload", payload, config.maxMessageBytes());
        return triggerDocs.pushTriggered(domain, trigger, manual, null, payload, false);
    }

    @Override
    public void instanceDestroying(Instance instance) {
        broker.forget(instance.domain());
        triggers.unloadDomain(instance.domain());
    }

    /** Reloads the triggers and the unfinished jobs of an instance (at start). */
    void recover(String domain) {
        recovery.recover(domain);
    }

    /** The next fire time of a time trigger, for tests and the console. */
    @Nullable
    Instant nextFire(String domain, String triggerId) {
        return triggers.nextFire(domain, triggerId);
    }
}
