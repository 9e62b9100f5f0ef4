package dev.hearth.mango;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.mango.internal.Errors;
import dev.hearth.mango.internal.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code fields} of a {@code _find} request: the dotted paths to keep from each document.
 * Kept fields are rebuilt as nested objects, in the order the paths are listed; missing fields
 * are left out; as in CouchDB, a path through an array index rebuilds an object keyed by that
 * index. An empty list keeps the whole document.
 */
public final class Projection {
    private static final Projection ALL = new Projection(List.of());

    private final List<FieldPath> paths;

    private Projection(List<FieldPath> paths) {
        this.paths = List.copyOf(paths);
    }

    /**
     * Parses a {@code fields} value: an array of field names.
     *
     * @throws MangoException when it is not an array of valid field names
     */
    public static Projection parse(JsonNode fields) {
        if (!fields.isArray()) {
            throw Errors.fieldsNotArray(fields);
        }
        List<FieldPath> paths = new ArrayList<>();
        for (JsonNode field : fields) {
            if (!field.isTextual()) {
                throw Errors.invalidFieldSpec(field);
            }
            paths.add(FieldPath.parse(field.textValue()));
        }
        return paths.isEmpty() ? ALL : new Projection(paths);
    }

    /** The projection that keeps whole documents. */
    public static Projection all() {
        return ALL;
    }

    /** Whether whole documents are kept. */
    public boolean isAll() {
        return paths.isEmpty();
    }

    /** The kept fields, dotted. */
    public List<String> fields() {
        return paths.stream().map(FieldPath::toString).toList();
    }

    /** A new object holding only the kept fields of the document (a copy of it all for {@link #all()}). */
    public ObjectNode apply(JsonNode document) {
        if (isAll()) {
            return document.isObject() ? ((ObjectNode) document).deepCopy() : JsonNodeFactory.instance.objectNode();
        }
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        for (FieldPath path : paths) {
            path.get(document).ifPresent(value -> set(result, path.segments(), value));
        }
        return result;
    }

    private static void set(ObjectNode target, List<String> path, JsonNode value) {
        String name = path.get(0);
        List<String> rest = path.subList(1, path.size());
        JsonNode existing = target.get(name);
        if (rest.isEmpty()) {
            target.set(name, value.deepCopy());
        } else if (existing == null) {
            target.set(name, nested(rest, value));
        } else {
            setInside(existing, rest, value);
        }
    }

    private static void setInside(JsonNode node, List<String> path, JsonNode value) {
        if (node instanceof ObjectNode object) {
            set(object, path, value);
        } else if (node instanceof ArrayNode array) {
            int index = Paths.arrayIndex(path.get(0));
            if (index < 0 || index >= array.size()) {
                return;
            }
            if (path.size() == 1) {
                array.set(index, value.deepCopy());
            } else {
                setInside(array.get(index), path.subList(1, path.size()), value);
            }
        }
    }

    private static JsonNode nested(List<String> path, JsonNode value) {
        JsonNode result = value.deepCopy();
        for (int i = path.size() - 1; i >= 0; i--) {
            ObjectNode parent = JsonNodeFactory.instance.objectNode();
            parent.set(path.get(i), result);
            result = parent;
        }
        return result;
    }

    @Override
    public String toString() {
        return fields().toString();
    }
}
