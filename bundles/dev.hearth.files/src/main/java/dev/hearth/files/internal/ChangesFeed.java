package dev.hearth.files.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.json.Json;
import dev.hearth.datasystem.ChangesQuery;
import dev.hearth.files.Files;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * The files' changes feed: the database's feed without design documents, with the filters and the
 * paths the Cozy API adds. The page is bounded by the query's limit.
 */
final class ChangesFeed {
    private ChangesFeed() {}

    static ObjectNode read(Volume v, ChangesQuery query, boolean includePath, boolean skipDeleted, boolean skipTrashed)
            throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (JsonGenerator out = Json.mapper().getFactory().createGenerator(buffer)) {
            v.db().changes(query, out);
        }
        ObjectNode feed = (ObjectNode) Json.mapper().readTree(buffer.toByteArray());
        ArrayNode kept = Json.mapper().createArrayNode();
        for (JsonNode r : feed.path("results")) {
            if (keep(v, (ObjectNode) r, includePath, skipDeleted, skipTrashed)) {
                kept.add(r);
            }
        }
        feed.set("results", kept);
        if (!feed.has("pending")) {
            feed.put("pending", 0);
        }
        return feed;
    }

    private static boolean keep(Volume v, ObjectNode r, boolean includePath, boolean skipDeleted, boolean skipTrashed) {
        String id = r.path("id").asText();
        if (id.startsWith("_design/")) {
            return false;
        }
        boolean deleted = r.path("deleted").asBoolean(false);
        if (deleted) {
            return !skipDeleted;
        }
        JsonNode docNode = r.get("doc");
        if (!(docNode instanceof ObjectNode doc)) {
            return !skipTrashed || v.tree().find(id).map(d -> !trashed(v, d)).orElse(true);
        }
        if (skipTrashed && trashed(v, doc)) {
            return false;
        }
        if (includePath && !Docs.isDirectory(doc)) {
            doc.put("path", v.tree().path(doc));
        }
        return true;
    }

    private static boolean trashed(Volume v, ObjectNode doc) {
        if (doc.path("trashed").asBoolean(false)
                || Files.TRASH_ID.equals(doc.path("_id").asText())) {
            return true;
        }
        return Moves.inTrash(v, doc);
    }
}
