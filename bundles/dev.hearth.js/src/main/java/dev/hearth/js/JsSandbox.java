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
}
