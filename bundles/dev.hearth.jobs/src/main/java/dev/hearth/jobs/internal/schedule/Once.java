package dev.hearth.jobs.internal.schedule;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** {@code @at} and {@code @in}: one fire time, then the trigger is removed. */
public record Once(Instant at) implements Schedule {

    @Override
    public @Nullable Instant next(Instant after) {
        return at.isAfter(after) ? at : null;
    }

    @Override
    public boolean once() {
        return true;
    }
}
