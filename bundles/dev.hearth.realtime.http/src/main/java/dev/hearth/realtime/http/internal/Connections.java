package dev.hearth.realtime.http.internal;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open realtime sockets: one timer thread beats their heartbeat every second, virtual threads
 * run their writers and drops, and shutting down closes them all.
 */
final class Connections {
    private static final Logger LOG = LoggerFactory.getLogger(Connections.class);
    private static final Duration SWEEP = Duration.ofSeconds(1);

    private final Set<RealtimeSocket> open = ConcurrentHashMap.newKeySet();
    /** Open connections that have not authenticated yet, per client address. */
    private final ConcurrentHashMap<String, Integer> unauthenticated = new ConcurrentHashMap<>();

    private final Heartbeat heartbeat;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("hearth-realtime-timer").daemon().factory());
    private final ExecutorService tasks = Executors.newVirtualThreadPerTaskExecutor();

    Connections(Heartbeat heartbeat) {
        this.heartbeat = heartbeat;
        timer.scheduleWithFixedDelay(this::sweep, SWEEP.toMillis(), SWEEP.toMillis(), TimeUnit.MILLISECONDS);
    }

    void add(RealtimeSocket socket) {
        open.add(socket);
    }

    void remove(RealtimeSocket socket) {
        open.remove(socket);
    }

    /**
     * Counts a new connection from {@code address} among those waiting to authenticate, unless
     * {@code cap} of them already are.
     *
     * @return whether it was counted
     */
    boolean admit(String address, int cap) {
        boolean[] admitted = {false};
        unauthenticated.compute(address, (a, n) -> {
            int count = n == null ? 0 : n;
            if (count >= cap) {
                return n;
            }
            admitted[0] = true;
            return count + 1;
        });
        return admitted[0];
    }

    /** A connection from {@code address} authenticated, or ended before it did. */
    void settled(String address) {
        unauthenticated.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
    }

    /** Runs tasks on virtual threads; after shutdown, tasks are dropped. */
    Executor tasks() {
        return this::run;
    }

    /** Runs {@code task} once, after {@code delay}, on the timer thread (keep it short). */
    void later(Duration delay, Runnable task) {
        try {
            timer.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("Realtime timer stopped; task dropped");
        }
    }

    /** Closes every socket, then stops the threads. */
    void shutdown() {
        for (RealtimeSocket socket : open) {
            socket.shutdown();
        }
        timer.shutdownNow();
        tasks.shutdown();
    }

    private void run(Runnable task) {
        try {
            tasks.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("Realtime executor stopped; task dropped");
        }
    }

    private void sweep() {
        long now = System.nanoTime();
        for (RealtimeSocket socket : open) {
            try {
                socket.beat(heartbeat, now);
            } catch (RuntimeException e) {
                LOG.warn("Realtime heartbeat failed", e);
            }
        }
    }
}
