package dev.hearth.js;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The caller's side of a run. {@link #event} and {@link #log} are called on the run's thread and
 * must return quickly (hand the line to a queue); each {@link #call} runs on its own thread,
 * bounded by {@link Budgets#hostCallTimeout()} (the run ends with {@link Budget#HOST_CALL_TIME}
 * when one does not return in time).
 */
@ConsumerType
public interface RunHost {
    /** A host that ignores output and knows no calls. */
    RunHost NONE = new RunHost() {};

    /** A stdout line that is a JSON object with a {@code type} (a konnector's job event). */
    default void event(OutputEvent event) {}

    /** Any other output line: {@code stream} is {@code stdout} or {@code stderr}. */
    default void log(String stream, String line) {}

    /**
     * The script's {@code hearth.call(name, value)}: {@code argumentJson} is the value as JSON;
     * the returned JSON (or null for undefined) is parsed back for the script. Throw {@link
     * BudgetExceededException} to end the run, any other exception to throw an Error in the
     * script.
     */
    default String call(String name, String argumentJson) throws Exception {
        throw new UnsupportedOperationException("No host call named " + name);
    }
}
