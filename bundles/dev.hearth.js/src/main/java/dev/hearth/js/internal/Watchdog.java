package dev.hearth.js.internal;

import dev.hearth.js.Budget;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One daemon thread that checks every running run's wall clock, CPU time and allocation every
 * few milliseconds, and stops the runs that overdraw.
 */
final class Watchdog implements AutoCloseable {
    private final Set<Run> runs = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    /** How long a stopped run may take to end before it is abandoned. */
    static final long GRACE_NANOS = 2_000_000_000L;

    private final long periodMillis;
    private volatile boolean closed;

    Watchdog(long periodMillis) {
        this.periodMillis = periodMillis;
        this.thread = Thread.ofPlatform().daemon().name("hearth-js-watchdog").unstarted(this::loop);
        thread.start();
    }

    void watch(Run run) {
        runs.add(run);
    }

    void forget(Run run) {
        runs.remove(run);
    }

    private void loop() {
        while (!closed) {
            for (Run run : runs) {
                Budget over = run.meter().overdrawn();
                if (over != null) {
                    run.stop(over, describe(over, run));
                }
                if (run.stoppedForNanos() > GRACE_NANOS) {
                    run.abandon();
                }
            }
            try {
                Thread.sleep(periodMillis);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static String describe(Budget budget, Run run) {
        var b = run.meter().budgets;
        return switch (budget) {
            case WALL_CLOCK -> "wall clock budget of " + b.wallClock().toMillis() + " ms exceeded";
            case CPU_TIME -> "CPU time budget of " + b.cpuTime().toMillis() + " ms exceeded";
            case ALLOCATED_BYTES -> "allocation budget of " + b.allocatedBytes() + " bytes exceeded";
            default -> budget + " budget exceeded";
        };
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
