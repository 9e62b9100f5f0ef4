package dev.hearth.js;

import java.time.Duration;

/**
 * The limits of a {@link JsFunctions} session. Each call of a function has its own statement
 * budget and result size: a call that exceeds them fails alone (its context is then replaced, as
 * the engine cancels a context whose statement limit ran out). A batch of calls ({@link
 * JsFunctions#callEach}) is bounded as a whole by wall clock, CPU time and allocated bytes of the
 * session's thread: exceeding one of those ends the session.
 */
public record FunctionBudgets(
        long statementsPerCall,
        long resultBytesPerCall,
        Duration batchWallClock,
        Duration batchCpuTime,
        long batchAllocatedBytes) {

    /** Defaults sized for CouchDB-style map and reduce functions over batches of documents. */
    public static final FunctionBudgets DEFAULTS =
            new FunctionBudgets(1_000_000, 4L << 20, Duration.ofSeconds(60), Duration.ofSeconds(30), 2L << 30);

    public FunctionBudgets {
        if (statementsPerCall <= 0 || resultBytesPerCall <= 0 || batchAllocatedBytes <= 0) {
            throw new IllegalArgumentException("Budgets must be positive");
        }
        if (batchWallClock.isNegative()
                || batchWallClock.isZero()
                || batchCpuTime.isNegative()
                || batchCpuTime.isZero()) {
            throw new IllegalArgumentException("Durations must be positive");
        }
    }

    /** As run budgets, for the watchdog figures (the other limits do not apply to a session). */
    public Budgets asRunBudgets() {
        return Budgets.DEFAULTS
                .withWallClock(batchWallClock)
                .withCpuTime(batchCpuTime)
                .withAllocatedBytes(batchAllocatedBytes)
                .withStatements(statementsPerCall);
    }
}
