package dev.hearth.datasystem.internal.store;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.jspecify.annotations.Nullable;

/**
 * Gives the disk space of superseded pages back, in steps short enough for the writer.
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
 *   <li><b>Tail</b>: the chunks near the end of the file have their live pages written anew, into
 *       holes nearer its start, and once they are freed a commit cuts the file after the last
 *       chunk ({@link CompactingFileStore}).
 * </ol>
 *
 * <p>A step marks the live pages of a few chunks as changed, in memory, while it holds MVStore's
 * store lock; writers go on applying their changes meanwhile, and a commit (theirs, or the writer
 * turn that follows each step) waits for the lock at most as long as the step, a few
 * milliseconds for {@value #STEP_BYTES} bytes. The pages reach the file with that commit, between
 * two batches of the writer as every commit, so a killed process finds each batch whole or
 * absent. No sync happens under the store lock.
 */
public final class StoreSpace {
    /** Compaction stops once live pages fill this share of the chunks and of the file, in percent. */
    static final int TARGET_FILL_RATE = 80;
    /**
     * Live bytes rewritten per step: reading and marking 128 KB of pages takes a few milliseconds,
     * and the commit that writes them is as short as an ordinary batch. MVStore leaves alone a
     * sparse chunk with more live bytes than that; a tail step grows to the smallest chunk.
     */
    private static final int STEP_BYTES = 128 * 1024;
    /** A smaller file is left as it is: too little to give back for the commits it would cost. */
    private static final long SMALL_FILE_BYTES = 4L * 1024 * 1024;
    /** Steps between syncs, so that the chunks they empty are freed as compaction goes. */
    private static final int SYNC_EVERY = 16;
    /** At most this many tail steps per compaction, for each megabyte of free space in the file. */
    private static final int TAIL_STEPS_PER_FREE_MEGABYTE = 32;
    /** The age of a chunk before it is rewritten: MVStore's default retention time. */
    private static final int DEFAULT_SEASON_MILLIS = 45_000;
    /** The longest one compaction of a store may take, all its turns together. */
    private static final long BUDGET_NANOS = 20_000_000_000L;

    /**
     * Commits what the steps changed, as one turn of the writer (between two of its batches),
     * and waits for it: false when the store is closing.
     */
    interface Commit {
        boolean run();
    }

    /**
     * What one compaction did.
     *
     * @param rewrites the steps that rewrote sparse chunks
     * @param moves the steps that rewrote chunks at the end of the file, to move them nearer its
     *     start
     * @param longestRewriteNanos the longest a rewrite step held the store lock (commits waited)
     * @param longestMoveNanos the longest a tail step held the store lock
     * @param dropNanos how long the final drop of unused chunks held the store lock
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
        /** The longest any step held the store lock. */
        public long longestStepNanos() {
            return Math.max(longestRewriteNanos, Math.max(longestMoveNanos, dropNanos));
        }
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
        long rewrite(LongSupplier compaction) {
            FileStore<?> files = store.getFileStore();
            files.setRetentionTime(seasonMillis);
            try {
                return compaction.getAsLong();
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
     * Rewrites sparse chunks, then the chunks at the end of the file, committing after each step
     * and syncing now and then so that the chunks they empty are freed and the file cut.
     */
    static Outcome compact(MVStore store, Reuse reuse, Commit commit) {
        CompactingFileStore files = (CompactingFileStore) store.getFileStore();
        long fileBefore = files.size();
        int chunksFill = files.getChunksFillRate();
        if (fileBefore < SMALL_FILE_BYTES) {
            return new Outcome(0, 0, fileBefore, fileBefore, chunksFill, 0, 0, 0);
        }
        Steps steps = new Steps(store, reuse, commit);
        int rewrites = steps.run(
                REWRITE,
                () -> files.getChunksFillRate() < TARGET_FILL_RATE,
                () -> reuse.rewrite(() -> files.rewriteSparse(store, TARGET_FILL_RATE, STEP_BYTES)),
                Integer.MAX_VALUE);
        int moves = 0;
        if (files.getFillRate() < TARGET_FILL_RATE) {
            steps.settle();
            long freeMegabytes = files.size() * (100 - files.getFillRate()) / 100 >> 20;
            moves = steps.run(
                    TAIL,
                    () -> files.getFillRate() < TARGET_FILL_RATE,
                    () -> files.rewriteTail(store, TARGET_FILL_RATE, STEP_BYTES),
                    (int) Math.min(Integer.MAX_VALUE, TAIL_STEPS_PER_FREE_MEGABYTE * (freeMegabytes + 1)));
        }
        if (rewrites + moves > 0) {
            steps.settle();
        }
        return new Outcome(
                rewrites,
                moves,
                fileBefore,
                files.size(),
                chunksFill,
                steps.longest[REWRITE],
                steps.longest[TAIL],
                steps.longest[DROP]);
    }

    /** The kinds of steps, whose longest holds of the store lock are kept apart. */
    private static final int REWRITE = 0;

    private static final int TAIL = 1;
    private static final int DROP = 2;

    /** The steps of one compaction, within its time budget. */
    private static final class Steps {
        final MVStore store;
        final Reuse reuse;
        final Commit commit;
        final long deadline = System.nanoTime() + BUDGET_NANOS;
        final long[] longest = new long[3];

        Steps(MVStore store, Reuse reuse, Commit commit) {
            this.store = store;
            this.reuse = reuse;
            this.commit = commit;
        }

        /**
         * Runs steps of a kind while {@code wanted} holds, each followed by a commit, up to
         * {@code most} steps or the deadline. A step that finds nothing to rewrite may face chunks
         * that are dead but not yet freed: they are settled, and the step tried once more.
         *
         * @return how many steps rewrote something
         */
        int run(int kind, BooleanSupplier wanted, LongSupplier step, int most) {
            int done = 0;
            boolean settled = false;
            while (done < most && System.nanoTime() < deadline && wanted.getAsBoolean()) {
                long held = step.getAsLong();
                if (held < 0) {
                    if (settled) {
                        break;
                    }
                    settle();
                    settled = true;
                    continue;
                }
                settled = false;
                longest[kind] = Math.max(longest[kind], held);
                if (!commit.run()) {
                    break;
                }
                if (++done % SYNC_EVERY == 0) {
                    reuse.sync();
                }
            }
            return done;
        }

        /**
         * Syncs, then frees the chunks that died before, and commits: the commit records the
         * chunks dropped and cuts the file after the last one left.
         */
        void settle() {
            reuse.sync();
            FileStore<?> files = store.getFileStore();
            store.executeFilestoreOperation(() -> {
                long start = System.nanoTime();
                files.dropUnusedChunks();
                longest[DROP] = Math.max(longest[DROP], System.nanoTime() - start);
            });
            commit.run();
        }
    }
}
