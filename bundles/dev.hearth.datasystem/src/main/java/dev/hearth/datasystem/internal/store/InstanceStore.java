package dev.hearth.datasystem.internal.store;

import dev.hearth.common.error.CouchException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store of one instance: one MVStore file ({@code <instance>/data.mv.db}) holding the
 * databases of all its doctypes, and the group-commit writer that changes it.
 *
 * <p>An idle store hibernates: its file is closed and its memory given back, and the next read
 * or write opens it again. Every read and write holds the store open while it runs (a counter,
 * not a lock), so hibernation never pulls the file from under an operation, and a caller's
 * reference to the store stays good for ever.
 */
public final class InstanceStore implements AutoCloseable {
    /** The capacity of MVStore's pool of write buffers. */
    private static final int POOLED_WRITE_BUFFERS = 4;
    /** A store that commits again within this time keeps its write buffers. */
    private static final long BUSY_COMMIT_GAP_NANOS = 1_000_000_000L;
    /** Gate values besides the count of operations in flight. */
    private static final int HIBERNATING = -1;

    private static final int CLOSED = -2;
    private static final Logger LOG = LoggerFactory.getLogger(InstanceStore.class);
    static final String FILE = "data.mv.db";

    /** Tuning of a store. */
    public record Settings(boolean fsync, int cacheMegabytes, int cacheMaxMegabytes, int revsLimit) {}

    /** What exists while the file is open. */
    private final class Open {
        final MVStore store;
        final MVMap<String, String> meta;
        final Map<String, DoctypeStore> doctypes = new ConcurrentHashMap<>();
        final GroupCommitWriter writer;
        final StoreSpace.Reuse reuse;
        final PageCache cache;

        Open() {
            Path file = directory.resolve(FILE);
            cache = new PageCache(settings.cacheMegabytes(), settings.cacheMaxMegabytes());
            store = CompactingFileStore.open(file, cache.megabytes());
            store.setVersionsToKeep(0);
            reuse = new StoreSpace.Reuse(store);
            if (retentionMillis >= 0) {
                reuse.seasonFor(retentionMillis);
            }
            meta = store.openMap(
                    "meta",
                    new MVMap.Builder<String, String>()
                            .keyType(Utf8Type.INSTANCE)
                            .valueType(Utf8Type.INSTANCE));
            writer = new GroupCommitWriter(
                    domain, store, settings.fsync(), executor, this::saveCounters, this::committed);
        }

        private void saveCounters() {
            doctypes.values().forEach(DoctypeStore::saveCountersIfChanged);
        }

        private void committed() {
            doctypes.values().forEach(DoctypeStore::committed);
            long now = System.nanoTime();
            if (now - lastCommit > BUSY_COMMIT_GAP_NANOS) {
                // A quiet store's commit returned the one buffer it used: take just that one.
                dropWriteBuffers(store, 1);
            } else {
                buffersKept = true;
            }
            lastCommit = now;
        }
    }

    private final String domain;
    private final Path directory;
    private final Settings settings;
    private final Executor executor;
    /** Operations in flight, or {@link #HIBERNATING}, or {@link #CLOSED}. */
    private final AtomicInteger gate = new AtomicInteger(HIBERNATING);

    private final Map<String, java.util.concurrent.locks.ReentrantLock> locks = new ConcurrentHashMap<>();

    private volatile @Nullable Open open;
    private volatile int retentionMillis = -1;
    private volatile boolean closing;
    private volatile long lastCommit = System.nanoTime() - BUSY_COMMIT_GAP_NANOS - 1; // set by the writer
    private volatile long lastUsed = System.nanoTime();
    private volatile boolean buffersKept;
    private volatile long lastSync = lastCommit;

    private InstanceStore(String domain, Path directory, Settings settings, Executor executor) {
        this.domain = domain;
        this.directory = directory;
        this.settings = settings;
        this.executor = executor;
    }

    /** Opens (or creates) the store in the instance folder. */
    public static InstanceStore open(String domain, Path instanceDir, Settings settings, Executor executor) {
        InstanceStore store = new InstanceStore(domain, instanceDir, settings, executor);
        store.enter(false);
        store.exit();
        return store;
    }

    public String domain() {
        return domain;
    }

    Settings settings() {
        return settings;
    }

    /**
     * Holds the store open for one operation, opening it if it hibernates.
     *
     * @param use whether the operation counts as use (housekeeping does not keep a store open)
     */
    private Open enter(boolean use) {
        if (use) {
            lastUsed = System.nanoTime();
        }
        while (true) {
            int g = gate.get();
            if (g == CLOSED || closing) {
                throw new IllegalStateException("The store of " + domain + " is closed");
            }
            if (g == HIBERNATING) {
                wake();
            } else if (gate.compareAndSet(g, g + 1)) {
                return open;
            }
        }
    }

