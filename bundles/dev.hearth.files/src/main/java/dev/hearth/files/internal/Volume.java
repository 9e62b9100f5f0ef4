package dev.hearth.files.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.error.ApiException;
import dev.hearth.common.error.CouchException;
import dev.hearth.common.json.Json;
import dev.hearth.datasystem.Database;
import dev.hearth.datasystem.FindResult;
import dev.hearth.files.Files;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The file system of one instance: its tree, its locks, and what its files take.
 *
 * <p>Changes that rewrite the tree (moves, renames, the trash, deletions) take the write lock and
 * run one at a time. Creations and overwrites only take the read lock plus a claim on their name
 * in their directory (or on the file they replace), so that uploads to different names commit
 * concurrently and share the store's group commits; a moved or deleted parent cannot happen under
 * them. The quota is reserved before a content is committed, so concurrent uploads cannot pass it
 * together.
 */
final class Volume {
    private final String domain;
    private final Tree tree;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Set<String> claims = ConcurrentHashMap.newKeySet();
    private final Database versions;
    private final ReferenceIndex references = new ReferenceIndex();
    private long used;
    private long versionBytes;
    private long pending;
    private long files;

    private Volume(String domain, Database db, Database versions) {
        this.domain = domain;
        this.tree = new Tree(db);
        this.versions = versions;
    }

    /**
     * Opens the file system of an instance: databases (entries, and old versions of contents),
     * indexes, special directories, usage.
     */
    static Volume open(String domain, Database db, Database versions, String now) {
        db.create();
        versions.create();
        Tree.createIndexes(db);
        Volume v = new Volume(domain, db, versions);
        v.ensureDirectory(Files.ROOT_ID, "", "", "/", now);
        v.ensureDirectory(Files.TRASH_ID, Files.ROOT_ID, ".cozy_trash", Files.TRASH_PATH, now);
        v.ensureDirectory(Files.SHARED_DRIVES_ID, Files.ROOT_ID, "Drives", Files.SHARED_DRIVES_PATH, now);
        v.countUsage();
        return v;
    }

    String domain() {
        return domain;
    }

    Tree tree() {
        return tree;
    }

    Database db() {
        return tree.db();
    }

    /** Which entries reference which document. */
    ReferenceIndex references() {
        return references;
    }

    /** The {@code io.cozy.files.versions} documents of the instance. */
    Database versions() {
        return versions;
    }

    /** Runs a change of the tree alone. */
    <T> T locked(Supplier<T> action) {
        lock.writeLock().lock();
        try {
            return action.get();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Runs a creation or an overwrite beside the others, holding {@code claim} (a name in a
     * directory, or a file id): a second change of the same claim meanwhile is a conflict (409).
     */
    <T> T claimed(String claim, Supplier<T> action) {
        lock.readLock().lock();
        try {
            if (!claims.add(claim)) {
                throw ApiException.conflict("Conflict: the same name or file is being written by another request");
            }
            try {
                return action.get();
            } finally {
                claims.remove(claim);
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Bytes taken by current contents, old versions and reservations in flight. */
    synchronized long used() {
        return used + versionBytes + pending;
    }

    /** Bytes taken by old versions. */
    synchronized long versionBytes() {
        return versionBytes;
    }

    /** Accounts for old versions kept ({@code delta} > 0) or deleted. */
    synchronized void accountVersions(long delta) {
        versionBytes += delta;
    }

    /** Reserves {@code delta} bytes within {@code quota} (0: none), or 413. */
    synchronized void reserve(long delta, long quota) {
        if (quota > 0 && delta > 0 && used + versionBytes + pending + delta > quota) {
            throw ApiException.tooLarge("The file is too big and exceeds the disk quota");
        }
        pending += delta;
    }

    /** A reservation that was not used. */
    synchronized void release(long delta) {
        pending -= delta;
    }

    /** A reservation made real: the current contents grew by {@code filesDelta}, with {@code count} more files. */
    synchronized void settle(long reserved, long filesDelta, long count) {
        pending -= reserved;
        used += filesDelta;
        files += count;
    }

    synchronized long fileCount() {
        return files;
    }

    /** Accounts for a change of content size ({@code delta} bytes, {@code count} files). */
    synchronized void account(long delta, long count) {
        used += delta;
        files += count;
    }

    private void ensureDirectory(String id, String parent, String name, String path, String now) {
        if (tree.find(id).isPresent()) {
            return;
        }
        ObjectNode dir = Docs.directory(id, parent, name, path, now);
        try {
            db().save(dir);
        } catch (CouchException e) {
            if (e.status() != 409) {
                throw e;
            }
        }
    }

    /** Sums the sizes of every file and every old version, page by page over the primary indexes. */
    private void countUsage() {
        long[] current = sum(db(), Files.FILE);
        long[] old = sum(versions, null);
        synchronized (this) {
            used = current[0];
            files = current[1];
            versionBytes = old[0];
        }
    }

    /** {bytes, count} of the documents of {@code type} (all when null). */
    private static long[] sum(Database db, @Nullable String type) {
        String bookmark = null;
        long bytes = 0;
        long count = 0;
        while (true) {
            ObjectNode body = Json.mapper().createObjectNode();
            ObjectNode selector = body.putObject("selector");
            if (type != null) {
                selector.put("type", type);
            } else {
                selector.putObject("_id").put("$gt", (String) null);
            }
            body.put("limit", 1000);
            body.putArray("fields").add("_id").add("size");
            if (bookmark != null) {
                body.put("bookmark", bookmark);
            }
            FindResult page = db.find(body);
            for (ObjectNode doc : page.docs()) {
                if (!doc.path("_id").asText().startsWith("_design/")) {
                    bytes += Docs.size(doc);
                    count++;
                }
            }
            if (page.docs().size() < 1000) {
                return new long[] {bytes, count};
            }
            bookmark = page.bookmark();
        }
    }
}
