package dev.hearth.datasystem.postgres.internal;

import dev.hearth.common.error.CouchException;
import dev.hearth.datasystem.engine.Change;
import dev.hearth.datasystem.engine.DocInput;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Group commit of one-document saves. The writers of a database take turns on its row in
 * {@code dbs}, and a commit holds that lock until its WAL flush is done, so one transaction per
 * save would flush once per document however many clients write. Saves that arrive while a
 * batch of their database is being written wait, and the next writer applies all of them (up to
 * {@code groupCommitMax}, 64) in one transaction: one lock, one flush, and every save acknowledged only
 * after the commit that holds it. A save that is refused (a conflict) fails alone, before it
 * writes anything; a failure of the transaction fails its whole batch.
 */
final class PgGroupCommit {
    private final int maxBatch;
    private final ConcurrentHashMap<String, Queue> queues = new ConcurrentHashMap<>();

    /** Batches of at most {@code maxBatch} saves (1: each save alone). */
    PgGroupCommit(int maxBatch) {
        this.maxBatch = Math.max(1, maxBatch);
    }

    private static final class Pending {
        final DocInput in;

        @Nullable
        Change change;

        @Nullable
        RuntimeException failure;

        boolean done;

        Pending(DocInput in) {
            this.in = in;
        }
    }

    /** The saves waiting for one database; gone from the map once empty. */
    private static final class Queue {
        final ArrayDeque<Pending> items = new ArrayDeque<>();
        boolean writing;
        boolean retired;
    }

    /** Saves one document in the next commit of its database; its change once committed. */
    Change save(PgDatabase db, DocInput in) {
        String key = db.instance() + '\n' + db.doctype();
        Pending p = new Pending(in);
        Queue q = enqueue(key, p);
        while (true) {
            List<Pending> batch;
            synchronized (q) {
                while (!p.done && q.writing) {
                    try {
                        q.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new CouchException(503, "service_unavailable", "Interrupted while saving");
                    }
                }
                if (p.done) {
                    return result(p);
                }
                q.writing = true;
                batch = new ArrayList<>();
                while (!q.items.isEmpty() && batch.size() < maxBatch) {
                    batch.add(q.items.poll());
                }
            }
            try {
                write(db, batch);
            } finally {
                synchronized (q) {
                    q.writing = false;
                    if (q.items.isEmpty()) {
                        q.retired = true;
                        queues.remove(key, q);
                    }
                    q.notifyAll();
                }
            }
        }
    }

    private Queue enqueue(String key, Pending p) {
        while (true) {
            Queue q = queues.computeIfAbsent(key, k -> new Queue());
            synchronized (q) {
                if (!q.retired) {
                    q.items.add(p);
                    return q;
                }
            }
        }
    }

    private static void write(PgDatabase db, List<Pending> batch) {
        try {
            db.write(batch.stream().map(p -> p.in.id()).toList(), w -> {
                for (Pending p : batch) {
                    try {
                        p.change = w.edit(p.in);
                    } catch (CouchException e) {
                        p.failure = e; // refused before anything of it was written
                    }
                }
                return null;
            });
        } catch (RuntimeException e) {
            for (Pending p : batch) {
                p.change = null;
                if (p.failure == null) {
                    p.failure = e;
                }
            }
        }
        for (Pending p : batch) {
            if (p.change != null) {
                db.published(p.change);
            }
            p.done = true;
        }
    }

    private static Change result(Pending p) {
        if (p.failure != null) {
            throw p.failure;
        }
        return java.util.Objects.requireNonNull(p.change);
    }
}
