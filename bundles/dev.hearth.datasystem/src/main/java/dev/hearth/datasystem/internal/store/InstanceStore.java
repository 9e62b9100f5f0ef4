package dev.hearth.datasystem.internal.store;

import dev.hearth.common.error.CouchException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store of one instance: one MVStore file ({@code <instance>/data.mv.db}) holding the
 * databases of all its doctypes, and the group-commit writer that changes it.
 */
public final class InstanceStore implements AutoCloseable {
    private static final int TARGET_FILL_RATE = 80;
    private static final int PASS_BYTES = 16 * 1024 * 1024;
    private static final int MAX_COMPACTION_PASSES = 32;
    /** The capacity of MVStore's pool of write buffers. */
    private static final int POOLED_WRITE_BUFFERS = 4;
    /** A store that commits again within this time keeps its write buffers. */
    private static final long BUSY_COMMIT_GAP_NANOS = 1_000_000_000L;
    private static final Logger LOG = LoggerFactory.getLogger(InstanceStore.class);
    static final String FILE = "data.mv.db";

    /** Tuning of a store. */
    public record Settings(boolean fsync, int cacheMegabytes, int revsLimit) {}

    private final String domain;
    private final MVStore store;
    private final MVMap<String, String> meta;
    private final Map<String, DoctypeStore> doctypes = new ConcurrentHashMap<>();
    private final GroupCommitWriter writer;
    private final Settings settings;
    private volatile long lastUsed = System.nanoTime();
    private volatile boolean buffersKept;
    private volatile long lastCommit = System.nanoTime() - BUSY_COMMIT_GAP_NANOS - 1; // set by the writer

    private InstanceStore(String domain, MVStore store, Settings settings, Executor executor) {
        this.domain = domain;
        this.store = store;
        this.settings = settings;
        this.meta = store.openMap("meta", new MVMap.Builder<String, String>()
                .keyType(Utf8Type.INSTANCE).valueType(Utf8Type.INSTANCE));
        this.writer = new GroupCommitWriter(domain, store, settings.fsync(), executor, this::saveCounters, this::committed);
    }

    /** Opens (or creates) the store in the instance folder. */
    public static InstanceStore open(String domain, Path instanceDir, Settings settings, Executor executor) {
        MVStore store = new MVStore.Builder()
                .fileName(instanceDir.resolve(FILE).toString())
                .autoCommitDisabled()
                .cacheSize(settings.cacheMegabytes())
                .open();
        store.setVersionsToKeep(0);
        return new InstanceStore(domain, store, settings, executor);
    }

    public String domain() {
        return domain;
    }

    Settings settings() {
        return settings;
    }

    /** The database of a doctype (it may not exist yet), opening its maps on first use. */
    DoctypeStore doctype(String doctype) {
        touch();
        return doctypes.computeIfAbsent(doctype, d -> {
            DoctypeStore ds = new DoctypeStore(store, meta, d);
            if (ds.exists()) {
                Indexes.load(ds);
            }
            return ds;
        });
    }

    /** The doctypes that have a database, sorted. */
    public List<String> doctypeNames() {
        return read(() -> meta.keySet().stream().sorted().toList());
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
        touch();
        MVStore.TxCounter pin = store.registerVersionUsage();
        try {
            return read.run();
        } finally {
            store.deregisterVersionUsage(pin);
        }
    }

    /** Runs a write on the writer and waits until it is committed. */
    <T> T write(GroupCommitWriter.Op<T> op) {
        touch();
        return commit(op);
    }

    /** Like {@link #write} but for housekeeping, which must not keep an idle store open. */
    private <T> T commit(GroupCommitWriter.Op<T> op) {
        try {
            return writer.submit(op).join();
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

    private void saveCounters() {
        for (DoctypeStore ds : doctypes.values()) {
            ds.saveCountersIfChanged();
        }
    }

    private void committed() {
        for (DoctypeStore ds : doctypes.values()) {
            ds.committed();
        }
        long now = System.nanoTime();
        if (now - lastCommit > BUSY_COMMIT_GAP_NANOS) {
            dropWriteBuffers();
        } else {
            buffersKept = true;
        }
        lastCommit = now;
    }

    void touch() {
        lastUsed = System.nanoTime();
    }

    /** Frees the write buffers a busy store kept, once it went quiet. */
    public void trim() {
        if (buffersKept) {
            buffersKept = false;
            dropWriteBuffers();
        }
    }

    /**
     * MVStore pools the buffers of its commits (at least 1 MB each, at most
     * {@value #POOLED_WRITE_BUFFERS}) for the next ones: worth it for a store that commits
     * often, a waste of a megabyte for each of the many stores that commit now and then.
     */
    private void dropWriteBuffers() {
        FileStore<?> files = store.getFileStore();
        for (int i = 0; i < POOLED_WRITE_BUFFERS; i++) {
            files.getWriteBuffer();
        }
    }

    /** Nanosecond timestamp of the last use. */
    public long lastUsed() {
        return lastUsed;
    }

    /**
     * Rewrites the chunks that hold mostly superseded pages, until the live pages fill the
     * chunks to {@value #TARGET_FILL_RATE}% or {@value #MAX_COMPACTION_PASSES} passes are done.
     * Each pass moves at most {@value #PASS_BYTES} bytes in one writer turn, so writers of the
     * instance wait for one pass at most. Space freed this way is reused by later chunks once
     * MVStore's retention time is over.
     */
    public void compact() {
        int before = chunksFillRate();
        int passes = 0;
        while (passes < MAX_COMPACTION_PASSES && Boolean.TRUE.equals(
                commit(batch -> store.compact(TARGET_FILL_RATE, PASS_BYTES)))) {
            passes++;
        }
        if (passes > 0) {
            LOG.debug("Compacted the store of '{}' in {} passes: chunks {}% full, were {}%", domain, passes,
                    chunksFillRate(), before);
        }
    }

    /** Tests only: how long superseded chunks are kept before their space may be reused. */
    void retainChunksFor(int millis) {
        store.setRetentionTime(millis);
    }

    /** The share of the chunks' space taken by live pages, in percent. */
    int chunksFillRate() {
        return store.getFileStore().getChunksFillRate();
    }

    /** The size of the store file, in bytes. */
    public long fileSize() {
        return store.getFileStore().size();
    }

    /**
     * Flushes the last writes and closes the file. No chunk moving on the way out: MVStore's
     * file-shrinking pass trips its own allocator assertion on some layouts, and the periodic
     * {@link #compact()} already keeps the free space reusable.
     */
    @Override
    public void close() {
        try {
            commit(batch -> null);
            store.close(0);
        } catch (RuntimeException e) {
            LOG.warn("Closing the store of {} failed", domain, e);
            store.closeImmediately();
        }
    }
}
