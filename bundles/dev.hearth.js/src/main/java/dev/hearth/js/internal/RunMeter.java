package dev.hearth.js.internal;

import dev.hearth.js.Budget;
import dev.hearth.js.Budgets;
import dev.hearth.js.Usage;
import java.lang.management.ManagementFactory;
import org.jspecify.annotations.Nullable;

/**
 * The figures of one run and why it stopped. Counters are charged on the run's thread; the
 * watchdog reads the thread's CPU time and allocation from its own thread, and {@link #stop}
 * records the first reason only.
 */
final class RunMeter {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    final Budgets budgets;
    private final Thread thread;
    private final long startNanos;
    private final long cpuStart;
    private final long allocStart;
    private volatile @Nullable Budget budget;
    private volatile @Nullable String stopMessage;
    private volatile boolean stopped;
    private long outputBytes;
    private int requests;
    private long requestBytes;
    private long statements = -1;

    RunMeter(Budgets budgets, Thread thread) {
        this.budgets = budgets;
        this.thread = thread;
        this.startNanos = System.nanoTime();
        this.cpuStart = cpuNanosNow();
        this.allocStart = allocatedNow();
    }

    String threadName() {
        return thread.getName();
    }

    static boolean measurable() {
        return THREADS.isThreadCpuTimeSupported() && THREADS.isThreadAllocatedMemorySupported();
    }

    /** Records why the run stops; false when it was already stopping. */
    synchronized boolean stop(@Nullable Budget reason, String message) {
        if (stopped) {
            return false;
        }
        stopped = true;
        budget = reason;
        stopMessage = message;
        if (reason == Budget.STATEMENTS) {
            statements = budgets.statements();
        }
        return true;
    }

    boolean stopped() {
        return stopped;
    }

    @Nullable
    Budget budget() {
        return budget;
    }

    @Nullable
    String stopMessage() {
        return stopMessage;
    }

    /** The budget the thread's clock or allocation has exceeded, or null. */
    @Nullable
    Budget overdrawn() {
        if (wallNanos() > budgets.wallClock().toNanos()) {
            return Budget.WALL_CLOCK;
        }
        if (cpuNanos() > budgets.cpuTime().toNanos()) {
            return Budget.CPU_TIME;
        }
        if (allocatedBytes() > budgets.allocatedBytes()) {
            return Budget.ALLOCATED_BYTES;
        }
        return null;
    }

    long remainingWallNanos() {
        return budgets.wallClock().toNanos() - wallNanos();
    }

    /** Charges output; false when the budget is exceeded. */
    synchronized boolean chargeOutput(long bytes) {
        outputBytes += bytes;
        return outputBytes <= budgets.outputBytes();
    }

    synchronized boolean chargeRequest() {
        requests++;
        return requests <= budgets.requests();
    }

    synchronized boolean chargeRequestBytes(long bytes) {
        requestBytes += bytes;
        return requestBytes <= budgets.requestBytes();
    }

    synchronized long remainingRequestBytes() {
        return Math.max(0, budgets.requestBytes() - requestBytes);
    }

    synchronized Usage usage() {
        return new Usage(
                wallNanos() / 1_000_000,
                cpuNanos() / 1_000_000,
                allocatedBytes(),
                statements,
                outputBytes,
                requests,
                requestBytes);
    }

    private long wallNanos() {
        return System.nanoTime() - startNanos;
    }

    private long cpuNanos() {
        return Math.max(0, cpuNanosNow() - cpuStart);
    }

    private long allocatedBytes() {
        return Math.max(0, allocatedNow() - allocStart);
    }

    private long cpuNanosNow() {
        return THREADS.getThreadCpuTime(thread.threadId());
    }

    private long allocatedNow() {
        return THREADS.getThreadAllocatedBytes(thread.threadId());
    }
}
