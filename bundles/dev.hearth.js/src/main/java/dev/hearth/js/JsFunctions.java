package dev.hearth.js;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Functions of one script, called many times in one warm sandboxed context (a fresh context per
 * session, never shared with another session): the map and reduce functions of views. The
 * context has the same confinement as a run (no host classes, IO, threads or environment) and
 * nothing else: no output, no host calls, no {@code fetch}; what a function returns is the only
 * way out. Calls run one at a time on the session's own thread. Not thread-safe.
 */
@ProviderType
public interface JsFunctions extends AutoCloseable {

    /**
     * Calls {@code function} once per argument, in order, and returns one result per argument. A
     * call that throws or exceeds its own budget fails alone.
     *
     * @throws BudgetExceededException when the batch exceeds its wall clock, CPU time or
     *     allocation budget; the session is closed then
     * @throws IllegalArgumentException when the script has no such function
     * @throws IllegalStateException when the session is closed
     */
    List<CallResult> callEach(String function, List<String> arguments);

    /** Closes the context and frees the session's thread. */
    @Override
    void close();
}
