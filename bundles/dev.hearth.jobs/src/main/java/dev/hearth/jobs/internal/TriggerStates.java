package dev.hearth.jobs.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.doctype.Doctypes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the ends of triggered jobs in their trigger's {@code current_state}, off the job's own
 * thread. The first end of a trigger is written at once; the ends that come while it is written,
 * or within {@code spacingMillis} after, are folded into one next write. So a trigger firing a
 * burst of jobs costs a write per spacing, not one per job (each write is a commit of the
 * instance's store), and a lone end shows at once. Every end is recorded, in the order the ends
 * arrive. The state is derived from the jobs, which are stored before their end comes here: a
 * crash loses at most the ends of the last spacing from the states, never a job's outcome. A
 * {@link #flush} (on stop) writes what waits.
 */
final class TriggerStates {
    private static final Logger LOG = LoggerFactory.getLogger(TriggerStates.class);

    /** Writes ends, in order, into a trigger's state. */
    interface Write {
        void write(String domain, String triggerId, List<ObjectNode> ends);
    }

    private record Key(String domain, String triggerId) {}

    private final Write write;
    private final long spacingMillis;
    /** Ends waiting to be written, by trigger; a key is present while a thread writes for it. */
    private final Map<Key, List<ObjectNode>> pending = new HashMap<>();
    /** Set by a flush: writers no longer wait a spacing. */
    private boolean flushing;

    TriggerStates(JobStore store, long spacingMillis) {
        this(
                (domain, triggerId, ends) -> store.update(domain, Doctypes.TRIGGERS, triggerId, t -> {
                    ends.forEach(j -> JobDocs.recordState(t, j));
                    return t;
                }),
                spacingMillis);
    }

    TriggerStates(Write write, long spacingMillis) {
        this.write = write;
        this.spacingMillis = spacingMillis;
    }

    /** Records the end of a job of a trigger; returns at once. */
    void ended(String domain, ObjectNode job) {
        Key key = new Key(domain, job.path("trigger_id").asText());
        synchronized (pending) {
            List<ObjectNode> waiting = pending.get(key);
            if (waiting != null) {
                waiting.add(job); // the thread writing this trigger takes it with its next write
                return;
            }
            pending.put(key, new ArrayList<>());
        }
        Thread.ofVirtual().name("hearth-trigger-state").start(() -> writeFor(key, List.of(job)));
    }

    /** Writes {@code first}, then, a spacing after each write, what came meanwhile, until nothing is left. */
    private void writeFor(Key key, List<ObjectNode> first) {
        List<ObjectNode> batch = first;
        while (true) {
            writeSafely(key, batch);
            pause();
            synchronized (pending) {
                batch = pending.get(key);
                if (batch.isEmpty()) {
                    pending.remove(key);
                    pending.notifyAll();
                    return;
                }
                pending.put(key, new ArrayList<>());
            }
        }
    }

    private void writeSafely(Key key, List<ObjectNode> ends) {
        try {
            write.write(key.domain(), key.triggerId(), ends);
        } catch (RuntimeException e) {
            LOG.warn(
                    "The state of the trigger {} of '{}' misses {} job ends: {}",
                    key.triggerId(),
                    key.domain(),
                    ends.size(),
                    e.toString());
        }
    }

    /** Waits a spacing, or until a flush. */
    private void pause() {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(spacingMillis);
        synchronized (pending) {
            long left;
            while (!flushing && (left = until - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(pending, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Writes every waiting end now and waits (at most {@code timeoutMillis}) until all are written. */
    void flush(long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        synchronized (pending) {
            flushing = true;
            pending.notifyAll();
            long left;
            while (!pending.isEmpty() && (left = deadline - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(pending, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (!pending.isEmpty()) {
                LOG.warn("The states of {} triggers were not written before the stop", pending.size());
            }
        }
    }
}
