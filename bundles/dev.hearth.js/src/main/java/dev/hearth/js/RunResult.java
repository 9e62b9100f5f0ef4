package dev.hearth.js;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How a run ended. {@code budget} is set when {@code outcome} is {@link Outcome#BUDGET_EXCEEDED};
 * {@code error} describes a failure ({@code "TypeError: x is not a function"}, {@code "exit code
 * 1"}, the budget that ran out); {@code events} are the JSON-line events of stdout, in order.
 */
public record RunResult(
        Outcome outcome,
        @Nullable Budget budget,
        @Nullable String error,
        int exitCode,
        Usage usage,
        List<OutputEvent> events) {

    public enum Outcome {
        /** The script ran to its end (or exited with code 0). */
        COMPLETED,
        /** The script threw, rejected without a handler, or exited with a non-zero code. */
        FAILED,
        /** A budget ran out and the run was stopped. */
        BUDGET_EXCEEDED,
        /** The sandbox was shutting down. */
        CANCELLED
    }

    public RunResult {
        events = List.copyOf(events);
    }

    public boolean completed() {
        return outcome == Outcome.COMPLETED;
    }

    /**
     * The message of the last {@code critical} event, else of the last {@code error} event, else
     * null: what cozy-stack makes the job's error.
     */
    public @Nullable String lastErrorMessage() {
        for (String type : List.of("critical", "error")) {
            for (int i = events.size() - 1; i >= 0; i--) {
                if (events.get(i).type().equals(type)) {
                    return events.get(i).message();
                }
            }
        }
        return null;
    }
}
