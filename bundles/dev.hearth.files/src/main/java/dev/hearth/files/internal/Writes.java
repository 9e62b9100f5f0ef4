package dev.hearth.files.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.error.ApiException;
import dev.hearth.common.id.Ids;
import dev.hearth.datasystem.WriteResult;
import dev.hearth.files.BlobStore;
import dev.hearth.files.Files;
import dev.hearth.files.Upload;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Creations and overwrites. Content is staged by the blob store while it streams (no lock held),
 * then, under the volume's lock, the checks are made again, the blob is committed under a new key
 * and the document saved: a failure at any step leaves neither a document nor a blob.
 */
final class Writes {
    /**
     * The declared size from which the parent and the name are checked before the body is read, and
     * again once it is staged; a smaller body is staged at once (the checks cost more than reading it).
     */
    private static final long EARLY_CHECKS_FROM = 64 * 1024;

    private final BlobStore blobs;
    private final Versions versions;
    private final Thumbnails thumbnails;

    Writes(BlobStore blobs, Versions versions, Thumbnails thumbnails) {
        this.blobs = blobs;
        this.versions = versions;
        this.thumbnails = thumbnails;
    }

    ObjectNode mkdir(
            Volume v,
            @Nullable String parentId,
            String name,
            List<String> tags,
            @Nullable String createdAt,
            @Nullable ObjectNode metadata) {
        Names.check(name);
        String date = Docs.date(createdAt, "CreatedAt", Docs.now());
        return v.claimed(claim(parentId, name), () -> {
            ObjectNode parent = writableParent(v, parentId);
            refuseClash(v, parent, name);
            String path = Names.join(parent.path("path").asText(), name);
            ObjectNode dir = Docs.directory(Ids.newId(), parent.path("_id").asText(), name, path, date);
            Docs.tags(dir, tags);
            if (metadata != null) {
                dir.set("metadata", metadata);
            }
            return saved(v, dir);
        });
    }

    ObjectNode upload(Volume v, @Nullable String parentId, Upload up, InputStream body, long quota) throws IOException {
        String name = Names.check(up.name());
        if (up.size() == null || up.size() > EARLY_CHECKS_FROM) {
            // Not worth reading a large body that would be refused: the checks run again below.
            ObjectNode early = writableParent(v, parentId);
            refuseClash(v, early, name);
        }
        long max = room(v, quota, 0, up.size());
        try (BlobStore.Staged staged = stage(v, body, max, up.size(), quota)) {
            verify(staged, up);
            String now = Docs.now();
            return v.claimed(claim(parentId, name), () -> {
                ObjectNode parent = writableParent(v, parentId);
                refuseClash(v, parent, name);
                ObjectNode file = newFile(parent.path("_id").asText(), name, up, staged, now);
                return commit(v, staged, file, null, null, quota);
            });
        }
    }

    ObjectNode copy(Volume v, String id, @Nullable String name, @Nullable String dirId, long quota) throws IOException {
        ObjectNode source = v.tree().get(id);
        if (Docs.isDirectory(source)) {
            throw ApiException.invalidParameter("id", "Only files can be copied");
        }
        String target = dirId == null || dirId.isEmpty() ? source.path("dir_id").asText() : dirId;
        String wanted = name == null || name.isEmpty() ? null : Names.check(name);
        if (wanted != null) {
            refuseClash(v, writableParent(v, target), wanted);
        }
        long size = Docs.size(source);
        room(v, quota, 0, size);
        String key = source.path("internal_vfs_id").asText();
        try (InputStream in = blobs.open(v.domain(), key, 0);
                BlobStore.Staged staged = stage(v, in, size, size, quota)) {
            String now = Docs.now();
            return v.locked(() -> {
                ObjectNode parent = writableParent(v, target);
                String copyName = wanted != null
                        ? wanted
                        : freeName(v, parent, source.path("name").asText());
                if (wanted != null) {
                    refuseClash(v, parent, copyName);
                }
                room(v, quota, 0, staged.size());
                ObjectNode file = source.deepCopy();
                file.remove(List.of("_id", "_rev", "referenced_by", "restore_path"));
                file.put("_id", Ids.newId());
                file.put("dir_id", parent.path("_id").asText());
                file.put("name", copyName);
                file.put("trashed", false);
                file.put("internal_vfs_id", Ids.randomHex(16));
                file.put("created_at", now);
                file.put("updated_at", now);
                file.withObjectProperty("cozyMetadata").put("createdAt", now).put("updatedAt", now);
                if (!file.path("md5sum").asText().equals(Base64.getEncoder().encodeToString(staged.md5()))) {
                    throw ApiException.conflict("The content of the source changed during the copy");
                }
                return commit(v, staged, file, null, null, quota);
            });
        }
    }

