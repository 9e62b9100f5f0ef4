package dev.hearth.files.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.json.Json;
import dev.hearth.datasystem.FindResult;
import dev.hearth.files.BlobStore;
import dev.hearth.files.FileService;
import dev.hearth.files.Problem;
import dev.hearth.instances.Instance;
import dev.hearth.instances.InstanceService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consistency check: every file's blob exists with its size (and MD5 when asked), every entry's
 * parent exists, every directory's path follows its parent's, and no blob is left without a file.
 * It reads the documents page by page and keeps only ids, paths and keys in memory.
 */
final class Checks {
    private static final int PAGE = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(Checks.class);

    private Checks() {}

    /** Checks every instance's files without MD5s and logs what it finds; run once after a start. */
    static void logAtStartup(InstanceService instances, FileService files) {
        for (Instance instance : instances.list()) {
            try {
                List<Problem> problems = files.fsck(instance.domain(), false);
                problems.forEach(p -> LOG.warn("fsck '{}': {} {} {}", instance.domain(), p.type(), p.id(), p.detail()));
            } catch (RuntimeException e) {
                LOG.warn("The startup check of '{}' failed: {}", instance.domain(), e.toString());
            }
        }
    }

    static List<Problem> run(Volume v, BlobStore blobs, boolean md5) {
        List<Problem> problems = new ArrayList<>();
        Map<String, String> dirPaths = new HashMap<>();
        Map<String, String> parents = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        Set<String> keys = new HashSet<>();
        String bookmark = null;
        while (true) {
            ObjectNode body = Json.mapper().createObjectNode();
            body.putObject("selector").putObject("_id").put("$gt", (String) null);
            body.put("limit", PAGE);
            if (bookmark != null) {
                body.put("bookmark", bookmark);
            }
            FindResult page = v.db().find(body);
            for (ObjectNode doc : page.docs()) {
                String id = doc.path("_id").asText();
                if (id.startsWith("_design/")) {
                    continue;
                }
                parents.put(id, doc.path("dir_id").asText(""));
                names.put(id, doc.path("name").asText());
                if (Docs.isDirectory(doc)) {
                    dirPaths.put(id, doc.path("path").asText());
                } else {
                    checkBlob(v, blobs, doc, md5, problems);
                    keys.add(doc.path("internal_vfs_id").asText());
                }
            }
            if (page.docs().size() < PAGE) {
                break;
            }
            bookmark = page.bookmark();
        }
        checkTree(dirPaths, parents, names, problems);
        checkVersions(v, blobs, md5, parents.keySet(), keys, problems);
        try {
            blobs.forEach(v.domain(), key -> {
                if (!keys.contains(Contents.owner(key))) {
                    problems.add(new Problem("orphan_blob", key, null));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return problems;
    }

    /**
     * Deletes the blobs no document points to: what a killed process left between a blob's commit
     * and its document's, or between an overwrite's commit and the deletion of the old content.
     * Runs before the volume serves any request, so no upload is in flight.
     */
    static int sweepOrphans(Volume v, BlobStore blobs) {
        Set<String> keys = new HashSet<>();
        String bookmark = null;
        while (true) {
            ObjectNode body = Json.mapper().createObjectNode();
            body.putObject("selector").put("type", "file");
            body.put("limit", PAGE);
            body.putArray("fields").add("internal_vfs_id");
            if (bookmark != null) {
                body.put("bookmark", bookmark);
            }
            FindResult page = v.db().find(body);
            page.docs().forEach(d -> keys.add(d.path("internal_vfs_id").asText()));
            if (page.docs().size() < PAGE) {
                break;
            }
            bookmark = page.bookmark();
        }
        eachVersion(v, version -> keys.add(version.path("internal_vfs_id").asText()));
        List<String> orphans = new ArrayList<>();
        try {
            blobs.forEach(v.domain(), key -> {
                if (!keys.contains(Contents.owner(key))) {
                    orphans.add(key);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        orphans.forEach(key -> blobs.delete(v.domain(), key));
        return orphans.size();
    }

    /**
     * Old versions: each one's blob exists with its size (and MD5 when asked), and its file
     * exists; their blobs are known, not orphans.
     */
    private static void checkVersions(
            Volume v, BlobStore blobs, boolean md5, Set<String> entries, Set<String> keys, List<Problem> out) {
        eachVersion(v, version -> {
            keys.add(version.path("internal_vfs_id").asText());
            checkBlob(v, blobs, version, md5, out);
            String fileId = version.path("file_id").asText();
            if (!entries.contains(fileId)) {
                out.add(new Problem("orphan_version", version.path("_id").asText(), "missing file " + fileId));
            }
        });
    }

    /** Calls {@code action} with every old version of the instance, page by page. */
    static void eachVersion(Volume v, java.util.function.Consumer<ObjectNode> action) {
        String bookmark = null;
        while (true) {
            ObjectNode body = Json.mapper().createObjectNode();
            body.putObject("selector").putObject("_id").put("$gt", (String) null);
            body.put("limit", PAGE);
            if (bookmark != null) {
                body.put("bookmark", bookmark);
            }
            FindResult page = v.versions().find(body);
            for (ObjectNode doc : page.docs()) {
                if (!doc.path("_id").asText().startsWith("_design/")) {
                    action.accept(doc);
                }
            }
            if (page.docs().size() < PAGE) {
                return;
            }
            bookmark = page.bookmark();
        }
    }

    private static void checkTree(
            Map<String, String> dirPaths, Map<String, String> parents, Map<String, String> names, List<Problem> out) {
        parents.forEach((id, parent) -> {
            if (parent.isEmpty()) {
                return;
            }
            String parentPath = dirPaths.get(parent);
            if (parentPath == null) {
                out.add(new Problem("orphan_entry", id, "missing parent " + parent));
            } else if (dirPaths.containsKey(id) && !dirPaths.get(id).equals(Names.join(parentPath, names.get(id)))) {
                out.add(new Problem("bad_path", id, dirPaths.get(id)));
            }
        });
    }

    private static void checkBlob(Volume v, BlobStore blobs, ObjectNode doc, boolean md5, List<Problem> out) {
        String id = doc.path("_id").asText();
        String key = doc.path("internal_vfs_id").asText("");
        long size = key.isEmpty() ? -1 : blobs.size(v.domain(), key);
        if (size < 0) {
            out.add(new Problem("missing_blob", id, key));
            return;
        }
        if (size != Docs.size(doc)) {
            out.add(new Problem("size_mismatch", id, "document " + Docs.size(doc) + ", blob " + size));
            return;
        }
        if (md5) {
            String actual = digest(v, blobs, key);
            if (!actual.equals(doc.path("md5sum").asText())) {
                out.add(new Problem(
                        "md5_mismatch", id, "document " + doc.path("md5sum").asText() + ", blob " + actual));
            }
        }
    }

    private static String digest(Volume v, BlobStore blobs, String key) {
        MessageDigest md = LocalBlobStore.md5();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = blobs.open(v.domain(), key, 0)) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                md.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(md.digest());
    }
}
