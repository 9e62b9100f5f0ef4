package dev.hearth.datasystem.internal.store;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.RandomAccessStore;
import org.jspecify.annotations.Nullable;

/**
 * Gives the disk space of superseded pages back, in steps small enough for the writer.
 *
 * <p>Every commit writes a new chunk; the pages it replaces leave garbage in older chunks. Three
 * things turn that garbage into free space and free space into a smaller file:
 *
 * <ol>
 *   <li><b>Reuse</b>: by default MVStore keeps a chunk that holds nothing live for 45 s (its
 *       retention time) before reusing its space, in case the commits that made it dead are not
 *       on disk yet; under a steady stream of small commits that is 45 s of writes kept as
 *       garbage (a gigabyte under a write benchmark). Here a sync every second, off the writer,
 *       makes those commits durable, and the space of what died before it is reused at once
 *       ({@link Reuse}).
 *   <li><b>Rewrite</b>: chunks that are mostly garbage have their live pages written anew, so
 *       that they die in turn.
 *   <li><b>Move</b>: live chunks near the end of the file are moved into holes nearer its start,
 *       and the file is cut after the last chunk.
 * </ol>
 *
 * Each step runs as one turn of the writer (so it never interleaves with a batch half applied)
 * and rewrites or moves at most half a megabyte, so that writers wait for one short step at most.
 */
public final class StoreSpace {
    /** Compaction stops once live pages fill this share of the chunks and of the file, in percent. */
    static final int TARGET_FILL_RATE = 80;
    /**
     * Live bytes rewritten per writer turn: a quarter megabyte is written and committed in a few
     * milliseconds, so a writer waiting behind the step waits little more than for a bulk write.
     */
    private static final int REWRITE_BYTES = 256 * 1024;
    /** A smaller file is left as it is: too little to give back for the commits it would cost. */
    private static final long SMALL_FILE_BYTES = 4L * 1024 * 1024;
    /** Rewrites between syncs, so that the chunks they empty are freed as compaction goes. */
    private static final int SYNC_EVERY = 8;
    /**
     * Chunk bytes moved per writer turn (at least one chunk is moved): a move step copies, syncs
     * and rewrites the header, and with 2 MB it held the writer up to 347 ms on a loaded machine.
     */
    private static final long MOVE_BYTES = 512 * 1024;
    /** The age of a chunk before it is rewritten: MVStore's default retention time. */
    private static final int DEFAULT_SEASON_MILLIS = 45_000;
    /** The longest one compaction of a store may take, all its turns together. */
    private static final long BUDGET_NANOS = 20_000_000_000L;

    /**
     * Runs a step as one turn of the writer and waits for it: false when the step did nothing,
     * or was not run as the store is closing.
     */
    interface Turn {
        boolean run(BooleanSupplier step);
    }

    /**
     * What one compaction did.
     *
     * @param longestRewriteNanos the longest a rewrite step held the writer
     * @param longestMoveNanos the longest a move step held the writer
     * @param dropNanos how long the final drop of unused chunks held the writer
     */
    public record Outcome(
            int rewrites,
            int moves,
            long fileBefore,
            long fileAfter,
            int chunksFillBefore,
            long longestRewriteNanos,
            long longestMoveNanos,
            long dropNanos) {
        /** The longest any step held the writer. */
        public long longestStepNanos() {
            return Math.max(longestRewriteNanos, Math.max(longestMoveNanos, dropNanos));
        }
    }

    /** The kinds of steps, whose longest holds are kept apart. */
    private static final int REWRITE = 0;

    private static final int MOVE = 1;
    private static final int DROP = 2;

    /** A step of one kind, timed as it holds the writer. */
    private interface TimedTurn {
        boolean run(int kind, BooleanSupplier step);
    }

    private StoreSpace() {}

    /**
     * Lets the store reuse at once the space of the chunks that died before the last sync, and
     * only those: a pin on the version current at the last sync keeps MVStore from freeing any
     * chunk that died after it, and the retention time is otherwise 0.
     */
    static final class Reuse {
        private final MVStore store;
        private MVStore.@Nullable TxCounter pin;
        /** How old a chunk must be before its live pages are rewritten elsewhere. */
        private volatile int seasonMillis = DEFAULT_SEASON_MILLIS;