    private static String freeName(Volume v, ObjectNode dir, String name) {
        String candidate = name;
        for (int n = 2; v.tree().child(dir.path("_id").asText(), candidate).isPresent(); n++) {
            candidate = Names.suffixed(name, n);
        }
        return candidate;
    }

    /** Replaces a file's content; {@code keepOld} keeps the old content as a version whatever the delay. */
    ObjectNode overwrite(Volume v, String id, Upload up, InputStream body, long quota, boolean keepOld)
            throws IOException {
        ObjectNode old = v.tree().get(id);
        if (Docs.isDirectory(old)) {
            throw ApiException.invalidParameter("Type", "Cannot overwrite a directory");
        }
        checkRev(old, up.ifMatch());
        long max = room(v, quota, Docs.size(old), up.size());
        try (BlobStore.Staged staged = stage(v, body, max, up.size(), quota)) {
            verify(staged, up);
            String now = Docs.now();
            return v.claimed("id:" + id, () -> {
                ObjectNode current = v.tree().get(id);
                checkRev(current, up.ifMatch());
                checkRev(current, old.path("_rev").asText());
                ObjectNode file = current.deepCopy();
                fillContent(file, up, staged, current.path("name").asText());
                file.put("updated_at", Docs.date(up.updatedAt(), "UpdatedAt", now));
                file.withObjectProperty("cozyMetadata").put("updatedAt", now).put("uploadedAt", now);
                if (up.metadata() != null) {
                    file.set("metadata", up.metadata());
                }
                if (!up.tags().isEmpty()) {
                    Docs.tags(file, up.tags());
                }
                Versions.Plan plan = versions.plan(v, current, now, keepOld);
                return commit(v, staged, file, current, plan, quota);
            });
        }
    }

    /**
     * Reserves the quota, commits the blob, keeps the replaced content as an old version when the
     * plan says so, then saves the document; undoes the blob on a failure. The versions the plan
     * drops (and the replaced content when not kept) go once the document is saved.
     */
    private ObjectNode commit(
            Volume v,
            BlobStore.Staged staged,
            ObjectNode file,
            @Nullable ObjectNode old,
            Versions.@Nullable Plan plan,
            long quota) {
        long filesDelta = staged.size() - (old == null ? 0 : Docs.size(old));
        long reserved = staged.size() - (old == null || plan == null ? 0 : plan.freed(old));
        v.reserve(reserved, quota);
        String key = file.path("internal_vfs_id").asText();
        ObjectNode saved;
        try {
            staged.commit(key);
            if (old != null && plan != null && plan.keepOld()) {
                versions.saveOld(v, old, Docs.now());
            }
            saved = saved(v, file);
        } catch (IOException e) {
            v.release(reserved);
            blobs.delete(v.domain(), key);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            v.release(reserved);
            blobs.delete(v.domain(), key);
            throw e;
        }
        v.settle(reserved, filesDelta, old == null ? 1 : 0);
        if (old != null && plan != null) {
            versions.finish(v, old, plan);
        }
        thumbnails.schedule(v, saved);
        return saved;
    }

    /**
     * Gives the file {@code id} the content of one of its old versions; the current content becomes
     * an old version, and the version reverted to is one no more.
     */
    ObjectNode revert(Volume v, String id, String versionId) {
        return v.claimed("id:" + id, () -> {
            ObjectNode current = v.tree().get(id);
            if (Docs.isDirectory(current)) {
                throw ApiException.invalidParameter("id", "A directory has no versions");
            }
            ObjectNode version = Versions.get(v, id, versionId);
            String now = Docs.now();
            Versions.Plan plan =
                    versions.plan(v, current, now, true, version.path("_id").asText());
            if (plan.keepOld()) {
                versions.saveOld(v, current, now);
            }
            ObjectNode file = current.deepCopy();
            file.put("internal_vfs_id", version.path("internal_vfs_id").asText());
            file.put("size", version.path("size").asText());
            file.put("md5sum", version.path("md5sum").asText());
            file.put("updated_at", version.path("updated_at").asText(now));
            file.set(
                    "tags", version.path("tags").isArray() ? version.get("tags").deepCopy() : file.putArray("tags"));
            if (version.path("metadata").isObject()) {
                file.set("metadata", version.get("metadata").deepCopy());
            } else {
                file.remove("metadata");
            }
            file.withObjectProperty("cozyMetadata")
                    .put("updatedAt", now)
                    .put(
                            "uploadedAt",
                            version.path("cozyMetadata").path("uploadedAt").asText(now));
            ObjectNode saved = saved(v, file);
            v.account(Docs.size(version) - Docs.size(current), 0);
            if (versions.delete(v, version)) {
                v.accountVersions(-Docs.size(version));
            }
            versions.finish(v, current, plan);
            thumbnails.schedule(v, saved);
            return saved;
        });
    }

