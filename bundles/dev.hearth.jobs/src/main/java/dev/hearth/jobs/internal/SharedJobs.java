package dev.hearth.jobs.internal;

import dev.hearth.jobs.JobsBackend;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's part of a queue shared with other nodes ({@link JobsBackend}): one thread claims jobs of
 * the worker types this node runs as long as their lanes have room, and hands them to the broker,
 * whose fair queue and concurrency then apply to them as to jobs of a single node. It claims when
 * jobs are offered, when runs end while the last claim took all it asked for, and every {@value
 * #POLL_MILLIS} ms (jobs whose node died come back once their lease expired, retries without a
 * notice). Ends stored here let the jobs go; trigger notices go to {@code triggerChanged}.
 */
final class SharedJobs implements Broker.Shared, JobsBackend.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(SharedJobs.class);
    static final long POLL_MILLIS = 2000;

    private final JobsBackend backend;
    private final Broker broker;
    private final BiConsumer<String, String> triggerChanged;
    private final Runnable reloadTriggers;
    private final Semaphore wake = new Semaphore(0);
    /** The worker types whose last claim found as many jobs as it asked for: more may be waiting. */
    private final Set<String> busy = ConcurrentHashMap.newKeySet();

    private final Thread claimer;
    private volatile boolean closed;
    private AutoCloseable watch = () -> {};

    SharedJobs(JobsBackend backend, Broker broker, BiConsumer<String, String> triggerChanged, Runnable reloadTriggers) {
        this.backend = backend;
        this.broker = broker;
        this.triggerChanged = triggerChanged;
        this.reloadTriggers = reloadTriggers;
        this.claimer = Thread.ofPlatform().daemon().name("hearth-jobs-claimer").unstarted(this::claimLoop);
    }

    void start() {
        watch = backend.watch(this);
        claimer.start();
    }

    /** Stops claiming; the claims this node holds are given up for other nodes to take at once. */
    void stop() {
        closed = true;
        wake.release();
        try {
            watch.close();
            claimer.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("The job notices did not stop cleanly", e);
        }
    }

    /** Gives up this node's claims (after its runs were stopped and stored). */
    void release() {
        try {
            backend.releaseAll();
        } catch (RuntimeException e) {
            LOG.warn("The claimed jobs could not be given up; other nodes take them when their leases expire", e);
        }
    }

    /** Gives up claims this node took but cannot run (their worker left): another node may. */
    void release(List<FairQueue.Entry> claims) {
        for (FairQueue.Entry e : claims) {
            try {
                backend.release(e.domain(), e.id());
            } catch (RuntimeException failure) {
                LOG.warn(
                        "The job {} of '{}' could not be given up; it is claimed again at this node's stop",
                        e.id(),
                        e.domain(),
                        failure);
            }
        }
    }

    /** A job stored as queued: any node may claim it now. */
    void offer(String domain, String id, String worker) {
        backend.offer(domain, id, worker);
    }

    void triggerChangedHere(String domain, String id) {
        try {
            backend.triggerChanged(domain, id);
        } catch (RuntimeException e) {
            LOG.warn("The other nodes could not be told of the change of the trigger {} of '{}'", id, domain, e);
        }
    }

    @Override
    public void settled(String domain, String id) {
        try {
            backend.done(domain, id);
        } catch (RuntimeException e) {
            // the claim lapses with this node or its lease; the next claimer finds the end stored
            LOG.warn("The end of the job {} of '{}' could not be told to the shared queue", id, domain, e);
        }
    }

    @Override
    public void freed(String type) {
        if (busy.contains(type)) {
            wake.release();
        }
    }

    @Override
    public void offered(String worker) {
        wake.release();
    }

    @Override
    public void triggerChanged(String domain, String id) {
        triggerChanged.accept(domain, id);
    }

    @Override
    public void missed() {
        wake.release();
        Thread.ofVirtual().name("hearth-jobs-triggers-reload").start(reloadTriggers);
    }

    private void claimLoop() {
        while (!closed) {
            try {
                wake.tryAcquire(POLL_MILLIS, TimeUnit.MILLISECONDS);
                wake.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
            if (!closed) {
                claimAll();
            }
        }
    }

    private void claimAll() {
        for (String type : broker.workerTypes()) {
            int room = Math.min(broker.room(type), Broker.BATCH * 4);
            if (room <= 0) {
                continue;
            }
            List<JobsBackend.Claim> claims;
            try {
                claims = backend.claim(type, room);
            } catch (RuntimeException e) {
                LOG.warn("Could not claim {} jobs from the shared queue", type, e);
                continue;
            }
            claims.forEach(c -> broker.enqueueFound(type, c.domain(), c.id()));
            if (claims.size() == room) {
                busy.add(type);
            } else {
                busy.remove(type);
            }
        }
    }
}
