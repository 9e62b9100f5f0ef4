package dev.hearth.js.internal;

import dev.hearth.js.Budget;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.ResourceLimits;
import org.graalvm.polyglot.Value;
import org.jspecify.annotations.Nullable;

/**
 * A fresh context of one run: the run's statement limit, the platform installed on an unbound
 * {@link HostBridge}, and no script yet. It serves exactly one run, which binds its bridge and
 * meter once and closes the context at its end: nothing a run leaves behind reaches another.
 * The {@link ContextPool} installs the platform ahead of the runs; a run that finds none ready
 * builds its own and installs it as its first step.
 */
final class PreparedContext {
    final long statementLimit;
    final HostBridge bridge = new HostBridge();
    private final Context context;
    private volatile @Nullable RunMeter meter;
    private @Nullable Value start;

    PreparedContext(SharedEngine engine, long statementLimit) {
        this.statementLimit = statementLimit;
        this.context = engine.newContext()
                .option("js.unhandled-rejections", "handler")
                .resourceLimits(ResourceLimits.newBuilder()
                        .statementLimit(statementLimit, null)
                        .onLimit(event -> statementsOut())
                        .build())
                .build();
    }

    Context context() {
        return context;
    }

    /** Installs the platform (once): the globals, and the function that starts the run. */
    PreparedContext install() {
        if (start == null) {
            start = context.eval(Platform.source()).execute(bridge.proxy());
        }
        return this;
    }

    /** Gives the context to its run: the bridge's calls and the statement budget are the run's from now on. */
    void bind(Run run, Fetcher fetcher, RunMeter runMeter) {
        bridge.bind(run, fetcher);
        this.meter = runMeter;
    }

    /**
     * Sets the run's environment and runs its main module (installing the platform first when
     * that was not done ahead); answers the function that reads {@code process.exitCode}.
     */
    Value start(String envJson, String main) {
        Value s = install().start;
        if (s == null) {
            throw new IllegalStateException("The platform is not installed");
        }
        return s.execute(envJson, main);
    }

    void close(boolean cancel) {
        try {
            context.close(cancel);
        } catch (PolyglotException | IllegalStateException e) {
            // already closed or cancelled: nothing left to free
        }
    }

    private void statementsOut() {
        RunMeter m = meter;
        if (m != null) {
            m.stop(Budget.STATEMENTS, "statement budget of " + statementLimit + " exceeded");
        }
    }
}
