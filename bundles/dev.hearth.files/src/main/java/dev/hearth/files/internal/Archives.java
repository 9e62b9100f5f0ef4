package dev.hearth.files.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.files.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Zips entries as the answer streams: one file's blob at a time goes through a small buffer, and
 * a directory's children are read page by page as it is walked, so neither the archive nor the
 * list of its files is ever whole in memory.
 */
final class Archives {
    private static final int BUFFER = 64 * 1024;

    private Archives() {}

    static void write(Volume v, BlobStore blobs, List<String> ids, OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        zip.setLevel(1);
        Set<String> names = new HashSet<>();
        byte[] buffer = new byte[BUFFER];
        for (String id : ids) {
            var found = v.tree().find(id);
            if (found.isEmpty()) {
                continue;
            }
            ObjectNode doc = found.get();
            String name = doc.path("name").asText();
            if (Docs.isDirectory(doc)) {
                directory(v, blobs, doc, name, zip, names, buffer);
            } else {
                file(v, blobs, doc, name, zip, names, buffer);
            }
        }
        zip.finish();
        zip.flush();
    }

    private static void directory(
            Volume v,
            BlobStore blobs,
            ObjectNode dir,
            String prefix,
            ZipOutputStream zip,
            Set<String> names,
            byte[] buffer)
            throws IOException {
        record Pending(String id, String path) {}
        Deque<Pending> dirs = new ArrayDeque<>();
        dirs.add(new Pending(dir.path("_id").asText(), prefix));
        while (!dirs.isEmpty()) {
            Pending current = dirs.poll();
            entry(zip, names, current.path() + "/");
            zip.closeEntry();
            String after = null;
            while (true) {
                List<ObjectNode> page = v.tree().children(current.id(), after, 0, 500);
                for (ObjectNode child : page) {
                    String path = current.path() + "/" + child.path("name").asText();
                    if (Docs.isDirectory(child)) {
                        dirs.add(new Pending(child.path("_id").asText(), path));
                    } else {
                        file(v, blobs, child, path, zip, names, buffer);
                    }
                }
                if (page.size() < 500) {
                    break;
                }
                after = page.getLast().path("name").asText();
            }
        }
    }

    private static void file(
            Volume v,
            BlobStore blobs,
            ObjectNode doc,
            String path,
            ZipOutputStream zip,
            Set<String> names,
            byte[] buffer)
            throws IOException {
        if (!entry(zip, names, path)) {
            return;
        }
        try (InputStream in = blobs.open(v.domain(), doc.path("internal_vfs_id").asText(), 0)) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                zip.write(buffer, 0, n);
            }
        }
        zip.closeEntry();
    }

    /** Starts an entry unless one of that name was written already (the same file asked twice). */
    private static boolean entry(ZipOutputStream zip, Set<String> names, String name) throws IOException {
        if (!names.add(name)) {
            return false;
        }
        zip.putNextEntry(new ZipEntry(name));
        return true;
    }
}
