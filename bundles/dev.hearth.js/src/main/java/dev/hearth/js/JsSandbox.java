package dev.hearth.js;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Runs JavaScript in a sandbox: a fresh context per run, no host classes, files, threads,
 * processes or environment; the only ways out are the output streams, the {@link RunHost} and
 * {@code fetch} to the allowed domains. Each run is confined to one thread and bounded by its
 * {@link Budgets}.
 */
@ProviderType
public interface JsSandbox {
    /**
     * Runs the main module of {@code spec} and its event loop (timers, fetches, promises) until
     * nothing is left to do, the script exits, fails, or a budget runs out. Blocks the caller;
     * never throws for anything the script does.
     */
    RunResult run(RunSpec spec);

    /**
     * Opens a session that calls the functions of {@code spec.source()} again and again in one
     * warm context, for work made of many small calls (such as a map function applied to each
     * document). The session takes one of the sandbox's run slots until it is closed.
     *
     * @throws IllegalArgumentException when the script does not compile or does not evaluate to
     *     an object of functions (the message says why)
     * @throws IllegalStateException when the sandbox is stopped
     */
    JsFunctions functions(FunctionSpec spec);
}
