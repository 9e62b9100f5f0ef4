package dev.hearth.datasystem.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.mango.FieldPath;
import dev.hearth.mango.IndexKeys;
import dev.hearth.mango.Selector;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A Mango {@code json} index: its design document and name, its fields, and an optional partial
 * filter. A document is in the index when it has every field and matches the filter; its key is
 * the byte-comparable encoding of the field values followed by the document id.
 */
public record IndexDef(
        String ddoc,
        String name,
        List<String> fields,
        @Nullable Selector partialFilter) {

    /**
     * Checks the fields: an index whose field is not a valid path would fail on every write of
     * its database, so it is refused when declared.
     *
     * @throws dev.hearth.mango.MangoException for an invalid field name
     */
    public IndexDef {
        fields = List.copyOf(fields);
        fields.forEach(FieldPath::parse);
    }

    public List<FieldPath> paths() {
        return fields.stream().map(FieldPath::parse).toList();
    }

    public String mapName(String doctype) {
        return "idx/" + doctype + "/" + ddoc + "/" + name;
    }

    /** The index key of a document (its JSON with {@code _id}), or null when it is not indexed. */
    public byte @Nullable [] key(JsonNode doc, String id) {
        if (partialFilter != null && !partialFilter.matches(doc)) {
            return null;
        }
        List<JsonNode> values = new ArrayList<>(fields.size());
        for (FieldPath path : paths()) {
            Optional<JsonNode> value = path.get(doc);
            if (value.isEmpty()) {
                return null;
            }
            values.add(value.get());
        }
        byte[] prefix = IndexKeys.encode(values);
        byte[] idBytes = id.getBytes(StandardCharsets.UTF_8);
        byte[] key = new byte[prefix.length + idBytes.length];
        System.arraycopy(prefix, 0, key, 0, prefix.length);
        System.arraycopy(idBytes, 0, key, prefix.length, idBytes.length);
        return key;
    }

    /** The view of this index in its Mango design document. */
    public ObjectNode viewJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode view = f.objectNode();
        ObjectNode map = view.putObject("map");
        ObjectNode fieldsObject = map.putObject("fields");
        fields.forEach(field -> fieldsObject.put(field, "asc"));
        map.set("partial_filter_selector", partialFilter == null ? f.objectNode() : partialFilter.normalized());
        view.put("reduce", "_count");
        ArrayNode defFields = view.putObject("options").putObject("def").putArray("fields");
        fields.forEach(defFields::add);
        return view;
    }

    /** The indexes described by a design document (Mango design documents have language "query"). */
    public static List<IndexDef> fromDesignDoc(String ddocId, JsonNode ddoc) {
        List<IndexDef> out = new ArrayList<>();
        if (!"query".equals(ddoc.path("language").asText())
                || !ddoc.path("views").isObject()) {
            return out;
        }
        for (Iterator<String> names = ddoc.path("views").fieldNames(); names.hasNext(); ) {
            String name = names.next();
            JsonNode view = ddoc.path("views").path(name);
            List<String> fields = new ArrayList<>();
            view.path("map").path("fields").fieldNames().forEachRemaining(fields::add);
            if (fields.isEmpty()) {
                view.path("options")
                        .path("def")
                        .path("fields")
                        .forEach(n -> fields.add(
                                n.isObject() && n.fieldNames().hasNext()
                                        ? n.fieldNames().next()
                                        : n.asText()));
            }
            JsonNode partial = view.path("map").path("partial_filter_selector");
            Selector filter = partial.isObject() && !partial.isEmpty() ? Selector.parse(partial) : null;
            if (!fields.isEmpty()) {
                out.add(new IndexDef(ddocId.substring("_design/".length()), name, fields, filter));
            }
        }
        return out;
    }
}