        /** At opening nothing has died yet. */
        Reuse(MVStore store) {
            this.store = store;
            store.setRetentionTime(0);
            pin = pinNow();
        }

        /** Syncs the file, then lets the chunks that died before it be reused. */
        synchronized void sync() {
            if (pin == null) {
                return;
            }
            MVStore.TxCounter next = pinNow();
            store.sync();
            store.deregisterVersionUsage(pin);
            pin = next;
        }

        /** Tests only: rewrites chunks of any age. */
        void seasonFor(int millis) {
            seasonMillis = millis;
        }

        /**
         * Runs a rewrite of sparse chunks with MVStore's retention time set to the season, which
         * it reads as the age a chunk must have to be rewritten: chunks that die young are freed
         * by {@link #sync} anyway, and rewriting them would chase a busy writer for ever.
         */
        boolean rewrite(BooleanSupplier compaction) {
            FileStore<?> files = store.getFileStore();
            files.setRetentionTime(seasonMillis);
            try {
                return compaction.getAsBoolean();
            } finally {
                files.setRetentionTime(0);
            }
        }

        /** Drops the pin, before the store closes. */
        synchronized void close() {
            if (pin != null) {
                store.deregisterVersionUsage(pin);
                pin = null;
            }
        }

        /** Pins the current version with no commit in flight: every earlier one is in the file. */
        private MVStore.TxCounter pinNow() {
            AtomicReference<MVStore.TxCounter> pinned = new AtomicReference<>();
            store.executeFilestoreOperation(() -> pinned.set(store.registerVersionUsage()));
            return pinned.get();
        }
    }

    /**
     * Rewrites sparse chunks, syncing now and then so that the chunks they empty are freed,
     * then moves chunks to shrink the file, and frees what died on the way.
     */
    static Outcome compact(MVStore store, Reuse reuse, Turn writerTurn) {
        FileStore<?> files = store.getFileStore();
        long[] longest = new long[3];
        TimedTurn turn = (kind, step) -> writerTurn.run(() -> {
            long start = System.nanoTime();
            try {
                return step.getAsBoolean();
            } finally {
                longest[kind] = Math.max(longest[kind], System.nanoTime() - start);
            }
        });
        long deadline = System.nanoTime() + BUDGET_NANOS;
        long fileBefore = files.size();
        int chunksFill = files.getChunksFillRate();
        if (fileBefore < SMALL_FILE_BYTES) {
            return new Outcome(0, 0, fileBefore, fileBefore, chunksFill, 0, 0, 0);
        }
        int rewrites = 0;
        while (files.getChunksFillRate() < TARGET_FILL_RATE
                && System.nanoTime() < deadline
                && turn.run(REWRITE, () -> reuse.rewrite(() -> store.compact(TARGET_FILL_RATE, REWRITE_BYTES)))) {
            if (++rewrites % SYNC_EVERY == 0) {
                reuse.sync();
            }
        }
        int moves = 0;
        if (files instanceof RandomAccessStore file && files.getFillRate() < TARGET_FILL_RATE) {
            reuse.sync();
            long steps = files.size() * (100 - files.getFillRate()) / 100 / MOVE_BYTES + 4;
            while (files.getFillRate() < TARGET_FILL_RATE && System.nanoTime() < deadline && moves < steps) {
                if (!turn.run(MOVE, () -> {
                    file.compactMoveChunks(TARGET_FILL_RATE, MOVE_BYTES, store);
                    return true;
                })) {
                    break;
                }
                moves++;
            }
        }
        if (rewrites + moves > 0) {
            reuse.sync();
            turn.run(DROP, () -> {
                store.executeFilestoreOperation(files::dropUnusedChunks);
                return true;
            });
        }
        return new Outcome(
                rewrites, moves, fileBefore, files.size(), chunksFill, longest[REWRITE], longest[MOVE], longest[DROP]);
    }
}
