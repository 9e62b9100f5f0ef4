package dev.hearth.jobs.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.jobs.Worker;
import dev.hearth.jobs.WorkerStats;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches queued jobs to the registered workers: one lane per worker type, with a fair queue,
 * at most {@code concurrency} runs at once, each on its own virtual thread. Free slots are handed
 * out in batches of one instance's jobs (at most {@link #BATCH} per turn): the outcomes of a batch
 * share commits of that instance's store, where jobs of different instances one by one would cost
 * a commit each in different stores. A job is run by
 * at most one thread at a time: the set of running jobs is checked before a run starts.
 */
final class Broker {

    /** Runs the jobs taken from a lane. */
    interface Execution {
        /**
         * Marks a batch of queued jobs of one instance running and returns the documents of
         * those to run; the others (no longer queued) are skipped.
         */
        List<ObjectNode> start(String domain, List<FairQueue.Entry> batch, Registration worker);

        /** Runs one started job and records its end. */
        void run(String domain, ObjectNode doc, Registration worker);
    }

    /** The most jobs of one instance handed out in one turn. */
    static final int BATCH = 16;

    /** A registered worker with its options. */
    record Registration(String type, Worker worker, WorkerOptions options) {}

    /** The jobs of one worker type. */
    static final class Lane {
        final String type;
        final FairQueue queue = new FairQueue();
        int running;
        final AtomicLong done = new AtomicLong();
        final AtomicLong errored = new AtomicLong();
        final AtomicLong retries = new AtomicLong();
        final AtomicLong runMillis = new AtomicLong();
        final Deque<String> recentErrors = new ArrayDeque<>();

        Lane(String type) {
            this.type = type;
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(Broker.class);
    private static final int RECENT_ERRORS = 20;

    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    private final Map<String, Registration> workers = new ConcurrentHashMap<>();
    private final Set<String> active = ConcurrentHashMap.newKeySet();
    private final Set<String> known = ConcurrentHashMap.newKeySet();
    private final ExecutorService threads = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("hearth-job-", 0).factory());
    private final ScheduledExecutorService timer;
    private Execution execution = new Execution() {
        @Override
        public List<ObjectNode> start(String domain, List<FairQueue.Entry> batch, Registration worker) {
            return List.of();
        }

        @Override
        public void run(String domain, ObjectNode doc, Registration worker) {}
    };
    private volatile boolean stopped;
    /** Told of each job queued for a worker type without a worker. */
    private volatile Consumer<String> unserved = type -> {};
    /** Told of every job this broker no longer holds, and of every lane with slots freed. */
    private volatile Shared shared = Shared.NONE;

    /** What a node sharing its queue with others learns from its broker. */
    interface Shared {
        Shared NONE = new Shared() {};

        /** The job's end is stored (or was found stored): no node needs to run it again. */
        default void settled(String domain, String id) {}

        /** Runs of this worker type ended: the lane may take more jobs. */
        default void freed(String type) {}
    }

