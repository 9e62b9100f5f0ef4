package dev.hearth.js.internal;

import dev.hearth.js.Budget;
import dev.hearth.js.BudgetExceededException;
import dev.hearth.js.CallResult;
import dev.hearth.js.FunctionSpec;
import dev.hearth.js.JsFunctions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.ResourceLimits;
import org.graalvm.polyglot.Value;
import org.jspecify.annotations.Nullable;

/**
 * {@link JsFunctions} on one platform thread of its own (so that the thread's CPU time and
 * allocation measure the session) and one context, replaced when a call runs out of statements
 * (the engine cancels a context whose statement limit is reached). The caller waits for each
 * batch and checks its clocks and allocation every few milliseconds.
 */
final class FunctionSession implements JsFunctions {
    private static final long POLL_MILLIS = 2;
    private static final long CANCEL_WAIT_MILLIS = 2_000;
    /** Removes the engine's own globals (host access, polyglot, shell builtins) before the script runs. */
    private static final String STRIP = "for (const n of ['Java', 'Graal', 'Polyglot', 'Packages', 'java', 'javax',"
            + " 'javafx', 'com', 'org', 'edu', 'load', 'loadWithNewGlobal', 'print', 'printErr', 'quit', 'read',"
            + " 'readbuffer', 'readline', 'arguments']) { try { delete globalThis[n]; } catch (e) {} }";

    private final SharedEngine engine;
    private final FunctionSpec spec;
    private final ExecutorService thread;
    private final Runnable release;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile @Nullable Context context;
    private volatile @Nullable RunMeter meter;
    private volatile boolean statementsOut;
    private @Nullable Value functions;

    FunctionSession(SharedEngine engine, FunctionSpec spec, ThreadFactory threads, Runnable release) {
        this.engine = engine;
        this.spec = spec;
        this.release = release;
        this.thread = Executors.newSingleThreadExecutor(threads);
        try {
            await(() -> {
                open();
                return null;
            });
        } catch (RuntimeException | Error e) {
            // An Error too (no thread for the session, a stack overflow): the slot goes back.
            try {
                close();
            } catch (RuntimeException | Error closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /** On the session thread: a fresh context with the script evaluated. */
    private void open() {
        Context c = newContext();
        context = c;
        try {
            c.eval(Run.source("strip", STRIP));
            Value value = c.eval(Run.source(spec.name(), spec.source()));
            if (!value.hasMembers()) {
                throw new IllegalArgumentException(
                        spec.name() + ": the script must evaluate to an object of functions");
            }
            functions = value;
        } catch (PolyglotException e) {
            throw new IllegalArgumentException(spec.name() + ": " + e.getMessage());
        }
    }

    private Context newContext() {
        return engine.newContext()
                .resourceLimits(ResourceLimits.newBuilder()
                        .statementLimit(spec.budgets().statementsPerCall(), null)
                        .onLimit(event -> statementsOut = true)
                        .build())
                .build();
    }

    @Override
    public List<CallResult> callEach(String function, List<String> arguments) {
        if (closed.get()) {
            throw new IllegalStateException(spec.name() + ": the session is closed");
        }
        return await(() -> {
            meter = new RunMeter(spec.budgets().asRunBudgets(), Thread.currentThread());
            try {
                return callAll(function, arguments);
            } finally {
                meter = null;
            }
        });
    }

    /** On the session thread. */
    private List<CallResult> callAll(String function, List<String> arguments) {
        List<CallResult> results = new ArrayList<>(arguments.size());
        Value fn = function(function);
        for (String argument : arguments) {
            statementsOut = false;
            context.resetLimits();
            try {
                results.add(result(fn.execute(argument)));
            } catch (PolyglotException e) {
                RunMeter m = meter;
                if (m != null && m.stopped()) {
                    throw new BudgetExceededException(
                            java.util.Objects.requireNonNullElse(m.budget(), Budget.WALL_CLOCK),
                            String.valueOf(m.stopMessage()));
                }
                if (statementsOut || e.isCancelled()) {
                    results.add(CallResult.failed(
                            "statement budget of " + spec.budgets().statementsPerCall() + " exceeded",
                            Budget.STATEMENTS));
                    context.close(true);
                    open();
                    fn = function(function);
                } else {
                    results.add(CallResult.failed(e.getMessage() == null ? "error" : e.getMessage(), null));
                }
            }
        }
        return results;
    }

    private CallResult result(Value value) {
        if (!value.isString()) {
            return CallResult.ok(null);
        }
        String s = value.asString();
        if (s.length() > spec.budgets().resultBytesPerCall()) {
            return CallResult.failed(
                    "result of " + s.length() + " characters exceeds "
                            + spec.budgets().resultBytesPerCall(),
                    Budget.OUTPUT_BYTES);
        }
        return CallResult.ok(s);
    }

    private Value function(String name) {
        Value fn = functions.getMember(name);
        if (fn == null || !fn.canExecute()) {
            throw new IllegalArgumentException(spec.name() + ": no function " + name);
        }
        return fn;
    }

    /** Runs a task on the session thread, stopping it when the batch overdraws a budget. */
    private <T> T await(Callable<T> task) {
        Future<T> future = thread.submit(task);
        while (true) {
            try {
                return future.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                checkBudgets(future);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancel(future);
                throw new IllegalStateException(spec.name() + ": interrupted");
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    if (r instanceof BudgetExceededException) {
                        close();
                    }
                    throw r;
                }
                close();
                throw new IllegalStateException(spec.name() + ": " + e.getCause(), e.getCause());
            }
        }
    }

    private void checkBudgets(Future<?> future) {
        RunMeter m = meter;
        Budget over = m == null ? null : m.overdrawn();
        if (over == null) {
            return;
        }
        String message = over + " budget of the batch exceeded";
        m.stop(over, message);
        cancel(future);
        throw new BudgetExceededException(over, spec.name() + ": " + message);
    }

    /** Cancels the running call, waits a little for the thread, then closes the session. */
    private void cancel(Future<?> future) {
        Context c = context;
        if (c != null) {
            try {
                c.close(true);
            } catch (RuntimeException e) {
                // the context is already closed or closing
            }
        }
        try {
            future.get(CANCEL_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // it ended by its cancellation, or is abandoned to it
        }
        close();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            thread.execute(() -> {
                Context c = context;
                if (c != null) {
                    try {
                        c.close(true);
                    } catch (RuntimeException e) {
                        // already closed
                    }
                }
            });
        } finally {
            thread.shutdown();
            release.run();
        }
    }
}
