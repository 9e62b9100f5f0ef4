package dev.hearth.jobs.internal.schedule;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** When a time trigger fires. */
public interface Schedule {

    /** The first fire time strictly after {@code after}, or null when it never fires again. */
    @Nullable
    Instant next(Instant after);

    /** Whether the trigger is removed once it fired ({@code @at}, {@code @in}). */
    default boolean once() {
        return false;
    }
}
