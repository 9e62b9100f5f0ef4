package dev.hearth.js;

import java.time.Duration;

/**
 * The limits of one run. Exceeding any of them ends the run, and the {@link RunResult} names the
 * {@link Budget}. {@code hostCallTimeout} bounds each host call and each HTTP exchange on its own.
 */
public record Budgets(
        Duration wallClock,
        Duration cpuTime,
        long allocatedBytes,
        long statements,
        long outputBytes,
        int requests,
        long requestBytes,
        int timers,
        Duration hostCallTimeout) {

    /** Defaults sized for a konnector: cozy-stack gives one 300 seconds. */
    public static final Budgets DEFAULTS = new Budgets(
            Duration.ofSeconds(300),
            Duration.ofSeconds(120),
            8L << 30,
            2_000_000_000L,
            4L << 20,
            2_000,
            512L << 20,
            10_000,
            Duration.ofSeconds(60));

    public Budgets {
        positive(wallClock, "wallClock");
        positive(cpuTime, "cpuTime");
        positive(hostCallTimeout, "hostCallTimeout");
        if (allocatedBytes <= 0
                || statements <= 0
                || outputBytes <= 0
                || requests < 0
                || requestBytes < 0
                || timers < 0) {
            throw new IllegalArgumentException("Budgets must be positive");
        }
    }

    private static void positive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration");
        }
    }

    public Budgets withWallClock(Duration v) {
        return new Budgets(
                v, cpuTime, allocatedBytes, statements, outputBytes, requests, requestBytes, timers, hostCallTimeout);
    }

    public Budgets withCpuTime(Duration v) {
        return new Budgets(
                wallClock, v, allocatedBytes, statements, outputBytes, requests, requestBytes, timers, hostCallTimeout);
    }

    public Budgets withAllocatedBytes(long v) {
        return new Budgets(
                wallClock, cpuTime, v, statements, outputBytes, requests, requestBytes, timers, hostCallTimeout);
    }

    public Budgets withStatements(long v) {
        return new Budgets(
                wallClock, cpuTime, allocatedBytes, v, outputBytes, requests, requestBytes, timers, hostCallTimeout);
    }

    public Budgets withOutputBytes(long v) {
        return new Budgets(
                wallClock, cpuTime, allocatedBytes, statements, v, requests, requestBytes, timers, hostCallTimeout);
    }

    public Budgets withRequests(int v) {
        return new Budgets(
                wallClock, cpuTime, allocatedBytes, statements, outputBytes, v, requestBytes, timers, hostCallTimeout);
    }

    public Budgets withRequestBytes(long v) {
        return new Budgets(
                wallClock, cpuTime, allocatedBytes, statements, outputBytes, requests, v, timers, hostCallTimeout);
    }

    public Budgets withTimers(int v) {
        return new Budgets(
                wallClock,
                cpuTime,
                allocatedBytes,
                statements,
                outputBytes,
                requests,
                requestBytes,
                v,
                hostCallTimeout);
    }

    public Budgets withHostCallTimeout(Duration v) {
        return new Budgets(
                wallClock, cpuTime, allocatedBytes, statements, outputBytes, requests, requestBytes, timers, v);
    }
}
