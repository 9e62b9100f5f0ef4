package dev.hearth.js.internal;

import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.SandboxPolicy;
import org.graalvm.polyglot.io.IOAccess;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one GraalJS engine all runs share (and with it the parsed and compiled code), created on
 * the first run so that a server that runs no script pays nothing at startup.
 */
final class SharedEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SharedEngine.class);
    /** The hint on the optimizing runtime is for the operator: once per process, not per engine. */
    private static final AtomicBoolean HINTED = new AtomicBoolean();

    private static final long CLOSE_WAIT_MILLIS = 5_000;
    private volatile @Nullable Engine engine;
    private boolean closed;

    /**
     * A context builder on this engine with every way to the host closed: no host classes or
     * loading, IO, threads, native access, processes, environment, polyglot or shared values,
     * and none of the shell's {@code load}, {@code print} and {@code console}. Every context a
     * script runs in starts here; callers add their limits.
     */
    Context.Builder newContext() {
        return Context.newBuilder("js")
                .engine(get())
                .sandbox(SandboxPolicy.CONSTRAINED)
                .out(OutputStream.nullOutputStream())
                .err(OutputStream.nullOutputStream())
                .allowHostAccess(HostAccess.CONSTRAINED)
                .allowHostClassLookup(name -> false)
                .allowHostClassLoading(false)
                .allowIO(IOAccess.NONE)
                .allowCreateThread(false)
                .allowNativeAccess(false)
                .allowCreateProcess(false)
                .allowEnvironmentAccess(EnvironmentAccess.NONE)
                .allowPolyglotAccess(PolyglotAccess.NONE)
                .allowValueSharing(false)
                .allowInnerContextOptions(false)
                .option("js.load", "false")
                .option("js.print", "false")
                .option("js.console", "false");
    }

    Engine get() {
        Engine e = engine;
        if (e != null) {
            return e;
        }
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("The JavaScript sandbox is stopped");
            }
            if (engine == null) {
                long start = System.nanoTime();
                engine = Engine.newBuilder("js")
                        .sandbox(SandboxPolicy.CONSTRAINED)
                        .out(OutputStream.nullOutputStream())
                        .err(OutputStream.nullOutputStream())
                        .option("engine.WarnInterpreterOnly", "false")
                        .build();
                String impl = engine.getImplementationName();
                boolean optimizing = !impl.toLowerCase(java.util.Locale.ROOT).contains("interpreted");
                LOG.info(
                        "JavaScript engine ready in {} ms: {} ({}, GraalJS {})",
                        (System.nanoTime() - start) / 1_000_000,
                        optimizing ? "optimizing runtime" : "interpreter only",
                        impl,
                        engine.getVersion());
                if (!optimizing && !HINTED.getAndSet(true)) {
                    LOG.info("Scripts run interpreted: start the server with HEARTH_JS_OPTIMIZING=1 (bin/hearth) to"
                            + " compile hot JavaScript with the Graal compiler of lib/jvmci");
                }
            }
            return engine;
        }
    }

    /** True once the first run created the engine. */
    boolean started() {
        return engine != null;
    }

    /**
     * Cancels every context and closes the engine, waiting a few seconds at most: closing waits
     * for the runs' threads, and an abandoned run's thread may never come back.
     */
    @Override
    public void close() {
        Engine e;
        synchronized (this) {
            closed = true;
            e = engine;
            engine = null;
        }
        if (e == null) {
            return;
        }
        Thread closer = Thread.ofPlatform().daemon().name("hearth-js-close").start(() -> e.close(true));
        try {
            closer.join(CLOSE_WAIT_MILLIS);
        } catch (InterruptedException x) {
            Thread.currentThread().interrupt();
        }
        if (closer.isAlive()) {
            LOG.warn(
                    "The JavaScript engine did not close within {} ms: an abandoned run still holds its thread",
                    CLOSE_WAIT_MILLIS);
        }
    }
}