    private synchronized void wake() {
        if (gate.get() == HIBERNATING) {
            open = new Open();
            gate.set(0);
        }
    }

    /** Like {@link #enter} for housekeeping that has nothing to do on a hibernating store: null then. */
    private @Nullable Open enterIfOpen() {
        while (true) {
            int g = gate.get();
            if (g < 0 || closing) {
                return null;
            }
            if (gate.compareAndSet(g, g + 1)) {
                return open;
            }
        }
    }

    private void exit() {
        gate.decrementAndGet();
    }

    /** The database of a doctype (it may not exist yet); only within a read or a write. */
    DoctypeStore doctype(String doctype) {
        Open o = open;
        if (o == null || gate.get() <= 0) {
            throw new IllegalStateException("A doctype is only reached within a read or a write");
        }
        return o.doctypes.computeIfAbsent(doctype, d -> {
            DoctypeStore ds = new DoctypeStore(o.store, o.meta, d);
            if (ds.exists()) {
                Indexes.load(ds);
            }
            return ds;
        });
    }

    /** A lock by name, for work done outside the writer one at a time (such as a view update). */
    java.util.concurrent.locks.ReentrantLock lock(String name) {
        return locks.computeIfAbsent(name, n -> new java.util.concurrent.locks.ReentrantLock());
    }

    /** The doctypes that have a database, sorted. */
    public List<String> doctypeNames() {
        return read(() -> open.meta.keySet().stream().sorted().toList());
    }

    /** The doctypes that have a database, or none while the store hibernates; not counted as use. */
    List<String> doctypeNamesIfOpen() {
        Open o = enterIfOpen();
        if (o == null) {
            return List.of();
        }
        try {
            return o.meta.keySet().stream().sorted().toList();
        } finally {
            exit();
        }
    }

    /** A write for housekeeping, not counted as use: null when the store hibernates or closes. */
    <T> @Nullable T writeIfOpen(GroupCommitWriter.Op<T> op) {
        Open o = enterIfOpen();
        if (o == null) {
            return null;
        }
        try {
            return commit(o, op);
        } finally {
            exit();
        }
    }

    /**
     * Purges the tombstones last changed before {@code beforeMillis} (CouchDB's purge of every
     * leaf of each deleted document), if the store is open.
     *
     * @return how many documents were purged
     */
    public long purgeTombstones(long beforeMillis) {
        return Purge.olderThan(this, beforeMillis);
    }

    /** A read of the store; it may stream its answer, hence the exception type. */
    @FunctionalInterface
    interface Read<T, E extends Exception> {
        T run() throws E;
    }

    /**
     * Runs a read with its version pinned. With no version kept, MVStore reuses the space of a
     * superseded chunk as soon as no registered reader needs it; a read walking maps while
     * commits and compaction go on would then follow pages into overwritten space. Every read
     * goes through here; the writer needs no pin as it is the one committing.
     */
    <T, E extends Exception> T read(Read<T, E> read) throws E {
        Open o = enter(true);
        try {
            MVStore.TxCounter pin = o.store.registerVersionUsage();
            try {
                return read.run();
            } finally {
                o.store.deregisterVersionUsage(pin);
            }
        } finally {
            exit();
        }
    }

    /** Runs a write on the writer and waits until it is committed. */
    <T> T write(GroupCommitWriter.Op<T> op) {
        Open o = enter(true);
        try {
            return commit(o, op);
        } finally {
            exit();
        }
    }

    private static <T> T commit(Open o, GroupCommitWriter.Op<T> op) {
        try {
            return o.writer.submit(op).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new CouchException(500, "internal_error", "The write failed");
        }
    }

    /** Frees the write buffers a busy store kept and its large page cache, once it went quiet. */
    public void trim() {
        Open o = enterIfOpen();
        if (o == null) {
            return;
        }
        try {
            if (buffersKept) {
                buffersKept = false;
                dropWriteBuffers(o.store, POOLED_WRITE_BUFFERS);
            }
            o.cache.shrink(o.store.getFileStore());
        } finally {
            exit();
        }
    }

    /**
     * MVStore pools the buffers of its commits (at least 1 MB each, at most
     * {@value #POOLED_WRITE_BUFFERS}) for the next ones: worth it for a store that commits
     * often, a waste of a megabyte for each of the many stores that commit now and then. Taking
     * from an empty pool allocates a megabyte that is garbage at once, so a caller takes no more
     * buffers than the pool may hold.
     */
    private static void dropWriteBuffers(MVStore store, int buffers) {
        FileStore<?> files = store.getFileStore();
        for (int i = 0; i < buffers; i++) {
            files.getWriteBuffer();
        }
    }

    /** Nanosecond timestamp of the last use. */
    public long lastUsed() {
        return lastUsed;
    }

