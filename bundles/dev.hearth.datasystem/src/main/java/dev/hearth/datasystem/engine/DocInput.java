package dev.hearth.datasystem.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.error.CouchException;
import dev.hearth.common.id.Ids;
import dev.hearth.common.json.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A document as a client sent it, checked and split: id, revision, deletion flag, replication
 * history, and the body to store (the client's fields, without the special ones). {@code _type}
 * is dropped, as the Cozy stack does; other unknown special fields are refused as CouchDB does.
 */
public record DocInput(
        String id,
        @Nullable String rev,
        boolean deleted,
        @Nullable List<String> revisions,
        int revisionsStart,
        byte[] body) {

    private static final Set<String> IGNORED =
            Set.of("_type", "_conflicts", "_deleted_conflicts", "_local_seq", "_revs_info");

    /**
     * Reads a document.
     *
     * @param newId whether to generate an id when there is none
     * @param maxBytes the largest body accepted
     */
    public static DocInput read(JsonNode node, boolean newId, int maxBytes) {
        if (!(node instanceof ObjectNode doc)) {
            throw badRequest("Document must be a JSON object");
        }
        String id = text(doc, "_id");
        if (id == null) {
            if (!newId) {
                throw badRequest("Document id must be a string");
            }
            id = Ids.newId();
        }
        DocIds.check(id);
        String rev = text(doc, "_rev");
        if (rev != null) {
            Revs.parse(rev);
        }
        JsonNode deletedNode = doc.get("_deleted");
        if (deletedNode != null && !deletedNode.isBoolean()) {
            throw badRequest("_deleted must be a boolean");
        }
        ObjectNode body = Json.mapper().createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            if (!key.startsWith("_")) {
                body.set(key, e.getValue());
            } else if (key.equals("_attachments")) {
                throw new CouchException(415, "bad_content_type", "Attachments are not supported");
            } else if (!IGNORED.contains(key)
                    && !Set.of("_id", "_rev", "_deleted", "_revisions").contains(key)) {
                throw new CouchException(400, "doc_validation", "Bad special document member: " + key);
            }
        }
        byte[] bytes = Json.storedBytes(body);
        if (bytes.length > maxBytes) {
            throw new CouchException(413, "document_too_large", id);
        }
        List<String> revisions = null;
        int start = 0;
        JsonNode history = doc.get("_revisions");
        if (history != null) {
            start = history.path("start").asInt(-1);
            revisions = new ArrayList<>();
            for (JsonNode h : history.path("ids")) {
                if (!h.isTextual() || !Revs.isHash(h.textValue())) {
                    throw badRequest("Invalid _revisions");
                }
                revisions.add(h.textValue());
            }
            if (start < 1 || revisions.isEmpty() || !history.path("ids").isArray()) {
                throw badRequest("Invalid _revisions");
            }
        }
        return new DocInput(id, rev, deletedNode != null && deletedNode.booleanValue(), revisions, start, bytes);
    }

    /** The replication path of a {@code new_edits=false} revision: newest hash first. */
    public List<String> path() {
        Revs.Rev parsed = Revs.parse(rev);
        if (revisions == null) {
            return List.of(parsed.hash());
        }
        if (revisionsStart != parsed.pos()
                || !revisions.get(0).equals(parsed.hash())
                || revisionsStart - revisions.size() < 0) {
            throw badRequest("_revisions does not match _rev");
        }
        return revisions;
    }

    private static @Nullable String text(ObjectNode doc, String field) {
        JsonNode v = doc.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw badRequest(field + " must be a string");
        }
        return v.asText();
    }

    public static CouchException badRequest(String reason) {
        return new CouchException(400, "bad_request", reason);
    }
}
