package dev.hearth.datasystem.internal.store;

import dev.hearth.common.error.CouchException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store of one instance: one MVStore file ({@code <instance>/data.mv.db}) holding the
 * databases of all its doctypes, and the group-commit writer that changes it.
 */
public final class InstanceStore implements AutoCloseable {
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
        touch();
        return meta.keySet().stream().sorted().toList();
    }

    /** Runs a write on the writer and waits until it is committed. */
    <T> T write(GroupCommitWriter.Op<T> op) {
        touch();
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
    }

    void touch() {
        lastUsed = System.nanoTime();
    }

    /** Nanosecond timestamp of the last use. */
    public long lastUsed() {
        return lastUsed;
    }

    /** Rewrites sparse chunks so that the file stays proportional to the live data. */
    public void compact() {
        write(batch -> {
            int fillRate = store.getFillRate();
            if (fillRate < 50) {
                store.compact(80, 16 * 1024 * 1024);
                LOG.debug("Compacted the store of '{}' (fill rate was {}%)", domain, fillRate);
            }
            return null;
        });
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
            write(batch -> null);
            store.close(0);
        } catch (RuntimeException e) {
            LOG.warn("Closing the store of {} failed", domain, e);
            store.closeImmediately();
        }
    }
}
