package dev.hearth.jobs.internal.schedule;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** {@code @every}: at {@code origin + k * period}, k ≥ 1. */
public record Every(Instant origin, Duration period) implements Schedule {

    @Override
    public @Nullable Instant next(Instant after) {
        if (after.isBefore(origin)) {
            return origin.plus(period);
        }
        long periods = Duration.between(origin, after).toNanos() / period.toNanos();
        return origin.plus(period.multipliedBy(periods + 1));
    }
}
