package dev.hearth.jobs.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The waiting jobs of one worker type, one FIFO per instance, served round-robin across the
 * instances that have work. An instance that had nothing waiting takes the next turn: its job
 * waits only for the runs already started, however many jobs other instances have queued (the
 * instances already waiting then keep their order, each one turn at a time). A turn takes one job,
 * or a batch of up to {@code max} jobs of the same instance ({@link #poll(int)}): the jobs of one
 * batch change one store, so their writes can share its commits. Not thread-safe: its lane locks
 * it.
 */
final class FairQueue {

    /**
     * One waiting job, with its document as this process last wrote it when it has it (so that its
     * run need not read it back; a stale one only costs a conflict and a read).
     */
    record Entry(String domain, String id, @Nullable ObjectNode doc) {
        Entry(String domain, String id) {
            this(domain, id, null);
        }
    }

    private final Map<String, ArrayDeque<Entry>> byDomain = new HashMap<>();
    /** Instances with work, in the order they are served next. */
    private final ArrayDeque<String> turns = new ArrayDeque<>();

    private int size;

    void add(String domain, String id) {
        add(new Entry(domain, id));
    }

    void add(Entry entry) {
        String domain = entry.domain();
        ArrayDeque<Entry> queue = byDomain.get(domain);
        if (queue == null) {
            queue = new ArrayDeque<>();
            byDomain.put(domain, queue);
            turns.addFirst(domain);
        }
        queue.addLast(entry);
        size++;
    }

    /** The next job, taken from the instance whose turn it is, or null when empty. */
    @Nullable
    Entry poll() {
        List<Entry> one = poll(1);
        return one.isEmpty() ? null : one.getFirst();
    }

    /** Up to {@code max} jobs, in order, of the instance whose turn it is; empty when nothing waits. */
    List<Entry> poll(int max) {
        String domain = turns.pollFirst();
        if (domain == null) {
            return List.of();
        }
        ArrayDeque<Entry> queue = byDomain.get(domain);
        List<Entry> out = new ArrayList<>(Math.min(max, queue.size()));
        while (out.size() < max && !queue.isEmpty()) {
            out.add(queue.pollFirst());
        }
        size -= out.size();
        if (queue.isEmpty()) {
            byDomain.remove(domain);
        } else {
            turns.addLast(domain);
        }
        return out;
    }

    /** Drops every job of an instance; returns their ids. */
    List<String> removeDomain(String domain) {
        ArrayDeque<Entry> queue = byDomain.remove(domain);
        if (queue == null) {
            return List.of();
        }
        turns.remove(domain);
        size -= queue.size();
        return queue.stream().map(Entry::id).toList();
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
