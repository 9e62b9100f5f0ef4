package dev.hearth.jobs.internal;

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
import org.jspecify.annotations.Nullable;

/**
 * Dispatches queued jobs to the registered workers: one lane per worker type, with a fair queue,
 * at most {@code concurrency} runs at once, each on its own virtual thread. A job is run by at
 * most one thread at a time: the set of running jobs is checked before a run starts.
 */
final class Broker {

    /** Runs one job taken from a lane (loads, marks running, calls the worker, records the end). */
    interface Execution {
        void execute(String domain, String id, Registration worker);
    }

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

    private static final int RECENT_ERRORS = 20;

    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    private final Map<String, Registration> workers = new ConcurrentHashMap<>();
    private final Set<String> active = ConcurrentHashMap.newKeySet();
    private final ExecutorService threads = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("hearth-job-", 0).factory());
    private final ScheduledExecutorService timer;
    private Execution execution = (d, i, w) -> {};
    private volatile boolean stopped;

    Broker(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    void setExecution(Execution execution) {
        this.execution = execution;
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
    }

    void enqueue(String type, String domain, String id) {
        Lane lane = lane(type);
        synchronized (lane) {
            lane.queue.add(domain, id);
        }
        pump(type);
    }

    void enqueueLater(String type, String domain, String id, long delayMillis) {
        timer.schedule(() -> enqueue(type, domain, id), delayMillis, TimeUnit.MILLISECONDS);
    }

    private void pump(String type) {
        Lane lane = lane(type);
        while (!stopped) {
            Registration reg = workers.get(type);
            FairQueue.Entry next;
            synchronized (lane) {
                if (reg == null || lane.running >= reg.options().concurrency()) {
                    return;
                }
                next = lane.queue.poll();
                if (next == null) {
                    return;
                }
                lane.running++;
            }
            FairQueue.Entry job = next;
            threads.execute(() -> run(lane, job, reg));
        }
    }

    private void run(Lane lane, FairQueue.Entry job, Registration reg) {
        String key = job.domain() + "/" + job.id();
        try {
            if (active.add(key)) {
                try {
                    execution.execute(job.domain(), job.id(), reg);
                } finally {
                    active.remove(key);
                }
            }
        } finally {
            synchronized (lane) {
                lane.running--;
            }
            pump(lane.type);
        }
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
