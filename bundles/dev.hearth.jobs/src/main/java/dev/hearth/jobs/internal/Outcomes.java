package dev.hearth.jobs.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.doctype.Doctypes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Writes the outcomes of runs over the documents the runs hold. The outcomes of one instance that
 * arrive while one of its writes is under way are folded into its next write, one commit for all
 * (the jobs of a batch end together); each caller returns once its own outcome is stored. On a
 * conflict each outcome of the fold is written again on its own, reading what changed.
 */
final class Outcomes {

    private record Outcome(
            ObjectNode known, UnaryOperator<@Nullable ObjectNode> change, CompletableFuture<ObjectNode> saved) {}

    private final JobStore store;
    /** Outcomes waiting to be written, by instance; a key is present while a thread writes for it. */
    private final Map<String, List<Outcome>> pending = new HashMap<>();

    Outcomes(JobStore store) {
        this.store = store;
    }

    /** Applies {@code change} to (a copy of) {@code known} and stores it; returns it as stored. */
    @Nullable
    ObjectNode write(String domain, ObjectNode known, UnaryOperator<@Nullable ObjectNode> change) {
        Outcome outcome = new Outcome(known, change, new CompletableFuture<>());
        synchronized (pending) {
            List<Outcome> waiting = pending.get(domain);
            if (waiting != null) {
                waiting.add(outcome); // the writing thread takes it with its next write
            } else {
                pending.put(domain, new ArrayList<>());
                lead(domain, outcome);
            }
        }
        try {
            return outcome.saved().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** Called holding the lock: writes {@code first}, then what came meanwhile, until nothing is left. */
    private void lead(String domain, Outcome first) {
        Thread.ofVirtual().start(() -> {
            List<Outcome> batch = List.of(first);
            while (!batch.isEmpty()) {
                writeAll(domain, batch);
                synchronized (pending) {
                    batch = pending.get(domain);
                    if (batch.isEmpty()) {
                        pending.remove(domain);
                    } else {
                        pending.put(domain, new ArrayList<>());
                    }
                }
            }
        });
    }

    private void writeAll(String domain, List<Outcome> batch) {
        if (batch.size() > 1) {
            try {
                List<ObjectNode> next = new ArrayList<>(batch.size());
                batch.forEach(o -> next.add(o.change().apply(o.known().deepCopy())));
                if (!next.contains(null) && store.saveAll(domain, Doctypes.JOBS, next)) {
                    for (int i = 0; i < batch.size(); i++) {
                        batch.get(i).saved().complete(next.get(i));
                    }
                    return;
                }
            } catch (RuntimeException e) {
                // written one by one below, each with its own error
            }
        }
        for (Outcome o : batch) {
            try {
                o.saved().complete(store.updateFrom(domain, Doctypes.JOBS, o.known(), o.change()));
            } catch (RuntimeException e) {
                o.saved().completeExceptionally(e);
            }
        }
    }
}
