package dev.hearth.files.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.error.ApiException;
import dev.hearth.common.error.CouchException;
import dev.hearth.common.json.Json;
import dev.hearth.datasystem.Documents;
import dev.hearth.datasystem.FindResult;
import dev.hearth.datasystem.WriteResult;
import dev.hearth.files.BlobStore;
import dev.hearth.files.Content;
import dev.hearth.files.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Old versions of file contents: {@code io.cozy.files.versions} documents with the id {@code
 * <file id>/<content key>}. An old version keeps the blob its file had, so keeping one copies
 * nothing. A version is kept unless the previous one is more recent than the minimal delay (and
 * the file has no tags), and at most {@code keep} are kept per file, the oldest untagged going
 * first.
 *
 * <p>A version and its file may point to the same blob for a moment (a version saved before its
 * file moved on, or reverted to); a blob is deleted only when neither the file nor a version
 * points to it any more, so a crash between two commits never leaves a document without its blob.
 */
final class Versions {
    static final String DOCTYPE = "io.cozy.files.versions";
    private static final int PAGE = 1000;

    private final Contents contents;
    private final int keep;
    private final Duration minDelay;

    Versions(Contents contents, int keep, Duration minDelay) {
        this.contents = contents;
        this.keep = Math.max(0, keep);
        this.minDelay = minDelay;
    }

    /** What an overwrite does with the content it replaces. */
    record Plan(boolean keepOld, List<ObjectNode> clean) {
        long freed(ObjectNode old) {
            return (keepOld ? 0 : Docs.size(old))
                    + clean.stream().mapToLong(Docs::size).sum();
        }
    }

    /** The versions of a file, oldest first: a seek on the ids, which begin with the file's. */
    static List<ObjectNode> of(Volume v, String fileId) {
        List<ObjectNode> out = new ArrayList<>(v.versions().withIdPrefix(fileId + "/", PAGE));
        out.forEach(d -> d.remove("_type"));
        out.sort(Comparator.comparing((ObjectNode d) ->
                        d.path("cozyMetadata").path("createdAt").asText())
                .thenComparing(d -> d.path("_id").asText()));
        return out;
    }

    /** The version {@code fileId/versionId}, or 404. */
    static ObjectNode get(Volume v, String fileId, String versionId) {
        return find(v, fileId + "/" + versionId)
                .orElseThrow(() -> ApiException.notFound("Version not found: " + fileId + "/" + versionId));
    }

    /** The content of an old version, under its file's name and type. */
    static Content content(Volume v, BlobStore blobs, String fileId, String versionId) {
        ObjectNode file = v.tree().get(fileId);
        ObjectNode version = get(v, fileId, versionId);
        ObjectNode doc = file.deepCopy();
        doc.put("size", version.path("size").asText());
        doc.put("md5sum", version.path("md5sum").asText());
        String key = version.path("internal_vfs_id").asText();
        String domain = v.domain();
        return new Content(
                doc, Docs.size(version), version.path("md5sum").asText(), Content.Opener.of(blobs, domain, key));
    }

