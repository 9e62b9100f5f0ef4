package dev.hearth.datasystem.internal.store;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.SFChunk;
import org.h2.mvstore.SingleFileStore;
import org.jspecify.annotations.Nullable;

/**
 * The store file, with the two things compaction needs that MVStore's own file store lacks.
 *
 * <ul>
 *   <li><b>Rewriting the tail</b>: MVStore picks the chunks it rewrites by fill rate and age. Aimed
 *       at the tail, it picks only the chunks that lie past the point where the live chunks would
 *       end at the target fill rate. Their live pages go to new chunks, which MVStore places in
 *       the first hole that fits, near the start of the file; once the tail chunks are dead and
 *       freed, the next commit cuts the file after the last live chunk. This replaces MVStore's
 *       chunk moves, which copy chunks and sync the file four times while they hold the store
 *       lock that every commit needs: a rewrite is a short series of in-memory page updates, and
 *       the pages reach the file with an ordinary commit.
 *   <li><b>Cutting the file without a sync</b>: MVStore syncs the file before it cuts it. Here the
 *       cut happens inside commits, where a sync would hold every writer of the store for as
 *       long as the disk takes. It is not needed: the space cut holds only chunks that were freed,
 *       and a chunk is freed only once a sync has made the commits that superseded it durable
 *       ({@link StoreSpace.Reuse}).
 * </ul>
 */
final class CompactingFileStore extends SingleFileStore {
    /** Not aimed at the tail: MVStore's own choice of sparse chunks. */
    private static final long NO_TAIL = -1;
    /** The file's two header blocks. */
    private static final long HEADER_BLOCKS = 2;
    /** The most live bytes a tail step rewrites, for chunks larger than a step. */
    private static final long TAIL_STEP_MAX_BYTES = 1024 * 1024;
    /** Attempts at MVStore's store lock (10 ms each) before a rewrite step gives up. */
    private static final int LOCK_ATTEMPTS = 50;

    /** The first block of the tail whose chunks are rewritten, or {@link #NO_TAIL}. */
    private volatile long tailFrom = NO_TAIL;
    /** The thread cutting the file, whose sync is skipped. */
    private volatile @Nullable Thread cutting;
    /** Whether the last rewrite step got the store lock (set and read on the compacting thread). */
    private boolean ranRewrite;
    /** How long the last rewrite step held the store lock. */
    private long rewriteNanos;

    private CompactingFileStore(Map<String, Object> config) {
        super(config);
    }

    /** Opens (or creates) a store file with a page cache of the given size. */
    static MVStore open(Path file, int cacheMegabytes) {
        Map<String, Object> config = new HashMap<>();
        config.put("cacheSize", cacheMegabytes);
        CompactingFileStore files = new CompactingFileStore(config);
        files.open(file.toString(), false, null);
        return new MVStore.Builder().adoptFileStore(files).autoCommitDisabled().open();
    }

    /**
     * Rewrites the live pages of at most about {@code bytes} of sparse chunks (MVStore's choice
     * by fill rate and age) if the chunks are less than {@code fillRate} percent full.
     *
     * @return how long the step held the store lock, or -1 if it found nothing to rewrite
     */
    long rewriteSparse(MVStore store, int fillRate, int bytes) {
        tailFrom = NO_TAIL;
        return rewrite(store, fillRate, bytes);
    }

    /**
     * Rewrites the live pages of at most about {@code bytes} of the chunks past the point where
     * the live chunks would end at {@code fillRate} percent of the file.
     *
     * @return how long the step held the store lock, or -1 if it found nothing to rewrite
     */
    long rewriteTail(MVStore store, int fillRate, int bytes) {
        long used = 0;
        for (SFChunk c : getChunks().values()) {
            if (c.block != 0 && c.maxLenLive > 0) {
                used += c.len;
            }
        }
        tailFrom = HEADER_BLOCKS + used * 100 / fillRate;
        // MVStore skips a chunk with more live bytes than the step may write: a larger chunk at
        // the end of the file would stay there, so the step grows to the smallest one, within
        // TAIL_STEP_MAX_BYTES (the time a step holds the store lock grows with its bytes).
        long smallest = Long.MAX_VALUE;
        for (SFChunk c : tail()) {
            if (c.maxLenLive < c.maxLen) {
                smallest = Math.min(smallest, c.maxLenLive);
            }
        }
        try {
            // Any fill rate qualifies: the target is the chunks' place, not their emptiness.
            return rewrite(store, 101, (int) Math.max(bytes, Math.min(smallest, TAIL_STEP_MAX_BYTES)));
        } finally {
            tailFrom = NO_TAIL;
        }
    }

    private long rewrite(MVStore store, int fillRate, int bytes) {
        for (int attempt = 0; attempt < LOCK_ATTEMPTS; attempt++) {
            ranRewrite = false;
            boolean rewrote = store.compact(fillRate, bytes);
            if (ranRewrite) {
                return rewrote ? rewriteNanos : -1;
            }
            if (getChunksFillRate() >= fillRate) {
                return -1;
            }
            // A commit held the store lock: try again once it is done.
            Thread.yield();
        }
        return -1;
    }

    @Override
    protected boolean rewriteChunks(int writeLimit, int targetFillRate) {
        long start = System.nanoTime();
        ranRewrite = true;
        try {
            return super.rewriteChunks(writeLimit, targetFillRate);
        } finally {
            rewriteNanos = System.nanoTime() - start;
        }
    }

    @Override
    public @Nullable Collection<SFChunk> getRewriteCandidates() {
        return tailFrom == NO_TAIL ? null : tail();
    }

    /** The chunks with live pages that end past {@link #tailFrom}. */
    private List<SFChunk> tail() {
        long from = tailFrom;
        List<SFChunk> tail = new ArrayList<>();
        for (SFChunk c : getChunks().values()) {
            if (c.block != 0 && c.maxLenLive > 0 && c.block + c.len > from) {
                tail.add(c);
            }
        }
        return tail;
    }

    @Override
    protected void shrinkStoreIfPossible(int minPercent) {
        cutting = Thread.currentThread();
        try {
            super.shrinkStoreIfPossible(minPercent);
        } finally {
            cutting = null;
        }
    }

    @Override
    public void sync() {
        if (cutting != Thread.currentThread()) {
            super.sync();
        }
    }
}
