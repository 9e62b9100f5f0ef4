package dev.hearth.datasystem.internal.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.common.error.CouchException;
import dev.hearth.common.json.Json;
import dev.hearth.datasystem.engine.Bodies;
import dev.hearth.datasystem.engine.DocIds;
import dev.hearth.datasystem.engine.DocRecord;
import dev.hearth.datasystem.engine.IndexDef;
import dev.hearth.datasystem.engine.RevNode;
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
record IndexRequest(
        String ddoc,
        String name,
        List<String> fields,
        @Nullable Selector partialFilter) {

    static IndexRequest parse(ObjectNode body) {
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

    /** Writer only: creates the index unless an identical one exists; "created" or "exists". */
    static String apply(DoctypeStore ds, IndexRequest r, int revsLimit) {
        IndexDef def = new IndexDef(r.ddoc(), r.name(), r.fields(), r.partialFilter());
        if (ds.indexes.contains(def)) {
            return "exists";
        }
        String id = "_design/" + r.ddoc();
        DocRecord existing = ds.record(id);
        ObjectNode ddoc = Json.mapper().createObjectNode();
        String rev = null;
        if (existing != null && !existing.winnerNode().deleted) {
            RevNode w = existing.winnerNode();
            ddoc = Bodies.document(id, w.rev(), w.body);
            ddoc.remove("_id");
            ddoc.remove("_rev");
            rev = w.rev();
        }
        ddoc.put("language", "query");
        ObjectNode views = ddoc.has("views") && ddoc.get("views").isObject()
                ? (ObjectNode) ddoc.get("views")
                : ddoc.putObject("views");
        views.set(r.name(), def.viewJson());
        DocWriter.edit(ds, id, rev, false, Json.storedBytes(ddoc), revsLimit);
        return "created";
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
