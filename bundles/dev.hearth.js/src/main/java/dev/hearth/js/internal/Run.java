package dev.hearth.js.internal;

import dev.hearth.js.Budget;
import dev.hearth.js.RunResult;
import dev.hearth.js.RunResult.Outcome;
import dev.hearth.js.RunSpec;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run on the current thread: a fresh context with the platform (prepared ahead when the pool
 * has one), the main module, then the event loop until no timer is left, the script exits or
 * fails, or a budget runs out.
 */
final class Run {
    private static final Logger LOG = LoggerFactory.getLogger(Run.class);

    private final RunSpec spec;
    private final RunMeter meter;
    private final Output output;
    private final EventLoop loop = new EventLoop();
    private final Object lock = new Object();
    private final Context context;
    private final PreparedContext prepared;
    private final CompletableFuture<RunResult> done = new CompletableFuture<>();
    private final AtomicBoolean released = new AtomicBoolean();
    private final Runnable release;
    private volatile long stoppedAt;
    private long lastCancel;
    private boolean finished;
    private @Nullable Outcome exitOutcome;
    private int exitCode;
    private @Nullable String failure;

    Run(
            SharedEngine engine,
            ContextPool pool,
            RunSpec spec,
            EgressPolicy.Resolver resolver,
            java.util.Set<java.net.InetSocketAddress> trusted,
            Runnable release) {
        this.spec = spec;
        this.release = release;
        engine.get(); // the first run creates the engine: that is not the run's time
        this.meter = new RunMeter(spec.budgets(), Thread.currentThread());
        this.output = new Output(spec.host());
        long statements = spec.budgets().statements();
        PreparedContext ahead = pool.take(statements);
        this.prepared = ahead != null ? ahead : new PreparedContext(engine, statements);
        this.context = prepared.context();
        prepared.bind(
                this,
                new Fetcher(
                        new EgressPolicy(
                                spec.allowedDomains(), spec.instanceUrl(), spec.instanceAddress(), resolver, trusted),
                        meter),
                meter);
    }

    RunMeter meter() {
        return meter;
    }

    RunSpec spec() {
        return spec;
    }

    Output output() {
        return output;
    }

    EventLoop loop() {
        return loop;
    }

    Context context() {
        return context;
    }

    /** Completed when the run ends, or when it is abandoned (see {@link #abandon}). */
    CompletableFuture<RunResult> done() {
        return done;
    }

    /** Runs on the current thread, then completes {@link #done()} and frees the run's slot. */
    void execute(Watchdog watchdog) {
        RunResult r;
        try {
            r = runOnThisThread(watchdog);
        } finally {
            if (released.compareAndSet(false, true)) {
                release.run();
            }
        }
        done.complete(r);
    }

    private RunResult runOnThisThread(Watchdog watchdog) {
        watchdog.watch(this);
        try {
            Value exitCodeOfScript = prepared.start(prepared.bridge.envJson(), spec.main());
            runLoop();
            endedOnItsOwn(exitCodeOfScript);
        } catch (PolyglotException e) {
            if (!meter.stopped()) {
                failure = describe(e);
            }
        } catch (IllegalStateException e) {
            if (!meter.stopped()) {
                failure = "the run was cancelled: " + e.getMessage();
                exitOutcome = Outcome.CANCELLED;
            }
        } finally {
            synchronized (lock) {
                finished = true;
            }
            watchdog.forget(this);
            closeQuietly(false);
            Thread.interrupted();
            output.flush();
        }
        return result();
    }

