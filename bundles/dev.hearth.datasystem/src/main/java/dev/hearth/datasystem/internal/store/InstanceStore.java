package dev.hearth.datasystem.internal.store;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;
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
    private static final Logger LOG = LoggerFactory.getLogger(InstanceStore.class);
    static final String FILE = "data.mv.db";

    /**
     * Tuning of a store.
     *
     * @param caches the page caches of the process, which this store's shares memory with
     */
    public record Settings(boolean fsync, PageCaches caches, int revsLimit) {}

    private final String domain;
    private final Path directory;
    private final Settings settings;
    private final Executor executor;
    private final StoreGate gate = new StoreGate();

    private final Map<String, java.util.concurrent.locks.ReentrantLock> locks = new ConcurrentHashMap<>();

    private volatile @Nullable OpenFile open;
    private volatile int retentionMillis = -1;
    private final WriteBuffers buffers = new WriteBuffers();
    private volatile long lastUsed = System.nanoTime();
    private volatile long lastSync = buffers.lastCommit();

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
    private OpenFile enter(boolean use) {
        if (use) {
            lastUsed = System.nanoTime();
        }
        while (!gate.enter(domain)) {
            wake();
        }
        return open;
    }

    private synchronized void wake() {
        if (gate.hibernating()) {
            open = new OpenFile(
                    domain, directory.resolve(FILE), settings, executor, retentionMillis, buffers, this::lastUsed);
            gate.opened();
        }
    }

    /** Like {@link #enter} for housekeeping that has nothing to do on a hibernating store: null then. */
    private @Nullable OpenFile enterIfOpen() {
        return gate.enterIfOpen() ? open : null;
    }

    private void exit() {
        gate.exit();
    }

    /** The database of a doctype (it may not exist yet); only within a read or a write. */
    DoctypeStore doctype(String doctype) {
        OpenFile o = open;
        if (o == null || !gate.occupied()) {
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
        OpenFile o = enterIfOpen();
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
        OpenFile o = enterIfOpen();
        if (o == null) {
            return null;
        }
        try {
            return o.commit(op);
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
        OpenFile o = enter(true);
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
        OpenFile o = enter(true);
        try {
            return o.commit(op);
        } finally {
            exit();
        }
    }

    /** Frees the write buffers a busy store kept, once it went quiet. */
    public void trim() {
        OpenFile o = enterIfOpen();
        if (o == null) {
            return;
        }
        try {
            buffers.trim(o.store);
        } finally {
            exit();
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
        OpenFile o = enterIfOpen();
        if (o == null) {
            return null;
        }
        try {
            StoreSpace.Outcome done = StoreSpace.compact(
                    o.store, o.reuse, () -> !gate.closing() && Boolean.TRUE.equals(o.commit(batch -> true)));
            if (done.rewrites() + done.moves() > 0) {
                // Its quick turns made the store look busy: it keeps no write buffers for that.
                buffers.dropAll(o.store);
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
     * the chunks its commits made dead can be reused (see {@link StoreSpace.Reuse}), grows the
     * page cache of a store in use whose reads keep missing it and shrinks that of a quiet store
     * ({@link PageCache}). Called about once a second; a hibernating store is left alone.
     */
    public void sync() {
        OpenFile o = enterIfOpen();
        if (o == null) {
            return;
        }
        try {
            long committed = buffers.lastCommit();
            if (committed != lastSync) {
                o.reuse.sync();
                lastSync = committed;
            }
            o.cache.fit(System.nanoTime());
        } finally {
            exit();
        }
    }

    /** Tests only: leaves the file as a killed process does, with no last commit, and closes the store. */
    void abandon() {
        OpenFile o = open;
        gate.closeNow();
        if (o != null) {
            o.store.closeImmediately();
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
    private <T> T inspect(Function<OpenFile, T> figure) {
        OpenFile o = enter(false);
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
        OpenFile o = open;
        if (o == null || gate.closing() || !o.store.isClosed()) {
            return null;
        }
        Exception panic = o.store.getPanicException();
        return panic == null ? "closed unexpectedly" : String.valueOf(panic.getMessage());
    }

    /** Whether the file is open (not hibernating, not closed). */
    public boolean isOpen() {
        return gate.isOpen();
    }

    /**
     * Closes the file if the store has not been used for {@code idleNanos} and no operation is
     * in flight; the next operation opens it again.
     *
     * @return whether it hibernated
     */
    public synchronized boolean hibernateIfIdle(long idleNanos) {
        if (System.nanoTime() - lastUsed <= idleNanos || !gate.hibernateIfUnused()) {
            return false;
        }
        open.shut();
        open = null;
        return true;
    }

    /**
     * Closes the file for good: new operations are refused at once, those in flight are waited
     * for.
     */
    @Override
    public synchronized void close() {
        if (gate.close()) {
            open.shut();
            open = null;
        }
    }
}
