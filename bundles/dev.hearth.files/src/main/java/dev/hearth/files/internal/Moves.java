package dev.hearth.files.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.error.ApiException;
import dev.hearth.common.json.Json;
import dev.hearth.datasystem.WriteResult;
import dev.hearth.files.Files;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Renames, moves, attribute changes, the trash and deletions. Each runs under the volume's lock; a
 * move of a directory rewrites its path and its subdirectories' paths in one commit.
 */
final class Moves {
    private static final int DELETE_BATCH = 500;
    private final Contents contents;
    private final Versions versions;

    Moves(Contents contents, Versions versions) {
        this.contents = contents;
        this.versions = versions;
    }

    ObjectNode patch(Volume v, String id, @Nullable String ifMatch, ObjectNode attrs) {
        return v.locked(() -> {
            ObjectNode doc = changeable(v, id, ifMatch);
            if (attrs.path("permanent_delete").asBoolean(false)) {
                destroyEntry(v, doc);
                return doc;
            }
            if (attrs.path("move_to_trash").asBoolean(false)) {
                return toTrash(v, doc);
            }
            ObjectNode changed = doc.deepCopy();
            applySimple(changed, attrs);
            String name = attrs.hasNonNull("name")
                    ? Names.check(attrs.get("name").asText())
                    : doc.path("name").asText();
            String dirId = attrs.hasNonNull("dir_id")
                    ? attrs.get("dir_id").asText()
                    : doc.path("dir_id").asText();
            if (name.equals(doc.path("name").asText())
                    && dirId.equals(doc.path("dir_id").asText())) {
                return saveAll(v, List.of(changed)).getFirst();
            }
            ObjectNode target = v.tree().directory(dirId);
            refuseIntoItself(doc, target);
            return move(v, changed, target, name, false);
        });
    }

    ObjectNode references(Volume v, String id, String field, List<ObjectNode> refs, boolean add) {
        if (!field.equals("referenced_by") && !field.equals("not_synchronized_on")) {
            throw ApiException.badRequest("Unknown relationship " + field);
        }
        for (ObjectNode ref : refs) {
            if (!ref.path("type").isTextual() || !ref.path("id").isTextual()) {
                throw ApiException.badRequest("A reference is {\"type\":...,\"id\":...}");
            }
        }
        return v.locked(() -> {
            ObjectNode before = v.tree().get(id);
            ObjectNode doc = before.deepCopy();
            if (field.equals("not_synchronized_on") && !Docs.isDirectory(doc)) {
                throw ApiException.invalidParameter("id", "Only directories can be left out of a synchronization");
            }
            ArrayNode current = doc.get(field) instanceof ArrayNode list ? list : doc.putArray(field);
            for (ObjectNode ref : refs) {
                int found = indexOf(current, ref);
                if (add && found < 0) {
                    current.addObject()
                            .put("type", ref.get("type").asText())
                            .put("id", ref.get("id").asText());
                } else if (!add && found >= 0) {
                    current.remove(found);
                }
            }
            doc.withObjectProperty("cozyMetadata").put("updatedAt", Docs.now());
            ObjectNode saved = saveAll(v, List.of(doc)).getFirst();
            v.references().changed(before, saved);
            return saved;
        });
    }

    /**
     * Adds ({@code add}) or removes the reference {@code ref} on each entry of {@code ids}, in one
     * commit; 404 when one is missing, and then nothing changes.
     */
    void referenceMany(Volume v, ObjectNode ref, List<String> ids, boolean add) {
        v.locked(() -> {
            List<ObjectNode> before = new ArrayList<>();
            List<ObjectNode> docs = new ArrayList<>();
            String now = Docs.now();
            for (String id : new java.util.LinkedHashSet<>(ids)) {
                ObjectNode original = v.tree().get(id);
                ObjectNode doc = original.deepCopy();
                ArrayNode current =
                        doc.get("referenced_by") instanceof ArrayNode list ? list : doc.putArray("referenced_by");
                int found = indexOf(current, ref);
                if (add && found < 0) {
                    current.add(ref.deepCopy());
                } else if (!add && found >= 0) {
                    current.remove(found);
                } else {
                    continue;
                }
                doc.withObjectProperty("cozyMetadata").put("updatedAt", now);
                before.add(original);
                docs.add(doc);
            }
            if (!docs.isEmpty()) {
                saveAll(v, docs);
                v.references().changed(before, docs);
            }
            return null;
        });
    }

