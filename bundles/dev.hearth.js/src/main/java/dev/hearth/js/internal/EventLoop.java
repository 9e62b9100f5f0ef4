package dev.hearth.js.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import org.graalvm.polyglot.Value;
import org.jspecify.annotations.Nullable;

/** The timers of one run, fired in due order on the run's own thread. */
final class EventLoop {
    /** A pending timer. */
    static final class Timer {
        final int id;
        final Value callback;
        final long intervalNanos;
        final boolean repeat;
        long due;
        long seq;
        boolean unref;

        Timer(int id, Value callback, long intervalNanos, boolean repeat) {
            this.id = id;
            this.callback = callback;
            this.intervalNanos = intervalNanos;
            this.repeat = repeat;
        }
    }

    private final PriorityQueue<Timer> queue =
            new PriorityQueue<>((a, b) -> a.due != b.due ? Long.compare(a.due, b.due) : Long.compare(a.seq, b.seq));
    private final Map<Integer, Timer> byId = new HashMap<>();
    private int nextId = 1;
    private long nextSeq;
    private int referenced;

    /** Adds a timer; returns its id. */
    int add(Value callback, double delayMillis, boolean repeat) {
        long delay =
                (long) (Math.max(repeat ? 1 : 0, Double.isNaN(delayMillis) ? 0 : Math.min(delayMillis, 2_147_483_647))
                        * 1_000_000);
        Timer t = new Timer(nextId++, callback, delay, repeat);
        schedule(t, System.nanoTime());
        byId.put(t.id, t);
        referenced++;
        return t.id;
    }

    int pending() {
        return byId.size();
    }

    void cancel(int id) {
        Timer t = byId.remove(id);
        if (t != null) {
            queue.remove(t);
            if (!t.unref) {
                referenced--;
            }
        }
    }

    /** A timer that does not keep the run alive on its own (Node's {@code unref}). */
    void unref(int id, boolean unref) {
        Timer t = byId.get(id);
        if (t != null && t.unref != unref) {
            t.unref = unref;
            referenced += unref ? -1 : 1;
        }
    }

    /** The next timer to fire, or null when no referenced timer is left. */
    @Nullable
    Timer peek() {
        return referenced > 0 ? queue.peek() : null;
    }

    /** Takes the timer off the queue before it fires; an interval goes back in. */
    void fired(Timer t) {
        queue.remove(t);
        if (t.repeat && byId.containsKey(t.id)) {
            schedule(t, System.nanoTime());
        } else {
            cancel(t.id);
        }
    }

    private void schedule(Timer t, long now) {
        t.due = now + t.intervalNanos;
        t.seq = nextSeq++;
        queue.add(t);
    }
}
