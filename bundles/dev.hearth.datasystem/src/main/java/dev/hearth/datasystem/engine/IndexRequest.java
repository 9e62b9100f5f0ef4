package dev.hearth.datasystem.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.error.CouchException;
import dev.hearth.common.json.Json;
import dev.hearth.mango.FieldPath;
import dev.hearth.mango.MangoException;
import dev.hearth.mango.Selector;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A Mango {@code _index} request: {@code {"index":{"fields":[...],"partial_filter_selector":{}},
 * "ddoc","name","type":"json"}}. Without a name or design document, both derive from a hash of
 * the definition, so the same request always finds the same index.
 */
public record IndexRequest(
        String ddoc,
        String name,
        List<String> fields,
        @Nullable Selector partialFilter) {

    public static IndexRequest parse(ObjectNode body) {
        JsonNode index = body.get("index");
        if (index == null || !index.isObject()) {
            throw bad("Missing required key: index");
        }
        String type = body.path("type").asText("json");
        if (!type.equals("json")) {
            throw bad("Invalid index type: " + type + " (only json indexes are supported)");
        }
        List<String> fields = new ArrayList<>();
        JsonNode list = index.get("fields");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw bad("Index definition must include a non-empty list of fields");
        }
        for (JsonNode f : list) {
            fields.add(field(f));
        }
        Selector partial = null;
        JsonNode filter = index.get("partial_filter_selector");
        if (filter != null && !filter.isNull() && !(filter.isObject() && filter.isEmpty())) {
            try {
                partial = Selector.parse(filter);
            } catch (MangoException e) {
                throw new CouchException(400, e.error(), e.reason());
            }
        }
        String hash = hash(index);
        String ddoc = text(body, "ddoc");
        if (ddoc != null && ddoc.startsWith("_design/")) {
            ddoc = ddoc.substring("_design/".length());
        }
        String name = text(body, "name");
        ddoc = ddoc == null || ddoc.isEmpty() ? hash : ddoc;
        name = name == null || name.isEmpty() ? hash : name;
        DocIds.check("_design/" + ddoc);
        DocIds.checkCharacters(name);
        return new IndexRequest(ddoc, name, List.copyOf(fields), partial);
    }

    /**
     * One entry of {@code fields}: a name, or {@code {"name": "asc"|"desc"}}. The name must be a
     * valid field path (CouchDB's {@code invalid_field_name} otherwise), as it is stored in the
     * design document and parsed again for every document indexed.
     */
    private static String field(JsonNode f) {
        String name;
        if (f.isTextual() && !f.asText().isEmpty()) {
            name = f.asText();
        } else if (f.isObject()
                && f.size() == 1
                && f.properties().iterator().next().getValue().isTextual()) {
            var entry = f.properties().iterator().next();
            if (!entry.getValue().asText().equals("asc")
                    && !entry.getValue().asText().equals("desc")) {
                throw bad("Sort direction must be asc or desc");
            }
            name = entry.getKey();
        } else {
            throw bad("Invalid index field: " + f);
        }
        try {
            FieldPath.parse(name);
        } catch (MangoException e) {
            throw new CouchException(400, e.error(), e.reason());
        }
        return name;
    }

    /** The index this request makes. */
    public IndexDef definition() {
        return new IndexDef(ddoc, name, fields, partialFilter);
    }

    /** The id of its design document. */
    public String designId() {
        return "_design/" + ddoc;
    }

    /**
     * The body of the design document with this index added, from the document as it is (null
     * or deleted for none): its other members and views are kept.
     */
    public ObjectNode designBody(@Nullable DocRecord existing) {
        ObjectNode ddoc = Json.mapper().createObjectNode();
        if (existing != null && !existing.winnerNode().deleted) {
            RevNode w = existing.winnerNode();
            ddoc = Bodies.document(existing.id, w.rev(), w.body);
            ddoc.remove("_id");
            ddoc.remove("_rev");
        }
        ddoc.put("language", "query");
        ObjectNode views = ddoc.has("views") && ddoc.get("views").isObject()
                ? (ObjectNode) ddoc.get("views")
                : ddoc.putObject("views");
        views.set(name, definition().viewJson());
        return ddoc;
    }

    /** The revision a write of the design document edits: its live winner, or none. */
    public static @Nullable String designRev(@Nullable DocRecord existing) {
        return existing == null || existing.winnerNode().deleted
                ? null
                : existing.winnerNode().rev();
    }

    private static String hash(JsonNode index) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-1").digest(index.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static @Nullable String text(ObjectNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw bad(field + " must be a string");
        }
        return v.asText();
    }

    private static CouchException bad(String reason) {
        return new CouchException(400, "bad_request", reason);
    }
}