    private void runLoop() {
        for (EventLoop.Timer t = loop.peek(); t != null && !meter.stopped(); t = loop.peek()) {
            long wait = t.due - System.nanoTime();
            if (wait > 0) {
                synchronized (lock) {
                    try {
                        lock.wait(Math.max(1, Math.min(wait, meter.remainingWallNanos()) / 1_000_000));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                continue;
            }
            loop.fired(t);
            t.callback.executeVoid();
        }
    }

    /** A script that ends on its own fails when it set {@code process.exitCode}, as in node. */
    private void endedOnItsOwn(Value exitCodeOfScript) {
        if (meter.stopped() || exitOutcome != null) {
            return;
        }
        int code = exitCodeOfScript.execute().asInt();
        if (code != 0) {
            exitOutcome = Outcome.FAILED;
            exitCode = code;
            failure = "exit code " + code;
        }
    }

    /** Stops the run from another thread (the watchdog); the first reason wins. */
    void stop(Budget budget, String message) {
        synchronized (lock) {
            if (finished || !meter.stop(budget, message)) {
                return;
            }
            stoppedAt = System.nanoTime();
            lock.notifyAll();
        }
        Thread.ofVirtual().name("hearth-js-cancel").start(() -> closeQuietly(true));
    }

    /** How long ago the watchdog stopped the run (0 when it did not). */
    long stoppedForNanos() {
        long at = stoppedAt;
        return at == 0 ? 0 : System.nanoTime() - at;
    }

    /**
     * Gives up on a run that ignored its cancellation (a script that catches the stack overflows
     * the cancellation runs into can swallow it): the caller gets the result now, the run's slot
     * is freed, and its thread is left to the cancellations the watchdog keeps sending.
     */
    void abandon() {
        long now = System.nanoTime();
        if (now - lastCancel < 1_000_000_000L) {
            return;
        }
        lastCancel = now;
        if (released.compareAndSet(false, true)) {
            LOG.error(
                    "The run {} did not stop after its cancellation; its thread {} is abandoned",
                    spec.name(),
                    meter.threadName());
            release.run();
        }
        if (!done.isDone()) {
            RunResult r;
            try {
                r = result();
            } catch (RuntimeException e) {
                r = new RunResult(
                        Outcome.BUDGET_EXCEEDED, meter.budget(), meter.stopMessage(), -1, meter.usage(), List.of());
            }
            done.complete(r);
        }
        Thread.ofVirtual().name("hearth-js-cancel").start(() -> closeQuietly(true));
    }

    /** Ends the run from inside a host call: the script cannot catch this. */
    void stopFromInside(@Nullable Budget budget, String message, @Nullable Outcome outcome, int code) {
        if (meter.stop(budget, message)) {
            exitOutcome = outcome;
            exitCode = code;
            failure = budget == null && outcome == Outcome.FAILED ? message : null;
        }
        context.close(true);
    }

    private void closeQuietly(boolean cancel) {
        try {
            context.close(cancel);
        } catch (PolyglotException | IllegalStateException e) {
            LOG.trace("Closing the context of {}: {}", spec.name(), e.getMessage());
        }
    }

    private RunResult result() {
        Budget budget = meter.budget();
        if (budget != null) {
            return new RunResult(
                    Outcome.BUDGET_EXCEEDED, budget, meter.stopMessage(), -1, meter.usage(), output.events());
        }
        if (exitOutcome != null) {
            return new RunResult(exitOutcome, null, failure, exitCode, meter.usage(), output.events());
        }
        if (failure != null) {
            return new RunResult(Outcome.FAILED, null, failure, 1, meter.usage(), output.events());
        }
        return new RunResult(Outcome.COMPLETED, null, null, 0, meter.usage(), output.events());
    }

    private String describe(PolyglotException e) {
        if (e.isHostException()) {
            LOG.warn("Host error in the run {}", spec.name(), e.asHostException());
            return "internal error: " + e.asHostException();
        }
        if (e.isCancelled() || e.isInterrupted()) {
            exitOutcome = Outcome.CANCELLED;
            return "the run was cancelled";
        }
        return e.getMessage() == null ? "error" : e.getMessage();
    }

    static Source source(String name, String text) {
        return Source.newBuilder("js", text, name).buildLiteral();
    }
}
