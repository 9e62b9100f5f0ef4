package dev.hearth.mango;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Optional;

/**
 * The six JSON types in CouchDB collation order, named as Mango's {@code $type} operator names
 * them.
 */
public enum JsonType {
    /** {@code null}. */
    NULL,
    /** {@code true} and {@code false}. */
    BOOLEAN,
    /** Any number, whatever its representation. */
    NUMBER,
    /** Strings (and, leniently, binary or POJO nodes, taken as their text). */
    STRING,
    /** Arrays. */
    ARRAY,
    /** Objects. */
    OBJECT;

    /** The name used by {@code $type}, such as {@code "number"}. */
    public String typeName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type of a node; a missing node counts as {@code null}. */
    public static JsonType of(JsonNode node) {
        return switch (node.getNodeType()) {
            case NULL, MISSING -> NULL;
            case BOOLEAN -> BOOLEAN;
            case NUMBER -> NUMBER;
            case STRING, BINARY, POJO -> STRING;
            case ARRAY -> ARRAY;
            case OBJECT -> OBJECT;
        };
    }

    /** The type with the given {@code $type} name, if there is one. */
    public static Optional<JsonType> fromName(String name) {
        for (JsonType type : values()) {
            if (type.typeName().equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
