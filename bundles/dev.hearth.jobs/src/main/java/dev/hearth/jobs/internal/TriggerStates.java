package dev.hearth.jobs.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.doctype.Doctypes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Records the ends of triggered jobs in their trigger's {@code current_state}. A trigger's
 * document is written by one thread at a time: the ends that arrive while it is being written are
 * folded into the next write, so a trigger firing a burst of jobs costs one write per burst, not
 * one per job (each write is a commit of the instance's store). Every end is recorded, in the
 * order the ends arrive: the writing thread keeps going until nothing is left.
 */
final class TriggerStates {

    /** Writes ends, in order, into a trigger's state. */
    interface Write {
        void write(String domain, String triggerId, List<ObjectNode> ends);
    }

    private final Write write;
    /** Ends waiting to be written, by trigger; a key is present while a thread writes for it. */
    private final Map<String, List<ObjectNode>> pending = new HashMap<>();

    TriggerStates(JobStore store) {
        this((domain, triggerId, ends) -> store.update(domain, Doctypes.TRIGGERS, triggerId, t -> {
            ends.forEach(j -> JobDocs.recordState(t, j));
            return t;
        }));
    }

    TriggerStates(Write write) {
        this.write = write;
    }

    /** Records the end of a job of a trigger. */
    void ended(String domain, ObjectNode job) {
        String triggerId = job.path("trigger_id").asText();
        String key = domain + "/" + triggerId;
        synchronized (pending) {
            List<ObjectNode> waiting = pending.get(key);
            if (waiting != null) {
                waiting.add(job); // the thread writing this trigger takes it with its next write
                return;
            }
            pending.put(key, new ArrayList<>());
        }
        List<ObjectNode> batch = List.of(job);
        try {
            while (!batch.isEmpty()) {
                write.write(domain, triggerId, batch);
                synchronized (pending) {
                    batch = pending.put(key, new ArrayList<>());
                }
            }
        } finally {
            synchronized (pending) {
                List<ObjectNode> left = pending.remove(key);
                if (left != null && !left.isEmpty()) {
                    // a failed write: the ends that came meanwhile are written by their own thread
                    Thread.ofVirtual().start(() -> left.forEach(j -> ended(domain, j)));
                }
            }
        }
    }
}
