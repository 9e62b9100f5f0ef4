package dev.hearth.files.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.error.CouchException;
import dev.hearth.common.json.Json;
import dev.hearth.datasystem.Database;
import dev.hearth.datasystem.FindResult;
import dev.hearth.files.Files;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The file system of one instance: its tree, the lock that serializes its changes (so that a
 * name-clash check and the write that follows it are one step), and what its files take.
 */
final class Volume {
    private final String domain;
    private final Tree tree;
    private final ReentrantLock lock = new ReentrantLock();
    private long used;
    private long files;

    private Volume(String domain, Database db) {
        this.domain = domain;
        this.tree = new Tree(db);
    }

    /** Opens the file system of an instance: database, indexes, special directories, usage. */
    static Volume open(String domain, Database db, String now) {
        db.create();
        Tree.createIndexes(db);
        Volume v = new Volume(domain, db);
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

    <T> T locked(Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    synchronized long used() {
        return used;
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

    /** Sums the sizes of every file, page by page over the primary index. */
    private void countUsage() {
        String bookmark = null;
        long bytes = 0;
        long count = 0;
        while (true) {
            ObjectNode body = Json.mapper().createObjectNode();
            body.putObject("selector").put("type", Files.FILE);
            body.put("limit", 1000);
            body.putArray("fields").add("size");
            if (bookmark != null) {
                body.put("bookmark", bookmark);
            }
            FindResult page = db().find(body);
            for (ObjectNode doc : page.docs()) {
                bytes += Docs.size(doc);
                count++;
            }
            if (page.docs().size() < 1000) {
                break;
            }
            bookmark = page.bookmark();
        }
        synchronized (this) {
            used = bytes;
            files = count;
        }
    }
}
