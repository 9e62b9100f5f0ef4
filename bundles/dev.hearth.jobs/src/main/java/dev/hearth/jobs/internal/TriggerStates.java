package dev.hearth.jobs.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.doctype.Doctypes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
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

    /** An end to write; {@code written} completes once it is, when its client waits for it. */
    private record End(ObjectNode job, @Nullable CompletableFuture<Void> written) {}

    private final Write write;
    private final long spacingMillis;
    /** Ends waiting to be written, by trigger; a key is present while a thread writes for it. */
    private final Map<Key, List<End>> pending = new HashMap<>();
    /** Triggers with an end whose client waits: their writer skips the spacing. */
    private final Set<Key> hurried = new HashSet<>();
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
        add(new Key(domain, job.path("trigger_id").asText()), new End(job, null));
    }

    /**
     * Records the end of a job of a trigger and returns once it is written (at most
     * {@code timeoutMillis}), with no spacing: the client that ended the job reads the state next.
     */
    void endedNow(String domain, ObjectNode job, long timeoutMillis) {
        Key key = new Key(domain, job.path("trigger_id").asText());
        CompletableFuture<Void> written = new CompletableFuture<>();
        add(key, new End(job, written));
        try {
            written.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("The state of the trigger {} of '{}' was not written in time", key.triggerId(), domain);
        }
    }

    private void add(Key key, End end) {
        synchronized (pending) {
            List<End> waiting = pending.get(key);
            if (waiting != null) {
                waiting.add(end); // the thread writing this trigger takes it with its next write
                if (end.written() != null) {
                    hurried.add(key);
                    pending.notifyAll();
                }
                return;
            }
            pending.put(key, new ArrayList<>());
        }
        Thread.ofVirtual().name("hearth-trigger-state").start(() -> writeFor(key, List.of(end)));
    }

    /** Writes {@code first}, then, a spacing after each write, what came meanwhile, until nothing is left. */
    private void writeFor(Key key, List<End> first) {
        List<End> batch = first;
        try {
            while (true) {
                writeSafely(key, batch);
                pause(key);
                synchronized (pending) {
                    hurried.remove(key);
                    batch = pending.get(key);
                    if (batch.isEmpty()) {
                        pending.remove(key);
                        pending.notifyAll();
                        return;
                    }
                    pending.put(key, new ArrayList<>());
                }
            }
        } catch (Error e) { // the trigger is let go, so that its next end starts a writer again
            synchronized (pending) {
                List<End> left = pending.remove(key);
                hurried.remove(key);
                pending.notifyAll();
                LOG.error("The state writer of the trigger {} of '{}' failed", key.triggerId(), key.domain(), e);
                release(batch);
                if (left != null) {
                    release(left);
                }
            }
            throw e;
        }
    }

    private void writeSafely(Key key, List<End> ends) {
        try {
            write.write(
                    key.domain(), key.triggerId(), ends.stream().map(End::job).toList());
        } catch (RuntimeException e) {
            LOG.warn(
                    "The state of the trigger {} of '{}' misses {} job ends: {}",
                    key.triggerId(),
                    key.domain(),
                    ends.size(),
                    e.toString());
        }
        release(ends);
    }

    /** Lets the clients waiting for these ends go on. */
    private static void release(List<End> ends) {
        for (End end : ends) {
            if (end.written() != null) {
                end.written().complete(null);
            }
        }
    }

    /** Waits a spacing, or until a flush or an end that its client waits for. */
    private void pause(Key key) {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(spacingMillis);
        synchronized (pending) {
            long left;
            while (!flushing && !hurried.contains(key) && (left = until - System.nanoTime()) > 0) {
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
