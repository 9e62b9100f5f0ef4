package dev.hearth.datasystem.internal.store;

import dev.hearth.common.error.CouchException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What exists while an instance's store file is open: the MVStore, its maps and its writer. */
final class OpenFile {
    private static final Logger LOG = LoggerFactory.getLogger(OpenFile.class);

    final MVStore store;
    final MVMap<String, String> meta;
    final Map<String, DoctypeStore> doctypes = new ConcurrentHashMap<>();
    final GroupCommitWriter writer;
    final StoreSpace.Reuse reuse;
    final PageCache cache;
    private final String domain;
    private final WriteBuffers buffers;

    /**
     * Opens (or creates) the file.
     *
     * @param retentionMillis how old a chunk must be before compaction rewrites it, or negative
     *     for the default
     * @param lastUsed the nanosecond timestamp of the store's last use, which its page cache follows
     */
    OpenFile(
            String domain,
            Path file,
            InstanceStore.Settings settings,
            Executor executor,
            int retentionMillis,
            WriteBuffers buffers,
            LongSupplier lastUsed) {
        this.domain = domain;
        this.buffers = buffers;
        store = CompactingFileStore.open(file, settings.caches().smallest());
        cache = settings.caches().open(store.getFileStore(), lastUsed);
        store.setVersionsToKeep(0);
        reuse = new StoreSpace.Reuse(store);
        if (retentionMillis >= 0) {
            reuse.seasonFor(retentionMillis);
        }
        meta = store.openMap(
                "meta",
                new MVMap.Builder<String, String>().keyType(Utf8Type.INSTANCE).valueType(Utf8Type.INSTANCE));
        writer = new GroupCommitWriter(domain, store, settings.fsync(), executor, this::saveCounters, this::committed);
    }

    /** Runs a write on the writer and waits until it is committed. */
    <T> T commit(GroupCommitWriter.Op<T> op) {
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

    /**
     * Flushes the last writes and closes the file. No chunk moving on the way out: MVStore's
     * file-shrinking pass trips its own allocator assertion on some layouts, and the periodic
     * compaction already keeps the free space reusable.
     *
     * <p>A read that unpinned its version while a commit held MVStore's lock leaves that version
     * counted as in use until someone unpins with the lock free; close then finds an old version
     * still kept and fails its consistency check. One pin and unpin here, with no operation left
     * running, lets MVStore drop those versions first.
     */
    void shut() {
        cache.close();
        try {
            commit(batch -> null);
            reuse.close();
            store.deregisterVersionUsage(store.registerVersionUsage());
            store.close(0);
        } catch (RuntimeException e) {
            LOG.warn("Closing the store of {} failed", domain, e);
            store.closeImmediately();
        }
    }

    private void saveCounters() {
        doctypes.values().forEach(DoctypeStore::saveCountersIfChanged);
    }

    private void committed() {
        doctypes.values().forEach(DoctypeStore::committed);
        buffers.committed(store);
    }
}