    private static int indexOf(ArrayNode refs, ObjectNode ref) {
        for (int i = 0; i < refs.size(); i++) {
            JsonNode r = refs.get(i);
            if (r.path("type").asText().equals(ref.path("type").asText())
                    && r.path("id").asText().equals(ref.path("id").asText())) {
                return i;
            }
        }
        return -1;
    }

    ObjectNode trash(Volume v, String id, @Nullable String ifMatch) {
        return v.locked(() -> toTrash(v, changeable(v, id, ifMatch)));
    }

    ObjectNode restore(Volume v, String id) {
        return v.locked(() -> {
            ObjectNode doc = v.tree().get(id);
            if (!Files.TRASH_ID.equals(doc.path("dir_id").asText())) {
                throw ApiException.badRequest("File or directory is not in the trash");
            }
            String back = doc.path("restore_path").asText("/");
            ObjectNode target =
                    v.tree().directoryByPath(back).orElseGet(() -> v.tree().get(Files.ROOT_ID));
            if (target.path("path").asText().startsWith(Files.TRASH_PATH)) {
                target = v.tree().get(Files.ROOT_ID);
            }
            ObjectNode changed = doc.deepCopy();
            changed.remove("restore_path");
            if (!Docs.isDirectory(changed)) {
                changed.put("trashed", false);
            }
            changed.withObjectProperty("cozyMetadata").remove(List.of("trashedAt", "trashedBy"));
            return move(v, changed, target, freeName(v, target, doc.path("name").asText(), id), true);
        });
    }

    void destroy(Volume v, String id) {
        v.locked(() -> {
            ObjectNode doc = v.tree().get(id);
            if (!inTrash(v, doc)) {
                throw ApiException.badRequest("File or directory is not in the trash");
            }
            destroyEntry(v, doc);
            return null;
        });
    }

    void emptyTrash(Volume v) {
        v.locked(() -> {
            for (ObjectNode doc : v.tree().allChildren(Files.TRASH_ID)) {
                destroyEntry(v, doc);
            }
            return null;
        });
    }

    private ObjectNode toTrash(Volume v, ObjectNode doc) {
        if (inTrash(v, doc)) {
            throw ApiException.badRequest("File or directory is already in the trash");
        }
        ObjectNode trash = v.tree().get(Files.TRASH_ID);
        ObjectNode changed = doc.deepCopy();
        changed.put("restore_path", Names.parent(v.tree().path(doc)));
        if (!Docs.isDirectory(changed)) {
            changed.put("trashed", true);
        }
        changed.withObjectProperty("cozyMetadata").put("trashedAt", Docs.now());
        return move(
                v,
                changed,
                trash,
                freeName(v, trash, doc.path("name").asText(), doc.path("_id").asText()),
                true);
    }

    /** Moves {@code changed} to {@code name} in {@code target}; for a directory, its subdirectories follow. */
    private ObjectNode move(Volume v, ObjectNode changed, ObjectNode target, String name, boolean named) {
        String id = changed.path("_id").asText();
        String targetId = target.path("_id").asText();
        if (!named) {
            v.tree()
                    .child(targetId, name)
                    .filter(other -> !other.path("_id").asText().equals(id))
                    .ifPresent(o -> {
                        throw ApiException.conflict("Conflict: a file or directory with the same name already exists");
                    });
        }
        changed.put("name", name);
        changed.put("dir_id", targetId);
        List<ObjectNode> docs = new ArrayList<>();
        docs.add(changed);
        if (Docs.isDirectory(changed)) {
            String oldPath = changed.path("path").asText();
            String newPath = Names.join(target.path("path").asText(), name);
            changed.put("path", newPath);
            for (ObjectNode d : v.tree().descendants(id)) {
                if (Docs.isDirectory(d)) {
                    d.put("path", newPath + d.path("path").asText().substring(oldPath.length()));
                    docs.add(d);
                }
            }
        }
        return saveAll(v, docs).getFirst();
    }