    static Optional<ObjectNode> find(Volume v, String id) {
        try {
            ObjectNode doc = Documents.json(v.versions().get(id, null, false));
            doc.remove("_type");
            return Optional.of(doc);
        } catch (CouchException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The version that the current content of {@code file} becomes. */
    static ObjectNode fromFile(ObjectNode file, String now) {
        String fileId = file.path("_id").asText();
        String key = file.path("internal_vfs_id").asText();
        ObjectNode version = Json.mapper().createObjectNode();
        version.put("_id", fileId + "/" + key);
        version.put("file_id", fileId);
        version.put("updated_at", file.path("updated_at").asText(now));
        version.put("size", file.path("size").asText("0"));
        version.put("md5sum", file.path("md5sum").asText());
        version.set(
                "tags",
                file.path("tags").isArray()
                        ? file.get("tags").deepCopy()
                        : Json.mapper().createArrayNode());
        if (file.path("metadata").isObject()) {
            version.set("metadata", file.get("metadata").deepCopy());
        }
        ObjectNode cozy = version.putObject("cozyMetadata");
        cozy.put("doctypeVersion", "1");
        cozy.put("metadataVersion", 1);
        cozy.put("createdAt", now);
        cozy.put("updatedAt", now);
        cozy.put(
                "uploadedAt",
                file.path("cozyMetadata")
                        .path("uploadedAt")
                        .asText(file.path("updated_at").asText(now)));
        ObjectNode rel = version.putObject("relationships").putObject("file").putObject("data");
        rel.put("_id", fileId);
        rel.put("_type", Files.DOCTYPE);
        version.put("internal_vfs_id", key);
        return version;
    }

    /** Decides, for an overwrite of {@code old} now, whether its content is kept and which versions go. */
    Plan plan(Volume v, ObjectNode old, String now, boolean forceKeep) {
        return plan(v, old, now, forceKeep, null);
    }

    /** As {@link #plan(Volume, ObjectNode, String, boolean)}, counting without the version {@code leaving}. */
    Plan plan(Volume v, ObjectNode old, String now, boolean forceKeep, @Nullable String leaving) {
        List<ObjectNode> olds = new ArrayList<>(of(v, old.path("_id").asText()));
        olds.removeIf(o -> o.path("_id").asText().equals(leaving));
        if (keep == 0) {
            return new Plan(false, olds);
        }
        String candidate =
                old.path("_id").asText() + "/" + old.path("internal_vfs_id").asText();
        if (olds.stream().anyMatch(o -> o.path("_id").asText().equals(candidate))) {
            return new Plan(true, List.of());
        }
        boolean keepOld = forceKeep || olds.isEmpty() || old.path("tags").size() > 0 || !tooClose(olds.getLast(), now);
        int excess = olds.size() + (keepOld ? 1 : 0) - keep;
        List<ObjectNode> clean = new ArrayList<>();
        for (ObjectNode o : olds) {
            if (excess <= 0) {
                break;
            }
            if (o.path("tags").size() == 0) {
                clean.add(o);
                excess--;
            }
        }
        return new Plan(keepOld, clean);
    }

    private boolean tooClose(ObjectNode last, String now) {
        try {
            Instant previous =
                    Instant.parse(last.path("cozyMetadata").path("createdAt").asText());
            return previous.plus(minDelay).isAfter(Instant.parse(now));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Saves the version that the current content of {@code old} becomes, unless it exists. */
    void saveOld(Volume v, ObjectNode old, String now) {
        ObjectNode version = fromFile(old, now);
        if (find(v, version.path("_id").asText()).isEmpty()) {
            v.versions().save(version);
        }
    }

    /** After the file moved on: the versions of the plan go, and the old content unless kept. */
    void finish(Volume v, ObjectNode old, Plan plan) {
        long gone = 0;
        for (ObjectNode o : plan.clean()) {
            gone += delete(v, o) ? Docs.size(o) : 0;
        }
        v.accountVersions((plan.keepOld() ? Docs.size(old) : 0) - gone);
        if (!plan.keepOld()) {
            contents.dropUnlessVersioned(v, old);
        }
    }

    /**
     * Deletes a version, then its blob unless its file points to it.
     *
     * @return whether it was deleted (false when already gone)
     */
    boolean delete(Volume v, ObjectNode version) {
        ObjectNode tombstone = Json.mapper().createObjectNode();
        tombstone.put("_id", version.path("_id").asText());
        tombstone.put("_rev", version.path("_rev").asText());
        tombstone.put("_deleted", true);
        try {
            v.versions().save(tombstone);
        } catch (CouchException e) {
            if (e.status() == 404 || e.status() == 409) {
                return false;
            }
            throw e;
        }
        String key = version.path("internal_vfs_id").asText();
        String fileKey = v.tree()
                .find(version.path("file_id").asText())
                .map(f -> f.path("internal_vfs_id").asText())
                .orElse("");
        if (!key.equals(fileKey)) {
            contents.drop(v, key);
        }
        return true;
    }

    /** Deletes every version of a file that is being destroyed (its blobs with them). */
    void deleteAll(Volume v, String fileId) {
        long gone = 0;
        for (ObjectNode o : of(v, fileId)) {
            gone += delete(v, o) ? Docs.size(o) : 0;
        }
        v.accountVersions(-gone);
    }

    /** Deletes every version of every file; returns how many. */
    int purge(Volume v) {
        int count = 0;
        while (true) {
            ObjectNode body = Json.mapper().createObjectNode();
            body.putObject("selector").putObject("_id").put("$gt", (String) null);
            body.put("limit", PAGE);
            FindResult page = v.versions().find(body);
            List<ObjectNode> docs = page.docs().stream()
                    .filter(d -> !d.path("_id").asText().startsWith("_design/"))
                    .toList();
            long gone = 0;
            int deleted = 0;
            for (ObjectNode o : docs) {
                if (delete(v, o)) {
                    gone += Docs.size(o);
                    deleted++;
                }
            }
            v.accountVersions(-gone);
            count += deleted;
            if (deleted == 0) {
                return count;
            }
        }
    }

    /** Changes the tags of a version. */
    static ObjectNode tag(Volume v, ObjectNode version, List<String> tags) {
        ObjectNode changed = version.deepCopy();
        Docs.tags(changed, tags);
        changed.withObjectProperty("cozyMetadata").put("updatedAt", Docs.now());
        WriteResult r = v.versions().save(changed);
        changed.put("_rev", r.rev());
        return changed;
    }
}