    private ObjectNode newFile(String parent, String name, Upload up, BlobStore.Staged staged, String now) {
        ObjectNode file = Docs.directory(Ids.newId(), parent, name, "", now);
        file.remove("path");
        file.put("type", Files.FILE);
        String created = Docs.date(up.createdAt(), "CreatedAt", now);
        String updated = Docs.date(up.updatedAt(), "UpdatedAt", created);
        file.put("created_at", created);
        file.put("updated_at", updated.compareTo(created) < 0 ? created : updated);
        fillContent(file, up, staged, name);
        file.put("trashed", false);
        file.put("encrypted", false);
        Docs.tags(file, up.tags());
        if (up.metadata() != null) {
            file.set("metadata", up.metadata());
        }
        ObjectNode cozy = file.withObjectProperty("cozyMetadata");
        cozy.put("uploadedAt", now);
        if (up.sourceAccount() != null) {
            cozy.put("sourceAccount", up.sourceAccount());
        }
        if (up.sourceAccountIdentifier() != null) {
            cozy.put("sourceAccountIdentifier", up.sourceAccountIdentifier());
        }
        return file;
    }

    private static void fillContent(ObjectNode file, Upload up, BlobStore.Staged staged, String name) {
        String mime = Names.mime(up.contentType(), name);
        file.put("size", Long.toString(staged.size()));
        file.put("md5sum", Base64.getEncoder().encodeToString(staged.md5()));
        file.put("mime", mime);
        file.put("class", Names.fileClass(mime));
        file.put("executable", up.executable());
        file.put("internal_vfs_id", Ids.randomHex(16));
    }

    private BlobStore.Staged stage(Volume v, InputStream body, long max, @Nullable Long declared, long quota)
            throws IOException {
        try {
            return blobs.stage(v.domain(), body, max);
        } catch (BlobStore.TooLargeException e) {
            if (declared != null && declared == max) {
                throw ApiException.preconditionFailed("Content-Length", "The content is larger than its declared size");
            }
            throw ApiException.tooLarge(quota > 0 ? "The file is too big and exceeds the disk quota" : e.getMessage());
        }
    }

    private static void verify(BlobStore.Staged staged, Upload up) {
        if (up.size() != null && up.size() != staged.size()) {
            throw ApiException.preconditionFailed("Content-Length", "The content does not match its declared size");
        }
        if (up.md5() != null && !Arrays.equals(up.md5(), staged.md5())) {
            throw ApiException.preconditionFailed("Content-MD5", "Invalid hash, the content was altered");
        }
    }

    /** The most bytes an upload may bring: within the quota (413 when already over) and its declared size. */
    private static long room(Volume v, long quota, long replaced, @Nullable Long declared) {
        long left = quota > 0 ? quota - v.used() + replaced : Long.MAX_VALUE;
        if (declared != null && declared > left) {
            throw ApiException.tooLarge("The file is too big and exceeds the disk quota");
        }
        return declared != null ? declared : left;
    }

    static void checkRev(ObjectNode doc, @Nullable String ifMatch) {
        if (ifMatch != null
                && !ifMatch.isEmpty()
                && !ifMatch.equals(doc.path("_rev").asText())) {
            throw ApiException.preconditionFailed("If-Match", "Revision does not match");
        }
    }

    /** The parent directory for a new entry: 404 when missing, 422 a file, 403 in the trash. */
    private static String claim(@Nullable String parentId, String name) {
        return "name:" + (parentId == null || parentId.isEmpty() ? Files.ROOT_ID : parentId) + "/" + name;
    }

    static ObjectNode writableParent(Volume v, @Nullable String parentId) {
        ObjectNode parent = v.tree().directory(parentId == null || parentId.isEmpty() ? Files.ROOT_ID : parentId);
        String path = parent.path("path").asText();
        if (path.equals(Files.TRASH_PATH) || path.startsWith(Files.TRASH_PATH + "/")) {
            throw ApiException.forbidden("Cannot create an entry in the trash");
        }
        return parent;
    }

    static void refuseClash(Volume v, ObjectNode parent, String name) {
        if (v.tree().child(parent.path("_id").asText(), name).isPresent()) {
            throw ApiException.conflict("Conflict: a file or directory with the same name already exists");
        }
    }

    static ObjectNode saved(Volume v, ObjectNode doc) {
        WriteResult r = v.db().save(doc);
        doc.put("_id", r.id());
        doc.put("_rev", r.rev());
        return doc;
    }
}