    private static List<ObjectNode> saveAll(Volume v, List<ObjectNode> docs) {
        List<WriteResult> results = v.db().saveAll(docs);
        for (int i = 0; i < docs.size(); i++) {
            docs.get(i).put("_rev", results.get(i).rev());
        }
        return docs;
    }

    /**
     * Deletes an entry and everything under it, then, once the deletion is durable, their blobs
     * and their old versions.
     */
    private void destroyEntry(Volume v, ObjectNode doc) {
        List<ObjectNode> all = new ArrayList<>();
        if (Docs.isDirectory(doc)) {
            all.addAll(v.tree().descendants(doc.path("_id").asText()));
        }
        all.add(doc);
        for (int from = 0; from < all.size(); from += DELETE_BATCH) {
            List<ObjectNode> batch = all.subList(from, Math.min(all.size(), from + DELETE_BATCH));
            List<ObjectNode> tombstones = new ArrayList<>();
            for (ObjectNode d : batch) {
                ObjectNode t = Json.mapper().createObjectNode();
                t.put("_id", d.path("_id").asText());
                t.put("_rev", d.path("_rev").asText());
                t.put("_deleted", true);
                tombstones.add(t);
            }
            v.db().saveAll(tombstones);
            for (ObjectNode d : batch) {
                v.references().changed(d, null);
                if (!Docs.isDirectory(d) && d.hasNonNull("internal_vfs_id")) {
                    contents.drop(v, d.path("internal_vfs_id").asText());
                    v.account(-Docs.size(d), -1);
                    versions.deleteAll(v, d.path("_id").asText());
                }
            }
        }
    }

    private static ObjectNode changeable(Volume v, String id, @Nullable String ifMatch) {
        if (id.equals(Files.ROOT_ID) || id.equals(Files.TRASH_ID) || id.equals(Files.SHARED_DRIVES_ID)) {
            throw ApiException.forbidden("The special directories cannot be changed");
        }
        ObjectNode doc = v.tree().get(id);
        Writes.checkRev(doc, ifMatch);
        return doc;
    }

    private static void applySimple(ObjectNode doc, ObjectNode attrs) {
        JsonNode tags = attrs.get("tags");
        if (tags != null) {
            if (!tags.isArray()) {
                throw ApiException.invalidAttribute("tags", "tags must be an array of strings");
            }
            ArrayNode list = doc.putArray("tags");
            tags.forEach(t -> list.add(t.asText()));
        }
        if (attrs.has("executable") && !Docs.isDirectory(doc)) {
            doc.put("executable", attrs.get("executable").asBoolean());
        }
        String now = Docs.now();
        doc.put("updated_at", Docs.date(attrs.path("updated_at").asText(null), "updated_at", now));
        ObjectNode cozy = doc.withObjectProperty("cozyMetadata");
        cozy.put("updatedAt", now);
        JsonNode favorite = attrs.path("cozyMetadata").get("favorite");
        if (favorite != null) {
            cozy.put("favorite", favorite.asBoolean());
        }
    }

    private static void refuseIntoItself(ObjectNode doc, ObjectNode target) {
        if (!Docs.isDirectory(doc)) {
            return;
        }
        String path = doc.path("path").asText();
        String targetPath = target.path("path").asText();
        if (target.path("_id").asText().equals(doc.path("_id").asText()) || targetPath.startsWith(path + "/")) {
            throw ApiException.badRequest("Cannot move a directory into itself or its own subtree");
        }
    }

    /** {@code name}, or the first free suffixed variant of it in {@code dir}. */
    private static String freeName(Volume v, ObjectNode dir, String name, String self) {
        String dirId = dir.path("_id").asText();
        String candidate = name;
        for (int n = 2; ; n++) {
            var found = v.tree().child(dirId, candidate);
            if (found.isEmpty() || found.get().path("_id").asText().equals(self)) {
                return candidate;
            }
            candidate = Names.suffixed(name, n);
        }
    }

    static boolean inTrash(Volume v, ObjectNode doc) {
        if (Files.TRASH_ID.equals(doc.path("dir_id").asText())) {
            return true;
        }
        String path =
                Docs.isDirectory(doc) ? doc.path("path").asText() : v.tree().path(doc);
        return path.startsWith(Files.TRASH_PATH + "/");
    }
}
