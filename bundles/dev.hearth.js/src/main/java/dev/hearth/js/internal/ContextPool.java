package dev.hearth.js.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A few contexts with the platform already installed, so that a run starts at its own main
 * module instead of building the web platform first. One low-priority thread fills the pool
 * after the first run (so a server that runs no script pays nothing) and refills it as runs take
 * contexts. A context is handed to one run and never comes back: the run closes it.
 *
 * <p>The statement limit is fixed when a context is built, so the pool holds contexts for one
 * limit, the one the last run asked for; a run with another limit builds its own context and
 * turns the pool to its limit.
 */
final class ContextPool implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ContextPool.class);
    private static final long BACKOFF_MILLIS = 1_000;

    private final SharedEngine engine;
    private final int size;
    private final ArrayDeque<PreparedContext> ready = new ArrayDeque<>();
    private long limit;
    private long served;
    private boolean closed;
    private @Nullable Thread filler;

    ContextPool(SharedEngine engine, int size) {
        this.engine = engine;
        this.size = Math.max(0, size);
    }

    /** A prepared context for this statement limit, or null when none is ready. */
    @Nullable
    PreparedContext take(long statementLimit) {
        if (size == 0) {
            return null;
        }
        List<PreparedContext> stale = List.of();
        PreparedContext taken;
        synchronized (this) {
            if (closed) {
                return null;
            }
            if (statementLimit != limit) {
                stale = new ArrayList<>(ready);
                ready.clear();
                limit = statementLimit;
            }
            taken = ready.poll();
            if (taken != null) {
                served++;
            }
            startFiller();
            notifyAll();
        }
        stale.forEach(p -> p.close(false));
        return taken;
    }

    /** How many contexts are ready now. */
    synchronized int ready() {
        return ready.size();
    }

    /** How many prepared contexts runs took. */
    synchronized long served() {
        return served;
    }

    private void startFiller() {
        if (filler == null) {
            filler = Thread.ofPlatform()
                    .name("hearth-js-prepare")
                    .daemon()
                    .priority(Thread.MIN_PRIORITY)
                    .start(this::fill);
        }
    }

    private void fill() {
        while (true) {
            long wanted;
            synchronized (this) {
                while (!closed && ready.size() >= size) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                wanted = limit;
            }
            PreparedContext p = prepare(wanted);
            if (p == null) {
                continue;
            }
            synchronized (this) {
                if (!closed && wanted == limit && ready.size() < size) {
                    ready.add(p);
                    continue;
                }
            }
            p.close(false);
        }
    }

    private @Nullable PreparedContext prepare(long statementLimit) {
        PreparedContext p = null;
        try {
            p = new PreparedContext(engine, statementLimit);
            return p.install();
        } catch (RuntimeException e) {
            if (p != null) {
                p.close(true);
            }
            synchronized (this) {
                if (closed) {
                    return null;
                }
            }
            LOG.warn("Preparing a JavaScript context failed; runs build their own meanwhile", e);
            try {
                Thread.sleep(BACKOFF_MILLIS);
            } catch (InterruptedException x) {
                Thread.currentThread().interrupt();
            }
            return null;
        }
    }

    /** Closes the contexts still ready and stops the filling thread. */
    @Override
    public void close() {
        List<PreparedContext> left;
        Thread t;
        synchronized (this) {
            closed = true;
            left = new ArrayList<>(ready);
            ready.clear();
            t = filler;
            notifyAll();
        }
        left.forEach(p -> p.close(true));
        if (t != null) {
            t.interrupt();
        }
    }
}