    /**
     * Gives the space of superseded pages back (see {@link StoreSpace}): rewrites the chunks that
     * hold mostly garbage, then those at the end of the file so that it can be cut, in short
     * steps that writers of the instance wait for a few milliseconds at most. A hibernating store
     * is left alone (null then).
     */
    public StoreSpace.@Nullable Outcome compact() {
        Open o = enterIfOpen();
        if (o == null) {
            return null;
        }
        try {
            StoreSpace.Outcome done = StoreSpace.compact(
                    o.store, o.reuse, () -> !closing && Boolean.TRUE.equals(commit(o, batch -> true)));
            if (done.rewrites() + done.moves() > 0) {
                // Its quick turns made the store look busy: it keeps no write buffers for that.
                buffersKept = false;
                dropWriteBuffers(o.store, POOLED_WRITE_BUFFERS);
                LOG.debug(
                        "Compacted the store of '{}': {} rewrites, {} moves, file {} -> {} bytes, chunks were {}% full",
                        domain,
                        done.rewrites(),
                        done.moves(),
                        done.fileBefore(),
                        done.fileAfter(),
                        done.chunksFillBefore());
            }
            return done;
        } finally {
            exit();
        }
    }

    /**
     * Syncs the file of an open store that committed since its last sync, so that the space of
     * the chunks its commits made dead can be reused (see {@link StoreSpace.Reuse}), and grows the
     * page cache of a store in use whose reads keep missing it ({@link PageCache}). Called about once a
     * second; a hibernating store is left alone.
     */
    public void sync() {
        Open o = enterIfOpen();
        if (o == null) {
            return;
        }
        try {
            long committed = lastCommit;
            if (committed != lastSync) {
                o.reuse.sync();
                lastSync = committed;
            }
            o.cache.fit(o.store.getFileStore(), System.nanoTime() - lastUsed < BUSY_COMMIT_GAP_NANOS);
        } finally {
            exit();
        }
    }

    /** Tests only: how old a chunk must be before compaction rewrites it (45 s by default). */
    void retainChunksFor(int millis) {
        retentionMillis = millis;
        read(() -> {
            open.reuse.seasonFor(millis);
            return null;
        });
    }

    /** The share of the chunks' space taken by live pages, in percent. */
    int chunksFillRate() {
        return inspect(o -> o.store.getFileStore().getChunksFillRate());
    }

    /** The size of the store file, in bytes. */
    public long fileSize() {
        return inspect(o -> o.store.getFileStore().size());
    }

    /** Reads a figure of the open store without counting as use. */
    private <T> T inspect(Function<Open, T> figure) {
        Open o = enter(false);
        try {
            return figure.apply(o);
        } finally {
            exit();
        }
    }

    /**
     * Why the open file can no longer be used (MVStore closed it after a write or read error), or
     * null while it is healthy, hibernating or closed on purpose.
     */
    public @Nullable String failure() {
        Open o = open;
        if (o == null || closing || !o.store.isClosed()) {
            return null;
        }
        Exception panic = o.store.getPanicException();
        return panic == null ? "closed unexpectedly" : String.valueOf(panic.getMessage());
    }

    /** Whether the file is open (not hibernating, not closed). */
    public boolean isOpen() {
        return gate.get() >= 0;
    }

    /**
     * Closes the file if the store has not been used for {@code idleNanos} and no operation is
     * in flight; the next operation opens it again.
     *
     * @return whether it hibernated
     */
    public synchronized boolean hibernateIfIdle(long idleNanos) {
        if (System.nanoTime() - lastUsed <= idleNanos || !gate.compareAndSet(0, HIBERNATING)) {
            return false;
        }
        shut(open);
        open = null;
        return true;
    }

    /**
     * Closes the file for good: new operations are refused at once, those in flight are waited
     * for.
     */
    @Override
    public synchronized void close() {
        closing = true;
        while (true) {
            int g = gate.get();
            if (g == CLOSED) {
                return;
            }
            if ((g == 0 || g == HIBERNATING) && gate.compareAndSet(g, CLOSED)) {
                if (g == 0) {
                    shut(open);
                    open = null;
                }
                return;
            }
            LockSupport.parkNanos(100_000);
        }
    }

    /**
     * Flushes the last writes and closes the file. No chunk moving on the way out: MVStore's
     * file-shrinking pass trips its own allocator assertion on some layouts, and the periodic
     * {@link #compact()} already keeps the free space reusable.
     *
     * <p>A read that unpinned its version while a commit held MVStore's lock leaves that version
     * counted as in use until someone unpins with the lock free; close then finds an old version
     * still kept and fails its consistency check. One pin and unpin here, with no operation left
     * running, lets MVStore drop those versions first.
     */
    private void shut(Open o) {
        try {
            commit(o, batch -> null);
            o.reuse.close();
            o.store.deregisterVersionUsage(o.store.registerVersionUsage());
            o.store.close(0);
        } catch (RuntimeException e) {
            LOG.warn("Closing the store of {} failed", domain, e);
            o.store.closeImmediately();
        }
    }
}
