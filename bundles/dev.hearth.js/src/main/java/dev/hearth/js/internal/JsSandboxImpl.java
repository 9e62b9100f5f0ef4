package dev.hearth.js.internal;

import dev.hearth.js.FunctionSpec;
import dev.hearth.js.JsFunctions;
import dev.hearth.js.JsSandbox;
import dev.hearth.js.RunResult;
import dev.hearth.js.RunSpec;
import dev.hearth.js.Usage;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import org.jspecify.annotations.Nullable;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link JsSandbox} on GraalJS: each run gets its own platform thread (so that its CPU time and
 * allocation can be read from the thread), at most {@code maxConcurrentRuns} at once; runs share
 * one lazily created engine and are watched by one watchdog thread.
 */
@Component(configurationPid = JsSandboxImpl.PID)
@Designate(ocd = JsSandboxImpl.Config.class)
public final class JsSandboxImpl implements JsSandbox {
    static final String PID = "dev.hearth.js";
    private static final Logger LOG = LoggerFactory.getLogger(JsSandboxImpl.class);

    @ObjectClassDefinition(name = "Hearth JavaScript sandbox")
    public @interface Config {
        @AttributeDefinition(description = "Runs at once; more wait for a free thread (0: the number of cores)")
        int maxConcurrentRuns() default 0;

        @AttributeDefinition(description = "Stack size of a run's thread, in KiB (bounds JavaScript recursion)")
        int stackKilobytes() default 4096;

        @AttributeDefinition(description = "How often the watchdog checks the runs' clocks and allocation, in ms")
        int watchdogMillis() default 10;

        @AttributeDefinition(
                description = "Non-public addresses runs may still reach, as address:port (a vendor's site on the "
                        + "local network, a test site on loopback); the host must also be an allowed domain")
        String[] trustedAddresses() default {};

        @AttributeDefinition(
                description = "Contexts with the web platform installed ahead of the runs, built by a low-priority "
                        + "thread once the first run started the engine; each serves one run (0: none, every run "
                        + "builds its own)")
        int preparedContexts() default 2;
    }

    private final SharedEngine engine = new SharedEngine();
    private final ContextPool pool;
    private final Watchdog watchdog;
    private final ThreadFactory threads;
    private final Semaphore slots;
    private volatile boolean stopped;
    private final EgressPolicy.Resolver resolver;
    private final Set<InetSocketAddress> trusted;

    @Activate
    public JsSandboxImpl(Config config) {
        this(config, InetAddress::getAllByName);
    }

    JsSandboxImpl(Config config, EgressPolicy.Resolver resolver) {
        this(config, resolver, null);
    }

    /** With {@code threads} null, the sandbox's own platform threads; tests give a failing factory. */
    JsSandboxImpl(Config config, EgressPolicy.Resolver resolver, @Nullable ThreadFactory threads) {
        if (!RunMeter.measurable()) {
            throw new IllegalStateException("This JVM cannot measure thread CPU time and allocation");
        }
        int n = config.maxConcurrentRuns() > 0
                ? config.maxConcurrentRuns()
                : Runtime.getRuntime().availableProcessors();
        ThreadFactory factory = Thread.ofPlatform()
                .name("hearth-js-", 1)
                .daemon()
                .stackSize(Math.max(512, config.stackKilobytes()) * 1024L)
                .factory();
        this.threads = threads != null ? threads : factory;
        this.slots = new Semaphore(n, true);
        this.watchdog = new Watchdog(Math.max(1, config.watchdogMillis()));
        this.resolver = resolver;
        this.trusted = trusted(config.trustedAddresses());
        this.pool = new ContextPool(engine, config.preparedContexts());
    }

    private static Set<InetSocketAddress> trusted(String[] entries) {
        Set<InetSocketAddress> out = new HashSet<>();
        for (String entry : entries) {
            int colon = entry.lastIndexOf(':');
            String host = colon < 0 ? "" : entry.substring(0, colon).trim().replaceAll("^\\[|]$", "");
            if (host.isEmpty() || !host.matches("[0-9a-fA-F.:]+")) {
                throw new IllegalArgumentException("A trusted address is an IP address and a port: " + entry);
            }
            try {
                out.add(new InetSocketAddress(
                        InetAddress.getByName(host),
                        Integer.parseInt(entry.substring(colon + 1).trim())));
            } catch (java.net.UnknownHostException | IllegalArgumentException e) {
                throw new IllegalArgumentException("A trusted address is an IP address and a port: " + entry, e);
            }
        }
        return Set.copyOf(out);
    }

    @Override
    public RunResult run(RunSpec spec) {
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return cancelled("the caller was interrupted");
        }
        if (stopped) {
            slots.release();
            return cancelled("the sandbox is stopped");
        }
        CompletableFuture<RunResult> result = new CompletableFuture<>();
        // A thread per run (creating one costs far less than a run): a run that ignores its
        // cancellation can be abandoned without taking a pooled thread with it.
        try {
            threads.newThread(() -> {
                        try {
                            Run run = new Run(engine, pool, spec, resolver, trusted, slots::release);
                            run.done().whenComplete((r, e) -> result.complete(r));
                            run.execute(watchdog);
                        } catch (RuntimeException | Error e) {
                            slots.release();
                            LOG.warn("The run {} could not start", spec.name(), e);
                            result.complete(cancelled(String.valueOf(e.getMessage())));
                        }
                    })
                    .start();
        } catch (RuntimeException | OutOfMemoryError e) { // no thread for the run: its slot is free again
            slots.release();
            LOG.warn("No thread for the run {}: {}", spec.name(), e.toString());
            return cancelled("no thread for the run: " + e.getMessage());
        }
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return cancelled("the caller was interrupted");
        } catch (ExecutionException e) {
            return cancelled(String.valueOf(e.getCause()));
        }
    }

    @Override
    public JsFunctions functions(FunctionSpec spec) {
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a free JavaScript thread", e);
        }
        if (stopped) {
            slots.release();
            throw new IllegalStateException("The JavaScript sandbox is stopped");
        }
        return new FunctionSession(engine, spec, threads, slots::release);
    }

    /** How many prepared contexts wait for a run. */
    int preparedReady() {
        return pool.ready();
    }

    /** How many runs started on a prepared context. */
    long preparedServed() {
        return pool.served();
    }

    /** True once a run created the shared engine (it is not created before). */
    boolean engineStarted() {
        return engine.started();
    }

    private static RunResult cancelled(String why) {
        return new RunResult(RunResult.Outcome.CANCELLED, null, why, -1, new Usage(0, 0, 0, -1, 0, 0, 0), List.of());
    }

    @Deactivate
    void deactivate() {
        stopped = true;
        watchdog.close();
        pool.close();
        engine.close();
    }
}