    Broker(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    void setExecution(Execution execution) {
        this.execution = execution;
    }

    /** What to do when a job is queued for a type that has no worker (its worker left meanwhile). */
    void onUnserved(Consumer<String> unserved) {
        this.unserved = unserved;
    }

    void setShared(Shared shared) {
        this.shared = shared;
    }

    /** How many more jobs of a type this node could take now: free slots not filled by queued jobs. */
    int room(String type) {
        Registration reg = workers.get(type);
        if (reg == null || stopped) {
            return 0;
        }
        Lane lane = lane(type);
        synchronized (lane) {
            return reg.options().concurrency() - lane.running - lane.queue.size();
        }
    }

    Lane lane(String type) {
        return lanes.computeIfAbsent(type, Lane::new);
    }

    @Nullable
    Registration worker(String type) {
        return workers.get(type);
    }

    Set<String> workerTypes() {
        return new TreeSet<>(workers.keySet());
    }

    void addWorker(Registration registration) {
        workers.put(registration.type(), registration);
        pump(registration.type());
    }

    /** Removes a worker (if it is still the one registered); its queued jobs are returned, by instance. */
    void removeWorker(String type, Worker worker) {
        workers.computeIfPresent(type, (t, r) -> r.worker() == worker ? null : r);
    }

    /** Takes every queued job of a type out of its lane. */
    List<FairQueue.Entry> drain(String type) {
        Lane lane = lane(type);
        List<FairQueue.Entry> out = new ArrayList<>();
        synchronized (lane) {
            FairQueue.Entry e;
            while ((e = lane.queue.poll()) != null) {
                out.add(e);
                known.remove(e.domain() + "/" + e.id());
            }
        }
        return out;
    }

    /** Drops the queued jobs of an instance (it is being deleted). */
    void forget(String domain) {
        for (Lane lane : lanes.values()) {
            synchronized (lane) {
                lane.queue.removeDomain(domain);
            }
        }
        known.removeIf(k -> k.startsWith(domain + "/"));
    }

    /** Notes a job about to be created here, which {@link #enqueue} then queues. */
    void reserve(String domain, String id) {
        known.add(domain + "/" + id);
    }

    /** Forgets a job this broker held: its end is stored, or it was not created. */
    void settled(String domain, String id) {
        known.remove(domain + "/" + id);
        shared.settled(domain, id);
    }

    /** Forgets a job another node took over: nobody here is told. */
    void dropped(String domain, String id) {
        known.remove(domain + "/" + id);
    }

    /** Queues a job found queued in a store, unless this broker already holds it. */
    void enqueueFound(String type, String domain, String id) {
        if (known.add(domain + "/" + id)) {
            enqueue(type, new FairQueue.Entry(domain, id));
        }
    }

    /** Queues a job with its document as just written (its run then starts from it). */
    void enqueue(String type, FairQueue.Entry entry) {
        enqueueAll(type, List.of(entry));
    }

    /** Queues jobs of one type with their documents as just written, then hands out free slots once. */
    void enqueueAll(String type, List<FairQueue.Entry> entries) {
        entries.forEach(e -> known.add(e.domain() + "/" + e.id()));
        Lane lane = lane(type);
        synchronized (lane) {
            entries.forEach(lane.queue::add);
        }
        if (workers.get(type) == null) {
            unserved.accept(type);
        }
        pump(type);
    }

    void enqueueLater(String type, FairQueue.Entry entry, long delayMillis) {
        timer.schedule(() -> enqueue(type, entry), delayMillis, TimeUnit.MILLISECONDS);
    }

    private void pump(String type) {
        Lane lane = lane(type);
        while (!stopped) {
            Registration reg = workers.get(type);
            List<FairQueue.Entry> batch;
            synchronized (lane) {
                int free = reg == null ? 0 : reg.options().concurrency() - lane.running;
                if (free <= 0) {
                    return;
                }
                batch = lane.queue.poll(Math.min(free, BATCH));
                if (batch.isEmpty()) {
                    return;
                }
                lane.running += batch.size();
            }
            try {
                threads.execute(() -> start(lane, batch, reg));
            } catch (RuntimeException e) { // stopping
                release(lane, batch.size());
                return;
            }
        }
    }

    /** Marks a batch running, then runs each of its jobs on its own thread. */
    private void start(Lane lane, List<FairQueue.Entry> batch, Registration reg) {
        String domain = batch.getFirst().domain();
        List<FairQueue.Entry> mine = new ArrayList<>(batch.size());
        for (FairQueue.Entry e : batch) {
            if (active.add(domain + "/" + e.id())) { // else a copy of a job running now
                mine.add(e);
            }
        }
        List<ObjectNode> started = List.of();
        try {
            started = mine.isEmpty() ? List.of() : execution.start(domain, mine, reg);
        } catch (RuntimeException e) {
            LOG.warn(
                    "The jobs {} of '{}' could not start",
                    mine.stream().map(FairQueue.Entry::id).toList(),
                    domain,
                    e);
        }
        Set<String> running = new java.util.HashSet<>();
        started.forEach(d -> running.add(d.path("_id").asText()));
        for (FairQueue.Entry e : mine) {
            if (!running.contains(e.id())) { // no longer queued in its store
                active.remove(domain + "/" + e.id());
                known.remove(domain + "/" + e.id());
            }
        }
        int left = batch.size() - running.size();
        for (ObjectNode doc : started) {
            String key = domain + "/" + doc.path("_id").asText();
            try {
                threads.execute(() -> {
                    try {
                        execution.run(domain, doc, reg);
                    } finally {
                        active.remove(key);
                        release(lane, 1);
                    }
                });
            } catch (RuntimeException e) { // stopping: the job stays running in its store
                active.remove(key);
                left++;
            }
        }
        release(lane, left);
    }

    private void release(Lane lane, int slots) {
        if (slots == 0) {
            return;
        }
        synchronized (lane) {
            lane.running -= slots;
        }
        pump(lane.type);
        shared.freed(lane.type);
    }

    void recordEnd(String type, boolean ok, boolean retried, long millis, String domain, String id, String error) {
        Lane lane = lane(type);
        lane.runMillis.addAndGet(millis);
        if (retried) {
            lane.retries.incrementAndGet();
        } else if (ok) {
            lane.done.incrementAndGet();
        } else {
            lane.errored.incrementAndGet();
        }
        if (!ok) {
            synchronized (lane.recentErrors) {
                lane.recentErrors.addFirst(domain + " " + id + ": " + error);
                while (lane.recentErrors.size() > RECENT_ERRORS) {
                    lane.recentErrors.removeLast();
                }
            }
        }
    }

    List<WorkerStats> stats(int defaultConcurrency) {
        Set<String> types = new TreeSet<>(lanes.keySet());
        types.addAll(workers.keySet());
        List<WorkerStats> out = new ArrayList<>();
        for (String type : types) {
            Lane lane = lane(type);
            Registration reg = workers.get(type);
            Map<String, Integer> queued;
            int running;
            synchronized (lane) {
                queued = lane.queue.sizes();
                running = lane.running;
            }
            List<String> errors;
            synchronized (lane.recentErrors) {
                errors = List.copyOf(lane.recentErrors);
            }
            out.add(new WorkerStats(
                    type,
                    reg != null,
                    reg != null ? reg.options().concurrency() : defaultConcurrency,
                    queued,
                    running,
                    lane.done.get(),
                    lane.errored.get(),
                    lane.retries.get(),
                    lane.runMillis.get(),
                    errors));
        }
        return out;
    }

    /** Stops dispatching; running jobs are interrupted and left as they are stored. */
    void stop() {
        stopped = true;
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean stopped() {
        return stopped;
    }
}
