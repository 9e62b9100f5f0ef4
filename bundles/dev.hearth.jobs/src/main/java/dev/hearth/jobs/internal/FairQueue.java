package dev.hearth.jobs.internal;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The waiting jobs of one worker type, one FIFO per instance, served round-robin across the
 * instances that have work. An instance that had nothing waiting takes the next turn: its job
 * waits only for the runs already started, however many jobs other instances have queued (the
 * instances already waiting then keep their order, each one job per turn). Not thread-safe: its
 * lane locks it.
 */
final class FairQueue {

    /** One waiting job. */
    record Entry(String domain, String id) {}

    private final Map<String, ArrayDeque<String>> byDomain = new HashMap<>();
    /** Instances with work, in the order they are served next. */
    private final ArrayDeque<String> turns = new ArrayDeque<>();

    private int size;

    void add(String domain, String id) {
        ArrayDeque<String> queue = byDomain.get(domain);
        if (queue == null) {
            queue = new ArrayDeque<>();
            byDomain.put(domain, queue);
            turns.addFirst(domain);
        }
        queue.addLast(id);
        size++;
    }

    /** The next job, taken from the instance whose turn it is, or null when empty. */
    @Nullable
    Entry poll() {
        String domain = turns.pollFirst();
        if (domain == null) {
            return null;
        }
        ArrayDeque<String> queue = byDomain.get(domain);
        String id = queue.pollFirst();
        size--;
        if (queue.isEmpty()) {
            byDomain.remove(domain);
        } else {
            turns.addLast(domain);
        }
        return new Entry(domain, id);
    }

    /** Drops every job of an instance; returns their ids. */
    ArrayDeque<String> removeDomain(String domain) {
        ArrayDeque<String> queue = byDomain.remove(domain);
        if (queue == null) {
            return new ArrayDeque<>();
        }
        turns.remove(domain);
        size -= queue.size();
        return queue;
    }

    int size() {
        return size;
    }

    Map<String, Integer> sizes() {
        Map<String, Integer> out = new LinkedHashMap<>();
        byDomain.forEach((d, q) -> out.put(d, q.size()));
        return out;
    }

    Iterable<String> domains() {
        return new ArrayDeque<>(byDomain.keySet());
    }
}
