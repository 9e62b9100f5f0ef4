package dev.hearth.datasystem.internal.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the writes of one store in batches and commits each batch once (group commit). A write
 * is acknowledged only after the commit that contains it has been written to the store file (and
 * synced, in {@code fsync} durability), so a killed process loses nothing acknowledged.
 *
 * <p>Operations run one at a time on the writer; requests that arrive while a batch commits form
 * the next batch. An operation must check everything before it changes a map, so that a failure
 * leaves nothing half-written.
 */
final class GroupCommitWriter {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);

    /** A change applied on the writer; {@code afterCommit} runs once it is durable. */
    interface Op<T> {
        T apply(Batch batch);
    }

    /** What the operations of one batch share: work to run once the batch is committed. */
    static final class Batch {
        private final List<Runnable> afterCommit = new ArrayList<>();

        void afterCommit(Runnable action) {
            afterCommit.add(action);
        }
    }

    private record Pending<T>(Op<T> op, CompletableFuture<T> result) {}

    private final MVStore store;
    private final boolean fsync;
    private final Executor executor;
    private final String name;
    private final ConcurrentLinkedQueue<Pending<?>> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final Runnable beforeCommit;
    private final Runnable onCommitted;

    /**
     * @param beforeCommit runs on the writer after a batch's operations, before the commit (to
     *     save what the batch changed in memory)
     * @param onCommitted runs once a batch is durable, before its callers are answered
     */
    GroupCommitWriter(
            String name, MVStore store, boolean fsync, Executor executor, Runnable beforeCommit, Runnable onCommitted) {
        this.name = name;
        this.store = store;
        this.fsync = fsync;
        this.executor = executor;
        this.beforeCommit = beforeCommit;
        this.onCommitted = onCommitted;
    }

    /** Queues an operation; the future completes once its batch is committed. */
    <T> CompletableFuture<T> submit(Op<T> op) {
        CompletableFuture<T> result = new CompletableFuture<>();
        queue.add(new Pending<>(op, result));
        if (draining.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
        return result;
    }

    private void drain() {
        while (true) {
            List<Pending<?>> batch = new ArrayList<>();
            for (Pending<?> p; (p = queue.poll()) != null && batch.size() < 10_000; ) {
                batch.add(p);
            }
            if (!batch.isEmpty()) {
                runBatch(batch);
                continue;
            }
            draining.set(false);
            if (queue.isEmpty() || !draining.compareAndSet(false, true)) {
                return;
            }
        }
    }

    private void runBatch(List<Pending<?>> pending) {
        Batch batch = new Batch();
        List<Object> results = new ArrayList<>(pending.size());
        for (Pending<?> p : pending) {
            try {
                results.add(p.op().apply(batch));
            } catch (RuntimeException | Error e) {
                results.add(new Failure(e));
            }
        }
        try {
            beforeCommit.run();
            if (store.hasUnsavedChanges()) {
                store.commit();
                if (fsync) {
                    store.sync();
                }
            }
        } catch (RuntimeException e) {
            LOG.error("Commit of {} failed; the batch is rolled back", name, e);
            store.rollback();
            pending.forEach(p -> p.result().completeExceptionally(e));
            return;
        }
        onCommitted.run();
        for (Runnable action : batch.afterCommit) {
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.warn("After-commit action of {} failed: {}", name, e.toString());
            }
        }
        for (int i = 0; i < pending.size(); i++) {
            complete(pending.get(i), results.get(i));
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void complete(Pending<T> p, Object result) {
        if (result instanceof Failure f) {
            p.result().completeExceptionally(f.error());
        } else {
            p.result().complete((T) result);
        }
    }

    private record Failure(Throwable error) {}
}
