package dev.hearth.jobs.internal;

import dev.hearth.jobs.JobsBackend;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A queue several nodes of one test share, in memory, with leases a test lets lapse ({@link
 * #lapse}) as a node killed without a word would: the semantics of {@link JobsBackend} without a
 * database, to test what the jobs service does with them.
 */
final class MemoryQueue {
    private static final class Row {
        final String worker;
        String node;
        boolean lapsed;
        int claims;

        Row(String worker) {
            this.worker = worker;
        }
    }

    private final Map<JobsBackend.Claim, Row> rows = new LinkedHashMap<>();
    private final List<JobsBackend.Listener> listeners = new CopyOnWriteArrayList<>();
    private final Set<String> silent = new HashSet<>();

    /** A node falls silent as a killed one would: its leases pass and it claims nothing more. */
    synchronized void lapse(String node) {
        silent.add(node);
        rows.values().stream().filter(r -> node.equals(r.node)).forEach(r -> r.lapsed = true);
        listeners.forEach(l -> l.offered("any"));
    }

    synchronized int size() {
        return rows.size();
    }

    synchronized int claims(String domain, String id) {
        Row row = rows.get(new JobsBackend.Claim(domain, id));
        return row == null ? 0 : row.claims;
    }

    /** A node's view. */
    JobsBackend node(String name) {
        return new JobsBackend() {
            @Override
            public boolean shared() {
                return true;
            }

            @Override
            public void offer(String domain, String id, String worker) {
                synchronized (MemoryQueue.this) {
                    rows.putIfAbsent(new Claim(domain, id), new Row(worker));
                }
                listeners.forEach(l -> l.offered(worker));
            }

            @Override
            public List<Claim> claim(String worker, int max) {
                synchronized (MemoryQueue.this) {
                    List<Claim> out = new ArrayList<>();
                    if (silent.contains(name)) {
                        return out;
                    }
                    for (Map.Entry<Claim, Row> e : rows.entrySet()) {
                        Row row = e.getValue();
                        if (out.size() < max && row.worker.equals(worker) && (row.node == null || row.lapsed)) {
                            row.node = name;
                            row.lapsed = false;
                            row.claims++;
                            out.add(e.getKey());
                        }
                    }
                    return out;
                }
            }

            @Override
            public void done(String domain, String id) {
                synchronized (MemoryQueue.this) {
                    rows.remove(new Claim(domain, id));
                }
            }

            @Override
            public void release(String domain, String id) {
                synchronized (MemoryQueue.this) {
                    Row row = rows.get(new Claim(domain, id));
                    if (row != null && name.equals(row.node)) {
                        row.node = null;
                    }
                }
            }

            @Override
            public void releaseAll() {
                synchronized (MemoryQueue.this) {
                    rows.values().stream().filter(r -> name.equals(r.node)).forEach(r -> r.node = null);
                }
            }

            @Override
            public void triggerChanged(String domain, String id) {
                listeners.forEach(l -> l.triggerChanged(domain, id));
            }

            @Override
            public AutoCloseable watch(Listener listener) {
                listeners.add(listener);
                return () -> listeners.remove(listener);
            }

            @Override
            public String describe() {
                return "memory";
            }
        };
    }
}
