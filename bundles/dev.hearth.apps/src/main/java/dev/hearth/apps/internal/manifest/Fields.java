package dev.hearth.apps.internal.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Typed reads of manifest fields, each naming the field it refuses. A JSON {@code null} counts as
 * absent, as it does for the Cozy stack's decoder.
 */
final class Fields {

    private Fields() {}

    /** The field's node, or null when absent or JSON null. */
    static @Nullable JsonNode get(JsonNode parent, String name) {
        JsonNode node = parent.get(name);
        return node == null || node.isNull() ? null : node;
    }

    /** A string field, or {@code fallback} when absent. */
    static String text(JsonNode parent, String name, String path, String fallback) throws ManifestException {
        JsonNode node = get(parent, name);
        if (node == null) {
            return fallback;
        }
        if (!node.isTextual()) {
            throw ManifestException.invalid(path, "must be a string");
        }
        return node.asText();
    }

    /** A string field that must be there and not be empty. */
    static String requiredText(JsonNode parent, String name, String path) throws ManifestException {
        String value = text(parent, name, path, "");
        if (value.isEmpty()) {
            throw ManifestException.invalid(path, "must be a non-empty string");
        }
        return value;
    }

    /** A boolean field, or {@code fallback} when absent. */
    static boolean bool(JsonNode parent, String name, String path, boolean fallback) throws ManifestException {
        JsonNode node = get(parent, name);
        if (node == null) {
            return fallback;
        }
        if (!node.isBoolean()) {
            throw ManifestException.invalid(path, "must be true or false");
        }
        return node.booleanValue();
    }

    /** The node as an object, or a failure naming {@code path}. */
    static ObjectNode object(JsonNode node, String path) throws ManifestException {
        if (node instanceof ObjectNode object) {
            return object;
        }
        throw ManifestException.invalid(path, "must be an object");
    }

    /** The members of an object, in document order. */
    static Iterator<Map.Entry<String, JsonNode>> members(ObjectNode object) {
        return object.properties().iterator();
    }
}
